"""HTML output: accessible header cells, styles, and where slide links point.

Slides stay at their legacy paths (``files/ppt/<year>/<name>``).  When the source has a
local ``files/`` tree it is copied into the HTML output at the same paths and slide
links become relative, so the site works offline and from any host; otherwise they
point at the original site (``schedule_files_base_url``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .config import local_files_dir
from .links import is_site_path, relative_href
from .tables import schedule_header

STATIC = Path(__file__).parent / "static"


def is_html(app: Sphinx) -> bool:
    return app.builder.format == "html"


def is_ebook(app: Sphinx) -> bool:
    """epub builders write HTML too, but into a package with no room for side files."""
    return app.builder.name.startswith("epub")


def publishes_files(app: Sphinx) -> bool:
    """HTML builders that write pages to disk; e-books carry no side files."""
    return is_html(app) and not is_ebook(app)


def visit_schedule_header(self: HTML5Translator, node: schedule_header) -> None:
    """A ``<th>`` with ``scope`` so screen readers tie cells to their headers."""
    self.visit_entry(node)
    tag = self.body[-1]
    if tag.startswith("<th"):
        self.body[-1] = f'<th scope="{node.get("scope", "col")}"' + tag[3:]


def depart_schedule_header(self: HTML5Translator, node: schedule_header) -> None:
    self.depart_entry(node)


class UniqueTableIds(SphinxPostTransform):
    """Keep each table's id on the table only.

    furo wraps every table in a scrolling ``table-wrapper`` container and copies the
    table's ids onto it, which gives the page duplicate ids (an accessibility error and
    an ambiguous ``#anchor``).  Running after furo's transform, drop the copy.
    """

    default_priority = 501
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for container in self.document.findall(nodes.container):
            if "table-wrapper" in container["classes"] and container.children:
                table = container.children[0]
                if isinstance(table, nodes.table) and container["ids"] == table["ids"]:
                    container["ids"] = []


def local_files(app: Sphinx) -> Path | None:
    return local_files_dir(Path(app.srcdir), app.config.schedule_files_dir)


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
    """Copy the local slides tree into the HTML output at the same paths."""
    source = local_files(app) if publishes_files(app) else None
    if exception is not None or source is None:
        return
    target = Path(app.outdir) / app.config.schedule_files_dir
    shutil.copytree(source, target, dirs_exist_ok=True)


def add_assets(app: Sphinx) -> None:
    """Styles for HTML builders only; LaTeX and others style tables themselves."""
    if is_html(app):
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("schedule.css")
