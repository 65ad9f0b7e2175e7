"""Where validated schedules are kept between reading and writing.

A Sphinx domain is the supported place for per-document data: Sphinx pickles it with
the environment, calls ``clear_doc`` when a page is re-read and ``merge_domaindata``
after a parallel read, which is what makes ``parallel_read_safe`` true.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:  # the domain is registered at start-up; pydantic loads with a schedule
    from .model import Schedule


@dataclass
class ScheduleRecord:
    """One schedule block of one page, with the year it belongs to."""

    docname: str
    year: int | None
    schedule: Schedule
    index: int  # position of the block within its page

    @property
    def anchor_prefix(self) -> str:
        """Prefix of this block's ids: none for a page's first block, ``schedule-2-`` ..."""
        return "" if self.index == 0 else f"schedule-{self.index + 1}-"


class ScheduleDomain(Domain):
    name = "schedule"
    label = "Course schedule"
    initial_data: dict[str, Any] = {"records": {}}

    @property
    def records(self) -> dict[str, list[ScheduleRecord]]:
        return self.data.setdefault("records", {})

    def add(self, record: ScheduleRecord) -> None:
        self.records.setdefault(record.docname, []).append(record)

    def all(self) -> Iterable[ScheduleRecord]:
        for docname in sorted(self.records):
            yield from self.records[docname]

    def clear_doc(self, docname: str) -> None:
        self.records.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, records in otherdata.get("records", {}).items():
            if docname in docnames:
                self.records[docname] = records

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def schedule_domain(env: BuildEnvironment) -> ScheduleDomain:
    domain = env.get_domain("schedule")
    assert isinstance(domain, ScheduleDomain)
    return domain
