"""Sphinx configuration of the Deep Generative Models course site."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sphinx.util.template import LaTeXRenderer
from sphinx_course_schedule.locale import N_, conf_translation  # conf.py's words, translated
from sphinx_course_schedule.warning_types import Subtype, warn
from sphinx_course_schedule.web_address import site_address

project = N_("Deep Generative Models")
author = N_("Hao Dong")
# The years present (years/<yyyy>/index.md) give the copyright span and the handbook's.
_YEAR_PAGES = "years/[0-9][0-9][0-9][0-9]/index.md"  # ASCII digits: "２０３０" is no year
_years = sorted(page.parent.name for page in Path(__file__).parent.glob(_YEAR_PAGES))
_span = "–".join(dict.fromkeys([_years[0], _years[-1]])) if _years else ""
_COPYRIGHT = N_("{span}, Hao Dong, Peking University")
copyright = _COPYRIGHT.format(span=_span)  # noqa: A001 - Sphinx's name
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_reredirects",
    "notfound.extension",
    "sphinx_course_schedule",  # this repository's _ext/, installed (requirements.in: -e .)
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline", "attrs_block"]
myst_heading_anchors = 3

exclude_patterns = [
    "_build", ".venv", "README.md", "tests", "bench", "files", "Thumbs.db", ".DS_Store",
    ".pytest_cache", ".hypothesis",
]

# Slides are not kept in this repository.  If a local ``files/`` tree exists it is copied
# into the HTML output and linked relatively; otherwise links go to the original site.
schedule_files_base_url = "https://deep-generative-models.github.io/"
schedule_files_dir = "files"
schedule_slides_dir = "files/ppt/{year}"  # each year's slides: files/ppt/2022/...

html_theme = "furo"
# The course's long-standing address (the legacy site's).  Where the site is served from
# can change: Read the Docs gives its address in READTHEDOCS_CANONICAL_URL, and then the
# canonical links, the calendar's event URLs and the JSON's "url" use that.  What must
# not change with the host uses HOME: the calendar's event UIDs (a subscribed calendar
# would otherwise show every class twice after a move) and the e-book's identifier.
HOME = "https://deep-generative-models.github.io/"
# vetted like a link in the data (http(s) only, encoded, ending in "/"); a bad value is a
# warning and HOME is used (see _ext/web_address.py)
html_baseurl, _refused = site_address(os.environ.get("READTHEDOCS_CANONICAL_URL"), HOME)
if _refused:
    warn(_refused, Subtype.SETTING, None)
_ON_READTHEDOCS = html_baseurl != HOME  # Read the Docs named this build's address

# The site's editions by language, and where each is served (_ext/site/hreflang.py
# links every page to the same page in the others).  On Read the Docs each language is a
# project of its own at /<its language code>/<version>/ of one host (READTHEDOCS_CANONICAL_URL
# names this build's); elsewhere the Chinese edition is HOME's zh-cn/ folder.  Each
# edition's own address becomes its html_baseurl (in setup()), so its pages are canonical
# for themselves, not for the English pages.
_EDITION_CODES = {"en": "en", "zh_CN": "zh-cn"}  # Read the Docs' codes for our languages


def _edition_addresses(own: str) -> dict[str, str]:
    parts = urlsplit(own)
    rest = parts.path.strip("/").split("/")
    if _ON_READTHEDOCS and rest[0] in _EDITION_CODES.values():
        return {language: urlunsplit(parts._replace(path="/" + "/".join([code, *rest[1:]]) + "/"))
                for language, code in _EDITION_CODES.items()}
    return {"en": HOME, "zh_CN": HOME + "zh-cn/"}


site_editions = _edition_addresses(html_baseurl)
schedule_calendar_uid_domain = urlsplit(HOME).hostname
html_title = N_("Deep Generative Models · Peking University")
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"  # a 300-byte wave; browsers stop asking for /favicon.ico
html_last_updated_fmt = None
# No general index page: no page has index entries, so Sphinx's genindex.html (and the
# e-book's "Index" page) would be empty.
html_use_index = False
html_show_sourcelink = False
# The Chinese edition's search splits text with jieba, given a dictionary of the site's own
# words instead of its 349,000 (`make po` writes it; see tools/search_words.py): the same
# split of the site's text at a fraction of the build's time.  Other languages ignore it.
html_search_options = {"dictionary": "locales/zh_CN/search-words.txt"}  # from the project

nitpicky = True
# Students' search: the staff guide (whose examples name lectures) and the handbook's root
# are left out of it (_ext/site/search_scope.py).
search_exclude_docs = ["guide/*", "handbook/*"]

# --- old addresses and unknown ones -----------------------------------------------------
# The legacy Jekyll site's pages, still linked from announcements and search engines, land
# on the page holding their content: "/" and "/index.html" are the landing page itself
# (it leads with the current year), the old year pages go to the year, "/about" (the
# course description) to the landing page.  Each gets "<name>.html" and "<name>/index.html",
# so "/index2021", "/index2021.html" and "/index2021/" all resolve on GitHub Pages and on
# Read the Docs.  sphinx-reredirects writes small pages that forward (keeping #week-N).
_LEGACY_PAGES = {"index2021": "years/2021/index.html", "index2020": "years/2020/index.html",
                 "about": "index.html"}
redirects = {source: target for old, page in _LEGACY_PAGES.items()
             for source, target in ((old, page), (f"{old}/index", "/" + page))}
# a whole page rather than a bare refresh (a path from here, so projects using this conf.py
# from elsewhere, like the benchmark's, find it too)
redirect_html_template_file = str(Path(__file__).parent / "_templates" / "redirect.html")
# the epub builder is an HTML builder too: the forwarding pages are no part of the e-book
epub_exclude_files = [f"{source}.xhtml" for source in redirects]

# A real "page not found" page (sphinx-notfound-page): 404.html, from the template
# _templates/404.html, whose links are absolute from the site's root path ("/" on GitHub
# Pages, "/en/latest/" on Read the Docs, taken from html_baseurl; see setup()), since the
# server shows it at whatever address was asked for.  (Relative: the setting is part of
# the build's configuration hash, which must not depend on where the checkout is.)
templates_path = ["_templates"]
notfound_template = "404.html"
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"

# --- PDF handbook (LaTeX) and e-book (epub) -------------------------------------------
# `make pdf` (and Read the Docs) builds handbook/index: a title page, the contents, then
# one chapter per year, newest first.  xelatex with xeCJK and Noto CJK (Debian
# fonts-noto-cjk) sets the Chinese names of 2020's slides and 2021's full-width colons.
# The schedule tables are longtables (they break across pages and repeat their header).
latex_engine = "xelatex"
latex_documents = [
    ("handbook/index", "deep-generative-models.tex", project, author, "manual"),
]
latex_toplevel_sectioning = "chapter"
latex_domain_indices = False
latex_use_xindy = False
latex_show_urls = "no"  # links stay clickable; printing every slide URL would triple the pages
latex_show_pagerefs = False
# The handbook's TeX is in handbook/: preamble.tex.jinja (fonts, chapter and running heads,
# underlined links, the PDF's properties) and titlepage.tex.jinja.  Sphinx's LaTeX
# template renderer fills in the words below, in the build's language, escaped for TeX.
_HANDBOOK_TEX = Path(__file__).parent / "handbook"


def _handbook_tex(template: str, **words: str) -> str:
    renderer = LaTeXRenderer([_HANDBOOK_TEX], latex_engine=latex_engine)
    return renderer.render(template, words) + "\n"


def _preamble(_) -> str:  # noqa: ANN001 - a gettext function
    """The preamble, with the PDF's title, author and subject in the words ``_`` gives."""
    return _handbook_tex(
        "preamble.tex.jinja",
        title=_("{project}: course handbook {span}").format(project=_(project), span=_span),
        author=_(author), subject=_("Peking University course"))


def _title_page(_, address: str = html_baseurl) -> str:  # noqa: ANN001 - a gettext function
    """The handbook's title page, in the words ``_`` gives, with the site's ``address``."""
    return _handbook_tex(
        "titlepage.tex.jinja", address=address, project=_(project),
        handbook=_("Course handbook {span}").format(span=_span),
        subtitle=_("Schedules, slides, staff and feedback of every year"),
        university=_("Peking University"),
        instructor=_("Instructor: {author}").format(author=_(author)),
        on_the_web=_("On the web, with the slides and every link:"))


latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",  # no blank pages before chapters
    "fncychap": "",  # plain chapter heads: a year starts with its title, not half a page
    "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2cm,2.2cm}",
    "makeindex": "",
    "printindex": "",
    "preamble": _preamble(str),
    "maketitle": _title_page(str),
}

# The e-book is the web site's pages; slide links keep pointing at the original site.
# EPUB 3 needs a version: the site's is its newest year.  (No "release": the PDF's page
# headers would read "Release 2022".)
version = _years[-1] if _years else ""
epub_show_urls = "no"
# The e-book's contents list every page of the sidebar, the years too (their toctree is
# hidden on the web, where the year switcher and the card link them).
epub_tocscope = "includehidden"
# the identifier stays with the course, not the host; EPUB wants it equal to epub_uid (the
# NCX's uid) and Sphinx an XML name there: the home's host name is both
epub_identifier = epub_uid = urlsplit(HOME).hostname
epub_scheme = "DNS"
epub_description = ("Schedules with slides, paper readings and group projects, course staff and "
                    "feedback of every year of the Deep Generative Models course at Peking "
                    "University.")
epub_contributor = "The course's teaching assistants"
epub_title = project
# the file name the landing page links (_ext/site/editions.py) and `make publish` copies
epub_basename = "deep-generative-models"
# The e-book is the course: no staff guide (its links lead to the web site's), no
# handbook root and no statement about the web site's accessibility; a cover drawn from
# these settings (_ext/site/ebook.py)
ebook_exclude_docs = ["guide/*", "handbook/*", "accessibility"]
epub_cover = ("_static/epub-cover.svg", "")
epub_cover_subtitle = f"Course {_span}" if _span else ""
epub_author = author
epub_publisher = "Peking University"
epub_copyright = copyright


def setup(app):  # noqa: ANN001, ANN201 - Sphinx's hook for a project's own additions
    # the year pages' wave banners in dark mode (see the file).  Added here rather than as
    # html_css_files, which Sphinx rewrites in place at start-up, so that every rebuild
    # would report a changed setting.
    app.add_css_file("banners.css")
    # conf.py's own words in the build's language (the catalog locales/<lang>/LC_MESSAGES/
    # conf.po, which `make po` extracts from this file); English keeps them as written.
    _ = conf_translation(app)
    app.config.html_title = _(html_title)
    app.config.copyright = app.config.epub_copyright = _(_COPYRIGHT).format(span=_span)
    app.config.epub_title = _(epub_title)
    if not _ON_READTHEDOCS and app.config.language in site_editions:
        app.config.html_baseurl = site_editions[app.config.language]
    app.config.notfound_urls_prefix = urlsplit(app.config.html_baseurl).path or "/"
    app.config.latex_documents = [(start, target, _(title), _(who), kind)
                                  for start, target, title, who, kind in latex_documents]
    app.config.latex_elements = {**latex_elements,
                                 "maketitle": _title_page(_, app.config.html_baseurl),
                                 "preamble": _preamble(_)}
