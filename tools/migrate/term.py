"""The legacy term line, ``Spring 2022 - Wed 3:10-6:00 PM, Peking University``, as a ``term``."""

from __future__ import annotations

import calendar
import re
from typing import Any

from sphinx_course_schedule.schedule.model.schedule import WEEKDAYS

from .markup import squash
from .report import MigrationReport
from .schedule_yaml import Quoted

TIMEZONE = "Asia/Shanghai"
_TERM = re.compile(
    r"^(?P<name>(?:Spring|Summer|Fall|Autumn|Winter)\s+(?P<year>\d{4}))\s*[-–—]\s*"
    r"(?P<day>[A-Za-z]+)\.?\s+(?P<start>\d{1,2}:\d{2})\s*(?P<start_half>[AP]M)?\s*[-–]\s*"
    r"(?P<end>\d{1,2}:\d{2})\s*(?P<end_half>[AP]M)?\s*,\s*(?P<location>.+?)\s*$",
    re.IGNORECASE)
# calendar.day_name is English unless a program sets LC_TIME, which this tool never does
_SPELLINGS = {spelling.lower(): day for day, name in zip(WEEKDAYS, calendar.day_name)
              for spelling in (day, name)}
"""Accepted spellings of a weekday (``wed``, ``wednesday``) → the schedule's ``Wed``."""


def weekday(spelling: str) -> str | None:
    """The schedule's weekday (one of the model's ``WEEKDAYS``) for ``spelling``, or None."""
    return _SPELLINGS.get(spelling.lower())


def _clock(text: str, half: str | None) -> tuple[int, int]:
    hour, minute = (int(part) for part in text.split(":"))
    if half and half.upper() == "PM" and hour < 12:
        hour += 12
    if half and half.upper() == "AM" and hour == 12:
        hour = 0
    return hour, minute


def read_term(text: str, report: MigrationReport, line: int) -> dict[str, Any]:
    """``Spring 2022 - Wed 3:10-6:00 PM, Peking University`` as a ``term`` mapping."""
    match = _TERM.match(squash(text))
    if not match:
        report.warn(line, f"term line {text!r} not understood; the schedule has no term")
        return {}
    term: dict[str, Any] = {"name": match["name"]}
    day = weekday(match["day"])
    if day:
        term["weekday"] = day
    else:
        report.warn(line, f"{match['day']!r} in the term line is not a weekday; "
                          "left out of the term (the line itself is kept)")
    end = _clock(match["end"], match["end_half"])
    start = _clock(match["start"], match["start_half"])
    if not match["start_half"] and match["end_half"]:
        pm = _clock(match["start"], "PM")
        start = pm if pm <= end else start
    term["start"] = Quoted(f"{start[0]:02d}:{start[1]:02d}")
    term["end"] = Quoted(f"{end[0]:02d}:{end[1]:02d}")
    term["timezone"] = TIMEZONE
    term["location"] = match["location"]
    return term
