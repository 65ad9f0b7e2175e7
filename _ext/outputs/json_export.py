"""The year's schedule as JSON, for other tools (timetables, bots, the next site).

The file is the validated model exactly as :meth:`Schedule.model_dump` gives it (under
``schedule``, so it validates against the published ``schedule.schema.json``) plus the
computed dates of each week (under ``weeks``; empty for years without ``first_day``).
The envelope is itself a pydantic model, so :func:`export_schema` gives its JSON Schema
and the two can never drift apart.

Links go out exactly as the page links them: a link the page refuses (a scheme such as
``javascript:`` or ``data:``, a protocol-relative ``//host``, a host name without its
scheme) must not become a live link in another tool, so a refused ``slides`` is written
as ``null`` and a material or code link with a refused ``url`` is left out.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..schedule.dates import WeekDates, dated_weeks
from ..schedule.links import is_linkable
from ..schedule.model import Schedule

LINKS_NOTE = ("Only links the page renders: a refused slides path (a scheme other than http, "
              "https or mailto, a protocol-relative //host, a host name without https://) is "
              "null, and a material or code link with a refused url is left out.")


class WeekExport(BaseModel):
    """The computed dates of one week that has a row in the schedule."""

    model_config = ConfigDict(extra="forbid")

    week: int = Field(ge=1)
    first_day: dt.date = Field(description="The Monday that begins the week.")
    last_day: dt.date = Field(description="The Sunday that ends the week.")
    meeting: dt.date = Field(description="The day the class meets (or would have met); a "
                                         "make-up day when one replaces the holiday.")
    cancelled: bool = Field(description="True when the meeting day is a holiday.")
    holiday: str | None = Field(
        default=None, description="The holiday's name when the meeting is cancelled ('' "
                                  "for an unnamed holiday); null when it is not.")
    start: dt.datetime | None = Field(description="Start of the meeting with UTC offset.")
    end: dt.datetime | None = Field(description="End of the meeting with UTC offset.")
    timezone: str

    @classmethod
    def of(cls, dates: WeekDates) -> WeekExport:
        return cls(week=dates.week, first_day=dates.first, last_day=dates.last,
                   meeting=dates.meeting, cancelled=dates.cancelled,
                   holiday=dates.holiday if dates.cancelled else None, start=dates.start,
                   end=dates.end, timezone=dates.timezone)


class ScheduleExport(BaseModel):
    """Everything published in ``schedule-<year>.json``."""

    model_config = ConfigDict(extra="forbid")

    year: int | None
    page: str = Field(description="The Sphinx document the schedule is on.")
    url: str | None = Field(description="The page's address (needs html_baseurl).")
    calendar: str | None = Field(description="File name of the iCalendar export, if any.")
    schedule: Schedule = Field(description="The validated schedule. " + LINKS_NOTE)
    weeks: list[WeekExport]


def build_json(data: Schedule, *, year: int | None, docname: str, url: str | None,
               calendar: str | None) -> bytes:
    """The JSON bytes: stable key order, UTF-8, two-space indent, final newline."""
    weeks = [WeekExport.of(dates) for dates in dated_weeks(data).values()]
    export = ScheduleExport(year=year, page=docname, url=url, calendar=calendar,
                            schedule=data, weeks=weeks)
    document = export.model_dump(mode="json")
    # the rows the week flow added for holiday weeks are not the staff's data: the file
    # keeps what was written (with each week's number filled in); ``weeks`` has their dates
    for section, dumped in zip(data.sections, document["schedule"]["sections"]):
        dumped["weeks"] = [row for week, row in zip(section.weeks, dumped["weeks"])
                           if not week._no_class]
    _keep_linkable(document["schedule"])
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _keep_linkable(schedule: dict[str, Any]) -> None:
    """Drop from the dumped schedule every link the page shows as plain text."""
    for section in schedule["sections"]:
        for week in section["weeks"]:
            week["materials"] = [link for link in week["materials"] if is_linkable(link["url"])]
            for item in week["lectures"] + week["papers"] + week["projects"]:
                for key in ("slides", "url"):
                    if item.get(key) is not None and not is_linkable(item[key]):
                        item[key] = None
                if "code" in item:
                    item["code"] = [link for link in item["code"] if is_linkable(link["url"])]


def export_schema() -> dict[str, object]:
    """JSON Schema of the exported file (the schedule part is :class:`Schedule`'s)."""
    return ScheduleExport.model_json_schema()
