"""A build without a schedule does not load the schedule machinery.

The extension's fixed cost (the site's ``conf.py`` with one page, against the same
without ``_ext``) is measured by ``make bench``; this guards its cause: pydantic, the
models and icalendar load only when a page has a schedule (and icalendar only when a
dated one is exported).  A module-level import of any of them in a module that
``setup()`` imports brings the cost back.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402 - bench/ is not a package

HEAVY = ("pydantic", "icalendar", "sphinx_course_schedule.schedule.model.schedule",
         "sphinx_course_schedule.outputs.ical",
         "sphinx_course_schedule.outputs.json_data")


def loaded_after_build(srcdir: Path, outdir: Path) -> list[str]:
    script = textwrap.dedent(f"""
        import io, json, sys
        from sphinx.application import Sphinx
        app = Sphinx({str(srcdir)!r}, {str(srcdir)!r}, {str(outdir)!r},
                     {str(outdir / '.doctrees')!r}, "html", status=io.StringIO(),
                     warning=io.StringIO())
        app.build()
        print(json.dumps(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_one_page_build_loads_no_schedule_machinery(tmp_path: Path) -> None:
    src = generate.one_page(tmp_path / "src")
    assert loaded_after_build(src, tmp_path / "html") == []


def test_a_schedule_loads_it(tmp_path: Path) -> None:
    src = tmp_path / "src"
    generate.generate(src, 1, "directive")
    loaded = loaded_after_build(src, tmp_path / "html")
    assert "pydantic" in loaded and "sphinx_course_schedule.schedule.model.schedule" in loaded
