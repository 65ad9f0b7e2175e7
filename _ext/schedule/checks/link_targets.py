"""Links that leave the site by accident, or lead nowhere on it.

A link written without its scheme is a path on this site: ``github.com/foo`` becomes
``https://deep-generative-models.github.io/github.com/foo``, a 404, and ``//host/x``
leaves the site for whatever host it names.  Neither is rendered as a link (see
:func:`..links.hrefs.is_linkable`); each is reported at its line with what to write instead.  A
relative path outside the slides tree must name a page of the project or one of its
files, or the reader gets a 404 too.  Slides paths and paths under ``schedule_files_dir``
are left to the slides checks: without a local tree they are served by the original site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Protocol

from ...warning_types import Subtype
from ..links.hrefs import is_protocol_relative, looks_like_host, scheme_of
from ..links.walker import links
from ..model.schedule import Item, Schedule


class LinkContext(Protocol):
    """What this check needs of :class:`.mistakes.CheckContext`, which runs it (so neither
    module imports the other both ways)."""

    srcdir: Path
    files_dir: str
    docnames: AbstractSet[str] | None

    def report(self, item: Item, subtype: Subtype, message: str,
               location: str | None = None) -> None: ...

ORIGINAL_FILES = "files/"
"""The original site's tree of slides and code (``files/ppt/2022/...``); a path into it is
served from there when the project has no local copy, so it is never reported here."""
_SPECIAL_PAGES = frozenset({"genindex", "search"})
"""Pages Sphinx writes itself, with no source file."""


def page_or_file(path: str, docnames: AbstractSet[str], srcdir: Path) -> bool:
    """Whether the site path names a page (``years/2022/``, ``x.html``) or a project file."""
    path = path.split("#", 1)[0].split("?", 1)[0].strip().lstrip("/")
    if not path:
        return True  # the site's root, or an anchor on the page itself
    normal = posixpath.normpath(path)
    if normal == ".." or normal.startswith("../"):
        return False  # above the site's root: no page or file of the project
    stem = normal.removesuffix(".html")
    names = ("index",) if stem == "." else (stem, f"{stem}/index")
    if any(name in docnames or name in _SPECIAL_PAGES for name in names):
        return True
    try:
        return (srcdir / normal).is_file()
    except (OSError, ValueError):  # a name longer than the file system allows, a NUL byte
        return False


def check_link_targets(data: Schedule, context: LinkContext) -> None:
    """Scheme-less links: ``//host``, a host name, or a path matching no page or file."""
    files_prefix = context.files_dir.strip("/") + "/"
    for found in links(data):
        item, key, url = found.holder, found.field, found.value
        where = item.where_of(key)  # the url: or slides: line, not the item's first
        if scheme_of(url) is not None:
            continue  # a full address; the link-scheme check reports a refused scheme
        shown = url.strip()
        if is_protocol_relative(url):
            context.report(item, Subtype.LINK_TARGET,
                           f"link {shown!r} starts with '//', so it leaves the site for "
                           "the host it names; write the full address with https:// "
                           "(not rendered as a link)", where)
        elif looks_like_host(url):
            context.report(item, Subtype.LINK_TARGET,
                           f"link {shown!r} looks like a web address without its scheme, "
                           f"which would be a page of this site; write "
                           f"{'https://' + shown!r} (not rendered as a link)", where)
        elif key == "slides" or posixpath.normpath(
                shown.lstrip("/") or ".").startswith((files_prefix, ORIGINAL_FILES)):
            continue  # a slides path, or a file of the slides tree: the slides checks'
        elif context.docnames is not None and not context.target_found(shown):
            context.report(item, Subtype.LINK_TARGET,
                           f"link {shown!r} is a path on this site that matches no page "
                           "or file of the project; give the full address with https://, "
                           "or fix the path", where)
