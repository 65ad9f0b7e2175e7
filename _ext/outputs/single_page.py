"""``singlehtml``: every page's schedule in one HTML file, with ids that stay unique.

Each year page has its own ``week-1``, ``schedule-fundamentals`` …; assembled into one
file they would repeat, and a link to the second year's week 1 would open the first
year's.  After the pages are put together (``doctree-resolved`` of the assembled
document), each schedule id already used earlier in the file gets its page's name in
front (``years-2021-index-week-1``), and the links into that page (the week strip's, a
``{schedule:…}`` role's ``#document-<page>#week-1``) follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..schedule.render.nodes import schedule_block


def _with_pages(tree: nodes.Node, root: str) -> Iterator[tuple[nodes.Node, str, bool]]:
    """Every node with the page it came from and whether it is in a schedule, top-down:
    Sphinx moves a page's nodes into its ``start_of_file`` without resetting their
    ``parent``, so this cannot be asked of the parents."""
    stack = [(tree, root, False)]
    while stack:
        node, page, in_schedule = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            page = node["docname"]
        in_schedule = in_schedule or isinstance(node, schedule_block)
        yield node, page, in_schedule
        stack.extend((child, page, in_schedule) for child in reversed(node.children))


def unique_schedule_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name != "singlehtml":
        return
    seen: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for node, page, in_schedule in _with_pages(doctree, docname):
        if not in_schedule or not isinstance(node, nodes.Element):
            continue
        ids = node.get("ids", [])
        for position, found in enumerate(ids):
            if found in seen:
                prefix = re.sub(r"[^A-Za-z0-9]+", "-", page).strip("-").lower() or "page"
                new = f"{prefix}-{found}"
                while new in seen:
                    new += "-x"
                renamed[(page, found)] = ids[position] = new
                found = new
            seen.add(found)
    for node, page, _ in _with_pages(doctree, docname):
        if not isinstance(node, nodes.reference):
            continue
        if node.get("refid") and (page, node["refid"]) in renamed:
            node["refid"] = renamed[(page, node["refid"])]
        uri = node.get("refuri", "")
        if uri.startswith("#document-") and "#" in uri[1:]:
            # one page: a link to another page's anchor is the anchor alone (one fragment)
            target, _, anchor = uri[len("#document-"):].partition("#")
            if (target, anchor) in renamed or anchor in seen:
                node["refuri"] = "#" + renamed.get((target, anchor), anchor)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", unique_schedule_ids)
