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
html_title = "Deep Generative Models · Peking University"
html_static_path = ["_static"]
html_last_updated_fmt = None
html_show_sourcelink = False

nitpicky = True
