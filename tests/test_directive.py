"""The ``{schedule}`` directive renders real tables, in MyST and in reStructuredText."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def _soup(app: SphinxTestApp, *, file_types: bool = False) -> BeautifulSoup:
    """The page; without the "PDF"/"PPTX" badges of download links unless asked for
    (``test_download_links_name_their_file_type`` checks those)."""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    if not file_types:
        for badge in soup.select("span.schedule-filetype"):
            badge.decompose()
    return soup


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_myst_tables_have_caption_headers_and_rows(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tables = _soup(app).select("div.schedule table")
    assert [t.caption.get_text(strip=True).rstrip("¶") for t in tables] == [
        "Fundamentals", "Practices"]
    heads = [th.get_text(strip=True) for th in tables[0].select("thead th")]
    assert heads == ["Week", "Topic", "Lectures & materials"]
    assert all(th["scope"] == "col" for th in tables[0].select("thead th"))
    rows = tables[0].select("tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Week 1", "Week 2"]
    assert all(r.th["scope"] == "row" for r in rows)
    assert [td.get_text(strip=True) for td in (r.select("td")[0] for r in rows)] == [
        "Introduction", "Variational Autoencoders"]


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_each_week_has_a_stable_anchor(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app)
    for week in range(1, 6):
        anchor = soup.find(id=f"week-{week}")
        assert anchor is not None and f"Week {week}" in anchor.find_parent("tr").th.text


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_cells_list_lectures_with_encoded_slide_links(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app)
    week1 = soup.find(id="week-1").find_parent("tr")
    items = week1.select("ul.schedule-items > li")
    assert [li.get_text(" ", strip=True) for li in items] == [
        "Lecture 1: Introduction", "Lecture 2: Data Representation"]
    assert items[0].a["href"] == ("https://deep-generative-models.github.io/files/ppt/2030/"
                                  "Lecture%201%20Introduction%20%26%20Basics.pdf")
    assert items[1].a is None  # a lecture without slides is plain text
    week2 = soup.find(id="week-2").find_parent("tr")
    links = {a.get_text(strip=True): a["href"] for a in week2.select("a")}
    shared = ("https://deep-generative-models.github.io/files/ppt/2030/"
              "Lecture%203-4%20VAE.pdf")
    assert links["Lecture 3: From Autoencoder to VAE"] == shared
    assert links["Lecture 4: Variational Autoencoder"] == shared
    assert links["Lecture 5-6: VAE Variants"].endswith(
        "/files/ppt/2030/%E7%AC%AC5%E8%AE%B2%20VAE.pdf")
    assert links["Demo Code"] == "https://github.com/example/demo"


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_readings_projects_and_empty_weeks(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app)
    week3 = soup.find(id="week-3").find_parent("tr")
    assert week3.select_one("li.schedule-paper").get_text(" ", strip=True) == (
        "3-1 StructureNet, SIGGRAPH Asia 2019")
    week4 = soup.find(id="week-4").find_parent("tr")
    project = week4.select_one("li.schedule-project")
    assert project.get_text(" ", strip=True) == "CVAE Image Captioning torch"
    assert project.select_one("a.schedule-code")["href"] == (
        "https://github.com/example/vae_caption")
    week5 = soup.find(id="week-5").find_parent("tr")
    assert week5.select("td")[1].get_text(strip=True) == ""


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_download_links_name_their_file_type(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app, file_types=True)
    week1 = soup.find(id="week-1").find_parent("tr")
    assert week1.select_one("a.schedule-slides").get_text(" ", strip=True) == (
        "Lecture 1: Introduction PDF")
    week3 = soup.find(id="week-3").find_parent("tr")
    assert week3.select_one("li.schedule-paper a span.schedule-filetype").get_text() == "PPTX"
    # a link to a page (the demo's code on GitHub) names no file type
    assert not soup.select("a.schedule-code span.schedule-filetype")
    code = soup.select_one("a.schedule-code")
    assert code["aria-label"] == "torch code for CVAE Image Captioning"


@pytest.mark.sphinx("html", testroot="schedule-rst")
def test_restructuredtext_gives_the_same_table(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = _soup(app)
    row = soup.find(id="week-1").find_parent("tr")
    assert row.select_one("a.schedule-slides").get_text(strip=True) == "Lecture 1: Introduction"


@pytest.mark.sphinx("html", testroot="schedule-md",
                    confoverrides={"schedule_header_labels": ["Wk", "Theme", "Sessions"]})
def test_header_labels_are_configurable(app: SphinxTestApp) -> None:
    app.build()
    heads = [th.get_text(strip=True) for th in _soup(app).select("table thead th")][:3]
    assert heads == ["Wk", "Theme", "Sessions"]


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_search_index_contains_schedule_text(app: SphinxTestApp) -> None:
    app.build()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    for word in ("autoencod", "structurenet", "caption"):
        assert word in index.lower()


@pytest.mark.sphinx("html", testroot="schedule-md")
def test_no_duplicate_ids_in_page(app: SphinxTestApp) -> None:
    app.build()
    ids = [tag["id"] for tag in _soup(app).find_all(id=True)]
    assert len(ids) == len(set(ids))
