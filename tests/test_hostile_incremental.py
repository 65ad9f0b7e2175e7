"""An incremental build gives the same pages and warnings as a clean one after any edit.

Pages that are not edited still depend on others: a material's relative link on the page
or file it names, a ``{schedule:lecture}`` role on the lecture's title, week and page.
Each edit below is made to the *other* file, then the incremental build (serial and
``-j 2``) is compared with a clean build of the same sources: the same warnings (ours and
``-n``'s) and the same referring page.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

ENV = {"PYTHONPATH": str(REPO)}
CONF = 'project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\nexclude_patterns = ["_build"]\n'
YEAR = """\
# Spring 2030

```{schedule}
sections:
  - title: F
    weeks:
      - week: 1
        topic: First
        lectures:
          - {number: 1, title: Old title}
        materials:
          - {label: notes, url: notes.html}
          - {label: data, url: data.csv}
      - week: 2
        topic: Second
        lectures:
          - {number: 2, title: Other}
```
"""


def project(root: Path) -> Path:
    srcdir = root / "src"
    (srcdir / "years" / "2030").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# P\n\n```{toctree}\n:glob:\n\n*\nyears/*/*\n```\n",
                                     encoding="utf-8")
    (srcdir / "years/2030/index.md").write_text(YEAR, encoding="utf-8")
    (srcdir / "notes.md").write_text("# Notes\n", encoding="utf-8")
    (srcdir / "data.csv").write_text("a,b\n", encoding="utf-8")
    (srcdir / "refs.md").write_text("# Refs\n\nSee {schedule:lecture}`2030:1`.\n",
                                    encoding="utf-8")
    return srcdir


def edit_year(old: str, new: str) -> Callable[[Path], None]:
    def edit(srcdir: Path) -> None:
        page = srcdir / "years/2030/index.md"
        text = page.read_text(encoding="utf-8")
        assert old in text
        page.write_text(text.replace(old, new), encoding="utf-8")
    return edit


def delete(*names: str) -> Callable[[Path], None]:
    def edit(srcdir: Path) -> None:
        for name in names:
            (srcdir / name).unlink()
    return edit


def move_to_week_two(srcdir: Path) -> None:
    edit_year("{number: 1, title: Old title}", "{number: 0, title: Kept}")(srcdir)
    edit_year("{number: 2, title: Other}", "{number: 1, title: Old title}")(srcdir)


def move_to_another_page(srcdir: Path) -> None:
    edit_year("          - {number: 1, title: Old title}\n", "")(srcdir)
    (srcdir / "years/2030/extra.md").write_text(
        YEAR.replace("Old title", "Moved title").replace("number: 2,", "number: 3,")
        .replace("notes.html", "index.html").replace("data.csv", "refs.html"),
        encoding="utf-8")


EDITS = {
    "link-targets-deleted": delete("notes.md", "data.csv"),
    "lecture-renamed": edit_year("Old title", "New title"),
    "lecture-moved-week": move_to_week_two,
    "lecture-deleted": edit_year("{number: 1, title: Old title}", "{number: 5, title: Z}"),
    "lecture-moved-page": move_to_another_page,
}


def seen(build_warnings: str, srcdir: Path) -> list[str]:
    return sorted(line.replace(f"{srcdir}/", "") for line in build_warnings.splitlines()
                  if "[schedule." in line or "[ref." in line)


def reference(outdir: Path) -> tuple[str, list[str]]:
    """The role's paragraph as a reader sees it: its text and where its link goes."""
    soup = BeautifulSoup((outdir / "refs.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = next(p for p in soup.select("p") if p.get_text().startswith("See "))
    return paragraph.get_text(), [a.get("href", "") for a in paragraph.select("a")]


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=pytest.mark.slow)])
@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_elsewhere_gives_the_clean_build_pages_and_warnings(
        tmp_path: Path, name: str, jobs: str) -> None:
    srcdir = project(tmp_path / "inc")
    out = tmp_path / "inc" / "out"
    first = sphinx_build(srcdir, out, "html", "-j", jobs, env=ENV)
    assert first.returncode == 0 and seen(first.warnings, srcdir) == [], first.warnings
    assert reference(out) == ("See Lecture 1: Old title (2030, week 1).",
                              ["years/2030/index.html#week-1"])
    EDITS[name](srcdir)
    incremental = sphinx_build(srcdir, out, "html", "-j", jobs, env=ENV)
    clean_src = tmp_path / "clean" / "src"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("out"))
    clean = sphinx_build(clean_src, tmp_path / "clean" / "out", "html", "-j", jobs, env=ENV)
    assert incremental.returncode == clean.returncode == 0
    assert seen(incremental.warnings, srcdir) == seen(clean.warnings, clean_src)
    assert reference(out) == reference(clean.outdir)
