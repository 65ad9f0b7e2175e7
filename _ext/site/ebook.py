"""The e-book is the course: its years, readable on any e-reader, nothing else.

* **Only the course.**  ``ebook_exclude_docs`` (``conf.py``: the staff guide and the
  handbook's root) names documents the e-book leaves out: their files are not packed,
  the contents and toctrees do not list them, and a link to one (the landing page's
  "staff guide") goes to that page on the web site instead, so nothing dangles.
  Sphinx's empty "Index" page goes with ``html_use_index = False`` in ``conf.py``.
* **Each image once.**  A picture the pages show through ``{image}`` (the banners,
  ``_static/water-top.jpg``) is packed as ``_images/water-top.jpg``; its copy among
  the static files is left out.
* **A cover**, drawn as SVG from the settings (course, years, university, author), so
  a new year needs no new picture (``epub_cover`` in ``conf.py`` names the file).
* **A language on every page**: Sphinx's epub template writes ``<html>`` with no
  ``lang``, so an e-reader guesses, and a Chinese name falls back to a mixed font.
"""

from __future__ import annotations

import html
import posixpath
import re
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..builders import is_ebook
from .printed import _builder_class

HTML_TAG = ('<html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">')
"""Sphinx's epub ``<html>`` tag (``sphinx.builders.epub3.HTML_TAG``) with the language."""


_PAGE = re.compile(r"\.x?html$")


def left_out(config: Config, docname: str) -> bool:
    """Whether the e-book leaves the document out (``ebook_exclude_docs``)."""
    return any(fnmatchcase(docname, pattern) for pattern in config.ebook_exclude_docs)


def language_tag(app: Sphinx) -> str:
    """The book's language as BCP 47 wants it: ``zh-CN`` for Sphinx's ``zh_CN``."""
    return (app.config.epub_language or app.config.language or "en").replace("_", "-")


class EbookLinks(SphinxPostTransform):
    """Toctree entries of left-out documents go; links to them lead to the web site."""

    default_priority = 5  # before toctrees are resolved and references are written

    def is_supported(self) -> bool:
        return _builder_class(self).name.startswith("epub")

    def run(self, **kwargs: object) -> None:
        for toctree in list(self.document.findall(addnodes.toctree)):
            toctree["entries"] = [(title, ref) for title, ref in toctree["entries"]
                                  if not left_out(self.config, ref)]
            toctree["includefiles"] = [ref for ref in toctree["includefiles"]
                                       if not left_out(self.config, ref)]
            if toctree["entries"]:
                continue
            wrapper = toctree.parent  # MyST and rST put a toctree in its own compound
            if isinstance(wrapper, nodes.compound) and len(wrapper) == 1:
                wrapper.parent.remove(wrapper)
            else:
                wrapper.remove(toctree)


class EbookReferences(SphinxPostTransform):
    """After references are resolved: a link into a left-out page goes to the web site."""

    default_priority = 800

    def is_supported(self) -> bool:
        return _builder_class(self).name.startswith("epub")

    def run(self, **kwargs: object) -> None:
        here = posixpath.dirname(self.env.docname)
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if not ref.get("internal") or not uri or "://" in uri:
                continue
            path, _, anchor = uri.partition("#")
            if not _PAGE.search(path):  # the builder sets its suffix (.xhtml) per instance
                continue
            docname = _PAGE.sub("", posixpath.normpath(posixpath.join(here, path)))
            if left_out(self.config, docname):
                web = urljoin(self.config.html_baseurl, docname + ".html")
                ref["refuri"] = web + (f"#{anchor}" if anchor else "")
                ref["internal"] = False


def prepare_package(app: Sphinx, builder: Builder) -> None:
    """Pack no left-out page and no static copy of an image the pages show; draw the cover.

    Set when writing starts (the documents are known, the environment is already saved),
    so the user's setting is what the next build compares with.
    """
    if not is_ebook(app):
        return
    excluded = app.config.epub_exclude_files
    names = [docname + builder.out_suffix for docname in sorted(app.env.found_docs)
             if left_out(app.config, docname)]
    static = [Path(app.confdir, entry).resolve() for entry in app.config.html_static_path]
    for image in sorted(app.env.images):
        source = Path(app.srcdir, image).resolve()
        for folder in static:
            if source.is_relative_to(folder):
                names.append("_static/" + source.relative_to(folder).as_posix())
    excluded.extend(name for name in names if name not in excluded)
    write_cover(app, builder)


def write_cover(app: Sphinx, builder: Builder) -> None:
    """The cover named by ``epub_cover``, an SVG drawn from the book's settings."""
    if not app.config.epub_cover or not str(app.config.epub_cover[0]).endswith(".svg"):
        return
    config = app.config
    lines = [(config.project, 64, 600, 420), (config.epub_cover_subtitle, 34, 400, 500),
             (config.epub_publisher, 34, 400, 1100), (config.epub_author, 30, 400, 1160)]
    text = "\n".join(
        f'  <text x="400" y="{y}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="middle">{html.escape(line)}</text>'
        for line, size, weight, y in lines if line)
    svg = f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 1280" width="800" height="1280">
  <title>{html.escape(config.project)}</title>
  <rect width="800" height="1280" fill="#ffffff"/>
  <rect x="60" y="330" width="680" height="6" fill="#2962a8"/>
  <rect x="60" y="560" width="680" height="2" fill="#2962a8"/>
  <g font-family="serif" fill="#14213d">
{text}
  </g>
</svg>
"""
    target = Path(builder.outdir, config.epub_cover[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != svg:
        target.write_text(svg, encoding="utf-8")


def page_language(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    if is_ebook(app):
        context["html_tag"] = HTML_TAG.format(lang=html.escape(language_tag(app)))


def setup(app: Sphinx) -> None:
    app.add_config_value("ebook_exclude_docs", [], "epub", types=frozenset({list, tuple}),
                         description="Documents (glob patterns) the e-book leaves out; "
                                     "links to them go to the web site.")
    app.add_config_value("epub_cover_subtitle", "", "epub", types=frozenset({str}),
                         description="The line under the title on the drawn SVG cover.")
    app.add_post_transform(EbookLinks)
    app.add_post_transform(EbookReferences)
    app.connect("write-started", prepare_package)
    app.connect("html-page-context", page_language)
