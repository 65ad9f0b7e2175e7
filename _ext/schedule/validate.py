"""Validate read data against the model, keeping every valid item.

A mistake in one lecture must not blank a whole year's table.  So instead of giving up
on the first error, each error is reported at its item's line and the smallest part that
holds it is set aside: an unknown key is dropped, a bad list item (a lecture, a week) is
left out, and validation runs again on the rest.  Only if the block's top level itself is
unusable is nothing rendered.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from .model import Item, Schedule
from .read import DataPath, ReadResult

OPTIONAL_TOP_LEVEL = ("year", "term")
MAX_TEXT = 500
"""Longest title, label or other shown text, in characters.  The longest real paper title
is about 200; a page-long "title" is a paste mistake, and one unbroken word of a thousand
or so characters makes the PDF build crash (xdvipdfmx), so longer text is refused."""
LINK_FIELDS = ("url", "slides")  # links are not shown as text, so they may be longer
MAX_ROUNDS = 20  # each round removes at least one part, so this is only a safety net


@dataclass(frozen=True)
class Problem:
    """One validation error: its path in the original data, its line and message."""

    path: DataPath
    line: int  # 0-based within the block
    message: str


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def field_path(path: DataPath) -> str:
    """``sections[0].weeks[2].lectures[1].slides`` for a path; ``(top level)`` for ().

    A key that is not a plain name is shown quoted with escapes (``repr``), so a hostile
    key cannot send terminal escape codes or a line break (a forged warning line) through
    the warning.
    """
    text = ""
    for part in path:
        if isinstance(part, str) and not _PLAIN_KEY.fullmatch(part):
            part = repr(part)
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


_ALLOWED_CONTROLS = frozenset("\t\n\r")


def _unshowable(text: str) -> str | None:
    """The first character that no output can show, as ``U+XXXX``; ``None`` if there is none.

    YAML escapes (``"\\0"``, ``"\\e"``, ``"\\x85"``, ``"\\ud800"``) let control characters,
    lone surrogates and noncharacters into the data.  HTML cannot carry some of them,
    LaTeX stops on them and a terminal may obey them, so they are refused like any other
    invalid value.  Format characters (bidi marks, zero-width joiners) are real text and
    stay.
    """
    for char in text:
        category = unicodedata.category(char)
        code = ord(char)
        if ((category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs"
                or (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF):
            return f"U+{code:04X}"
    return None


def _unshowable_values(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """(path, message) of every string value that no output could show as it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _unshowable_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _unshowable_values(value, path + (index,))
    elif isinstance(data, str):
        found = _unshowable(data)
        if found:
            yield path, (f"contains the control or invalid character {found}, which "
                         "cannot be shown; remove it")
        elif len(data) > MAX_TEXT and not (path and path[-1] in LINK_FIELDS):
            yield path, (f"text of {len(data)} characters is too long to show; "
                         f"at most {MAX_TEXT} are allowed")


def _message(error: dict[str, Any]) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown key; expected one of the documented fields (check the spelling)"
    if kind == "missing":
        return "required field is missing"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    got = error.get("input")
    if kind not in ("value_error", "assertion_error") and not isinstance(got, (dict, list)):
        msg = f"{msg}; got {got!r}"
    if kind == "string_type" and isinstance(got, (int, float, dt.date, dt.time)):
        msg += " (YAML read it as a number or date; put the value in quotes)"
    return msg


def _data_path(loc: tuple[Any, ...], data: Any) -> DataPath:
    """Keep only the parts of a pydantic ``loc`` that index into the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        # else: a pydantic-internal part such as a union member's name
    return tuple(path)


def _removable(path: DataPath, kind: str) -> DataPath | None:
    """The smallest part of the data to set aside for an error at ``path``."""
    if kind == "extra_forbidden" and path:
        return path
    for end in range(len(path), 0, -1):
        if isinstance(path[end - 1], int):
            return path[:end]
    if path and path[0] in OPTIONAL_TOP_LEVEL:
        return path[:1]
    return None


def _without(data: Any, drop: set[DataPath], origin: DataPath,
             index_map: dict[DataPath, DataPath], here: DataPath = ()) -> Any:
    """A copy of ``data`` minus the ``drop`` paths; ``index_map`` maps new paths to old."""
    index_map[here] = origin
    if isinstance(data, dict):
        return {key: _without(value, drop, origin + (key,), index_map, here + (key,))
                for key, value in data.items() if origin + (key,) not in drop}
    if isinstance(data, list):
        kept = [i for i in range(len(data)) if origin + (i,) not in drop]
        return [_without(data[i], drop, origin + (i,), index_map, here + (new,))
                for new, i in enumerate(kept)]
    return data


def _attach_lines(obj: Any, path: DataPath, read: ReadResult, first_line: int,
                  source: str) -> None:
    if isinstance(obj, Item):
        obj._line = first_line + read.line_of(path) + 1
        obj._source = source
        for name in type(obj).model_fields:
            _attach_lines(getattr(obj, name), path + (name,), read, first_line, source)
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            _attach_lines(item, path + (index,), read, first_line, source)


def validate(read: ReadResult, *, first_line: int, source: str
             ) -> tuple[Schedule | None, list[Problem]]:
    """Validate as much of ``read.data`` as possible.

    ``first_line`` is the 0-based source line of the block's first line and ``source``
    the file name, so each model item learns its ``file:line``.
    """
    problems: list[Problem] = []
    data = read.data
    to_original: dict[DataPath, DataPath] = {(): ()}
    if not isinstance(data, dict):
        got = "nothing" if data is None else type(data).__name__
        return None, [Problem((), 0, f"expected a mapping with 'sections', got {got}")]
    dropped: set[DataPath] = set()
    for path, message in _unshowable_values(data):
        problems.append(Problem(path, read.line_of(path), message))
        removable = _removable(path, "value_error")
        if removable is None:
            return None, _unique(problems)
        dropped.add(removable)
    if dropped:
        to_original = {}
        data = _without(read.data, dropped, (), to_original)
    for _ in range(MAX_ROUNDS):
        try:
            schedule = Schedule.model_validate(data)
        except ValidationError as exc:
            fatal = False
            for error in exc.errors(include_url=False):
                current = _data_path(error["loc"], data)
                original = to_original.get(current, current)
                named = original
                if error["type"] == "missing" and isinstance(error["loc"][-1], str):
                    named = original + (error["loc"][-1],)  # the absent key, for the message
                problems.append(Problem(named, read.line_of(original), _message(error)))
                removable = _removable(current, error["type"])
                if removable is None:
                    fatal = True
                else:
                    dropped.add(to_original.get(removable, removable))
            if fatal:
                return None, _unique(problems)
            to_original = {}
            data = _without(read.data, dropped, (), to_original)
            continue
        # lines are attached through the original paths of the kept items
        original_read = read if not dropped else ReadResult(
            data, {new: read.line_of(old) for new, old in to_original.items()})
        _attach_lines(schedule, (), original_read, first_line, source)
        return schedule, _unique(problems)
    return None, _unique(problems)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[DataPath, str]] = set()
    result = []
    for problem in problems:
        if (problem.path, problem.message) not in seen:
            seen.add((problem.path, problem.message))
            result.append(problem)
    return sorted(result, key=lambda p: p.line)
