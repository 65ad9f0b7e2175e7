"""Broken schedules give exact ``file:line`` warnings, and the rest still builds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

CONF = f"""\
import sys
sys.path.insert(0, {str(REPO)!r})
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
schedule_slides_dir = "files/ppt/{{year}}"
schedule_files_base_url = "https://deep-generative-models.github.io/"
"""

GOOD_WEEK = """\
      - week: 1
        topic: Introduction
        lectures:
          - number: 1
            title: Introduction
"""


def project(tmp_path: Path, body: str, conf_extra: str = "", name: str = "index.md",
            fence: str = "```{schedule}", end: str = "```") -> Path:
    """A one-page project whose schedule block starts on line 4 of ``name``."""
    src = tmp_path / "src"
    (src / "years" / "2030").mkdir(parents=True)
    (src / "conf.py").write_text(CONF + conf_extra, encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nyears/2030/index\n```\n",
                                  encoding="utf-8")
    page = f"# Spring 2030\n\n{fence}\n{body}{end}\n\nText after the schedule.\n"
    (src / "years" / "2030" / name).write_text(page, encoding="utf-8")
    return src


def warnings_of(tmp_path: Path, body: str, **kwargs: str) -> list[str]:
    src = project(tmp_path, body, **kwargs)
    build = sphinx_build(src, tmp_path / "out")
    page = src / "years" / "2030" / "index.md"
    return [line.replace(str(page), "PAGE") for line in build.warnings.splitlines()]


# (case id, schedule body, exact warning lines; PAGE is years/2030/index.md, line 4 is
# the body's first line)
CASES = [
    ("wrong-type-number", "sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK + """\
      - week: 2
        topic: Bad
        lectures:
          - number: seven
            title: Oops
""", ["PAGE:15: WARNING: schedule field 'sections[0].weeks[1].lectures[0].number': "
      "expected a lecture number such as 7 or a range such as '10-11' (first number not "
      "larger than the second) [schedule.invalid]"]),
    ("unknown-key", "sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK + """\
            slieds: files/ppt/2030/a.pdf
""", ["PAGE:12: WARNING: schedule field 'sections[0].weeks[0].lectures[0].slieds': "
      "unknown key 'slieds'; did you mean 'slides'? [schedule.invalid]"]),
    ("missing-topic", "sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK + """\
      - week: 2
""", ["PAGE:12: WARNING: schedule field 'sections[0].weeks[1].topic': required field is "
      "missing [schedule.invalid]"]),
    ("week-not-a-number", "sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK + """\
      - week: [2]
        topic: Listy
""", ["PAGE:12: WARNING: schedule field 'sections[0].weeks[1].week': Input should be a "
      "valid integer [schedule.invalid]"]),
    ("lecture-without-title", "sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK + """\
          - number: 2
""", ["PAGE:12: WARNING: schedule field 'sections[0].weeks[0].lectures[1]': a lecture "
      "needs a 'title' (and usually a 'number'), or 'parts' [schedule.invalid]"]),
    ("bad-yaml", "sections:\n  - title: F\n    weeks: [\n", [
        "PAGE:6: WARNING: invalid YAML: expected the node content, but found "
        "'<stream end>' (while parsing a flow node) [schedule.yaml]"]),
    ("not-a-mapping", "- just\n- a list\n", [
        "PAGE:4: WARNING: schedule field '(top level)': expected a mapping with "
        "'sections', got list [schedule.invalid]"]),
    ("alias", "sections:\n  - &a {title: F, weeks: []}\n  - *a\n", [
        "PAGE:5: WARNING: YAML anchors and aliases (&name / *name) are not allowed in a "
        "schedule; write the value out [schedule.yaml]"]),
    ("bad-timezone", "term:\n  timezone: Mars/Olympus\nsections:\n  - title: F\n    weeks:\n"
     + GOOD_WEEK, [
        "PAGE:5: WARNING: schedule field 'term.timezone': unknown timezone 'Mars/Olympus'; "
        "expected an IANA name such as 'Europe/Paris' [schedule.invalid]"]),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_exact_warning_lines(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert warnings_of(tmp_path, body) == expected


def test_valid_rest_of_the_page_still_renders(tmp_path: Path) -> None:
    body = CASES[0][1]
    src = project(tmp_path, body)
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0  # a warning, not a failure, without -W
    soup = BeautifulSoup(build.page("years/2030/index.html"), "html.parser")
    rows = soup.select("table.schedule-table tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Week 1", "Week 2"]
    assert rows[0].select_one("li").get_text(strip=True) == "Lecture 1: Introduction"
    assert rows[1].select("li") == []  # only the broken lecture was left out
    assert "Text after the schedule." in soup.get_text()


def test_dash_w_fails_the_build(tmp_path: Path) -> None:
    src = project(tmp_path, CASES[0][1])
    build = sphinx_build(src, tmp_path / "out", "html", "-W")
    assert build.returncode != 0
    assert "[schedule.invalid]" in build.warnings


def test_suppress_warnings_silences_one_subtype(tmp_path: Path) -> None:
    src = project(tmp_path, CASES[0][1],
                  conf_extra='suppress_warnings = ["schedule.invalid"]\n')
    build = sphinx_build(src, tmp_path / "out", "html", "-W")
    assert build.returncode == 0, build.warnings
    assert build.warnings == ""


def test_restructuredtext_warning_lines(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(textwrap.dedent("""\
        Title
        =====

        .. schedule::

           sections:
             - title: F
               weeks:
                 - week: 1
                   topic: T
                   lectures:
                     - {number: 1, title: A, colour: red}
        """), encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out")
    assert build.warnings.splitlines() == [
        f"{src / 'index.rst'}:12: WARNING: schedule field "
        "'sections[0].weeks[0].lectures[0].colour': unknown key 'colour'; expected one of: "
        "acknowledge, number, title, speaker, parts, slides [schedule.invalid]"]


def test_file_option_reports_lines_in_that_file_and_rebuilds_on_edit(tmp_path: Path) -> None:
    src = project(tmp_path, "", fence="```{schedule}\n:file: schedule.yaml")
    data = src / "years" / "2030" / "schedule.yaml"
    data.write_text("sections:\n  - title: F\n    weeks:\n" + GOOD_WEEK, encoding="utf-8")
    out = tmp_path / "out"
    first = sphinx_build(src, out)
    assert first.warnings == ""
    assert "Lecture 1: Introduction" in first.page("years/2030/index.html")
    data.write_text("sections:\n  - title: F\n    weeks:\n"
                    + GOOD_WEEK.replace("title: Introduction", "title: Changed title")
                    + "      - week: x\n        topic: T\n", encoding="utf-8")
    second = sphinx_build(src, out)  # incremental: the page must be re-read
    assert second.warnings.splitlines() == [
        f"{data}:9: WARNING: schedule field 'sections[0].weeks[1].week': Input should be a "
        "valid integer; got 'x' [schedule.invalid]"]
    assert "Lecture 1: Changed title" in second.page("years/2030/index.html")


def test_missing_file_is_a_warning_not_a_traceback(tmp_path: Path) -> None:
    src = project(tmp_path, "", fence="```{schedule}\n:file: nowhere.yaml")
    build = sphinx_build(src, tmp_path / "out")
    assert build.returncode == 0
    lines = build.warnings.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{src / 'years' / '2030' / 'index.md'}:3: WARNING: cannot read "
                               "schedule file 'nowhere.yaml'")
    assert lines[0].endswith("[schedule.file]")
