"""Every edition of the course is reachable from the site, and the site from each.

* ``{editions}`` on the landing page links the PDF handbook and the e-book.  Where they
  are is the host's decision, made once here (:func:`edition_url`): a Read the Docs build
  (``READTHEDOCS_VERSION`` set) links Read the Docs' own download addresses
  (``/_/downloads/<language>/<version>/pdf/``); any other build links the files beside
  the pages (``deep-generative-models.pdf``), where ``make publish`` puts them for a
  plain static host such as GitHub Pages.  An e-book links them on the web.
* The web edition publishes only pages: the handbook's root (the PDF's table of contents
  page, ``handbook/index``) is no web page (removed after the build; ``nosearch`` keeps
  it out of the search), and the "page not found" page says ``noindex``, has a
  description and no canonical address.
* A tab names the course once: "Spring 2021 - Deep Generative Models · Peking
  University", not "Deep Generative Models — Spring 2021 - Deep Generative …".
"""

from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..builders import is_ebook, publishes_files
from ..locale import N_, _
from .printed import without_course_name

HANDBOOK_ROOT = "handbook/index"
"""The PDF's root document; not a page of the web edition."""

NOT_FOUND_PAGE = "404"
NOT_FOUND_DESCRIPTION = ("There is no page at this address of the {project} site; every "
                         "term of the course is linked here.")


DEFAULT_LABELS = {"pdf": N_("Course handbook (PDF)"), "epub": N_("E-book (EPUB)")}
"""Each edition's link text when the directive gives none (``:pdf:``, ``:epub:``)."""


class editions(nodes.General, nodes.Element):
    """Placeholder for the edition links, filled in when the page is written."""


class EditionsDirective(SphinxDirective):
    """``{editions}``: an introductory paragraph (content) and a link to each edition."""

    has_content = True
    option_spec = {"pdf": directives.unchanged_required,
                   "epub": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        node = editions(labels={kind: self.options.get(kind) or str(_(label))
                                for kind, label in DEFAULT_LABELS.items()})
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def edition_files(app: Sphinx) -> dict[str, str]:
    """The file name of each edition, as its builder writes it."""
    tex = app.config.latex_documents[0][1] if app.config.latex_documents else ""
    return {"pdf": f"{Path(tex).stem}.pdf" if tex else "",
            "epub": f"{app.config.epub_basename}.epub"}


def edition_url(app: Sphinx, kind: str, fromdoc: str) -> str:
    """Where a reader of ``fromdoc`` downloads the edition (see the module's docstring)."""
    version = os.environ.get("READTHEDOCS_VERSION", "").strip()
    if version:
        language = os.environ.get("READTHEDOCS_LANGUAGE", "").strip() or "en"
        origin = urlsplit(app.config.html_baseurl)
        return f"{origin.scheme}://{origin.netloc}/_/downloads/{language}/{version}/{kind}/"
    name = edition_files(app)[kind]
    if is_ebook(app):
        return urljoin(app.config.html_baseurl, name)
    return posixpath.relpath(name, posixpath.dirname(fromdoc) or ".")


def resolve_editions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Links in web pages and e-books; the PDF (the edition itself) leaves them out."""
    for node in list(doctree.findall(editions)):
        if app.builder.name == "gettext":
            node.replace_self(node.children)  # its introduction is the page's to translate
            continue
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        items = nodes.bullet_list(classes=["editions"])
        for kind, label in node["labels"].items():
            if edition_files(app)[kind]:
                uri = edition_url(app, kind, docname)
                paragraph = nodes.paragraph()
                paragraph += nodes.reference(label, label, refuri=uri,
                                             classes=[f"edition-{kind}"])
                items += nodes.list_item("", paragraph)
        node.replace_self([*node.children, items])


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: nodes.document | None) -> None:
    title = context.get("title")
    if isinstance(title, str) and pagename != app.config.root_doc:
        context["title"] = without_course_name(title, app.config.project)
    if pagename == NOT_FOUND_PAGE and doctree is None:
        context["pageurl"] = None  # no canonical "/404.html": it is no page to index
        context["metatags"] = context.get("metatags", "") + (
            '\n<meta name="robots" content="noindex" />'
            '\n<meta name="description" content="{}" />'.format(
                html.escape(NOT_FOUND_DESCRIPTION.format(project=app.config.project))))


def remove_handbook_root(app: Sphinx, exception: Exception | None) -> None:
    """The web edition publishes no page for the PDF's root document."""
    if exception is not None or not publishes_files(app):
        return
    if HANDBOOK_ROOT not in app.env.found_docs:
        return
    outdir = Path(app.outdir)
    # the page, and the copy of its source Sphinx keeps for the search (_sources/)
    for page in [outdir / app.builder.get_target_uri(HANDBOOK_ROOT),
                 *(outdir / "_sources").glob(f"{HANDBOOK_ROOT}.*")]:
        if page.is_file():
            page.unlink()
            if not any(page.parent.iterdir()):
                page.parent.rmdir()


def setup(app: Sphinx) -> None:
    app.add_node(editions)
    app.add_directive("editions", EditionsDirective)
    app.connect("doctree-resolved", resolve_editions)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", remove_handbook_root)
