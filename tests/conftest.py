"""Shared fixtures: Sphinx's own testing fixtures, the real site built once, and tools.

Test roots live in ``tests/roots/test-*`` (small projects, the layout Sphinx's and
sphinxcontrib-bibtex's tests use).  Tests that need TeX or a browser skip on a developer
machine without them, but fail under ``CI=true``, where ``.ci/run`` installs them; they
carry the ``tex`` or ``browser`` mark so ``make test-quick`` can leave them out.

No test writes into the checkout: the real site is built from a copy
(:func:`copy_site`, the ``site_source`` fixture), and :func:`checkout_is_left_alone`
fails the run when the checkout's files differ after the tests from before them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sphinx.locale
from bs4 import BeautifulSoup, NavigableString
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from sphinx.cmd.build import build_main

# Hypothesis keeps nothing in the checkout: no example database (the property tests are
# derandomised, so a failure shows again on the next run anyway) and its other caches in a
# folder of its own outside.
settings.register_profile("site", database=None)
settings.load_profile("site")
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
LEGACY = REPO.parent / "shared" / "legacy-site"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
YEARS: list[int] = sorted((int(page.parent.name) for page in REPO.glob("years/*/index.md")
                           if page.parent.name.isascii() and page.parent.name.isdigit()),
                          reverse=True)
"""The course years the checkout has (``years/<yyyy>/index.md``), newest first: what tests
of the real site expect, so they follow the course as it adds a year."""


# Not part of the site: version control, the virtual environment, build output, caches of
# test tools, the tests and the benchmark.  A local slides tree (``files/``) is copied.
NOT_SITE = frozenset({".git", ".venv", "_build", "tests", "bench", ".pytest_cache",
                      ".hypothesis"})
CACHES = frozenset({"__pycache__"})
"""What Python may write into the checkout (bytecode); pytest's cache is off (pyproject)."""


def copy_site(target: Path, source: Path = REPO) -> Path:
    """The site's sources as they are in the working tree (a year just started and not yet
    committed included) copied to ``target``, for a test to build or edit."""
    def skipped(folder: str, names: list[str]) -> set[str]:
        left_out = {name for name in names if name in CACHES or name.endswith(".pyc")}
        if Path(folder) == source:
            left_out |= NOT_SITE & set(names)
        return left_out

    shutil.copytree(source, target, ignore=skipped, symlinks=True)
    return target


def checkout_files() -> dict[str, tuple[int, int]]:
    """Every file of the checkout but caches and the virtual environment, with its size
    and modification time: what a test must leave as it found it."""
    found = {}
    for folder, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in CACHES and not (
            Path(folder) == REPO and d in {".git", ".venv"})]
        for name in files:
            path = Path(folder) / name
            stat = path.lstat()
            found[path.relative_to(REPO).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


@pytest.fixture(scope="session", autouse=True)
def checkout_is_left_alone() -> Iterator[None]:
    """After the last test: the checkout holds the same files, unchanged (an error at the
    end of the run names what a test wrote, changed or removed)."""
    before = checkout_files()
    yield
    after = checkout_files()
    changed = sorted(path for path in before.keys() & after.keys()
                     if before[path] != after[path])
    report = {"written": sorted(after.keys() - before.keys()),
              "removed": sorted(before.keys() - after.keys()), "changed": changed}
    assert not any(report.values()), f"the tests changed the checkout: {report}"


@pytest.fixture(scope="session")
def site_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site's sources, shared by the tests that build the real site."""
    return copy_site(tmp_path_factory.mktemp("site-source") / "src")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


# Tests that need a system tool are marked, so a quick run can leave them out
# (``make test-quick``: ``-m "not tex and not browser and not epubcheck and not bench"``).
# Tests using these fixtures are marked here; others carry the mark themselves.
FIXTURE_MARKS = {"browser": "browser", "handbook": "tex", "read_the_docs": "tex"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, mark in FIXTURE_MARKS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(mark)


def require_tool(*names: str) -> None:
    """Skip when a command is missing, except in CI where that is a failure."""
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        message = f"needs {', '.join(missing)} (installed by .ci/run)"
        if IN_CI:
            pytest.fail(message + " but CI=true", pytrace=False)
        pytest.skip(message)


@dataclass
class Build:
    """A finished sphinx-build run: where its output is and what it printed."""

    outdir: Path
    returncode: int
    warnings: str
    log: str = ""  # what the build printed besides its warnings (stdout and stderr)

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")

    def year_page(self, year: int) -> BeautifulSoup:
        """The built page of one course year, parsed."""
        return BeautifulSoup(self.page(f"years/{year}/index.html"), "html.parser")


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *extra: str,
                 env: dict[str, str] | None = None) -> Build:
    """Run ``sphinx-build`` the way a user does; warnings go to a file.

    It runs ``sphinx-build``'s own entry point (``build_main``) in this process, with
    ``env`` added to the environment while it runs: a new interpreter per build cost most
    of a quick test run in imports.  What a process would start afresh is reset first:
    Sphinx's translators (a Chinese build would otherwise leave its words to the next
    English one, the reset Sphinx's own test fixtures do too).  Tests of what happens in a
    fresh interpreter (imports, the command line) start one themselves.  A parallel build
    (``-j`` more than 1) forks its workers, which a test process with threads (pytest-
    xdist's) must not do: it runs in a new interpreter, as a user's does.
    """
    warnfile = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    args = ["-b", builder, "-n", "--keep-going", "-q", "-w", str(warnfile), *extra,
            str(srcdir), str(outdir)]
    if any(flag in ("-j", "--jobs") and jobs != "1" for flag, jobs in zip(extra, extra[1:])):
        result = subprocess.run([sys.executable, "-m", "sphinx", *args], capture_output=True,
                                text=True, env={**os.environ, **(env or {})}, check=False)
        returncode, out, err = result.returncode, result.stdout, result.stderr
    else:
        returncode, out, err = _build_here(args, env)
    warnings = warnfile.read_text(encoding="utf-8") if warnfile.exists() else ""
    if returncode and not warnings:
        warnings = err
    return Build(outdir, returncode, warnings, out + err)


def _build_here(args: list[str], env: dict[str, str] | None) -> tuple[int, str, str]:
    """``sphinx-build args`` in this process: its exit code, stdout and stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    saved_environ, saved_path = dict(os.environ), list(sys.path)
    os.environ.update(env or {})
    sphinx.locale.translators.clear()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            returncode = build_main(args)
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.path[:] = saved_path
        sphinx.locale.translators.clear()
    return returncode, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="session")
def site_html(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session with ``-W``."""
    out = tmp_path_factory.mktemp("site") / "html"
    return sphinx_build(site_source, out, "html", "-W")


def without_badges(html: str) -> BeautifulSoup:
    """A page without the "PDF"/"PPTX" badges of download links, for reading titles.

    The badge (``span.schedule-filetype``) follows the title after a space; both go.
    """
    soup = BeautifulSoup(html, "html.parser")
    for badge in soup.select("span.schedule-filetype"):
        before = badge.previous_sibling  # text ending in the space added with the badge
        if isinstance(before, NavigableString) and before.endswith(" "):
            before.replace_with(before[:-1])
        badge.decompose()
    return soup
