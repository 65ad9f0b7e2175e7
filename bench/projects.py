"""Benchmark the stages that span pages: is each near linear in the project's size?

``blocks.py`` grows one block; the third hostile round found stages that grow with the
*project*: many dated blocks on one page or many dated pages in one folder (the export
owners were recomputed per block), many ``{schedule:paper}`` roles (each scanned every
object), many mistyped slides in a folder of many files (each compared with every file).
Each case is built by a real ``sphinx-build -b html`` at ``n`` and ``2n`` and its CPU
time compared: a linear case has a ratio near 2, a quadratic one near 4.  Not a timed
test: run ``python bench/projects.py`` (``--scale 0.1`` for a smoke run).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from blocks import CONF, HERE, build_cpu

BLOCK = ("```{{schedule}}\nyear: 2030\nterm:\n  first_day: 2030-02-18\n  weekday: Wed\n"
         "sections:\n  - title: S\n    weeks:\n      - week: 1\n        topic: T{i}\n"
         "{extra}```\n\n")


def _lecture(i: int, slides: str = "") -> str:
    return (f"        lectures:\n          - {{number: 1, title: L{i}"
            + (f", slides: \"files/ppt/2030/{slides}\"" if slides else "") + "}\n")


def write_case(case: str, n: int, srcdir: Path) -> None:
    """The project of ``case`` at size ``n`` (blocks, pages, roles or missing slides)."""
    shutil.rmtree(srcdir, ignore_errors=True)
    (srcdir / "years" / "2030").mkdir(parents=True)
    # no sidebar: the default theme's global contents on every page is quadratic in pages
    # by itself (Sphinx's, not the extension's), and would hide what this measures
    (srcdir / "conf.py").write_text(CONF + 'html_sidebars = {"**": []}\n', encoding="utf-8")
    index = "# Cases\n\n```{toctree}\n:glob:\n\nyears/*/*\n```\n\n"
    if case == "dated-blocks-one-page":
        index += "".join(BLOCK.format(i=i, extra="") for i in range(n))
    elif case == "dated-pages-one-folder":
        for i in range(n):
            (srcdir / "years" / "2030" / f"p{i}.md").write_text(
                f"# P{i}\n\n" + BLOCK.format(i=i, extra=""), encoding="utf-8")
    elif case == "paper-roles":
        readings = "".join(f"          - {{number: \"1-{i}\", title: R{i}}}\n" for i in range(n))
        index += BLOCK.format(i=0, extra="        papers:\n" + readings)
        index += "".join(f"{{schedule:paper}}`2030:1-{i}`\n" for i in range(n))
    elif case == "missing-slides":
        folder = srcdir / "files" / "ppt" / "2030"
        folder.mkdir(parents=True)
        for i in range(n):
            (folder / f"Lecture {i:05d} slides.pdf").write_bytes(b"%PDF-1.4\n")
        index += "".join(BLOCK.format(i=i, extra=_lecture(i, f"Lecture {i:05d} slidse.pdf"))
                         for i in range(n))
    else:
        raise ValueError(f"unknown case {case!r}")
    (srcdir / "index.md").write_text(index, encoding="utf-8")


CASES = {"dated-blocks-one-page": 640, "dated-pages-one-folder": 600, "paper-roles": 2400,
         "missing-slides": 960}
"""Each case and its larger size (``2n``), the sizes at which the round measured it."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--workdir", type=Path, default=HERE / "work" / "projects")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated")
    args = parser.parse_args(argv)
    print("| case | n | CPU s at n | CPU s at 2n | 2n / n |\n|---|---:|---:|---:|---:|")
    for case in args.cases.split(","):
        size = CASES[case]
        large = max(2, int(size * args.scale)) // 2 * 2
        cpu = {}
        for n in (large // 2, large):
            srcdir = args.workdir.resolve() / f"{case}-{n}" / "src"
            write_case(case, n, srcdir)
            cpu[n] = build_cpu(srcdir, srcdir.parent / "html", "html")
        small, big = cpu[large // 2], cpu[large]
        print(f"| {case} | {large // 2} | {small:.2f} | {big:.2f} | {big / small:.2f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
