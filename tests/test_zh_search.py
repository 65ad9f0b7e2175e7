"""Search in the Chinese edition, as a reader uses it: typed into the page in Chromium.

The Chinese site (``make html-zh``) is built from a copy of the site and served over
HTTP; each query is typed into the sidebar's search box and the results are read off the
page.  What a query must find is read from the built pages themselves, not written down
here: every page whose text contains the query, among the pages the index holds.  A
result must also be a page that holds each word of the query, so a query that is split
wrongly (or not at all: Sphinx keeps "生成模型" as one token) fails either way.

Also checked here without a browser: the stemmer work-around steps aside when Sphinx
writes a stemmer it defines, and jieba prints nothing into the build log.
"""

from __future__ import annotations

import json
import re
import runpy
from collections.abc import Iterator
from fnmatch import fnmatchcase
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytest.register_assert_rewrite("browser")  # before the import: its asserts explain failures
from browser import OpenPage, served  # noqa: E402
from conftest import Build, copy_site, sphinx_build  # noqa: E402

pytest_plugins = ("browser",)

CHINESE_QUERIES = ("生成模型", "变分自编码器", "扩散模型", "对抗网络")
ENGLISH_QUERIES = ("VAE",)


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``make html-zh`` from a copy of the site, with ``-W``."""
    root = copy_site(tmp_path_factory.mktemp("zh-search") / "site")
    build = sphinx_build(root, root / "_build" / "html", "html", "-W", "-D", "language=zh_CN")
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return build


@pytest.fixture(scope="module")
def site_url(zh_site: Build) -> Iterator[str]:
    """The browser fixtures' site: here the Chinese one."""
    with served(zh_site.outdir) as url:
        yield url


def _index(site: Build) -> dict:
    text = site.page("searchindex.js")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def _page_text(site: Build, docname: str) -> str:
    soup = BeautifulSoup(site.page(f"{docname}.html"), "html.parser")
    article = soup.select_one("article") or soup
    return article.get_text(" ")


def search(open_page: OpenPage, query: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Type ``query`` into the search box; the results' (href, text) and any page errors."""
    visit = open_page("index.html")
    box = visit.page.locator("input.sidebar-search")
    box.fill(query)
    box.press("Enter")
    visit.page.wait_for_url(re.compile(r"search\.html\?"))
    try:  # the summary ("找到 3 个…" or "no results") says the search has finished
        visit.page.wait_for_function(
            "() => document.querySelector('#search-results p.search-summary')?.innerText",
            timeout=15_000)
    except PlaywrightTimeout:
        return [], [*visit.errors, "the search never finished (still 'searching')"]
    links = visit.page.locator("#search-results ul.search li > a")
    found = [(links.nth(i).get_attribute("href") or "", links.nth(i).inner_text())
             for i in range(links.count())]
    return found, visit.errors


@pytest.mark.browser
@pytest.mark.parametrize("query", CHINESE_QUERIES + ENGLISH_QUERIES)
def test_a_query_typed_into_the_chinese_site_finds_its_pages(
        open_page: OpenPage, zh_site: Build, query: str) -> None:
    index = _index(zh_site)
    staff = runpy.run_path(str(zh_site.outdir.parent.parent / "conf.py"))["search_exclude_docs"]
    texts = {docname: _page_text(zh_site, docname) for docname in index["docnames"]
             if not any(fnmatchcase(docname, pattern) for pattern in staff)}
    expected = {docname for docname, text in texts.items() if query.lower() in text.lower()}
    years = {docname for docname in expected if docname.startswith("years/")}
    if query != "扩散模型":  # no year teaches diffusion models (only the staff guide's demo)
        assert years, f"no year page says {query!r}: the test would prove nothing"
    found, errors = search(open_page, query)
    assert errors == [], errors
    pages = {href.split("#")[0].removesuffix(".html") for href, _text in found}
    assert expected <= pages, (query, sorted(expected - pages))
    assert not [page for page in pages if any(fnmatchcase(page, p) for p in staff)], pages


@pytest.mark.browser
def test_an_english_term_finds_the_rows_with_chinese_labels(
        open_page: OpenPage, zh_site: Build) -> None:
    """"VAE" finds the lectures themselves (their week's row), labelled in Chinese."""
    found, errors = search(open_page, "VAE")
    assert errors == []
    rows = [(href, text) for href, text in found
            if re.match(r"years/\d{4}/index\.html#week-\d+$", href)]
    assert rows, found
    for href, text in rows:
        page, anchor = href.split("#")
        soup = BeautifulSoup(zh_site.page(page), "html.parser")
        row = soup.find(id=anchor).find_parent("tr")
        assert "VAE" in row.get_text(), (href, text)
        # "第 9 讲：VAE Variants（2022 年，第 3 周）", "15-1 CVAE-GPT2 …（2020 年，第 15 周）"
        assert re.fullmatch(r".*VAE.*（\d{4} 年，第 \d+ 周）", text), text
    assert any(text.startswith("第 ") and "讲：" in text for _href, text in rows), rows


def test_the_stemmer_work_around_steps_aside_when_sphinx_is_fixed() -> None:
    """The installed Sphinx decides: broken as 9.0.4 is, or fixed as PR #14416 made it."""
    from sphinx.search.zh import SearchChinese

    from sphinx_course_schedule.site.chinese_search import (
        names_an_undefined_stemmer,
        search_language,
        stemmer_is_broken,
    )

    # the check itself, on the two shapes of code (9.0.4's for Chinese, and a fixed one)
    stemmer = "var EnglishStemmer = function() {};\n"
    assert names_an_undefined_stemmer(stemmer + "window.Stemmer = ChineseStemmer;\n")
    assert not names_an_undefined_stemmer(stemmer + "window.Stemmer = EnglishStemmer;\n")
    assert not names_an_undefined_stemmer("")
    english = SimpleNamespace(js_stemmer_rawcode="english-stemmer.js",
                              language_name="English", js_stemmer_code="")
    assert not stemmer_is_broken(english)  # type: ignore[arg-type]
    # and the site follows the installed Sphinx's verdict on its Chinese search
    ours = search_language()
    if stemmer_is_broken(SearchChinese):
        assert ours.language_name == "English"
    else:
        assert ours.language_name == SearchChinese.language_name


def test_the_chinese_build_log_has_no_jieba_lines(zh_site: Build) -> None:
    """jieba logs eight DEBUG lines to stderr by default; the site's build is quiet."""
    assert "jieba" not in zh_site.log and "Prefix dict" not in zh_site.log, zh_site.log
