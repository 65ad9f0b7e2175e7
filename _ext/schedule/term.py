"""The ``{term}`` directive: a year page's term line, written from its ``term:`` block.

The legacy pages wrote the line by hand (``**Spring 2022 - Wed 3:10-6:00 PM, Peking
University**``), so a new year had to edit it beside the data that says the same; a
typo ("Web" for "Wed") went unnoticed.  Here the line is made from the page's schedule:
the directive leaves a placeholder and, once the whole page is parsed (a transform, when
the page's schedule blocks are known), it becomes the line.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..warning_types import Subtype, warn
from .domain import schedule_domain
from .nodes import schedule_text

if TYPE_CHECKING:  # registered at start-up; the model loads with a schedule
    from .model import Term


class term_line(nodes.General, nodes.Element):
    """Placeholder for the term line, filled when the page has been read."""


class TermDirective(SphinxDirective):
    """``{term}``: no arguments, no body; the term of this page's first schedule."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = term_line()
        self.set_source_info(node)
        return [node]


def _clock(time: dt.time) -> tuple[str, str]:
    """``("3:10", "PM")`` for 15:10, the way the course has always written times."""
    hour = time.hour % 12 or 12
    return f"{hour}:{time.minute:02d}", "AM" if time.hour < 12 else "PM"


def meeting_time(term: Term) -> str:
    """``3:10-6:00 PM`` (or ``11:00 AM-1:00 PM``); ``""`` without a start time."""
    if term.start is None:
        return ""
    start, start_half = _clock(term.start)
    if term.end is None:
        return f"{start} {start_half}"
    end, end_half = _clock(term.end)
    if start_half == end_half:
        return f"{start}-{end} {end_half}"
    return f"{start} {start_half}-{end} {end_half}"


def term_text(term: Term) -> str:
    """``Spring 2022 - Wed 3:10-6:00 PM, Peking University`` from the term's facts."""
    when = " ".join(part for part in (term.weekday or "", meeting_time(term)) if part)
    text = ", ".join(part for part in (when, term.location or "") if part)
    return " - ".join(part for part in (term.name or "", text) if part)


class FillTermLines(SphinxTransform):
    """Replace each placeholder with the line of the page's first schedule with a term.

    A transform that runs before Sphinx's ``Locale`` (priority 20), once the page's
    schedule blocks are read: the line is a message of its own (a
    :class:`~.nodes.schedule_text` at the directive's line), so ``make gettext`` extracts
    it and a translated build shows its ``msgstr``, checked like any schedule text.
    """

    default_priority = 15

    def apply(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(term_line))
        if not placeholders:
            return
        docname = self.env.docname
        domain = schedule_domain(self.env)
        records = domain.records.get(docname, [])
        term = next((r.schedule.term for r in records if r.schedule.term is not None), None)
        text = term_text(term) if term is not None else ""
        # one mistake, one warning: a schedule that could not be read, or whose 'term:'
        # was left out as invalid, has been reported; the line is then simply not shown
        reported = bool(domain.failed.get(docname)) or any(
            r.schedule._term_reported
            or (r.schedule.term is not None and r.schedule.term._invalid)
            for r in records)
        for node in placeholders:
            if not text:
                if not reported:
                    warn("the {term} line needs a schedule with a 'term:' block (name, "
                         "weekday, start, end, location) on this page", Subtype.INVALID, node)
                node.parent.remove(node)
                continue
            message = schedule_text(text, text)
            message.source, message.line = node.source, node.line
            node.replace_self(nodes.paragraph("", "", nodes.strong("", "", message),
                                              classes=["schedule-term"]))


def setup(app: Sphinx) -> None:
    app.add_node(term_line)
    app.add_directive("term", TermDirective)
    app.add_transform(FillTermLines)
