"""The benchmark compares like with like and writes results a reader can use.

Not a timing test (speed is only measured by ``make bench``): it checks that the
hand-written pages render the same tables as the directive, that both forms build
without a warning, and that a tiny benchmark run writes ``results.json`` and the README
table with the machine description.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, sphinx_build

sys.path.insert(0, str(REPO / "bench"))

pytestmark = pytest.mark.bench

import blocks  # noqa: E402 - bench/ is not a package
import generate  # noqa: E402
import run  # noqa: E402


def _tables(html: Path) -> list[dict[str, object]]:
    """What a reader sees of each schedule table: caption, cells, anchors, links."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for badge in soup.select("span.schedule-filetype"):  # the directive's "PDF" badges
        badge.decompose()
    found = []
    for table in soup.select("div.schedule table"):
        rows = []
        for tr in table.select("tr"):
            rows.append([(cell.name, cell.get_text(" ", strip=True),
                          [a["href"] for a in cell.select("a")],
                          [e["id"] for e in cell.select("[id]")],
                          [li.get_text(" ", strip=True) for li in cell.select("li")])
                         for cell in tr.find_all(["th", "td"])])
        found.append({"caption": table.caption.get_text(strip=True).rstrip("¶"),
                      "classes": table["class"], "rows": rows})
    return found


def test_both_forms_render_the_same_tables(tmp_path: Path) -> None:
    pages = {}
    for form in generate.FORMS:
        generate.generate(tmp_path / form, 2, form)
        build = sphinx_build(tmp_path / form, tmp_path / f"{form}-html")
        assert build.returncode == 0 and build.warnings == ""
        pages[form] = _tables(build.outdir / "years" / "2001" / "index.html")
    directive, hand = pages["directive"], pages["hand"]
    assert [t["caption"] for t in directive] == ["Fundamentals", "Research & Application",
                                                 "Practices"]
    assert sum(len(t["rows"]) - 1 for t in directive) == generate.WEEKS
    assert hand == directive
    first_week = directive[0]["rows"][1]
    assert first_week[0][:2] == ("th", "Week 1") and first_week[0][3] == ["week-1"]
    assert len(first_week[2][4]) == generate.LECTURES_PER_WEEK
    assert first_week[2][2][0] == ("https://deep-generative-models.github.io/files/ppt/2001/"
                                   "Lecture%201%20Introduction%20%26%20Practice%201.pdf")


def test_generate_refuses_an_unknown_form(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="form must be one of"):
        generate.generate(tmp_path, 1, "latex")


def test_a_tiny_run_writes_results_and_the_readme_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmark\n\nKept prose.\n\n<!-- results:begin -->\nold\n"
                      "<!-- results:end -->\n\nMore prose.\n", encoding="utf-8")
    output = tmp_path / "results.json"
    argv = ["--sizes", "1,2", "--runs", "1", "--no-pdf", "--jobs", "2", "--fixed-runs", "1",
            "--no-real-site", "--workdir", str(tmp_path / "w"),
            "--output", str(output), "--readme", str(readme)]
    assert run.main(argv) == 0
    results = json.loads(output.read_text(encoding="utf-8"))
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["memory_gb"] > 0
    assert machine["python"].count(".") == 2 and machine["sphinx"]
    kinds = {(b["form"], b["n"], b["jobs"], b["kind"]) for b in results["builds"]}
    assert kinds == {("directive", 1, 1, "clean"), ("hand", 1, 1, "clean"),
                     ("directive", 2, 1, "clean"), ("hand", 2, 1, "clean"),
                     ("directive", 1, 1, run.BASIC_THEME), ("directive", 2, 1, run.BASIC_THEME),
                     ("directive", 2, 2, "clean"), ("directive", 2, 1, "incremental"),
                     ("one-page", 1, 1, "clean"), ("one-page-no-ext", 1, 1, "clean"),
                     ("directive", 2, 1, run.FURO_NAVIGATION)}
    for build in results["builds"]:
        assert build["median_s"] > 0 and build["max_peak_rss_mb"] > 10
        assert build["warnings"] == 0
    assert set(results["ratios"]["directive_vs_hand"]) == {"1", "2"}
    assert set(results["targets"]) == set(run.TARGETS)
    assert all(isinstance(t["met"], bool) for t in results["targets"].values())
    assert results["pdf"]["status"] == "skipped"
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmark\n\nKept prose.\n") and text.endswith("More prose.\n")
    assert "old" not in text and text.count("<!-- results:begin -->") == 1
    assert machine["cpu"] in text and "| 2 | directive | 2 | clean |" in text
    assert "| directive / hand-written, 2 pages |" in text
    assert "| 2/1 pages, directive, basic theme (diagnosis) (linear = 2) |" in text
    assert "| one page, site's conf.py with `_ext` / without (fixed cost) |" in text
    # the navigation adapter's pages are furo's own, at -j 1 and -j 2
    for jobs in (1, 2):  # every page: the year pages, landing page, 404 and redirect pages
        found = re.search(r"\| navigation adapter: pages byte-identical to furo's own, "
                          rf"2 pages, -j {jobs} \| (\d+)/(\d+) \|", text)
        assert found and found[1] == found[2] and int(found[1]) >= 5, jobs


def test_the_block_benchmark_measures_every_stage_at_two_sizes(tmp_path: Path) -> None:
    """A tiny run of ``bench/blocks.py``: every shape builds, every stage is reported."""
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmark\n\n<!-- blocks:begin -->\nold\n<!-- blocks:end -->\n",
                      encoding="utf-8")
    output = tmp_path / "blocks.json"
    argv = ["--scale", "0.002", "--builders", "html", "--workdir", str(tmp_path / "w"),
            "--output", str(output), "--readme", str(readme)]
    assert blocks.main(argv) == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert {(r["shape"], r["n"]) for r in data["results"]} == {
        ("one-week", 6), ("one-week", 12), ("cycled-weeks", 6), ("cycled-weeks", 12),
        ("one-title", 8), ("one-title", 16), ("distinct-titles", 8), ("distinct-titles", 16)}
    steps = {"read", "validate", "checks", "tables", "calendar", "json", "html"}
    for shape in blocks.SHAPES:
        assert {r["step"] for r in data["ratios"] if r["shape"] == shape} == steps
    # the blocks are what they say: one-week repeats week 1, one-title one title
    assert blocks.block("one-week", 3).count("week: 1\n") == 3
    assert blocks.block("one-title", 3).count("title: Fundamentals") == 3
    text = readme.read_text(encoding="utf-8")
    assert "old" not in text and "| one-title | tables | 8 |" in text
    assert "| one-week / cycled-weeks |" in text
