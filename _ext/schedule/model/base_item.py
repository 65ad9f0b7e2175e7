"""The base of every schedule model: no unknown keys, and where in the source it stands.

Kept apart from :mod:`.schedule` so that models of parts of the term (:mod:`.holidays`) can
build on it without importing the whole model.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr


class Item(BaseModel):
    """Base of every model: no unknown keys, and the source line of the item."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              validate_default=False)

    _line: int | None = PrivateAttr(default=None)
    """1-based line in ``_source`` where the item starts; set by :mod:`..source.validation`."""
    _source: str | None = PrivateAttr(default=None)
    _field_lines: dict[str, int] = PrivateAttr(default_factory=dict)
    """1-based line of each field given in the source (a key's own line), by field name."""
    _placeholders: set[str] = PrivateAttr(default_factory=set)
    """Fields missing from the source that show a placeholder (set by :mod:`..source.validation`)."""
    _entry_lines: dict[tuple[str, int], int] = PrivateAttr(default_factory=dict)
    """1-based line of each entry of a list field (``("holidays", 2)``), for entries that are
    plain values with no line of their own (a holiday written as a date)."""

    @property
    def where(self) -> str | None:
        """``file:line`` of the item, in the form Sphinx warnings use."""
        if self._source is None:
            return None
        return f"{self._source}:{self._line}" if self._line else self._source

    def where_of(self, name: str) -> str | None:
        """``file:line`` of one field (e.g. ``slides:``), so a warning about a value
        points at the line that holds it; the item's own line if it is not known."""
        line = self._field_lines.get(name)
        if self._source is None or line is None:
            return self.where
        return f"{self._source}:{line}"

    def where_of_entry(self, name: str, index: int) -> str | None:
        """``file:line`` of entry ``index`` of the list field ``name``; else the field's."""
        line = self._entry_lines.get((name, index))
        if self._source is None or line is None:
            return self.where_of(name)
        return f"{self._source}:{line}"


def absent(value: Any) -> bool:
    """Whether an optional field was left out (so a dump leaves it out too)."""
    return value is None
