"""A term run by its staff, on pages as real as the site's: each with the ``{term}`` line.

Every year page has the ``{term}`` line above its schedule, so each mistake is made on
such a page and must give exactly one warning, at the line that holds the mistaken value
(never a second one from the ``{term}`` line).  The other tests build a term with weeks
that flow, a named holiday range and a make-up day, and check the rows and the calendar;
and a schedule that cannot be read shows an error box and leaves no stale downloads.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from sphinx_course_schedule.outputs.json_data import export_schema
from conftest import REPO, Build, sphinx_build

CONF = (f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "extensions = ['myst_parser', 'sphinx_course_schedule']\nschedule_slides_dir = 'files/ppt/{year}'\nexclude_patterns = ['_build']\n"
        "html_baseurl = 'https://example.org/'\n")
HEAD = "# Spring 2030\n\n```{term}\n```\n\n```{schedule}\n"
FIRST_LINE = HEAD.count("\n") + 1
"""The page line of the schedule body's first line."""
SLIDES = "Lecture 1 Intro.pdf"

TERM = f"""\
term:
  name: Spring 2030
  first_day: 2030-02-18
  weekday: Wed
  start: "15:10"
  end: "18:00"
  location: Room 1
  holidays: [2030-04-03]
sections:
  - title: Fundamentals
    weeks:
      - week: 1
        topic: Intro
        lectures:
          - number: 1
            title: One
            slides: files/ppt/2030/{SLIDES}
"""


def term_site(tmp_path: Path, body: str, slides: tuple[str, ...] = (SLIDES,)) -> Path:
    """A project with one year page: the ``{term}`` line, then the schedule ``body``."""
    src = tmp_path / "src"
    folder = src / "files" / "ppt" / "2030"
    folder.mkdir(parents=True)
    for name in slides:
        (folder / name).write_bytes(b"%PDF-1.4\n")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nyears/2030/index\n```\n",
                                  encoding="utf-8")
    (src / "years" / "2030").mkdir(parents=True)
    write_page(src, body)
    return src


def write_page(src: Path, body: str) -> None:
    (src / "years" / "2030" / "index.md").write_text(HEAD + body + "```\n", encoding="utf-8")


def warnings(build: Build, src: Path) -> list[str]:
    page = str(src / "years" / "2030" / "index.md")
    return [line.replace(page, "PAGE") for line in build.warnings.splitlines() if line]


def at(body: str, needle: str) -> int:
    """The page line of the body line holding ``needle``."""
    return next(i for i, line in enumerate(body.split("\n")) if needle in line) + FIRST_LINE


def page(build: Build) -> BeautifulSoup:
    return BeautifulSoup(build.page("years/2030/index.html"), "html.parser")


NFD = unicodedata.normalize("NFD", "Lecture 1 Intró.pdf")
NFC = unicodedata.normalize("NFC", "Lecture 1 Intró.pdf")

# (case id, the page's schedule, the line's needle, the warning after "PAGE:<line>: ",
# slide files in the local folder)
MISTAKES = [
    ("tab", TERM + "      - week: 2\n\ttopic: Tabbed\n", "\ttopic",
     "WARNING: invalid YAML: found character '\\t' that cannot start any token (while "
     "scanning for the next token); indent with spaces, not tabs [schedule.yaml]", None),
    ("indentation", TERM + "       - number: 2\n          title: Two\n", "- number: 2",
     "WARNING: invalid YAML: expected <block end>, but found '<block sequence start>' "
     "(while parsing a block collection); check this line's indentation against the lines "
     "above [schedule.yaml]", None),
    ("duplicate-key", TERM.replace("topic: Intro\n", "topic: Intro\n        topic: Again\n"),
     "topic: Again", "WARNING: duplicate key 'topic' [schedule.yaml]", None),
    ("first-day-slashes", TERM.replace("2030-02-18", "2030/02/18"), "first_day",
     "WARNING: schedule field 'term.first_day': expected a date YYYY-MM-DD in the years "
     "1900 to 2999; got '2030/02/18' [schedule.invalid]", None),
    ("start-pm", TERM.replace('"15:10"', "3:10 PM"), "start:",
     "WARNING: schedule field 'term.start': expected a local time such as '15:10', without "
     "a timezone (the term's timezone applies); times are on the 24-hour clock, so write "
     "\"15:10\" [schedule.invalid]", None),
    ("start-at-night", TERM.replace('"15:10"', '"3:10"'), "start:",
     "WARNING: term.start 03:10 is before 07:00; times are on the 24-hour clock, so did you "
     "mean \"15:10\"? [schedule.dates]", None),
    ("time-key", TERM.replace('  start: "15:10"\n  end: "18:00"\n', "  time: 15:10-18:00\n"),
     "time:", "WARNING: schedule field 'term.time': unknown key 'time'; give the time as "
     "'start' and 'end', each \"HH:MM\" (quoted), e.g. start: \"15:10\" and end: \"18:00\" "
     "[schedule.invalid]", None),
    ("holiday-outside", TERM.replace("holidays: [2030-04-03]", "holidays:\n    - 2030-04-03\n"
                                     "    - {date: 2031-01-01, name: New Year}"), "2031-01-01",
     "WARNING: holiday 2031-01-01 is outside the term's 16 weeks (2030-02-18 to 2030-06-09) "
     "[schedule.dates]", None),
    ("holiday-range-backwards", TERM.replace(
        "holidays: [2030-04-03]", "holidays:\n    - {from: 2030-05-05, to: 2030-05-01}"),
     "from:", "WARNING: schedule field 'term.holidays[0]': 'to' must not be before 'from' "
     "[schedule.invalid]", None),
    ("makeup-not-a-holiday", TERM.replace(
        "holidays: [2030-04-03]\n", "holidays: [2030-04-03]\n  makeup_days:\n"
        "    - date: 2030-04-06\n      replaces: 2030-04-04\n"), "replaces:",
     "WARNING: make-up day 2030-04-06 replaces 2030-04-04, which is not in term.holidays; "
     "add the holiday, or correct 'replaces' [schedule.dates]", None),
    ("url-without-scheme", TERM + "        papers:\n          - title: A paper\n"
     "            url: arxiv.org/abs/1\n", "url:",
     "WARNING: link 'arxiv.org/abs/1' looks like a web address without its scheme, which "
     "would be a page of this site; write 'https://arxiv.org/abs/1' (not rendered as a link) "
     "[schedule.link-target]", None),
    ("slides-scheme", TERM.replace(f"files/ppt/2030/{SLIDES}", "javascript:alert(1)"),
     "slides:", "WARNING: link 'javascript:alert(1)' uses the scheme 'javascript:'; expected "
     "http, https, mailto or a relative path (not rendered as a link) [schedule.link-scheme]",
     None),
    ("slides-normalisation", TERM.replace(SLIDES, NFD), "slides:",
     f"WARNING: slides 'files/ppt/2030/{NFD}': no such file in the local 'files/ppt/2030/' "
     f"folder; the file '{NFC}' looks the same but is written with other Unicode code points "
     "(NFC/NFD normalisation or a compatibility character); retype the name in the schedule "
     "or rename the file [schedule.slides-missing]", (NFC,)),
    ("slides-compatibility-ideograph", TERM.replace(SLIDES, "Lecture 1 \uf900.pdf"), "slides:",
     "WARNING: slides 'files/ppt/2030/Lecture 1 \uf900.pdf': no such file in the local "
     "'files/ppt/2030/' folder; the file 'Lecture 1 \u8c48.pdf' looks the same but is written "
     "with other Unicode code points (NFC/NFD normalisation or a compatibility character); "
     "retype the name in the schedule or rename the file [schedule.slides-missing]",
     ("Lecture 1 \u8c48.pdf",)),
    ("slides-case", TERM.replace(SLIDES, SLIDES.lower()), "slides:",
     f"WARNING: slides 'files/ppt/2030/{SLIDES.lower()}': no such file in the local "
     f"'files/ppt/2030/' folder; the file '{SLIDES}' differs only in upper and lower case, "
     "which the web server tells apart; write the name as the file has it "
     "[schedule.slides-missing]", None),
    ("slides-far-off", TERM.replace(SLIDES, "Zzz.pdf"), "slides:",
     "WARNING: slides 'files/ppt/2030/Zzz.pdf': no such file in the local 'files/ppt/2030/' "
     "folder; add the file or fix the path [schedule.slides-missing]", None),
    ("misspelt-key", TERM.replace("title: One", "tittle: One"), "tittle",
     "WARNING: schedule field 'sections[0].weeks[0].lectures[0].tittle': unknown key "
     "'tittle'; did you mean 'title'? [schedule.invalid]", None),
    ("no-sections", TERM.split("sections:")[0] + "section:\n  - title: F\n", "section:",
     "WARNING: schedule field 'section': unknown key 'section'; did you mean 'sections'? "
     "[schedule.invalid]", None),
    ("misspelt-required-key", TERM.replace("topic: Intro", "topc: Intro"), "topc",
     "WARNING: schedule field 'sections[0].weeks[0].topc': unknown key 'topc'; did you mean "
     "'topic'? [schedule.invalid]", None),
    ("key-in-capitals", TERM.replace("title: One", "Title: One"), "Title:",
     "WARNING: schedule field 'sections[0].weeks[0].lectures[0].Title': unknown key "
     "'Title'; keys are written in lower-case ASCII letters: 'title' [schedule.invalid]", None),
    ("term-not-a-mapping", "term: Spring\nsections:" + TERM.split("sections:")[1], "term:",
     "WARNING: schedule field 'term': Input should be a valid dictionary or instance of "
     "Term; got 'Spring' [schedule.invalid]", None),
]


@pytest.mark.parametrize(("body", "needle", "message", "slides"),
                         [case[1:] for case in MISTAKES], ids=[case[0] for case in MISTAKES])
def test_one_mistake_one_warning_at_its_line(tmp_path: Path, body: str, needle: str,
                                             message: str, slides: tuple[str, ...] | None
                                             ) -> None:
    src = term_site(tmp_path, body, slides or (SLIDES,))
    build = sphinx_build(src, tmp_path / "out")
    assert warnings(build, src) == [f"PAGE:{at(body, needle)}: {message}"]
    html = page(build)
    if "[schedule.yaml]" in message or needle == "section:":  # unreadable: the box only
        assert html.select_one(".schedule-error") and not html.select("p.schedule-term")
    elif not body.startswith("term: Spring"):  # the term stays, whatever field was wrong
        assert html.select_one("p.schedule-term").get_text().startswith("Spring 2030 - Wed")
        assert html.select("tr.schedule-week")


FLOW = """\
term:
  name: Spring 2030
  first_day: 2030-02-18
  weekday: Wed
  start: "15:10"
  end: "18:00"
  timezone: Asia/Shanghai
  location: Room 1
  holidays:
    - 2030-02-27
    - {from: 2030-03-04, to: 2030-03-08, name: Spring Break}
    - {date: 2030-04-03, name: Qingming}
  makeup_days:
    - {date: 2030-03-02, replaces: 2030-02-27}
sections:
  - title: Fundamentals
    weeks:
      - topic: Introduction
        lectures:
          - {number: 1, title: Intro}
      - topic: Autoencoders
        lectures:
          - {number: 2, title: VAE}
      - topic: Guests
        lectures:
          - {title: Diffusion in practice, speaker: Ada Lovelace}
  - title: Practices
    weeks:
      - week: 6
        topic: Paper Reading
        papers:
          - {number: 6-1, title: A paper, url: "https://arxiv.org/abs/1312.6114"}
      - topic: Projects
"""


def test_weeks_flow_around_named_holidays_and_a_make_up_day(tmp_path: Path) -> None:
    src = term_site(tmp_path, FLOW)
    build = sphinx_build(src, tmp_path / "out", "html", "-W")
    assert warnings(build, src) == []
    html = page(build)
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")]
            for row in html.select("tr.schedule-week")]
    assert rows == [
        ["Week 1 Wed, Feb 20", "Introduction", "Lecture 1: Intro"],
        ["Week 2 Sat, Mar 2", "Autoencoders", "Lecture 2: VAE"],  # made up on Saturday
        ["Week 3 Wed, Mar 6 no class: Spring Break", "Spring Break", ""],
        ["Week 4 Wed, Mar 13", "Guests", "Diffusion in practice (Ada Lovelace)"],
        ["Week 6 Wed, Mar 27", "Paper Reading", "6-1 A paper"],
        ["Week 7 Wed, Apr 3 no class: Qingming", "Qingming", ""],
        ["Week 8 Wed, Apr 10", "Projects", ""]]
    paper = html.select_one("li.schedule-paper a")
    assert (paper.get_text(), paper["href"]) == ("A paper", "https://arxiv.org/abs/1312.6114")
    assert html.select_one("p.schedule-term").get_text() == (
        "Spring 2030 - Wed 3:10-6:00 PM, Room 1")

    calendar = Calendar.from_ical((build.outdir / "years/2030/schedule-2030.ics").read_bytes())
    events = [(str(event["SUMMARY"]), event.decoded("DTSTART").isoformat(),
               str(event.get("DESCRIPTION", ""))) for event in calendar.walk("VEVENT")]
    assert events == [
        ("Introduction", "2030-02-20T15:10:00+08:00", "Lecture 1: Intro"),
        ("Autoencoders", "2030-03-02T15:10:00+08:00", "Lecture 2: VAE"),
        ("Guests", "2030-03-13T15:10:00+08:00", "Diffusion in practice (Ada Lovelace)"),
        ("Paper Reading", "2030-03-27T15:10:00+08:00", "Paper: 6-1 A paper"),
        ("Projects", "2030-04-10T15:10:00+08:00", "")]

    export = json.loads((build.outdir / "years/2030/schedule-2030.json").read_text("utf-8"))
    written = [(week["week"], week["topic"]) for section in export["schedule"]["sections"]
               for week in section["weeks"]]
    assert written == [(1, "Introduction"), (2, "Autoencoders"), (4, "Guests"),
                       (6, "Paper Reading"), (8, "Projects")]  # as staff wrote them
    lecture = export["schedule"]["sections"][0]["weeks"][2]["lectures"][0]
    assert lecture == {"acknowledge": {}, "title": "Diffusion in practice",
                       "speaker": "Ada Lovelace", "slides": None}
    assert export["schedule"]["term"]["holidays"][1] == {
        "from": "2030-03-04", "to": "2030-03-08", "name": "Spring Break"}
    # the file, and the schedule in it, are what the published schemas describe
    jsonschema.validate(export, export_schema())
    published = json.loads((REPO / "_static" / "schedule.schema.json").read_text("utf-8"))
    jsonschema.validate(export["schedule"], published)
    cancelled = [(week["week"], week["meeting"], week["holiday"])
                 for week in export["weeks"] if week["cancelled"]]
    assert cancelled == [(3, "2030-03-06", "Spring Break"), (7, "2030-04-03", "Qingming")]


def test_an_unreadable_schedule_shows_an_error_box_and_no_stale_downloads(
        tmp_path: Path) -> None:
    src = term_site(tmp_path, FLOW)
    out = tmp_path / "out"
    assert sphinx_build(src, out).warnings == ""
    files = sorted(path.name for path in (out / "years" / "2030").glob("schedule-*"))
    assert files == ["schedule-2030.ics", "schedule-2030.json"]

    broken = FLOW.replace("      - topic: Projects\n", "      - topic: Projects\n\tweek: 9\n")
    write_page(src, broken)
    build = sphinx_build(src, out)  # as make live builds: no -W
    line = at(broken, "\tweek")
    message = ("invalid YAML: found character '\\t' that cannot start any token (while "
               "scanning for the next token); indent with spaces, not tabs")
    assert warnings(build, src) == [f"PAGE:{line}: WARNING: {message} [schedule.yaml]"]
    box = page(build).select_one(".schedule-error")
    assert [p.get_text() for p in box.select("p")][-2:] == [
        "This schedule could not be read, so its tables are not shown:",
        f"years/2030/index.md:{line}: {message}"]
    assert not list((out / "years" / "2030").glob("schedule-*"))
    assert "Download this schedule" not in page(build).get_text()


def test_the_handbooks_second_toctree_is_not_reported(tmp_path: Path) -> None:
    """The years listed by the landing page and the PDF handbook's root: no message on
    every build; a page listed twice on the web is still reported."""
    src = term_site(tmp_path, TERM)
    (src / "conf.py").write_text(CONF + "latex_documents = [('handbook', 'h.tex', 'H', 'A', "
                                 "'manual')]\n", encoding="utf-8")
    (src / "handbook.md").write_text("---\norphan: true\n---\n\n# Handbook\n\n```{toctree}\n"
                                     "years/2030/index\n```\n", encoding="utf-8")

    def messages() -> list[str]:
        run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-E", str(src),
                              str(tmp_path / "out")], capture_output=True, text=True,
                             check=True)
        return [line for line in (run.stdout + run.stderr).splitlines()
                if "multiple toctrees" in line]

    assert messages() == []
    (src / "other.md").write_text("# Other\n\n```{toctree}\nyears/2030/index\n```\n",
                                  encoding="utf-8")
    (src / "index.md").write_text("# Home\n\n```{toctree}\nyears/2030/index\nother\n```\n",
                                  encoding="utf-8")
    found = messages()
    assert len(found) == 1 and "['handbook', 'index', 'other']" in found[0], found
