"""Every edition stands on its own (issue 21): the web site, the PDF, the e-book.

Reads the real site's builds as a reader gets them: the landing page's links to the
other editions (here and as Read the Docs builds it), what the web edition publishes
(no empty index, no handbook root, a 404 page that search engines leave out, tab
titles), and the e-book's package (its spine, images, cover, languages, and the week
strip on a reader without flexbox).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from conftest import REPO, Build, require_tool, sphinx_build
from playwright.sync_api import Browser

from browser import served  # noqa: E402

pytest_plugins = ("browser",)

YEAR_DIRS = sorted(p.parent.name for p in (REPO / "years").glob("*/index.md"))
PROJECT = "Deep Generative Models"


def _landing_links(build: Build) -> dict[str, str]:
    soup = BeautifulSoup(build.page("index.html"), "html.parser")
    found = {}
    for link in soup.select("article a[href]"):
        for kind in ("pdf", "epub"):
            if link["href"].rstrip("/").endswith(kind):
                found[kind] = link["href"]
    return found


def test_the_landing_page_links_the_pdf_and_the_ebook_beside_it(site_html: Build) -> None:
    links = _landing_links(site_html)
    assert links.get("pdf", "").endswith(".pdf") and links.get("epub", "").endswith(".epub")
    # `make publish` puts exactly those files beside the pages
    plan = subprocess.run(["make", "-n", "publish", "PYTHON=true"], cwd=REPO,
                          capture_output=True, text=True, check=False).stdout
    copy = next((line for line in plan.splitlines() if line.startswith("cp ")), "")
    assert copy.split()[-1].rstrip("/").endswith("_build/html"), plan
    assert {Path(name).name for name in copy.split()[1:-1]} == set(links.values()), plan


def test_on_read_the_docs_the_landing_page_links_its_downloads(tmp_path: Path) -> None:
    env = {"READTHEDOCS": "True", "READTHEDOCS_VERSION": "latest",
           "READTHEDOCS_LANGUAGE": "en",
           "READTHEDOCS_CANONICAL_URL": "https://robot-learning.readthedocs.io/en/latest/"}
    build = sphinx_build(REPO, tmp_path / "html", "html", "-W", env=env)
    assert build.returncode == 0, build.warnings
    assert _landing_links(build) == {
        kind: f"https://robot-learning.readthedocs.io/_/downloads/en/latest/{kind}/"
        for kind in ("pdf", "epub")}


def test_the_editions_introduction_is_a_message_of_its_page(tmp_path: Path) -> None:
    """The text inside ``{editions}`` is the page's own: the gettext builder extracts it,
    so a translated edition can show it in its language (it was dropped with the links,
    and the Chinese landing page kept this paragraph in English)."""
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_course_schedule"]\n',
                                      encoding="utf-8")
    (tmp_path / "index.md").write_text("# Course\n\n```{editions}\n\nAlso on paper.\n```\n",
                                       encoding="utf-8")
    build = sphinx_build(tmp_path, tmp_path / "_build" / "gettext", "gettext", "-W")
    assert build.returncode == 0, build.warnings
    assert 'msgid "Also on paper."' in build.page("index.pot")


def test_the_web_edition_publishes_no_empty_index_or_handbook_root(site_html: Build) -> None:
    out = site_html.outdir
    assert not (out / "genindex.html").exists()
    assert not (out / "handbook").exists() and not (out / "_sources" / "handbook").exists()
    index = site_html.page("searchindex.js")
    data = json.loads(index[index.index("(") + 1:index.rindex(")")])
    if "handbook/index" in data["docnames"]:  # fed as an empty page (nosearch): no title
        number = data["docnames"].index("handbook/index")
        assert data["titles"][number] == ""
        found = [term for mapping in (data["terms"], data["titleterms"])
                 for term, docs in mapping.items()
                 if number in (docs if isinstance(docs, list) else [docs])]
        assert not found, found[:5]
    staff = {n for n, name in enumerate(data["docnames"]) if name.startswith("guide/")}
    objects = [entry for entries in data["objects"].values() for entry in entries]
    assert objects and not [entry for entry in objects if entry[0] in staff]
    assert 'href="genindex.html"' not in site_html.page("index.html")


def test_the_not_found_page_is_not_indexed_and_describes_itself(site_html: Build) -> None:
    head = BeautifulSoup(site_html.page("404.html"), "html.parser").head
    assert head is not None
    robots = head.find("meta", attrs={"name": "robots"})
    assert robots is not None and "noindex" in robots["content"]
    description = head.find("meta", attrs={"name": "description"})
    assert description is not None and len(description["content"]) > 40
    assert head.find("link", rel="canonical") is None


def test_every_tab_title_names_the_course_once(site_html: Build) -> None:
    pages = sorted(site_html.outdir.rglob("*.html"))
    titled = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.head is None or soup.head.title is None:
            continue  # the forwarding pages of old addresses
        title = soup.head.title.get_text()
        titled += 1
        assert title.count(PROJECT) <= 1, (page.relative_to(site_html.outdir), title)
    assert titled >= len(YEAR_DIRS) + 2


def test_pictures_from_other_hosts_have_a_width_and_a_height(site_html: Build) -> None:
    """The book covers: their box is known before they arrive, so nothing moves."""
    remote = []
    for year in YEAR_DIRS:
        soup = site_html.year_page(int(year))
        remote += [img for img in soup.select("article img") if "://" in img["src"]]
    assert remote, "no year page shows a picture from another host"
    for img in remote:
        style = img.get("style", "")
        assert (img.get("width") or "width:" in style) and (
            img.get("height") or "height:" in style), img


# --- the e-book (its XML read with html.parser: lxml is not installed) ---------------------

pytestmark = pytest.mark.filterwarnings(f"ignore::{XMLParsedAsHTMLWarning.__module__}."
                                        f"{XMLParsedAsHTMLWarning.__name__}")


@pytest.fixture(scope="module")
def ebook(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ebook")
    build = sphinx_build(site_source, out / "epub", "epub", "-W", "-d", str(out / "doctrees"))
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return out / "epub"


def _package(ebook: Path) -> BeautifulSoup:
    # html.parser (lxml is not installed): tag and attribute names come out lower case
    return BeautifulSoup((ebook / "content.opf").read_text(encoding="utf-8"), "html.parser")


def test_the_ebook_spine_is_the_course(ebook: Path) -> None:
    opf = _package(ebook)
    items = {item["id"]: item["href"] for item in opf.find_all("item")}
    spine = [items[ref["idref"]] for ref in opf.find_all("itemref")]
    assert spine
    assert spine[0] == "index.xhtml"
    assert [f"years/{year}/index.xhtml" for year in reversed(YEAR_DIRS)] == [
        href for href in spine if href.startswith("years/")]
    assert set(spine) == {"index.xhtml"} | {f"years/{y}/index.xhtml" for y in YEAR_DIRS}
    pages = [href for href in items.values() if href.endswith(".xhtml") and href != "nav.xhtml"]
    assert not [href for href in pages if re.match(r"(genindex|handbook/|guide/)", href)]


def test_the_ebook_holds_each_image_once_and_a_cover(ebook: Path) -> None:
    opf = _package(ebook)
    images = [item["href"] for item in opf.find_all("item")
              if item["media-type"].startswith("image/")]
    digests = {}
    for href in images:
        digest = hashlib.sha256((ebook / href).read_bytes()).hexdigest()
        assert digest not in digests, f"{href} is {digests.get(digest)} again"
        digests[digest] = href
    cover = opf.find("meta", attrs={"name": "cover"})
    assert cover is not None
    item = opf.find("item", id=cover["content"])
    assert item is not None and item["media-type"].startswith("image/")
    if item["media-type"] == "image/svg+xml":
        assert PROJECT in (ebook / item["href"]).read_text(encoding="utf-8")


def test_every_ebook_page_says_its_language(ebook: Path) -> None:
    language = _package(ebook).find("dc:language")
    assert language is not None
    pages = sorted(ebook.rglob("*.xhtml"))
    assert pages
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("html")
        assert html is not None and html.get("lang"), page.name
        assert html["lang"].lower() == language.get_text().strip().lower().replace("_", "-")


def test_links_to_pages_left_out_of_the_ebook_go_to_the_web(ebook: Path) -> None:
    soup = BeautifulSoup((ebook / "index.xhtml").read_text(encoding="utf-8"), "html.parser")
    staff = [a["href"] for a in soup.select("a[href]") if "guide/" in a["href"]]
    assert staff, "the landing page should still lead to the staff guide"
    assert all(urlsplit(href).scheme == "https" for href in staff), staff


@pytest.mark.browser
def test_the_week_strip_is_a_few_lines_without_flexbox(ebook: Path, browser: Browser) -> None:
    """An e-reader without flexbox: each section's weeks on one line, not one per line."""
    no_flex = """() => {
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (rule.style && /flex/.test(rule.style.display)) rule.style.removeProperty("display");
        }
      }
    }"""
    # the session's Chromium (a second Playwright in one thread is refused)
    page = browser.new_page(viewport={"width": 600, "height": 800})
    try:
        with served(ebook) as url:
            page.goto(f"{url}years/{YEAR_DIRS[-1]}/index.xhtml")
            page.evaluate(no_flex)
            nav = page.locator("nav.schedule-nav")
            sections = nav.locator("ul.schedule-nav-sections > li").count()
            weeks = nav.locator("ul.schedule-nav-weeks > li").count()
            assert sections and weeks > 2 * sections
            line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)"
                                 " || 1.5 * parseFloat(getComputedStyle(document.body).fontSize)")
            height = nav.bounding_box()["height"]
            assert height <= 2.5 * sections * line, (height, sections, line)
    finally:
        page.close()
