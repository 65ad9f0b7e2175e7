"""A year whose schedule is kept in a separate YAML file (``:file:``), with the probe."""

import sys
from pathlib import Path

# the repository and the probe, when used in place; copies get them from PYTHONPATH
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "test-parallel"))

extensions = ["myst_parser", "_ext", "probe"]
exclude_patterns = ["_build"]
