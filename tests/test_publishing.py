"""What a reader meets where the site is published: old addresses, a 404 page, light
banners, and an e-book that EPUBCheck accepts.

The legacy Jekyll site's addresses are followed through the built HTML the way a static
server (GitHub Pages, Read the Docs) and a browser would: ``/x`` serves ``x``, ``x.html``
or ``x/index.html``; a forwarding page is followed to the page it names.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import LEGACY, REPO, YEARS, Build, require_tool, sphinx_build



def serve(outdir: Path, path: str) -> Path | None:
    """The file a static host answers ``path`` with, as GitHub Pages does."""
    local = outdir / path.lstrip("/")
    if path.endswith("/"):
        candidates = [local / "index.html"]
    else:
        candidates = [local, local.with_name(local.name + ".html"), local / "index.html"]
    return next((c for c in candidates if c.is_file()), None)


def forwards_to(page: Path) -> str | None:
    """The address a forwarding page sends the browser to (its meta refresh)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return None
    match = re.search(r"url=(.+)$", refresh["content"])
    assert match is not None, refresh
    script = soup.find("script")
    # the script (which keeps a #week-N) goes to the same place as the refresh
    assert script is not None and f'"{match[1]}"' in script.get_text()
    return match[1]


def follow(outdir: Path, path: str) -> Path:
    """Where a browser asking for ``path`` ends up, within the built site."""
    for _ in range(5):
        page = serve(outdir, path)
        assert page is not None, f"nothing is served at {path}"
        target = forwards_to(page)
        if target is None:
            return page
        base = "/" + page.relative_to(outdir).as_posix()
        path = urlsplit(urljoin(base, target)).path
    raise AssertionError(f"{path}: too many forwards")


LEGACY_ADDRESSES = {
    "/": None, "/index.html": None,  # the landing page, which leads with the newest year
    "/index2021": 2021, "/index2021.html": 2021, "/index2021/": 2021,
    "/index2020": 2020, "/index2020.html": 2020, "/index2020/": 2020,
    "/about": None, "/about.html": None, "/about/": None,  # the course description
}


@pytest.mark.parametrize("path", LEGACY_ADDRESSES)
def test_legacy_addresses_land_on_their_page(site_html: Build, path: str) -> None:
    assert site_html.returncode == 0, site_html.warnings
    page = follow(site_html.outdir, path)
    year = LEGACY_ADDRESSES[path]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    if year is not None:
        assert page == site_html.outdir / "years" / str(year) / "index.html"
        assert soup.h1.get_text().rstrip("#¶").endswith(f"Spring {year}")
    else:
        assert page == site_html.outdir / "index.html"
        assert "for PhD and Master students" in soup.get_text()  # the legacy "About" text
        # the legacy "/" was the newest year's page: its card is the page's first link
        # to another page of the site
        pages = [a["href"] for a in soup.select("article a[href]")
                 if not a["href"].startswith("#") and "://" not in a["href"]]
        assert pages and pages[0].startswith(f"years/{max(YEARS)}/")


def test_404_page_links_every_year_from_the_site_root(site_html: Build) -> None:
    soup = BeautifulSoup(site_html.page("404.html"), "html.parser")
    assert soup.title is not None and "Page not found" in soup.title.get_text()
    links = {a.get_text(strip=True): a["href"] for a in soup.select("article a[href]")}
    for year in YEARS:
        href = links[f"Spring {year}"]
        # absolute: the server shows this page at whatever address was asked for
        assert href == f"/years/{year}/index.html"
        assert serve(site_html.outdir, href) is not None
    styles = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert styles and all(href.startswith("/_static/") for href in styles)


def _term_page(title: str, year: int) -> str:
    return (f"# {title}\n\n```{{schedule}}\nyear: {year}\nsections:\n  - title: Lectures\n"
            "    weeks:\n      - week: 1\n        topic: Introduction\n```\n")


def test_the_404_template_names_each_term_as_its_page_does(tmp_path: Path) -> None:
    """Another course using the site's 404 template: the terms it links are its own pages,
    named by their titles (no season of ours), from its root path; the home link too."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "_templates", src / "_templates")
    (src / "conf.py").write_text(
        "project = 'Robot Learning'\n"
        "extensions = ['myst_parser', 'notfound.extension', 'sphinx_course_schedule']\n"
        "templates_path = ['_templates']\nnotfound_template = '404.html'\n"
        "notfound_urls_prefix = '/robots/'\nhtml_theme = 'furo'\n")
    (src / "index.md").write_text("# Robot Learning\n\n```{toctree}\n:hidden:\n"
                                  "terms/fall-2027/index\nterms/2028/index\n```\n")
    for folder, title, year in (("fall-2027", "Robot Learning \u2014 Fall 2027", 2027),
                                ("2028", "Robot Learning", 2028)):
        (src / "terms" / folder).mkdir(parents=True)
        (src / "terms" / folder / "index.md").write_text(_term_page(title, year))
    build = sphinx_build(src, tmp_path / "html", "html", "-W")
    assert build.returncode == 0, build.warnings
    soup = BeautifulSoup(build.page("404.html"), "html.parser")
    assert soup.title is not None and soup.title.get_text().startswith("Page not found")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select("ul.notfound-years a")]
    assert links == [("2028", "/robots/terms/2028/index.html"),
                     ("Fall 2027", "/robots/terms/fall-2027/index.html")]
    home = soup.select_one("article p a[href]")
    assert home is not None and home["href"] == "/robots/index.html"
    assert "Spring" not in soup.get_text()


@pytest.mark.parametrize(("name", "display"), [("water-top.jpg", (736, 113)),
                                               ("water-bottom.jpg", (736, 196))])
def test_banners_are_jpegs_at_twice_their_display_size(site_html: Build, name: str,
                                                       display: tuple[int, int]) -> None:
    with Image.open(site_html.outdir / "_images" / name) as image:
        assert image.format == "JPEG"
        assert image.size == (2 * display[0], 2 * display[1])
    for year in YEARS:
        img = site_html.year_page(year).select_one(f'img[src$="/{name}"]')
        assert img is not None
        assert (int(img["width"]), int(img["height"])) == display
        assert "site-banner" in img["class"]
    assert not list(site_html.outdir.rglob("*-min.png"))  # the legacy originals


def test_banners_are_not_white_blocks_in_dark_mode(site_html: Build) -> None:
    soup = site_html.year_page(max(YEARS))
    assert soup.select_one('link[href*="_static/banners.css"]') is not None
    css = (site_html.outdir / "_static" / "banners.css").read_text(encoding="utf-8")
    # furo's two ways of being dark: chosen, or "auto" with a dark system preference
    chosen = re.search(r'body\[data-theme="dark"\] img\.site-banner \{([^}]*)\}', css)
    auto = re.search(r'@media \(prefers-color-scheme: dark\) \{\s*'
                     r'body:not\(\[data-theme="light"\]\) img\.site-banner \{([^}]*)\}', css)
    assert chosen and auto and chosen[1].split() == auto[1].split()
    assert "invert(1)" in chosen[1]


def epubcheck() -> list[str]:
    """The command running Debian's EPUBCheck (a jar, which needs java to run it)."""
    require_tool("epubcheck", "java")
    found = shutil.which("epubcheck")
    assert found is not None
    path = Path(found).resolve()
    return ["java", "-jar", str(path)] if path.suffix == ".jar" else [str(path)]


@pytest.mark.epubcheck
def test_epubcheck_finds_nothing_and_the_contents_list_every_year(
        site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    command = epubcheck()
    out = tmp_path_factory.mktemp("epubcheck")
    # as `make epub`: sphinx-build -M epub, doctrees beside the output
    build = sphinx_build(site_source, out / "epub", "epub", "-W", "-d", str(out / "doctrees"))
    assert build.returncode == 0 and build.warnings == "", build.warnings
    book = next((out / "epub").glob("*.epub"))
    check = subprocess.run([*command, str(book)], capture_output=True, text=True, check=False)
    report = check.stdout + check.stderr
    assert check.returncode == 0, report
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    nav = BeautifulSoup((out / "epub" / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
    entries = [a["href"] for a in nav.select("nav > ol > li > a")]
    assert [f"years/{year}/index.xhtml" for year in sorted(YEARS, reverse=True)] == [
        href for href in entries if href.startswith("years/")]


@pytest.mark.skipif(not (LEGACY / "files" / "web").is_dir(),
                    reason="the legacy site with the original banners is not next to the repo")
def test_the_banner_tool_remakes_the_committed_banners(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "tools.banners", str(LEGACY / "files" / "web"),
                          str(tmp_path)], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    for name in ("water-top.jpg", "water-bottom.jpg"):
        with Image.open(tmp_path / name) as made, Image.open(REPO / "_static" / name) as kept:
            assert (made.format, made.size) == (kept.format, kept.size)
        assert (tmp_path / name).stat().st_size < 150 * 1024
