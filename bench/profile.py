"""Where a clean build of a generated archive spends its time, by component.

Used to explain a missed benchmark target with evidence rather than a guess: it runs
one ``sphinx-build`` under :mod:`cProfile` and reports (1) own time grouped by package
(our ``_ext``, furo, MyST, docutils, Sphinx, PyYAML, pydantic, ...) and (2) the
cumulative time of the few calls the targets depend on (our directive and its steps,
furo's navigation tree, Sphinx's read and write phases).
"""

from __future__ import annotations

import argparse
import json
import pstats
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import FORMS, generate  # noqa: E402 - needs HERE on sys.path

# first matching path fragment names the component; order matters (sphinx/ last)
COMPONENTS = (
    ("/_ext/", "our extension (_ext)"), ("/furo/", "furo theme"),
    ("/myst_parser/", "MyST parser"), ("/markdown_it/", "markdown-it"),
    ("/docutils/", "docutils"), ("/jinja2/", "Jinja2 templates"), ("/bs4/", "BeautifulSoup"),
    ("/yaml/", "PyYAML"), ("/pydantic", "pydantic"), ("/snowballstemmer/", "search stemmer"),
    ("/sphinx_design/", "sphinx-design"), ("/sphinx/", "Sphinx"),
)
CALLS = (
    ("sphinx/builders/__init__.py", "read", "Sphinx: read phase"),
    ("sphinx/builders/__init__.py", "write", "Sphinx: write phase"),
    ("sphinx/environment/__init__.py", "get_and_resolve_doctree",
     "Sphinx: resolve doctrees (serial under -j)"),
    ("sphinx/builders/html/__init__.py", "write_doc_serialized",
     "Sphinx: search index feed (serial under -j)"),
    ("sphinx/builders/html/__init__.py", "write_doc", "Sphinx: HTML write_doc (parallel under -j)"),
    ("furo/__init__.py", "_compute_navigation_tree", "furo: sidebar navigation per page"),
    ("docutils/parsers/rst/directives/tables.py", "run", "docutils: list-table directive"),
    ("_ext/schedule/render/directive.py", "run", "_ext: {schedule} directive"),
    ("_ext/schedule/source/yaml_lines.py", "read_yaml", "_ext: read YAML"),
    ("_ext/schedule/source/validation.py", "validate", "_ext: pydantic validation"),
    ("_ext/schedule/checks/mistakes.py", "run_all", "_ext: checks"),
    ("_ext/schedule/render/tables.py", "build", "_ext: build table nodes"),
    ("_ext/outputs/publish.py", "write_exports", "_ext: .ics/.json exports"),
)


def component(filename: str) -> str:
    if filename == "~":
        return "built-ins (pickle, re, str, ...)"
    if filename.startswith("<frozen"):
        return "Python imports"
    for fragment, name in COMPONENTS:
        if fragment in filename:
            return name
    return "Python standard library and others"


def profile(workdir: Path, form: str, n: int) -> dict[str, Any]:
    root = workdir / f"profile-{form}-{n}"
    generate(root / "src", n, form)
    for name in ("html", "doctrees"):
        shutil.rmtree(root / name, ignore_errors=True)
    stats_file = root / "build.pstats"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "sphinx",
                    "-b", "html", "-q", "-j", "1", "-d", str(root / "doctrees"),
                    str(root / "src"), str(root / "html")], check=True)
    wall = time.perf_counter() - start
    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    own: dict[str, float] = {}
    total = 0.0
    for (filename, _, _), (_, _, tottime, _, _) in stats.items():
        own[component(filename)] = own.get(component(filename), 0.0) + tottime
        total += tottime
    calls = {}
    for suffix, function, label in CALLS:
        calls[label] = round(sum(cum for (filename, _, name), (_, _, _, cum, _) in stats.items()
                                 if filename.endswith(suffix) and name == function), 3)
    return {"form": form, "n": n, "profiled_wall_s": round(wall, 2),
            "profiled_cpu_s": round(total, 2), "j2_ceiling": j2_ceiling(calls, total),
            "own_time_by_component": {k: round(v, 2) for k, v in
                                      sorted(own.items(), key=lambda kv: -kv[1])},
            "cumulative_s": calls}


def j2_ceiling(calls: dict[str, float], total: float) -> dict[str, float]:
    """The best ``-j 2`` can do with Sphinx's scheme, from a ``-j 1`` profile.

    Sphinx reads in 2 worker processes, but writes with ``-j N`` in N - 1 workers: the
    main process resolves every doctree and feeds the search index (serial) while one
    worker runs ``write_doc`` (HTML translation and the theme's templates).  So at best
    the read phase halves and the write phase shrinks to the larger of the two parts.
    """
    read = calls["Sphinx: read phase"]
    write = calls["Sphinx: write phase"]
    serial = (calls["Sphinx: resolve doctrees (serial under -j)"]
              + calls["Sphinx: search index feed (serial under -j)"])
    worker = calls["Sphinx: HTML write_doc (parallel under -j)"]
    rest = total - read - write
    best = rest + read / 2 + max(serial, worker) + (write - serial - worker)
    return {"rest_s": round(rest, 2), "read_s": round(read, 2),
            "write_main_s": round(serial, 2), "write_worker_s": round(worker, 2),
            "best_speedup": round(total / best, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300")
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--workdir", type=Path, default=HERE / "work")
    parser.add_argument("--output", type=Path, default=HERE / "profile.json")
    args = parser.parse_args(argv)
    found = [profile(args.workdir, form, int(n)) for n in args.sizes.split(",")
             for form in args.forms.split(",")]
    args.output.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    for item in found:
        print(f"\n{item['form']}, {item['n']} pages: {item['profiled_wall_s']} s under cProfile")
        for name, seconds in item["own_time_by_component"].items():
            print(f"  own   {seconds:8.2f} s  {name}")
        for name, seconds in item["cumulative_s"].items():
            print(f"  cum   {seconds:8.2f} s  {name}")
        print(f"  -j 2 ceiling: {item['j2_ceiling']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
