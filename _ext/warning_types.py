"""The one registry of warning subtypes the schedule extension emits.

Every warning is logged with ``type="schedule"`` and one of the subtypes below, so
course staff can silence a whole class of warnings with Sphinx's own setting, e.g.
``suppress_warnings = ["schedule.lecture-order"]``, or one item's warning in the data
with ``acknowledge: {lecture-order: "reason"}``.  Keeping the list in one place lets the
docs page, the JSON Schema and the tests all read the same names.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.util import logging

WARNING_TYPE = "schedule"


@dataclass(frozen=True)
class WarningSubtype:
    """One kind of problem: its name and what it means to course staff."""

    name: str
    summary: str
    acknowledgeable: bool = False
    """Whether a data item may silence this warning with ``acknowledge:``."""


SUBTYPES: dict[str, WarningSubtype] = {
    s.name: s
    for s in (
        WarningSubtype("yaml", "The schedule block is not valid YAML, or uses YAML features "
                       "a schedule does not need (aliases, deep nesting, huge blocks)."),
        WarningSubtype("invalid", "A value has the wrong shape, a required field is missing, "
                       "or a key is unknown; the offending item is left out of the table."),
        WarningSubtype("file", "The ``:file:`` of a schedule directive cannot be read."),
        WarningSubtype("link-scheme", "A link uses a scheme other than http, https, mailto or "
                       "a relative path; it is refused and shown as plain text.", True),
        WarningSubtype("slides-missing", "A slides (or material) path has no file in the local "
                       "``files/`` tree; checked only when that tree exists.", True),
        WarningSubtype("slides-other-year", "A slides path lies in another year's folder, or "
                       "outside this year's ``files/ppt/<year>/`` folder altogether.", True),
        WarningSubtype("slides-reused", "One slides file is linked for lectures or readings "
                       "with different titles or numbers (lectures that share a file on "
                       "purpose are one entry with ``parts``).", True),
        WarningSubtype("lecture-order", "Lecture numbers, through the whole schedule, go "
                       "backwards, overlap (16-17 then 17-18) or skip (5 then 7).", True),
        WarningSubtype("week-order", "Week numbers are duplicated, out of order, or outside the "
                       "term's week count.", True),
        WarningSubtype("acknowledged-unused", "An ``acknowledge:`` entry silences a warning that "
                       "no longer occurs; remove it so it cannot hide a future problem."),
        WarningSubtype("dates", "The term's dates cannot be computed (e.g. an unknown timezone)."),
    )
}


def warning_kwargs(subtype: str) -> dict[str, str]:
    """Keyword arguments for ``logger.warning`` so the warning is typed and suppressible."""
    if subtype not in SUBTYPES:  # a programming error in the extension, not user input
        raise KeyError(f"unregistered schedule warning subtype {subtype!r}")
    return {"type": WARNING_TYPE, "subtype": subtype}


logger = logging.getLogger("schedule")


def warn(message: str, subtype: str, location: object) -> None:
    """Log a typed schedule warning at ``location`` (a node, ``(docname, line)`` or text)."""
    logger.warning(message, location=location, **warning_kwargs(subtype))
