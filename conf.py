"""Sphinx configuration of the Deep Generative Models course site."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Deep Generative Models"
author = "Hao Dong"
copyright = "2020–2022, Hao Dong, Peking University"  # noqa: A001 - Sphinx's name
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "_ext",
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

html_theme = "furo"
# Absolute links in exports (calendar URLs back to each week, UIDs) use this address.
html_baseurl = "https://deep-generative-models.github.io/"
html_title = "Deep Generative Models · Peking University"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"  # a 300-byte wave; browsers stop asking for /favicon.ico
html_last_updated_fmt = None
html_show_sourcelink = False

nitpicky = True

# --- PDF handbook (LaTeX) and e-book (epub) -------------------------------------------
# `make pdf` (and Read the Docs) builds handbook/index: a title page, the contents, then
# one chapter per year, newest first.  xelatex with xeCJK and Noto CJK (Debian
# fonts-noto-cjk) sets the Chinese names of 2020's slides and 2021's full-width colons.
# The schedule tables are longtables (they break across pages and repeat their header).
_years = sorted(page.parent.name for page in Path(__file__).parent.glob("years/*/index.md"))
_span = "–".join(dict.fromkeys([_years[0], _years[-1]])) if _years else ""
latex_engine = "xelatex"
latex_documents = [
    ("handbook/index", "deep-generative-models.tex", project, author, "manual"),
]
latex_toplevel_sectioning = "chapter"
latex_domain_indices = False
latex_use_xindy = False
latex_show_urls = "no"  # links stay clickable; printing every slide URL would triple the pages
latex_show_pagerefs = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",  # no blank pages before chapters
    "fncychap": "",  # plain chapter heads: a year starts with its title, not half a page
    "sphinxsetup": "hmargin={2cm,2cm}, vmargin={2cm,2.2cm}",
    "makeindex": "",
    "printindex": "",
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
% dashes, curly quotes and the ellipsis in English text stay Latin (xeCJK would set them
% full-width from the CJK font: "Models —Spring", a centred "⋯")
\xeCJKDeclareCharClass{Default}{"2013, "2014, "2018, "2019, "201C, "201D, "2026}
\usepackage{enumitem}
\setlist[itemize]{noitemsep, topsep=1pt, partopsep=0pt, leftmargin=1.2em}
% a year's chapter starts with its title ("Spring 2022"), unnumbered, without half a page
% of space; its sections (staff, feedback) are unnumbered too
\setcounter{secnumdepth}{-1}
\makeatletter
\titleformat{\chapter}[block]{\py@HeaderFamily\Huge\py@TitleColor}{}{0pt}{}
\makeatother
\titlespacing*{\chapter}{0pt}{-1.5\baselineskip}{1.2\baselineskip}
% schedule tables in a smaller size, so a year's weeks fit on a few pages
\let\dgmLongtableStart\sphinxatlongtablestart
\renewcommand{\sphinxatlongtablestart}{\dgmLongtableStart\small}
""" + rf"""\hypersetup{{pdftitle={{{project}: course handbook {_span}}}, pdfauthor={{{author}}},
            pdfsubject={{Peking University course}}}}
""",
    "maketitle": rf"""
\begin{{titlepage}}
  \makeatletter
  \centering
  \vspace*{{0.25\textheight}}
  {{\py@HeaderFamily\py@TitleColor\fontsize{{30}}{{36}}\selectfont {project}\par}}
  \vspace{{0.8em}}
  {{\color{{gray}}\rule{{0.5\linewidth}}{{0.6pt}}\par}}
  \vspace{{0.8em}}
  {{\Large Course handbook {_span}\par}}
  \vspace{{0.4em}}
  {{\large Schedules, slides, staff and feedback of every year\par}}
  \vspace{{3.5em}}
  {{\Large Peking University\par}}
  \vspace{{0.6em}}
  {{\large Instructor: {author}\par}}
  \vfill
  \makeatother
\end{{titlepage}}
""",
}

# The e-book is the web site's pages; slide links keep pointing at the original site.
# EPUB 3 needs a version: the site's is its newest year.  (No "release": the PDF's page
# headers would read "Release 2022".)
version = _years[-1] if _years else ""
epub_show_urls = "no"
epub_title = project
epub_author = author
epub_publisher = "Peking University"
epub_copyright = copyright
