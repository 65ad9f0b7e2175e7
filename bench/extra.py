"""The benchmark's other questions: what the extension costs by itself, what a no-op
rebuild costs, whether the navigation adapter's pages are furo's, and how long
``make live`` takes from saving a schedule to serving the page.

Used by :mod:`run`; each function takes the ``build`` helpers from there so every build
is measured the same way (a real ``sphinx-build`` subprocess, wall time and CPU time).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from generate import REPO, one_page

IGNORE = shutil.ignore_patterns(".git", "_build", ".venv", "bench", "tests", "__pycache__",
                                "*.pyc", ".pytest_cache", ".hypothesis", "files")
LIVE_PAGE = "years/2022/index"
LIVE_TEXT = "title: Data Representation"
"""The edit ``make live`` is timed on: one lecture title of the newest year."""


def real_site(target: Path) -> Path:
    """A copy of the real site (its own ``conf.py`` and ``_ext``): fixed for the run."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO, target, ignore=IGNORE)
    return target


def one_page_projects(workdir: Path, site: Path) -> tuple[Path, Path]:
    """The site's ``conf.py`` with only ``index.md``: with ``_ext`` and without it."""
    return (one_page(workdir / "one-page" / "src", site, with_ext=True),
            one_page(workdir / "one-page-no-ext" / "src", site, with_ext=False))


def html_pages(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def compare_pages(ours: Path, furos: Path) -> dict[str, Any]:
    """How many pages of the adapter's build are byte for byte furo's own."""
    mine, theirs = html_pages(ours), html_pages(furos)
    same = [name for name in mine if theirs.get(name) == mine[name]]
    differing = sorted(set(mine) ^ set(theirs) | {n for n in mine if n in theirs} - set(same))
    return {"pages": len(theirs), "identical": len(same), "differing": differing[:20]}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # localhost only
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def measure_live(src: Path, runs: int, log: Any, env: dict[str, str],
                 timeout: float = 120.0) -> dict[str, Any]:
    """Edit-to-preview of ``make live``: save a schedule, poll until the page has it.

    ``sphinx-autobuild`` is started on ``src`` the way the Makefile does; the time runs
    from the write of the changed ``.md`` file to the first response of the server that
    contains the new title (polled every 20 ms).
    """
    autobuild = Path(sys.executable).with_name("sphinx-autobuild")
    if not autobuild.exists():
        return {"status": "missing", "seconds": []}
    port = _free_port()
    outdir = src.parent / "live-html"
    shutil.rmtree(outdir, ignore_errors=True)
    page = src / f"{LIVE_PAGE}.md"
    original = page.read_text(encoding="utf-8")
    if LIVE_TEXT not in original:
        return {"status": f"cannot find {LIVE_TEXT!r} in {page}", "seconds": []}
    url = f"http://127.0.0.1:{port}/{LIVE_PAGE}.html"
    server = subprocess.Popen(
        [str(autobuild), "-b", "html", "-q", str(src), str(outdir), "--port", str(port),
         "--watch", str(src / "_ext")], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + timeout
        while _get(url) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                return {"status": "server did not start", "seconds": []}
            time.sleep(0.2)
        time.sleep(1.0)  # let the watcher settle after the first build
        for run in range(runs):
            new = f"title: Data Representation (edit {run + 1})"
            start = time.perf_counter()
            page.write_text(original.replace(LIVE_TEXT, new, 1), encoding="utf-8")
            while True:
                text = _get(url)
                if text is not None and f"Data Representation (edit {run + 1})" in text:
                    break
                if time.perf_counter() - start > timeout:
                    return {"status": "timed out", "seconds": seconds}
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
            log(f"  make live: edit {run + 1}/{runs} served after {seconds[-1]:.2f} s")
            time.sleep(1.0)
    finally:
        page.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return {"status": "ok", "seconds": [round(s, 3) for s in seconds]}
