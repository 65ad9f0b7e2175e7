"""Search in the Chinese edition: works in the browser, finds what a reader types, and
costs little to build.

Sphinx's own Chinese search (``sphinx.search.zh``, with jieba) has three faults here, each
repaired by :class:`SiteSearchChinese`, which replaces it for ``language = "zh*"``:

* **The page dies** (Sphinx 9.0.4, sphinx-doc/sphinx#14229): ``language_data.js`` ends
  with ``window.Stemmer = ChineseStemmer;`` but only ``EnglishStemmer`` is defined, so
  the search page throws and stays on "searching" for ever.  The stemmer's name is taken
  from ``language_name``; the class names the English stemmer it ships instead, and only
  while the installed Sphinx writes a name it does not define (:func:`stemmer_is_broken`,
  asked of Sphinx's own code), so it steps aside once the fix (sphinx-doc/sphinx#14416)
  is installed.
* **A Chinese query finds nothing**: the browser keeps "生成模型" as one token while the
  index holds jieba's words ("生成", "模型").  The splitter in ``chinese_search.js``
  splits a query into the index's own words (no dictionary shipped to the browser).
* **It doubles the build's cost**: Sphinx loads jieba's 349,000-word dictionary, then
  loads the same file again as a "user dictionary", and jieba logs eight DEBUG lines to
  stderr.  The site passes a dictionary fitted to its own text
  (``html_search_options = {"dictionary": …}``, written by ``python -m tools.search_words``)
  as jieba's *main* dictionary; it keeps the full dictionary's total frequency, so the
  site's text is split exactly as with the full one.  jieba logs only warnings.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sphinx.application import Sphinx
from sphinx.search import IndexBuilder, SearchLanguage

from ..locale import is_chinese

SPLITTER = Path(__file__).with_name("chinese_search.js")
_HAN_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def stemmer_is_broken(language: type[SearchLanguage]) -> bool:
    """Whether the installed Sphinx names a stemmer in ``language_data.js`` that it does
    not define, for ``language`` (sphinx-doc/sphinx#14229: Chinese)."""
    stand_in = SimpleNamespace(lang=SimpleNamespace(
        js_stemmer_rawcode=language.js_stemmer_rawcode,
        language_name=language.language_name, js_stemmer_code=language.js_stemmer_code))
    return names_an_undefined_stemmer(
        IndexBuilder.get_js_stemmer_code(stand_in))  # type: ignore[arg-type]


def names_an_undefined_stemmer(code: str) -> bool:
    """Whether ``language_data.js``'s stemmer code sets ``window.Stemmer`` to a class it
    does not define (Sphinx 9.0.4 for Chinese: ``var EnglishStemmer …`` then
    ``window.Stemmer = ChineseStemmer``), which stops the search page's script."""
    named = re.search(r"window\.Stemmer\s*=\s*(\w+)", code)
    if named is None:
        return False
    return re.search(rf"\b(var|let|const|function|class)\s+{named[1]}\b", code) is None


def _quiet_jieba() -> Any:
    """jieba, logging warnings only (it logs DEBUG lines to stderr by default)."""
    import jieba  # noqa: PLC0415 - only a Chinese build pays for the import

    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.cache
def search_language(srcdir: str = ".") -> type[SearchLanguage]:
    """The site's Chinese search language (imports jieba: a Chinese build only); its
    ``dictionary`` option is a path relative to ``srcdir``."""
    # jieba imports pkg_resources only to open its own files, and falls back to open()
    # without it: two thirds of its import time, kept out (and put back as it was)
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        from sphinx.search.zh import SearchChinese  # noqa: PLC0415 - imports jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]

    class SiteSearchChinese(SearchChinese):
        """Sphinx's Chinese search with a working stemmer, the query splitter and a
        dictionary of the site's words."""

        js_splitter_code = SPLITTER.read_text(encoding="utf-8")

        def __init__(self, options: dict[str, str]) -> None:
            jieba = _quiet_jieba()
            dictionary = Path(srcdir, options.get("dictionary", "")) if options.get(
                "dictionary") else None
            if dictionary is not None and dictionary.is_file():
                jieba.set_dictionary(str(dictionary))
            # Sphinx's default "dict" is jieba's own dictionary again, as a user
            # dictionary: a second full load.  Only a "dict" the project gives is added.
            super().__init__({**options, "dict": options.get("dict", "")})

        def stem(self, word: str) -> str:
            # the English stemmer leaves Chinese words as they are, at a cost per word
            return word if _HAN_WORD.fullmatch(word) else super().stem(word)

    if stemmer_is_broken(SearchChinese):
        SiteSearchChinese.language_name = "English"  # the stemmer Sphinx writes for zh
    return SiteSearchChinese


def setup(app: Sphinx) -> None:
    language = app.config.html_search_language or app.config.language
    if is_chinese(language):
        # the dictionary is named relative to the project (an absolute path would make
        # the build's configuration, and so .buildinfo, differ between checkouts)
        app.add_search_language(search_language(str(app.srcdir)))
