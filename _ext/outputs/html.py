"""HTML output of a schedule: header cells, week rows, dates, styles, slide links.

What the schedule's own nodes (:mod:`_ext.schedule.nodes`) carry is written here:

* :class:`ScheduleMarkup` is a translator mixin (combined into the site's HTML translator
  in :mod:`_ext`) that adds ``scope`` to a :class:`schedule_header`'s ``<th>`` and a dated
  :class:`schedule_row`'s ``data-week-*`` attributes to its ``<tr>``, at the point the
  start tag is made, so the rest of Sphinx's table markup stays Sphinx's own;
* a :class:`schedule_date` becomes ``<time datetime=…>``.

Slides stay at their legacy paths (``files/ppt/<year>/<name>``).  When the source has a
local ``files/`` tree it is copied into the HTML output at the same paths and slide
links become relative, so the site works offline and from any host; otherwise they
point at the original site (``schedule_files_base_url``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset
from sphinx.util.matching import DOTFILES
from sphinx.writers.html5 import HTML5Translator

from ..builders import STATIC, is_ebook, is_html, local_files, publishes_files
from ..schedule.links import is_site_path, relative_href
from ..schedule.nodes import schedule_date, schedule_header, schedule_row
from ..warning_types import Subtype, warn


class ScheduleMarkup(HTML5Translator):
    """Translator mixin: the attributes a schedule's own nodes carry, on their start tags."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        if isinstance(node, schedule_header) and tagname == "th":
            # screen readers tie each cell to its column and week headers by scope
            attributes.setdefault("scope", node.get("scope", "col"))
        elif isinstance(node, schedule_row) and tagname == "tr":
            attributes.update(node.data_attributes())
        return super().starttag(node, tagname, suffix, empty, **attributes)


def visit_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append("</time>")


def relink_slides(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make slide links relative when the slides are copied into this HTML build."""
    if not publishes_files(app) or app.builder.name == "singlehtml":
        return  # an e-book or one-page build carries no slides; keep the absolute links
    if local_files(app) is None:
        return
    page = app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        path = ref.get("schedule_path")
        if path and is_site_path(path):
            ref["refuri"] = relative_href(path, page)


def copy_files_tree(app: Sphinx, exception: Exception | None) -> None:
    """Copy the local slides tree into the HTML output at the same paths.

    By Sphinx's own rule for ``html_static_path`` (its ``copy_asset``): symbolic links are
    followed, wherever they point, since whoever put a link into the project's tree chose
    to publish its target; hidden files are skipped, and so is a dangling link (the slides
    check reports a schedule that links one); a file that cannot be read is a warning at
    its path, not a traceback.
    """
    source = local_files(app) if publishes_files(app) else None
    if exception is not None or source is None:
        return

    def failed(path: str, error: Exception) -> None:
        warn(f"cannot copy {path!r} into the HTML output: {error}", Subtype.FILE, path)

    copy_asset(source, Path(app.outdir) / app.config.schedule_files_dir, excluded=DOTFILES,
               onerror=failed, force=True)


def add_assets(app: Sphinx) -> None:
    """Styles for HTML builders only; the current-week script only where pages run it."""
    if not is_html(app):
        return
    if str(STATIC) not in map(str, app.config.html_static_path):
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file("schedule.css")
    app.add_css_file("schedule-dates.css")
    if not is_ebook(app):
        app.add_js_file("current-week.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_node(schedule_date, html=(visit_schedule_date, depart_schedule_date))
    app.connect("builder-inited", add_assets)
    app.connect("doctree-resolved", relink_slides)
    app.connect("build-finished", copy_files_tree)
