"""Every constraint on a schedule value, declared once as an ``Annotated`` type.

Each type below carries its validator, its description and its JSON Schema, so the build
(:mod:`.schedule` validates with them), the published schema (``course-schedule schema``)
and the guide's field table (:mod:`..guide.field_reference`) all come from this one declaration.
Where JSON Schema can say a rule (lengths, patterns, enums, bounds) the schema says it
with a pattern or bound generated from the same constants the validator uses; the few
rules it cannot say are checked by the build only and listed in the guide.

Values come from YAML, so text types are strict: a ``!!binary`` scalar (bytes) or any
other tag that yields a non-``str`` is refused, never turned into text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, Strict, WithJsonSchema

from ...warning_types import ACKNOWLEDGEABLE

MAX_TEXT = 500
"""Longest title, label or other shown text, in characters.  The longest real paper title
is about 200; a page-long "title" is a paste mistake, and one unbroken word of a thousand
or so characters makes the PDF build crash (xdvipdfmx), so longer text is refused."""
MAX_LINK = 2000
"""Longest link (URL or slides path), in characters: what browsers and servers reliably
handle.  Percent-encoded (at most 9 characters per character) it still stays far below
the 200,000 characters TeX reads on one line, so no link can break the PDF."""
MAX_LECTURE = 99
"""Largest lecture number; a term of at most ``MAX_WEEKS`` weeks has far fewer lectures."""
DEFAULT_WEEKS = 16
"""Weeks in a term when ``term.weeks`` is not given."""
MAX_WEEKS = 60
"""Longest term, in weeks; a larger week number has no date worth computing."""
FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Years a schedule and its dates may name; near the calendar's ends a term's weeks have
no computable dates (an OverflowError instead of a warning)."""
DEFAULT_TIMEZONE = "UTC"

Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
"""The weekday names a schedule uses, Monday first (``WEEKDAYS.index`` is ``weekday()``)."""


def _zones() -> frozenset[str]:
    """IANA zone names, from the ``tzdata`` package when present (the same list on every
    machine, so the committed schema does not depend on the system's zone files)."""
    try:
        listing = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
        return frozenset(listing.split())
    except (ModuleNotFoundError, OSError):  # pragma: no cover - tzdata is a requirement
        import zoneinfo
        return frozenset(zoneinfo.available_timezones())


TIMEZONES = _zones()
"""Every timezone name a term may give: a folder such as ``America`` is not one."""

# --- characters no output can show ------------------------------------------------------

# C0 and C1 controls except tab, line feed and carriage return; surrogates; noncharacters.
# Format characters (bidi marks, zero-width joiners) are real text and stay.
_UNSHOWABLE_RANGES = [(0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F),
                      (0xD800, 0xDFFF), (0xFDD0, 0xFDEF),
                      *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF) for plane in range(17))]


def _class_part(code: int) -> str:
    # \uXXXX reads the same in Python's re and in ECMA-262 (JSON Schema's) regular
    # expressions; characters beyond U+FFFF are written as themselves, which both read
    return f"\\u{code:04X}" if code <= 0xFFFF else chr(code)


_UNSHOWABLE_CLASS = "".join(f"{_class_part(low)}-{_class_part(high)}"
                            for low, high in _UNSHOWABLE_RANGES)
_UNSHOWABLE = re.compile(f"[{_UNSHOWABLE_CLASS}]")
SHOWABLE_PATTERN = f"^[^{_UNSHOWABLE_CLASS}]*$"
"""Text without control or invalid characters (the schema's form of :func:`showable`)."""
NONBLANK_PATTERN = f"^[^{_UNSHOWABLE_CLASS}]*[^{_UNSHOWABLE_CLASS}\\s][^{_UNSHOWABLE_CLASS}]*$"
"""Showable text with at least one character that is not white space (the model strips
white space, so blank text is empty text)."""
UNSHOWABLE_MESSAGE = ("contains the control or invalid character {}, which cannot be shown; "
                      "remove it")


def showable(text: Any) -> Any:
    """``text`` if every output can show it; YAML escapes such as ``"\\0"``, ``"\\e"`` or
    ``"\\ud800"`` let characters in that HTML cannot carry, LaTeX stops on and a terminal
    may obey.  It runs before pydantic's own string check, which cannot take a lone
    surrogate and would report it without naming the character."""
    found = _UNSHOWABLE.search(text) if isinstance(text, str) else None
    if found:
        raise ValueError(UNSHOWABLE_MESSAGE.format(f"U+{ord(found[0]):04X}"))
    return text


def _text_schema(pattern: str) -> dict[str, Any]:
    blank = ", and not blank" if pattern == NONBLANK_PATTERN else ""
    return {"pattern": pattern,
            "patternErrorMessage": f"text without control or invalid characters{blank}"}


Text = Annotated[str, Strict(), Field(max_length=MAX_TEXT), BeforeValidator(showable),
                 Field(json_schema_extra=_text_schema(SHOWABLE_PATTERN))]
"""Shown text that may be empty: at most ``MAX_TEXT`` characters, all showable."""
Title = Annotated[str, Strict(), Field(min_length=1, max_length=MAX_TEXT),
                  BeforeValidator(showable),
                  Field(json_schema_extra=_text_schema(NONBLANK_PATTERN))]
"""Shown text that must not be blank: titles, topics, labels."""


@dataclass(frozen=True)
class LinkMarker:
    """Says "this value is a link" in a field type's ``Annotated`` metadata.

    Pydantic ignores metadata it does not know, so the marker costs nothing in
    validation; :mod:`..links.walker` finds every field that carries it.  The checks, the
    exports, the page's links and ``new-term`` all walk the links through it, so a link
    field added to the model is seen by each of them without a list to update.
    """


LINK = LinkMarker()
"""The one marker; a type is a link type when its metadata holds it."""

LinkText = Annotated[str, LINK, Strict(), Field(min_length=1, max_length=MAX_LINK),
                     BeforeValidator(showable),
                     Field(json_schema_extra=_text_schema(NONBLANK_PATTERN))]
"""A URL or a site path: at most ``MAX_LINK`` characters.  Which schemes may be linked is
decided when the link is rendered (a refused scheme is a ``link-scheme`` warning)."""

# --- lecture numbers ----------------------------------------------------------------------


def _span(low: str, high: str) -> str:
    """A regex for the digit strings of one length from ``low`` to ``high``."""
    if not low:
        return ""
    if low == "0" * len(low) and high == "9" * len(high):
        return "[0-9]" if len(low) == 1 else f"[0-9]{{{len(low)}}}"
    if low[0] == high[0]:
        return low[0] + _span(low[1:], high[1:])
    rest = len(low) - 1
    if low[1:] == "0" * rest and high[1:] == "9" * rest:
        return f"[{low[0]}-{high[0]}]" + _span(low[1:], high[1:])
    first, last = int(low[0]), int(high[0])
    options = [low[0] + _span(low[1:], "9" * rest)]
    if last - first > 1:
        options.append(f"[{first + 1}-{last - 1}]" + _span("0" * rest, "9" * rest))
    options.append(high[0] + _span("0" * rest, high[1:]))
    return "(?:" + "|".join(options) + ")"


def number_pattern(low: int, high: int, zeros: bool = True) -> str:
    """A regex (no anchors) for the whole numbers from ``low`` to ``high`` (with leading
    zeros if ``zeros``): how JSON Schema can say a bound on a number written as text."""
    options = []
    for digits in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (digits - 1) if digits > 1 else 0)
        end = min(high, 10 ** digits - 1)
        if start <= end:
            options.append(_span(str(start), str(end)))
    return ("0*" if zeros else "") + "(?:" + "|".join(options) + ")"


_DASH = "[ \\t]*-[ \\t]*"
LECTURE_PATTERN = ("^[ \\t]*(?:" + number_pattern(0, MAX_LECTURE) + "|" + "|".join(
    f"0*{first}{_DASH}{number_pattern(first, MAX_LECTURE)}"
    for first in range(MAX_LECTURE + 1)) + ")[ \\t]*$")
"""A lecture number, or a range whose first number is not larger than the second."""
_LECTURE = re.compile(LECTURE_PATTERN)
LECTURE_MESSAGE = ("expected a lecture number such as 7 or a range such as '10-11' "
                   "(first number not larger than the second)")


def parse_lecture_number(value: Any) -> int | str:
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= MAX_LECTURE:
            raise ValueError(f"a lecture number is from 0 to {MAX_LECTURE}; got {value}")
        return value
    if isinstance(value, str) and _LECTURE.fullmatch(value):
        numbers = [int(part) for part in value.split("-")]
        return numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[1]}"
    if isinstance(value, str) and re.fullmatch(f"[ \\t]*[0-9]+(?:{_DASH}[0-9]+)?[ \\t]*", value):
        numbers = [int(part) for part in value.split("-")]
        if max(numbers) > MAX_LECTURE:
            raise ValueError(f"a lecture number is from 0 to {MAX_LECTURE}; got {value!r}")
    raise ValueError(LECTURE_MESSAGE)


LectureNumber = Annotated[int | str, BeforeValidator(parse_lecture_number), WithJsonSchema({
    "type": ["integer", "string"], "minimum": 0, "maximum": MAX_LECTURE,
    "pattern": LECTURE_PATTERN, "patternErrorMessage": LECTURE_MESSAGE})]
"""A lecture number (7) or an inclusive range ('10-11'), from 0 to ``MAX_LECTURE``."""


def lecture_span(number: int | str) -> tuple[int, int]:
    """First and last lecture number covered by a validated ``number``."""
    if isinstance(number, int):
        return number, number
    first, last = number.split("-")
    return int(first), int(last)


def _reading_number(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


ReadingNumber = Annotated[Text, BeforeValidator(_reading_number), WithJsonSchema({
    "type": ["string", "integer"], "maxLength": MAX_TEXT, "pattern": SHOWABLE_PATTERN})]
"""A presentation id such as '11-1' (a plain number is taken as text)."""

# --- numbers, dates, times -----------------------------------------------------------------

WeekNumber = Annotated[int, Strict(), Field(ge=1, le=MAX_WEEKS)]
WeekCount = Annotated[int, Strict(), Field(ge=1, le=MAX_WEEKS)]
Year = Annotated[int, Strict(), Field(ge=FIRST_YEAR, le=LAST_YEAR)]

DATE_PATTERN = f"^{number_pattern(FIRST_YEAR, LAST_YEAR, zeros=False)}-[0-9]{{2}}-[0-9]{{2}}$"
"""A date in the years a term may start (``first_day``)."""
ANY_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""Any calendar date (a holiday far from the term is harmless: it matches no week)."""


def _date_check(low: int, high: int) -> Any:
    message = (f"expected a date YYYY-MM-DD in the years {low} to {high}" if low > 1
               else "expected a date YYYY-MM-DD")

    def check(value: Any) -> Any:
        # YAML gives a date for 2022-02-21 and text for "2022-02-21"; anything else (a
        # timestamp, a number of seconds) is not a day of a term
        if isinstance(value, str) and re.fullmatch(ANY_DATE_PATTERN, value):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value!r} is not a date in the calendar") from None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            got = f"; got {value!r}" if isinstance(value, str) and len(value) <= 40 else ""
            raise ValueError(message + got)  # noqa: TRY004 - pydantic reports ValueError
        if not low <= value.year <= high:
            raise ValueError(message)
        return value
    return check, {"type": "string", "format": "date", "patternErrorMessage": message}


_term_day, _TERM_DAY_SCHEMA = _date_check(FIRST_YEAR, LAST_YEAR)
_any_day, _ANY_DAY_SCHEMA = _date_check(dt.MINYEAR, dt.MAXYEAR)
TermDate = Annotated[dt.date, BeforeValidator(_term_day),
                     WithJsonSchema({**_TERM_DAY_SCHEMA, "pattern": DATE_PATTERN})]
"""A date in the years ``FIRST_YEAR`` to ``LAST_YEAR``: weeks near the calendar's ends have
no computable dates."""
Date = Annotated[dt.date, BeforeValidator(_any_day),
                 WithJsonSchema({**_ANY_DAY_SCHEMA, "pattern": ANY_DATE_PATTERN})]
"""Any calendar date, written YYYY-MM-DD."""

TIME_PATTERN = "^(?:[01]?[0-9]|2[0-3]):[0-5][0-9]$"
MINUTES_PER_DAY = 24 * 60
_TIME_MESSAGE = ("expected a local time such as '15:10', without a timezone "
                 "(the term's timezone applies)")


def _clock(value: Any) -> dt.time:
    # YAML 1.1 reads an unquoted 15:10 as the base-60 integer 910; take it back.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MINUTES_PER_DAY:
        return dt.time(value // 60, value % 60)
    if isinstance(value, str) and re.match(TIME_PATTERN, value):
        hour, minute = value.split(":")
        return dt.time(int(hour), int(minute))
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    half = _TWELVE_HOUR.fullmatch(value) if isinstance(value, str) else None
    if half and 1 <= int(half["hour"]) <= 12 and int(half["minute"]) < 60:
        hour = int(half["hour"]) % 12 + (12 if half["half"].lower() == "p" else 0)
        raise ValueError(f"{_TIME_MESSAGE}; times are on the 24-hour clock, so write "
                         f"\"{hour:02d}:{half['minute']}\"")
    raise ValueError(_TIME_MESSAGE)


_TWELVE_HOUR = re.compile(r"\s*(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})\s*"
                          r"(?P<half>[AaPp])\.?\s*[Mm]\.?\s*")
"""``3:10 PM``: how the course's term line writes a time, not how a schedule gives it."""


Clock = Annotated[dt.time, BeforeValidator(_clock),
                  PlainSerializer(lambda clock: clock.strftime("%H:%M"), when_used="json"),
                  WithJsonSchema({
    # "format": "time" would demand seconds and an offset; an unquoted 15:10 is the
    # number 910 to a YAML 1.1 reader, minutes since midnight, so both are accepted
    "type": ["string", "integer"], "pattern": TIME_PATTERN, "minimum": 0,
    "maximum": MINUTES_PER_DAY - 1, "patternErrorMessage": _TIME_MESSAGE})]
"""A wall-clock time "HH:MM" in the term's timezone."""

# --- names ---------------------------------------------------------------------------------


def _known_zone(value: str) -> str:
    if value in TIMEZONES:
        return value
    shown = repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    inside = sorted(zone for zone in TIMEZONES if zone.startswith(value + "/"))
    hint = f" ({shown} is a region; name a zone in it, such as {inside[0]!r})" if inside else ""
    raise ValueError(f"unknown timezone {shown}; expected an IANA name such as "
                     f"'Europe/Paris'{hint}")


Timezone = Annotated[str, Strict(), AfterValidator(_known_zone),
                     Field(json_schema_extra={"enum": sorted(TIMEZONES)})]
"""An IANA timezone name from the tz database."""

AcknowledgeKey = Literal[tuple(sorted(ACKNOWLEDGEABLE))]  # type: ignore[valid-type]
"""A warning subtype an item may silence for itself (see the warning registry)."""
Acknowledge = Annotated[
    dict[AcknowledgeKey, Title],  # type: ignore[valid-type]
    Field(description="Warnings this item knowingly triggers, each with a short reason "
                      "(warning subtype -> reason). Silences that warning for this item only."),
]
