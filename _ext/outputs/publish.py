"""Publish each schedule as ``.ics`` and ``.json`` next to its page, and link them.

Files are named after the page and year and written beside the page's HTML:
``years/2026/index`` → ``years/2026/schedule-2026.ics``; another page such as
``guide/demo-schedule`` → ``guide/demo-schedule-2026.ics``; a page's second block gets
``-2``.  The iCalendar file exists only when the term has dates; the JSON always.
A name can also be wanted by another block of the folder, be a page's output or a folder
of it, a file of ``html_extra_path``, or be too long for a file name; which block keeps
each name is decided once per build in :mod:`.export_names`, and every block that does
not keep a name it wants is reported at its line and offers no download for it, so no
page links to another page's data and no export overwrites anything.

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
from pathlib import Path
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from ..builders import publishes_files
from ..locale import _, build_words
from ..schedule.objects.domain import ScheduleRecord, schedule_domain
from ..schedule.render.translated_content import page_translation
from ..schedule.render.nodes import schedule_exports
from ..warning_types import Subtype, warn
from .export_names import ExportPlan, export_plan, export_stem, lost_message
from .link_hrefs import LinkPlaces, site_address
from .revision import build_environ


def _record(app: Sphinx, docname: str, index: int) -> ScheduleRecord | None:
    for record in schedule_domain(app.env).records.get(docname, []):
        if record.index == index:
            return record
    return None


def place_download_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
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
    files = export_plan(app).files(record)
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
        href = quote(relative_uri(page, path), safe="/~!$&'()*+,;=:@")  # 日程-2030.json
        paragraph += nodes.reference(label, label, refuri=href,
                                     classes=["schedule-download"])
    return paragraph


def page_url(app: Sphinx, docname: str) -> str | None:
    """The page's absolute address, or ``None`` when the site's address is not known
    (:func:`.link_hrefs.site_address`: ``html_baseurl`` or Read the Docs' canonical URL).

    The page's path is percent-encoded (a space or a Chinese page name would make an
    invalid calendar URL), and ``singlehtml``'s ``#document-…`` is left off: the
    calendar adds the week's anchor, and a URL has one fragment.
    """
    base = site_address(app.config)
    if not base:
        return None
    path = app.builder.get_target_uri(docname).split("#", 1)[0]
    return base.rstrip("/") + "/" + quote(path, safe="/~!$&'()*+,;=:@")


def uid_host(app: Sphinx) -> str:
    """The UIDs' domain: a fixed name, never the host that happens to build the site.

    ``html_baseurl`` differs between hosts (Read the Docs sets it from
    ``READTHEDOCS_CANONICAL_URL``); a UID that followed it would make every subscribed
    calendar show each class twice after a move.
    """
    from .ical import slug

    return app.config.schedule_calendar_uid_domain or slug(app.config.project)


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write every block's files into the HTML output once the build has succeeded."""
    if exception is not None or not publishes_files(app):
        return
    outdir = Path(app.outdir)
    environ = build_environ(Path(app.srcdir))
    plan = export_plan(app)
    remove_failed_blocks_files(app, outdir, plan)
    for record in schedule_domain(app.env).all():
        from .ical import build_calendar
        from .json_data import build_json

        for path, reason in plan.lost.get((record.docname, record.index), {}).items():
            warn(lost_message(path, reason), Subtype.EXPORT_NAME, record.schedule.where)
        files = plan.files(record)
        url = page_url(app, record.docname)
        if files.ics:
            data = build_calendar(
                record.schedule, year=record.year, docname=record.docname,
                name=f"{app.config.project} {record.year or ''}".strip(), host=uid_host(app),
                page_url=url, anchor_prefix=record.anchor_prefix, block=record.index,
                words=build_words(app.config.language), project=app.config.project,
                content=page_translation(app.env, record.docname), environ=environ)
            if data is not None:
                _write(outdir / files.ics, data, record)
        if files.json:
            _write(outdir / files.json, build_json(
                record.schedule, year=record.year, docname=record.docname, url=url,
                calendar=posixpath.basename(files.ics) if files.ics else None,
                places=LinkPlaces.of(app)), record)


def remove_failed_blocks_files(app: Sphinx, outdir: Path, plan: ExportPlan) -> None:
    """Remove an earlier build's files of each block that could not be read this time.

    The page shows an error box instead of the tables; a calendar or JSON file left from
    the last good build would still be served and linked from elsewhere, with data the
    page no longer shows.  A file another block publishes now is kept.
    """
    failed = schedule_domain(app.env).failed
    if not failed:
        return
    kept = {path for files in plan.kept.values() for path in (files.ics, files.json) if path}
    for docname, blocks in failed.items():
        for index, year in blocks:
            for ending in (".ics", ".json"):
                path = export_stem(docname, year, index) + ending
                if path not in kept:
                    (outdir / path).unlink(missing_ok=True)


def _write(path: Path, data: bytes, record: ScheduleRecord) -> None:
    """Write unless the same bytes are there; a file system's refusal is a warning."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    except OSError as error:
        warn(f"cannot write export file {path.name!r}: {error.strerror or error}",
             Subtype.EXPORT_NAME, record.schedule.where)


def setup(app: Sphinx) -> None:
    """Register the placeholder node, the link transform and the writer."""
    app.add_node(schedule_exports)
    app.connect("doctree-resolved", place_download_links)
    app.connect("build-finished", write_exports)
