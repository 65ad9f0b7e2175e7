"""Where validated schedules are kept between reading and writing.

A Sphinx domain is the supported place for per-document data: Sphinx pickles it with
the environment, calls ``clear_doc`` when a page is re-read and ``merge_domaindata``
after a parallel read, which is what makes ``parallel_read_safe`` true.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .files import FolderState, folder_state

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
    initial_data: dict[str, Any] = {"records": {}, "folders": {}}

    @property
    def records(self) -> dict[str, list[ScheduleRecord]]:
        return self.data.setdefault("records", {})

    @property
    def folders(self) -> dict[str, dict[str, FolderState]]:
        """Per page, the slides year folders its checks and links looked at, and what
        each held; when one changes the page is read again (:func:`outdated_by_folders`)."""
        return self.data.setdefault("folders", {})

    def note_folders(self, docname: str, seen: dict[str, FolderState]) -> None:
        self.folders.setdefault(docname, {}).update(seen)

    def add(self, record: ScheduleRecord) -> None:
        self.records.setdefault(record.docname, []).append(record)

    def all(self) -> Iterable[ScheduleRecord]:
        for docname in sorted(self.records):
            yield from self.records[docname]

    def clear_doc(self, docname: str) -> None:
        self.records.pop(docname, None)
        self.folders.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, records in otherdata.get("records", {}).items():
            if docname in docnames:
                self.records[docname] = records
        for docname, seen in otherdata.get("folders", {}).items():
            if docname in docnames:
                self.folders[docname] = seen

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def schedule_domain(env: BuildEnvironment) -> ScheduleDomain:
    domain = env.get_domain("schedule")
    assert isinstance(domain, ScheduleDomain)
    return domain


def outdated_by_folders(app: Sphinx, env: BuildEnvironment, added: Set[str],
                        changed: Set[str], removed: Set[str]) -> list[str]:
    """Pages whose slides year folders appeared, vanished or changed their files.

    Without this an incremental build would keep the links and warnings of the last full
    read, so the result would depend on whether the build was clean.
    """
    srcdir, files_dir = Path(app.srcdir), app.config.schedule_files_dir
    domain = schedule_domain(env)
    return [docname for docname, seen in sorted(domain.folders.items())
            if docname not in removed and docname not in changed
            and any(folder_state(srcdir, files_dir, folder) != state
                    for folder, state in seen.items())]


def setup(app: Sphinx) -> None:
    app.add_domain(ScheduleDomain)
    app.connect("env-get-outdated", outdated_by_folders)
