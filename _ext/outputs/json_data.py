"""The year's schedule as JSON, for other tools (timetables, bots, the next site).

The file is the validated model exactly as :meth:`Schedule.model_dump` gives it (under
``schedule``, so it validates against the published ``schedule.schema.json``) plus the
computed dates of each week (under ``weeks``; empty for years without ``first_day``).
The envelope is itself a pydantic model, so :func:`export_schema` gives its JSON Schema
and the two can never drift apart.

Links go out as the page links them, absolute: a path on the site becomes its address
when one is known (:func:`.link_hrefs.export_href`; another tool has no page to be
relative to), and a link the page refuses (a scheme such as ``javascript:`` or
``data:``, a protocol-relative ``//host``, a host name without its scheme) must not
become a live link in another tool: an optional link field (``slides``) is written as
``null`` and an item that cannot be without its link (a material's ``url``) is left
out.  Every link field is found through the model's link marker
(:func:`..schedule.links.walker.links`), so a new one is handled without a list here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..schedule.calendar.week_dates import WeekDates, dated_weeks
from ..schedule.links.walker import links
from ..schedule.links.hrefs import is_linkable
from ..schedule.model.schedule import Schedule
from .link_hrefs import LinkPlaces, export_href

LINKS_NOTE = ("Only links the page renders, absolute when the site's address is known: a "
              "refused slides path (a scheme other than http, https or mailto, a "
              "protocol-relative //host, a host name without https://) is null, and a "
              "material or code link with a refused url is left out.")


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
               calendar: str | None, places: LinkPlaces | None = None) -> bytes:
    """The JSON bytes: stable key order, UTF-8, two-space indent, final newline.

    ``places`` says where site paths lead (the build's settings); without it they stay
    as written."""
    weeks = [WeekExport.of(dates) for dates in dated_weeks(data).values()]
    export = ScheduleExport(year=year, page=docname, url=url, calendar=calendar,
                            schedule=data, weeks=weeks)
    document = export.model_dump(mode="json")
    # the rows the week flow added for holiday weeks are not the staff's data: the file
    # keeps what was written (with each week's number filled in); ``weeks`` has their dates
    for section, dumped in zip(data.sections, document["schedule"]["sections"]):
        dumped["weeks"] = [row for week, row in zip(section.weeks, dumped["weeks"])
                           if not week._no_class]
    _export_links(document["schedule"], places)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _export_links(schedule: dict[str, Any], places: LinkPlaces | None) -> None:
    """Write each link of the dumped schedule as the export carries it; drop refused ones."""
    dropped: list[tuple[list[Any], Any]] = []
    for found in list(links(schedule)):
        target = (export_href(found.value, places) if places is not None
                  else found.value if is_linkable(found.value) else None)
        if target is not None:
            found.holder[found.field] = target
        elif found.required:  # the item is nothing without its link: leave it out
            dropped.append((_value_at(schedule, found.path[:-2]), found.holder))
        else:
            found.holder[found.field] = None
    for items, holder in dropped:
        items[:] = [item for item in items if item is not holder]


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def export_schema() -> dict[str, object]:
    """JSON Schema of the exported file (the schedule part is :class:`Schedule`'s)."""
    return ScheduleExport.model_json_schema()
