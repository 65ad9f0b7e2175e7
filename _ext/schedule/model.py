"""The schedule data model: what a ``{schedule}`` block may contain.

It is written with pydantic so that one definition gives validation with precise error
locations, typed objects for the writers, and the published JSON Schema.  Every model
forbids unknown keys: a typo such as ``slieds:`` must be reported, never ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from ..warning_types import ACKNOWLEDGEABLE

_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Item(BaseModel):
    """Base of every model: no unknown keys, and the source line of the item."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              validate_default=False)

    _line: int | None = PrivateAttr(default=None)
    """1-based line in ``_source`` where the item starts; set by :mod:`.validate`."""
    _source: str | None = PrivateAttr(default=None)

    @property
    def where(self) -> str | None:
        """``file:line`` of the item, in the form Sphinx warnings use."""
        if self._source is None:
            return None
        return f"{self._source}:{self._line}" if self._line else self._source


def _check_acknowledge(value: dict[str, str]) -> dict[str, str]:
    for name, reason in value.items():
        if name not in ACKNOWLEDGEABLE:
            allowed = ", ".join(ACKNOWLEDGEABLE)
            raise ValueError(f"unknown warning subtype {name!r}; expected one of: {allowed}")
        if not str(reason).strip():
            raise ValueError(f"acknowledging {name!r} needs a short reason")
    return value


Acknowledge = Annotated[
    dict[str, str],
    Field(description="Warnings this item knowingly triggers, each with a short reason "
                      "(warning subtype -> reason). Silences that warning for this item only."),
]


class Acknowledging(Item):
    """An item that may acknowledge (and so silence) its own check warnings."""

    acknowledge: Acknowledge = Field(default_factory=dict)

    _check_ack = field_validator("acknowledge")(classmethod(lambda cls, v: _check_acknowledge(v)))


def parse_lecture_number(value: Any) -> int | str:
    """``7`` or ``"10 - 11"`` in the one form the build keeps (``7``, ``"10-11"``)."""
    if isinstance(value, bool):
        raise ValueError("expected a lecture number such as 7 or a range such as '10-11'")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("a lecture number cannot be negative")
        return value
    if isinstance(value, str):
        match = _RANGE.match(value)
        if value.strip().isdigit():
            return int(value)
        if match and int(match[1]) <= int(match[2]):
            return f"{int(match[1])}-{int(match[2])}"
    raise ValueError("expected a lecture number such as 7 or a range such as '10-11' "
                     "(first number not larger than the second)")


LectureNumber = Annotated[int | str, Field(
    description="A lecture number (7) or an inclusive range ('10-11').",
    json_schema_extra={"pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$"})]


def lecture_span(number: int | str) -> tuple[int, int]:
    """First and last lecture number covered by ``number``."""
    if isinstance(number, int):
        return number, number
    first, last = number.split("-")
    return int(first), int(last)


class Link(Acknowledging):
    """A labelled link: demo code, a ``.zip`` of code, a repository labelled by framework."""

    label: str = Field(min_length=1, description="Text shown for the link, e.g. 'torch'.")
    url: str = Field(min_length=1, description="http(s) URL, mailto: or a site-relative path.")


class LecturePart(Item):
    """One lecture of a group that shares a single slides file."""

    number: LectureNumber
    title: str = Field(min_length=1, description="Title shown after 'Lecture N:'.")

    _number = field_validator("number", mode="before")(
        classmethod(lambda cls, v: parse_lecture_number(v)))


class Lecture(Acknowledging):
    """A lecture (or a range of lectures) with optional slides.

    Two or more lectures presented from one slides file are written as one entry with
    ``parts``, so sharing a file is said on purpose rather than looking like a mistake.
    """

    number: LectureNumber | None = None
    title: str | None = Field(default=None, min_length=1,
                                description="Title shown after 'Lecture N:'.")
    parts: list[LecturePart] | None = Field(
        default=None, description="Lectures that share this entry's slides file; "
                                  "use instead of number and title.")
    slides: str | None = Field(default=None, min_length=1,
                               description="Path such as files/ppt/2022/Lecture 1.pdf, or a URL.")

    _number = field_validator("number", mode="before")(
        classmethod(lambda cls, v: None if v is None else parse_lecture_number(v)))

    @model_validator(mode="after")
    def _number_and_title_or_parts(self) -> Lecture:
        if self.parts is not None:
            if self.number is not None or self.title is not None:
                raise ValueError("give either 'parts' or 'number' and 'title', not both")
            if len(self.parts) < 2:
                raise ValueError("'parts' needs at least two lectures; otherwise use "
                                 "'number' and 'title'")
        elif self.number is None or self.title is None:
            raise ValueError("a lecture needs 'number' and 'title' (or 'parts')")
        return self

    def each(self) -> list[tuple[int | str, str]]:
        """(number, title) of every lecture this entry stands for."""
        if self.parts:
            return [(p.number, p.title) for p in self.parts]
        assert self.number is not None and self.title is not None
        return [(self.number, self.title)]


class Reading(Acknowledging):
    """A paper reading or a group project, with optional slides and code links."""

    number: str | None = Field(default=None, description="Presentation id such as '11-1'.")
    title: str = Field(min_length=1, description="Title of the paper or project.")
    venue: str | None = Field(default=None, description="Venue and year, e.g. 'NeurIPS 2019'.")
    slides: str | None = Field(
        default=None, min_length=1,
        description="Path such as files/ppt/2022/11-1 Paper.pdf, or a URL.")
    code: list[Link] = Field(default_factory=list,
                             description="Code links, labelled by framework (torch, ...).")

    @field_validator("number", mode="before")
    @classmethod
    def _number_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Week(Acknowledging):
    """One row of a schedule table."""

    # at most a term's longest length (Term.weeks); a huge week number has no date
    week: int = Field(ge=1, le=60, description="Week number within the term, from 1.")
    topic: str = Field(min_length=1,
                       description="What the week is about, shown in the Topic column.")
    lectures: list[Lecture] = Field(default_factory=list,
                                   description="The week's lectures (see Lecture).")
    materials: list[Link] = Field(default_factory=list,
                                  description="Extra materials: demo code, .zip code, repositories.")
    papers: list[Reading] = Field(default_factory=list, description="Paper readings.")
    projects: list[Reading] = Field(default_factory=list, description="Group projects.")

    @field_validator("week", mode="before")
    @classmethod
    def _no_bool(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a week number")
        return value


class Section(Item):
    """A titled table of weeks: Fundamentals, Research & Application, Practices."""

    title: str = Field(min_length=1,
                       description="Caption of the table, e.g. 'Fundamentals'.")
    weeks: list[Week] = Field(default_factory=list,
                             description="The rows of the table, in order (see Week).")


def _clock(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 15:10 as the base-60 integer 910; take it back.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return dt.time(value // 60, value % 60)
    return value


class Term(Item):
    """When and where the class meets; with ``first_day`` the weeks get dates."""

    name: str | None = Field(default=None, description="e.g. 'Spring 2022'.")
    first_day: dt.date | None = Field(
        default=None, ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31),
        description="Date of the first day of week 1 (any day of that week).")
    # bounded like ``Schedule.year``: a term near the calendar's ends has weeks whose
    # dates cannot be computed (an OverflowError instead of a warning)
    weekday: Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] | None = Field(
        default=None, description="Day of the week the class meets.")
    start: dt.time | None = Field(default=None, description="Start time, '15:10' (quoted).")
    end: dt.time | None = Field(default=None, description="End time, '18:00' (quoted).")
    timezone: str = Field(default="Asia/Shanghai", description="IANA timezone name.")
    location: str | None = Field(default=None,
                                 description="Where the class meets, e.g. a room.")
    weeks: int = Field(default=16, ge=1, le=60, description="Number of weeks in the term.")
    holidays: list[dt.date] = Field(default_factory=list,
                                    description="Dates on which the class does not meet.")

    _clocks = field_validator("start", "end", mode="before")(classmethod(lambda cls, v: _clock(v)))

    @field_validator("start", "end")
    @classmethod
    def _local_clock(cls, value: dt.time | None) -> dt.time | None:
        # pydantic reads '15:10Z' or a float (seconds) as a UTC time; a meeting time is
        # local to the term's timezone, and an aware time cannot be compared with 'start'
        if value is not None and value.tzinfo is not None:
            raise ValueError("expected a local time such as '15:10', without a timezone "
                             "(the term's timezone applies)")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}; expected an IANA name such as "
                             "'Asia/Shanghai'") from None
        return value

    @model_validator(mode="after")
    def _ordered_times(self) -> Term:
        if self.start and self.end and self.end <= self.start:
            raise ValueError("'end' must be later than 'start'")
        return self


class Schedule(Item):
    """A year's schedule: optional term facts and the sections in order."""

    year: int | None = Field(default=None, ge=1900, le=2999,
                             description="Defaults to the year in the page's path (years/2022/).")
    term: Term | None = Field(
        default=None, description="When and where the class meets (see Term). Optional.")
    sections: list[Section] = Field(
        min_length=1, description="The tables of the page, in order (see Section).")


def walk(schedule: Schedule) -> list[Item]:
    """Every model object in ``schedule``, parents before children, in source order."""
    found: list[Item] = []
    stack: list[Any] = [schedule]
    while stack:
        obj = stack.pop()
        if isinstance(obj, Item):
            found.append(obj)
            children = [getattr(obj, name) for name in type(obj).model_fields]
            stack.extend(reversed(children))
        elif isinstance(obj, list):
            stack.extend(reversed(obj))
    return found


def weeks(schedule: Schedule) -> Iterator[Week]:
    """Every week of every section, in source order."""
    for section in schedule.sections:
        yield from section.weeks


def slides_of(schedule: Schedule) -> Iterator[tuple[Lecture | Reading, str]]:
    """Every lecture or reading with slides, in source order, with its slides path."""
    for week in weeks(schedule):
        for lecture in week.lectures:
            if lecture.slides:
                yield lecture, lecture.slides
        for reading in week.papers + week.projects:
            if reading.slides:
                yield reading, reading.slides


def all_links(schedule: Schedule) -> list[tuple[Item, str]]:
    """Every (item, url) the schedule links to, in page order, for checks and exports."""
    found: list[tuple[Item, str]] = []
    for week in weeks(schedule):
        found.extend((lecture, lecture.slides) for lecture in week.lectures if lecture.slides)
        found.extend((link, link.url) for link in week.materials)
        for reading in week.papers + week.projects:
            if reading.slides:
                found.append((reading, reading.slides))
            found.extend((link, link.url) for link in reading.code)
    return found
