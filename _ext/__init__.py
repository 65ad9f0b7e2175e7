"""sphinx-course-schedule: a Sphinx extension for course sites (term schedules from YAML).

Three parts, each with one concern; every module that registers something has its own
``setup(app)``, and :data:`MODULES` calls them from this one place (the way
sphinx-design's ``extension.py`` does):

* :mod:`.schedule`: the ``{schedule}`` directive, from YAML to validated data to nodes;
* :mod:`.outputs`: what those nodes and data become in HTML, LaTeX, the calendar, JSON;
* :mod:`.site`: repairs and additions for every page (accessibility, year switcher,
  printed pages and e-books).

:mod:`.config` holds every setting, :mod:`.warning_types` the one registry of warning
subtypes, :mod:`.builders` the questions about the running builder.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from sphinx.application import Sphinx

from . import locale
from .builders import copy_static_files, is_html, keep_user_static_path, remember_user_static_path
from .config import add_settings
from .outputs import export_names, html, latex, link_hrefs, publish, single_page, xml
from .outputs.html import ScheduleMarkup
from .schedule.guide import field_reference
from .schedule.objects import domain, term_pages
from .schedule.render import directive, term_line, translated_content
from .site import (
    a11y,
    chinese_search,
    ebook,
    editions,
    handbook_toc,
    hreflang,
    latex_language,
    navigation,
    pages,
    printed,
    qr_addresses,
    search_scope,
    theme_words,
    years,
)
from .site.a11y import AccessibleMarkup

__version__ = "0.1.0"

MODULES: tuple[ModuleType, ...] = (
    locale,  # the extension's message catalog (its own words in the build's language)
    domain, term_pages, directive, term_line, field_reference,  # the schedule part
    translated_content,
    html, latex, export_names, publish, xml, single_page,  # its outputs (CSS files in order)
    link_hrefs,  # each schedule link's target, per builder
    a11y, years, pages, navigation, printed, handbook_toc, latex_language,  # the site's parts
    search_scope, editions, ebook, qr_addresses,  # students' search; every edition; paper
    chinese_search, hreflang, theme_words,  # Chinese search; 中文/English; furo's words
)


def use_site_translator(app: Sphinx) -> None:
    """HTML builders write with the builder's translator plus our two markup mixins.

    The mixins add attributes in ``starttag`` (``scope`` on schedule headers, the week's
    dates on its row, ``aria-level`` and ``tabindex`` where axe-core asks for them), so
    every attribute has one visible origin and no visitor of docutils' own nodes is
    replaced.  The builder's current translator class is the base, so a translator set
    by another extension or ``conf.py`` is kept.
    """
    if not is_html(app):
        return
    base = app.builder.get_translator_class()
    translator = type("SiteHTMLTranslator", (ScheduleMarkup, AccessibleMarkup, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def setup(app: Sphinx) -> dict[str, Any]:
    add_settings(app)
    for module in MODULES:
        module.setup(app)
    app.connect("builder-inited", use_site_translator)
    app.connect("config-inited", remember_user_static_path, priority=900)
    app.connect("builder-inited", keep_user_static_path, priority=900)
    app.connect("write-started", copy_static_files)
    return {
        "version": __version__,
        "env_version": 9,  # failed blocks, link targets, role references, examples, headers, stub
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
