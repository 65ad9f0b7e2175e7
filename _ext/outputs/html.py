"""HTML output of a schedule: header cells, week rows, dates, styles, slide links.

What the schedule's own nodes (:mod:`sphinx_course_schedule.schedule.render.nodes`) carry is written here:

* :class:`ScheduleMarkup` is a translator mixin (combined into the site's HTML translator
  in :mod:`_ext`) that adds ``scope`` to a :class:`schedule_header`'s ``<th>`` and a dated
  :class:`schedule_row`'s ``data-week-*`` attributes to its ``<tr>``, at the point the
  start tag is made, so the rest of Sphinx's table markup stays Sphinx's own;
* a :class:`schedule_date` becomes ``<time datetime=…>``;
* a :class:`schedule_nav` (the week strip) becomes ``<nav>``, and a
  :class:`schedule_link` gets the ``aria-label`` (and ``hidden``) it carries;
* :class:`FileTypeLabels` adds "PDF", "PPTX", "ZIP" to links that download a file, so
  nobody on a phone opens a 20 MB deck by surprise.

Slides stay at their legacy paths (``files/ppt/<year>/<name>``).  When the source has a
local ``files/`` tree it is copied into the HTML output at the same paths (every web
builder, ``singlehtml`` too), so links into it can be relative; which links are is
decided in :mod:`.link_hrefs`.
"""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..builders import drop_page_assets, is_ebook, is_html, local_files, publishes_files
from ..locale import _
from ..schedule.links.local_files import tree_entries
from ..schedule.render.nodes import (
    schedule_block,
    schedule_date,
    schedule_header,
    schedule_link,
    schedule_nav,
    schedule_row,
)
from ..warning_types import Subtype, warn
from .xml import XML_VISITORS

FILE_TYPES = {"pdf": "PDF", "ppt": "PPT", "pptx": "PPTX", "zip": "ZIP", "key": "KEY",
              "doc": "DOC", "docx": "DOCX", "gz": "GZ", "tar": "TAR", "7z": "7Z", "rar": "RAR"}
"""Download types named after a link's text, by the file name's extension."""


class ScheduleMarkup(HTML5Translator):
    """Translator mixin: the attributes a schedule's own nodes carry, on their start tags."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        if isinstance(node, schedule_header) and tagname == "th":
            # screen readers tie each cell to its column and week headers by scope
            attributes.setdefault("scope", node.get("scope", "col"))
        elif isinstance(node, schedule_row) and tagname == "tr":
            attributes.update(node.data_attributes())
        elif isinstance(node, schedule_block) and "current_week_label" in node:
            # the words current-week.js shows beside the marked week, in the page's language
            attributes.setdefault("data-current-week-label", node["current_week_label"])
        elif isinstance(node, schedule_link) and tagname == "a":
            if node.get("aria_label"):
                attributes.setdefault("aria-label", node["aria_label"])
            if node.get("hidden"):
                attributes["hidden"] = "hidden"
        return super().starttag(node, tagname, suffix, empty, **attributes)


def visit_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append("</time>")


def visit_schedule_nav(self: HTML5Translator, node: schedule_nav) -> None:
    self.body.append(self.starttag(node, "nav", CLASS="docutils",
                                   **{"aria-label": str(_("Weeks of the schedule"))}))


def depart_schedule_nav(self: HTML5Translator, node: schedule_nav) -> None:
    self.body.append("</nav>\n")


def file_type(path: str) -> str | None:
    """``PDF`` for ``files/ppt/2022/Lecture 1.pdf``; None for pages and unknown types."""
    suffix = PurePosixPath(path.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    return FILE_TYPES.get(suffix.lstrip("."))


class FileTypeLabels(SphinxPostTransform):
    """Name the file type after each slide or archive link: "Lecture 1: Introduction PDF".

    The label is part of the link (its accessible name says it too) and is styled as a
    small badge by ``schedule.css``.  HTML only: the PDF handbook's links are not taps.
    """

    default_priority = 450
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for ref in self.document.findall(nodes.reference):
            kind = file_type(ref.get("schedule_path") or "")
            if kind and not any("schedule-filetype" in child.get("classes", ())
                                for child in ref.children if isinstance(child, nodes.Element)):
                ref += nodes.Text(" ")
                ref += nodes.inline(kind, kind, classes=["schedule-filetype"])


def copy_files_tree(app: Sphinx, exception: Exception | None) -> None:
    """Copy the local slides tree into the HTML output at the same paths.

    Symbolic links are followed, as Sphinx does for ``html_static_path``, since whoever
    put a link to a file into the project's tree chose to publish it; but each real
    folder is copied once (a link back up the tree is no endless copy), a link to a
    folder outside the project is reported, not copied, and the output and doctree
    folders are never copied (:func:`~sphinx_course_schedule.schedule.links.local_files.tree_entries`).  Hidden
    files and dangling links are skipped (the slides check reports a schedule that links
    one); a file that cannot be read, or a named pipe, is a warning at its path.
    """
    source = local_files(app) if publishes_files(app) else None
    if exception is not None or source is None:
        return
    target = Path(app.outdir) / app.config.schedule_files_dir
    skip = (Path(app.outdir), Path(app.doctreedir))
    for rel, path, kind in tree_entries(source, skip, within=Path(app.srcdir)):
        # "path:" is Sphinx's own form of a location without a line
        if kind != "file":
            why = ("a link to a folder outside the project (copy the slides into the tree)"
                   if kind == "outside" else "not a regular file (a named pipe, socket or "
                   "device); remove it from the files tree")
            warn(f"cannot copy {rel!r} into the HTML output: {why}", Subtype.FILE, f"{path}:")
            continue
        dest = target / rel
        try:
            if dest.is_file() and dest.stat().st_size == path.stat().st_size and \
                    dest.stat().st_mtime >= path.stat().st_mtime:
                continue  # copied by an earlier build and unchanged since
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
            shutil.copystat(path, dest)
        except OSError as error:
            warn(f"cannot copy {rel!r} into the HTML output: {error.strerror or error}",
                 Subtype.FILE, f"{path}:")


def add_assets(app: Sphinx) -> None:
    """Styles for HTML builders only; the current-week script only where pages run it."""
    if not is_html(app):
        return
    app.add_css_file("schedule.css")
    app.add_css_file("schedule-dates.css")
    if not is_ebook(app):
        app.add_css_file("schedule-web.css")  # :has(), which EPUB's CSS does not allow
        app.add_js_file("current-week.js", loading_method="defer")


SCHEDULE_ASSETS = ("schedule.css", "schedule-dates.css", "current-week.js")


def schedule_assets_where_used(app: Sphinx, pagename: str, templatename: str,
                               context: dict[str, Any], doctree: nodes.document | None) -> None:
    """The schedule's styles and script only on pages that show a schedule."""
    if 'class="schedule-table' not in context.get("body", ""):
        drop_page_assets(context, SCHEDULE_ASSETS)


def setup(app: Sphinx) -> None:
    app.add_node(schedule_date, html=(visit_schedule_date, depart_schedule_date),
                 xml=XML_VISITORS)
    app.add_node(schedule_nav, html=(visit_schedule_nav, depart_schedule_nav),
                 xml=XML_VISITORS)
    app.add_post_transform(FileTypeLabels)
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", schedule_assets_where_used)
    app.connect("build-finished", copy_files_tree)
