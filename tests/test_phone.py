"""A student on a phone (issue 12): this week's lectures in one tap, search that lands on
the lecture, a schedule that reads as blocks, a keyboard that never loses focus, a light
page.

Runs in Debian's Chromium (fixtures in :mod:`browser`) at 375×740, the size the issue
was measured at, against the real site built once per session.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page

pytest.register_assert_rewrite("browser")  # before the import: its asserts explain failures
from browser import DEMO, YEAR_PAGES, OpenPage, Visit, dated_weeks, page_id  # noqa: E402
from conftest import Build  # noqa: E402

pytest_plugins = ("browser",)

PHONE = {"width": 375, "height": 740}
MAX_TRANSFER = 300 * 1024

IN_VIEW = """(el) => {
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && style.visibility !== "hidden" &&
    r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
}"""


def _in_view(page: Page, selector: str) -> bool:
    return bool(page.locator(selector).first.evaluate(IN_VIEW))


@pytest.mark.parametrize("path", YEAR_PAGES, ids=page_id)
def test_first_weeks_lectures_are_one_tap_from_the_top(open_page: OpenPage, path: str) -> None:
    page = open_page(path, **PHONE).page
    strip = page.locator("nav.schedule-nav a[href='#week-1']")
    assert strip.count() == 1, "the week strip should link week 1"
    assert strip.evaluate(IN_VIEW), "the week strip should be on the first screen"
    strip.click()
    page.wait_for_function("location.hash === '#week-1'")
    row = page.locator("tr.schedule-week:has(#week-1)")
    first = row.locator("ul.schedule-items > li a, ul.schedule-items > li p").first
    assert first.evaluate(IN_VIEW), "week 1's first lecture should be on screen after a tap"


def test_this_week_link_points_at_the_current_row(open_page: OpenPage,
                                                  site_html: Build) -> None:
    week = dated_weeks(site_html)[1]
    page = open_page(DEMO, now=week.at(week.first), **PHONE).page
    link = page.locator("a.schedule-this-week")
    assert link.is_visible() and link.evaluate(IN_VIEW)
    target = link.get_attribute("href")
    current = page.locator("tr.schedule-current-week")
    assert current.locator(f"[id='{target[1:]}']").count() == 1, target
    link.click()
    page.wait_for_function(f"location.hash === {target!r}")
    assert current.evaluate(IN_VIEW)


def test_this_week_link_is_hidden_outside_the_term(open_page: OpenPage,
                                                   site_html: Build) -> None:
    first = dated_weeks(site_html)[0]
    before = datetime(first.first.year - 1, 1, 1, 12, tzinfo=first.zone)
    page = open_page(DEMO, now=before, **PHONE).page
    assert page.locator("a.schedule-this-week").count() == 1
    assert not page.locator("a.schedule-this-week").is_visible()


@pytest.mark.parametrize("path", YEAR_PAGES, ids=page_id)
def test_schedule_is_blocks_on_a_phone_and_a_table_when_wide(open_page: OpenPage,
                                                             path: str) -> None:
    wide = open_page(path).page
    assert wide.locator("table.schedule-table").first.evaluate(
        "(t) => getComputedStyle(t).display") == "table"
    page = open_page(path, **PHONE).page
    shapes = page.locator("tr.schedule-week").evaluate_all("""(rows) => rows.map((row) => {
      const [week, topic, items] = [...row.cells].map((c) => c.getBoundingClientRect());
      return {weekTop: week.top, topicTop: topic.top, itemsTop: items.top,
              itemsWidth: items.width, article: row.closest("article").clientWidth};
    })""")
    assert shapes
    for shape in shapes:
        # week and topic share the heading line; the items start below, at full width
        assert abs(shape["weekTop"] - shape["topicTop"]) < 2, shape
        assert shape["itemsTop"] > shape["weekTop"], shape
        assert shape["itemsWidth"] >= shape["article"] - 2, shape


def test_search_for_a_lecture_title_opens_its_row(open_page: OpenPage) -> None:
    visit = open_page("search.html?q=Variational%20Autoencoder", **PHONE)
    page = visit.page
    page.locator("#search-results p.search-summary").filter(
        has_text=re.compile("Search finished|did not match")).wait_for()
    result = page.locator("#search-results ul.search li").filter(
        has_text="Lecture 8: Variational Autoencoder (2022, week 3)").first
    assert result.count() == 1, page.locator("#search-results").inner_text()
    link = result.locator("a").first
    assert link.get_attribute("href").endswith("years/2022/index.html#week-3")
    link.click()
    page.wait_for_url(re.compile(r"years/2022/index\.html(\?[^#]*)?#week-3$"))
    row = page.locator("tr.schedule-week:has(#week-3)")
    page.wait_for_function("document.readyState === 'complete'")
    assert row.evaluate(IN_VIEW)
    assert row.get_by_text("Lecture 8: Variational Autoencoder").evaluate(IN_VIEW)
    assert not visit.errors, visit.error_report()


FOCUSED = """async () => {
  // furo slides its skip link in on focus: judge where things end up
  await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, cls: el.className, role: el.getAttribute("role"),
          text: (el.getAttribute("aria-label") || el.textContent).trim().slice(0, 40),
          visible: r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"
                   && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth};
}"""


@pytest.mark.parametrize("path", ["index.html", *YEAR_PAGES], ids=page_id)
def test_keyboard_focus_stays_on_screen_on_a_phone(open_page: OpenPage, path: str) -> None:
    page = open_page(path, **PHONE).page
    seen = []
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        for _ in range(10):  # the page may scroll smoothly to it: give it a moment
            if focused is None or focused["visible"]:
                break
            page.wait_for_timeout(150)
            focused = page.evaluate(FOCUSED)
        assert focused is not None, f"focus left the page after {seen}"
        assert focused["visible"], f"Tab {len(seen) + 1} is off screen: {focused}"
        seen.append(focused)
    buttons = {f["text"] for f in seen if f["tag"] == "BUTTON"}
    assert any("navigation" in text for text in buttons), seen
    assert any("table of contents" in text for text in buttons), seen


def test_menu_opens_from_the_keyboard_and_escape_closes_it(open_page: OpenPage) -> None:
    page = open_page(YEAR_PAGES[0], **PHONE).page
    toggle = page.locator("label.nav-overlay-icon > button")
    toggle.focus()
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('.sidebar-drawer') !== null")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate(FOCUSED)["visible"]
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.matches('label.nav-overlay-icon > button')")
    assert toggle.get_attribute("aria-expanded") == "false"


def _transferred(visit: Visit) -> tuple[int, list[tuple[str, int]]]:
    """Bytes of every request the page made (headers and bodies, as sent)."""
    found = []
    for request in visit.requests:
        sizes = request.sizes()
        found.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    return sum(size for _, size in found), found


@pytest.mark.parametrize("path", YEAR_PAGES, ids=page_id)
def test_year_page_transfers_at_most_300_kib(open_page: OpenPage, path: str) -> None:
    """Every request Chromium makes for a first load at phone size, scrolled to the end
    (so lazy images count too); requests to other hosts are blocked by the fixture and
    listed, they cannot be weighed here."""
    visit = open_page(path, **PHONE)
    visit.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    visit.page.wait_for_load_state("networkidle")
    total, found = _transferred(visit)
    largest = sorted(found, key=lambda item: -item[1])[:5]
    assert total <= MAX_TRANSFER, (
        f"{path}: {total / 1024:.0f} KiB; largest: "
        + ", ".join(f"{url.rsplit('/', 1)[-1]} {size / 1024:.0f} KiB" for url, size in largest))
