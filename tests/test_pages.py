"""Per-page details of the built site (issue 12): what each page loads, says about itself
and links to.  Read from the real site's HTML; no browser needed."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, YEARS, Build

YEAR_PAGES = [f"years/{year}/index.html" for year in YEARS]
GUIDE_PAGES = sorted(f"guide/{source.stem}.html" for source in (REPO / "guide").glob("*.md"))
PAGES = ["index.html", *YEAR_PAGES, *GUIDE_PAGES]


def _soup(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def _assets(soup: BeautifulSoup) -> set[str]:
    found = {link["href"] for link in soup.select("link[rel=stylesheet]")}
    found |= {script["src"] for script in soup.select("script[src]")}
    return {re.sub(r"\?.*$", "", url).rsplit("/", 1)[-1] for url in found}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_its_own_description(site_html: Build, path: str) -> None:
    meta = _soup(site_html, path).select('meta[name="description"]')
    assert len(meta) == 1, path
    text = meta[0]["content"]
    assert 40 <= len(text) <= 160, text
    assert "banner" not in text  # an image's alt text is not a description


@pytest.mark.parametrize("year", YEARS)
def test_year_page_describes_its_term(site_html: Build, year: int) -> None:
    text = _soup(site_html, f"years/{year}/index.html").select_one(
        'meta[name="description"]')["content"]
    assert text.startswith(f"Spring {year}"), text


@pytest.mark.parametrize("path", PAGES)
def test_styles_and_scripts_only_where_used(site_html: Build, path: str) -> None:
    soup = _soup(site_html, path)
    assets = _assets(soup)
    article = soup.find("article")
    uses_design = bool(article.select('[class*="sd-"]'))
    assert ("sphinx-design.min.css" in assets) == uses_design, assets
    assert ("design-tabs.js" in assets) == uses_design, assets
    assert ("pygments.css" in assets) == bool(article.select("div.highlight")), assets
    has_schedule = bool(article.select("table.schedule-table"))
    for name in ("schedule.css", "schedule-dates.css", "current-week.js"):
        assert (name in assets) == has_schedule, (name, assets)
    assert ("years.css" in assets) == bool(article.select("div.year-switcher")), assets
    # what every page needs stays: the theme, the keyboard repairs
    assert {"furo.css", "furo.js", "site.css", "nav-toggles.js"} <= assets, assets


def test_year_pages_load_neither_design_nor_highlighting_styles(site_html: Build) -> None:
    for path in YEAR_PAGES:
        assets = _assets(_soup(site_html, path))
        assert not {"sphinx-design.min.css", "pygments.css"} & assets, (path, assets)


@pytest.mark.parametrize("path", PAGES)
def test_favicon_on_every_page(site_html: Build, path: str) -> None:
    icon = _soup(site_html, path).select_one('link[rel~="icon"]')
    assert icon is not None and icon["href"].split("?")[0].endswith("favicon.svg")
    assert (site_html.outdir / "_static" / "favicon.svg").is_file()


@pytest.mark.parametrize("path", PAGES)
def test_github_pages_are_linked_over_https(site_html: Build, path: str) -> None:
    html = site_html.page(path)
    assert not re.findall(r'(?:href|src)="http://[^"/]*\.github\.io', html), path


def test_next_and_previous_stay_within_a_part_of_the_site(site_html: Build) -> None:
    oldest = _soup(site_html, YEAR_PAGES[-1])
    assert oldest.select_one("a.next-page") is None, "the oldest year leads nowhere next"
    assert oldest.select_one("a.prev-page") is not None
    guide = _soup(site_html, "guide/index.html")
    assert guide.select_one("a.prev-page") is None, "the guide does not lead back to a year"
    newest = _soup(site_html, YEAR_PAGES[0])
    assert newest.select_one("a.prev-page")["href"] == "../../index.html"


def test_staff_link_on_the_landing_page_is_not_a_lone_bullet(site_html: Build) -> None:
    soup = _soup(site_html, "index.html")
    section = soup.find(id="for-course-staff")
    assert section is not None and section.name == "section"
    assert not section.select("div.toctree-wrapper li"), "the toctree is the sidebar's"
    assert section.select_one('p a[href="guide/index.html"]') is not None


@pytest.mark.parametrize("path", YEAR_PAGES)
def test_code_links_say_whose_code_and_slides_their_type(site_html: Build, path: str) -> None:
    soup = _soup(site_html, path)
    for link in soup.select("a.schedule-code"):
        item = link.find_parent("li")
        title = item.select_one("a.schedule-slides, p").get_text(" ", strip=True)
        assert link["aria-label"].startswith(f"{link.get_text(strip=True)} code for "), link
        assert link["aria-label"].split(" code for ", 1)[1] in title, (link, title)
    for link in soup.select("a.schedule-slides"):
        suffix = link["href"].rsplit(".", 1)[-1].upper()
        badge = link.select_one("span.schedule-filetype")
        assert badge is not None and badge.get_text() == suffix, link
