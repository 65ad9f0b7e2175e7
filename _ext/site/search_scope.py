"""What a student's search finds, and how the page it opens behaves.

* **Staff pages stay out of students' results.**  A page with ``nosearch`` in its front
  matter, or named by ``search_exclude_docs`` (``conf.py``: the staff guide and the
  handbook's root, so a page added there later is left out too), gives the search no
  text; :mod:`sphinx_course_schedule.schedule.objects.domain` keeps its lectures out of the object results too.
  The guide's examples name lectures (in YAML, in tables of what a build shows), so
  leaving out its examples one by one would leave the next one in.  Code examples
  elsewhere are marked ``no-search``, so a lecture title finds the year pages, not an
  example of how to write one.
* **British and American spellings find each other.**  The lecture titles are British
  ("Normalising Flows"), most queries American.  :class:`SearchEnglishSpellings` is
  Sphinx's English search with one step before the stemmer: -ise/-yse/-isation forms
  and a doubled l before -ing/-ed are written the American way, in the index here and in
  the query by ``search-spellings.js`` (the same rules), so both spellings meet on one
  stem.  The rules run on both sides, so a word they change wrongly ("promise" →
  "promize") still finds itself.
* **Highlighting every term.**  ``sphinx_highlight.js`` (Sphinx 9) highlights a match
  inside an SVG by asking the text's parent element for ``getBBox()``; furo's icons hold
  ``<title>`` elements ("Light mode"), which have none, so ``?highlight=li`` threw and
  stopped all highlighting.  ``svg-title-bbox.js``, inlined into every page, gives SVG
  ``<title>`` and ``<desc>`` elements the empty box they occupy, and nothing else.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.search.en import SearchEnglish

from ..builders import drop_page_assets, is_ebook, is_html

SPELLINGS_JS = "search-spellings.js"
"""The query side of :func:`american_spelling` (in the extension's static files)."""

SVG_TITLE_JS = Path(__file__).with_name("svg-title-bbox.js")

NO_SEARCH = "no-search"
"""The class Sphinx's indexer skips (Sphinx 8+)."""

_SPELLINGS = (
    # -ise, -ised, -ising, -isation(s), -iser(s) -> -ize...; likewise -yse -> -yze
    (re.compile(r"(?<=\w\w\w)([iy])s(e|es|ed|ing|ation|ations|er|ers)$"), r"\1z\2"),
    # modelling, labelled, travellers -> modeling, labeled, travelers
    (re.compile(r"(?<=\w\w[aeiou])ll(ing|ed|er|ers)$"), r"l\1"),
)
"""Mirrored in ``_ext/static/search-spellings.js``; a test searches both ways."""


def american_spelling(word: str) -> str:
    """The word as the index keeps it: lower case, American spelling."""
    word = word.lower()
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word


class SearchEnglishSpellings(SearchEnglish):
    """Sphinx's English search, British spellings indexed the American way."""

    def stem(self, word: str) -> str:
        return super().stem(american_spelling(word))


def excluded(config: Config, docname: str) -> bool:
    """Whether students' search leaves the document out (``search_exclude_docs``)."""
    return any(fnmatchcase(docname, pattern) for pattern in config.search_exclude_docs)


def mark_staff_pages(app: Sphinx, doctree: nodes.document) -> None:
    """A page of the staff area gets Sphinx's ``nosearch`` metadata, as if written in it."""
    docname = app.env.docname
    if excluded(app.config, docname):
        app.env.metadata.setdefault(docname, {})["nosearch"] = True


def skip_code_examples(app: Sphinx, doctree: nodes.document) -> None:
    """Code examples are not indexed: their made-up lectures are no course's."""
    for block in doctree.findall(nodes.literal_block):
        if NO_SEARCH not in block["classes"]:
            block["classes"].append(NO_SEARCH)


def add_assets(app: Sphinx) -> None:
    if not is_html(app) or is_ebook(app):
        return
    app.add_js_file(SPELLINGS_JS, loading_method="defer")
    app.add_js_file(None, body=SVG_TITLE_JS.read_text(encoding="utf-8").strip())


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: nodes.document | None) -> None:
    """The query's spelling step is for the search page only."""
    if templatename != "search.html":
        drop_page_assets(context, [SPELLINGS_JS])


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchEnglishSpellings)
    app.connect("doctree-read", mark_staff_pages)
    app.connect("doctree-read", skip_code_examples)
    app.connect("builder-inited", add_assets)
    app.connect("html-page-context", page_assets)
