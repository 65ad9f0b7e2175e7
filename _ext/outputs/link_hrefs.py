"""Where each schedule link leads, decided once per builder when the page is resolved.

The table builder (:mod:`..schedule.render.tables`) leaves a ``reference`` that knows only the
link as written (``schedule_path``): a web address, or a path on the site
(``files/ppt/2022/x.pdf``).  Like Sphinx's pending cross-references, it gets its target
when the page is resolved (``doctree-resolved``, where the builder is known), in
:func:`href`, the one function that decides:

* a link the page refuses (:func:`..schedule.links.hrefs.is_linkable`) is never a link;
* a web address is the same everywhere (percent-encoded, ``https`` on HTTPS hosts);
* a site path, for web pages (``html``, ``dirhtml``, ``singlehtml``): relative to the
  page when its file is published with the site (its year folder is local, see
  :mod:`..schedule.links.local_files`, or there is no ``schedule_files_base_url`` to send it to), so
  the site works under any path prefix; otherwise at ``schedule_files_base_url``;
* a site path anywhere else (the PDF, the e-book, the JSON export) must open outside
  the site, so it gets an absolute address: ``schedule_files_base_url`` if set (where
  staff said the files are), else the site's address (:func:`site_address`).  With no
  address known, the PDF keeps the path relative to the site's root, which is where
  ``make publish`` puts the PDF, so it opens there; an e-book shows the link's text
  without a link, since a link to a file that is not in the book is an EPUBCheck error
  (RSC-007) and no reader could open it; the JSON keeps the path as written.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..builders import is_ebook, is_html
from ..schedule.links.local_files import local_target
from ..schedule.links.hrefs import encode_path, encode_url, is_linkable, is_site_path, relative_href
from ..web_address import secure_url, vetted_base_url

PAGES, PRINT, BOOK, DATA = "pages", "print", "book", "data"
"""What a builder makes, as far as links go: web pages beside the site's files, a
printed handbook, an e-book (no files beside it), data for other tools."""


def site_address(config: Config) -> str | None:
    """The site's published address: ``html_baseurl``, else Read the Docs' canonical URL
    (``READTHEDOCS_CANONICAL_URL``), vetted like any base address; ``None`` if unknown."""
    for given in (config.html_baseurl, os.environ.get("READTHEDOCS_CANONICAL_URL", "")):
        if isinstance(given, str) and given.strip():
            vetted = vetted_base_url(given)
            if vetted is not None:
                return vetted
    return None


@dataclass(frozen=True)
class LinkPlaces:
    """What decides a site path's target: the settings and the local files tree."""

    srcdir: Path
    files_dir: str
    slides_dir: str
    files_base: str | None
    """``schedule_files_base_url`` (vetted at start-up), ``None`` when not set."""
    site: str | None
    """:func:`site_address`."""

    @classmethod
    def of(cls, app: Sphinx) -> LinkPlaces:
        return cls.of_project(Path(app.srcdir), app.config)

    @classmethod
    def of_project(cls, srcdir: Path, config: Config) -> LinkPlaces:
        return cls(srcdir, config.schedule_files_dir, config.schedule_slides_dir,
                   config.schedule_files_base_url or None, site_address(config))

    def published_here(self, path: str) -> bool:
        """Whether the site serves this path's file itself: its year folder is local,
        or no other place was named for site paths."""
        return self.files_base is None or local_target(
            self.srcdir, self.files_dir, path, self.slides_dir) is not None

    def address(self, path: str) -> str | None:
        """The absolute address of a site path, if an address is known."""
        base = self.files_base or self.site
        return base.rstrip("/") + "/" + encode_path(path) if base else None


def href(url: str, kind: str, places: LinkPlaces, page: str = "") -> str | None:
    """The href of the link written ``url`` in output ``kind``, from the page at ``page``
    (its path in the output, for relative links); ``None``: show it as text."""
    if not is_linkable(url):
        return None
    if not is_site_path(url):
        return secure_url(encode_url(url))
    if kind == PAGES:
        if places.published_here(url):
            return relative_href(url, page)
        return secure_url(places.address(url) or "")
    address = places.address(url)
    if address is not None:
        return secure_url(address)
    if kind == BOOK:
        return None
    return url.strip() if kind == DATA else encode_path(url)


def export_href(url: str, places: LinkPlaces) -> str | None:
    """A link as the JSON export carries it: absolute when an address is known.

    An absolute form longer than a link may be (``MAX_LINK``) keeps the path as written,
    so the exported schedule still validates against the published schema.
    """
    from ..schedule.model.value_types import MAX_LINK  # pydantic's module: only builds with a schedule

    found = href(url, DATA, places)
    if found is not None and len(found) > MAX_LINK:
        return url.strip()
    return found


def output_kind(app: Sphinx) -> str:
    if is_ebook(app):
        return BOOK
    if is_html(app):
        return PAGES
    return PRINT


def page_path(app: Sphinx, docname: str) -> str:
    """The page's path in the output, which relative links start from: dirhtml's pages
    are a folder deeper (``years/2022/``), singlehtml has the one page at the top."""
    if app.builder.name == "singlehtml":
        return app.config.root_doc + getattr(app.builder, "out_suffix", ".html")
    return app.builder.get_target_uri(docname).split("#", 1)[0]


def _unresolved(doctree: nodes.Node) -> list[nodes.reference]:
    return [ref for ref in doctree.findall(nodes.reference)
            if "schedule_path" in ref and "refuri" not in ref]


def _resolve(found: list[nodes.reference], kind: str, places: LinkPlaces, page: str) -> None:
    for ref in found:
        target = href(ref["schedule_path"], kind, places, page)
        if target is None:
            ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children,
                                          classes=["schedule-unlinked"]))
        else:
            ref["refuri"] = target


def resolve_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give every schedule link of the page its target for the running builder."""
    found = _unresolved(doctree)
    if found:
        _resolve(found, output_kind(app), LinkPlaces.of(app), page_path(app, docname))


class LinkcheckTargets(SphinxPostTransform):
    """``linkcheck`` collects a page's links in a post-transform (its
    ``HyperlinkCollector``, priority 800), before ``doctree-resolved``: it gets the
    schedule's links here, as a reader outside the site opens them (a site path at its
    absolute address when one is known, as in the JSON export), so staff can check the
    slides' addresses with Sphinx's own link checker."""

    builders = ("linkcheck",)
    default_priority = 20  # after Sphinx's own references (10), long before the collector

    def run(self, **kwargs: object) -> None:
        found = _unresolved(self.document)
        if found:
            _resolve(found, DATA, LinkPlaces.of_project(Path(self.env.srcdir), self.config),
                     "")


def setup(app: Sphinx) -> None:
    app.add_post_transform(LinkcheckTargets)
    # before the other doctree-resolved handlers (500), which may read the links
    app.connect("doctree-resolved", resolve_links, priority=400)
