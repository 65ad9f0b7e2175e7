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

``tests/test_accessibility.py`` runs axe-core on the built site.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

CAPTION_TAG = '<p class="caption" role="heading"'


def heading_level(node: nodes.Node) -> int:
    """One below the enclosing sections (a page's title is level 1), at most 6."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth, 1) + 1, 6)


def visit_title(self: HTML5Translator, node: nodes.title) -> None:
    """Sphinx's title markup, with ``aria-level`` on toctree captions."""
    type(self).visit_title(self, node)
    if not (isinstance(node.parent, addnodes.compact_paragraph)
            and node.parent.get("toctree")):
        return
    for index in range(len(self.body) - 1, max(len(self.body) - 4, -1), -1):
        tag = self.body[index]
        if tag.startswith(CAPTION_TAG) and "aria-level" not in tag:
            self.body[index] = (CAPTION_TAG + f' aria-level="{heading_level(node)}"'
                                + tag[len(CAPTION_TAG):])
            return


def depart_title(self: HTML5Translator, node: nodes.title) -> None:
    type(self).depart_title(self, node)


def visit_literal_block(self: HTML5Translator, node: nodes.literal_block) -> None:
    """Sphinx's highlighted block, with its ``<pre>`` reachable by the keyboard."""
    before = len(self.body)
    try:
        type(self).visit_literal_block(self, node)
    except nodes.SkipNode:  # Sphinx wrote the whole highlighted block and skips children
        for index in range(before, len(self.body)):
            self.body[index] = self.body[index].replace("<pre>", '<pre tabindex="0">', 1)
        raise


def depart_literal_block(self: HTML5Translator, node: nodes.literal_block) -> None:
    type(self).depart_literal_block(self, node)


def visit_container(self: HTML5Translator, node: nodes.container) -> None:
    """The translator's ``<div>``; a link-free table's scrolling wrapper is focusable."""
    type(self).visit_container(self, node)
    if ("table-wrapper" in node["classes"] and self.body[-1].startswith("<div")
            and next(node.findall(nodes.reference), None) is None):
        self.body[-1] = '<div tabindex="0"' + self.body[-1][len("<div"):]


def depart_container(self: HTML5Translator, node: nodes.container) -> None:
    type(self).depart_container(self, node)


def setup(app: Sphinx) -> None:
    """Register the HTML visitors (other writers keep their own)."""
    app.add_node(nodes.title, override=True, html=(visit_title, depart_title))
    app.add_node(nodes.literal_block, override=True,
                 html=(visit_literal_block, depart_literal_block))
    app.add_node(nodes.container, override=True, html=(visit_container, depart_container))
