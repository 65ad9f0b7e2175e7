"""The ``{year-switcher}`` directive: links to every year's page, newest first.

A year is any page with a schedule that has a year (not an ``:example:``), wherever it
lies; nobody has to list the years, so adding next term's page updates the switcher on
every page.  The schedule part answers which pages those are through the
``schedule-term-pages`` event, so this part imports nothing of it.  The list is made
late: the directive only leaves a placeholder, and ``doctree-resolved`` (at write time,
when all documents are read) fills it.  An incremental build only rewrites changed pages,
so when the set of term pages changes, ``env-updated`` sends every page holding a
switcher to be written again.  With no term page at all, each placeholder is a warning.

Which pages hold a switcher is kept on the environment with ``env-purge-doc`` and
``env-merge-info``, the supported way to keep per-document data parallel-safe.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective

from ..builders import is_html
from ..locale import N_, _
from ..warning_types import Subtype, warn

_ENV_KEY = "year_switcher_docs"
_TERMS_KEY = "year_switcher_terms"


class year_switcher(nodes.General, nodes.Element):
    """Placeholder replaced by the list of years when the page is written."""


class YearSwitcherDirective(SphinxDirective):
    """``{year-switcher}``: no arguments, no body."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _switcher_docs(self.env).add(self.env.docname)
        node = year_switcher(docname=self.env.docname)
        self.set_source_info(node)
        return [node]


def _switcher_docs(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, _ENV_KEY):
        setattr(env, _ENV_KEY, set())
    docs: set[str] = getattr(env, _ENV_KEY)
    return docs


def year_docs(app: Sphinx) -> list[tuple[int, str]]:
    """(year, docname) of every term page, newest first (the schedule part answers)."""
    return env_year_docs(app.env)


def env_year_docs(env: BuildEnvironment) -> list[tuple[int, str]]:
    """:func:`year_docs` from the environment, for transforms (``self.app`` is deprecated
    there since Sphinx 9)."""
    return list(env.events.emit_firstresult("schedule-term-pages", env) or [])


def _year_list(app: Sphinx, fromdoc: str, owner: str) -> nodes.container:
    """The rendered switcher; ``owner``'s own year is marked and not linked."""
    items = nodes.bullet_list(classes=["year-switcher-years"])
    terms = year_docs(app)
    shared = _shared_years(terms)
    for year, target in terms:
        paragraph = nodes.paragraph()
        name = _term_label(app, shared, year, target)
        if target == owner:
            paragraph += nodes.strong(name, name)
            note = str(_(" (this page)"))
            paragraph += nodes.inline(note, note, classes=["year-switcher-note"])
            classes = ["year-switcher-current"]
        else:
            try:
                uri = app.builder.get_relative_uri(fromdoc, target)
            except NoUri:  # a builder that leaves this page out (e.g. a partial PDF)
                paragraph += nodes.Text(name)
            else:
                paragraph += nodes.reference(name, name, internal=True, refuri=uri)
            classes = []
        items += nodes.list_item("", paragraph, classes=classes)
    title = str(_("Course years:"))
    label = nodes.paragraph("", "", nodes.strong(title, title), classes=["year-switcher-label"])
    return nodes.container("", label, items, classes=["year-switcher"])


class newest_year(nodes.General, nodes.Element):
    """Placeholder for the card that presents the newest year; children are its text."""


class NewestYearDirective(SphinxDirective):
    """``{newest-year}``: a card linking the newest year page; the body is its text.

    The landing page presents the current course without anyone editing a hand-written
    "Spring 2022: this year's course" card each year: the newest ``years/<yyyy>/index``
    is found when the page is written, like the switcher's list.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        _switcher_docs(self.env).add(self.env.docname)  # re-read when a year is added
        node = newest_year()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def _year_name(app: Sphinx, docname: str, year: int, whole_title: bool = False) -> str:
    """``Spring 2022`` from the year page's title ``Deep Generative Models — Spring 2022``;
    a title without the dash gives the year, or with ``whole_title`` the title itself."""
    title = app.env.titles.get(docname)
    text = title.astext() if title is not None else ""
    if "\u2014" in text:
        return text.rsplit("\u2014", 1)[-1].strip()
    return text.strip() if whole_title and text.strip() else str(year)


def _shared_years(terms: list[tuple[int, str]]) -> set[int]:
    """The years with more than one term page (a course taught in spring and in fall)."""
    years = [year for year, _docname in terms]
    return {year for year in years if years.count(year) > 1}


def _term_label(app: Sphinx, shared: set[int], year: int, docname: str) -> str:
    """What the switcher calls a term: its year, unless another term page has the same
    year; then the page's own name for it."""
    if year not in shared:
        return str(year)
    return _year_name(app, docname, year, whole_title=True)


NEWEST = N_("{term}: this year's course")  # NOTE: the landing page's card; {term}: "Spring 2022"


def _newest_card(app: Sphinx, fromdoc: str, node: newest_year) -> nodes.Node:
    years = year_docs(app)
    year, target = years[0]
    label = str(_(NEWEST)).format(
        term=_year_name(app, target, year, whole_title=year in _shared_years(years)))
    heading = nodes.paragraph(classes=["sd-card-title", "sd-font-weight-bold"])
    try:
        uri = app.builder.get_relative_uri(fromdoc, target)
    except NoUri:
        heading += nodes.Text(label)
    else:
        heading += nodes.reference(label, label, internal=True, refuri=uri)
    # is_div: written as a plain <div> (sphinx-design's rule), since furo's ``.container``
    # rule would strip the card's padding
    body = nodes.container("", heading, *node.children, classes=["sd-card-body"],
                           is_div=True)
    return nodes.container("", body, is_div=True,
                           classes=["newest-year", "sd-card", "sd-sphinx-override", "sd-mb-3",
                                    "sd-shadow-sm", "sd-border-primary"])


def template_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: nodes.document | None) -> None:
    """``term_pages`` for pages made from a template alone (the 404 page's list of years).

    Each is ``{year, docname, name}``, newest first; ``name`` is the page's own (from its
    title, in the build's language), so a template says no season or course of its own
    and links each with ``pathto(docname)``.  Pages with a document use the switcher.
    """
    if doctree is None:
        terms = year_docs(app)
        shared = _shared_years(terms)
        context["term_pages"] = [{"year": year, "docname": docname,
                                  "name": _year_name(app, docname, year,
                                                     whole_title=year in shared)}
                                 for year, docname in terms]


def resolve_switchers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill each placeholder; printed output (the PDF has its own contents) drops it."""
    placeholders = [*doctree.findall(newest_year), *doctree.findall(year_switcher)]
    if placeholders and not year_docs(app):
        # one mistake, one warning: a schedule that could not be read was reported at its
        # own line (the schedule part keeps such blocks in its domain's "failed" data)
        unreadable = bool(app.env.domaindata.get("schedule", {}).get("failed"))
        for node in placeholders:
            name = "newest-year" if isinstance(node, newest_year) else "year-switcher"
            if not unreadable:
                warn(f"{{{name}}} has nothing to show: no page has a schedule with a year "
                     "(give a term page's schedule 'year:', or put it in a <yyyy> folder)",
                     Subtype.NO_TERM_PAGES, node)
            node.parent.remove(node)
        return
    for card in list(doctree.findall(newest_year)):
        card.replace_self(_newest_card(app, docname, card))
    for node in list(doctree.findall(year_switcher)):
        if app.builder.format != "html":
            node.parent.remove(node)
        else:
            node.replace_self(_year_list(app, docname, node.get("docname", docname)))


def rewrite_switchers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write every page with a switcher again when the set of term pages changed."""
    terms = year_docs(app)
    if terms == getattr(env, _TERMS_KEY, None):
        return []
    setattr(env, _TERMS_KEY, terms)
    return sorted(_switcher_docs(env) & env.found_docs)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _switcher_docs(env).discard(docname)


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: Set[str],
               other: BuildEnvironment) -> None:
    _switcher_docs(env).update(_switcher_docs(other) & set(docnames))


def add_assets(app: Sphinx) -> None:
    if is_html(app):
        app.add_css_file("years.css")


def setup(app: Sphinx) -> None:
    app.add_node(year_switcher)
    app.add_node(newest_year)
    app.add_directive("year-switcher", YearSwitcherDirective)
    app.add_directive("newest-year", NewestYearDirective)
    app.connect("doctree-resolved", resolve_switchers)
    app.connect("html-page-context", template_context)
    app.connect("env-updated", rewrite_switchers)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("builder-inited", add_assets)
