"""Where validated schedules are kept between reading and writing, and what they name.

A Sphinx domain is the supported place for per-document data: Sphinx pickles it with
the environment, calls ``clear_doc`` when a page is re-read and ``merge_domaindata``
after a parallel read, which is what makes ``parallel_read_safe`` true.

The domain also *names* what a schedule holds: every lecture, paper reading and
project is an object of the domain.  That gives two things Sphinx already knows how to
do with objects:

* the search index lists them (``get_objects``), each with its year and week in the
  shown name and the week's row as its anchor, so a search for a lecture title opens
  ``years/2022/#week-3`` rather than the top of a long page; a reading's presenters
  are part of its name, so a student's name opens their row too.  A page that asks
  to stay out of the search (``nosearch`` in its front matter, like the staff guide's
  demo schedule) keeps its objects out as well: Sphinx leaves only its text out;
* other pages link them with a role, ``{schedule:lecture}`2022:8``` (year and lecture
  number), ``{schedule:paper}`2020:11-1``` or ``{schedule:project}`2020:15-1```
  (year and presentation id); with ``-n`` an unknown target is a warning, like any
  unresolved reference.

The objects are derived from the stored records, so they need no bookkeeping of their
own: what ``clear_doc`` and ``merge_domaindata`` do for the records they do for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ...locale import ENGLISH, N_, Words, build_words
from ..links.local_files import FolderState, folder_state

if TYPE_CHECKING:  # the domain is registered at start-up; pydantic loads with a schedule
    from ..model.schedule import Schedule


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
    presenters: tuple[str, ...] = ()

    def display(self, words: Words = ENGLISH) -> str:
        """The name a search result shows: the item, then its year and week."""
        from ..render.labels import NAME_SEPARATOR, week_label

        where = week_label(self.week, words).lower()
        label = self.label
        if self.presenters:
            label = f"{label} — {words(NAME_SEPARATOR).join(self.presenters)}"
        if self.year:
            return words(ITEM_YEAR_WEEK).format(item=label, year=self.year, week=where)
        return words(ITEM_WEEK).format(item=label, week=where)


# NOTE: a search result, "Lecture 8: VAE (2022, week 3)"
ITEM_YEAR_WEEK = N_("{item} ({year}, {week})")
ITEM_WEEK = N_("{item} ({week})")  # NOTE: a search result of a schedule without a year


def record_objects(record: ScheduleRecord, words: Words = ENGLISH
                   ) -> Iterator[ScheduleObject]:
    """Every lecture (each part of a combined one), paper and project of one block."""
    from ..render.labels import lecture_label, one_line, reading_name, week_anchor

    def key(number: int | str | None) -> str | None:
        return f"{record.year}:{number}" if record.year and number is not None else None

    for section in record.schedule.sections:
        for week in section.weeks:
            anchor = week_anchor(week.week, record.anchor_prefix)
            for lecture in week.lectures:
                for number, title in lecture.each():
                    label = lecture_label(number, title, words)
                    yield ScheduleObject("lecture", key(number), label, record.year, week.week,
                                         record.docname, anchor)
            for kind, readings in (("paper", week.papers), ("project", week.projects)):
                for reading in readings:
                    presenters = tuple(one_line(name) for name in reading.presenters)
                    yield ScheduleObject(kind, key(reading.number), reading_name(reading),
                                         record.year, week.week, record.docname, anchor,
                                         presenters)


PER_DOCUMENT = ("records", "folders", "failed", "targets", "refs")  # purged, merged per doc


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
    initial_data: ClassVar[dict[str, Any]] = {name: {} for name in PER_DOCUMENT}
    _index: dict[tuple[str, str], ScheduleObject] | None = None
    """(kind, key) -> object, made on first use and dropped whenever the records change."""

    @property
    def records(self) -> dict[str, list[ScheduleRecord]]:
        return self.data.setdefault("records", {})

    @property
    def folders(self) -> dict[str, dict[str, FolderState]]:
        """Per page, the slides year folders its checks and links looked at, and what
        each held; when one changes the page is read again (:func:`outdated_by_folders`)."""
        return self.data.setdefault("folders", {})

    @property
    def failed(self) -> dict[str, list[tuple[int, int | None]]]:
        """Per page, the blocks that could not be read at all, as (index, year): the page
        shows an error box instead, the ``{term}`` line adds no warning of its own, and the
        block's export files of an earlier build are removed (:mod:`...outputs.publish`)."""
        return self.data.setdefault("failed", {})

    def note_failed(self, docname: str, year: int | None) -> int:
        """Remember a block that could not be read; returns its index on the page."""
        index = self.next_index(docname)
        self.failed.setdefault(docname, []).append((index, year))
        return index

    def next_index(self, docname: str) -> int:
        """The position of the next block on the page, failed blocks counted, so a block
        keeps its export file names while the one before it is broken."""
        return len(self.records.get(docname, [])) + len(self.failed.get(docname, []))

    def note_folders(self, docname: str, seen: dict[str, FolderState]) -> None:
        self.folders.setdefault(docname, {}).update(seen)

    def note_targets(self, docname: str, checked: dict[str, bool]) -> None:
        """The page's relative links and whether each named a page or file when read."""
        self.data.setdefault("targets", {}).setdefault(docname, {}).update(checked)

    def add(self, record: ScheduleRecord) -> None:
        self.records.setdefault(record.docname, []).append(record)
        self._index = None

    def all(self) -> Iterable[ScheduleRecord]:
        for docname in sorted(self.records):
            yield from self.records[docname]

    def objects(self) -> Iterator[ScheduleObject]:
        words = build_words(self.env.config.language)
        for record in self.all():
            yield from record_objects(record, words)

    def find(self, kind: str, key: str) -> ScheduleObject | None:
        """The first object of ``kind`` named ``key`` (a year's first listing wins).

        Looked up in an index made once per change of the records, so resolving every
        role of a build is linear in roles plus objects, not their product.
        """
        if self._index is None:
            index: dict[tuple[str, str], ScheduleObject] = {}
            for found in self.objects():
                if found.key is not None:
                    index.setdefault((found.kind, found.key), found)
            self._index = index
        return self._index.get((kind, key.strip()))

    def clear_doc(self, docname: str) -> None:
        for name in PER_DOCUMENT:
            self.data.setdefault(name, {}).pop(docname, None)
        self._index = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in PER_DOCUMENT:
            mine = self.data.setdefault(name, {})
            for docname, value in otherdata.get(name, {}).items():
                if docname in docnames:
                    mine[docname] = value
        self._index = None

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Each item twice: by its title for the search, by its key for roles.

        Sphinx's search matches and shows the *display* name, so the searchable entry
        carries the item's title with year and week as its display name; the role's key
        ("2022:8") is a second entry with priority -1, which the search leaves out.
        Objects of a page with ``nosearch`` metadata (the staff guide's demo) are given
        under their key only, so they are in no student's results.

        ``objects.inv`` writes each entry as ``name type priority uri display`` and
        readers split it at white space, so a name with spaces (a title such as
        ``x std:doc 1 //evil.example/phish y``) could be read as another entry: names
        are written without white space (:func:`inventory_name`).
        """
        if not self.records:
            return  # (the labels, and the models with them, load only for a schedule)
        from ..render.labels import one_line

        words = build_words(self.env.config.language)
        metadata = self.env.metadata
        for found in self.objects():
            page = metadata.get(found.docname, {})
            if "nosearch" not in page and "no-search" not in page:
                display = one_line(found.display(words))
                yield (inventory_name(f"{found.kind}/{display}"), display, found.kind,
                       found.docname, found.anchor, 1)
            if found.key is not None:
                key = inventory_name(found.key)
                yield key, key, found.kind, found.docname, found.anchor, -1

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: pending_xref, contnode: Element
                     ) -> nodes.reference | None:
        found = self.find(typ, target)
        if found is None:
            return None  # Sphinx reports it under -n: "schedule:lecture reference target …"
        display = found.display(build_words(env.config.language))
        if node.get("refexplicit"):
            content: Element = contnode
        else:
            content = nodes.inline(display, display)
        ref = make_refnode(builder, fromdocname, found.docname, found.anchor, content, display)
        # a link to a lecture is not the lecture: the search finds the item itself (an
        # object result), not each page that mentions it (the guide's role examples)
        ref["classes"].append("no-search")
        return ref

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: pending_xref, contnode: Element
                         ) -> list[tuple[str, nodes.reference]]:
        found: list[tuple[str, nodes.reference]] = []
        for kind in self.object_types:
            ref = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if ref is not None:
                found.append((f"schedule:{kind}", ref))
        return found


def inventory_name(text: str) -> str:
    """``text`` with white space and ``%`` percent-encoded: one token of ``objects.inv``."""
    return re.sub(r"[\s%]", lambda match: quote(match[0]), text)


def schedule_domain(env: BuildEnvironment) -> ScheduleDomain:
    domain = env.get_domain("schedule")
    assert isinstance(domain, ScheduleDomain)
    return domain


def outdated_by_folders(app: Sphinx, env: BuildEnvironment, added: Set[str],
                        changed: Set[str], removed: Set[str]) -> list[str]:
    """Pages whose slides year folders appeared, vanished or changed their files: without
    this an incremental build would keep the links and warnings of the last full read."""
    srcdir, files_dir = Path(app.srcdir), app.config.schedule_files_dir
    domain = schedule_domain(env)
    outdated = {docname for docname, seen in domain.folders.items()
                if any(folder_state(srcdir, files_dir, folder) != state
                       for folder, state in seen.items())}
    targets = domain.data.get("targets", {})
    if targets:  # (the checks, and the models with them, load only for a schedule)
        from ..checks.link_targets import page_or_file

        # a linked page or file that appeared or vanished: the link-target warning follows
        outdated |= {docname for docname, checked in targets.items()
                     if any(page_or_file(path, env.found_docs, srcdir) != found
                            for path, found in checked.items())}
    return sorted(outdated - set(removed) - set(changed))


def note_references(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the page's ``{schedule:…}`` roles, for :func:`rewrite_moved_references`."""
    refs = sorted({(node["reftype"], node["reftarget"]) for node in doctree.findall(pending_xref)
                   if node.get("refdomain") == "schedule"})
    if refs:
        schedule_domain(app.env).data.setdefault("refs", {})[app.env.docname] = refs


def rewrite_moved_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages not read again whose ``{schedule:…}`` roles now lead elsewhere or nowhere.

    A lecture renamed, moved to another week or page, or deleted changes what the role
    shows and where it links (or makes it a ``-n`` warning); the referring page is then
    written again, as a clean build would write it.
    """
    domain = schedule_domain(env)
    before: dict[str, Any] = domain.data.get("resolved", {})
    now: dict[str, list[Any]] = {}
    for docname, refs in domain.data.get("refs", {}).items():
        now[docname] = [_target(domain.find(kind, key)) for kind, key in refs]
    domain.data["resolved"] = now
    return sorted(docname for docname, found in now.items()
                  if docname in before and before[docname] != found)


def _target(found: ScheduleObject | None) -> tuple[str, str, str] | None:
    return None if found is None else (found.docname, found.anchor, found.display())


def setup(app: Sphinx) -> None:
    app.add_domain(ScheduleDomain)
    app.connect("env-get-outdated", outdated_by_folders)
    app.connect("doctree-read", note_references)
    app.connect("env-updated", rewrite_moved_references)
