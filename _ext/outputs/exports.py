"""Publish each schedule as ``.ics`` and ``.json`` next to its page, and link them.

Files are named after the page and year and written beside the page's HTML:
``years/2026/index`` → ``years/2026/schedule-2026.ics``; another page such as
``guide/demo-schedule`` → ``guide/demo-schedule-2026.ics``; a page's second block gets
``-2``.  The iCalendar file exists only when the term has dates; the JSON always.
Two pages of one folder can still be given one name (``years/2030/index`` and
``years/2030/schedule`` both make ``schedule-2030``); the file then belongs to one block
only, the year's index page first and otherwise the first page by name, and every other
block that wants it is reported at its line and offers no download, so no page links to
another page's data.

The directive leaves a ``schedule_exports`` placeholder under the tables.  At
``doctree-resolved`` it becomes a paragraph of links for HTML builders (relative to the
page, so ``html``, ``dirhtml`` and ``singlehtml`` all work) and is removed everywhere
else: a PDF or an e-book has no files beside it to link.  The files themselves are written at
``build-finished`` from the :class:`ScheduleDomain` records, which Sphinx keeps and
merges across parallel reads, so there is no global state and an incremental build
still writes every year.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_catalog
from sphinx.util.i18n import docname_to_domain
from sphinx.util.osutil import relative_uri

from ..builders import publishes_files
from ..locale import _, build_words
from ..schedule.domain import ScheduleRecord, schedule_domain
from ..schedule.nodes import schedule_exports
from ..warning_types import Subtype, warn
from .revision import build_environ

if TYPE_CHECKING:  # what the files are made with loads when there is a schedule
    from ..schedule.model import Schedule


@dataclass(frozen=True)
class ExportFiles:
    """The output paths (``/``-separated, relative to the output dir) of one block."""

    ics: str | None
    json: str | None


def export_files(docname: str, year: int | None, index: int, data: Schedule,
                 config: Any) -> ExportFiles:
    """Which files one block publishes, by the naming rule in the module docstring."""
    from ..schedule.dates import has_dates

    base = posixpath.basename(docname)
    stem = "schedule" if base == "index" else base
    if year is not None:
        stem += f"-{year}"
    if index:
        stem += f"-{index + 1}"
    folder = posixpath.dirname(docname)
    ics = None
    if config.schedule_calendar_export and has_dates(data.term):
        from .ical import meetings  # icalendar loads for dated schedules only

        if meetings(data):
            ics = posixpath.join(folder, stem + ".ics")
    json = posixpath.join(folder, stem + ".json") if config.schedule_json_export else None
    return ExportFiles(ics, json)


def _priority(record: ScheduleRecord) -> tuple[bool, str, int]:
    return posixpath.basename(record.docname) != "index", record.docname, record.index


def _owners(app: Sphinx, folder: str) -> dict[str, ScheduleRecord]:
    """The block each export file of ``folder`` belongs to (names only collide there)."""
    records = [record for docname, found in schedule_domain(app.env).records.items()
               if posixpath.dirname(docname) == folder for record in found]
    owners: dict[str, ScheduleRecord] = {}
    for record in sorted(records, key=_priority):
        files = export_files(record.docname, record.year, record.index, record.schedule,
                             app.config)
        for path in (files.ics, files.json):
            if path:
                owners.setdefault(path, record)
    return owners


def published_files(app: Sphinx, record: ScheduleRecord
                    ) -> tuple[ExportFiles, dict[str, ScheduleRecord]]:
    """The files ``record`` publishes, and those it wants that another block owns (with
    that block)."""
    owners = _owners(app, posixpath.dirname(record.docname))
    files = export_files(record.docname, record.year, record.index, record.schedule,
                         app.config)
    kept = [path if path and owners.get(path) is record else None
            for path in (files.ics, files.json)]
    lost = {path: owners[path] for path, keep in zip((files.ics, files.json), kept)
            if path and not keep}
    return ExportFiles(*kept), lost


def _record(app: Sphinx, docname: str, index: int) -> ScheduleRecord | None:
    for record in schedule_domain(app.env).records.get(docname, []):
        if record.index == index:
            return record
    return None


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder by download links (HTML) or by nothing (other output).

    Runs at ``doctree-resolved``, once the builder is known, for every builder; for
    ``singlehtml`` and LaTeX ``docname`` is the document the pages are assembled into.
    """
    for node in list(doctree.findall(schedule_exports)):
        links = download_links(app, node, docname) if publishes_files(app) else None
        if links is None:
            node.parent.remove(node)
        else:
            node.replace_self(links)


def download_links(app: Sphinx, node: schedule_exports, docname: str) -> nodes.paragraph | None:
    record = _record(app, node["docname"], node["index"])
    if record is None:
        return None
    files, _lost = published_files(app, record)
    found = [(str(label), path) for label, path in ((_("calendar (iCalendar .ics)"), files.ics),
                                                    (_("data (JSON)"), files.json)) if path]
    if not found:
        return None
    page = app.builder.get_target_uri(docname)
    paragraph = nodes.paragraph(classes=["schedule-downloads"])
    paragraph += nodes.Text(str(_("Download this schedule: ")))
    for number, (label, path) in enumerate(found):
        if number:
            paragraph += nodes.Text(str(_(" · ")))
        paragraph += nodes.reference(label, label, refuri=relative_uri(page, path),
                                     classes=["schedule-download"])
    return paragraph


def page_url(app: Sphinx, docname: str) -> str | None:
    """The page's absolute address, or ``None`` when ``html_baseurl`` is not set."""
    base = app.config.html_baseurl
    if not base:
        return None
    return base.rstrip("/") + "/" + app.builder.get_target_uri(docname)


def uid_host(app: Sphinx) -> str:
    """The UIDs' domain: a fixed name, never the host that happens to build the site.

    ``html_baseurl`` differs between hosts (Read the Docs sets it from
    ``READTHEDOCS_CANONICAL_URL``); a UID that followed it would make every subscribed
    calendar show each class twice after a move.
    """
    from .ical import slug

    return app.config.schedule_calendar_uid_domain or slug(app.config.project)


def page_translation(app: Sphinx, docname: str) -> Callable[[str], str]:
    """The schedule content's translation from the page's ``.po`` (``locale_dirs``).

    The page itself was translated by Sphinx while it was read (see
    :mod:`_ext.schedule.i18n`); the calendar is written from the schedule's data, so its
    topics and titles are looked up in the same catalog, by the same messages (the
    text made one line).  Without a translation the text stays as it is.
    """
    if not app.config.language or not app.config.locale_dirs:
        return lambda text: text
    dirs = [Path(app.srcdir, folder) for folder in app.config.locale_dirs]
    domain = docname_to_domain(docname, app.config.gettext_compact)
    translator, found = init_catalog(dirs, app.config.language, domain)
    if not found:
        return lambda text: text

    from ..schedule.labels import one_line

    def translate(text: str) -> str:
        message = one_line(text)
        translated = translator.gettext(message)
        return translated if translated and translated != message else text

    return translate


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write every block's files into the HTML output once the build has succeeded."""
    if exception is not None or not publishes_files(app):
        return
    outdir = Path(app.outdir)
    environ = build_environ(Path(app.srcdir))
    for record in schedule_domain(app.env).all():
        from .ical import build_calendar
        from .json_export import build_json

        files, lost = published_files(app, record)
        for path, owner in lost.items():
            warn(f"export file {path!r} is also the name of the schedule on page "
                 f"{owner.docname!r}, which keeps it; this block gets no download (rename "
                 "this page, or give its schedule another 'year')",
                 Subtype.EXPORT_NAME, record.schedule.where)
        url = page_url(app, record.docname)
        if files.ics:
            data = build_calendar(
                record.schedule, year=record.year, docname=record.docname,
                name=f"{app.config.project} {record.year or ''}".strip(), host=uid_host(app),
                page_url=url, anchor_prefix=record.anchor_prefix,
                words=build_words(app.config.language), project=app.config.project,
                content=page_translation(app, record.docname), environ=environ)
            if data is not None:
                _write(outdir / files.ics, data)
        if files.json:
            _write(outdir / files.json, build_json(
                record.schedule, year=record.year, docname=record.docname, url=url,
                calendar=posixpath.basename(files.ics) if files.ics else None))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def setup(app: Sphinx) -> None:
    """Register the placeholder node, the link transform and the writer."""
    app.add_node(schedule_exports)
    app.connect("doctree-resolved", resolve_links)
    app.connect("build-finished", write_exports)
