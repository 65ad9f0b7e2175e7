"""The extension's own words in the reader's language: one message catalog, ``dgm-schedule``.

Everything the extension writes into a page, a PDF or a calendar ("Week 3", "no class",
"Download this schedule: …") is marked with ``_()`` and looked up in this catalog through
:func:`sphinx.locale.get_translation`, so a build with ``language = "zh_CN"`` shows it in
Chinese while ``language = "en"`` (no catalog) keeps the English source text exactly.
Warnings are for staff and stay English.

The catalogs live beside this module, ``<lang>/LC_MESSAGES/dgm-schedule.po`` with the
compiled ``.mo`` committed next to it (Sphinx loads only ``.mo`` files for an extension's
catalog); ``python -m tools.catalog`` re-extracts the messages, updates every ``.po`` and
compiles it, and ``tests/test_i18n.py`` fails when code and catalog disagree.

Code that must stay pure (labels, dates, the calendar) takes a :class:`Words` argument
instead of reaching for the global translator; the directive makes one from the build's
``language``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from sphinx.application import Sphinx
from sphinx.locale import get_translation

CATALOG = "dgm-schedule"
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


def build_words(language: str | None) -> Words:
    """The words of a build in ``language``, from the catalog registered in :func:`setup`."""
    return Words(gettext=lambda message: str(_(message)), locale=babel_locale(language))


def setup(app: Sphinx) -> None:
    """Register the catalog; Sphinx loads the ``.mo`` of the configured ``language``.

    A code such as ``zh-cn`` is first made the site's ``zh_CN``.  Sphinx has already
    loaded its own words for the code it was given (none for ``zh-cn``) before any
    extension runs, so they are loaded again for the edition's code.
    """
    language = site_language(app.config.language)
    if language != app.config.language:
        app.config.language = language
        app._init_i18n()  # noqa: SLF001 - Sphinx's own start-up step, redone for the code
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
