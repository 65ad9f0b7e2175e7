"""The built site in a real browser: loads cleanly, fits a phone, searches, themes.

Runs Debian's Chromium through Playwright (fixtures in :mod:`browser`) against the real
site built once per session.  Set ``UPDATE_SCREENSHOTS=1`` to refresh the screenshots in
``docs-assets/screenshots/`` that the README shows (the 2022 page at 1280 and 375 px, light
and dark; the demo's current-week highlight).
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

pytest.register_assert_rewrite("browser")  # before the import: its asserts explain failures
from browser import DEMO, PAGES, REPO, YEAR_PAGES, OpenPage, dated_weeks, page_id  # noqa: E402
from conftest import Build  # noqa: E402

pytest_plugins = ("browser",)

WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")
README_SHOTS = REPO / "docs-assets" / "screenshots"

# Everything inside the article that sticks out to the right of the viewport, unless a
# scrolling ancestor (furo's ``.table-wrapper``) lets the reader scroll to it.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") return true;
    }
    return false;
  };
  return [...document.querySelectorAll("article *")]
    .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 1)
    .filter((el) => !scrolls(el))
    .map((el) => el.outerHTML.slice(0, 120));
}"""

# Schedule cells whose content spills out sideways (a fixed-width column too narrow).
SPILLING_CELLS = """() => [...document.querySelectorAll(
    "table.schedule-table th, table.schedule-table td")]
  .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
  .map((cell) => cell.textContent.trim().slice(0, 60))"""

BACKGROUND_LUMINANCE = """() => {
  const rgb = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [*PAGES, DEMO], ids=page_id)
def test_page_renders_cleanly(open_page: OpenPage, screenshot_dir: Path,
                              path: str, width: int, scheme: str) -> None:
    """No console errors, the colour scheme applies, nothing is cut off or scrolls sideways."""
    visit = open_page(path, width=width, scheme=scheme)
    page = visit.page
    shot = screenshot_dir / f"{page_id(path)}-{width}-{scheme}.png"
    page.screenshot(path=shot, full_page=True)
    assert not visit.errors, f"{path} at {width}px ({shot}):\n{visit.error_report()}"

    assert page.locator("article h1").first.is_visible()
    if path in (*YEAR_PAGES, DEMO):
        assert page.locator("table.schedule-table").count() > 0
        assert page.locator("table.schedule-table").first.is_visible()

    luminance = page.evaluate(BACKGROUND_LUMINANCE)
    assert (luminance < 0.2) if scheme == "dark" else (luminance > 0.8), (
        f"{scheme} scheme not applied: background luminance {luminance:.2f}")

    sizes = page.evaluate("() => [document.documentElement.scrollWidth,"
                          " document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{path} scrolls sideways at {width}px: {sizes} ({shot})"
    assert page.evaluate(OVERFLOWING) == [], f"{path} content cut off at {width}px ({shot})"
    assert page.evaluate(SPILLING_CELLS) == [], f"{path} cells spill at {width}px ({shot})"

    if page_id(path) == "2022" and os.environ.get("UPDATE_SCREENSHOTS"):
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=README_SHOTS / shot.name)  # the first screenful


def test_schedule_fits_a_phone_without_scrolling_sideways(open_page: OpenPage) -> None:
    """On a 375 px phone the schedule is a column of week blocks (issue 12): nothing in it
    needs a sideways scroll, not even inside its wrapper."""
    page = open_page(YEAR_PAGES[0], width=375).page
    wrappers = page.locator(".table-wrapper:has(table.schedule-table)").all()
    assert wrappers
    for wrapper in wrappers:
        assert wrapper.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1")
        box = wrapper.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1


def _article_text(site: Build, path: str) -> str:
    soup = BeautifulSoup(site.page(path), "html.parser")
    article = soup.find("article")
    assert article is not None, path
    return article.get_text(" ")


def test_search_finds_boltzmann_on_every_year_page_that_has_it(
        open_page: OpenPage, site_html: Build) -> None:
    """Sphinx's client-side search lists every year page whose text mentions the word."""
    expected = {path for path in YEAR_PAGES
                if re.search(r"\bboltzmann", _article_text(site_html, path), re.IGNORECASE)}
    assert expected, "no year page mentions Boltzmann: the search check would prove nothing"

    visit = open_page("search.html?q=Boltzmann")
    page = visit.page
    page.locator("#search-results p.search-summary").filter(
        has_text=re.compile("Search finished|did not match")).wait_for()
    hrefs = page.locator("#search-results ul.search li a").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))")
    found = {href.split("#")[0] for href in hrefs}
    assert expected <= found, f"search missed {sorted(expected - found)}; found {sorted(found)}"
    assert found & set(YEAR_PAGES) == expected, "search lists a year page without the word"
    assert not visit.errors, visit.error_report()



# --- the current week, marked by _ext/static/current-week.js ------------------------------
MARKED = """() => [...document.querySelectorAll("tr.schedule-current-week")].map(
  (row) => [row.dataset.weekStart, row.getAttribute("aria-current")])"""
CELL_BACKGROUND = "(row) => getComputedStyle(row.querySelector('td')).backgroundColor"


def _marked_at(open_page: OpenPage, now: datetime, **options: object) -> list[list[str]]:
    visit = open_page(DEMO, now=now, **options)
    assert not visit.errors, visit.error_report()
    return visit.page.evaluate(MARKED)


def test_the_current_week_follows_the_clock(open_page: OpenPage, site_html: Build) -> None:
    weeks = dated_weeks(site_html)
    for week in (weeks[0], weeks[len(weeks) // 2], weeks[-1]):
        wednesday = week.at(week.first + timedelta(days=2))
        assert _marked_at(open_page, wednesday) == [[week.first.isoformat(), "date"]], (
            f"at {wednesday.isoformat()}")


def test_the_current_week_is_highlighted_visibly(open_page: OpenPage,
                                                 site_html: Build) -> None:
    weeks = dated_weeks(site_html)
    for scheme in ("light", "dark"):
        page = open_page(DEMO, scheme=scheme, now=weeks[1].at(weeks[1].first)).page
        current = page.locator("tr.schedule-current-week")
        other = page.locator(f'tr[data-week-start="{weeks[0].first.isoformat()}"]')
        assert current.evaluate(CELL_BACKGROUND) != other.evaluate(CELL_BACKGROUND), scheme
        if os.environ.get("UPDATE_SCREENSHOTS"):
            page.locator("table.schedule-table").first.screenshot(
                path=README_SHOTS / f"demo-current-week-{scheme}.png")


def test_no_week_is_marked_outside_the_term(open_page: OpenPage, site_html: Build) -> None:
    weeks = dated_weeks(site_html)
    before = weeks[0].at(weeks[0].first - timedelta(days=1), 23, 30)
    after = weeks[-1].at(weeks[-1].last + timedelta(days=1), 0, 30)
    assert _marked_at(open_page, before) == []
    assert _marked_at(open_page, after) == []


def test_weeks_turn_over_at_midnight_in_the_terms_timezone(open_page: OpenPage,
                                                            site_html: Build) -> None:
    """A reader far west of the term's zone still sees Monday's new week on Monday there."""
    weeks = dated_weeks(site_html)
    week = weeks[1]
    monday = week.at(week.first, 0, 30)
    reader = "Pacific/Honolulu"
    assert monday.astimezone(ZoneInfo(reader)).date() < week.first, "test needs a lagging zone"
    assert _marked_at(open_page, monday, timezone=reader) == [[week.first.isoformat(), "date"]]


def test_schedule_now_overrides_the_clock(open_page: OpenPage, site_html: Build) -> None:
    weeks = dated_weeks(site_html)
    wanted = weeks[-1].at(weeks[-1].first + timedelta(days=3))
    script = f"window.SCHEDULE_NOW = {wanted.isoformat()!r};"
    marked = _marked_at(open_page, weeks[0].at(weeks[0].first), init_script=script)
    assert marked == [[weeks[-1].first.isoformat(), "date"]]


CURRENT_LABELS = """() => [...document.querySelectorAll("tr th .schedule-current-label")].map(
  (label) => [label.closest("tr").dataset.weekStart, label.textContent,
              label.getBoundingClientRect().height > 0])"""


def test_the_current_week_says_so_in_the_pages_language(open_page: OpenPage,
                                                        site_html: Build) -> None:
    """The marked week's header cell says "this week", in the words the page carries."""
    weeks = dated_weeks(site_html)
    page = open_page(DEMO, now=weeks[1].at(weeks[1].first)).page
    assert page.evaluate(CURRENT_LABELS) == [[weeks[1].first.isoformat(), "this week", True]]
    # a Chinese page carries "本周"; the label follows the page, and moves with the week
    page.evaluate("""(now) => {
      document.querySelector("[data-current-week-label]")
        .setAttribute("data-current-week-label", "本周");
      window.SCHEDULE_NOW = now;
      window.scheduleMarkCurrentWeek();
    }""", weeks[2].at(weeks[2].first).isoformat())
    assert page.evaluate(CURRENT_LABELS) == [[weeks[2].first.isoformat(), "本周", True]]
