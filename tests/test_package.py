"""The extension as another course installs it: a wheel in a fresh virtual environment.

The wheel is built from a copy of the checkout (a build writes ``build/`` and
``*.egg-info`` beside the sources) with ``pip wheel --no-deps``, installed into a new
virtual environment without this one's packages, with Sphinx and MyST at the lock's
versions.  Two projects are built there with ``-n -W``: exactly the README's "Use it for
your course" example, and a second course (``tests/roots/test-second-course``: other name,
sections Lectures and Labs, term pages under ``terms/``, slides under ``materials/``,
another timezone, the alabaster theme).  Neither may show anything of this course.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import REPO

pytestmark = pytest.mark.slow  # builds a wheel and installs into a new environment

OURS = ("Deep Generative Models", "deep-generative-models", "Peking", "Hao Dong", "files/ppt",
        "Asia/Shanghai")
"""This course's name, address, university, instructor, slides folder and timezone."""


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, f"{command}:\n{run.stdout}\n{run.stderr}"
    return run


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the package's wheel, Sphinx and MyST (the lock's pins)."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "_ext", source / "_ext",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source)
    (wheel,) = (work / "dist").glob("sphinx_course_schedule-*.whl")
    env = work / "venv"
    _run(sys.executable, "-m", "venv", env)  # without --system-site-packages
    pins = work / "pins.txt"
    pins.write_text("".join(line + "\n" for line in
                            (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
                            if not line.startswith("-e ")), encoding="utf-8")
    _run(env / "bin" / "python", "-m", "pip", "install", "-q", "-c", pins, wheel, "sphinx",
         "myst-parser")
    return env


def build(venv: Path, srcdir: Path, outdir: Path, builder: str = "html") -> None:
    run = subprocess.run([venv / "bin" / "sphinx-build", "-b", builder, "-n", "-W", "-q",
                          "-d", outdir.parent / "doctrees", srcdir, outdir],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""


def nothing_of_ours(outdir: Path) -> None:
    for path in outdir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".js", ".css", ".txt"):
            text = path.read_text(encoding="utf-8").lower()
            found = [word for word in OURS if word.lower() in text]
            assert not found, f"{path.relative_to(outdir)} shows {found}"


def captions(soup: BeautifulSoup) -> list[str]:
    """The schedule's section titles as shown (without the "¶" link to each)."""
    return [caption.get_text(strip=True).rstrip("¶").strip()
            for caption in soup.select("table.schedule-table caption")]


def readme_example() -> tuple[str, str]:
    """The README's conf.py and index.md, as a new user copies them."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it for your course", 1)[1].split("\n## ", 1)[0]
    conf = re.search(r"```python\n(.*?)```", section, re.S)[1]
    page = re.search(r"````markdown\n(.*?)````", section, re.S)[1]
    return conf, page


def test_the_readme_example_builds(venv: Path, tmp_path: Path) -> None:
    conf, page = readme_example()
    assert len(conf.splitlines()) <= 10
    src = tmp_path / "src"
    (src / "slides" / "2027").mkdir(parents=True)
    for path in re.findall(r"slides: (\S+)", page):
        (src / path).write_bytes(b"%PDF-1.4\n")
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(page, encoding="utf-8")
    out = tmp_path / "html"
    build(venv, src, out)
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.schedule-slides")
    assert link["href"] == "slides/2027/intro.pdf" and (out / link["href"]).is_file()
    assert captions(soup) == ["Lectures", "Labs"]
    heads = [[th.get_text(strip=True) for th in table.select("thead th")]
             for table in soup.select("table.schedule-table")]
    assert heads == [["Week", "Topic", "Lectures & materials"], ["Week", "Lab", "Handouts"]]
    calendar = Calendar.from_ical((out / "schedule-2027.ics").read_bytes())
    assert str(calendar["prodid"]) == "-//Robot Learning//sphinx-course-schedule//EN"
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    assert [str(start.tzinfo) for start in starts] == ["America/Chicago"] * 2
    nothing_of_ours(out)


def test_a_second_course(venv: Path, rootdir: Path, tmp_path: Path) -> None:
    src = shutil.copytree(rootdir / "test-second-course", tmp_path / "src")
    out = tmp_path / "html"
    build(venv, src, out)
    page = out / "terms" / "2031" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert "alabaster.css" in str(soup.select("link[rel=stylesheet]"))
    hrefs = [a["href"] for a in soup.select("a.schedule-slides")]
    assert hrefs == ["../../materials/2031/week-1.pdf", "../../materials/2031/lab-1.pdf"]
    assert all((page.parent / href).resolve().is_file() for href in hrefs)
    assert captions(soup) == ["Lectures", "Labs"]
    calendar = Calendar.from_ical((page.parent / "schedule-2031.ics").read_bytes())
    assert {str(e.decoded("dtstart").tzinfo) for e in calendar.walk("VEVENT")} == {
        "Europe/Berlin"}
    assert "Bayesian Inference" in str(calendar["prodid"])
    switcher = [(li.get_text(" ", strip=True), li.a["href"] if li.a else None)
                for li in soup.select("div.year-switcher li")]
    assert switcher == [("2031 (this page)", None), ("2030", "../2030/index.html")]
    home = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    card = home.select_one("div.newest-year a")
    assert card["href"] == "terms/2031/index.html"
    assert card.get_text(strip=True) == "2031: this year's course"
    nothing_of_ours(out)


def test_a_second_course_gets_the_schedules_latex_tables(venv: Path, rootdir: Path,
                                                        tmp_path: Path) -> None:
    """The handbook's tables without any TeX in the course's conf.py: the given column
    widths, and the line a table continued on a new page shows names its term and section
    (the package's own table template, shipped in the wheel)."""
    src = shutil.copytree(rootdir / "test-second-course", tmp_path / "src")
    out = tmp_path / "latex"
    build(venv, src, out, "latex")
    (tex,) = out.glob("*.tex")
    tables = re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}",
                        tex.read_text(encoding="utf-8"), re.S)
    assert tables and all(r"\X{14}{100}\X{26}{100}\X{60}{100}" in t for t in tables)
    lines = [re.findall(r"\\sphinxtablecontinued\{(.*?)\}\}%", t)[0] for t in tables]
    assert "Winter 2031 — Lectures (continued)" in lines
    assert "Winter 2031 — Labs (continued)" in lines
