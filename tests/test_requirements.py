"""The lock files: what ``make html`` and ``make test`` install is what the ranges allow and
what the tests ran with.

``requirements*.in`` hold the ranges a person edits; ``requirements*.txt`` the exact
versions ``make lock`` (uv pip compile) chose from them, which ``make``, ``.ci/run`` and
Read the Docs install.  A range edited without ``make lock`` leaves a pin outside it, and a
virtual environment not reinstalled after a new lock runs other versions than CI: both
fail here, with the command that mends them.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

LOCKS = {"requirements.txt": ["pyproject.toml", "requirements.in"],
         "requirements-live.txt": ["pyproject.toml", "requirements.in", "requirements-live.in"],
         "requirements-test.txt": ["pyproject.toml", "requirements.in", "requirements-live.in",
                                   "requirements-test.in"]}
"""Each lock and where its ranges are written: the extension's own in pyproject.toml (its
``-e .`` line in requirements.in), the site's, the preview's and the tests' in
requirements*.in."""


def requirements(path: Path) -> list[Requirement]:
    """The requirements of a pip requirements file (options such as ``-c`` and ``-e`` left
    out), or of the package that pyproject.toml declares."""
    if path.name == "pyproject.toml":
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        return [Requirement(line) for line in project["dependencies"]]
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            found.append(Requirement(line))
    return found


def pins(lock: str) -> dict[str, Requirement]:
    found = {}
    for requirement in requirements(REPO / lock):
        (specifier,) = requirement.specifier  # exactly one "==" per locked package
        assert specifier.operator == "==", f"{lock}: {requirement} is not pinned"
        found[canonicalize_name(requirement.name)] = requirement
    return found


def pinned_version(requirement: Requirement) -> str:
    return next(iter(requirement.specifier)).version


@pytest.mark.parametrize(("lock", "sources"), LOCKS.items())
def test_every_range_is_pinned_inside_it(lock: str, sources: list[str]) -> None:
    locked = pins(lock)
    for source in sources:
        for wanted in requirements(REPO / source):
            name = canonicalize_name(wanted.name)
            assert name in locked, f"{name} of {source} is not in {lock}: run make lock"
            assert wanted.specifier.contains(pinned_version(locked[name]), prereleases=True), (
                f"{lock} pins {locked[name]} outside {source}'s {wanted}: run make lock")


@pytest.mark.parametrize("lock", ["requirements-live.txt", "requirements-test.txt"])
def test_the_preview_and_the_tests_run_with_the_runtime_pins(lock: str) -> None:
    runtime, wider = pins("requirements.txt"), pins(lock)
    assert runtime.keys() <= wider.keys()
    assert {name: pinned_version(pin) for name, pin in wider.items() if name in runtime} == {
        name: pinned_version(pin) for name, pin in runtime.items()}


def test_this_environment_has_the_locked_versions() -> None:
    """The tests run with what the lock says (``make test`` reinstalls after a new lock)."""
    wrong = {}
    for name, pin in pins("requirements-test.txt").items():
        if pin.marker is not None and not pin.marker.evaluate():
            continue  # another platform's package
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned_version(pin):
            wrong[name] = (installed, pinned_version(pin))
    assert not wrong, f"installed vs locked {wrong}: run make test-venv (or make upgrade)"
