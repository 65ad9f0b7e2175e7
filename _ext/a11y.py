"""Accessibility repairs to Sphinx's own HTML that axe-core flags on every page.

Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no
``aria-level``.  ARIA requires a level on every ``heading`` role (axe-core reports it as
``aria-required-attr``, impact *critical*), and furo puts such captions in the sidebar of
every page ("Course years").  Screen readers then guess a level or skip the heading.

The title visitor below keeps Sphinx's output and adds the missing level: one below the
section the toctree sits in, or 2 in the sidebar, where the page title is the only
heading above it.  ``tests/test_accessibility.py`` runs axe-core on the built site.
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


def setup(app: Sphinx) -> None:
    """Register the HTML title visitor (other writers keep their own)."""
    app.add_node(nodes.title, override=True, html=(visit_title, depart_title))
