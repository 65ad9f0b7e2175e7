"""The guide and the README say what the tools and the build really do.

Examples written by hand drift: the guide's "left to do" list showed other line numbers
than ``new-year`` prints, and the README's field table lacked a field.  Each example here
is taken from the page itself and compared with the tool's real output or a real build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build
from sphinx_course_schedule.commands import project_conf
from sphinx_course_schedule.commands.new_year import new_year
from sphinx_course_schedule.schedule.links.local_files import DEFAULT_SLIDES_DIR

GUIDE = REPO / "guide" / "writing-a-schedule.md"
README = REPO / "README.md"


def fenced(text: str, opening: str, after: str = "") -> list[str]:
    """The lines of the first block fenced with ``opening`` (after the line ``after``)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    first = next(i for i in range(start, len(lines)) if lines[i] == opening)
    fence = re.match(r"[`~]+", opening)[0]  # type: ignore[index]
    last = next(i for i in range(first + 1, len(lines)) if lines[i] == fence)
    return lines[first + 1:last]


def test_the_new_year_example_is_what_the_tool_prints(tmp_path: Path) -> None:
    """``make new-year FROM=2022 YEAR=2023`` on the 2022 page, as the guide shows it."""
    (tmp_path / "years").mkdir()
    shutil.copytree(REPO / "years" / "2022", tmp_path / "years" / "2022")
    shutil.copy2(REPO / "index.md", tmp_path / "index.md")
    # as make new-year runs it: with this site's slides folder from its conf.py
    slides_dir = project_conf(REPO).get("schedule_slides_dir", DEFAULT_SLIDES_DIR)
    summary = new_year(tmp_path, 2022, 2023, slides_dir=slides_dir)
    guide = GUIDE.read_text(encoding="utf-8")
    printed = summary.lines()
    todo = printed[printed.index("new-year: left to do by hand:"):]
    assert fenced(guide, "```text", "left to do by hand** list") == todo
    page = (tmp_path / "years" / "2023" / "index.md").read_text(encoding="utf-8").split("\n")
    term = fenced(guide, "```yaml", "Adding a year")
    start = page.index(term[0])
    assert page[start:start + len(term)] == term

    # the slides example: this year's folder holds Lecture 2's file, the page a typo
    slides = tmp_path / "files" / "ppt" / "2023"
    slides.mkdir(parents=True)
    (slides / "Lecture 2 Mathematic Foundation.pdf").write_bytes(b"%PDF-1.4\n")
    title = page.index("            title: Mathematic Foundation & Basic Concept")
    page.insert(title + 1, "            slides: files/ppt/2023/Lecture 2 Mathematic Fundation.pdf")
    (tmp_path / "years" / "2023" / "index.md").write_text("\n".join(page), encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "extensions = ['myst_parser', 'sphinx_design', 'sphinx_course_schedule']\nschedule_slides_dir = 'files/ppt/{year}'\n"
        "myst_enable_extensions = ['colon_fence', 'deflist', 'attrs_inline', 'attrs_block']\n"
        "exclude_patterns = ['years/2022', 'files']\n", encoding="utf-8")
    build = sphinx_build(tmp_path, tmp_path / "_out")
    shown = fenced(guide, "```text", "same edit and compares the warning")
    found = build.warnings.replace(f"{tmp_path}/", "").splitlines()
    assert len(shown) == 1 and shown[0] in found, found


def test_the_week_flow_example_gives_the_rows_the_guide_shows(tmp_path: Path) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    example = fenced(guide, "`````markdown", "## Weeks that flow")
    src = tmp_path / "src"
    (src / "years" / "2030").mkdir(parents=True)
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "extensions = ['myst_parser', 'sphinx_course_schedule']\nschedule_slides_dir = 'files/ppt/{year}'\n", encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nyears/2030/index\n```\n",
                                  encoding="utf-8")
    (src / "years" / "2030" / "index.md").write_text(
        "# Spring 2030\n\n" + "\n".join(example) + "\n", encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out", "html", "-W")
    assert build.warnings == ""
    html = BeautifulSoup(build.page("years/2030/index.html"), "html.parser")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")]
            for row in html.select("tr.schedule-week")]
    section = guide.split("## Weeks that flow", 1)[1]
    table = [line for line in section.split("\n") if re.match(r"\| Week \d", line)]
    shown = [[cell.strip() for cell in line.strip("|").split("|")] for line in table]
    assert rows == shown
    calendar = (build.outdir / "years" / "2030" / "schedule-2030.ics").read_text("utf-8")
    days = re.findall(r"DTSTART;TZID=Asia/Shanghai:2030(\d{4})T", calendar)
    assert days == ["0220", "0302", "0313", "0327", "0410"]
    assert ("The calendar has five classes: February\n20, March 2, March 13, March 27 and "
            "April 10.") in section


def test_the_readme_field_table_names_every_field() -> None:
    """The README's short table is hand-written; every field of the model is in it."""
    from sphinx_course_schedule.schedule.guide.type_names import MODELS, key_of

    text = README.read_text(encoding="utf-8")
    table = text.split("### Schedule fields", 1)[1].split("\n\n", 2)[1]
    named = set(re.findall(r"`([a-z_]+)`", table))
    fields = {key_of(model, name) for model in MODELS for name in model.model_fields}
    assert fields - named == set()


def test_the_field_tables_name_every_type(tmp_path: Path) -> None:
    """The guide's generated tables: each field has a type a reader understands."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                                 "extensions = ['myst_parser', 'sphinx_course_schedule']\nschedule_slides_dir = 'files/ppt/{year}'\n", encoding="utf-8")
    (src / "index.md").write_text("# Fields\n\n```{schedule-fields}\n```\n", encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out", "html", "-W")
    assert build.warnings == ""
    html = BeautifulSoup(build.page("index.html"), "html.parser")
    types = {}
    for table in html.select("table.schedule-reference"):
        model = table.find_previous("p", class_="rubric").get_text()
        for row in table.select("tbody tr"):
            cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
            types[f"{model}.{cells[0]}"] = cells[1]
    assert all(text and "None" not in text for text in types.values()), types
    assert types["Term.holidays"] == "list of date (YYYY-MM-DD) or Holiday or HolidayRange"
    assert types["HolidayRange.from"] == types["MakeupDay.replaces"] == "date (YYYY-MM-DD)"
    assert types["Week.week"] == "integer, from 1 to 60"
    assert types["Schedule.headers"] == types["Section.headers"] == "Headers"
    assert types["Headers.materials"] == "text, at most 500 characters"
