"""Smaller findings of the third hostile round, each seen the way a reader or staff sees it.

A block starting with YAML's ``---`` (MyST reads it as options: the schedule vanished
without a word), a 60,000-character key quoted whole in a warning, full-width and
Arabic-Indic digits taken for a year folder, and one-page HTML with every year's
``week-1`` id and links carrying two fragments.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

ENV = {"PYTHONPATH": str(REPO)}
CONF = ('project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\nschedule_slides_dir = "files/ppt/{year}"\nexclude_patterns = ["_build"]\n'
        'html_baseurl = "https://example.org/"\n')


def block(year: int, topic: str = "Topic") -> str:
    return (f"```{{schedule}}\nyear: {year}\nterm:\n  name: T\n  first_day: {year}-02-20\n"
            f"  weekday: Fri\nsections:\n  - title: F\n    weeks:\n      - week: 1\n"
            f"        topic: {topic}\n        lectures:\n          - {{number: 1, title: L}}\n"
            "```\n\n")


def project(root: Path, pages: dict[str, str]) -> Path:
    srcdir = root / "src"
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# P\n\n```{year-switcher}\n```\n\n```{toctree}\n:glob:\n\n*\nyears/*/index\n```\n",
        encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def ours(warnings: str, srcdir: Path) -> list[str]:
    return [line.replace(f"{srcdir}/", "") for line in warnings.splitlines()
            if "[schedule." in line]


def test_a_block_starting_with_the_yaml_marker_is_reported(tmp_path: Path) -> None:
    text = block(2030).replace("```{schedule}\n", "```{schedule}\n---\n")
    srcdir = project(tmp_path, {"marker.md": "# Marker\n\n" + text})
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert ours(build.warnings, srcdir) == [
        "marker.md:4: WARNING: the schedule starts with the YAML document marker '---', which "
        "MyST reads as the start of the directive's options, so the schedule was not read; "
        "remove the '---' line [schedule.yaml]"]


def test_a_huge_key_is_quoted_in_part(tmp_path: Path) -> None:
    key = "k" * 60_000
    # an explicit key ("? "), which YAML allows longer than 1024 characters
    text = block(2030).replace("        topic: Topic\n",
                               f"        topic: Topic\n        ? {key}\n        : 1\n")
    srcdir = project(tmp_path, {"key.md": "# Key\n\n" + text})
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    found = ours(build.warnings, srcdir)
    assert len(found) == 1 and found[0].startswith("key.md:14: WARNING: schedule field "), found
    assert len(found[0]) < 1200 and "characters left out" in found[0], found[0][:300]
    assert found[0].endswith("[schedule.invalid]")


def test_only_ascii_digits_make_a_year_folder(tmp_path: Path) -> None:
    srcdir = project(tmp_path, {"years/2030/index.md": "# Spring 2030\n\n" + block(2030),
                                "years/２０３０/index.md": "# Wide\n",
                                "years/٢٠٣٠/index.md": "# Arabic-Indic\n"})
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0, build.warnings
    soup = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    switcher = soup.select_one(".year-switcher, nav.year-switcher, [class*=year-switcher]")
    assert switcher is not None
    assert switcher.get_text().count("2030") == 1, switcher


@pytest.mark.parametrize("builder", ["singlehtml"])
def test_one_page_html_has_unique_ids_and_one_fragment_per_link(
        tmp_path: Path, builder: str) -> None:
    pages = {f"years/{year}/index.md": f"# Spring {year}\n\n{block(year)}"
             f"See {{schedule:lecture}}`{4061 - year}:1`.\n" for year in (2030, 2031)}
    srcdir = project(tmp_path, pages)
    build = sphinx_build(srcdir, tmp_path / "out", builder, env=ENV)
    assert build.returncode == 0 and ours(build.warnings, srcdir) == [], build.warnings
    soup = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    hrefs = [a["href"] for a in soup.select("a[href]")]
    assert all(href.count("#") <= 1 for href in hrefs), [h for h in hrefs if h.count("#") > 1]
    # each year's role leads to the other year's week 1, each week strip to its own
    rows = [tr["id"] if tr.has_attr("id") else tr.find(id=True)["id"]
            for tr in soup.select("div.schedule tbody tr")]
    roles = [a["href"].lstrip("#") for a in soup.select("a.reference") if "Lecture 1" in a.text
             and "schedule" not in " ".join(a.get("class", []))]
    assert sorted(roles) == sorted(rows), (roles, rows)
    for year in (2030, 2031):
        calendar = (tmp_path / f"out/years/{year}/schedule-{year}.ics").read_text()
        urls = [line[4:] for line in calendar.splitlines() if line.startswith("URL:")]
        assert urls and all(urlsplit(url).fragment and url.count("#") == 1 for url in urls)


def test_the_term_line_is_a_message_of_its_own(tmp_path: Path) -> None:
    """``make gettext`` extracts the ``{term}`` line's own words (the term's name and its
    place) at the ``term:`` block's line; a translated build shows the page's msgstr for
    them, with the weekday and times in the build's language."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).parent / "roots" / "test-i18n", root)
    page = root / "index.md"
    text = page.read_text(encoding="utf-8").replace(
        "**Spring 2026 - Wed 3:10-6:00 PM, Science Building**", "```{term}\n```").replace(
        "  weekday: Wed\n", "  weekday: Wed\n  location: Science Building\n")
    page.write_text(text, encoding="utf-8")
    with (root / "locales/zh_CN/LC_MESSAGES/index.po").open("a", encoding="utf-8") as po:
        po.write('\nmsgid "Science Building"\nmsgstr "理科楼"\n')
    env = {"SCHEDULE_REPO": str(REPO)}
    pot = sphinx_build(root, root / "_build" / "gettext", "gettext", env=env)
    term = next(number for number, line in enumerate(text.split("\n"), 1) if line == "term:")
    catalog = (pot.outdir / "index.pot").read_text(encoding="utf-8")
    assert f'#: ../../index.md:{term}\nmsgid "Science Building"' in catalog, catalog
    html = sphinx_build(root, root / "_build" / "html", "html", "-D", "language=zh_CN", env=env)
    assert html.returncode == 0 and "[schedule." not in html.warnings, html.warnings
    soup = BeautifulSoup((html.outdir / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    line = soup.select_one("p.schedule-term").get_text()
    assert "2026 年春季" in line and "理科楼" in line and "周三" in line, line
    assert "Science Building" not in line, line
