"""Lectures, paper readings and projects as objects of the ``schedule`` domain.

Built from ``tests/roots/test-schedule-roles`` (two year pages and a page of links), once
serially and once with two processes, because the objects come from domain data that
``merge_domaindata`` has to carry across a parallel read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, sphinx_build

ROOT = Path(__file__).parent / "roots" / "test-schedule-roles"


@pytest.fixture(scope="module", params=["serial", "parallel"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    extra = ("-j", "2") if request.param == "parallel" else ()
    return sphinx_build(ROOT, tmp_path_factory.mktemp(request.param) / "html", "html", *extra)


def _links(build: Build) -> dict[str, tuple[str, str]]:
    soup = BeautifulSoup(build.page("links.html"), "html.parser")
    article = soup.find("article") or soup
    return {a.get_text(): (a["href"], a.get("title", ""))
            for a in article.select("p a.reference.internal")}


def test_roles_link_the_row_of_the_week(built: Build) -> None:
    links = _links(built)
    assert links["Lecture 8: Variational Autoencoder (2022, week 3)"] == (
        "years/2022/index.html#week-3", "Lecture 8: Variational Autoencoder (2022, week 3)")
    # an explicit title keeps its text; the same number in another year is another lecture
    assert links["the PixelCNN lecture"][0] == "years/2020/index.html#week-2"
    assert links["11-1 Glow Generative Flow (2022, week 11)"][0] == (
        "years/2022/index.html#week-11")
    assert links["15-1 Chatbot with a CVAE (2022, week 15)"][0] == (
        "years/2022/index.html#week-15")
    # and the anchors exist on the year page
    year = BeautifulSoup(built.page("years/2022/index.html"), "html.parser")
    assert year.find(id="week-3") is not None and year.find(id="week-15") is not None


def test_unknown_lecture_is_a_warning_at_its_line(built: Build) -> None:
    lines = [line for line in built.warnings.splitlines() if "WARNING" in line]
    expected = (f"{ROOT / 'links.md'}:7: WARNING: schedule:lecture reference target "
                "not found: 2022:99 [ref.lecture]")
    assert lines == [expected], built.warnings


def _search_index(build: Build) -> dict:
    text = (build.outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)\s*", text, re.DOTALL)[1])


def test_search_index_lists_each_item_with_year_week_and_row(built: Build) -> None:
    index = _search_index(built)
    docnames = index["docnames"]
    kinds = {int(number): name[1] for number, name in index["objnames"].items()}
    found = {(name, kinds[kind], docnames[doc], anchor)
             for prefix, entries in index["objects"].items()
             for doc, kind, _prio, anchor, name in entries if not prefix}
    assert found == {
        ("Lecture 1-6: Introduction (2022, week 1)", "lecture", "years/2022/index", "week-1"),
        ("Lecture 7: From Autoencoder to VAE (2022, week 3)", "lecture", "years/2022/index",
         "week-3"),
        ("Lecture 8: Variational Autoencoder (2022, week 3)", "lecture", "years/2022/index",
         "week-3"),
        ("Lecture 8: PixelCNN (2020, week 2)", "lecture", "years/2020/index", "week-2"),
        ("11-1 Glow Generative Flow (2022, week 11)", "paper", "years/2022/index", "week-11"),
        ("15-1 Chatbot with a CVAE (2022, week 15)", "project", "years/2022/index",
         "week-15"),
    }  # and nothing else: the role keys ("2022:8") are for links, not search results
