"""The extension's own words in the reader's language: one message catalog,
``sphinx-course-schedule`` (the distribution's name, so any course can ship it).

Everything the extension writes into a page, a PDF or a calendar ("Week 3", "no class",
"Download this schedule: …") is marked with ``_()`` and looked up in this catalog through
:func:`sphinx.locale.get_translation`, so a build with ``language = "zh_CN"`` shows it in
Chinese while ``language = "en"`` (no catalog) keeps the English source text exactly.
Warnings are for staff and stay English.

The catalogs live beside this module as ``<lang>/LC_MESSAGES/sphinx-course-schedule.po``; only the
``.po`` is kept.  Sphinx loads an extension's catalog from compiled ``.mo`` files and, unlike
the project's ``locale_dirs``, never compiles it, so :func:`setup` compiles each ``.po``
into the build's own cache (the doctree folder) when the ``.mo`` there is missing or
older.  A committed ``.mo`` would tie the repository to the Babel release that wrote its
bytes, and writing it beside the ``.po`` would write into the source (or an installed
package).  ``course-schedule catalog`` re-extracts the messages and updates every
``.po``; ``tests/test_i18n.py`` fails when code and catalog disagree.

Code that must stay pure (labels, dates, the calendar) takes a :class:`Words` argument
instead of reaching for the global translator; the directive makes one from the build's
``language``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

CATALOG = "sphinx-course-schedule"
LOCALE_DIR = Path(__file__).resolve().parent

_ = get_translation(CATALOG)
"""Translate a message of this extension's catalog (lazily, in the build's language)."""


def N_(message: str) -> str:  # the gettext convention for "mark only"
    """Mark ``message`` for the catalog without translating it here (a default value)."""
    return message


def _same(message: str) -> str:
    return message


@dataclass(frozen=True)
class Words:
    """How one build spells the extension's words: a translator and a Babel locale.

    The default is the English source text, so pure functions and their tests need no
    Sphinx application.
    """

    gettext: Callable[[str], str] = field(default=_same)
    locale: str = "en"

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    def date(self, day: dt.date, pattern: str) -> str:
        """``day`` in ``pattern`` (a CLDR pattern), with month and weekday names of the
        build's language."""
        return format_date(day, pattern, locale=self.locale)


ENGLISH = Words()
"""The source text: what warnings and tests use, and a build with ``language = "en"``."""


def babel_locale(language: str | None) -> str:
    """The Babel locale for Sphinx's ``language`` (``zh_CN``, ``en``); English if unknown."""
    try:
        return str(Locale.parse(language or "en", sep="_" if "_" in (language or "") else "-"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"


_CHINESE_EDITION = frozenset({"zh", "zh_cn", "zh_hans", "zh_hans_cn"})


def site_language(code: str | None) -> str | None:
    """The edition a language code asks for: Read the Docs passes its project's code
    (``zh-cn``; some set-ups ``zh-hans``, or plain ``zh``), the site's catalogs are
    ``zh_CN``.  Other codes are left as given."""
    if code and code.lower().replace("-", "_") in _CHINESE_EDITION:
        return "zh_CN"
    return code


def is_chinese(code: str | None) -> bool:
    return bool(code) and str(code).lower().replace("-", "_").split("_")[0] == "zh"


def language_tag(code: str) -> str:
    """The language as a BCP 47 tag (``zh-CN`` for Sphinx's ``zh_CN``): what EPUB's
    ``dc:language`` and ``xml:lang`` accept (EPUBCheck: RSC-005 for ``zh_CN``)."""
    return code.replace("_", "-")


def tag_ebook_language(app: Sphinx, config: Config) -> None:
    if config.epub_language:
        config.epub_language = language_tag(config.epub_language)


def project_translation(srcdir: str | Path, config: Config, domain: str
                        ) -> Callable[[str], str]:
    """The translation of the project's own text in the catalog ``domain`` of its
    ``locale_dirs`` (``locales/zh_CN/LC_MESSAGES/<domain>.po``), in the build's language.

    For text Sphinx does not translate by itself: what is made from data after a page
    was read (the term line, the calendar) and ``conf.py``'s own words.  The ``.mo`` is
    compiled first when it is missing or older than its ``.po``, as Sphinx does for the
    pages' catalogs.  English, or no catalog: the text as it is.
    """
    from sphinx.locale import init  # noqa: PLC0415 - Sphinx's loader of message catalogs
    from sphinx.util.i18n import CatalogRepository  # noqa: PLC0415

    if not config.language or config.language == "en" or not config.locale_dirs:
        return str
    repo = CatalogRepository(str(srcdir), config.locale_dirs, config.language,
                             config.source_encoding)
    for found in repo.catalogs:
        if found.domain == domain and found.is_outdated():
            found.write_mo(config.language, config.gettext_allow_fuzzy_translations)
    translator, has = init(list(repo.locale_dirs), config.language, domain)
    return translator.gettext if has else str


def conf_translation(app: Sphinx) -> Callable[[str], str]:
    """``conf.py``'s own words (title, 404 page, title page) in the build's language, from
    the catalog ``conf`` (``make po`` extracts them from ``conf.py``)."""
    return project_translation(app.srcdir, app.config, "conf")


def build_words(language: str | None) -> Words:
    """The words of a build in ``language``, from the catalog registered in :func:`setup`."""
    return Words(gettext=lambda message: str(_(message)), locale=babel_locale(language))


def po_files(folder: Path = LOCALE_DIR) -> list[Path]:
    """The catalog's ``.po`` file of every language, ``<lang>/LC_MESSAGES/<catalog>.po``."""
    return sorted(folder.glob(f"*/LC_MESSAGES/{CATALOG}.po"))


def compile_catalogs(target: Path, source: Path = LOCALE_DIR) -> Path:
    """Compile every ``.po`` under ``source`` into the same layout under ``target``.

    A ``.mo`` is written only when it is missing or older than its ``.po`` (the rule
    Sphinx applies to ``locale_dirs``), so an unchanged catalog costs one ``stat`` per
    language and parallel or repeated builds leave the file alone.  Returns ``target``.
    """
    for po in po_files(source):
        mo = target / po.relative_to(source).with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        from babel.messages.mofile import write_mo  # only when a catalog needs compiling
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parts[-3])
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f"{mo.name}.{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(partial, mo)  # atomic: a parallel build never reads half a file
    return target


def setup(app: Sphinx) -> None:
    """Compile the catalog into the build's cache and register it; Sphinx then loads the
    ``.mo`` of the configured ``language``.

    A code such as ``zh-cn`` is first made the site's ``zh_CN``.  Sphinx has already
    loaded its own words for the code it was given (none for ``zh-cn``) before any
    extension runs, so they are loaded again for the edition's code.
    """
    language = site_language(app.config.language)
    if language != app.config.language:
        app.config.language = language
        app._init_i18n()  # noqa: SLF001 - Sphinx's own start-up step, redone for the code
    compiled = compile_catalogs(Path(app.doctreedir) / "_locale" / CATALOG)
    app.add_message_catalog(CATALOG, str(compiled))
    app.connect("config-inited", tag_ebook_language)
