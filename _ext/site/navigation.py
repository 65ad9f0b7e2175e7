"""furo's sidebar navigation, rendered once per build and adapted to each page.

furo puts the whole site's navigation tree into every page: for each page it asks Sphinx
for the global toctree (``global_toctree_for_doc`` deep-copies every entry) and rewrites
the HTML with BeautifulSoup (``furo.navigation.get_navigation_tree``).  That is O(N) work
per page and O(N²) per build; at 300 year pages it was two thirds of the build.  Yet the
tree differs between pages in only two ways, both known from Sphinx's toctree code:

* every internal link is relative to the page (``builder.get_relative_uri``);
* the entries pointing at the page, and every element above them, carry the class
  ``current``; furo then ticks the checkbox of each such entry with children and adds
  ``current-page`` to the last such ``<li>``.

So :class:`NavigationTemplate` asks Sphinx and furo once per build (at ``write-started``,
in the main process, so ``-j`` write workers inherit it) for the tree of a page that is
in no toctree, with a token in place of each link and a numbered token plus
``current`` on every element that could be marked current.  Each page then fills in its
links and keeps ``current`` only where Sphinx would have put it: plain string work,
proportional to the size of the tree the page shows anyway.

The hook: an ``html-page-context`` handler that runs before furo's (priority 400) gives
furo a ``toctree()`` that returns nothing for furo's navigation call, so furo skips its
work; one that runs after it (priority 600) sets ``furo_navigation_tree`` from the
template and restores ``toctree()`` for the templates.

It is exact for the versions in :data:`TESTED` (``tests/test_navigation.py`` compares
every page of the real site and of a generated archive with and without it, with
``-j 1`` and ``-j 2``).  With any other furo or Sphinx, another builder than ``html`` or
``dirhtml``, or ``site_navigation_cache = False``, furo's own path runs (said once in the
log for untested versions).  furo's pull request #939 ("cache the navigation tree")
proposes the same caching upstream; once furo ships it, this module can be deleted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

logger = logging.getLogger(__name__)

TESTED = {"furo": ("2025.12.19",), "sphinx": ((9, 0),)}
"""furo versions and Sphinx (major, minor) releases whose output the adapter reproduces."""

FURO_CALL = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
"""The arguments furo's ``_compute_navigation_tree`` passes to ``toctree()``."""

_NEUTRAL = "\x00navigation-template"  # a docname no toctree can contain
_TOKEN = re.compile(r"navh([0-9a-f]*)z")
_SLOT = re.compile(r'href="navh(?P<hex>[0-9a-f]*)z(?P<anchor>[^"]*)"'
                   r'| class="(?P<val>[^"]*\bnavc(?P<id>\d+)x current\b[^"]*)"'
                   r'|(?P<chk> checked="")')
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


class TemplateError(Exception):
    """The neutral tree did not have the shape the adapter expects."""


class _TokenBuilder:
    """The real builder, except that relative URIs are tokens naming the target."""

    def __init__(self, builder: Builder) -> None:
        self._builder = builder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._builder, name)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return f"navh{to.encode().hex()}z"


class NavigationTemplate:
    """furo's navigation HTML as fixed text and per-page slots."""

    def __init__(self, builder: Builder, furo_tree: Callable[[str], str]) -> None:
        from sphinx.environment.adapters.toctree import global_toctree_for_doc

        tree = global_toctree_for_doc(
            builder.env, _NEUTRAL, _TokenBuilder(builder),  # type: ignore[arg-type]
            tags=builder.tags, collapse=False, titles_only=True, maxdepth=-1,
            includehidden=True)  # FURO_CALL
        self.targets: dict[str, list[list[int]]] = {}
        """For each docname, the branch (element ids) of every entry pointing at it."""
        if tree is not None:
            self._mark(tree)
            html = furo_tree(builder.render_partial(tree)["fragment"])  # type: ignore[attr-defined]
        else:
            html = furo_tree("")
        self.parts: list[Any] = []
        self._compile(html)

    def _mark(self, tree: nodes.Element) -> None:
        """Put ``navc<id>x current`` on every element that some page marks current."""
        ids: dict[int, int] = {}
        for ref in tree.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if ref.get("anchorname") or not (match := _TOKEN.fullmatch(uri)):
                continue
            target = bytes.fromhex(match[1]).decode()
            branch = []
            node: nodes.Element | None = ref
            while node is not None and node is not tree:  # the root is never rendered
                if id(node) not in ids:
                    ids[id(node)] = len(ids)
                    node["classes"] += [f"navc{ids[id(node)]}x", "current"]
                branch.append(ids[id(node)])
                node = node.parent
            self.targets.setdefault(target, []).append(branch)

    def _compile(self, html: str) -> None:
        """Split furo's HTML into text and slots: ('href', target, anchor),
        ('class', id, words, index of the token, is_li), ('checked', id)."""
        position, pending_checkbox, last_li = 0, None, None
        for match in _SLOT.finditer(html):
            self.parts.append(html[position:match.start()])
            position = match.end()
            if match["hex"] is not None:
                self.parts.append(("href", bytes.fromhex(match["hex"]).decode(),
                                   match["anchor"]))
            elif match["id"] is not None:
                words = match["val"].split(" ")
                token = words.index(f"navc{match['id']}x")
                del words[token:token + 2]
                is_li = html.rfind("<li", 0, match.start()) > html.rfind(">", 0,
                                                                            match.start())
                if is_li:
                    last_li = len(self.parts)
                    if "has-children" in words:
                        pending_checkbox = int(match["id"])
                self.parts.append(["class", int(match["id"]), words, token, is_li])
            else:
                if pending_checkbox is None:
                    raise TemplateError("a ticked checkbox without a current entry")
                self.parts.append(("checked", pending_checkbox))
                pending_checkbox = None
        self.parts.append(html[position:])
        if last_li is not None:  # furo marked the last "current" <li> as the page
            words = self.parts[last_li][2]
            if not words or words[-1] != "current-page":
                raise TemplateError("furo did not mark the last current entry")
            words.pop()

    def render(self, builder: Builder, pagename: str) -> str | None:
        """The page's navigation HTML, or None where only furo's path is exact."""
        counts: Counter[int] = Counter()
        for branch in self.targets.get(pagename, []):
            counts.update(branch)
        last_li = None
        if counts:
            for index in range(len(self.parts) - 1, -1, -1):
                part = self.parts[index]
                if isinstance(part, list) and part[4] and counts[part[1]]:
                    last_li = index
                    break
        out: list[str] = []
        for index, part in enumerate(self.parts):
            if isinstance(part, str):
                out.append(part)
            elif part[0] == "href":
                uri = builder.get_relative_uri(pagename, part[1])
                if '"' in uri:
                    return None
                uri = uri.translate(_ESCAPE) + part[2]
                out.append(f'href="{uri or "#"}"')
            elif part[0] == "checked":
                if counts[part[1]]:
                    out.append(' checked=""')
            else:
                words = list(part[2])
                words[part[3]:part[3]] = ["current"] * counts[part[1]]
                if index == last_li:
                    words.append("current-page")
                if words:
                    out.append(f' class="{" ".join(words)}"')
        return "".join(out)


def _versions_tested() -> tuple[bool, str]:
    import furo
    import sphinx

    furo_version = getattr(furo, "__version__", "unknown")
    ok = (furo_version in TESTED["furo"]
          and tuple(sphinx.version_info[:2]) in TESTED["sphinx"])
    return ok, f"furo {furo_version}, Sphinx {sphinx.__version__}"


def _applies(app: Sphinx) -> bool:
    """furo's HTML page builders, with the setting on; untested versions say so once."""
    if (not app.config.site_navigation_cache or app.config.html_theme != "furo"
            or app.builder.name not in ("html", "dirhtml")):
        return False
    from sphinx.builders.html import StandaloneHTMLBuilder

    local_toctree = getattr(type(app.builder), "_get_local_toctree", None)
    if local_toctree is not StandaloneHTMLBuilder._get_local_toctree:
        return False
    ok, versions = _versions_tested()
    if not ok:
        logger.info("navigation cache off: %s untested, furo builds the sidebar itself "
                    "(see _ext/site/navigation.py)", versions)
    return ok


def prepare(app: Sphinx, builder: Builder) -> None:
    """Build the template once, before pages are written (and workers forked)."""
    builder._site_navigation = None  # type: ignore[attr-defined]
    if not _applies(app):
        return
    from furo.navigation import get_navigation_tree

    try:
        template = NavigationTemplate(builder, get_navigation_tree)
    except TemplateError as error:
        logger.info("navigation cache off: %s; furo builds the sidebar itself", error)
        return
    builder._site_navigation = template  # type: ignore[attr-defined]


def before_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                doctree: Any) -> None:
    """Let furo's navigation call of ``toctree()`` return nothing: it is made later."""
    template = getattr(app.builder, "_site_navigation", None)
    toctree = context.get("toctree")
    if template is None or toctree is None or pagename not in app.env.found_docs:
        # pages that are not documents (the 404 page of sphinx-notfound-page, whose links
        # it makes absolute through its own toctree) keep furo's own path
        return
    html = template.render(app.builder, pagename)
    if html is None:
        return

    def toctree_except_furo(**kwargs: Any) -> str:
        return "" if kwargs == FURO_CALL else toctree(**kwargs)

    context["toctree"] = toctree_except_furo
    context["_site_navigation"] = (toctree, html)


def after_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: Any) -> None:
    """Give furo's template the adapted tree and the templates the real ``toctree()``."""
    saved = context.pop("_site_navigation", None)
    if saved is not None:
        context["toctree"], context["furo_navigation_tree"] = saved


def setup(app: Sphinx) -> None:
    app.connect("write-started", prepare)
    app.connect("html-page-context", before_furo, priority=400)
    app.connect("html-page-context", after_furo, priority=600)
