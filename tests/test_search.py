"""Students' search (issue 21): what a query finds, where a result opens, no page error.

Runs Sphinx's own client-side search in Debian's Chromium (fixtures in :mod:`browser`)
against the real site built once per session.  What is searched for is read from the
built pages (lecture titles, presenters' names), never a fixed year.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

pytest.register_assert_rewrite("browser")  # before the import: its asserts explain failures
from browser import GUIDE_PAGES, YEAR_PAGES, OpenPage, Visit, page_id  # noqa: E402
from conftest import Build  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ("browser",)

def search(open_page: OpenPage, query: str) -> tuple[Visit, list[str]]:
    """Run a query on the search page; the result links (href) in order."""
    visit = open_page(f"search.html?q={query}")
    visit.page.locator("#search-results p.search-summary").filter(
        has_text=re.compile("Search finished|did not match")).wait_for()
    hrefs = visit.page.locator("#search-results ul.search li a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))")
    return visit, hrefs


def lecture_titles(site: Build, path: str) -> list[str]:
    """The titles of a year page's lectures ("Variational Autoencoder")."""
    soup = BeautifulSoup(site.page(path), "html.parser")
    titles = []
    for item in soup.select("table.schedule-table td ul.schedule-items > li"):
        match = re.match(r"\s*Lecture [\d-]+:\s*(.+?)\s*$", item.get_text(" "), re.S)
        if match:
            titles.append(re.sub(r"\s+(PDF|PPTX?)$", "", " ".join(match[1].split())))
    return titles


def guide_examples(site: Build) -> str:
    """The guide's made-up schedules and examples: its code, tables and lecture links."""
    parts = []
    for path in GUIDE_PAGES:
        soup = BeautifulSoup(site.page(path), "html.parser")
        examples = "article pre, article table.schedule-table, article a[href*='#week-']"
        parts += [element.get_text(" ") for element in soup.select(examples)]
    return " ".join(" ".join(part.split()) for part in parts)


def test_a_lecture_query_finds_no_staff_guide_page(open_page: OpenPage,
                                                   site_html: Build) -> None:
    # lectures whose titles the guide's examples and demo schedule also name: the
    # queries that led students into the staff guide
    guide = guide_examples(site_html).lower()
    queries = sorted({title for path in YEAR_PAGES for title in lecture_titles(site_html, path)
                      if title.lower() in guide})
    assert queries, "no lecture title is named in the guide: the check would prove nothing"
    for query in sorted(queries, key=len, reverse=True)[:3]:  # the most distinctive
        visit, hrefs = search(open_page, query)
        assert hrefs, f"{query!r} found nothing"
        assert any(href.startswith("years/") for href in hrefs), (query, hrefs)
        staff = [href for href in hrefs if href.startswith(("guide/", "handbook/"))]
        assert not staff, f"{query!r} lists staff pages: {staff}"
        assert not visit.errors, visit.error_report()


def _presenters(site: Build) -> list[tuple[str, str]]:
    """(name, year page) of every presenter shown on a year page."""
    found = []
    for path in YEAR_PAGES:
        soup = BeautifulSoup(site.page(path), "html.parser")
        for span in soup.select(".schedule-presenters"):
            for name in re.split(r"[,，、]\s*", span.get_text().strip(" ()（）—-")):
                if name.strip():
                    found.append((name.strip(), path))
    return found


def test_a_presenters_name_opens_their_row(open_page: OpenPage, site_html: Build) -> None:
    presenters = _presenters(site_html)
    assert presenters, "no year page names a presenter"
    name, path = presenters[len(presenters) // 2]
    visit, hrefs = search(open_page, name)
    rows = [href for href in hrefs if href.startswith(path + "#")]
    assert rows, f"searching {name!r} gives no link into a row of {path}: {hrefs}"
    page = visit.page
    page.locator(f"#search-results ul.search li a[href='{rows[0]}']").first.click()
    anchor = rows[0].split("#", 1)[1]
    page.wait_for_url(re.compile(r"/years/\d{4}/index\.html#" + re.escape(anchor) + "$"))
    page.wait_for_load_state("load")
    row = page.locator(f"tr:has([id='{anchor}'])")
    assert row.count() == 1
    expect(row.get_by_text(name).first).to_be_in_viewport()
    assert not visit.errors, visit.error_report()


def test_british_and_american_spellings_find_the_same_lectures(
        open_page: OpenPage, site_html: Build) -> None:
    british = {path for path in YEAR_PAGES
               if any(re.search(r"\bnormalising flow", title, re.I)
                      for title in lecture_titles(site_html, path))}
    assert british, "no year has a 'Normalising Flow' lecture: the check would prove nothing"
    found = {}
    for query in ("normalizing flows", "normalising flows"):
        visit, hrefs = search(open_page, query)
        found[query] = {href.split("#")[0] for href in hrefs} & set(YEAR_PAGES)
        assert british <= found[query], f"{query!r} missed {sorted(british - found[query])}"
        assert not visit.errors, visit.error_report()
    assert found["normalizing flows"] == found["normalising flows"]


@pytest.mark.parametrize("term", ["li", "light", "mode", "menu"])
@pytest.mark.parametrize("path", YEAR_PAGES[:1], ids=page_id)
def test_highlighting_any_term_gives_no_page_error(open_page: OpenPage, path: str,
                                                    term: str) -> None:
    visit = open_page(f"{path}?highlight={term}")
    page = visit.page
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)  # highlighting runs on DOMContentLoaded
    assert not visit.errors, visit.error_report()
    # furo's icon titles ("Light mode") hold every one of these terms: the error's cause
    assert page.evaluate("""(term) => [...document.querySelectorAll("svg title")]
        .some((title) => title.textContent.toLowerCase().includes(term))""", term)
    if term in page.locator("article").inner_text().lower():
        highlighted = page.locator("article span.highlighted")
        assert highlighted.count() > 0, f"{term!r} is highlighted nowhere in the article"
        assert highlighted.first.inner_text().lower() == term


LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("width", [375, 1280])
def test_search_results_page_does_not_shift(open_page: OpenPage, site_html: Build,
                                            width: int) -> None:
    """The layout shift Lighthouse scores (CLS; 0.1 is its limit of "good")."""
    titles = lecture_titles(site_html, YEAR_PAGES[0])
    query = max(titles, key=len).split()[0]  # a word of a lecture: several page results
    visit = open_page(f"search.html?q={query}", width=width, height=740,
                      init_script=LAYOUT_SHIFTS)
    page = visit.page
    page.locator("#search-results p.search-summary").filter(
        has_text=re.compile("Search finished")).wait_for()
    texts = page.locator("#search-results li.kind-text")
    assert texts.count() >= 2, "the query should list several pages (with excerpts)"
    expect(texts.locator("p.context")).to_have_count(texts.count())  # every excerpt arrived
    page.wait_for_timeout(300)
    shift = sum(page.evaluate("window.__shifts"))
    assert shift <= 0.1, f"layout shift {shift:.3f} on the search page at {width} px"
    assert not visit.errors, visit.error_report()
