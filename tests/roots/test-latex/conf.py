"""A small handbook: the real site's LaTeX settings on a realistic, dense schedule."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import conf as site  # noqa: E402 - the real site's settings, so tests check those

project = site.project
author = site.author
copyright = site.copyright  # noqa: A001
version = "2031"
extensions = ["myst_parser", "sphinx_design", "sphinx_course_schedule"]
myst_enable_extensions = site.myst_enable_extensions
exclude_patterns = ["_build"]
root_doc = "index"
nitpicky = True

latex_engine = site.latex_engine
latex_elements = site.latex_elements
latex_documents = [("index", "handbook.tex", "Deep Generative Models", "Hao Dong", "manual")]
latex_toplevel_sectioning = site.latex_toplevel_sectioning
latex_domain_indices = site.latex_domain_indices
latex_use_xindy = site.latex_use_xindy
epub_show_urls = site.epub_show_urls
epub_copyright = site.epub_copyright
schedule_slides_dir = "files/ppt/{year}"  # the course site's layout
schedule_files_base_url = "https://deep-generative-models.github.io/"  # slides of other years
