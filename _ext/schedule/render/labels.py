"""The words a schedule item is known by, wherever it is shown.

The table, the calendar's event descriptions and the checks' warnings all name lectures
and readings; each asks here, so "Lecture 7: Title" is spelled one way everywhere.  The
week anchor lives here too: the table gives a row that id and the calendar's event URL
points at it.
"""

from __future__ import annotations

import re

from ...locale import ENGLISH, N_, Words
from ..model.schedule import Lecture, Reading

NAME_SEPARATOR = N_(", ")  # NOTE: between two presenters' names

_LINE_BREAKS = re.compile(r"[ \t]*[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+[ \t]*")


def one_line(text: str) -> str:
    """``text`` with each line break (and the spaces around it) made one space.

    A title or label is one line of a table.  YAML block scalars (``|``) and escapes can
    put line breaks, even blank lines, into it; a browser shows them as spaces anyway,
    but a blank line in a LaTeX caption or link text ends the paragraph mid-argument
    and stops the PDF build.
    """
    return _LINE_BREAKS.sub(" ", text)


def lecture_number_label(number: int | str, _: Words = ENGLISH) -> str:
    """``Lecture 7`` or ``Lecture 10-11`` (``第 7 讲`` in Chinese)."""
    return _("Lecture {number}").format(number=number)


def lecture_label_parts(number: int | str | None, _: Words = ENGLISH) -> tuple[str, str]:
    """The text before and after a lecture's title: ``("Lecture 7: ", "")``; nothing for
    an unnumbered lecture (a guest talk), which is shown by its title alone.

    The table puts the title between them as a node of its own, so a translated build
    can replace the title from the page's ``.po`` while these words come from ours.
    """
    if number is None:
        return "", ""
    before, _title, after = _("{lecture}: {title}").partition("{title}")
    lecture = lecture_number_label(number, _)
    return before.format(lecture=lecture), after.format(lecture=lecture)


def lecture_label(number: int | str | None, title: str, _: Words = ENGLISH) -> str:
    """``Lecture 7: Title`` as the legacy pages wrote it."""
    before, after = lecture_label_parts(number, _)
    return one_line(f"{before}{title}{after}")


def reading_name(reading: Reading) -> str:
    """``11-1 Title``: a reading's id and title."""
    return one_line(f"{reading.number} {reading.title}" if reading.number else reading.title)


def reading_label(reading: Reading) -> str:
    """``11-1 Title, NeurIPS 2019``: id, title and venue as they read on the page."""
    name = reading_name(reading)
    return one_line(f"{name}, {reading.venue}") if reading.venue else name


def item_label(item: Lecture | Reading) -> str:
    """What a lecture entry (every part of it) or a reading is called in a message."""
    if isinstance(item, Lecture):
        return "; ".join(lecture_label(number, title) for number, title in item.each())
    return reading_name(item)


def week_label(week: int, _: Words = ENGLISH) -> str:
    """``Week 3`` (``第 3 周`` in Chinese)."""
    return _("Week {number}").format(number=week)


def week_anchor(week: int, prefix: str = "") -> str:
    """The id of a week's row: ``week-3``; ``schedule-2-week-3`` in a page's second block."""
    return f"{prefix}week-{week}"
