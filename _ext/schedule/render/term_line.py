"""The ``{term}`` directive: a year page's term line, written from its ``term:`` block.

The legacy pages wrote the line by hand (``**Spring 2022 - Wed 3:10-6:00 PM, Peking
University**``), so a new year had to edit it beside the data that says the same; a
typo ("Web" for "Wed") went unnoticed.  Here the line is made from the page's schedule:
the directive leaves a placeholder and, once the whole page is read (``doctree-read``,
when the page's schedule blocks are known), it becomes the line.

In another language the weekday and the times are Babel's ("周三 15:10–18:00") and the
term's name and location are the page's own text, looked up in the page's catalog like
the rest of the page (:func:`.translated_content.page_translation`); the ``gettext`` builder extracts them
as messages at the ``term:`` block's line.  English keeps the course's own spelling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from babel.dates import format_interval, get_day_names
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util.docutils import SphinxDirective

from ...locale import ENGLISH, N_, Words, build_words
from ...warning_types import Subtype, warn
from ..objects.domain import schedule_domain
from .translated_content import page_translation
from .nodes import schedule_text

if TYPE_CHECKING:  # registered at start-up; the model loads with a schedule
    from ..model.schedule import Term


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


WHEN_WHERE = N_("{when}, {location}")  # NOTE: "Wed 3:10-6:00 PM, Peking University"


def _local_when(term: Term, words: Words) -> str:
    """``周三 15:10–18:00``: the weekday and times in the build's language (Babel)."""
    from ..model.value_types import WEEKDAYS  # the model's names; pydantic loads with a schedule

    day = (get_day_names("abbreviated", locale=words.locale)[WEEKDAYS.index(term.weekday)]
           if term.weekday else "")
    if term.start is None:
        return day
    time = (format_interval(term.start, term.end, "Hm", locale=words.locale) if term.end
            else term.start.strftime("%H:%M"))
    return " ".join(part for part in (day, time) if part)


def term_text(term: Term, words: Words = ENGLISH,
              content: Callable[[str], str] = str) -> str:
    """``Spring 2022 - Wed 3:10-6:00 PM, Peking University`` from the term's facts;
    ``content`` translates the page's own text (the name and the location)."""
    if words.locale == "en":
        when = " ".join(part for part in (term.weekday or "", meeting_time(term)) if part)
    else:
        when = _local_when(term, words)
    location = content(term.location) if term.location else ""
    text = (words(WHEN_WHERE).format(when=when, location=location) if when and location
            else when or location)
    return " - ".join(part for part in (content(term.name) if term.name else "", text)
                      if part)


def _messages(term: Term, node: nodes.Element) -> nodes.paragraph:
    """For the ``gettext`` builder: the name and the location as messages of their own."""
    found = [schedule_text(text, text) for text in (term.name, term.location) if text]
    for message in found:
        message.source, message.line = term._source, term._line
    return nodes.paragraph("", "", *found, classes=["schedule-term"])


def fill_term_lines(app: Sphinx, doctree: nodes.document) -> None:
    """Replace each placeholder with the line of the page's first schedule with a term."""
    placeholders = list(doctree.findall(term_line))
    if not placeholders:
        return
    docname = app.env.docname
    domain = schedule_domain(app.env)
    records = domain.records.get(docname, [])
    term = next((r.schedule.term for r in records if r.schedule.term is not None), None)
    catalog = isinstance(app.builder, MessageCatalogBuilder)
    language = app.config.language
    words = build_words(language) if language != "en" else ENGLISH
    text = term_text(term, words, page_translation(app.env, docname)) if term is not None else ""
    # one mistake, one warning: a schedule that could not be read, or whose 'term:' was
    # left out as invalid, has been reported; the line is then simply not shown
    reported = bool(domain.failed.get(docname)) or any(
        r.schedule._term_reported or (r.schedule.term is not None and r.schedule.term._invalid)
        for r in records)
    for node in placeholders:
        if text and catalog:
            node.replace_self(_messages(term, node))
            continue
        if not text and reported:
            node.parent.remove(node)
            continue
        if not text:
            warn("the {term} line needs a schedule with a 'term:' block (name, weekday, "
                 "start, end, location) on this page", Subtype.INVALID, node)
            node.parent.remove(node)
            continue
        node.replace_self(nodes.paragraph("", "", nodes.strong(text, text),
                                          classes=["schedule-term"]))


def setup(app: Sphinx) -> None:
    app.add_node(term_line)
    app.add_directive("term", TermDirective)
    app.connect("doctree-read", fill_term_lines)
