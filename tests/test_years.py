"""The ``{year-switcher}`` lists every term page (a page with a schedule), newest first."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences


def _switcher(outdir: Path, page: str) -> list[Tag]:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    switchers = soup.select("div.year-switcher")
    assert len(switchers) == 1, page
    return switchers[0].select("ul.year-switcher-years > li")


def _years(items: list[Tag]) -> list[tuple[str, str | None]]:
    """(year shown, href or None) of each entry."""
    return [(li.p.find(string=True).strip(), li.a["href"] if li.a else None) for li in items]


@pytest.mark.sphinx("html", testroot="year-switcher")
def test_year_page_links_other_years_newest_first(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    items = _switcher(app.outdir, "years/2030/index.html")
    assert _years(items) == [("2031", "../2031/index.html"), ("2030", None),
                             ("2029", "../2029/index.html"), ("2028", "../2028/index.html"),
                             ("2027", "../2027/index.html")]
    current = items[1]
    assert "year-switcher-current" in current["class"]
    assert current.strong.get_text() == "2030"
    assert "this page" in current.get_text()


@pytest.mark.sphinx("html", testroot="year-switcher")
def test_restructuredtext_page_and_landing_page(app: SphinxTestApp) -> None:
    app.build()
    assert _years(_switcher(app.outdir, "years/2031/index.html"))[:2] == [
        ("2031", None), ("2030", "../2030/index.html")]
    landing = _years(_switcher(app.outdir, "index.html"))
    assert landing == [(str(y), f"years/{y}/index.html") for y in range(2031, 2026, -1)]


@pytest.mark.parametrize("parallel", [1, 2])
def test_adding_a_year_updates_every_switcher(
        make_app: Callable[..., SphinxTestApp], rootdir: Path, tmp_path: Path,
        parallel: int) -> None:
    """Incremental builds, serial and parallel (which merges the env from workers)."""
    srcdir = tmp_path / "site"
    shutil.copytree(rootdir / "test-year-switcher", srcdir)
    first = make_app("html", srcdir=srcdir, parallel=parallel)
    first.build()
    first.cleanup()  # unregister its nodes before the next app in this process
    assert "2032" not in (first.outdir / "years/2030/index.html").read_text(encoding="utf-8")

    new = srcdir / "years" / "2032" / "index.md"
    new.parent.mkdir()
    new.write_text("# Spring 2032\n\n```{year-switcher}\n```\n\n```{schedule}\nsections:\n"
                   "  - title: Lectures\n    weeks:\n      - week: 1\n        topic: Start\n```\n",
                   encoding="utf-8")
    second = make_app("html", srcdir=srcdir, parallel=parallel)
    second.build()  # incremental: only the new page changed on disk
    second.cleanup()
    assert second.warning.getvalue() == ""
    for page in ("years/2030/index.html", "years/2027/index.html", "index.html"):
        assert _years(_switcher(second.outdir, page))[0][0] == "2032", page

    new.unlink()
    new.parent.rmdir()
    third = make_app("html", srcdir=srcdir, parallel=parallel)
    third.build()
    assert [y for y, _ in _years(_switcher(third.outdir, "years/2030/index.html"))] == [
        "2031", "2030", "2029", "2028", "2027"]


def test_term_pages_are_found_wherever_they_are_and_examples_are_not(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    """Term pages are the pages with a schedule, under any folder; ``:example:`` is none."""
    schedule = ("```{{schedule}}\n{option}year: {year}\nsections:\n  - title: Labs\n"
                "    weeks:\n      - week: 1\n        topic: Start\n```\n")
    pages = {"index.md": "# Home\n\n```{year-switcher}\n```\n\n```{toctree}\n:glob:\n\n*/*\n```\n",
             "terms/fall-2040.md": "# Fall 2040\n\n" + schedule.format(option="", year=2040),
             "terms/spring-2041.md": "# Spring 2041\n\n" + schedule.format(option="", year=2041),
             "guide/demo.md": "# Demo\n\n" + schedule.format(option=":example:\n", year=2050)}
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_course_schedule"]\n',
                                      encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert app.warning.getvalue() == ""
    assert _years(_switcher(app.outdir, "index.html")) == [
        ("2041", "terms/spring-2041.html"), ("2040", "terms/fall-2040.html")]


def _two_terms_of_one_year(root: Path) -> Path:
    """A course taught twice in 2040: spring and fall pages, each with its dates."""
    schedule = ("```{{schedule}}\nyear: 2040\nterm:\n  name: {name}\n"
                "  first_day: {first}\n  weekday: Mon\nsections:\n  - title: Labs\n"
                "    weeks:\n      - week: 1\n        topic: Start\n```\n")
    pages = {"index.md": "# Robotics\n\n```{newest-year}\n```\n\n```{year-switcher}\n```\n"
                         "\n```{toctree}\n:glob:\n\nterms/*\n```\n",
             # named so that the page order and the term order disagree
             "terms/a-fall.md": "# Robotics, Fall 2040\n\n"
                                + schedule.format(name="Fall 2040", first="2040-09-03"),
             "terms/b-spring.md": "# Robotics, Spring 2040\n\n"
                                  + schedule.format(name="Spring 2040", first="2040-02-06")}
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "conf.py").write_text('extensions = ["myst_parser", "sphinx_course_schedule"]\n',
                                  encoding="utf-8")
    return root


def test_two_terms_of_one_year_are_told_apart_and_the_later_is_newest(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    """A course taught in spring and in fall: the switcher names each term (not "2040"
    twice) and the landing page's card presents the fall term, the later one."""
    app = make_app("html", srcdir=_two_terms_of_one_year(tmp_path))
    app.build()
    assert app.warning.getvalue() == ""
    assert _years(_switcher(app.outdir, "index.html")) == [
        ("Robotics, Fall 2040", "terms/a-fall.html"),
        ("Robotics, Spring 2040", "terms/b-spring.html")]
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    card = soup.select_one(".newest-year a")
    assert card is not None and card["href"] == "terms/a-fall.html"
    assert card.get_text() == "Robotics, Fall 2040: this year's course"


def test_the_newest_terms_card_is_in_the_builds_language(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    app = make_app("html", srcdir=_two_terms_of_one_year(tmp_path),
                   confoverrides={"language": "zh_CN"})
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    card = soup.select_one(".newest-year a")
    assert card is not None and card.get_text() == "Robotics, Fall 2040：本年度的课程"


def test_no_term_page_is_a_warning_not_an_empty_switcher(
        make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Home\n\n```{year-switcher}\n```\n\n"
                                       "```{newest-year}\nText.\n```\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_course_schedule"]\n',
                                      encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    assert [line.split("WARNING: ", 1)[1] for line in lines] == [
        f"{{{name}}} has nothing to show: no page has a schedule with a year (give a term "
        "page's schedule 'year:', or put it in a <yyyy> folder) [schedule.no-term-pages]"
        for name in ("newest-year", "year-switcher")]
    assert all(line.startswith(f"{tmp_path / 'index.md'}:") for line in lines)
    assert "year-switcher" not in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="year-switcher")
def test_printed_output_leaves_the_switcher_out(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Text of 2030." in tex and "Course years" not in tex
