"""Accessibility of the built site, checked by axe-core inside Debian's Chromium.

axe-core (shipped by ``axe-playwright-python``) runs on the landing page, every year page
and the guide's pages, in furo's light and dark schemes, at 1280 px and on a 375 px phone,
with WCAG 2.2's ``target-size`` rule switched on: serious or
critical violations fail the test and are listed with the elements they were found on.
The schedule tables are also checked in the rendered DOM for what screen readers rely on:
a caption, column headers with ``scope="col"`` and one week header per row with
``scope="row"``.  Moderate findings do not fail; the one axe reports today is furo's own
markup (``landmark-unique``: its two ``<aside>`` drawers carry no label).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

pytest.register_assert_rewrite("browser")  # before the import: its asserts explain failures
from browser import (  # noqa: E402
    DEMO, GUIDE_PAGES, PAGES, YEAR_PAGES, OpenPage, dated_weeks, page_id)
from conftest import Build, sphinx_build  # noqa: E402

pytest_plugins = ("browser",)

BLOCKING = ("serious", "critical")
#: axe-core's default rules plus WCAG 2.2's target size (24×24 px), which axe leaves off
#: by default; every rule axe has for WCAG 2.0–2.2 A/AA then runs.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {', '.join(map(str, node['target']))}: "
                         f"{node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def _assert_no_blocking_violations(page: Page, label: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS).response
    assert results["testEngine"]["name"] == "axe-core"
    assert "target-size" in {rule["id"] for kind in ("passes", "violations", "inapplicable",
                                                    "incomplete") for rule in results[kind]}
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{label}:\n{_describe(blocking)}"


# Contrast depends on the scheme, scrolling regions and target sizes on the width (the
# phone layout has its own colours for the week blocks): both schemes at both widths.
VIEWS = [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]


@pytest.mark.parametrize(("scheme", "width"), VIEWS, ids=[f"{s}-{w}" for s, w in VIEWS])
@pytest.mark.parametrize("path", [*PAGES, *GUIDE_PAGES, "accessibility.html"], ids=page_id)
def test_axe_finds_no_serious_violations(open_page: OpenPage, path: str, scheme: str,
                                         width: int) -> None:
    page = open_page(path, scheme=scheme, width=width).page
    _assert_no_blocking_violations(page, f"{path} ({scheme}, {width}px)")


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_axe_accepts_the_marked_current_week(open_page: OpenPage, site_html: Build,
                                             scheme: str) -> None:
    """The highlight's colours must keep the row readable (contrast) in both schemes."""
    week = dated_weeks(site_html)[1]
    page = open_page(DEMO, scheme=scheme, now=week.at(week.first)).page
    assert page.locator("tr.schedule-current-week").count() == 1
    _assert_no_blocking_violations(page, f"{DEMO} ({scheme}, week of {week.first})")


# Per table: caption text, header cells (text, scope), and per body row the first cell's
# tag, scope and text plus the tags of the remaining cells.
TABLE_STRUCTURE = """(table) => ({
  caption: table.caption ? table.caption.textContent.trim() : null,
  head: [...table.querySelectorAll("thead th, thead td")].map(
    (c) => [c.tagName, c.getAttribute("scope"), c.textContent.trim()]),
  rows: [...table.tBodies].flatMap((b) => [...b.rows]).map((r) => ({
    first: [r.cells[0].tagName, r.cells[0].getAttribute("scope"),
            r.cells[0].textContent.trim()],
    rest: [...r.cells].slice(1).map((c) => c.tagName),
  })),
})"""


@pytest.mark.parametrize("path", YEAR_PAGES, ids=page_id)
def test_schedule_tables_have_caption_and_scoped_headers(open_page: OpenPage,
                                                         path: str) -> None:
    page = open_page(path).page
    tables = page.locator("table.schedule-table").all()
    assert tables, f"{path} has no schedule table"
    for table in tables:
        shape = table.evaluate(TABLE_STRUCTURE)
        assert shape["caption"], f"{path}: a schedule table without a caption"
        assert shape["head"], f"{path}: '{shape['caption']}' has no header row"
        assert all(tag == "TH" and scope == "col" and text
                   for tag, scope, text in shape["head"]), shape["head"]
        assert shape["rows"], f"{path}: '{shape['caption']}' has no weeks"
        for row in shape["rows"]:
            tag, scope, text = row["first"]
            assert (tag, scope) == ("TH", "row"), row
            assert re.match(r"Week \d+", text), row
            assert row["rest"] and set(row["rest"]) == {"TD"}, row


def test_axe_here_reports_what_it_should(browser: Browser) -> None:
    """Guard against a silent pass: this setup does flag low contrast and a missing alt."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                         '<h1>Check</h1><p style="color:#bbb;background:#fff">faint text</p>'
                         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                         '</main></body></html>')
        found = {v["id"]: v["impact"] for v in Axe().run(page).response["violations"]}
    finally:
        context.close()
    assert found.get("color-contrast") == "serious" and found.get("image-alt") == "critical", found


@pytest.mark.parametrize("path", [*PAGES, *GUIDE_PAGES, "accessibility.html"], ids=page_id)
def test_sphinx_markup_is_repaired_without_a_browser(site_html: Build, path: str) -> None:
    """What ``_ext/site/a11y.py`` adds is in the HTML itself (checked where Chromium is missing)."""
    soup = BeautifulSoup(site_html.page(path), "html.parser")
    headings = soup.select('[role="heading"]')
    assert all(h.get("aria-level", "").isdigit() for h in headings), headings
    assert all(pre.get("tabindex") == "0" for pre in soup.select("div.highlight pre"))
    for wrapper in soup.select("div.table-wrapper"):
        links = wrapper.select("a:not(.headerlink)")  # the caption's ¶ scrolls nothing
        assert (wrapper.get("tabindex") == "0") == (not links), wrapper["class"]


def test_repairs_keep_the_markup_of_other_extensions(site_html: Build) -> None:
    """The wrapped visitors chain to sphinx-design's: its card keeps its own classes
    (with a ``container`` class, furo's ``[role=main] .container`` rule strips the card's
    side padding)."""
    soup = BeautifulSoup(site_html.page("index.html"), "html.parser")
    cards = soup.select("div.sd-card")
    assert cards, "the landing page should show the current year's card"
    assert all("container" not in card["class"] for card in cards), cards[0]["class"]


CODE_PAGE = """\
Code
====

.. code-block:: python
   :linenos:
   :emphasize-lines: 2

   wide = "{wide}"
   print(wide)

.. code-block:: yaml

   year: 2027
"""


def test_code_blocks_are_focusable_and_other_projects_keep_pygments_markup(
        tmp_path: Path) -> None:
    """Every highlighted ``<pre>`` of a course takes focus, its code otherwise as Pygments
    writes it; a project without the extension, built next in the same process, has
    Pygments' plain ``<pre>`` (the formatter is the build's, not Sphinx's class)."""
    pages = {}
    for name, extensions in (("course", ["sphinx_course_schedule"]), ("plain", [])):
        src = tmp_path / name
        src.mkdir()
        (src / "conf.py").write_text(f"project = 'P'\nextensions = {extensions!r}\n")
        (src / "index.rst").write_text(CODE_PAGE.format(wide="x" * 300))
        build = sphinx_build(src, tmp_path / f"{name}-html", "html", "-W")
        assert build.returncode == 0, build.warnings
        pages[name] = BeautifulSoup(build.page("index.html"), "html.parser").select(
            "div.highlight pre")
    course, plain = pages["course"], pages["plain"]
    assert len(course) == len(plain) == 2
    assert [pre.get("tabindex") for pre in course] == ["0", "0"]
    assert [pre.get("tabindex") for pre in plain] == [None, None]
    assert [str(pre.decode_contents()) for pre in course] == [
        str(pre.decode_contents()) for pre in plain]
    assert course[0].select("span.linenos") and course[0].select("span.hll")
