"""A live term, walked the way course staff teach it, and each mistake they make on the way.

``test_a_term_week_by_week`` starts 2023 with ``new-year`` in a temporary copy of the
site, then does what a teaching assistant does: fill in the marked dates, keep this
year's slides in ``files/ppt/2023/`` (older years stay on the original site), add a week
of slides at a time.  Every step is built with ``-W`` and either builds clean or fails
with exactly the expected warning lines; each step's incremental build is compared
with a clean build of the same tree.

The other tests are one mistake each, on a small page: the warning is asserted as the
exact line a user sees, and its line is the line that holds the mistake.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Build, copy_site, sphinx_build

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warning_lines(build: Build, root: Path) -> list[str]:
    """The build's warnings, paths relative to ``root``, in order."""
    text = ANSI.sub("", build.warnings).replace(f"{root}/", "")
    return [line for line in text.splitlines() if line.strip()]


def line_of(path: Path, needle: str, after: str = "") -> int:
    """1-based line of the first line containing ``needle`` (after the line with ``after``)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def slides_line(number: int, title: str, name: str) -> str:
    """A lecture's YAML as the 2023 page has it, with a slides line added."""
    return (f"          - number: {number}\n            title: {title}\n"
            f"            slides: files/ppt/2023/{name}\n")


class Term:
    """A copy of the site in which 2023 is taught; builds it clean and incrementally.

    The walk is a fixed scenario, 2023 started from 2022 with no local slides yet, so the
    copy keeps the years up to 2022 only and no ``files/`` tree, whatever years and slides
    the checkout has gained since.
    """

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.root = copy_site(tmp_path / "src")
        shutil.rmtree(self.root / "files", ignore_errors=True)
        for later in self.root.glob("years/*"):
            if later.name.isdigit() and int(later.name) > 2022:
                shutil.rmtree(later)
        self.page = self.root / "years" / "2023" / "index.md"
        self.slides = self.root / "files" / "ppt" / "2023"
        self.steps = 0

    def build(self) -> list[str]:
        """Build incrementally and from clean; both must give the same warnings."""
        self.steps += 1
        incremental = sphinx_build(self.root, self.tmp / "html", "html", "-W")
        clean = sphinx_build(self.root, self.tmp / f"clean-{self.steps}", "html", "-W")
        found = warning_lines(incremental, self.root)
        assert found == warning_lines(clean, self.root), "clean and incremental differ"
        assert (incremental.returncode != 0) == bool(found)
        self.last = incremental
        return found

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup(self.last.page(page), "html.parser")


@pytest.mark.slow
def test_a_term_week_by_week(tmp_path: Path) -> None:
    term = Term(tmp_path)
    run = subprocess.run([sys.executable, "-m", "sphinx_course_schedule.commands", "new-term",
                          "2022", "2023",
                          "--root", str(term.root)], cwd=REPO, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    first_day, holidays = line_of(term.page, "first_day:"), line_of(term.page, "holidays:")
    staff = line_of(term.page, "- Teaching Assistants:")
    # the summary's list is all that is left by hand
    todo = run.stdout.split("new-year: left to do by hand:\n", 1)[1].splitlines()
    assert todo == [
        f"  1. years/2023/index.md:{first_day}: fill in term.first_day (first day of week 1, "
        "YYYY-MM-DD; the class meets on Wed)",
        f"  2. years/2023/index.md:{holidays}: fill in term.holidays (dates with no class, "
        "e.g. [YYYY-MM-DD], or [])",
        f"  3. years/2023/index.md:{staff}: fill in this year's teaching assistants in the "
        "staff section (2022's were cleared)",
        "  4. during the term: put the slides in files/ppt/2023/ and add a 'slides:' line to "
        "each lecture; add papers: and projects: as they are assigned"]

    # Step 1: straight after new-year the site builds clean and already says 2023
    assert term.build() == []
    landing = term.soup("index.html")
    assert landing.select_one(".newest-year a").get_text() == "Spring 2023: this year's course"
    assert "2020–2023, Hao Dong" in landing.get_text()
    year = term.soup("years/2023/index.html")
    assert year.select_one("p.schedule-term").get_text() == (
        "Spring 2023 - Wed 3:10-6:00 PM, Peking University")

    # Step 2: the dates.  Qingming (Wed Apr 5) falls on week 7, which still has lectures
    edit(term.page, "  first_day:", "  first_day: 2023-02-20")
    edit(term.page, "  holidays: []", "  holidays: [2023-04-05, 2023-05-03]")
    week7 = line_of(term.page, "- week: 7")
    assert term.build() == [
        f"years/2023/index.md:{week7}: WARNING: Week 7's class day 2023-04-05 is a holiday "
        "(term.holidays) but the week still has lectures; move them to another week, or "
        "remove the holiday [schedule.holiday-class]"]
    edit(term.page, "      - week: 7\n", "      - week: 7\n        acknowledge: "
         "{holiday-class: \"made up on Saturday Apr 8\"}\n")
    assert term.build() == []
    dates = [th.get_text(" ", strip=True) for th in
             term.soup("years/2023/index.html").select("tr.schedule-week th")]
    assert dates[0] == "Week 1 Wed, Feb 22" and dates[6] == "Week 7 Wed, Apr 5 no class"

    # Step 3: this year's slides are kept locally; the older years stay on the old site
    term.slides.mkdir(parents=True)
    for name in ("Lecture 1 Introduction.pdf", "Lecture 2 Mathematic Foundation.pdf"):
        (term.slides / name).write_bytes(b"%PDF-1.4\n")
    edit(term.page, "          - number: 1\n            title: Introduction\n",
         slides_line(1, "Introduction", "Lecture 1 Introduction.pdf"))
    assert term.build() == []  # no warning about the 130 slides of 2020-2022
    href = term.soup("years/2023/index.html").select_one("a.schedule-slides")["href"]
    assert href == "../../files/ppt/2023/Lecture%201%20Introduction.pdf"
    assert (term.tmp / "html" / "files" / "ppt" / "2023" / "Lecture 1 Introduction.pdf"
            ).is_file()
    old = term.soup("years/2022/index.html").select_one("a.schedule-slides")["href"]
    assert old.startswith("https://deep-generative-models.github.io/files/ppt/2022/")

    # Step 4: the next lecture's file name mistyped: one warning at its slides: line
    edit(term.page, "          - number: 2\n            title: Mathematic Foundation & Basic "
         "Concept\n", slides_line(2, "Mathematic Foundation & Basic Concept",
                                  "Lecture 2 Mathematic Fundation.pdf"))
    typo = line_of(term.page, "Lecture 2 Mathematic Fundation.pdf")
    assert term.build() == [
        f"years/2023/index.md:{typo}: WARNING: slides 'files/ppt/2023/Lecture 2 Mathematic "
        "Fundation.pdf': no such file in the local 'files/ppt/2023/' folder; did you mean "
        "'Lecture 2 Mathematic Foundation.pdf'? [schedule.slides-missing]"]
    # the file is added under the mistyped name: the page is read again, and it is clean
    (term.slides / "Lecture 2 Mathematic Fundation.pdf").write_bytes(b"%PDF-1.4\n")
    assert term.build() == []

    # Step 5: a week of content with a misspelt key: one warning, nothing else
    edit(term.page, "          - number: 3\n            title: Data Representation\n",
         "          - number: 3\n            tittle: Data Representation\n")
    tittle = line_of(term.page, "tittle:")
    assert term.build() == [
        f"years/2023/index.md:{tittle}: WARNING: schedule field "
        "'sections[0].weeks[0].lectures[2].tittle': unknown key 'tittle'; did you mean "
        "'title'? [schedule.invalid]"]
    edit(term.page, "tittle:", "title:")
    assert term.build() == []


# --- one mistake each, on a small page ----------------------------------------------

WEEK1 = """\
sections:
  - title: F
    weeks:
      - week: 1
        topic: Intro
        lectures:
          - number: 1
            title: One
"""


def small_page(tmp_path: Path, body: str) -> tuple[list[str], BeautifulSoup]:
    """Warnings and HTML of a page whose schedule body starts at line 4."""
    src = tmp_path / "src"
    (src / "years" / "2030").mkdir(parents=True)
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "extensions = ['myst_parser', 'sphinx_course_schedule']\nexclude_patterns = ['_build']\n"
        "schedule_slides_dir = 'files/ppt/{year}'\n"
        "schedule_files_base_url = 'https://deep-generative-models.github.io/'\n",
        encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nyears/2030/index\n```\n",
                                  encoding="utf-8")
    (src / "years" / "2030" / "index.md").write_text(
        f"# 2030\n\n```{{schedule}}\n{body}```\n", encoding="utf-8")
    build = sphinx_build(src, tmp_path / "out")
    html = BeautifulSoup(build.page("years/2030/index.html"), "html.parser") if (
        build.outdir / "years/2030/index.html").exists() else BeautifulSoup("", "html.parser")
    return [w.replace("years/2030/index.md", "PAGE") for w in warning_lines(build, src)], html


def page_line(body: str, needle: str) -> int:
    """The page line of the body line holding ``needle`` (the body starts at line 4)."""
    return next(i for i, line in enumerate(body.split("\n")) if needle in line) + 4


def yaml_warning(line: int, message: str) -> str:
    return f"PAGE:{line}: WARNING: invalid YAML: {message} [schedule.yaml]"


def test_a_tab_says_indent_with_spaces(tmp_path: Path) -> None:
    body = WEEK1 + "      - week: 2\n\ttopic: Tabbed\n"
    assert small_page(tmp_path, body)[0] == [yaml_warning(
        page_line(body, "\ttopic"), "found character '\\t' that cannot start any token "
        "(while scanning for the next token); indent with spaces, not tabs")]


def test_a_full_width_colon_is_named_at_its_line(tmp_path: Path) -> None:
    body = WEEK1.replace("topic: Intro", "topic\uff1a Intro")
    assert small_page(tmp_path, body)[0] == [yaml_warning(
        page_line(body, "\uff1a"), "could not find expected ':' (while scanning a simple "
        "key); this line has a full-width colon '\uff1a'; YAML needs ':' followed by a space")]


def test_a_full_width_colon_in_a_last_value_is_named_at_its_line(tmp_path: Path) -> None:
    body = "sections:\n  - title\uff1a F\n    weeks: []\n"
    assert small_page(tmp_path, body)[0] == [yaml_warning(
        page_line(body, "\uff1a"), "mapping values are not allowed here; this line has a "
        "full-width colon '\uff1a'; YAML needs ':' followed by a space")]


def test_a_colon_inside_a_title_says_quote_the_title(tmp_path: Path) -> None:
    body = WEEK1.replace("title: One", "title: GANs: an introduction")
    assert small_page(tmp_path, body)[0] == [yaml_warning(
        page_line(body, "GANs"), "mapping values are not allowed here; a ': ' inside a "
        "value ends it; quote the title (put it in \"...\")")]


def test_wrong_indentation_is_reported_at_the_mistaken_line(tmp_path: Path) -> None:
    body = WEEK1 + "       - number: 2\n          title: Two\n"  # one space short
    assert small_page(tmp_path, body)[0] == [yaml_warning(
        page_line(body, "- number: 2"), "expected <block end>, but found '<block sequence "
        "start>' (while parsing a block collection); check this line's indentation against "
        "the lines above")]


def test_a_misspelt_title_is_one_warning_and_the_lecture_stays(tmp_path: Path) -> None:
    body = WEEK1 + "          - number: 2\n            tittle: Two\n" \
                   "          - number: 3\n            title: Three\n"
    warnings, html = small_page(tmp_path, body)
    assert warnings == [
        f"PAGE:{page_line(body, 'tittle')}: WARNING: schedule field "
        "'sections[0].weeks[0].lectures[1].tittle': unknown key 'tittle'; did you mean "
        "'title'? [schedule.invalid]"]
    lectures = [li.get_text(strip=True) for li in html.select("li.schedule-lecture")]
    assert lectures == ["Lecture 1: One", "Lecture 2: (title missing)", "Lecture 3: Three"]
    assert html.select("li.schedule-lecture.schedule-placeholder")


def test_an_unknown_key_without_a_near_field_lists_the_fields(tmp_path: Path) -> None:
    body = WEEK1 + "        colour: red\n"
    assert small_page(tmp_path, body)[0] == [
        f"PAGE:{page_line(body, 'colour')}: WARNING: schedule field "
        "'sections[0].weeks[0].colour': unknown key 'colour'; expected one of: acknowledge, "
        "week, topic, lectures, materials, papers, projects [schedule.invalid]"]


def test_a_week_without_topic_keeps_its_lectures_and_warns_once(tmp_path: Path) -> None:
    body = WEEK1 + "      - week: 2\n        lectures:\n          - number: 2\n" \
                   "            title: Two\n      - week: 3\n        topic: Three\n" \
                   "        lectures:\n          - number: 3\n            title: Three\n"
    warnings, html = small_page(tmp_path, body)
    assert warnings == [f"PAGE:{page_line(body, 'week: 2')}: WARNING: schedule field "
                        "'sections[0].weeks[1].topic': required field is missing "
                        "[schedule.invalid]"]
    row = html.select("tr.schedule-week")[1]
    assert row.select_one("em.schedule-placeholder").get_text() == "(topic missing)"
    assert row.select_one("li.schedule-lecture").get_text(strip=True) == "Lecture 2: Two"


def test_a_left_out_lecture_sets_off_no_order_warning(tmp_path: Path) -> None:
    body = WEEK1 + "          - number: two\n            title: Two\n" \
                   "          - number: 3\n            title: Three\n"
    assert small_page(tmp_path, body)[0] == [
        f"PAGE:{page_line(body, 'number: two')}: WARNING: schedule field "
        "'sections[0].weeks[0].lectures[1].number': expected a lecture number such as 7 or "
        "a range such as '10-11' (first number not larger than the second) "
        "[schedule.invalid]"]


def test_a_holiday_on_a_week_with_lectures_is_reported(tmp_path: Path) -> None:
    body = textwrap.dedent("""\
        term:
          first_day: 2030-02-18
          weekday: Wed
          holidays: [2030-02-27, 2030-03-06]
        """) + WEEK1 + "      - week: 2\n        topic: Two\n        papers:\n" \
        "          - {number: 2-1, title: A paper}\n      - week: 3\n        topic: Break\n"
    assert small_page(tmp_path, body)[0] == [
        f"PAGE:{page_line(body, 'week: 2')}: WARNING: Week 2's class day 2030-02-27 is a "
        "holiday (term.holidays) but the week still has papers; move them to another week, "
        "or remove the holiday [schedule.holiday-class]"]


def test_a_title_with_a_file_ending_is_reported_at_its_title(tmp_path: Path) -> None:
    body = WEEK1.replace("title: One", "title: One.pdf")
    assert small_page(tmp_path, body)[0] == [
        f"PAGE:{page_line(body, 'One.pdf')}: WARNING: title 'One.pdf' ends in '.pdf', like a "
        "file name; remove the ending [schedule.title-file-name]"]


def test_slides_are_local_per_year_folder(tmp_path: Path) -> None:
    """Only the year whose folder is here is linked relatively and checked."""
    body = WEEK1.replace("title: One", "title: One\n            slides: files/ppt/2030/1.pdf"
                         ) + "          - number: 2\n            title: Two\n" \
        "            slides: files/ppt/2029/2.pdf\n" \
        "            acknowledge: {slides-other-year: \"last year's file, on purpose\"}\n"
    folder = tmp_path / "src" / "files" / "ppt" / "2030"
    folder.mkdir(parents=True)
    (folder / "1.pdf").write_bytes(b"%PDF-1.4\n")
    warnings, html = small_page(tmp_path, body)
    assert warnings == []
    hrefs = [a["href"] for a in html.select("a.schedule-slides")]
    assert hrefs == ["../../files/ppt/2030/1.pdf",
                     "https://deep-generative-models.github.io/files/ppt/2029/2.pdf"]
