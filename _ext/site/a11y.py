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
  Pygments writes that ``<pre>``, so the builder's highlighter gets a formatter whose
  :meth:`~pygments.formatters.HtmlFormatter.wrap` (the method Pygments documents for
  subclasses to override) writes the ``<pre>`` with it: :class:`FocusablePre`.
* furo wraps every table in a ``table-wrapper`` that scrolls sideways on a phone.  A table
  with links can be scrolled by tabbing through them; one without (the guide's field
  tables) gets ``tabindex="0"`` on its wrapper for the same reason as ``<pre>``.

Because the attributes are added in ``starttag``, they reach the markup whichever visitor
writes the node (sphinx-design replaces the container visitor, for one).
:class:`UniqueTableIds` removes the duplicate ids furo's table wrapper would carry.
``tests/test_accessibility.py`` runs axe-core on the built site.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_origin

from docutils import nodes
from pygments.formatters import HtmlFormatter
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


class FocusablePre(HtmlFormatter):
    """Pygments' HTML formatter whose ``<pre>`` takes keyboard focus (``tabindex="0"``).

    Pygments' own ``wrap`` writes ``<pre><span></span>…</pre>`` (the empty span keeps a
    leading empty line); this one writes the same with ``tabindex``, so the markup is
    otherwise unchanged.  Options whose ``<pre>`` Pygments styles itself (``noclasses``,
    ``filename``; Sphinx passes neither) keep Pygments' wrapper.
    """

    def wrap(self, source: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        if self.noclasses or self.filename:
            yield from super().wrap(source)
            return
        style = f' style="{self.prestyles}"' if self.prestyles else ""
        yield 0, f'<pre tabindex="0"{style}><span></span>'
        if self.wrapcode:
            yield 0, "<code>"
        yield from source
        if self.wrapcode:
            yield 0, "</code>"
        yield 0, "</pre>"


def use_focusable_pre(app: Sphinx) -> None:
    """Give this build's HTML highlighters :class:`FocusablePre`.

    Only the builder's own :class:`~sphinx.highlighting.PygmentsBridge` instances change
    (their ``formatter``, which ``PygmentsBridge.__init__`` sets from the class's
    ``html_formatter``), so another project built in the same process keeps Pygments'
    markup.  A formatter another extension chose is kept as the base class.
    """
    for name in ("highlighter", "dark_highlighter"):
        bridge = getattr(app.builder, name, None)
        formatter = getattr(bridge, "formatter", None)
        formatter = get_origin(formatter) or formatter  # Sphinx names it HtmlFormatter[str]
        if (getattr(bridge, "dest", None) != "html" or not isinstance(formatter, type)
                or not issubclass(formatter, HtmlFormatter) or issubclass(formatter, FocusablePre)):
            continue
        if formatter is not HtmlFormatter:
            formatter = type(f"Focusable{formatter.__name__}", (FocusablePre, formatter), {})
        else:
            formatter = FocusablePre
        bridge.formatter = formatter  # type: ignore[union-attr]


class AccessibleMarkup(HTML5Translator):
    """Translator mixin: the attributes axe-core asks for, on the tags that need them."""

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
    app.connect("builder-inited", use_focusable_pre)
