"""Export files never overwrite or crash into the rest of the output, before or after an edit.

A block's ``.ics``/``.json`` are named after its page, so the name can also be a page's
own output, a folder holding another page, a file of ``html_extra_path``, or longer than
a file name may be.  Each case is a located ``[schedule.export-name]`` warning and no
download for that block.  Which block keeps a name depends on the other pages, so after
adding or removing a page an incremental build (also with ``-j 2`` and ``dirhtml``)
links and writes the same files as a clean build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

ENV = {"PYTHONPATH": str(REPO)}
CONF = 'project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\nexclude_patterns = ["_build"]\n'
INDEX = "# Probe\n\n```{toctree}\n:glob:\n\n*\n*/index\nyears/*/*\n```\n"


def block(topic: str, dated: bool = True) -> str:
    term = "term:\n  name: T\n  first_day: 2030-02-20\n  weekday: Wed\n" if dated else ""
    return (f"```{{schedule}}\nyear: 2030\n{term}sections:\n  - title: F\n    weeks:\n"
            f"      - week: 1\n        topic: {topic}\n```\n")


def project(root: Path, pages: dict[str, str], conf: str = "") -> Path:
    srcdir = root / "src"
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    for name, text in pages.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def ours(warnings: str, srcdir: Path) -> list[str]:
    return sorted(line.replace(f"{srcdir}/", "") for line in warnings.splitlines()
                  if "[schedule." in line)


def output_page(name: str, builder: str) -> str:
    stem = name.removesuffix(".md")
    if builder == "dirhtml" and not stem.endswith("index"):
        return f"{stem}/index.html"
    return f"{stem}.html"


def downloads(outdir: Path, pages: dict[str, str] | None = None,
              builder: str = "html") -> dict[str, list[str]]:
    """Each page's download links, and each published JSON's page and topic (of the
    ``pages`` present, when given: Sphinx leaves a removed page's old output in place)."""
    found: dict[str, list[str]] = {}
    present = None if pages is None else {output_page(name, builder) for name in pages}
    for page in sorted(outdir.rglob("*.html")):
        if present is not None and page.relative_to(outdir).as_posix() not in present:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("a.schedule-download")]
        if links:
            found[page.relative_to(outdir).as_posix()] = links
    for data in sorted(outdir.rglob("*-2030*.json")):
        if not data.is_file() or ".doctrees" in data.parts:
            continue
        document = json.loads(data.read_text(encoding="utf-8"))
        found[data.relative_to(outdir).as_posix()] = [
            document["page"], document["schedule"]["sections"][0]["weeks"][0]["topic"]]
    return found


def test_an_export_beside_a_folder_page_of_its_name_is_refused(tmp_path: Path) -> None:
    srcdir = project(tmp_path, {"x.md": "# X\n\n" + block("x topic"),
                                "x-2030.json/index.md": "# Folder page\n",
                                "x-2030.ics/index.md": "# Folder page\n"})
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0 and "Exception" not in build.warnings, build.warnings
    assert ours(build.warnings, srcdir) == [
        f"x.md:4: WARNING: export file 'x-2030.{kind}' is also a folder of the output, "
        f"holding page 'x-2030.{kind}/index'; this block gets no download (rename this page, "
        "or give its schedule another 'year') [schedule.export-name]" for kind in ("ics", "json")]
    assert (tmp_path / "out/x-2030.json/index.html").is_file()
    assert downloads(tmp_path / "out") == {}


def test_a_folder_page_added_after_the_export_replaces_it(tmp_path: Path) -> None:
    srcdir = project(tmp_path, {"x.md": "# X\n\n" + block("x topic")})
    out = tmp_path / "out"
    first = sphinx_build(srcdir, out, "html", env=ENV)
    assert first.returncode == 0 and (out / "x-2030.json").is_file(), first.warnings
    (srcdir / "x-2030.json").mkdir()
    (srcdir / "x-2030.json/index.md").write_text("# Folder page\n", encoding="utf-8")
    second = sphinx_build(srcdir, out, "html", env=ENV)
    assert second.returncode == 0 and "Exception" not in second.warnings, second.warnings
    assert (out / "x-2030.json/index.html").is_file()
    assert downloads(out)["x.html"] == ["x-2030.ics"]  # the calendar's name is still free


def test_a_page_output_and_an_extra_file_are_not_overwritten(tmp_path: Path) -> None:
    srcdir = project(tmp_path, {
        "x.md": "# X\n\n" + block("x topic", dated=False),
        "x-2030.md": "# The page x-2030\n",
        "e.md": "# E\n\n" + block("e topic", dated=False),
        "extra/e-2030.json": '{"extra": true}\n'},
        'html_file_suffix = ".json"\nhtml_extra_path = ["extra"]\n')
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0, build.warnings
    assert ours(build.warnings, srcdir) == [
        "e.md:4: WARNING: export file 'e-2030.json' is also a file of html_extra_path "
        "('extra'); this block gets no download (rename this page, or give its schedule "
        "another 'year') [schedule.export-name]",
        "x.md:4: WARNING: export file 'x-2030.json' is also the output of page 'x-2030'; "
        "this block gets no download (rename this page, or give its schedule another "
        "'year') [schedule.export-name]"]
    assert "The page x-2030" in (tmp_path / "out/x-2030.json").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out/e-2030.json").read_text(encoding="utf-8")) == {
        "extra": True}


def test_an_export_name_too_long_for_the_file_system_is_a_warning(tmp_path: Path) -> None:
    name = "l" * 246  # the page (251 bytes) and "-2030.ics" (255) fit; "-2030.json" does not
    srcdir = project(tmp_path, {f"{name}.md": "# Long\n\n" + block("long topic")})
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0 and "Exception" not in build.warnings, build.warnings
    found = ours(build.warnings, srcdir)
    assert len(found) == 1 and found[0].startswith(
        f"{name}.md:4: WARNING: export file 'lll"), found
    assert found[0].endswith("has a name of 256 bytes, longer than a file system allows "
                             "(255); this block gets no download (give the page a shorter "
                             "name) [schedule.export-name]"), found
    assert len(found[0].split(": WARNING: ")[1]) < 400  # the name is quoted in part
    assert downloads(tmp_path / "out") == {f"{name}.html": [f"{name}-2030.ics"]}


@pytest.mark.parametrize(("builder", "jobs"), [
    ("html", "1"), pytest.param("html", "2", marks=pytest.mark.slow), ("dirhtml", "1")])
def test_adding_and_removing_the_owning_page_matches_a_clean_build(
        tmp_path: Path, builder: str, jobs: str) -> None:
    """years/2030/schedule.md first; its folder's index page takes the name, then goes."""
    pages = {"years/2030/schedule.md": "# Schedule\n\n" + block("from schedule"),
             "other.md": "# Other\n"}
    srcdir = project(tmp_path / "inc", pages)
    out = tmp_path / "inc" / "out"
    steps = [("add", "years/2030/index.md", "# Index\n\n" + block("from index")),
             ("remove", "years/2030/index.md", "")]
    assert sphinx_build(srcdir, out, builder, "-j", jobs, env=ENV).returncode == 0
    for number, (action, name, text) in enumerate(steps):
        if action == "add":
            (srcdir / name).write_text(text, encoding="utf-8")
            pages[name] = text
        else:
            (srcdir / name).unlink()
            del pages[name]
        incremental = sphinx_build(srcdir, out, builder, "-j", jobs, env=ENV)
        clean_src = project(tmp_path / f"clean-{number}", pages)
        clean = sphinx_build(clean_src, tmp_path / f"clean-{number}" / "out", builder,
                             "-j", jobs, env=ENV)
        assert incremental.returncode == clean.returncode == 0, incremental.warnings
        assert downloads(out, pages, builder) == downloads(clean.outdir, pages, builder), action
        assert ours(incremental.warnings, srcdir) == ours(clean.warnings, clean_src), action
    shutil.rmtree(tmp_path / "clean-0")
