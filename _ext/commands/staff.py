"""The course staff section of a year page, as ``new-year`` leaves it for the new year.

A teaching assistant rarely stays two years, and last year's name copied onto this
year's page is wrong without anyone noticing; so the line is cleared, marked with
:data:`TO_FILL`, and named in the tool's "left to do" list.  The instructor's line stays.
"""

from __future__ import annotations

import re

TO_FILL = "TO FILL IN"
"""Marks what ``new-year`` leaves for a person to fill (in YAML comments and the page)."""

_STAFF_HEADING = re.compile(r"^#{1,6}\s.*\bstaff\b", re.IGNORECASE)
_TA_LINE = re.compile(r"^(\s*[-*+]\s*(?:teaching\s+assistants?|TAs?)\s*[:\uff1a]\s*)(\S.*)$",
                      re.IGNORECASE)


def clear_teaching_assistants(lines: list[str], fenced: set[int], where: str,
                              old: int) -> str | None:
    """Clear the teaching assistants under the staff heading (in place, outside fenced
    blocks); the to-do item naming the line to fill, or ``None`` without a staff
    section."""
    heading = next((i for i, line in enumerate(lines)
                    if i not in fenced and _STAFF_HEADING.match(line)), None)
    if heading is None:
        return None  # a page without a staff section: nothing of last year's to clear
    for index in range(heading + 1, len(lines)):
        if index in fenced:
            continue
        if lines[index].startswith("#"):
            break
        found = _TA_LINE.match(lines[index])
        if found:
            lines[index] = found[1] + TO_FILL
            return (f"{where}:{index + 1}: fill in this year's teaching assistants in the "
                    f"staff section ({old}'s were cleared)")
    return (f"{where}:{heading + 1}: check the staff section and add this year's teaching "
            "assistants")
