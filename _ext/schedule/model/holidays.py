"""Days the class does not meet, and days it meets instead: parts of ``term:``.

Staff write holidays as they know them: a date, a named date, or a named range (a
festival week); a make-up class day (调休) moves the class of one holiday to another
date.  :mod:`..calendar.week_dates` turns them into each week's meeting day.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Discriminator, Field, Tag, model_validator

from .value_types import Date, Text
from .base_item import Item


class Holiday(Item):
    """A named day without class: ``{date: 2023-04-05, name: Qingming}``."""

    date: Date = Field(description="The day.")
    name: Text | None = Field(default=None, description="Shown in the week's no-class row.")


class HolidayRange(Item):
    """Days without class from one date to another: ``{from: …, to: …, name: Labour Day}``."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=False)

    first: Date = Field(alias="from", description="First day without class.")
    last: Date = Field(alias="to", description="Last day without class (inclusive).")
    name: Text | None = Field(default=None, description="Shown in the no-class rows.")

    @model_validator(mode="after")
    def _ordered(self) -> HolidayRange:
        if self.last < self.first:
            raise ValueError("'to' must not be before 'from'")
        return self


def _holiday_kind(value: Any) -> str:
    """Which form a holiday is written in (or, when dumping, was read as)."""
    if isinstance(value, (Holiday, HolidayRange)):
        return "day" if isinstance(value, Holiday) else "range"
    if isinstance(value, dict):
        return "range" if "date" not in value else "day"
    return "date"


HolidayEntry = Annotated[
    Annotated[Date, Tag("date")] | Annotated[Holiday, Tag("day")]
    | Annotated[HolidayRange, Tag("range")], Discriminator(_holiday_kind)]
"""A holiday as staff write it: a date, a named date, or a named range of dates."""


class MakeupDay(Item):
    """A make-up class day (调休): the class of holiday ``replaces`` meets on ``date``."""

    date: Date = Field(description="The day the class meets instead.")
    replaces: Date = Field(description="The holiday whose class is made up (a term.holidays "
                                       "day).")
