"""Which calendar and JSON files each schedule block publishes: decided once per build.

A block's files are named after its page and year (:func:`export_files`), so a name can
be wanted by more than one thing in the output:

* two blocks of one folder (``years/2030/index`` and ``years/2030/schedule`` both make
  ``schedule-2030``): the year's index page keeps it, otherwise the first page by name;
* a page's own output (``html_file_suffix = ".json"``), or a folder the output needs for
  another page (``x-2030.json/index.md`` beside ``x.md``);
* a file of ``html_extra_path``, which Sphinx copies over whatever is there;
* a name longer than a file system allows.

In every case the block that does not keep the name offers no download and is reported
at its line (by :mod:`.publish`), instead of a traceback or a silently overwritten page.

The decision depends on every page of the build, so it is made once per build
(:func:`export_plan`) rather than once per block, which made many blocks in one folder
quadratic.  Each page remembers what it was given; when an added or removed page changes
that, the page is written again (:func:`rewrite_changed_owners`), so an incremental
build links the same files as a clean one.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..builders import publishes_files
from ..schedule.objects.domain import ScheduleRecord, schedule_domain
from ..warning_types import bounded

if TYPE_CHECKING:  # what the files are made with loads when there is a schedule
    from ..schedule.model.schedule import Schedule

MAX_NAME_BYTES = 255
"""The longest file name (one path component) the common file systems allow."""

Key = tuple[str, int]
"""A block: its page and its position on the page."""


@dataclass(frozen=True)
class ExportFiles:
    """The output paths (``/``-separated, relative to the output dir) of one block."""

    ics: str | None
    json: str | None


def export_files(docname: str, year: int | None, index: int, data: Schedule,
                 config: Any) -> ExportFiles:
    """Which files one block wants, by the naming rule of :mod:`.publish`."""
    from ..schedule.calendar.week_dates import has_dates

    stem = export_stem(docname, year, index)
    ics = None
    if config.schedule_calendar_export and has_dates(data.term):
        from .ical import meetings  # icalendar loads for dated schedules only

        if meetings(data):
            ics = stem + ".ics"
    json = stem + ".json" if config.schedule_json_export else None
    return ExportFiles(ics, json)


def export_stem(docname: str, year: int | None, index: int) -> str:
    """The output path of a block's files without the ending: ``years/2026/schedule-2026``."""
    base = posixpath.basename(docname)
    stem = "schedule" if base == "index" else base
    if year is not None:
        stem += f"-{year}"
    if index:
        stem += f"-{index + 1}"
    return posixpath.join(posixpath.dirname(docname), stem)


@dataclass
class ExportPlan:
    """What every block keeps, and for each name it does not keep, why."""

    kept: dict[Key, ExportFiles] = field(default_factory=dict)
    lost: dict[Key, dict[str, str]] = field(default_factory=dict)
    """Per block, each name it wanted and did not keep, with the reason (a sentence)."""
    folders: set[str] = field(default_factory=set)
    """The lost names that are folders this build's pages need."""

    def files(self, record: ScheduleRecord) -> ExportFiles:
        return self.kept.get((record.docname, record.index), ExportFiles(None, None))


def _priority(record: ScheduleRecord) -> tuple[str, bool, str, int]:
    folder = posixpath.dirname(record.docname)
    return folder, posixpath.basename(record.docname) != "index", record.docname, record.index


def _with_folders(taken: dict[str, str], path: str, reason: str, folder_reason: str) -> None:
    taken.setdefault(path, reason)
    parent = posixpath.dirname(path)
    while parent:
        taken.setdefault(parent, folder_reason)
        parent = posixpath.dirname(parent)


FOLDER_REASON = "is also a folder of the output, holding page {docname!r}"


def other_outputs(app: Sphinx) -> dict[str, str]:
    """Every path of the output that is not an export: pages, their folders, extra files."""
    taken: dict[str, str] = {}
    outdir = Path(app.outdir)
    outfile = getattr(app.builder, "get_outfilename", None)
    if outfile is not None and app.builder.name != "singlehtml":
        for docname in sorted(app.env.found_docs):
            path = Path(outfile(docname)).relative_to(outdir).as_posix()
            _with_folders(taken, path, f"is also the output of page {docname!r}",
                          FOLDER_REASON.format(docname=docname))
    for entry in getattr(app.config, "html_extra_path", ()):
        root = Path(app.confdir, entry)
        found = [root] if root.is_file() else sorted(_walk(root)) if root.is_dir() else []
        for path in found:
            name = path.name if path == root else path.relative_to(root).as_posix()
            _with_folders(taken, name, f"is also a file of html_extra_path ({entry!r})",
                          f"is also a folder of html_extra_path ({entry!r})")
    return taken


def _walk(root: Path) -> Iterable[Path]:
    """The files below ``root`` (links to folders are not followed: no loop can hold us)."""
    for folder, _dirs, names in os.walk(root):
        for name in names:
            yield Path(folder, name)


def _too_long(path: str) -> str | None:
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in path.split("/"))
    if longest > MAX_NAME_BYTES:
        return (f"has a name of {longest} bytes, longer than a file system allows "
                f"({MAX_NAME_BYTES})")
    return None


def plan_exports(app: Sphinx) -> ExportPlan:
    """The one decision of the build: each wanted name goes to at most one block."""
    plan = ExportPlan()
    taken = other_outputs(app) if publishes_files(app) else {}
    owners: dict[str, ScheduleRecord] = {}
    for record in sorted(schedule_domain(app.env).all(), key=_priority):
        key = (record.docname, record.index)
        wanted = export_files(record.docname, record.year, record.index, record.schedule,
                              app.config)
        kept: list[str | None] = []
        for path in (wanted.ics, wanted.json):
            reason = None if path is None else _too_long(path) or taken.get(path)
            if path is not None and reason is None and path in owners:
                reason = (f"is also the name of the schedule on page "
                          f"{owners[path].docname!r}, which keeps it")
            if path is not None and reason is not None:
                plan.lost.setdefault(key, {})[path] = reason
                if reason.startswith(FOLDER_REASON.split("{")[0]):
                    plan.folders.add(path)
                path = None
            elif path is not None:
                owners[path] = record
            kept.append(path)
        plan.kept[key] = ExportFiles(*kept)
    return plan


_PLAN = "_schedule_export_plan"


def export_plan(app: Sphinx) -> ExportPlan:
    """This build's plan: made after reading (:func:`rewrite_changed_owners`), or now."""
    plan = getattr(app.builder, _PLAN, None)
    if plan is None:
        plan = plan_exports(app)
        setattr(app.builder, _PLAN, plan)
    return plan


def lost_message(path: str, reason: str) -> str:
    advice = ("give the page a shorter name" if "longer than" in reason
              else "rename this page, or give its schedule another 'year'")
    return f"export file {bounded(path)!r} {reason}; this block gets no download ({advice})"


def rewrite_changed_owners(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages not read again whose downloads changed with this build's pages (written again).

    Runs at ``env-updated``, after every page is read (and, with ``-j``, merged); the
    pages' allocations are kept in the schedule domain, pickled with the environment.
    """
    plan = plan_exports(app)
    setattr(app.builder, _PLAN, plan)
    domain = schedule_domain(env)
    before: dict[str, Any] = domain.data.get("exports", {})
    now = {docname: [plan.kept.get((docname, record.index)) for record in records]
           for docname, records in domain.records.items()}
    domain.data["exports"] = now
    return sorted(docname for docname, files in now.items()
                  if docname in before and before[docname] != files)


def remove_stale_exports(app: Sphinx, builder: Any) -> None:
    """Remove an earlier build's export file where this build needs a folder for a page.

    (``x-2030.json`` written before ``x-2030.json/index.md`` was added: Sphinx could not
    make the page's folder.)  Only a plain file at a name an export wanted is removed.
    """
    if not publishes_files(app):
        return
    outdir = Path(app.outdir)
    for path in sorted(export_plan(app).folders):
        target = outdir / path
        if target.is_file() and not target.is_symlink():
            target.unlink()


def setup(app: Sphinx) -> None:
    app.connect("env-updated", rewrite_changed_owners)
    app.connect("write-started", remove_stale_exports)
