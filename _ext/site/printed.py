"""Printed pages and e-books: what a web page carries that paper and e-readers cannot.

The year pages carry web decoration: banners, files of the site that link to other
sites.  On paper they are neither readable nor clickable, so :class:`PrintedPages` leaves
them out of the PDF.  A row of linked pictures hosted elsewhere (the book covers under
"Others") is what the links are about, so it becomes a list: each picture's alt text (the
book's title) as the link, then the address printed, since a reader of paper cannot click.
A ``mailto:`` link named after a person ("Jialei Huang") gets its address printed after
it, for the same reason.  A section left with nothing is dropped, and "Deep Generative
Models — Spring 2022" is shortened to "Spring 2022" in chapter titles, since the
handbook's title page already names the course.

An e-book holds pages, styles, scripts, images and fonts.  The site's static folders also
hold files an e-reader has no use for (a JSON schema), and a rebuild after a settings
change leaves ``.buildinfo.bak`` in the output; the epub builder warns about each such
file, so :func:`epub_leave_out_other_files` lists them in ``epub_exclude_files``.

An image on another host cannot be embedded by LaTeX or epub; Sphinx would download it
at build time, which fails offline and in Read the Docs' sandbox with a warning that
``-W`` turns into an error.  :class:`RemoteImagesAsText` runs before that download and
shows such an image as its alt text (still a link when the image was one).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..builders import is_ebook

logger = logging.getLogger(__name__)

_TITLE_SEPARATOR = r"\s*[—–:-]\s*"


def links_elsewhere(image: nodes.image) -> bool:
    """Whether the image is (inside) a link to another site: a banner or an advert."""
    parent = image.parent
    while parent is not None and not isinstance(parent, nodes.reference):
        parent = parent.parent if isinstance(parent, nodes.inline) else None
    if parent is None:
        return False
    try:
        scheme = urlsplit(parent.get("refuri", "").strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in ("http", "https")


class PrintedPages(SphinxPostTransform):
    """Leave web decoration out of the PDF; shorten chapter titles to the term."""

    default_priority = 80  # before RemoteImagesAsText and Sphinx's image handling
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            links = linked_pictures(paragraph)
            if links:
                paragraph.replace_self(printed_links(links))
        for reference in list(self.document.findall(nodes.reference)):
            print_mail_address(reference)
        for image in list(self.document.findall(nodes.image)):
            if links_elsewhere(image):
                logger.verbose("leaving linked image %s out of the PDF", image["uri"],
                               location=image)
                parent = image.parent
                parent.remove(image)
                _prune_empty(parent)
        for section in reversed(list(self.document.findall(nodes.section))):
            content = [child for child in section.children
                       if not isinstance(child, (nodes.title, nodes.target))]
            if not content and section.parent is not None:
                logger.verbose("leaving section %r out of the PDF: nothing left in it",
                               section[0].astext() if section.children else "",
                               location=section)
                section.parent.remove(section)
        for title in self.document.findall(nodes.title):
            if (isinstance(title.parent, nodes.section) and len(title) == 1
                    and isinstance(title[0], nodes.Text)):
                title[0] = nodes.Text(without_course_name(title.astext(), self.config.project))


def without_course_name(title: str, project: str) -> str:
    """"Spring 2022" from "Deep Generative Models — Spring 2022": where the course is
    named already (the handbook's title page, the tab's site name), a page's title says
    only what is its own.  A title that is only the course's name stays."""
    match = re.match(re.escape(project) + _TITLE_SEPARATOR, title)
    return title[match.end():] if match and title[match.end():].strip() else title


def linked_pictures(paragraph: nodes.paragraph) -> list[tuple[str, str]]:
    """(alt text, address) of each link of a paragraph made only of linked remote pictures.

    An empty list when the paragraph holds anything else (text, a local banner).
    """
    found = []
    for child in paragraph.children:
        if isinstance(child, nodes.Text) and not child.astext().strip():
            continue
        images = list(child.findall(nodes.image)) if isinstance(child, nodes.reference) else []
        if (len(images) != 1 or not is_remote(images[0].get("uri", ""))
                or not links_elsewhere(images[0])
                or any(text.strip() for text in child.findall(nodes.Text))):
            return []
        uri = child["refuri"]
        found.append((images[0].get("alt", "").strip() or uri, uri))
    return found


def printed_links(links: list[tuple[str, str]]) -> nodes.bullet_list:
    """One item per link: its name as the link, then the address itself."""
    items = nodes.bullet_list(classes=["printed-links"])
    for name, uri in links:
        paragraph = nodes.paragraph()
        paragraph += nodes.reference(name, name, refuri=uri)
        paragraph += nodes.Text(": ")
        paragraph += nodes.reference(uri, uri, refuri=uri)
        items += nodes.list_item("", paragraph)
    return items


def print_mail_address(reference: nodes.reference) -> None:
    """After a ``mailto:`` link whose text is not its address, print the address."""
    uri = reference.get("refuri", "")
    if not uri.lower().startswith("mailto:") or reference.parent is None:
        return
    address = unquote(uri[len("mailto:"):].split("?", 1)[0]).strip()
    parent = reference.parent
    # the address shown right after the link already ("Churan Wang churanwang@…"): once
    after = "".join(child.astext() for child in parent.children[parent.index(reference) + 1:])
    if address and address not in reference.astext() and not after.strip().startswith(address):
        parent.insert(parent.index(reference) + 1, nodes.Text(f" ({address})"))


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
                parent.remove(image)
                _prune_empty(parent)


def _builder_class(transform: SphinxPostTransform) -> type[Builder]:
    """The running builder's class (``transform.app`` is deprecated since Sphinx 9)."""
    cls = getattr(transform.env, "_builder_cls", None)
    return cls if cls is not None else type(transform.app.builder)


def _prune_empty(node: nodes.Element | None) -> None:
    """Remove a link or paragraph left with nothing but spaces, and its empty parents."""
    while (node is not None and node.parent is not None
           and isinstance(node, (nodes.reference, nodes.paragraph, nodes.figure,
                                 nodes.inline))
           and not node.astext().strip()
           and not any(isinstance(child, nodes.Element) for child in node.children)):
        parent = node.parent
        parent.remove(node)
        node = parent


def epub_leave_out_other_files(app: Sphinx) -> None:
    """Exclude static files of types an e-book does not carry (epub builders only)."""
    media_types = getattr(app.builder, "media_types", None)
    if not is_ebook(app) or media_types is None:
        return
    excluded = app.config.epub_exclude_files
    # Sphinx keeps the previous build's info as .buildinfo.bak when the settings changed
    if ".buildinfo.bak" not in excluded:
        excluded.append(".buildinfo.bak")
    for entry, prefix in [(e, "_static") for e in app.config.html_static_path] + [
            (e, "") for e in app.config.html_extra_path]:
        root = Path(app.confdir, entry)
        if not root.is_dir():
            continue
        for file in sorted(root.rglob("*")):
            if file.is_file() and file.suffix not in media_types and (
                    file.suffix not in (".js", ".xml")):  # those the builder skips quietly
                name = "/".join(filter(None, [prefix, file.relative_to(root).as_posix()]))
                if name not in excluded:
                    excluded.append(name)


def setup(app: Sphinx) -> None:
    app.add_post_transform(PrintedPages)
    app.add_post_transform(RemoteImagesAsText)
    app.connect("builder-inited", epub_leave_out_other_files)
