"""Accessibility repairs to Sphinx's and the theme's HTML that axe-core flags in our pages.

:class:`AccessibleMarkup` is a translator mixin (combined into the site's HTML
translator in :mod:`_ext`); each repair adds an attribute where the start tag is made:

* Sphinx writes a toctree's caption as ``<p class="caption" role="heading">`` with no
  ``aria-level``.  ARIA requires a level on every ``heading`` role (axe-core:
  ``aria-required-attr``, *critical*), and furo puts such captions in the sidebar of every
  page ("Course years").  The caption gets one level below the sections the toctree sits
  in, or 2 in the sidebar, where the page title is the only heading above.
* A highlighted code block is a ``<pre>`` that scrolls sideways when its lines are wider
  than the screen (the YAML examples of the guide on a phone).  Without ``tabindex`` a
  keyboard user cannot scroll it (axe-core: ``scrollable-region-focusable``, *serious*).
  Pygments writes that ``<pre>``, so the translator's highlighter is wrapped to add it.
* furo wraps every table in a ``table-wrapper`` that scrolls sideways on a phone.  A table
  with links can be scrolled by tabbing through them; one without (the guide's field
  tables) gets ``tabindex="0"`` on its wrapper for the same reason as ``<pre>``.

Because the attributes are added in ``starttag``, they reach the markup whichever visitor
writes the node (sphinx-design replaces the container visitor, for one).
:class:`UniqueTableIds` removes the duplicate ids furo's table wrapper would carry.
``tests/test_accessibility.py`` runs axe-core on the built site.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator


def heading_level(node: nodes.Node) -> int:
    """One below the enclosing sections (a page's title is level 1), at most 6."""
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(max(depth, 1) + 1, 6)


def is_toctree_caption(node: nodes.Element) -> bool:
    return (isinstance(node, nodes.title)
            and isinstance(node.parent, addnodes.compact_paragraph)
            and bool(node.parent.get("toctree")))


def is_scrolling_table_without_links(node: nodes.Element) -> bool:
    return (isinstance(node, nodes.container) and "table-wrapper" in node["classes"]
            and next(node.findall(nodes.reference), None) is None)


class FocusablePreHighlighter:
    """The builder's highlighter, with the ``<pre>`` of each highlighted block focusable."""

    def __init__(self, highlighter: Any) -> None:
        self._highlighter = highlighter

    def highlight_block(self, *args: Any, **kwargs: Any) -> str:
        html: str = self._highlighter.highlight_block(*args, **kwargs)
        return html.replace("<pre>", '<pre tabindex="0">', 1)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._highlighter, name)


class AccessibleMarkup(HTML5Translator):
    """Translator mixin: the attributes axe-core asks for, on the tags that need them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if getattr(self, "highlighter", None) is not None:
            self.highlighter = FocusablePreHighlighter(self.highlighter)  # type: ignore[assignment]

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        if tagname == "p" and is_toctree_caption(node):
            attributes.setdefault("aria-level", heading_level(node))
        elif tagname == "div" and is_scrolling_table_without_links(node):
            attributes.setdefault("tabindex", "0")
        return super().starttag(node, tagname, suffix, empty, **attributes)


class UniqueTableIds(SphinxPostTransform):
    """Keep each table's id on the table only.

    furo wraps every table in a scrolling ``table-wrapper`` container and copies the
    table's ids onto it, which gives the page duplicate ids (an accessibility error and
    an ambiguous ``#anchor``).  Running after furo's transform, drop the copy.
    """

    default_priority = 501
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for container in self.document.findall(nodes.container):
            if "table-wrapper" in container["classes"] and container.children:
                table = container.children[0]
                if isinstance(table, nodes.table) and container["ids"] == table["ids"]:
                    container["ids"] = []


def setup(app: Sphinx) -> None:
    app.add_post_transform(UniqueTableIds)
