"""Accessibility repairs to Sphinx's own HTML that axe-core flags in our pages.

* Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no
  ``aria-level``.  ARIA requires a level on every ``heading`` role (axe-core reports it as
  ``aria-required-attr``, impact *critical*), and furo puts such captions in the sidebar
  of every page ("Course years").  Screen readers then guess a level or skip the heading.
  The title visitor keeps Sphinx's output and adds the level: one below the section the
  toctree sits in, or 2 in the sidebar, where the page title is the only heading above.
* A highlighted code block is a ``<pre>`` that scrolls sideways when its lines are wider
  than the screen (the YAML examples of the guide on a phone).  Without ``tabindex`` a
  keyboard user cannot scroll it (axe-core: ``scrollable-region-focusable``, *serious*),
  so the literal-block visitor makes each such ``<pre>`` focusable.
* furo wraps every table in a ``table-wrapper`` that scrolls sideways on a phone.  A table
  with links can be scrolled by tabbing through them; one without (the guide's field
  tables) gets ``tabindex="0"`` on its wrapper for the same reason as ``<pre>``.

Each repair wraps the visitor already registered for the node (sphinx-design replaces
the container visitor, for one), so the markup others write is kept and only amended.
``tests/test_accessibility.py`` runs axe-core on the built site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

CAPTION_TAG = '<p class="caption" role="heading"'

#: Amends what a visitor appended to ``self.body`` (from index ``start`` on).
Repair = Callable[[HTML5Translator, nodes.Element, int], None]


def heading_level(node: nodes.Node) -> int:
    """One below the enclosing sections (a page's title is level 1), at most 6."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth, 1) + 1, 6)


def caption_level(self: HTML5Translator, node: nodes.Element, start: int) -> None:
    """``aria-level`` on a toctree caption's ``role="heading"``."""
    if not (isinstance(node.parent, addnodes.compact_paragraph)
            and node.parent.get("toctree")):
        return
    for index in range(start, len(self.body)):
        tag = self.body[index]
        if tag.startswith(CAPTION_TAG) and "aria-level" not in tag:
            self.body[index] = (CAPTION_TAG + f' aria-level="{heading_level(node)}"'
                                + tag[len(CAPTION_TAG):])
            return


def focusable_pre(self: HTML5Translator, node: nodes.Element, start: int) -> None:
    """``tabindex="0"`` on the ``<pre>`` of a highlighted code block."""
    for index in range(start, len(self.body)):
        if "<pre>" in self.body[index]:
            self.body[index] = self.body[index].replace("<pre>", '<pre tabindex="0">', 1)
            return


def focusable_table_wrapper(self: HTML5Translator, node: nodes.Element, start: int) -> None:
    """``tabindex="0"`` on furo's scrolling wrapper of a table without links."""
    if ("table-wrapper" not in node["classes"]
            or next(node.findall(nodes.reference), None) is not None):
        return
    for index in range(start, len(self.body)):
        if self.body[index].startswith("<div"):
            self.body[index] = '<div tabindex="0"' + self.body[index][len("<div"):]
            return


def amended(name: str, previous: tuple[Any, Any] | None, repair: Repair) -> tuple[Any, Any]:
    """Visit/depart functions: the previous visitor (or the translator's own), then repair."""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        start = len(self.body)
        try:
            if previous is not None:
                previous[0](self, node)
            else:
                getattr(type(self), f"visit_{name}")(self, node)
        except nodes.SkipNode:  # the visitor wrote the whole node (a highlighted block)
            repair(self, node, start)
            raise
        repair(self, node, start)

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        if previous is not None and previous[1] is not None:
            previous[1](self, node)
        else:
            getattr(type(self), f"depart_{name}")(self, node)

    return visit, depart


REPAIRS: tuple[tuple[type[nodes.Element], Repair], ...] = (
    (nodes.title, caption_level),
    (nodes.literal_block, focusable_pre),
    (nodes.container, focusable_table_wrapper),
)


def install(app: Sphinx) -> None:
    """Wrap the HTML visitors once every extension has registered its own."""
    handlers = app.registry.translation_handlers.get("html", {})
    for node_class, repair in REPAIRS:
        name = node_class.__name__
        app.add_node(node_class, override=True,
                     html=amended(name, handlers.get(name), repair))


def setup(app: Sphinx) -> None:
    """Install the repairs when the builder starts, after all extensions' ``setup``."""
    app.connect("builder-inited", install, priority=900)
