"""Pages full of hostile text; the test module writes them (``h-*.md``) before building.

Smart quotes are off so a test can compare the rendered text with the input character
for character; LaTeX uses the real site's settings, so the compile proof is the site's.
"""

import sys
from pathlib import Path

# the repository, when this root is used in place; the tests copy it elsewhere and put the
# repository on the path themselves (pytest's pythonpath, PYTHONPATH for child builds)
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import conf as site  # noqa: E402 - the real site's LaTeX settings

project = "Hostile input"
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
smartquotes = False

latex_engine = site.latex_engine
latex_elements = site.latex_elements
latex_documents = [("index", "hostile.tex", "Hostile input", "Tests", "manual")]
latex_domain_indices = False
latex_use_xindy = False
latex_show_urls = "no"
schedule_slides_dir = "files/ppt/{year}"  # the course site's layout
schedule_files_base_url = "https://deep-generative-models.github.io/"  # slides of other years
