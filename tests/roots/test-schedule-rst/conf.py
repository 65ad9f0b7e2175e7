import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
schedule_slides_dir = "files/ppt/{year}"  # the course site's layout
schedule_files_base_url = "https://deep-generative-models.github.io/"  # slides of other years
