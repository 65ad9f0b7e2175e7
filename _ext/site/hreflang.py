"""The site's editions (English, 中文) know each other: a visible link to the same page in
each other edition, and ``<link rel="alternate" hreflang>`` for search engines.

``site_editions`` (set in ``conf.py``) maps each language the site is built in to the
address its edition is served from; ``conf.py`` also makes each edition's own address its
``html_baseurl``, so every page's canonical link names the page itself, not the English
one.  For every web page (the 404 page, search and index too) this module adds:

* one ``<link rel="alternate" hreflang="…">`` per edition, this one included (search
  engines want the set on every member), plus ``x-default`` for English;
* the other editions' links, each written in its own language ("中文", "English") with
  ``lang`` and ``hreflang``, in furo's announcement slot at the top of the page, where
  it is visible on a phone as well (the sidebar is folded away there).

E-books and builds in a language that is not one of the editions get nothing.
"""

from __future__ import annotations

from html import escape
from typing import Any

from babel import Locale
from sphinx.application import Sphinx

from ..builders import is_ebook
from ..locale import babel_locale, language_tag


def edition_name(language: str) -> str:
    """The language's name in itself: ``中文`` for ``zh_CN``, ``English`` for ``en``."""
    locale = Locale.parse(babel_locale(language))
    return (locale.get_language_name(locale) or language).capitalize()


def alternates(editions: dict[str, str], page: str) -> list[tuple[str, str]]:
    """``(hreflang, href)`` of ``page`` (a path from the site's root) in every edition."""
    found = [(language_tag(language), base.rstrip("/") + "/" + page)
             for language, base in sorted(editions.items())]
    if "en" in editions:
        found.append(("x-default", editions["en"].rstrip("/") + "/" + page))
    return found


def add_edition_links(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: object) -> None:
    editions: dict[str, str] = app.config.site_editions
    language = app.config.language
    if is_ebook(app) or language not in editions:
        return
    page = app.builder.get_target_uri(pagename)
    links = alternates(editions, page)
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{tag}" href="{escape(href)}">'
        for tag, href in links)
    others = [(other, base) for other, base in sorted(editions.items()) if other != language]
    switch = " · ".join(
        f'<a class="site-edition" href="{escape(base.rstrip("/") + "/" + page)}" '
        f'hreflang="{language_tag(other)}" lang="{language_tag(other)}">'
        f"{escape(edition_name(other))}</a>" for other, base in others)
    if switch:
        context["theme_announcement"] = f'<nav class="site-editions">{switch}</nav>'


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_edition_links)
