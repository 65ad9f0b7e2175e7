"""PDF (LaTeX) and e-book output: fixed column widths, and no remote images.

The LaTeX writer sizes a table's columns from its content (``tabulary``) unless the table
says its widths are given; a longtable of lecture lists then gets columns too narrow for
the titles.  :class:`LatexScheduleTables` marks the schedule tables so the writer uses
the proportions :mod:`.tables` sets, as ragged-right paragraph columns.  It also drops
``stub=0`` from the colspecs: the LaTeX writer treats the mere presence of ``stub`` as a
header column and would set every cell in the header font.

Banners and book covers on the web pages are images on other hosts.  A builder that
cannot link to a remote image (LaTeX, epub) would download it at build time, which fails
offline and on Read the Docs' sandbox with a warning that ``-W`` turns into an error.
:class:`RemoteImagesAsText` runs before that download and renders such an image simply,
as its alt text (still a link when the image was one), or leaves it out.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCHEDULE_TABLE = "schedule-table"
"""The class :mod:`.tables` puts on every schedule table."""


class LatexScheduleTables(SphinxPostTransform):
    """Given column proportions (``\\X{14}{100}``), only the week column as header,
    and code links ("torch") in a code font."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for table in self.document.findall(nodes.table):
            classes = table["classes"]
            if SCHEDULE_TABLE not in classes:
                continue
            if "colwidths-given" not in classes:
                classes.append("colwidths-given")
            for colspec in table.findall(nodes.colspec):
                if "stub" in colspec and not colspec["stub"]:
                    del colspec["stub"]
            for ref in table.findall(nodes.reference):
                if "schedule-code" in ref["classes"] and ref.children:
                    # "torch", "tensorflow": set as code, so they read as labels
                    text = ref.astext()
                    del ref[:]
                    ref += nodes.literal(text, text)


def is_remote(uri: str) -> bool:
    """The test Sphinx itself uses to tell a remote image from a local one."""
    return "://" in uri


class RemoteImagesAsText(SphinxPostTransform):
    """Show a remote image as its alt text in builders that cannot embed it.

    Runs before Sphinx's ``ImageDownloader`` (priority 100), which would otherwise try to
    fetch the file.  HTML builders link remote images directly and are left alone.
    """

    default_priority = 90

    def is_supported(self) -> bool:
        return not _builder_class(self).supported_remote_images

    def run(self, **kwargs: object) -> None:
        for image in list(self.document.findall(nodes.image)):
            if not is_remote(image.get("uri", "")):
                continue
            logger.verbose("not embedding remote image %s in %s output", image["uri"],
                           _builder_class(self).name, location=image)
            parent = image.parent
            alt = image.get("alt", "").strip()
            if alt and isinstance(parent, nodes.TextElement):
                image.replace_self(nodes.inline(alt, alt, classes=["remote-image"]))
            elif alt:
                image.replace_self(nodes.paragraph(alt, alt, classes=["remote-image"]))
            else:
                image.parent.remove(image)
                _prune_empty(parent)


def _builder_class(transform: SphinxPostTransform) -> type[Builder]:
    """The running builder's class (``transform.app`` is deprecated since Sphinx 9)."""
    cls = getattr(transform.env, "_builder_cls", None)
    return cls if cls is not None else type(transform.app.builder)


def _prune_empty(node: nodes.Element | None) -> None:
    """Remove a link or paragraph left with nothing in it, and its empty parents."""
    while (node is not None and node.parent is not None and not node.children
           and isinstance(node, (nodes.reference, nodes.paragraph, nodes.figure))):
        parent = node.parent
        parent.remove(node)
        node = parent
