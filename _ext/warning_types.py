"""The one registry of warning subtypes the course extension emits.

Every warning is logged with ``type="schedule"`` and one :class:`Subtype`, so course
staff can silence a whole class of warnings with Sphinx's own setting, e.g.
``suppress_warnings = ["schedule.lecture-order"]``, or one item's warning in the data
with ``acknowledge: {lecture-order: "reason"}``.  :func:`warn` takes only a
:class:`Subtype`, so a type checker holds every call to a registered name (the way
MyST-Parser's ``MystWarnings`` does); the guide's warning table, the JSON Schema's
``acknowledge`` keys and the tests all read this one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sphinx.util import logging

WARNING_TYPE = "schedule"


class Subtype(str, Enum):
    """Every warning subtype, by the name ``suppress_warnings`` and ``acknowledge`` use."""

    YAML = "yaml"
    INVALID = "invalid"
    FILE = "file"
    LINK_SCHEME = "link-scheme"
    LINK_TARGET = "link-target"
    SLIDES_MISSING = "slides-missing"
    SLIDES_OTHER_YEAR = "slides-other-year"
    SLIDES_REUSED = "slides-reused"
    LECTURE_ORDER = "lecture-order"
    WEEK_ORDER = "week-order"
    HOLIDAY_CLASS = "holiday-class"
    TITLE_FILE_NAME = "title-file-name"
    ACKNOWLEDGED_UNUSED = "acknowledged-unused"
    DATES = "dates"
    EXPORT_NAME = "export-name"
    UNDOCUMENTED_FIELD = "undocumented-field"
    NO_TERM_PAGES = "no-term-pages"
    SETTING = "setting"
    TRANSLATION = "translation"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True)
class WarningSubtype:
    """What one kind of problem means to course staff, and whether data may silence it."""

    subtype: Subtype
    summary: str
    acknowledgeable: bool = False
    """Whether a data item may silence this warning with ``acknowledge:``."""

    @property
    def name(self) -> str:
        return self.subtype.value


SUBTYPES: dict[str, WarningSubtype] = {
    entry.name: entry
    for entry in (
        WarningSubtype(Subtype.YAML, "The schedule block is not valid YAML, or uses YAML "
                       "features a schedule does not need (aliases, deep nesting, huge blocks)."),
        WarningSubtype(Subtype.INVALID, "A value has the wrong shape, a required field is "
                       "missing, or a key is unknown; the offending item is left out of the "
                       "table."),
        WarningSubtype(Subtype.FILE, "The ``:file:`` of a schedule directive cannot be read "
                       "(or lies outside the project), or a file of the local ``files/`` "
                       "tree cannot be copied into the HTML output."),
        WarningSubtype(Subtype.LINK_SCHEME, "A link uses a scheme other than http, https, "
                       "mailto or a relative path; it is refused and shown as plain text.", True),
        WarningSubtype(Subtype.LINK_TARGET, "A link has no scheme and leads off the site or "
                       "nowhere: it starts with ``//``, is a host name written without "
                       "``https://`` (``github.com/foo``; neither is rendered as a link), or is "
                       "a relative path outside the slides tree that matches no page or file "
                       "of the project.", True),
        WarningSubtype(Subtype.SLIDES_MISSING, "A slides (or material) path has no file in the "
                       "local ``files/`` tree; checked only when that tree exists.", True),
        WarningSubtype(Subtype.SLIDES_OTHER_YEAR, "A slides path lies in another year's "
                       "folder, or outside this year's (``schedule_slides_dir``) altogether.",
                       True),
        WarningSubtype(Subtype.SLIDES_REUSED, "One slides file is linked for lectures or "
                       "readings with different titles or numbers (lectures that share a file "
                       "on purpose are one entry with ``parts``).", True),
        WarningSubtype(Subtype.LECTURE_ORDER, "Lecture numbers, through the whole schedule, go "
                       "backwards, overlap (16-17 then 17-18) or skip (5 then 7).", True),
        WarningSubtype(Subtype.WEEK_ORDER, "Week numbers are duplicated, out of order, or "
                       "outside the term's week count.", True),
        WarningSubtype(Subtype.HOLIDAY_CLASS, "A holiday falls on the class day of a week "
                       "that still has lectures, readings or projects; the table says \"no "
                       "class\" and the calendar has no event, so move them or the holiday.",
                       True),
        WarningSubtype(Subtype.TITLE_FILE_NAME, "A lecture or reading title ends in a file "
                       "extension such as ``.pdf`` (copied from a slides file name).", True),
        WarningSubtype(Subtype.ACKNOWLEDGED_UNUSED, "An ``acknowledge:`` entry silences a "
                       "warning that no longer occurs; remove it so it cannot hide a future "
                       "problem."),
        WarningSubtype(Subtype.DATES, "The term's dates cannot be computed (e.g. an unknown "
                       "timezone)."),
        WarningSubtype(Subtype.EXPORT_NAME, "A schedule's calendar or JSON file cannot have "
                       "its name: another block of the folder makes the same one "
                       "(``years/2030/index.md`` and ``years/2030/schedule.md`` both make "
                       "``schedule-2030``; the year's index page keeps it), it is a page's "
                       "output or a folder of it, a file of ``html_extra_path``, or longer "
                       "than a file name may be; that block offers no download of it."),
        WarningSubtype(Subtype.UNDOCUMENTED_FIELD, "A field of the schedule model has no "
                       "description, so the guide's field table would have a blank meaning "
                       "(a fault in ``_ext/schedule/model/schedule.py``, not in a schedule)."),
        WarningSubtype(Subtype.NO_TERM_PAGES, "A ``{year-switcher}`` or ``{newest-year}`` has "
                       "no term page to show: no page has a schedule with a year (one with "
                       "``:example:`` does not count)."),
        WarningSubtype(Subtype.SETTING, "A setting in ``conf.py`` (``schedule_*``, "
                       "``html_baseurl``) or a value from the environment "
                       "(``SOURCE_DATE_EPOCH``, ``READTHEDOCS_CANONICAL_URL``) has the wrong "
                       "shape or is out of range; the default is used instead."),
        WarningSubtype(Subtype.TRANSLATION, "A translation (``msgstr``) of a schedule's text "
                       "holds a control or invalid character, or is longer than a schedule "
                       "text may be; the original text is shown instead."),
    )
}
assert set(SUBTYPES) == {member.value for member in Subtype}, "every Subtype is described"

ACKNOWLEDGEABLE: tuple[str, ...] = tuple(
    name for name, entry in SUBTYPES.items() if entry.acknowledgeable)
"""The subtypes a data item may silence with ``acknowledge:``, in registry order."""


def warning_kwargs(subtype: Subtype) -> dict[str, str]:
    """Keyword arguments for ``logger.warning`` so the warning is typed and suppressible."""
    return {"type": WARNING_TYPE, "subtype": Subtype(subtype).value}


logger = logging.getLogger("schedule")


MAX_WARNING = 1000
"""Longest warning line, in characters: a 60,000-character key quoted in a message would
otherwise make a warning no terminal or log viewer shows usefully."""


def bounded(text: str, limit: int = 200) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit - 40]}… [{len(text) - limit + 40} more characters]"


def warn(message: str, subtype: Subtype, location: object) -> None:
    """Log a typed schedule warning at ``location`` (a node, ``(docname, line)`` or text).

    A message longer than :data:`MAX_WARNING` keeps its start (what is wrong, where) and
    its end (what was expected) and says how much of the quoted text in between was cut.
    """
    if len(message) > MAX_WARNING:
        cut = len(message) - MAX_WARNING + 60
        message = (f"{message[:MAX_WARNING * 2 // 3]} … [{cut} characters left out] … "
                   f"{message[-(MAX_WARNING // 3 - 60):]}")
    logger.warning(message, location=location, **warning_kwargs(subtype))
