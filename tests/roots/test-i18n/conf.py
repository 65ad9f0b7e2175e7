import os
import sys
from pathlib import Path

# tests/test_i18n.py builds a copy of this root (Sphinx writes the compiled .mo beside the
# .po) and says where the repository is
sys.path.insert(0, os.environ.get("SCHEDULE_REPO") or str(Path(__file__).resolve().parents[3]))
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
project = "I18n Test"
html_baseurl = "https://example.org/"
# a translated build: sphinx-build -D language=zh_CN; the page's own translation is in
# locales/zh_CN/LC_MESSAGES/index.po (the extension's words come from its own catalog)
locale_dirs = ["locales"]
schedule_slides_dir = "files/ppt/{year}"  # the course site's layout
schedule_files_base_url = "https://deep-generative-models.github.io/"  # slides of other years
