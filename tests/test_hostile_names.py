"""Page names of any spelling give unique, stable calendar UIDs and valid URLs.

UIDs used a slug of the page name, so ``a-b`` and ``a_b`` met, ``日程`` and ``课表`` both
became ``schedule``, and two dated blocks of one page shared every UID: calendar apps
then merge or drop events.  Page addresses went into the calendar and JSON unencoded,
so a space or a Chinese page name made an invalid URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

icalendar = pytest.importorskip("icalendar")

ENV = {"PYTHONPATH": str(REPO)}
CONF = ('project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\nexclude_patterns = ["_build"]\n'
        'html_baseurl = "https://example.org/site"\n')


def block(topic: str) -> str:
    return ("```{schedule}\nyear: 2030\nterm:\n  name: T\n  first_day: 2030-02-20\n"
            "  weekday: Wed\nsections:\n  - title: F\n    weeks:\n      - week: 1\n"
            f"        topic: {topic}\n      - week: 2\n        topic: {topic} two\n```\n\n")


PAGES = {
    "a-b.md": block("a-b"), "a_b.md": block("a_b"), "日程.md": block("ri cheng"),
    "课表.md": block("ke biao"), "with space.md": block("space"),
    "two.md": block("first block") + block("second block"),
    "years/2030/index.md": block("year page"),
}


def project(root: Path) -> Path:
    srcdir = root / "src"
    (srcdir / "years" / "2030").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# P\n\n```{toctree}\n:glob:\n\n*\nyears/*/*\n```\n",
                                     encoding="utf-8")
    for name, text in PAGES.items():
        (srcdir / name).write_text(f"# {name}\n\n{text}", encoding="utf-8")
    return srcdir


def events(outdir: Path) -> dict[str, list[tuple[str, str]]]:
    """(UID, URL) of every event, by calendar file."""
    return {path.relative_to(outdir).as_posix(): [
        (str(event["uid"]), str(event["url"]))
        for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
        for path in sorted(outdir.rglob("*.ics"))}


def valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return (url.isascii() and " " not in url and url.count("#") <= 1
            and parts.scheme == "https" and parts.netloc == "example.org")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_uids_are_unique_and_stable_and_urls_valid(tmp_path: Path, builder: str) -> None:
    builds = []
    for name in ("one", "two"):
        srcdir = project(tmp_path / name)
        build = sphinx_build(srcdir, tmp_path / name / "out", builder, env=ENV)
        assert build.returncode == 0 and "[schedule." not in build.warnings, build.warnings
        builds.append(events(build.outdir))
    assert builds[0] == builds[1]  # the same sources give the same UIDs
    found = builds[0]
    assert len(found) == 8, sorted(found)  # every block of every page has its calendar
    uids = [uid for calendar in found.values() for uid, _ in calendar]
    assert len(uids) == 16 and len(set(uids)) == 16, uids
    # the name subscribed calendars know for a year page is kept
    assert found["years/2030/schedule-2030.ics"][0][0] == \
        "2030-week-1-20300220-years-2030-index@probe"
    for calendar in found.values():
        for _, url in calendar:
            assert valid_url(url), url
    out = tmp_path / "one" / "out"
    for data in out.rglob("*.json"):
        if ".doctrees" not in data.parts and data.name != "searchindex.json":
            document = json.loads(data.read_text(encoding="utf-8"))
            assert valid_url(document["url"]), document["url"]
    page = "日程.html" if builder == "html" else "日程/index.html"
    soup = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("a.schedule-download")]
    assert hrefs and all(href.isascii() and "%E6%97%A5" in href for href in hrefs), hrefs
    assert all((out / page).parent.joinpath(href.replace("%E6%97%A5%E7%A8%8B", "日程"))
               .resolve().is_file() for href in hrefs), hrefs


FORGE = ("```{schedule}\nyear: 2030\nsections:\n  - title: F\n    weeks:\n      - week: 1\n"
         "        topic: T\n        lectures:\n"
         '          - {number: 1, title: "x std:doc 1 //evil.example/phish y"}\n'
         '          - {number: 2, title: "Part 2 of GANs"}\n        papers:\n'
         '          - {number: "a std:label 0 //evil.example/x", title: P}\n```\n')


def test_a_title_cannot_forge_an_inventory_entry(tmp_path: Path) -> None:
    """objects.inv read back by Sphinx's own parser (what intersphinx does) holds only
    our objects, each at its page; the search still finds the title."""
    from sphinx.util.inventory import InventoryFile

    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# P\n\n" + FORGE, encoding="utf-8")
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0, build.warnings
    raw = (tmp_path / "out" / "objects.inv").read_bytes()
    inventory = InventoryFile.loads(raw, uri="https://example.org/")
    entries = {(kind, name, item.uri) for kind, items in inventory.data.items()
               for name, item in items.items()}
    assert not [entry for entry in entries if "evil.example" in entry[2]], entries
    assert {kind for kind, _, _ in entries if kind.startswith("schedule:")} == {
        "schedule:lecture", "schedule:paper"}
    schedule = [entry for entry in entries if entry[0].startswith("schedule:")]
    assert len(schedule) == 6 and all(uri == "https://example.org/index.html#week-1"
                                      for _, _, uri in schedule), schedule
    assert {(kind, name) for kind, name, _ in entries if not kind.startswith("schedule:")} \
        <= {("std:doc", "index"), ("std:label", "genindex"), ("std:label", "search"),
            ("std:label", "modindex"), ("std:label", "py-modindex")}
    search = (tmp_path / "out" / "searchindex.js").read_text(encoding="utf-8")
    # (the search splits a display name at its last ".", as for Python objects)
    assert '"Lecture 1: x std:doc 1 //evil":[[0,0,1,"week-1","example/phish y (2030, week 1)"]]' \
        in search
