"""``make new-year``: a copy of the site gets next year's page, started from the newest
year, that builds clean.

The tool runs on a temporary copy of the repository (never on the real ``years/``), the
way ``make new-year FROM=<newest> YEAR=<newest + 1>`` runs it next spring; the copy is
then built with ``-W`` and the new page is read as a visitor sees it.  The years are the
ones the checkout has, so this keeps working after every year the course adds.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Build, copy_site, sphinx_build, without_badges
from sphinx_course_schedule.commands.new_year import (
    NewYearError, NewYearSummary, add_to_landing, new_year)


@dataclass
class NewSite:
    root: Path
    output: str
    build: Build
    old: int
    new: int

    def page(self, year: int) -> Path:
        return self.root / "years" / str(year) / "index.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> NewSite:
    root = copy_site(tmp_path_factory.mktemp("new-year") / "src")
    old = max(int(page.parent.name) for page in root.glob("years/*/index.md"))
    run = subprocess.run([sys.executable, "-m", "sphinx_course_schedule.commands", "new-term",
                          str(old), str(old + 1),
                          "--root", str(root)], cwd=REPO, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    return NewSite(root, run.stdout, sphinx_build(root, root.parent / "html", "html", "-W"),
                   old, old + 1)


def soup(site: NewSite, page: str) -> BeautifulSoup:
    """The page without the "PDF"/"PPTX" badges of download links (not part of a title)."""
    return without_badges(site.build.page(page))


def weeks(page: BeautifulSoup) -> list[tuple[str, str]]:
    rows = page.select("div.schedule tbody tr")
    return [(re.match(r"Week \d+", r.th.get_text(" ", strip=True))[0],  # type: ignore[index]
             r.select("td")[0].get_text(strip=True)) for r in rows]


def lecture_titles(page: BeautifulSoup) -> list[str]:
    items = page.select("div.schedule li.schedule-lecture")
    return [re.sub(r"^Lecture [\d-]+: ", "", li.get_text(" ", strip=True)) for li in items]


def test_the_copy_builds_clean_with_w(site: NewSite) -> None:
    assert (site.build.returncode, site.build.warnings) == (0, "")


def test_weeks_topics_and_lecture_titles_are_kept(site: NewSite) -> None:
    old = soup(site, f"years/{site.old}/index.html")
    new = soup(site, f"years/{site.new}/index.html")
    assert weeks(new) == weeks(old)
    assert len(weeks(new)) > 0
    assert lecture_titles(new) == lecture_titles(old)
    assert lecture_titles(new)


def test_slides_readings_and_projects_are_cleared(site: NewSite) -> None:
    new = soup(site, f"years/{site.new}/index.html")
    assert new.select("div.schedule a.schedule-slides") == []
    assert new.select("li.schedule-paper, li.schedule-project") == []
    assert "files/ppt/" not in site.build.page(f"years/{site.new}/index.html")


def test_titles_say_the_new_year(site: NewSite) -> None:
    new = soup(site, f"years/{site.new}/index.html")
    assert f"Spring {site.new}" in new.h1.get_text()
    assert str(site.old) not in new.h1.get_text()


def test_the_yaml_is_cleared_of_one_year_data(site: NewSite) -> None:
    text = site.page(site.new).read_text(encoding="utf-8")
    old = site.page(site.old).read_text(encoding="utf-8")
    for gone in ("slides:", "acknowledge", "papers:", "projects:"):
        assert gone not in text
    # the new dates are left empty, marked for the person starting the year
    assert re.search(r"^  first_day: *# TO FILL IN: first day of week 1", text, re.M)
    assert re.search(r"^  holidays: \[\] *# TO FILL IN: dates with no class", text, re.M)
    assert f"{site.old}-" not in text.split("sections:")[0]
    assert f"name: Spring {site.new}" in text
    if f"year: {site.old}" in old:
        assert f"year: {site.new}" in text
    if "lecture-order" in old:  # an overlap the old year acknowledged is not carried over
        assert "renumbered Lecture" in site.output


def test_the_new_year_is_reachable(site: NewSite) -> None:
    landing = soup(site, "index.html")
    assert landing.select(f'a[href="years/{site.new}/index.html"]')
    switcher = soup(site, f"years/{site.old}/index.html")
    assert switcher.select(f'a[href$="{site.new}/index.html"]')


def test_an_existing_year_is_not_overwritten(site: NewSite) -> None:
    with pytest.raises(NewYearError, match="already exists"):
        new_year(site.root, site.old, site.new)


# --- the new year once its dates are filled in and its first slides are in -------------
@dataclass
class StartedYear:
    site: NewSite
    build: Build
    slide: str


@pytest.fixture(scope="module")
def started(site: NewSite, tmp_path_factory: pytest.TempPathFactory) -> StartedYear:
    """What the README's "left to do" asks next: the two marked dates filled in, the first
    lecture's slides in ``files/ppt/<year>/``; then the checks every year must pass."""
    root = tmp_path_factory.mktemp("started") / "src"
    shutil.copytree(site.root, root)
    page = root / "years" / str(site.new) / "index.md"
    text = page.read_text(encoding="utf-8")
    first_day = dt.date(site.new, 2, 15)
    first_day -= dt.timedelta(days=first_day.weekday())  # a Monday in mid-February
    text, dates = re.subn(r"^(\s*first_day:)[^\n]*", rf"\g<1> {first_day.isoformat()}", text,
                          flags=re.M)
    text, holidays = re.subn(r"^(\s*holidays:)[^\n]*", r"\g<1> []", text, flags=re.M)
    assert (dates, holidays) == (1, 1), "the page has no marked dates to fill in"
    slide = f"files/ppt/{site.new}/Lecture 1.pdf"
    text, slides = re.subn(r"^(\s*)- number: 1\n(\s*)title: ([^\n]*)\n",
                           rf"\g<0>\g<2>slides: {slide}\n", text, count=1, flags=re.M)
    assert slides == 1, "no lecture 1 to give slides"
    page.write_text(text, encoding="utf-8")
    (root / slide).parent.mkdir(parents=True, exist_ok=True)
    (root / slide).write_bytes(b"%PDF-1.4\n%%EOF\n")
    return StartedYear(site, sphinx_build(root, root.parent / "html", "html", "-W"), slide)


def test_the_started_year_builds_clean_with_dates_calendar_and_local_slides(
        started: StartedYear) -> None:
    build, new = started.build, started.site.new
    assert (build.returncode, build.warnings) == (0, "")
    page = without_badges(build.page(f"years/{new}/index.html"))
    dated = [th.get_text(" ", strip=True) for th in page.select("tr.schedule-week th")]
    assert dated and all(re.match(r"Week \d+ \w{3}, \w{3} \d+", label) for label in dated)
    link = page.select_one("a.schedule-slides")
    assert link["href"] == "../../" + started.slide.replace(" ", "%20")
    assert (build.outdir / started.slide).is_file()
    calendars = list((build.outdir / "years" / str(new)).glob("*.ics"))
    assert len(calendars) == 1 and calendars[0].read_text(encoding="utf-8").count(
        "BEGIN:VEVENT") == len(dated)


# --- the editing rules on small pages ---------------------------------------------

PAGE = textwrap.dedent("""\
    # Spring 2040

    **Spring 2040, Mondays**

    ```{schedule}
    year: 2040
    term:
      name: Spring 2040   # shown on the page
      first_day: 2040-02-20
      holidays: [2040-04-02]
      weeks: 16
    sections:
      - title: Fundamentals
        weeks:
          - week: 1
            topic: Intro
            acknowledge: {week-order: "why"}
            lectures:
              - number: 1
                title: One
                slides: files/ppt/2040/1.pdf
              - parts:
                  - {number: 2, title: Two}
                  - {number: 3, title: Three}
                slides: files/ppt/2040/2-3.pdf
              - number: 3-4
                title: Overlapping
                acknowledge: {lecture-order: "as taught"}
            materials:
              - {label: Code, url: files/ppt/2040/code.zip}
              - {label: Repo, url: "https://github.com/example/repo"}
          - week: 2
            topic: Readings
            papers:
              - {number: "2-1", title: A paper}
    ```
    """)


def test_small_page_is_edited_by_the_rules(tmp_path: Path) -> None:
    (tmp_path / "years" / "2040").mkdir(parents=True)
    (tmp_path / "years" / "2040" / "index.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "# Home\n\n[This year](years/2040/index)\n\n```{toctree}\nyears/2040/index\n```\n",
        encoding="utf-8")
    report = new_year(tmp_path, 2040, 2041, slides_dir="files/ppt/{year}")
    text = (tmp_path / "years" / "2041" / "index.md").read_text(encoding="utf-8")
    assert text == textwrap.dedent("""\
        # Spring 2041

        **Spring 2041, Mondays**

        ```{schedule}
        year: 2041
        term:
          name: Spring 2041   # shown on the page
          first_day:          # TO FILL IN: first day of week 1, YYYY-MM-DD
          holidays: []        # TO FILL IN: dates with no class, e.g. [YYYY-MM-DD], or []
          weeks: 16
        sections:
          - title: Fundamentals
            weeks:
              - week: 1
                topic: Intro
                lectures:
                  - number: 1
                    title: One
                  - parts:
                      - {number: 2, title: Two}
                      - {number: 3, title: Three}
                  - number: 4-5
                    title: Overlapping
                materials:
                  - {label: Repo, url: "https://github.com/example/repo"}
              - week: 2
                topic: Readings
        ```
        """)
    assert "renumbered Lecture 3-4 (Overlapping) to 4-5" in report.notes
    assert "dropped material 'Code' (files/ppt/2040/code.zip): a file of 2040" in report.notes
    landing = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert landing == ("# Home\n\n[This year](years/2040/index)\n\n"
                       "```{toctree}\nyears/2041/index\nyears/2040/index\n```\n")
    # what is left by hand, exactly: the marked dates, the hand-written link, the term's work
    assert report.todo == [
        "index.md:3 still links years/2040/index; point it at the new year (or use "
        "{newest-year})",
        "years/2041/index.md:9: fill in term.first_day (first day of week 1, YYYY-MM-DD)",
        "years/2041/index.md:10: fill in term.holidays (dates with no class, e.g. "
        "[YYYY-MM-DD], or [])",
        "during the term: put the slides in files/ppt/2041/ and add a 'slides:' line to each "
        "lecture; add papers: and projects: as they are assigned"]


def test_schedule_in_its_own_file_keeps_comments(tmp_path: Path) -> None:
    folder = tmp_path / "years" / "2040"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("# Spring 2040\n\n```{schedule}\n:file: schedule.yaml\n```\n",
                                     encoding="utf-8")
    (folder / "schedule.yaml").write_text(textwrap.dedent("""\
        # The 2040 schedule
        sections:
        - title: F  # first table
          weeks:
          - week: 1
            topic: T
            lectures:
            - {number: 1, title: One, slides: files/ppt/2040/1.pdf}
        """), encoding="utf-8")
    (tmp_path / "index.md").write_text("```{toctree}\nyears/2040/index\n```\n",
                                       encoding="utf-8")
    new_year(tmp_path, 2040, 2041)
    assert (tmp_path / "years" / "2041" / "schedule.yaml").read_text(encoding="utf-8") == (
        textwrap.dedent("""\
        # The 2040 schedule
        sections:
        - title: F  # first table
          weeks:
          - week: 1
            topic: T
            lectures:
            - {number: 1, title: One}
        """))
    assert "slides" in (folder / "schedule.yaml").read_text(encoding="utf-8")  # source kept


@pytest.mark.parametrize(("entries", "expected"), [
    (["years/2022/index", "years/2021/index"],
     ["years/2023/index", "years/2022/index", "years/2021/index"]),
    (["years/2021/index", "years/2022/index"],
     ["years/2021/index", "years/2022/index", "years/2023/index"]),
    (["  Spring 2022 <years/2022/index>", "  years/2020/index"],
     ["  years/2023/index", "  Spring 2022 <years/2022/index>", "  years/2020/index"]),
], ids=["newest-first", "oldest-first", "titled-entries"])
def test_landing_toctree_gets_the_year_in_order(tmp_path: Path, entries: list[str],
                                                expected: list[str]) -> None:
    landing = tmp_path / "index.md"
    landing.write_text("```{toctree}\n:maxdepth: 1\n\n" + "\n".join(entries) + "\n```\n",
                       encoding="utf-8")
    add_to_landing(landing, 2022, 2023, NewYearSummary())
    assert landing.read_text(encoding="utf-8") == (
        "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(expected) + "\n```\n")


def test_landing_glob_needs_no_entry(tmp_path: Path) -> None:
    landing = tmp_path / "index.md"
    text = "```{toctree}\n:glob:\n:reversed:\n\nyears/*/index\n```\n"
    landing.write_text(text, encoding="utf-8")
    add_to_landing(landing, 2022, 2023, NewYearSummary())
    assert landing.read_text(encoding="utf-8") == text


def test_landing_without_the_old_year_is_an_error(tmp_path: Path) -> None:
    landing = tmp_path / "index.md"
    landing.write_text("# Home\n", encoding="utf-8")
    with pytest.raises(NewYearError, match="add years/2023/index to one by hand"):
        add_to_landing(landing, 2022, 2023, NewYearSummary())


def test_last_years_teaching_assistants_are_cleared_and_listed(tmp_path: Path) -> None:
    """The staff section keeps the instructor; the TA line is marked and on the list."""
    folder = tmp_path / "years" / "2040"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(
        "# Spring 2040\n\n```{schedule}\nsections:\n  - title: F\n    weeks: []\n```\n\n"
        "## Course Staff\n\n- Instructor: [Hao Dong](http://zsdonghao.github.io)\n"
        "- Teaching Assistants: [Old TA](mailto:ta@example.org)\n\n## Feedback\n",
        encoding="utf-8")
    (tmp_path / "index.md").write_text("```{toctree}\nyears/2040/index\n```\n",
                                       encoding="utf-8")
    report = new_year(tmp_path, 2040, 2041)
    lines = (tmp_path / "years" / "2041" / "index.md").read_text(encoding="utf-8").split("\n")
    assert lines[10:13] == ["- Instructor: [Hao Dong](http://zsdonghao.github.io)",
                            "- Teaching Assistants: TO FILL IN", ""]
    assert ("years/2041/index.md:12: fill in this year's teaching assistants in the staff "
            "section (2040's were cleared)") in report.todo


def test_make_passes_force(tmp_path: Path) -> None:
    """``make new-year ... FORCE=1`` runs the tool with --force, as its message asks."""
    run = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(REPO), "new-year", "FROM=2040", "YEAR=2041",
                          "FORCE=1", f"VENV={tmp_path / 'venv'}"],
                         capture_output=True, text=True, check=True)
    assert run.stdout.splitlines()[-1].endswith(
        'new-term "years/2040/index.md" "2041" "years/2041/index.md" --force')


def test_named_holidays_and_make_up_days_stay_with_their_year(tmp_path: Path) -> None:
    folder = tmp_path / "years" / "2040"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(textwrap.dedent("""\
        # Spring 2040

        ```{schedule}
        term:
          name: Spring 2040
          first_day: 2040-02-20
          holidays:
            - {from: 2040-04-30, to: 2040-05-04, name: Labour Day}
          makeup_days:
            - {date: 2040-04-28, replaces: 2040-05-02}
        sections:
          - title: F
            weeks:
              - topic: Intro
        ```
        """), encoding="utf-8")
    (tmp_path / "index.md").write_text("```{toctree}\nyears/2040/index\n```\n",
                                       encoding="utf-8")
    new_year(tmp_path, 2040, 2041)
    text = (tmp_path / "years" / "2041" / "index.md").read_text(encoding="utf-8")
    assert "Labour Day" not in text and "makeup_days" not in text and "2040-" not in text
    assert "      - topic: Intro\n" in text  # a flowing week stays as it was written


def test_the_new_year_is_translated_in_every_edition_from_the_start(
        site: NewSite, tmp_path: Path) -> None:
    """The new page's headings and term name name the year; each catalog gets them
    translated as the old year's are, so the Chinese edition needs no translator first."""
    root = tmp_path / "src"
    shutil.copytree(site.root, root)
    zh = sphinx_build(root, tmp_path / "zh", "html", "-W", "-D", "language=zh_CN")
    assert (zh.returncode, zh.warnings) == (0, "")
    old = BeautifulSoup(zh.page(f"years/{site.old}/index.html"), "html.parser")
    new = BeautifulSoup(zh.page(f"years/{site.new}/index.html"), "html.parser")
    old_title = old.h1.get_text(strip=True).rstrip("#¶")
    assert re.search(r"[\u4e00-\u9fff]", old_title), old_title  # the old year is translated
    assert new.h1.get_text(strip=True).rstrip("#¶") == old_title.replace(
        str(site.old), str(site.new))
    assert f"{site.new} 年" in new.select_one(".schedule-term").get_text()
