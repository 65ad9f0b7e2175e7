"""A year whose schedule is kept in a separate YAML file (``:file:``), with the probe."""

import sys
from pathlib import Path

# the probe, when used in place; copies get it from PYTHONPATH (the extension is installed)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "test-parallel"))

extensions = ["myst_parser", "sphinx_course_schedule", "probe"]
exclude_patterns = ["_build"]
schedule_slides_dir = "files/ppt/{year}"  # the course site's layout
schedule_files_base_url = "https://deep-generative-models.github.io/"  # slides of other years
