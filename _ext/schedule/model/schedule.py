"""The schedule data model: what a ``{schedule}`` block may contain.

It is written with pydantic so that one definition gives validation with precise error
locations, typed objects for the writers, and the published JSON Schema.  Every model
forbids unknown keys: a typo such as ``slieds:`` must be reported, never ignored.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import ConfigDict, Field, PrivateAttr, model_validator
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from .holidays import Holiday, HolidayEntry, HolidayRange, MakeupDay
from .value_types import (
    DEFAULT_TIMEZONE,
    DEFAULT_WEEKS,
    MAX_LECTURE,
    MAX_LINK,
    MAX_TEXT,
    MAX_WEEKS,
    TIMEZONES,
    WEEKDAYS,
    Acknowledge,
    Clock,
    LectureNumber,
    LinkText,
    ReadingNumber,
    TermDate,
    Text,
    Timezone,
    Title,
    WeekCount,
    Weekday,
    WeekNumber,
    Year,
    lecture_span,
    parse_lecture_number,
)
from .column_headers import Headers
from .base_item import Item, absent

__all__ = ["DEFAULT_TIMEZONE", "DEFAULT_WEEKS", "MAX_LECTURE", "MAX_LINK", "MAX_TEXT",
           "MAX_WEEKS", "TIMEZONES", "WEEKDAYS", "Headers", "Holiday", "HolidayEntry",
           "HolidayRange", "Item", "Lecture", "LecturePart", "Link", "MakeupDay", "Reading",
           "Schedule", "Section", "Term", "Week", "lecture_span", "parse_lecture_number",
           "schedule_json_schema", "walk", "weeks"]


class Acknowledging(Item):
    """An item that may acknowledge (and so silence) its own check warnings."""

    acknowledge: Acknowledge = Field(default_factory=dict)


class Link(Acknowledging):
    """A labelled link: demo code, a ``.zip`` of code, a repository labelled by framework."""

    label: Title = Field(description="Text shown for the link, e.g. 'torch'.")
    url: LinkText = Field(description="http(s) URL, mailto: or a site-relative path.")


class LecturePart(Item):
    """One lecture of a group that shares a single slides file."""

    number: LectureNumber = Field(
        description="A lecture number (7) or an inclusive range ('10-11').")
    title: Title = Field(description="Title shown after 'Lecture N:'.")


_SINGLE = ("number", "title")
"""What a lecture of its own gives (a title, and a number unless it is a guest talk or a
review session); a lecture with ``parts`` gives none of these."""


class Lecture(Acknowledging):
    """A lecture (or a range of lectures) with optional slides.

    Two or more lectures presented from one slides file are written as one entry with
    ``parts``, so sharing a file is said on purpose rather than looking like a mistake.
    """

    # one rule, given to the validator below and (as if/then/else) to the JSON Schema:
    # a lecture has parts, or a title (and perhaps a number), never both
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["parts"]},
        "then": {"not": {"anyOf": [{"required": [name]} for name in _SINGLE]}},
        "else": {"required": ["title"]},
    })

    # These may be left out but not written empty (null): the type has no None, so that a
    # wrong value is reported as it is, not as matching neither the type nor null (in the
    # schema an ``anyOf``).  ``validate_default=False`` keeps the default None, and a
    # dump (the JSON export) leaves the absent field out rather than writing a null.
    number: LectureNumber = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,
        description="A lecture number (7) or an inclusive range ('10-11'). Optional: a "
                    "lecture without one (a guest talk, a review session) is shown by its "
                    "title alone and skipped by the numbering checks.")
    title: Title = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Title shown after 'Lecture N:'; required unless parts is given.")
    speaker: Title = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Who gives the lecture, for a guest lecture; shown after the title, "
                    "in the JSON and in the calendar.")
    parts: Annotated[list[LecturePart], Field(min_length=2)] = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Lectures that share this entry's slides file (at least two); "
                    "use instead of number and title.")
    slides: LinkText | None = Field(
        default=None, description="Path such as files/2022/Lecture 1.pdf, or a URL.")
    _after_gap: bool = PrivateAttr(default=False)
    """An invalid lecture (or week) before this one was left out of the table."""

    @model_validator(mode="after")
    def _number_and_title_or_parts(self) -> Lecture:
        single = [getattr(self, name) is not None for name in _SINGLE]
        if self.parts is not None:
            if any(single):
                raise ValueError("give either 'parts' or 'number' and 'title', not both")
        elif self.title is None:
            raise ValueError("a lecture needs a 'title' (and usually a 'number'), or 'parts'")
        return self

    def each(self) -> list[tuple[int | str | None, str]]:
        """(number, title) of every lecture this entry stands for; number ``None`` for an
        unnumbered lecture."""
        if self.parts:
            return [(p.number, p.title) for p in self.parts]
        assert self.title is not None
        return [(self.number, self.title)]


class Reading(Acknowledging):
    """A paper reading or a group project, with optional slides and code links."""

    number: ReadingNumber | None = Field(default=None,
                                         description="Presentation id such as '11-1'.")
    title: Title = Field(description="Title of the paper or project.")
    url: LinkText | None = Field(
        default=None, description="Where the paper or project is (arXiv, a repository); "
                                  "the title links there.")
    venue: Text | None = Field(default=None, description="Venue and year, e.g. 'NeurIPS 2019'.")
    slides: LinkText | None = Field(
        default=None, description="Path such as files/2022/11-1 Paper.pdf, or a URL.")
    code: list[Link] = Field(default_factory=list,
                             description="Code links, labelled by framework (torch, ...).")
    presenters: list[Title] = Field(
        default_factory=list,
        description="Who presented it, as the course lists them; shown after the title.")


class Week(Acknowledging):
    """One row of a schedule table."""

    week: WeekNumber = Field(  # type: ignore[assignment]  # left out: flows (see Lecture)
        default=None, exclude_if=absent,
        description="Week number within the term, from 1. Optional: a week without it is "
                    "the next teaching week after the row before it (weeks whose class day "
                    "is a holiday are skipped and shown as 'no class').")
    topic: Title = Field(description="What the week is about, shown in the Topic column.")
    lectures: list[Lecture] = Field(default_factory=list,
                                   description="The week's lectures (see Lecture).")
    materials: list[Link] = Field(
        default_factory=list, description="Extra materials: demo code, .zip code, repositories.")
    papers: list[Reading] = Field(default_factory=list, description="Paper readings.")
    projects: list[Reading] = Field(default_factory=list, description="Group projects.")
    _no_class: bool = PrivateAttr(default=False)
    """A row the week flow added for a holiday week (:mod:`..calendar.week_flow`); not in the source."""


class Section(Item):
    """A titled table of weeks: Fundamentals, Research & Application, Practices."""

    title: Title = Field(description="Caption of the table, e.g. 'Fundamentals'.")
    headers: Headers = Field(  # type: ignore[assignment]  # left out: None (see Lecture)
        default=None, exclude_if=absent,
        description="This table's own column headers (see Headers), e.g. a lab section's "
                    "{topic: Lab, materials: Handouts}; each one left out is the "
                    "schedule's.")
    weeks: list[Week] = Field(default_factory=list,
                             description="The rows of the table, in order (see Week).")


class Term(Item):
    """When and where the class meets; with ``first_day`` the weeks get dates."""

    name: Text | None = Field(default=None, description="e.g. 'Spring 2022'.")
    first_day: TermDate | None = Field(
        default=None, description="Date of the first day of week 1 (any day of that week).")
    weekday: Weekday | None = Field(default=None, description="Day of the week the class meets.")
    start: Clock | None = Field(default=None, description="Start time, '15:10' (quoted).")
    end: Clock | None = Field(default=None, description="End time, '18:00' (quoted).")
    timezone: Timezone = Field(default=DEFAULT_TIMEZONE, description="IANA timezone name.")
    location: Text | None = Field(default=None,
                                  description="Where the class meets, e.g. a room.")
    weeks: WeekCount = Field(default=DEFAULT_WEEKS, description="Number of weeks in the term.")
    holidays: list[HolidayEntry] = Field(
        default_factory=list,
        description="Days on which the class does not meet: a date, {date, name} or "
                    "{from, to, name}; the name shows in the no-class row.")
    makeup_days: list[MakeupDay] = Field(
        default_factory=list,
        description="Make-up class days: {date, replaces}, the class of the holiday "
                    "'replaces' meets on 'date' instead.")

    _invalid: set[str] = PrivateAttr(default_factory=set)
    """Fields given but left out as invalid (reported), which no check reports again."""

    @model_validator(mode="after")
    def _ordered_times(self) -> Term:
        if self.start and self.end and self.end <= self.start:
            raise ValueError("'end' must be later than 'start'")
        return self


class Schedule(Item):
    """A year's schedule: optional term facts and the sections in order."""

    year: Year | None = Field(default=None,
                              description="Defaults to the year in the page's path (years/2022/).")
    term: Term = Field(  # type: ignore[assignment]  # left out: None; no null (see Lecture)
        default=None, exclude_if=absent,
        description="When and where the class meets (see Term). Optional.")
    _term_reported: bool = PrivateAttr(default=False)
    """A ``term:`` was given but left out as invalid (and reported)."""
    headers: Headers = Field(  # type: ignore[assignment]  # left out: None (see Lecture)
        default=None, exclude_if=absent,
        description="Column headers of every table of this schedule (see Headers); each "
                    "one left out is the site's (the setting schedule_header_labels).")
    sections: list[Section] = Field(
        min_length=1, description="The tables of the page, in order (see Section).")


class _ScheduleJsonSchema(GenerateJsonSchema):
    """Pydantic's schema generator, with a value that may be null written as one type list
    (``"type": ["string", "null"]``) instead of an ``anyOf``, so a validator reports what
    is wrong with the value rather than that it matches neither option."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        inner = self.generate_inner(schema["schema"])
        kinds = inner.get("type")
        if "$ref" in inner or kinds is None or "anyOf" in inner:
            return super().nullable_schema(schema)
        inner = dict(inner)
        inner["type"] = [*(kinds if isinstance(kinds, list) else [kinds]), "null"]
        if "enum" in inner:
            inner["enum"] = [*inner["enum"], None]
        return inner


@functools.cache
def schedule_json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Schedule` (models under ``$defs``), generated once."""
    return Schedule.model_json_schema(schema_generator=_ScheduleJsonSchema)


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
