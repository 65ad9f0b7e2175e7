"""The site is the same for its readers: each recorded year's page and exports.

``tests/expected/site/<year>/`` holds what a reader got of each year (``tools.site_as_read``
explains the views); refactoring the extension must not change it.  The PDF chapter is
compared in ``test_latex.py``, beside the handbook it is read from.
"""

from __future__ import annotations

import pytest
from conftest import Build
from site_as_read_check import EXPECTED_YEARS, difference, expected_files

from tools.site_as_read import views


@pytest.fixture(scope="module")
def built_views(site_html: Build) -> dict[int, dict[str, str]]:
    return views(site_html.outdir, pdf=None)


@pytest.mark.parametrize("year", EXPECTED_YEARS)
def test_a_recorded_year_reads_as_it_did(built_views: dict[int, dict[str, str]],
                                        year: int) -> None:
    assert year in built_views, (f"years/{year}/ is gone: remove tests/expected/site/{year}"
                                 " if that is on purpose")
    expected = {name: text for name, text in expected_files(year).items()
                if name != "handbook.txt"}
    found = built_views[year]
    assert sorted(found) == sorted(expected), "the year's exports are not the recorded ones"
    problems = [difference(f"{year}/{name}", text, found[name])
                for name, text in expected.items()]
    assert not any(problems), "\n".join(p for p in problems if p)


def test_the_comparison_sees_a_changed_cell(built_views: dict[int, dict[str, str]]) -> None:
    """The check would catch a changed word in a table row (it compares rows as text)."""
    year = EXPECTED_YEARS[-1]
    page = expected_files(year)["page.txt"]
    row = next(line for line in page.splitlines() if line.startswith("Week ") and " | " in line)
    changed = page.replace(row, row.replace(" | ", " | x", 1), 1)
    assert difference("page.txt", changed, built_views[year]["page.txt"])
    assert not difference("page.txt", page, built_views[year]["page.txt"])
