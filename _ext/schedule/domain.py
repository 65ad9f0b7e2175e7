"""Where validated schedules are kept between reading and writing, and what they name.

A Sphinx domain is the supported place for per-document data: Sphinx pickles it with
the environment, calls ``clear_doc`` when a page is re-read and ``merge_domaindata``
after a parallel read, which is what makes ``parallel_read_safe`` true.

The domain also *names* what a schedule holds: every lecture, paper reading and
project is an object of the domain.  That gives two things Sphinx already knows how to
do with objects:

* the search index lists them (``get_objects``), each with its year and week in the
  shown name and the week's row as its anchor, so a search for a lecture title opens
  ``years/2022/#week-3`` rather than the top of a long page;
* other pages link them with a role, ``{schedule:lecture}`2022:8``` (year and lecture
  number), ``{schedule:paper}`2020:11-1``` or ``{schedule:project}`2020:15-1```
  (year and presentation id); with ``-n`` an unknown target is a warning, like any
  unresolved reference.

The objects are derived from the stored records, so they need no bookkeeping of their
own: what ``clear_doc`` and ``merge_domaindata`` do for the records they do for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

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
    example: bool = False  # ``:example:``: shown in documentation, no term of the course

    @property
    def anchor_prefix(self) -> str:
        """Prefix of this block's ids: none for a page's first block, ``schedule-2-`` ..."""
        return "" if self.index == 0 else f"schedule-{self.index + 1}-"


@dataclass(frozen=True)
class ScheduleObject:
    """A lecture, paper reading or project as the search index and the roles see it."""

    kind: str  # "lecture", "paper" or "project"
    key: str | None  # "2022:8": what a role names; None when it has no number or year
    label: str  # "Lecture 8: Variational Autoencoder"
    year: int | None
    week: int
    docname: str
    anchor: str  # the week's row

    @property
    def display(self) -> str:
        """The name a search result shows: the item, then its year and week."""
        from .labels import week_label

        where = week_label(self.week).lower()
        return f"{self.label} ({self.year}, {where})" if self.year else f"{self.label} ({where})"


def record_objects(record: ScheduleRecord) -> Iterator[ScheduleObject]:
    """Every lecture (each part of a combined one), paper and project of one block."""
    from .labels import lecture_label, reading_name, week_anchor

    def key(number: int | str | None) -> str | None:
        return f"{record.year}:{number}" if record.year and number is not None else None

    for section in record.schedule.sections:
        for week in section.weeks:
            anchor = week_anchor(week.week, record.anchor_prefix)
            for lecture in week.lectures:
                for number, title in lecture.each():
                    yield ScheduleObject("lecture", key(number), lecture_label(number, title),
                                         record.year, week.week, record.docname, anchor)
            for kind, readings in (("paper", week.papers), ("project", week.projects)):
                for reading in readings:
                    yield ScheduleObject(kind, key(reading.number), reading_name(reading),
                                         record.year, week.week, record.docname, anchor)


class ScheduleDomain(Domain):
    name = "schedule"
    label = "Course schedule"
    object_types: ClassVar[dict[str, ObjType]] = {
        "lecture": ObjType("lecture", "lecture"),
        "paper": ObjType("paper reading", "paper"),
        "project": ObjType("project", "project"),
    }
    roles: ClassVar[dict[str, XRefRole]] = {
        "lecture": XRefRole(), "paper": XRefRole(), "project": XRefRole()}
    initial_data: ClassVar[dict[str, Any]] = {"records": {}, "folders": {}}

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

    def objects(self) -> Iterator[ScheduleObject]:
        for record in self.all():
            yield from record_objects(record)

    def find(self, kind: str, key: str) -> ScheduleObject | None:
        """The first object of ``kind`` named ``key`` (a year's first listing wins)."""
        return next((found for found in self.objects()
                     if found.kind == kind and found.key == key.strip()), None)

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

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Each item twice: by its title for the search, by its key for roles.

        Sphinx's search matches and shows the *display* name, so the searchable entry is
        named by the item's title with year and week; the role's key ("2022:8") is a
        second entry with priority -1, which the search leaves out.
        """
        for found in self.objects():
            yield (found.display, found.display, found.kind, found.docname, found.anchor, 1)
            if found.key is not None:
                yield found.key, found.key, found.kind, found.docname, found.anchor, -1

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref, contnode: Element
                     ) -> nodes.reference | None:
        found = self.find(typ, target)
        if found is None:
            return None  # Sphinx reports it under -n: "schedule:lecture reference target …"
        if node.get("refexplicit"):
            content: Element = contnode
        else:
            content = nodes.inline(found.display, found.display)
        return make_refnode(builder, fromdocname, found.docname, found.anchor, content,
                            found.display)

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref, contnode: Element
                         ) -> list[tuple[str, nodes.reference]]:
        found: list[tuple[str, nodes.reference]] = []
        for kind in self.object_types:
            ref = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if ref is not None:
                found.append((f"schedule:{kind}", ref))
        return found


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


def term_pages(app: Sphinx, env: BuildEnvironment) -> list[tuple[int, str]]:
    """(year, docname) of every term page, newest first: each page with a schedule that
    has a year and is not an ``:example:`` (the ``schedule-term-pages`` event's answer)."""
    found = {docname: record.year for docname, records in schedule_domain(env).records.items()
             for record in reversed(records) if record.year is not None and not record.example}
    return sorted(((year, docname) for docname, year in found.items()), reverse=True)


def setup(app: Sphinx) -> None:
    app.add_domain(ScheduleDomain)
    # the site's year switcher asks which pages are terms without importing this part
    app.add_event("schedule-term-pages")
    app.connect("schedule-term-pages", term_pages)
    app.connect("env-get-outdated", outdated_by_folders)
