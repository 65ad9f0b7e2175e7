"""Where a schedule's links lead in each output, and that every link field is found.

A small course of its own (no address of this course anywhere) with a local slides
tree; each test builds it and follows the links as a reader would.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import sphinx_build
from sphinx_course_schedule.commands.new_year import new_year
from sphinx_course_schedule.schedule.model.value_types import MAX_LINK
from sphinx_course_schedule.schedule.links.walker import links, marked_fields
from sphinx_course_schedule.schedule.model.schedule import schedule_json_schema
from sphinx_course_schedule.schedule.links.hrefs import is_site_path

SCHEDULE = """\
year: 2030
sections:
  - title: Lectures
    weeks:
      - week: 1
        topic: Start
        lectures:
          - number: 1
            title: Intro
            slides: slides/2030/intro deck.pdf
        materials:
          - {label: Code, url: slides/2030/code.zip}
        papers:
          - title: A paper
            url: https://arxiv.org/abs/1312.6114
            slides: slides/2030/paper.pdf
            code:
              - {label: torch, url: slides/2030/paper-code.zip}
        projects:
          - title: A project
            slides: slides/2030/project.pdf
"""
FILES = ("intro deck.pdf", "code.zip", "paper.pdf", "paper-code.zip", "project.pdf")
SITE_PATHS = 5  # site paths in SCHEDULE (and one web address)


def course(root: Path, conf: str = "") -> Path:
    (root / "years" / "2030").mkdir(parents=True)
    (root / "conf.py").write_text(textwrap.dedent("""\
        project = "Robot Learning"
        extensions = ["myst_parser", "sphinx_course_schedule"]
        schedule_files_dir = "slides"
        schedule_slides_dir = "slides/{year}"
        exclude_patterns = ["_build"]
        """) + conf, encoding="utf-8")
    (root / "index.md").write_text("# Robot Learning\n\n```{toctree}\nyears/2030/index\n```\n",
                                   encoding="utf-8")
    (root / "years" / "2030" / "index.md").write_text(
        f"# Fall 2030\n\n```{{schedule}}\n{SCHEDULE}```\n", encoding="utf-8")
    (root / "slides" / "2030").mkdir(parents=True)
    for name in FILES:
        (root / "slides" / "2030" / name).write_bytes(b"%PDF-1.4\n")
    return root


def test_the_walker_finds_every_link_field_the_published_schema_has() -> None:
    """The schema gives every link field the link's length bound; the walker finds them
    all through the marker, and the test course has a site path in each."""
    defs = schedule_json_schema()["$defs"]
    in_schema = {(model, name) for model, schema in defs.items()
                 for name, field in schema.get("properties", {}).items()
                 if field.get("maxLength") == MAX_LINK}
    assert in_schema and marked_fields() == in_schema
    found = {(found.model.__name__, found.field) for found in links(yaml.safe_load(SCHEDULE))}
    assert found == in_schema  # the course below has a link in every link field
    assert len([1 for found in links(yaml.safe_load(SCHEDULE))
                if is_site_path(found.value)]) == SITE_PATHS


@pytest.mark.parametrize(("builder", "page"), [("html", "years/2030/index.html"),
                                               ("dirhtml", "years/2030/index.html"),
                                               ("singlehtml", "index.html")])
def test_web_pages_link_local_files_relatively_under_any_path(
        tmp_path: Path, builder: str, page: str) -> None:
    build = sphinx_build(course(tmp_path / "src"), tmp_path / "out", builder, "-W")
    assert build.returncode == 0, build.warnings
    soup = BeautifulSoup(build.page(page), "html.parser")
    hrefs = [a["href"] for a in soup.select("table li a") if "arxiv" not in a["href"]]
    assert len(hrefs) == SITE_PATHS
    # the page served at /a/b/ (dirhtml's pages are their folder)
    served = page.removesuffix("index.html") if builder == "dirhtml" else page
    for href in hrefs:
        assert not urlsplit(href).scheme and not href.startswith("/"), href
        opened = urlsplit(urljoin(f"https://example.org/a/b/{served}", href)).path
        assert opened.startswith("/a/b/"), href
        assert (tmp_path / "out" / unquote(opened.removeprefix("/a/b/"))).is_file(), href
    everything = " ".join(path.read_text(encoding="utf-8", errors="replace")
                          for path in (tmp_path / "out").rglob("*")
                          if path.is_file() and path.suffix in (".html", ".json", ".js"))
    assert "deep-generative-models" not in everything


def test_the_pdf_links_the_site_address_or_the_path_from_the_site_root(tmp_path: Path) -> None:
    known = sphinx_build(course(tmp_path / "a", 'html_baseurl = "https://example.edu/rl/"\n'),
                         tmp_path / "a-out", "latex", "-W")
    assert known.returncode == 0, known.warnings
    tex = next((tmp_path / "a-out").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://example.edu/rl/slides/2030/intro\%20deck.pdf}" in tex
    unknown = sphinx_build(course(tmp_path / "b"), tmp_path / "b-out", "latex", "-W")
    assert unknown.returncode == 0, unknown.warnings
    tex = next((tmp_path / "b-out").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{slides/2030/intro\%20deck.pdf}" in tex
    assert "deep-generative-models" not in tex


def test_the_files_base_url_comes_before_the_site_address_in_print(tmp_path: Path) -> None:
    conf = ('html_baseurl = "https://example.edu/rl/"\n'
            'schedule_files_base_url = "https://files.example.edu/"\n')
    build = sphinx_build(course(tmp_path / "a", conf), tmp_path / "out", "latex", "-W")
    assert build.returncode == 0, build.warnings
    tex = next((tmp_path / "out").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://files.example.edu/slides/2030/paper.pdf}" in tex


def test_exports_carry_every_link_absolute_when_the_address_is_known(tmp_path: Path) -> None:
    conf = 'html_baseurl = "https://example.edu/rl/"\n'
    build = sphinx_build(course(tmp_path / "src", conf), tmp_path / "out", "html", "-W")
    assert build.returncode == 0, build.warnings
    data = json.loads(build.page("years/2030/schedule-2030.json"))
    values = [found.value for found in links(data["schedule"])]
    assert len(values) == SITE_PATHS + 1
    assert all(value.startswith("https://") for value in values), values
    assert "https://example.edu/rl/slides/2030/intro%20deck.pdf" in values
    assert data["url"] == "https://example.edu/rl/years/2030/index.html"


def test_exports_keep_site_paths_as_written_without_an_address(tmp_path: Path) -> None:
    build = sphinx_build(course(tmp_path / "src"), tmp_path / "out", "html", "-W")
    assert build.returncode == 0, build.warnings
    data = json.loads(build.page("years/2030/schedule-2030.json"))
    values = {found.value for found in links(data["schedule"])}
    assert "slides/2030/intro deck.pdf" in values and data["url"] is None


def test_new_term_clears_an_old_file_in_every_link_field(tmp_path: Path) -> None:
    course(tmp_path)
    new_year(tmp_path, 2030, 2031, slides_dir="slides/{year}")
    text = (tmp_path / "years" / "2031" / "index.md").read_text(encoding="utf-8")
    assert "slides/2030" not in text
    assert "Intro" in text  # the lecture stays, without last year's slides


@pytest.mark.epubcheck
def test_the_ebook_without_an_address_passes_epubcheck(tmp_path: Path) -> None:
    from test_publishing import epubcheck

    command = epubcheck()
    build = sphinx_build(course(tmp_path / "src"), tmp_path / "out", "epub", "-W",
                         "-d", str(tmp_path / "doctrees"), "-D", "version=1",
                         "-D", "copyright=2030")
    assert build.returncode == 0, build.warnings
    page = BeautifulSoup((tmp_path / "out" / "years" / "2030" / "index.xhtml").read_text(
        encoding="utf-8"), "html.parser")
    assert not [a for a in page.select("table a") if "slides/" in a.get("href", "")]
    assert "Intro" in page.select_one("table").get_text()
    book = next((tmp_path / "out").glob("*.epub"))
    check = subprocess.run([*command, str(book)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_sphinx_linkcheck_sees_every_schedule_link(tmp_path: Path) -> None:
    """Staff check the slides' addresses with Sphinx's own ``linkcheck``: it is given
    every link of the schedule, site paths at the site's address (nothing is fetched:
    every address is ignored, and output.json still lists each one it was given)."""
    src = course(tmp_path / "src", 'html_baseurl = "https://example.edu/rl/"\n'
                 'linkcheck_ignore = [r".*"]\n')
    build = sphinx_build(src, tmp_path / "out", "linkcheck")
    assert build.returncode == 0, build.warnings
    checked = {json.loads(line)["uri"]
               for line in (tmp_path / "out" / "output.json").read_text().splitlines()}
    assert "https://arxiv.org/abs/1312.6114" in checked
    assert "https://example.edu/rl/slides/2030/intro%20deck.pdf" in checked
    assert len({uri for uri in checked if uri.startswith("https://example.edu/rl/slides/")}
               ) == SITE_PATHS
