"""The Chinese edition as its reader meets it: every heading, caption and word of the
page's furniture in Chinese, English titles marked as English, the term line in Chinese,
the editions linked both ways, Read the Docs' language codes, and the e-book valid.

The Chinese site is built from a copy of the site (a translated build writes ``.mo``
files beside the ``.po`` files) with ``-D language=zh-cn``, the code Read the Docs passes
for a Simplified Chinese project; the other codes must give the same pages.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO, Build, copy_site, sphinx_build
from test_publishing import epubcheck

from tools import search_words

HAN = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
YEARS = sorted(int(path.parent.name) for path in REPO.glob("years/*/index.md"))
#: What a reader of the Chinese edition opens: the landing page, every year, the 404 page
#: and the search page.
READER_PAGES = ["index.html", *(f"years/{year}/index.html" for year in YEARS), "404.html",
                "search.html"]
#: Headings, captions, table headers and the theme's furniture (skip link, back-to-top,
#: "on this page", next/previous, footer, the site's title).
WORDS = ("title, h1, h2, h3, h4, caption, th, .skip-to-content, .back-to-top, .toc-title, "
         ".related-pages .context, .related-pages .title, .copyright, .left-details, .brand, "
         ".sidebar-brand-text, .schedule-term, .year-switcher, .schedule-downloads, "
         ".schedule-nav-section")


def _build(tmp_path_factory: pytest.TempPathFactory, code: str, builder: str = "html") -> Build:
    root = copy_site(tmp_path_factory.mktemp(f"zh-{code}") / "site")
    build = sphinx_build(root, root / "_build" / builder, builder, "-W",
                         "-d", str(root / "_build" / "doctrees"), "-D", f"language={code}")
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return build


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _build(tmp_path_factory, "zh-cn")


def _soup(site: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(page), "html.parser")


def _shown_text(element: Tag) -> str:
    """The element's text without what is marked English, permalinks and badges."""
    copy = BeautifulSoup(str(element), "html.parser")
    for part in copy.select('[lang="en"], a.headerlink, span.schedule-filetype, script'):
        part.decompose()
    return " ".join(copy.get_text(" ").split())


@pytest.mark.parametrize("page", READER_PAGES)
def test_every_heading_caption_and_ui_word_is_chinese(zh: Build, page: str) -> None:
    soup = _soup(zh, page)
    checked = soup.select(WORDS)
    assert checked, page
    english = [_shown_text(element) for element in checked
               if LATIN_WORD.search(_shown_text(element))
               and not HAN.search(_shown_text(element))]
    assert english == [], (page, english)
    labels = [element["aria-label"] for element in soup.select("[aria-label]")
              if LATIN_WORD.search(element["aria-label"])
              and not HAN.search(element["aria-label"])]
    assert labels == [], (page, labels)
    assert soup.html["lang"] == "zh-CN"


@pytest.mark.parametrize("year", YEARS)
def test_titles_stay_english_and_say_so(zh: Build, year: int) -> None:
    soup = zh.year_page(year)
    lectures = soup.select("li.schedule-lecture")
    assert lectures
    for item in lectures:
        label = item.get_text(" ", strip=True)
        assert re.match(r"第 [\d-]+ 讲：", label), label
        titles = item.select('[lang="en"]')
        assert titles and LATIN_WORD.search(titles[0].get_text()), label
    for item in soup.select("li.schedule-paper, li.schedule-project"):
        marked = item.select('[lang="en"]')
        assert marked and LATIN_WORD.search(marked[0].get_text()), item.get_text(" ")


@pytest.mark.parametrize("year", YEARS)
def test_the_term_line_is_chinese(zh: Build, year: int) -> None:
    """The weekday and the times from Babel ("周三 15:10–18:00"), the name and place from
    the page's catalog."""
    line = zh.year_page(year).select_one(".schedule-term").get_text()
    assert re.search(r"周[一二三四五六日] \d{2}:\d{2}–\d{2}:\d{2}", line), line
    assert f"{year} 年春季" in line and not LATIN_WORD.search(line), line


def test_presenters_are_joined_the_chinese_way(zh: Build) -> None:
    shown = [span.get_text() for year in YEARS
             for span in zh.year_page(year).select(".schedule-presenters")]
    assert shown, "no reading names its presenters"
    assert all(text.startswith("（") and text.endswith("）") for text in shown), shown
    assert any("、" in text for text in shown) and not any(", " in text for text in shown)


@pytest.mark.parametrize("code", ["zh_CN", "zh-hans", "zh"])
def test_every_chinese_code_gives_the_same_edition(
        tmp_path_factory: pytest.TempPathFactory, zh: Build, code: str) -> None:
    other = _build(tmp_path_factory, code)
    for page in ("index.html", f"years/{YEARS[-1]}/index.html"):
        assert other.page(page) == zh.page(page), (code, page)


def _links(soup: BeautifulSoup) -> tuple[dict[str, str], str, dict[str, str]]:
    """(hreflang -> alternate, canonical, hreflang -> visible edition link)."""
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select('link[rel="alternate"][hreflang]')}
    canonical = soup.select_one('link[rel="canonical"]')["href"]
    visible = {link["hreflang"]: link["href"] for link in soup.select("a.site-edition")}
    return alternates, canonical, visible


@pytest.mark.parametrize("page", ["index.html", f"years/{YEARS[-1]}/index.html"])
def test_the_editions_link_each_other(zh: Build, site_html: Build, page: str) -> None:
    zh_alternates, zh_canonical, zh_visible = _links(_soup(zh, page))
    en_alternates, en_canonical, en_visible = _links(_soup(site_html, page))
    assert zh_alternates == en_alternates  # the same set on every member
    assert zh_canonical == zh_alternates["zh-CN"] != en_canonical == en_alternates["en"]
    assert zh_visible == {"en": en_canonical} and en_visible == {"zh-CN": zh_canonical}
    assert _soup(zh, page).select_one("a.site-edition").get_text() == "English"
    assert _soup(site_html, page).select_one("a.site-edition").get_text() == "中文"


@pytest.mark.epubcheck
def test_the_chinese_ebook_passes_epubcheck(tmp_path_factory: pytest.TempPathFactory) -> None:
    command = epubcheck()
    book = _build(tmp_path_factory, "zh_CN", "epub")
    found = next(book.outdir.glob("*.epub"))
    check = subprocess.run([*command, str(found)], capture_output=True, text=True, check=False)
    report = check.stdout + check.stderr
    assert check.returncode == 0, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    opf = (book.outdir / "content.opf").read_text(encoding="utf-8")
    assert "<dc:language>zh-CN</dc:language>" in opf and "<dc:title>深度生成模型" in opf


def test_the_search_dictionary_fits_the_committed_translations() -> None:
    """``make po`` refits it; a translation committed without that is caught here."""
    result = subprocess.run([sys.executable, "-m", "tools.search_words", "--check"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    words = search_words.TARGET.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("变分 ") or line.startswith("编码器 ") for line in words)


def test_the_chinese_latex_has_a_chinese_title_page_and_lines(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    tex = next(_build(tmp_path_factory, "zh_CN", "latex").outdir.glob("*.tex")).read_text(
        encoding="utf-8")
    title_page = tex[tex.index(r"\begin{titlepage}"):tex.index(r"\end{titlepage}")]
    assert "深度生成模型" in title_page and "北京大学" in title_page
    assert "Course handbook" not in tex and "Instructor" not in tex
    assert "（续）}" in tex and "(continued)" not in tex
    assert r"\DeclareCaptionLabelSeparator{site}{：}" in tex


def test_a_new_message_shows_up_untranslated_in_make_po(tmp_path: Path) -> None:
    """The counts ``make po`` prints come from the catalogs themselves."""
    from tools.po import counts

    po = tmp_path / "years.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Schedule"\nmsgstr "课程安排"\n\n#, fuzzy\nmsgid "Feedback"\n'
                  'msgstr "反馈"\n\nmsgid "Others"\nmsgstr ""\n', encoding="utf-8")
    assert counts(po) == (1, 1, 1)
