"""The calendar dates of a term's weeks, computed from its ``term:`` facts.

Weeks are Monday-based, as a university timetable counts them: week 1 is the Monday to
Sunday that contains ``first_day`` (which may be any day of that week), week N starts
7·(N-1) days later.  The class meets once a week on ``weekday`` (when it is not given,
on the weekday of ``first_day``).  A meeting that falls on one of ``holidays`` (a date,
a named date or a named range) is cancelled: the week keeps its dates but shows "no
class" and the holiday's name, unless a ``makeup_days`` entry replaces that holiday:
then the class meets on the make-up day instead (调休).

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

from ...locale import ENGLISH, Words
from ..model.schedule import WEEKDAYS, Holiday, HolidayRange, Schedule, Term, weeks


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
    holiday: str = ""
    """The name of the holiday that cancels the meeting (``""`` if unnamed or none)."""


def holiday_at(term: Term, day: dt.date) -> str | None:
    """The name of the holiday on ``day`` (``""`` if it has none), or ``None``."""
    for entry in term.holidays:
        if isinstance(entry, HolidayRange):
            if entry.first <= day <= entry.last:
                return entry.name or ""
        elif isinstance(entry, Holiday):
            if entry.date == day:
                return entry.name or ""
        elif entry == day:
            return ""
    return None


def holiday_span(entry: dt.date | Holiday | HolidayRange) -> tuple[dt.date, dt.date]:
    """First and last day of one ``holidays`` entry."""
    if isinstance(entry, HolidayRange):
        return entry.first, entry.last
    day = entry.date if isinstance(entry, Holiday) else entry
    return day, day


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
    holiday = holiday_at(term, meeting)
    made_up = next((day.date for day in term.makeup_days if day.replaces == meeting), None)
    if holiday is not None and made_up is not None:
        meeting, holiday = made_up, None  # the class meets on the make-up day instead
    return WeekDates(
        week=week, first=first, last=first + dt.timedelta(days=6), meeting=meeting,
        cancelled=holiday is not None, holiday=holiday or "",
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


EARLIEST_CLASS = dt.time(7, 0)
"""A start or end before this is almost surely an afternoon time written as on a 12-hour
clock (``start: "3:10"`` for 3:10 PM)."""


def term_problems(term: Term | None) -> list[tuple[str, str | None]]:
    """What in the term facts makes the computed dates doubtful, in words for staff, each
    with the ``file:line`` of the value at fault.

    Legacy terms without ``first_day`` give a weekday and times only: only their times
    are checked.  A field left out as invalid has had its warning and is not named again.
    """
    if term is None:
        return []
    problems: list[tuple[str, str | None]] = []
    for name in ("start", "end"):
        clock = getattr(term, name)
        if clock is not None and clock < EARLIEST_CLASS:
            later = f"{clock.hour + 12}:{clock.minute:02d}"
            problems.append((f"term.{name} {clock:%H:%M} is before 07:00; times are on the "
                             f"24-hour clock, so did you mean \"{later}\"?",
                             term.where_of(name)))
    if term.first_day is None:
        return problems
    if (term.start is None) != (term.end is None) and not term._invalid & {"start", "end"}:
        given, missing = ("start", "end") if term.end is None else ("end", "start")
        problems.append((f"term gives '{given}' but not '{missing}'; calendar events need "
                         "both times (or neither, for all-day events)", term.where_of(given)))
    first = week_dates(term, 1)
    assert first is not None
    if first.meeting < term.first_day:
        problems.append((
            f"week 1's meeting day ({WEEKDAYS[first.meeting.weekday()]} "
            f"{first.meeting.isoformat()}) is before first_day "
            f"{term.first_day.isoformat()}; weeks are Monday-based, so check "
            "'first_day' and 'weekday'", term.where_of("first_day")))
    last = week_dates(term, term.weeks)
    assert last is not None
    span = f"the term's {term.weeks} weeks ({first.first.isoformat()} to {last.last.isoformat()})"
    for index, entry in enumerate(term.holidays):
        low, high = holiday_span(entry)
        if high < first.first or low > last.last:
            shown = low.isoformat() if low == high else f"{low.isoformat()} to {high.isoformat()}"
            problems.append((f"holiday {shown} is outside {span}",
                             term.where_of_entry("holidays", index)))
    for day in term.makeup_days:
        if holiday_at(term, day.replaces) is None:
            problems.append((f"make-up day {day.date.isoformat()} replaces "
                             f"{day.replaces.isoformat()}, which is not in term.holidays; "
                             "add the holiday, or correct 'replaces'", day.where_of("replaces")))
        elif day.replaces.weekday() != meeting_weekday(term):
            problems.append((f"make-up day {day.date.isoformat()} replaces "
                             f"{day.replaces.isoformat()}, which is not a class day "
                             f"({WEEKDAYS[meeting_weekday(term)]}); it changes nothing",
                             day.where_of("replaces")))
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
