"""``course-schedule new-term`` in a course laid out unlike this site: terms under
``terms/<name>/``, slides under ``slides/{year}``.

The command finds the term pages from their schedules and its slides folder from the
project's ``conf.py``; the course then starts its next term and builds clean with
``-n -W``, the way its own staff would run it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

CONF = """\
project = "Robot Learning"
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
schedule_files_dir = "slides"
schedule_slides_dir = "slides/{year}"
"""

INDEX = """\
# Robot Learning

```{toctree}
:maxdepth: 1

terms/fall-2027/index
```
"""

TERM = """\
# Robot Learning, Fall 2027

```{schedule}
year: 2027
term:
  name: Fall 2027
  first_day: 2027-09-06
  weekday: Mon
  start: "10:00"
  end: "11:30"
  timezone: America/Chicago
sections:
  - title: Lectures
    weeks:
      - week: 1
        topic: Introduction
        lectures:
          - number: 1
            title: What robots learn
            slides: slides/2027/intro.pdf
  - title: Labs
    weeks:
      - week: 2
        topic: Setting up the simulator
```
"""


def course(root: Path) -> Path:
    (root / "terms" / "fall-2027").mkdir(parents=True)
    (root / "slides" / "2027").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    (root / "terms" / "fall-2027" / "index.md").write_text(TERM, encoding="utf-8")
    (root / "slides" / "2027" / "intro.pdf").write_bytes(b"%PDF-1.4\n")
    return root


def new_term(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sphinx_course_schedule.commands", "new-term",
                           *args, "--root", str(root)], cwd=REPO, capture_output=True,
                          text=True, check=False)


@pytest.mark.parametrize("source", ["terms/fall-2027/index.md", "2027"],
                         ids=["by-page", "by-year"])
def test_a_course_with_its_own_layout_starts_its_next_term(tmp_path: Path,
                                                           source: str) -> None:
    root = course(tmp_path / "src")
    run = new_term(root, source, "2028")
    assert run.returncode == 0, run.stderr
    assert f"new-year: wrote {root / 'terms/fall-2028/index.md'}" in run.stdout
    assert "put the slides in slides/2028/" in run.stdout  # conf.py's schedule_slides_dir
    assert "terms/fall-2028/index.md:7: fill in term.first_day" in run.stdout
    assert not (root / "years").exists()
    toctree = (root / "index.md").read_text(encoding="utf-8")
    assert "terms/fall-2028/index\nterms/fall-2027/index\n" in toctree

    build = sphinx_build(root, tmp_path / "html", "html", "-W")
    assert (build.returncode, build.warnings) == (0, "")
    page = BeautifulSoup(build.page("terms/fall-2028/index.html"), "html.parser")
    assert page.h1 is not None and "Fall 2028" in page.h1.get_text()
    assert "What robots learn" in page.get_text()
    assert page.select_one('a[href*="slides/2027"]') is None  # last year's slides are gone
    home = BeautifulSoup(build.page("index.html"), "html.parser")
    assert home.select_one('a[href="terms/fall-2028/index.html"]') is not None


def test_a_new_page_given_by_path_and_a_page_that_is_no_term(tmp_path: Path) -> None:
    root = course(tmp_path / "src")
    run = new_term(root, "terms/fall-2027/index.md", "2028", "terms/autumn/index.md")
    assert run.returncode == 0, run.stderr
    assert (root / "terms/autumn/index.md").is_file()
    assert "terms/autumn/index\n" in (root / "index.md").read_text(encoding="utf-8")

    refused = new_term(root, "index.md", "2029")
    assert refused.returncode == 1
    assert "index.md is not a term page" in refused.stderr
    again = new_term(root, "terms/fall-2027/index.md", "2028", "terms/autumn/index.md")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert new_term(root, "terms/fall-2027/index.md", "2028", "terms/autumn/index.md",
                    "--force").returncode == 0
