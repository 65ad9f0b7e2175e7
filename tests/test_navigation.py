"""The sidebar navigation rendered once per build is byte for byte furo's own.

``_ext/site/navigation.py`` replaces furo's per-page work (an O(N) toctree and a
BeautifulSoup pass for each of N pages) by one template per build.  These tests build
the same project with the adapter (the default) and with ``site_navigation_cache=0``
(furo's own path) and compare every HTML page byte for byte: the real site, and a
generated archive with nested, hidden, repeated and external toctree entries, with
``-j 1`` and ``-j 2`` and with the ``dirhtml`` builder.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, sphinx_build

sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 - bench/ is not a package

FURO = ("-D", "site_navigation_cache=0")


def html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def assert_same_pages(ours: Path, furos: Path) -> None:
    mine, theirs = html_files(ours), html_files(furos)
    assert sorted(mine) == sorted(theirs)
    differing = [name for name in mine if mine[name] != theirs[name]]
    assert differing == [], f"pages whose HTML differs from furo's own: {differing[:10]}"


def sidebar(outdir: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    tree = soup.select_one("div.sidebar-tree")
    assert tree is not None
    return tree


def build_pair(srcdir: Path, out: Path, *extra: str) -> tuple[Path, Path]:
    ours = sphinx_build(srcdir, out / "ours", "html", *extra)
    furos = sphinx_build(srcdir, out / "furo", "html", *extra, *FURO)
    assert ours.returncode == 0 and ours.warnings == "", ours.warnings
    assert furos.returncode == 0 and furos.warnings == "", furos.warnings
    return ours.outdir, furos.outdir


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_real_site_pages_equal_furos(site_source: Path, tmp_path: Path, jobs: str) -> None:
    ours, furos = build_pair(site_source, tmp_path, "-j", jobs)
    assert_same_pages(ours, furos)
    # the comparison is about a tree that marks the page: 2021 is current, 2022 is not
    tree = sidebar(ours, "years/2021/index.html")
    current = tree.select_one("li.current-page > a")
    assert current is not None and current["href"] == "#"
    assert "Spring 2021" in current.get_text()
    assert tree.select_one('a[href="../2022/index.html"]') is not None
    guide = sidebar(ours, "guide/demo-schedule.html")
    assert guide.select_one("input.toctree-checkbox[checked]") is not None


def archive(srcdir: Path, pages: int) -> Path:
    """A generated archive plus a nested, a hidden, a repeated and an external entry."""
    generate.generate(srcdir, pages, "directive")
    index = srcdir / "index.md"
    first = generate.year_of(0)
    index.write_text(index.read_text(encoding="utf-8") + (
        "\n```{toctree}\n:caption: More\n:hidden:\n\nstaff/index\n"
        f"years/{first}/index\nhttps://example.org/\n```\n"), encoding="utf-8")
    (srcdir / "staff").mkdir()
    (srcdir / "staff" / "index.md").write_text(
        "# Staff & helpers\n\n```{toctree}\n\nnotes\ndeep/index\n```\n", encoding="utf-8")
    (srcdir / "staff" / "notes.md").write_text("# Notes <on> \"quotes\"\n", encoding="utf-8")
    (srcdir / "staff" / "deep").mkdir()
    (srcdir / "staff" / "deep" / "index.md").write_text(
        "# Deeper\n\n```{toctree}\n\nleaf\n```\n", encoding="utf-8")
    (srcdir / "staff" / "deep" / "leaf.md").write_text("# Leaf\n", encoding="utf-8")
    return srcdir


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_generated_archive_pages_equal_furos(tmp_path: Path, jobs: str) -> None:
    src = archive(tmp_path / "src", 24)
    ours, furos = build_pair(src, tmp_path, "-j", jobs)
    assert_same_pages(ours, furos)
    tree = sidebar(ours, "staff/deep/leaf.html")
    # the page and its ancestors are current and their checkboxes ticked
    assert [li.a.get_text() for li in tree.select("li.current")] == [
        "Staff & helpers", "Deeper", "Leaf"]
    assert len(tree.select("input.toctree-checkbox[checked]")) == 2
    assert tree.select_one("li.current-page > a")["href"] == "#"
    # a page listed twice is current in both places
    first = sidebar(ours, f"years/{generate.year_of(0)}/index.html")
    assert len(first.select("li.current")) == 2


@pytest.mark.slow
def test_dirhtml_pages_equal_furos(tmp_path: Path) -> None:
    src = archive(tmp_path / "src", 5)
    ours = sphinx_build(src, tmp_path / "ours", "dirhtml")
    furos = sphinx_build(src, tmp_path / "furo", "dirhtml", *FURO)
    assert ours.returncode == 0 and furos.returncode == 0
    assert_same_pages(ours.outdir, furos.outdir)


def test_untested_furo_falls_back_and_says_so_once(
        make_app: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sphinx_course_schedule.site import navigation

    src = archive(tmp_path / "src", 3)
    shutil.rmtree(src / "_static")  # the test app's output sits in src; keep it small
    (src / "_static").mkdir()
    monkeypatch.setattr(navigation, "TESTED", {"furo": ("0.0",), "sphinx": ((9, 0),)})
    status = io.StringIO()
    app = make_app("html", srcdir=src, status=status, warning=io.StringIO())
    app.build()
    log = status.getvalue()
    assert log.count("navigation cache off:") == 1
    assert "untested, furo builds the sidebar itself" in log
    tree = sidebar(Path(app.outdir), "staff/deep/leaf.html")
    assert tree.select_one("li.current-page > a").get_text() == "Leaf"
