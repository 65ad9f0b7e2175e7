"""Benchmark one very large ``{schedule}`` block, stage by stage: is each stage linear?

``run.py`` measures archives of many ordinary pages; this measures the other direction a
hostile or careless page can take: one block with thousands of rows.  A step that is
quadratic in the block (``unique_id`` once tried ``-2``, ``-3`` ... one at a time, so 8,000
sections with one title took 109 s) stays invisible at the real site's size, so each
shape is measured at two sizes, ``n`` and ``2n``: a linear stage takes about twice as long
at ``2n`` (ratio 2), a quadratic one four times as long.

Shapes (every block has a dated term, so the calendar is made too):

* ``one-week``: ``n`` rows that all say ``week: 1`` (each a week-order warning);
* ``cycled-weeks``: ``n`` rows in sections of 60 weeks (weeks 1-60; a term has at most 60,
  so ``n`` distinct week numbers do not exist), the baseline for ``one-week``;
* ``one-title``: ``n`` sections with the same title, one row each (ids ``-2``, ``-3`` ...);
* ``distinct-titles``: ``n`` sections with different titles, the baseline for ``one-title``.

Stages are timed in this process with :func:`time.process_time` (CPU seconds, the fastest
of :data:`REPEAT` runs), calling
the extension's own functions in the order the directive and the writers do: read,
validate, checks, table nodes, calendar, JSON.  Then the whole page is built by a real
``sphinx-build`` (``html`` and ``latex``) whose CPU time comes from ``os.wait4``, so the
writers and Sphinx's own steps are covered too.  Results go to ``bench/blocks.json`` and
between the ``blocks`` markers of ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for folder in (REPO, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from readme import write_section  # noqa: E402 - bench/ is not a package

BEGIN, END = "<!-- blocks:begin -->", "<!-- blocks:end -->"
TERM = ("year: 2030\nterm:\n  first_day: 2030-02-18\n  weekday: Wed\n  start: \"15:10\"\n"
        "  end: \"18:00\"\n  weeks: 60\n")
CONF = ('project = "Block benchmark"\nextensions = ["myst_parser", "sphinx_course_schedule"]\n'
        'exclude_patterns = ["_build"]\n')


def _row(week: int, topic: str, lecture: int) -> str:
    return (f"      - week: {week}\n        topic: {topic}\n        lectures:\n"
            f"          - {{number: {lecture}, title: Lecture {lecture}}}\n")


def block(shape: str, n: int) -> str:
    """The YAML of one block of ``shape`` with ``n`` rows (or sections)."""
    parts = [TERM, "sections:\n"]
    if shape == "one-week":
        parts.append("  - title: Fundamentals\n    weeks:\n")
        parts += [_row(1, f"Row {i}", i + 1) for i in range(n)]
    elif shape == "cycled-weeks":
        for i in range(n):
            if i % 60 == 0:
                parts.append(f"  - title: Part {i // 60 + 1}\n    weeks:\n")
            parts.append(_row(i % 60 + 1, f"Row {i}", i + 1))
    elif shape in ("one-title", "distinct-titles"):
        for i in range(n):
            title = "Fundamentals" if shape == "one-title" else f"Part {i + 1}"
            parts.append(f"  - title: {title}\n    weeks:\n")
            parts.append(_row(1, f"Row {i}", i + 1))
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return "".join(parts)


SHAPES = {"one-week": 6000, "cycled-weeks": 6000, "one-title": 8000, "distinct-titles": 8000}
"""Each shape and its larger size (``2n``); the smaller is half of it."""
BASELINE = {"one-week": "cycled-weeks", "one-title": "distinct-titles"}


REPEAT = 3
"""Each in-process stage runs this many times and the fastest counts (as ``timeit`` does):
other load on a shared machine only ever adds time."""


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(REPEAT):
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
    return best, result


def stages(text: str) -> dict[str, float]:
    """CPU seconds of each stage of the extension on one block, in this process."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from sphinx_course_schedule.outputs.ical import build_calendar
    from sphinx_course_schedule.outputs.json_data import build_json
    from sphinx_course_schedule.schedule.checks import mistakes as checks
    from sphinx_course_schedule.schedule.calendar.week_dates import dated_weeks
    from sphinx_course_schedule.schedule.source.yaml_lines import read_yaml
    from sphinx_course_schedule.schedule.render.tables import TableBuilder
    from sphinx_course_schedule.schedule.source.validation import validate

    # the checks warn through Sphinx's logger; with no Sphinx app, drop the warnings
    sphinx_logger = logging.getLogger("sphinx")
    sphinx_logger.addHandler(logging.NullHandler())
    sphinx_logger.propagate = False
    found: dict[str, float] = {}
    found["read"], read = _timed(lambda: read_yaml(text, max_bytes=10**9, max_depth=20))
    found["validate"], (data, problems) = _timed(
        lambda: validate(read, first_line=0, source="bench.md"))
    assert data is not None, problems[:3]
    context = checks.CheckContext(year=2030, srcdir=HERE, files_dir="no-such-tree",
                                  slides_dir="files/ppt/{year}", docnames=frozenset({"index"}))
    found["checks"], _ = _timed(lambda: checks.run_all(data, context))
    settings = get_default_settings(Parser)

    def tables() -> Any:  # a fresh page each time: ids taken once must not be taken again
        return TableBuilder(headers=("Week", "Topic", "Lectures & materials"),
                            dates=dated_weeks(data),
                            document=new_document("bench", settings)).build(data)

    found["tables"], _ = _timed(tables)
    found["calendar"], _ = _timed(lambda: build_calendar(
        data, year=2030, docname="index", name="Bench", host="example.org", page_url=None))
    found["json"], _ = _timed(lambda: build_json(data, year=2030, docname="index", url=None,
                                                 calendar=None))
    return found


def build_cpu(srcdir: Path, outdir: Path, builder: str) -> float:
    """CPU seconds (user + system) of one clean ``sphinx-build`` of ``srcdir``."""
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-d",
               str(outdir / ".doctrees"), str(srcdir), str(outdir)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open(outdir.parent / f"{outdir.name}-stderr.txt", "w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"sphinx-build -b {builder} failed for {srcdir}")
    return usage.ru_utime + usage.ru_stime


def measure(shape: str, n: int, workdir: Path, builders: list[str]) -> dict[str, Any]:
    text = block(shape, n)
    found: dict[str, Any] = {"shape": shape, "n": n, "stages": stages(text)}
    srcdir = workdir / f"{shape}-{n}" / "src"
    shutil.rmtree(srcdir.parent, ignore_errors=True)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text(f"# Block\n\n```{{schedule}}\n{text}```\n",
                                     encoding="utf-8")
    found["builds"] = {name: build_cpu(srcdir, srcdir.parent / name, name) for name in builders}
    return found


def ratios(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each shape and stage: CPU at 2n over CPU at n (linear = 2)."""
    rows = []
    for shape in SHAPES:
        small, large = sorted((r for r in results if r["shape"] == shape), key=lambda r: r["n"])
        for kind in ("stages", "builds"):
            for name, seconds in large[kind].items():
                rows.append({"shape": shape, "step": name, "n": small["n"], "2n": large["n"],
                             "cpu_n": round(small[kind][name], 3),
                             "cpu_2n": round(seconds, 3),
                             "ratio": round(seconds / max(small[kind][name], 1e-6), 2)})
    return rows


def table(data: dict[str, Any]) -> str:
    lines = [(f"Measured {data['finished']}; Python {data['python']}, code: commit "
              f"{data['commit']}. CPU seconds; a linear step has a 2n/n ratio near 2, a "
              "quadratic one near 4 (steps under 0.05 s are noise)."), "",
             "| shape | step | n | CPU s at n | CPU s at 2n | 2n / n |",
             "|---|---|---:|---:|---:|---:|"]
    for row in data["ratios"]:
        lines.append(f"| {row['shape']} | {row['step']} | {row['n']} | {row['cpu_n']:.3f} | "
                     f"{row['cpu_2n']:.3f} | {row['ratio']:.2f} |")
    if not any("html" in r["builds"] for r in data["results"]):
        return "\n".join(lines)
    lines += ["", ("| same vs distinct (at 2n, whole html build) | CPU s | baseline CPU s | "
                   "ratio |"), "|---|---:|---:|---:|"]
    for shape, base in BASELINE.items():
        a = max((r for r in data["results"] if r["shape"] == shape), key=lambda r: r["n"])
        b = max((r for r in data["results"] if r["shape"] == base), key=lambda r: r["n"])
        if "html" in a["builds"] and "html" in b["builds"]:
            lines.append(f"| {shape} / {base} | {a['builds']['html']:.2f} | "
                         f"{b['builds']['html']:.2f} | "
                         f"{a['builds']['html'] / b['builds']['html']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every size (0.05 for a smoke run)")
    parser.add_argument("--builders", default="html,latex",
                        help="sphinx-build builders to time (comma-separated; empty: none)")
    parser.add_argument("--workdir", type=Path, default=HERE / "work" / "blocks")
    parser.add_argument("--output", type=Path, default=HERE / "blocks.json")
    parser.add_argument("--readme", type=Path, default=HERE / "README.md")
    args = parser.parse_args(argv)
    builders = [b for b in args.builders.split(",") if b.strip()]
    results = []
    for shape, size in SHAPES.items():
        large = max(2, int(size * args.scale)) // 2 * 2
        for n in (large // 2, large):
            results.append(measure(shape, n, args.workdir.resolve(), builders))
            timings = {**results[-1]["stages"], **results[-1]["builds"]}
            print(f"{shape} n={n}: " + ", ".join(f"{name} {seconds:.2f} s"
                                                  for name, seconds in timings.items()),
                  flush=True)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    data = {"finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "python": sys.version.split()[0], "commit": commit, "scale": args.scale,
            "results": results}
    data["ratios"] = ratios(results)
    args.output.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    text = table(data)
    write_section(args.readme, text, BEGIN, END)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
