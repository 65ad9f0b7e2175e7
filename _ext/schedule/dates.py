"""The calendar dates of a term's weeks, computed from its ``term:`` facts.

Weeks are Monday-based, as a university timetable counts them: week 1 is the Monday to
Sunday that contains ``first_day`` (which may be any day of that week), week N starts
7·(N-1) days later.  The class meets once a week on ``weekday`` (when it is not given,
on the weekday of ``first_day``).  A meeting that falls on one of ``holidays`` is
cancelled: the week keeps its dates but shows "no class".

Times are wall-clock times in the term's IANA ``timezone`` (via :mod:`zoneinfo`), so a
class at 15:10 stays at 15:10 local time when daylight saving time begins or ends and
only its UTC offset changes.  Without ``first_day`` (the legacy years, which only say
which weekday the class met) nothing is computed: dates are never invented.

This module is pure computation; nodes, files and warnings are made elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..locale import ENGLISH, Words
from .model import WEEKDAYS, Schedule, Term, weeks


@dataclass(frozen=True)
class WeekDates:
    """When one week of the term is, and when (and whether) its class meets."""

    week: int
    first: dt.date
    """The Monday that begins the week."""
    last: dt.date
    """The Sunday that ends it."""
    meeting: dt.date
    """The day the class meets (or would meet, if ``cancelled``)."""
    cancelled: bool
    """The meeting day is a holiday: no class that week."""
    start: dt.datetime | None
    """Timezone-aware start of the meeting, when the term gives ``start``."""
    end: dt.datetime | None
    """Timezone-aware end of the meeting, when the term gives ``end``."""
    timezone: str


def has_dates(term: Term | None) -> bool:
    """Whether weeks of this term get dates (only when ``first_day`` is given)."""
    return term is not None and term.first_day is not None


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def meeting_weekday(term: Term) -> int:
    """0 for Monday … 6 for Sunday: ``weekday`` if given, else that of ``first_day``."""
    if term.weekday is not None:
        return WEEKDAYS.index(term.weekday)
    assert term.first_day is not None
    return term.first_day.weekday()


def _at(day: dt.date, clock: dt.time | None, zone: ZoneInfo) -> dt.datetime | None:
    if clock is None:
        return None
    return dt.datetime.combine(day, clock.replace(tzinfo=None), tzinfo=zone)


def week_dates(term: Term | None, week: int) -> WeekDates | None:
    """The dates of week ``week`` (1-based), or ``None`` when the term has no first day."""
    if term is None or term.first_day is None or week < 1:
        return None
    zone = ZoneInfo(term.timezone)
    first = monday_of(term.first_day) + dt.timedelta(weeks=week - 1)
    meeting = first + dt.timedelta(days=meeting_weekday(term))
    return WeekDates(
        week=week, first=first, last=first + dt.timedelta(days=6), meeting=meeting,
        cancelled=meeting in term.holidays,
        start=_at(meeting, term.start, zone), end=_at(meeting, term.end, zone),
        timezone=term.timezone)


def day_label(day: dt.date, _: Words = ENGLISH) -> str:
    """``Wed, Feb 25`` (``2月25日（周三）`` in Chinese): the date under a week's label.

    Babel formats it with the build's language (never the machine's locale), from a
    CLDR pattern that the catalog translates along with the words around it.
    """
    # NOTE: a CLDR date pattern (EEE weekday, MMM month name, M month, d day); quote
    # literal letters with '…'.  Chinese: M月d日（EEE）
    return _.date(day, _("EEE, MMM d"))


def term_problems(term: Term | None) -> list[str]:
    """What in the term facts makes the computed dates doubtful, in words for staff.

    Nothing is reported for terms without ``first_day``: legacy years give a weekday and
    times only, and that is expected.
    """
    if term is None or term.first_day is None:
        return []
    problems = []
    if (term.start is None) != (term.end is None):
        given, missing = ("start", "end") if term.end is None else ("end", "start")
        problems.append(f"term gives '{given}' but not '{missing}'; calendar events need "
                        "both times (or neither, for all-day events)")
    first = week_dates(term, 1)
    assert first is not None
    if first.meeting < term.first_day:
        problems.append(
            f"week 1's meeting day ({WEEKDAYS[first.meeting.weekday()]} "
            f"{first.meeting.isoformat()}) is before first_day "
            f"{term.first_day.isoformat()}; weeks are Monday-based, so check "
            "'first_day' and 'weekday'")
    last = week_dates(term, term.weeks)
    assert last is not None
    for holiday in term.holidays:
        if not first.first <= holiday <= last.last:
            problems.append(f"holiday {holiday.isoformat()} is outside the term's "
                            f"{term.weeks} weeks ({first.first.isoformat()} to "
                            f"{last.last.isoformat()})")
    return problems


def dated_weeks(schedule: Schedule) -> dict[int, WeekDates]:
    """The dates of every week number that has a row, in week order; ``{}`` without dates.

    The one place a schedule's weeks get their dates: the table shows them, the calendar
    makes an event of each uncancelled meeting and the JSON export lists them all.
    """
    if not has_dates(schedule.term):
        return {}
    found = {}
    for number in sorted({week.week for week in weeks(schedule)}):
        dates = week_dates(schedule.term, number)
        if dates is not None:
            found[number] = dates
    return found
