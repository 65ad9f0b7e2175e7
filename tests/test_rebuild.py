"""A rebuild of an unchanged project reports no changed setting and rewrites nothing.

The extension publishes its styles and scripts (and those that sphinx-design appends to
``html_static_path`` at start-up) at ``write-started`` instead of changing
``html_static_path``, so the value Sphinx compares between builds is the one ``conf.py``
gives.  One message remains that no extension can avoid: furo registers its
``pygments_dark_style`` setting when the theme is loaded, which Sphinx 9 does after it has
compared the saved configuration with the new one, so the setting looks new on every
rebuild (the message changes nothing: Sphinx re-reads no document for it).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


FURO_LATE_SETTING = {"pygments_dark_style"}


def build(srcdir: Path, outdir: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going",
         str(srcdir), str(outdir)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def documents(out: Path) -> dict[Path, int]:
    """Modification times of the pages made from documents: each has its ``_sources`` copy
    (Sphinx always rewrites its generated ``genindex`` and ``search`` pages, the 404 page
    and the redirects of the old addresses are generated on every build too)."""
    sources = out / "_sources"
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.html")
            if any(sources.glob(p.relative_to(out).with_suffix("").as_posix() + ".*"))}


def changed_settings(log: str) -> set[str]:
    match = re.search(r"The configuration has changed \((.*)\)", log)
    return set(re.findall(r"'([^']+)'", match[1])) if match else set()


def test_noop_rebuild_reports_no_changed_setting(site_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    build(site_source, out)
    pages = documents(out)
    assert out / "years" / "2022" / "index.html" in pages and len(pages) >= 5, pages
    log = build(site_source, out)
    assert "0 added, 0 changed, 0 removed" in log
    assert changed_settings(log) <= FURO_LATE_SETTING, log
    assert "html_static_path" not in log
    # the styles of the extension and of sphinx-design are still published, and linked
    # from the pages that use them (a page without tabs or cards does not load
    # sphinx-design's, see _ext/site/pages.py)
    page = (out / "years" / "2022" / "index.html").read_text(encoding="utf-8")
    for name in ("schedule.css", "years.css", "sphinx-design.min.css", "design-tabs.js"):
        assert (out / "_static" / name).is_file(), name
    for name in ("schedule.css", "years.css"):
        assert re.search(rf'_static/{re.escape(name)}\?v=[0-9a-f]+"', page), name
    assert documents(out) == pages  # no document page was rewritten
