"""Which pages are the course's terms, newest first: the ``schedule-term-pages`` event.

The site's year switcher, newest-term card and 404 page ask through the event, so they
import nothing of the schedule part.  A term page is a page with a schedule that has a
year and is not an ``:example:``; the newest is the one with the latest year and, for a
course taught twice a year, the latest first day.
"""

from __future__ import annotations

from datetime import date

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import schedule_domain


def term_pages(app: Sphinx, env: BuildEnvironment) -> list[tuple[int, str]]:
    """(year, docname) of every term page, newest first: each page with a schedule that
    has a year and is not an ``:example:`` (the ``schedule-term-pages`` event's answer)."""
    found = {docname: record for docname, records in schedule_domain(env).records.items()
             for record in reversed(records) if record.year is not None and not record.example}

    def newest_first(docname: str) -> tuple[int, date, str]:
        # two terms of one year (spring and fall): the later first day is the newer term
        record = found[docname]
        term = record.schedule.term
        first_day = term.first_day if term is not None and term.first_day else date.min
        return (record.year or 0, first_day, docname)

    return [(found[docname].year or 0, docname)
            for docname in sorted(found, key=newest_first, reverse=True)]


def setup(app: Sphinx) -> None:
    app.add_event("schedule-term-pages")
    app.connect("schedule-term-pages", term_pages)
