"""``tools.migrate``: what it makes of the legacy pages, and that nothing of them is lost.

The expected migration of each legacy page, and the warnings it prints, are kept in
``tests/expected/migrate/`` (``<year>.md``, ``<year>.warnings``), so a change in the tool
shows as a diff there.  The year pages under ``years/`` started as that output and are
edited like any page since; the built-site tests below check that every legacy link and
title still reaches them.  After a deliberate change to the tool, rewrite the expected
files with ``UPDATE_EXPECTED=1 python -m pytest tests/test_migrate.py -k expected`` and
review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import legacy_page as legacy
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import LEGACY, REPO, Build, sphinx_build
from sphinx.util.images import get_image_size

from tools.migrate import migrate

EXPECTED = Path(__file__).parent / "expected" / "migrate"

# The banners the site ships are optimised copies of the legacy ones (tools/banners.py)
_BANNERS = (("water-top-small-min.png", "water-top.jpg"),
            ("water-bottom-min.png", "water-bottom.jpg"))


@pytest.mark.parametrize("year", sorted(legacy.PAGES))
def test_migration_of_each_legacy_page_is_the_expected_output(year: int,
                                                              tmp_path: Path) -> None:
    source = legacy.page_path(year)
    result = migrate(source, year, tmp_path)
    text = (tmp_path / "years" / str(year) / "index.md").read_text(encoding="utf-8")
    # the warnings name the page as given; the expectation names it by its file name only
    warnings = "".join(warning.replace(str(source), source.name, 1) + "\n"
                       for warning in result.report.warnings)
    page, printed = EXPECTED / f"{year}.md", EXPECTED / f"{year}.warnings"
    if os.environ.get("UPDATE_EXPECTED"):
        page.write_text(text, encoding="utf-8")
        printed.write_text(warnings, encoding="utf-8")
        pytest.skip(f"rewrote {page.name} and {printed.name}: review the diff")
    assert text == page.read_text(encoding="utf-8")
    assert warnings == printed.read_text(encoding="utf-8")


@pytest.mark.skipif(not LEGACY.is_dir(), reason="the original legacy site is not next to "
                    "the repository (tests use the copies in tests/legacy/)")
@pytest.mark.parametrize("year", sorted(legacy.PAGES))
def test_copies_match_the_legacy_site_and_banners_are_copied(year: int,
                                                             tmp_path: Path) -> None:
    name = legacy.PAGES[year]
    assert (LEGACY / name).read_bytes() == legacy.page_path(year).read_bytes()
    migrate(LEGACY / name, year, tmp_path)
    copied = sorted(tmp_path.joinpath("_static").iterdir())
    assert [image.name for image in copied] == ["water-bottom-min.png",
                                                "water-top-small-min.png"]
    # the site ships optimised copies (tools/banners.py), not the legacy originals
    for legacy_name, name in _BANNERS:
        original = get_image_size(tmp_path / "_static" / legacy_name)
        optimised = get_image_size(REPO / "_static" / name)
        assert original is not None and optimised is not None
        assert abs(optimised[0] / optimised[1] - original[0] / original[1]) < 0.05
        assert not (REPO / "_static" / legacy_name).exists()


# ---------------------------------------------------------------- the built site



def _week_cells(soup: BeautifulSoup) -> dict[int, Tag]:
    """The lectures-and-materials cell of each week row."""
    cells = {}
    for row in soup.select("tr.schedule-week"):
        week = int(row.th.get_text(" ", strip=True).split()[1])
        cells[week] = row.select("td")[-1]
    return cells


def _cell_text(cell: Tag) -> str:
    """The cell's entries as text, without what the legacy cell did not say in words: the
    "PDF"/"PPTX" badges of download links and 2020's presenters (from its file names)."""
    for added in cell.select("span.schedule-filetype, span.schedule-presenters"):
        added.decompose()
    return legacy.normalize(" ".join(li.get_text(" ", strip=True)
                                     for li in cell.select("li")))


def _href_matches(href: str, url: str) -> bool:
    """A legacy site path may now be absolute, relative or under a fixed folder; a GitHub
    Pages address is linked over https."""
    href, url = unquote(href), unquote(legacy.served(url))
    return href == url or href.endswith("/" + url) or href.endswith(":" + url)


@pytest.mark.parametrize("year", sorted(legacy.PAGES))
def test_every_legacy_url_is_linked_on_the_built_page(site_html: Build, year: int) -> None:
    soup = site_html.year_page(year)
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    sources = [img["src"] for img in soup.find_all("img", src=True)]
    for url in legacy.all_urls(year):
        if url.startswith("index") and url.endswith(".markdown"):  # the old year list
            other = url.removeprefix("index").removesuffix(".markdown") or "2022"
            assert f"../{other}/index.html" in hrefs, url
        elif url.startswith("files/web/"):  # banners: optimised copies in _static
            name = dict(_BANNERS)[
                url.rsplit("/", 1)[1]]
            assert any(src.endswith("/" + name) for src in sources), url
        else:
            assert any(_href_matches(h, url) for h in hrefs + sources), url


@pytest.mark.parametrize("year", sorted(legacy.PAGES))
def test_every_legacy_entry_title_is_on_the_built_page(site_html: Build, year: int) -> None:
    cells = _week_cells(site_html.year_page(year))
    rows = legacy.rows(year)
    assert sorted(cells) == [row.week for row in rows]
    for row in rows:
        shown = _cell_text(cells[row.week])
        # two 2022 titles kept their slides file's ".pdf" ending; it is removed on purpose
        # in years/2022 (reported by the title-file-name check)
        fragments = [re.sub(r"\.pdf$", "", legacy.normalize(f)) if year == 2022 and
                     "Discreteness" in f else legacy.normalize(f) for f in row.fragments]
        for fragment in fragments:
            # "ICLR2021: Title" is shown as "Title, ICLR2021": the title must be there
            without_venue = fragment.split(" ", 1)[-1]
            assert fragment in shown or without_venue in shown, (row.week, fragment)
        # nothing lost and nothing invented: the same words, in any order
        assert Counter(shown.split()) == Counter(" ".join(fragments).split()), row.week


@pytest.mark.parametrize("year", sorted(legacy.PAGES))
def test_staff_and_books_of_the_legacy_page_are_linked(site_html: Build, year: int) -> None:
    soup = site_html.year_page(year)
    links = {(a.get_text(" ", strip=True), a["href"]) for a in soup.find_all("a", href=True)}
    for name, url in legacy.staff(year):
        assert any(text == name and _href_matches(href, url) for text, href in links), name
    for book, cover, _width in legacy.books(year):
        found = soup.select_one(
            f'a[href="{legacy.served(book)}"] img[src="{legacy.served(cover)}"]')
        assert found is not None, book


# ---------------------------------------------------------------- nothing is dropped


SYNTHETIC = textwrap.dedent("""\
    ---
    layout: home
    permalink: /old/
    ---

    **Spring 2031 - Mon 9:00-11:30 AM, Somewhere University**

    A short description.

    # Schedule

    An announcement written between the tables.

    ## Fundamentals

    |  |  |  |
    | :-- | :-- | :-- |
    | Week 1 | Introduction | [Lecture 1: Intro](files/ppt/2031/L1.pdf) <br> Guest talk by a visitor |
    | Week two | Oops | Some text |
    | Week 2 | Group Projects | [**torch**](https://github.com/example/orphan) |

    # Others

    <iframe src="https://example.org/video"></iframe>
    """)


def test_unplaceable_content_is_reported_and_kept(tmp_path: Path) -> None:
    page = tmp_path / "legacy" / "index2031.markdown"
    page.parent.mkdir()
    page.write_text(SYNTHETIC, encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "tools.migrate", str(page), "2031", "--out", str(site)],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    warned = {line.split(": warning: ")[0].rsplit(":", 1)[1]: line
              for line in result.stderr.splitlines() if ": warning: " in line}
    expected = {"3": "permalink", "12": "Schedule section", "18": "Guest talk by a visitor",
                "19": "Week two | Oops | Some text", "20": "github.com/example/orphan",
                "24": "<iframe"}
    assert sorted(warned, key=int) == sorted(expected, key=int), result.stderr
    for line, text in expected.items():
        assert text in warned[line], warned[line]
    written = (site / "years" / "2031" / "index.md").read_text(encoding="utf-8")
    for kept in ("permalink: /old/", "An announcement written between the tables.",
                 "Guest talk by a visitor", "Week two | Oops | Some text",
                 "https://github.com/example/orphan", "https://example.org/video"):
        assert kept in written, kept
    assert "title: Intro" in written and "start: \"09:00\"" in written

    # and the page it wrote builds, showing the kept text to the reader
    (site / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        "extensions = ['myst_parser', 'sphinx_design', 'sphinx_course_schedule']\n"
        "myst_enable_extensions = ['colon_fence', 'attrs_inline']\n"
        "root_doc = 'years/2031/index'\nschedule_slides_dir = 'files/ppt/{year}'\n"
        "schedule_files_base_url = 'https://deep-generative-models.github.io/'\n",
        encoding="utf-8")
    build = sphinx_build(site, tmp_path / "out")
    assert build.returncode == 0, build.warnings
    note = BeautifulSoup(build.page("years/2031/index.html"), "html.parser").select_one(
        "div.admonition.note")
    assert note is not None and "Guest talk by a visitor" in note.get_text()


def test_existing_page_is_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "years" / "2020" / "index.md"
    target.parent.mkdir(parents=True)
    target.write_text("hand edited", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tools.migrate", str(legacy.page_path(2020)), "2020",
         "--out", str(tmp_path)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "hand edited"


def test_a_link_the_build_would_not_render_is_reported_and_kept(tmp_path: Path) -> None:
    page = tmp_path / "index2033.markdown"
    page.write_text(textwrap.dedent("""\
        # Schedule

        ## Fundamentals

        |  |  |  |
        | :-- | :-- | :-- |
        | Week 1 | Intro | [Lecture 1: Intro](files/ppt/2033/L1.pdf) [Demo](javascript:run) |
        """), encoding="utf-8")
    result = migrate(page, 2033, tmp_path / "site")
    assert result.report.warnings == [
        (f"{page}:7: warning: link 'javascript:run' uses the scheme 'javascript:', which the "
         "schedule does not render (expected http, https, mailto or a site path); kept as "
         "written")]
    text = (tmp_path / "site" / "years" / "2033" / "index.md").read_text(encoding="utf-8")
    assert "url: javascript:run" in text


# ---------------------------------------------------------------- the conversion rules


RULES = textwrap.dedent("""\
    **Fall 2032 - Tuesday 11:00-1:30 PM, Peking University**

    # Schedule

    ## Fundamentals

    |  |  |  |
    | :-- | :-- | :-- |
    | Week 1 | Intro | [Lecture 1： Intro](files/ppt/2032/第1讲 介绍.pdf) <br>[Lecture 2-3: A <br> Lecture 4: B](files/ppt/2032/L2-4.pdf)|
    | Week 2 | Code | [Lecture 5-6: Demo Code](https://github.com/example/demo) [GAN/VAE](files/ppt/2032/code.zip) |
    | Week 3 | Empty | |

    ## Practices

    |  |  |  |
    | :-- | :-- | :-- |
    | Week 4 | Paper Reading | <sub>[4-1 Self-supervised GAN, NeurIPS, 2019](files/ppt/2032/4-1.pdf) <br> EMNLP2020: Title A <br> ICLR2021： Title B <br> CVPR2021 Title C <br> JCP：Title D <br> Image2StyleGAN: Title E <sub>|
    | Week 5 | Group Projects | [5-1 Project](files/ppt/2032/5-1.pptx) [**torch**]( https://github.com/example/p ) <br> Plain project |
    """)


def test_conversion_rules(tmp_path: Path) -> None:
    page = tmp_path / "index2032.markdown"
    page.write_text(RULES, encoding="utf-8")
    result = migrate(page, 2032, tmp_path / "site")
    assert result.report.warnings == []
    text = (tmp_path / "site" / "years" / "2032" / "index.md").read_text(encoding="utf-8")
    assert text.startswith("# Deep Generative Models — Fall 2032\n")
    block = text.split("```{schedule}\n", 1)[1].split("```", 1)[0]
    assert not block.startswith("---")  # MyST would read it as directive options
    data = yaml.safe_load(block)
    assert data["term"] == {"name": "Fall 2032", "weekday": "Tue", "start": "11:00",
                            "end": "13:30", "timezone": "Asia/Shanghai",
                            "location": "Peking University"}
    fundamentals, practices = data["sections"]
    week1, week2, week3 = fundamentals["weeks"]
    assert week1["lectures"] == [
        {"number": 1, "title": "Intro", "slides": "files/ppt/2032/第1讲 介绍.pdf"},
        {"parts": [{"number": "2-3", "title": "A"}, {"number": 4, "title": "B"}],
         "slides": "files/ppt/2032/L2-4.pdf"}]
    assert "lectures" not in week2 and week2["materials"] == [
        {"label": "Lecture 5-6: Demo Code", "url": "https://github.com/example/demo"},
        {"label": "GAN/VAE", "url": "files/ppt/2032/code.zip"}]
    assert week3 == {"week": 3, "topic": "Empty"}
    papers = practices["weeks"][0]["papers"]
    assert [(p.get("number"), p["title"], p.get("venue")) for p in papers] == [
        ("4-1", "Self-supervised GAN", "NeurIPS, 2019"),
        (None, "Title A", "EMNLP2020"),
        (None, "Title B", "ICLR2021"),
        (None, "Title C", "CVPR2021"),
        (None, "JCP：Title D", None),  # not clearly a venue: the whole text is the title
        (None, "Image2StyleGAN: Title E", None)]
    assert practices["weeks"][1]["projects"] == [
        {"number": "5-1", "title": "Project", "slides": "files/ppt/2032/5-1.pptx",
         "code": [{"label": "torch", "url": "https://github.com/example/p"}]},
        {"title": "Plain project"}]
