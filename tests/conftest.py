"""Shared fixtures: Sphinx's own testing fixtures, the real site built once, and tools.

Test roots live in ``tests/roots/test-*`` (small projects, the layout Sphinx's and
sphinxcontrib-bibtex's tests use).  Tests that need TeX or a browser skip on a developer
machine without them, but fail under ``CI=true``, where ``.ci/run`` installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
LEGACY = REPO.parent / "shared" / "legacy-site"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


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
    """Run the real ``sphinx-build`` the way a user does; warnings go to a file."""
    warnfile = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "--keep-going", "-q",
         "-w", str(warnfile), *extra, str(srcdir), str(outdir)],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    warnings = warnfile.read_text(encoding="utf-8") if warnfile.exists() else ""
    if result.returncode and not warnings:
        warnings = result.stderr
    return Build(outdir, result.returncode, warnings, result.stdout + result.stderr)


_NOT_SITE = {".git", ".venv", "_build", "tests", "bench", "files", ".pytest_cache",
             ".hypothesis"}


def _not_site(folder: str, names: list[str]) -> set[str]:
    skipped = {name for name in names if name == "__pycache__" or name.endswith(".pyc")}
    if Path(folder) == REPO:
        skipped |= _NOT_SITE & set(names)
    return skipped


def copy_site(target: Path) -> Path:
    """The site's sources copied to ``target``, to build there.

    A translated build writes compiled ``.mo`` files beside the ``.po`` files of
    ``locales/``, so a test never builds a language other than English in the checkout.
    """
    shutil.copytree(REPO, target, ignore=_not_site, symlinks=True)
    return target


@pytest.fixture(scope="session")
def site_html(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session with ``-W``."""
    out = tmp_path_factory.mktemp("site") / "html"
    return sphinx_build(REPO, out, "html", "-W")


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
