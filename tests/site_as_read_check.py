"""Comparing a build with ``tests/expected/site/`` (written by ``tools.site_as_read``)."""

from __future__ import annotations

import difflib
from pathlib import Path

from tools.site_as_read import EXPECTED

EXPECTED_YEARS = sorted(int(folder.name) for folder in EXPECTED.iterdir()
                        if folder.is_dir() and folder.name.isdigit())
"""The years recorded as readers got them; a year added later is in no such list."""


def difference(name: str, expected: str, found: str, limit: int = 60) -> str:
    """An empty string when equal, else the start of a unified diff and what to do."""
    if expected == found:
        return ""
    lines = list(difflib.unified_diff(expected.splitlines(), found.splitlines(),
                                      f"expected/{name}", f"built/{name}", lineterm=""))
    return ("\n".join(lines[:limit]) + "\n(if this change is on purpose: "
            "make site-as-read, and commit the difference)")


def expected_files(year: int) -> dict[str, str]:
    folder: Path = EXPECTED / str(year)
    return {file.name: file.read_text(encoding="utf-8") for file in sorted(folder.iterdir())}
