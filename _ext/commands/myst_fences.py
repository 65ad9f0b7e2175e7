"""Find directives in a MyST page by its fences, for tools that edit pages as text.

``new-year`` rewrites a page's ``{schedule}`` bodies and its toctree while leaving every
other line as it is, so it works on lines rather than on a parsed document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\{(?P<name>[\w-]+)\}(?P<arg>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")


@dataclass
class Block:
    """One ``{schedule}`` directive in a page: where its body is, or its ``:file:``."""

    start: int  # index of the first body line (after options)
    end: int  # index of the closing fence line
    file: str | None


def directives(lines: list[str], name: str) -> Iterator[tuple[int, int, str]]:
    """(opening line, closing line, fence) of every ``{name}`` fence in ``lines``."""
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])),
                   len(lines))
        if match["name"] == name:
            yield index, end, fence
        index = end + 1


def fence_options(lines: list[str], start: int, end: int) -> tuple[dict[str, str], int]:
    """The ``:key: value`` options after an opening fence and the first body line."""
    options: dict[str, str] = {}
    index = start
    while index < end and (match := _OPTION.match(lines[index])):
        options[match["key"]] = match["value"]
        index += 1
    return options, index


def schedule_blocks(lines: list[str]) -> list[Block]:
    blocks = []
    for opening, closing, _fence in directives(lines, "schedule"):
        options, body = fence_options(lines, opening + 1, closing)
        blocks.append(Block(body, closing, options.get("file")))
    return blocks


def fenced_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside (or opening/closing) any fence of a MyST page."""
    inside: set[int] = set()
    opening: re.Match[str] | None = None
    for index, line in enumerate(lines):
        if opening is None:
            opening = re.match(r"^\s*(`{3,}|~{3,}|:{3,})", line)
            if opening:
                inside.add(index)
            continue
        inside.add(index)
        fence = opening[1]
        if re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
            opening = None
    return inside
