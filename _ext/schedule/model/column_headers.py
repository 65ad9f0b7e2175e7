"""A schedule's own column headers, for the whole block or for one of its sections.

Courses name their columns differently, and one course's sections may too: a lab table
reads better as "Week / Lab / Handouts" than as "Week / Topic / Lectures & materials".
The site's ``schedule_header_labels`` says the headers of every table; a schedule, and a
section within it, may say its own.  Each column is decided on its own, nearest first:
the section's header, then the schedule's, then the site's setting (whose default is
translated with the build's language).  Headers a schedule writes are the page's own text
and are translated with the page, as its topics are (:mod:`..render.translated_content`).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .value_types import Title
from .base_item import Item, absent

COLUMNS: tuple[str, ...] = ("week", "topic", "materials")
"""The keys of the three columns, in table order (as ``schedule_header_labels`` lists
them)."""
MAPPING_MESSAGE = ("expected a mapping of column headers, each optional, e.g. "
                   "{week: Week, topic: Lab, materials: Handouts}")


class Headers(Item):
    """Column headers of a schedule's tables, or of one section's table.

    Each is optional; a column left out keeps the header of the level above (the
    section's falls back to the schedule's, the schedule's to the site's setting).
    """

    # left out: None, never written null (see Lecture in .model), so a dump leaves it out
    week: Title = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Header of the first column: each row's week and date ('Week').")
    topic: Title = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Header of the second column: each row's topic ('Topic', 'Lab').")
    materials: Title = Field(  # type: ignore[assignment]
        default=None, exclude_if=absent,  # type: ignore[arg-type]
        description="Header of the third column: the lectures, readings, projects and "
                    "materials ('Lectures & materials', 'Handouts').")

    @model_validator(mode="before")
    @classmethod
    def _a_mapping(cls, data: Any) -> Any:
        """A list or a single text (the setting's form, or one header) is refused with
        the form a schedule writes, rather than pydantic's "a valid dictionary"."""
        if data is not None and not isinstance(data, dict):
            raise ValueError(MAPPING_MESSAGE)
        return data


def written_header(column: str, *levels: Headers | None) -> Headers | None:
    """The nearest of ``levels`` (section's first, then the schedule's) that writes a
    header for ``column``; ``None`` when the site's setting applies."""
    for headers in levels:
        if headers is not None and getattr(headers, column) is not None:
            return headers
    return None
