"""What becomes of an invalid item, so one mistake gives one warning.

:mod:`.validation` reports each error once; this module holds what it does next: name the
nearest field for an unknown key (a typo), fill a missing shown text with a visible
placeholder when the rest of the item is sound, and mark the lecture after a left-out
one, so the lecture-order check does not report a gap the first warning explains.
"""

from __future__ import annotations

import copy
import difflib
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from ..links.walker import model_in
from ..model.schedule import Lecture, LecturePart, Reading, Schedule, Week, weeks
from .yaml_lines import DataPath


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model of the item a pydantic ``loc`` leads to (list indices and union members
    pass through)."""
    model: type[BaseModel] = Schedule
    for part in loc:
        field = model.model_fields.get(part) if isinstance(part, str) else None
        if field is not None:
            model = model_in(field.annotation) or model
    return model


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that holds the last part of a pydantic ``loc``."""
    return list(_model_at(loc[:-1]).model_fields)


PLACEHOLDERS: dict[tuple[type[BaseModel], str], str] = {
    (Week, "topic"): "(topic missing)",
    (Lecture, "title"): "(title missing)",
    (LecturePart, "title"): "(title missing)",
    (Reading, "title"): "(title missing)",
}
"""Shown text that may be missing while the rest of its item is sound: the item stays on
the page with this visible placeholder (and one warning), rather than being left out and
setting off warnings about its neighbours (a lecture-order gap)."""


def placeholder_for(error: Mapping[str, Any], item: Any) -> tuple[str, str] | None:
    """(field, placeholder) when ``error`` is only a missing shown text of ``item``."""
    loc = tuple(error["loc"])
    if error["type"] == "missing" and loc and isinstance(loc[-1], str):
        text = PLACEHOLDERS.get((_model_at(loc[:-1]), loc[-1]))
        return (loc[-1], text) if text else None
    if (error["type"] == "value_error" and _model_at(loc) is Lecture and isinstance(item, dict)
            and "number" in item and "title" not in item and "parts" not in item):
        return "title", PLACEHOLDERS[(Lecture, "title")]
    return None


def item_of(path: DataPath) -> DataPath:
    """The list item (lecture, week, ...) that holds ``path``; () for the top level."""
    for end in range(len(path), 0, -1):
        if isinstance(path[end - 1], int):
            return path[:end]
    return ()


def value_at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def with_placeholders(data: Any, fills: dict[DataPath, str]) -> Any:
    """A copy of ``data`` with placeholder values added at ``fills`` (original paths)."""
    if not fills:
        return data
    data = copy.deepcopy(data)
    for path, text in fills.items():
        value_at(data, path[:-1])[path[-1]] = text
    return data


KEY_HINTS: dict[str, tuple[str, str]] = {
    "time": ("start", "give the time as 'start' and 'end', each \"HH:MM\" (quoted), e.g. "
             "start: \"15:10\" and end: \"18:00\""),
    "speakers": ("speaker", "did you mean 'speaker'? (one text, e.g. 'Ada Lovelace, Google')"),
    "link": ("url", "did you mean 'url'?"),
}
"""Keys staff write for a field named otherwise, by the field that must exist there, and
what to say instead of a "did you mean" that a plain string match would give (``time``
is nearest to ``timezone``)."""
CLOSE = 0.75
"""How alike (difflib's ratio) a key must be to a field for "did you mean"."""


def unknown_key(loc: tuple[Any, ...]) -> str:
    """``unknown key 'tittle'; did you mean 'title'?``: the usual cause is a typo."""
    key = str(loc[-1]) if loc else ""
    fields = _fields_at(loc)
    shown = repr(key)
    plain = unicodedata.normalize("NFKC", key).strip().casefold()
    hint = KEY_HINTS.get(plain)
    if hint is not None and hint[0] in fields:
        return f"unknown key {shown}; {hint[1]}"
    if plain in fields:
        return (f"unknown key {shown}; keys are written in lower-case ASCII letters: "
                f"{plain!r}")
    near = difflib.get_close_matches(plain, fields, n=1, cutoff=CLOSE)
    if near:
        return f"unknown key {shown}; did you mean {near[0]!r}?"
    return f"unknown key {shown}; expected one of: {', '.join(fields)}"


def misspelt_fields(errors: list[Any], data: Any,
                    locate: Callable[[tuple[Any, ...], Any], DataPath]
                    ) -> set[tuple[DataPath, str]]:
    """(item path, field) of each required field that is missing because its key is
    misspelt (``section:`` for ``sections:``): the unknown key's warning already names the
    field, so a second "required field is missing" would report one mistake twice.
    ``locate`` turns a pydantic ``loc`` into the data path of its item."""
    unknown: dict[DataPath, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            parent = locate(error["loc"][:-1], data)
            key = unicodedata.normalize("NFKC", str(error["loc"][-1])).strip().casefold()
            unknown.setdefault(parent, []).append(KEY_HINTS.get(key, (key,))[0])
    found = set()
    for error in errors:
        if error["type"] == "missing" and error["loc"] and isinstance(error["loc"][-1], str):
            parent, field = locate(error["loc"][:-1], data), error["loc"][-1]
            if difflib.get_close_matches(field, unknown.get(parent, []), n=1, cutoff=CLOSE):
                found.add((parent, field))
    return found


def mark_gaps(schedule: Schedule, data: Any, dropped: set[DataPath],
               to_original: dict[DataPath, DataPath]) -> None:
    """Mark each lecture that follows a left-out lecture (or week), so the lecture-order
    check does not report the gap that the invalid item's own warning already explains."""
    original_of = {id(item): to_original.get(path, path)
                   for path, item in _lecture_paths(schedule)}
    kept = set(original_of.values())
    gap = False
    for path in _lecture_paths_in(data):
        if path not in kept or any(path[:end] in dropped for end in range(1, len(path) + 1)):
            gap = True
            continue
        if gap:
            for week in weeks(schedule):
                for lecture in week.lectures:
                    if original_of.get(id(lecture)) == path:
                        lecture._after_gap = True
            gap = False


def _lecture_paths(schedule: Schedule) -> list[tuple[DataPath, Lecture]]:
    return [(("sections", s, "weeks", w, "lectures", n), lecture)
            for s, section in enumerate(schedule.sections)
            for w, week in enumerate(section.weeks)
            for n, lecture in enumerate(week.lectures)]


def _items(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _lecture_paths_in(data: Any) -> list[DataPath]:
    return [("sections", s, "weeks", w, "lectures", n)
            for s, section in enumerate(_items(data, "sections"))
            for w, week in enumerate(_items(section, "weeks"))
            for n, _ in enumerate(_items(week, "lectures"))]
