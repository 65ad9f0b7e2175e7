"""Weeks that flow: a week written without ``week:`` takes the next teaching week.

Rearranging a term (a festival, a cancelled class, three lectures moved) used to mean
renumbering every later ``week:`` by hand.  A row may leave the number out; it then is
the week after the row before it (in page order, across sections; week 1 for the first
row), and a week whose class day is a holiday is skipped and gets a row of its own that
says "no class" and the holiday's name.  Explicit numbers keep working, and a flowing row
after them continues from them.  Holidays can be skipped only when the term has dates.
"""

from __future__ import annotations

from .week_dates import week_dates
from ..model.value_types import MAX_WEEKS
from ..model.schedule import Schedule, Week


def no_class_row(number: int, before: Week, name: str) -> Week:
    """The row of a holiday week the flow skipped, placed where the skip happened."""
    row = Week.model_construct(week=number, topic=name, lectures=[], materials=[],
                               papers=[], projects=[], acknowledge={})
    row._no_class = True
    row._source, row._line = before._source, before._line
    return row


def flow_weeks(data: Schedule) -> None:
    """Give every row without ``week:`` its number, adding the skipped holiday rows."""
    previous = 0
    for section in data.sections:
        rows: list[Week] = []
        for week in section.weeks:
            if week.week is None:
                number = previous + 1
                while number < MAX_WEEKS:
                    dates = week_dates(data.term, number)
                    if dates is None or not dates.cancelled:
                        break
                    rows.append(no_class_row(number, week, dates.holiday))
                    number += 1
                week.week = number
            rows.append(week)
            previous = week.week
        section.weeks = rows
