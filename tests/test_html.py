"""HTML output: where slide links point, with and without a local ``files/`` tree."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


def _slides_href(app: SphinxTestApp) -> str:
    html = (app.outdir / "years" / "2030" / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("a.schedule-slides")["href"]


@pytest.mark.sphinx("html", testroot="local-files")
def test_local_files_are_copied_and_linked_relatively(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    href = _slides_href(app)
    assert href == "../../files/ppt/2030/Lecture%201%20Intro%20%26%20%E5%9F%BA%E7%A1%80.pdf"
    target = (app.outdir / "years" / "2030" / unquote(href)).resolve()
    assert target.read_text(encoding="utf-8") == "pdf bytes\n"


@pytest.mark.sphinx("html", testroot="local-files", srcdir="local-files-remote",
                    confoverrides={"schedule_files_dir": "no-such-tree"})
def test_without_local_files_links_go_to_the_original_site(app: SphinxTestApp) -> None:
    app.build()
    assert _slides_href(app) == ("https://deep-generative-models.github.io/files/ppt/2030/"
                                 "Lecture%201%20Intro%20%26%20%E5%9F%BA%E7%A1%80.pdf")
    assert not (app.outdir / "files").exists()


@pytest.mark.sphinx("html", testroot="local-files",
                    confoverrides={"schedule_files_dir": "no-such-tree",
                                   "schedule_files_base_url": "https://mirror.example.org/robots"})
def test_base_url_is_one_setting(app: SphinxTestApp) -> None:
    app.build()
    assert _slides_href(app).startswith("https://mirror.example.org/robots/files/ppt/2030/")


@pytest.mark.sphinx("dirhtml", testroot="local-files")
def test_relative_links_follow_the_builder_layout(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "years" / "2030" / "index.html").read_text(encoding="utf-8")
    href = BeautifulSoup(html, "html.parser").select_one("a.schedule-slides")["href"]
    assert (app.outdir / "years" / "2030" / unquote(href)).resolve().is_file()


@pytest.mark.sphinx("html", testroot="local-files")
def test_code_links_are_untouched_by_relinking(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "years" / "2030" / "index.html").read_text(encoding="utf-8")
    link = BeautifulSoup(html, "html.parser").select_one("li.schedule-material a")
    assert link["href"] == "https://github.com/example/code"
