"""The year's schedule as JSON, for other tools (timetables, bots, the next site).

The file is the validated model exactly as :meth:`Schedule.model_dump` gives it (under
``schedule``, so it validates against the published ``schedule.schema.json``) plus the
computed dates of each week (under ``weeks``; empty for years without ``first_day``).
The envelope is itself a pydantic model, so :func:`export_schema` gives its JSON Schema
and the two can never drift apart.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, ConfigDict, Field

from ..schedule.dates import WeekDates, dated_weeks
from ..schedule.model import Schedule


class WeekExport(BaseModel):
    """The computed dates of one week that has a row in the schedule."""

    model_config = ConfigDict(extra="forbid")

    week: int = Field(ge=1)
    first_day: dt.date = Field(description="The Monday that begins the week.")
    last_day: dt.date = Field(description="The Sunday that ends the week.")
    meeting: dt.date = Field(description="The day the class meets (or would have met).")
    cancelled: bool = Field(description="True when the meeting day is a holiday.")
    start: dt.datetime | None = Field(description="Start of the meeting with UTC offset.")
    end: dt.datetime | None = Field(description="End of the meeting with UTC offset.")
    timezone: str

    @classmethod
    def of(cls, dates: WeekDates) -> WeekExport:
        return cls(week=dates.week, first_day=dates.first, last_day=dates.last,
                   meeting=dates.meeting, cancelled=dates.cancelled, start=dates.start,
                   end=dates.end, timezone=dates.timezone)


class ScheduleExport(BaseModel):
    """Everything published in ``schedule-<year>.json``."""

    model_config = ConfigDict(extra="forbid")

    year: int | None
    page: str = Field(description="The Sphinx document the schedule is on.")
    url: str | None = Field(description="The page's address (needs html_baseurl).")
    calendar: str | None = Field(description="File name of the iCalendar export, if any.")
    schedule: Schedule
    weeks: list[WeekExport]


def build_json(data: Schedule, *, year: int | None, docname: str, url: str | None,
               calendar: str | None) -> bytes:
    """The JSON bytes: stable key order, UTF-8, two-space indent, final newline."""
    weeks = [WeekExport.of(dates) for dates in dated_weeks(data).values()]
    export = ScheduleExport(year=year, page=docname, url=url, calendar=calendar,
                            schedule=data, weeks=weeks)
    document = export.model_dump(mode="json")
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_schema() -> dict[str, object]:
    """JSON Schema of the exported file (the schedule part is :class:`Schedule`'s)."""
    return ScheduleExport.model_json_schema()
