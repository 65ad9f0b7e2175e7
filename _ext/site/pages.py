"""Per-page details of the HTML site: what a page loads, says about itself, links to.

* Assets only where used: Sphinx links sphinx-design's stylesheet (55 KB) and its tabs
  script, and the highlighting styles (20 KB), from every page.  A page whose body uses
  neither leaves them out (furo's own stylesheet does not depend on them), and the
  year switcher's styles stay on the pages that have one.
* A ``<meta name="description">`` per page, from its opening paragraphs, so a search
  engine's result says which year and what the page holds.
* "Previous" and "Next" stay within a part of the site: from the oldest year the next
  page is not the staff guide, and the guide's first page does not lead back to 2020.
* ``http://`` links and images on hosts known to serve HTTPS (GitHub Pages) are
  upgraded, whatever the source wrote (the legacy pages used ``http://…github.io``).
* A picture on another host given only a width (the book covers) gets a height too, at
  a book's 2:3, so the page does not move when it arrives; ``object-fit: contain`` in
  ``site.css`` keeps a picture of another shape undistorted inside that box.
* Keyboard on a phone: furo's closed drawers stay in the Tab order off screen and its
  menu and contents toggles are labels that never take focus; ``site.css`` hides the
  closed drawers from focus and ``nav-toggles.js`` makes the toggles buttons.  (Upstream:
  pradyunsg/furo pull request #660, "Accessibility: Keyboard Navigation", still open;
  drop these two files once a furo release does the same.)
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..builders import drop_page_assets, is_ebook, is_html
from ..web_address import secure_url

DESCRIPTION_LENGTH = 160
_SPACES = re.compile(r"\s+")


class SecureLinks(SphinxPostTransform):
    """Upgrade links and images on HTTPS hosts, in every output."""

    default_priority = 460

    def run(self, **kwargs: object) -> None:
        for ref in self.document.findall(nodes.reference):
            if "refuri" in ref:
                ref["refuri"] = secure_url(ref["refuri"])
        for image in self.document.findall(nodes.image):
            image["uri"] = secure_url(image["uri"])
            for key, value in list(image.get("candidates", {}).items()):
                image["candidates"][key] = secure_url(value)


REMOTE_PICTURE = "remote-picture"
"""The class of a remote picture sized by :class:`SizedRemotePictures`."""
PICTURE_RATIO = 1.5  # height / width of a book cover (Springer's 155 x 235 mm is 1.52)
_LENGTH = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>px)?\s*$")


class SizedRemotePictures(SphinxPostTransform):
    """A remote image with a width in pixels and no height gets its height."""

    default_priority = 470
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for image in self.document.findall(nodes.image):
            match = _LENGTH.match(str(image.get("width", "")))
            if "://" not in image.get("uri", "") or "height" in image or match is None:
                continue
            height = round(float(match["number"]) * PICTURE_RATIO)
            image["height"] = f"{height}{match['unit'] or ''}"
            image["classes"].append(REMOTE_PICTURE)


def page_description(doctree: nodes.document) -> str:
    """The page's opening paragraphs (those directly in its sections), about 160 chars."""
    found: list[str] = []
    for paragraph in doctree.findall(nodes.paragraph):
        if not isinstance(paragraph.parent, (nodes.section, nodes.document)):
            continue
        # Text nodes only: an image's alt text (the banner) is not a description
        text = _SPACES.sub(" ", "".join(t.astext() for t in paragraph.findall(nodes.Text)))
        text = text.strip()
        if len(text) < 20:
            continue
        found.append(text if text[-1] in ".!?" else f"{text}.")
        if sum(map(len, found)) >= 80:
            break
    text = " ".join(found)
    if len(text) > DESCRIPTION_LENGTH:
        text = text[:DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def note_description(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the description in the page's metadata (front matter may give its own)."""
    metadata = app.env.metadata[app.env.docname]
    if "description" not in metadata:
        description = page_description(doctree)
        if description:
            metadata["description"] = description


def _area(docname: str) -> str | None:
    """The part of the site a page belongs to: ``years``, ``guide``; None for the root."""
    return docname.split("/", 1)[0] if "/" in docname else None


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: nodes.document | None) -> None:
    body: str = context.get("body", "")
    unused = []
    if "sd-" not in body:
        unused += ["sphinx-design.min.css", "design-tabs.js"]
    if 'class="highlight' not in body:
        unused.append("pygments.css")
    if 'class="year-switcher' not in body:
        unused.append("years.css")
    drop_page_assets(context, unused)

    description = app.env.metadata.get(pagename, {}).get("description")
    if description:
        tag = f'<meta name="description" content="{html.escape(description)}" />'
        context["metatags"] = context.get("metatags", "") + "\n" + tag

    # the builder computed every page's relations once (collecting them here per page
    # would cost the whole site's walk for each page)
    relations = getattr(app.builder, "relations", {}).get(pagename)
    if relations:
        _parent, previous, following = relations
        for key, other in (("prev", previous), ("next", following)):
            here, there = _area(pagename), _area(other) if other else None
            if other and here and there and here != there:
                context[key] = None


def add_assets(app: Sphinx) -> None:
    if not is_html(app) or is_ebook(app):
        return
    app.add_css_file("site.css")  # published with the extension's other static files
    app.add_js_file("nav-toggles.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_post_transform(SecureLinks)
    app.add_post_transform(SizedRemotePictures)
    app.connect("doctree-read", note_description)
    app.connect("html-page-context", page_context)
    app.connect("builder-inited", add_assets)
