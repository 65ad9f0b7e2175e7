"""The real site: builds without a warning and shows what each legacy page showed.

Counts are taken from the legacy markdown (see :mod:`legacy_page`), never typed in, so
the tests follow the data: same weeks, same slide files per week, same number of entries,
and the staff, feedback address and books of every year.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag

import legacy_page as legacy
from conftest import YEARS, Build

LEGACY_YEARS = sorted(legacy.PAGES, reverse=True)
"""The years that came from the legacy site: their pages must show what it showed."""


served = legacy.served


def test_real_site_builds_without_warnings(site_html: Build) -> None:
    assert site_html.returncode == 0, site_html.warnings
    assert site_html.warnings == ""



def _weeks(soup: BeautifulSoup) -> dict[int, Tag]:
    rows = {}
    for row in soup.select("div.schedule tr.schedule-week"):
        week = int(row.th.get_text(" ", strip=True).split()[1])
        assert week not in rows, f"week {week} shown twice"
        rows[week] = row
    return rows


def _section(soup: BeautifulSoup, title: str) -> Tag:
    for section in soup.select("section"):
        heading = section.find(["h2"], recursive=False)
        if heading and heading.get_text(strip=True).rstrip("#¶") == title:
            return section
    raise AssertionError(f"no section {title!r}")


@pytest.mark.parametrize("year", LEGACY_YEARS)
def test_same_weeks_slides_and_entries_as_the_legacy_page(site_html: Build, year: int) -> None:
    weeks = _weeks(site_html.year_page(year))
    rows = legacy.rows(year)
    assert len(weeks) == len(rows)
    for row in rows:
        shown = weeks[row.week]
        assert shown.select("td")[0].get_text(strip=True) == row.topic, row.week
        slides = {a["href"] for a in shown.select("a.schedule-slides")}
        assert len(slides) == len(row.slides), (row.week, slides, row.slides)
        entries = shown.select("td ul.schedule-items > li")
        assert len(entries) == row.entry_count, row.week


@pytest.mark.parametrize("year", LEGACY_YEARS)
def test_title_banner_term_line_and_year_switcher(site_html: Build, year: int) -> None:
    soup = site_html.year_page(year)
    assert soup.h1.get_text(strip=True).rstrip("#¶").endswith(f"Spring {year}")
    banner = soup.select_one('a[href="https://deepreinforcementlearningbook.org"] '
                             'img[src$="water-top.jpg"]')
    assert banner is not None and banner["alt"]
    assert (banner["width"], banner["height"]) == ("736", "113")
    term = [p for p in soup.select("p > strong") if p.get_text().startswith(f"Spring {year} - ")]
    assert len(term) == 1 and term[0].get_text().endswith("Peking University")
    current = soup.select_one("div.year-switcher li.year-switcher-current")
    assert current is not None and current.get_text().startswith(str(year)) and current.a is None
    others = {a.get_text() for a in soup.select("div.year-switcher a")}
    assert others == {str(y) for y in YEARS if y != year}


@pytest.mark.parametrize("year", LEGACY_YEARS)
def test_course_staff_with_links_and_mailto(site_html: Build, year: int) -> None:
    staff = _section(site_html.year_page(year), "Course Staff")
    # the HTML writer cloaks addresses ("%40" for "@"); a browser decodes them
    links = {a.get_text(strip=True): unquote(a["href"]) for a in staff.select("a")}
    for name, url in legacy.staff(year):
        assert name in links, name
        expected = served(url) if "://" in url or url.startswith("mailto:") else f"mailto:{url}"
        assert links[name] == expected, name
    mailtos = {href.removeprefix("mailto:") for href in links.values()
               if href.startswith("mailto:")}
    assert legacy.staff_emails(year) <= mailtos


@pytest.mark.parametrize("year", LEGACY_YEARS)
def test_feedback_email_is_a_mailto_link(site_html: Build, year: int) -> None:
    feedback = _section(site_html.year_page(year), "Feedback")
    emails = legacy.EMAIL.findall(legacy.section(year, "Feedback"))
    assert emails
    hrefs = {unquote(a["href"]) for a in feedback.select("a")}
    for email in emails:
        assert f"mailto:{email}" in hrefs, email


@pytest.mark.parametrize("year", LEGACY_YEARS)
def test_books_are_linked_cover_images(site_html: Build, year: int) -> None:
    others = _section(site_html.year_page(year), "Others")
    books = legacy.books(year)
    assert books
    for link, cover, width in books:
        image = others.select_one(f'a[href="{served(link)}"] > img[src="{served(cover)}"]')
        assert image is not None, link
        assert image["alt"].strip()
        if width:
            assert f"width: {width}px" in image.get("style", ""), link
    bottom = others.select_one('img[src$="water-bottom.jpg"]')
    assert bottom is not None and bottom.find_parent("a")["href"] == (
        "https://deepreinforcementlearningbook.org")
    assert bottom["loading"] == "lazy" and (bottom["width"], bottom["height"]) == ("736", "196")


def test_landing_page_shows_current_year_and_archive(site_html: Build) -> None:
    soup = BeautifulSoup(site_html.page("index.html"), "html.parser")
    newest = max(YEARS)
    card = soup.select_one("div.sd-card")
    assert card is not None and f"Spring {newest}" in card.get_text()
    assert card.select_one("a")["href"] == f"years/{newest}/index.html"
    archive = [a["href"] for a in soup.select("div.year-switcher a")]
    assert archive == [f"years/{y}/index.html" for y in YEARS]
    sidebar = [a["href"] for a in soup.select(".sidebar-tree a.reference.internal")
               if a["href"].startswith("years/")]
    assert sidebar == [f"years/{y}/index.html" for y in YEARS]


def test_2020_readings_name_their_presenters(site_html: Build) -> None:
    """The presenters the legacy site kept only in slide file names are shown as text."""
    soup = site_html.year_page(2020)
    shown = {item.get_text(" ", strip=True) for item in soup.select("li.schedule-paper")}
    assert any(text.startswith("11-2 ") and text.endswith("(房晨, 桑宇辰)") for text in shown)
    names = [span.get_text() for span in soup.select(".schedule-presenters")]
    # 43 of the 44 presentations: "13-3_Te+Su_PointFlow" does not say who clearly enough
    assert len(names) == 43 and "(董和鑫)" in names
