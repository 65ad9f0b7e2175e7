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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..calendar.week_flow import flow_weeks
from ..model.schedule import Item, Schedule
from .yaml_lines import DataPath, ReadResult
from .repair import (
    item_of,
    mark_gaps,
    misspelt_fields,
    placeholder_for,
    unknown_key,
    value_at,
    with_placeholders,
)

OPTIONAL_TOP_LEVEL = ("year", "term")
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


def _shown(value: Any) -> str:
    """``repr`` of a value for a message, shortened: a warning stays one readable line."""
    text = repr(value)
    return text if len(text) <= 80 else text[:76] + "...'"


def _message(error: Mapping[str, Any]) -> str:
    """A message that says what was expected; the constraint itself lives in the model."""
    kind, msg, got = error["type"], error["msg"], error.get("input")
    limits = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return unknown_key(tuple(error["loc"]))
    if kind == "missing":
        return "required field is missing"
    if kind == "string_too_long":
        return (f"text of {len(got or '')} characters is too long; at most "
                f"{limits['max_length']} are allowed")
    if got is None and kind.endswith("_type"):
        return "a key without a value; give one, or leave the key out if it is optional"
    if kind == "string_too_short" and limits.get("min_length") == 1:
        return "is empty; write the text, or leave the key out if it is optional"
    msg = msg.removeprefix("Value error, ")
    if kind not in ("value_error", "assertion_error") and not isinstance(got, (dict, list)):
        msg = f"{msg}; got {_shown(got)}"
    if kind == "string_type" and isinstance(got, (int, float, dt.date, dt.time)):
        msg += " (YAML read it as a number or date; put the value in quotes)"
    elif kind == "string_type" and isinstance(got, (bytes, bytearray)):
        msg += " (a !!binary or other tagged value; write plain text)"
    elif kind == "int_type" and isinstance(got, str) and got.strip().isdecimal():
        msg += " (a number in quotes is text; remove the quotes)"
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


def _header_part(path: DataPath) -> DataPath | None:
    """For an error in a schedule's or a section's ``headers``, the one header at fault
    (or ``headers`` itself): that column falls back to the level above, while the table,
    and the rest of the block, still render."""
    for at in (0, 2):  # headers: ..., sections[i].headers: ...
        if len(path) > at and path[at] == "headers" and (at == 0 or path[0] == "sections"):
            return path[:at + 2]
    return None


def _removable(path: DataPath, kind: str) -> DataPath | None:
    """The smallest part of the data to set aside for an error at ``path``."""
    if kind == "extra_forbidden" and path:
        return path
    if _header_part(path) is not None:
        return _header_part(path)
    for end in range(len(path), 0, -1):
        if isinstance(path[end - 1], int):
            return path[:end]
    if len(path) >= 2 and path[0] == "term":
        return path[:2]  # a wrong first_day or start loses that field, not the whole term
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
                  source: str, filled: set[DataPath]) -> None:
    if isinstance(obj, Item):
        obj._line = first_line + read.line_of(path) + 1
        obj._source = source
        obj._field_lines = {name: first_line + read.lines[path + (name,)] + 1
                            for name in type(obj).model_fields if path + (name,) in read.lines}
        obj._placeholders = {name for name in type(obj).model_fields
                             if path + (name,) in filled}
        obj._entry_lines = {
            (name, index): first_line + read.lines[path + (name, index)] + 1
            for name in type(obj).model_fields if isinstance(getattr(obj, name), list)
            for index in range(len(getattr(obj, name))) if path + (name, index) in read.lines}
        for name in type(obj).model_fields:
            _attach_lines(getattr(obj, name), path + (name,), read, first_line, source, filled)
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            _attach_lines(item, path + (index,), read, first_line, source, filled)


def validate(read: ReadResult, *, first_line: int, source: str
             ) -> tuple[Schedule | None, list[Problem]]:
    """Validate as much of ``read.data`` as possible.

    ``first_line`` is the 0-based source line of the block's first line and ``source``
    the file name, so each model item learns its ``file:line``.  Rows without ``week:``
    get their numbers here (:mod:`..calendar.week_flow`), so every consumer sees the same weeks.
    """
    problems: list[Problem] = []
    data = read.data
    to_original: dict[DataPath, DataPath] = {(): ()}
    if not isinstance(data, dict):
        got = "nothing" if data is None else type(data).__name__
        return None, [Problem((), 0, f"expected a mapping with 'sections', got {got}")]
    dropped: set[DataPath] = set()
    fills: dict[DataPath, str] = {}
    reported: set[DataPath] = set()  # items already warned about in an earlier round
    for _ in range(MAX_ROUNDS):
        try:
            schedule = Schedule.model_validate(data)
        except ValidationError as exc:
            fatal = False
            this_round: set[DataPath] = set()
            errors = exc.errors(include_url=False)
            typos = misspelt_fields(errors, data, _data_path)
            for error in errors:
                current = _data_path(error["loc"], data)
                original = to_original.get(current, current)
                named = original
                if error["type"] == "missing" and isinstance(error["loc"][-1], str):
                    named = original + (error["loc"][-1],)  # the absent key, for the message
                item = item_of(original)
                if (current, error["loc"][-1]) in typos:
                    pass  # 'section:' for 'sections:': the unknown key's warning says it
                elif item not in reported or not item:  # one mistake, one warning
                    problems.append(Problem(named, read.line_of(original), _message(error)))
                    this_round.add(item)
                placeholder = placeholder_for(error, value_at(data, current))
                if placeholder is not None:
                    fills[original + (placeholder[0],)] = placeholder[1]
                    continue
                removable = _removable(current, error["type"])
                if removable is None:
                    fatal = True
                else:
                    dropped.add(to_original.get(removable, removable))
            if fatal:
                return None, _unique(problems)
            reported |= this_round
            to_original = {}
            data = _without(with_placeholders(read.data, fills), dropped, (), to_original)
            continue
        # lines are attached through the original paths of the kept items
        original_read = read if not (dropped or fills) else ReadResult(
            data, {new: read.line_of(old) for new, old in to_original.items()})
        filled = {new for new, old in to_original.items() if old in fills}
        _attach_lines(schedule, (), original_read, first_line, source, filled)
        if dropped:
            mark_gaps(schedule, read.data, dropped, to_original)
        if schedule.term is not None:  # reported already: no check adds a second warning
            schedule.term._invalid = {str(path[1]) for path in dropped
                                      if len(path) == 2 and path[0] == "term"}
        flow_weeks(schedule)  # every row has its week number from here on
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
