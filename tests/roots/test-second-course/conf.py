"""A second course: another name, theme, folders and timezone (tests/test_package.py)."""

project = "Bayesian Inference"
author = "A. Teacher"
extensions = ["myst_parser", "sphinx_course_schedule"]
html_theme = "alabaster"
exclude_patterns = ["_build"]
schedule_files_dir = "materials"
schedule_slides_dir = "materials/{year}"
