"""The schedule checks warn at the offending item's line, and each can be silenced.

The ``checks`` root holds the legacy pages' real slips (2022 Week 10 links a 2020 file
and reuses Lecture 26's file for Lecture 29-30; a 2020 project's slides sit at the site
root) plus a 2030 page with one of every ordering mistake.  ``checks-files`` has a local
``files/`` tree with one file present and two missing.  Every test compares the exact
warning lines a user sees.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import REPO, sphinx_build

ROOTS = Path(__file__).parent / "roots"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

W2020 = "years/2020/index.md"
W2022 = "years/2022/index.md"
W2030 = "years/2030/index.md"


def _line(page: str, line: int, message: str, subtype: str) -> str:
    return f"{page}:{line}: WARNING: {message} [schedule.{subtype}]"


# Real legacy data: 2022 Week 10 and a 2020 project.
OTHER_YEAR_2022 = _line(
    W2022, 24, "slides path 'files/ppt/2020/Lecture 25 Discreteness in Generative Models - "
    "Discrete Sequence Generation.pdf' is in the 2020 folder but this is the 2022 schedule; "
    "expected a path under files/ppt/2022/", "slides-other-year")
REUSED_2022 = _line(
    W2022, 27, "slides 'files/ppt/2022/Lecture 26 Application - X learning.pdf' are already "
    "linked at line 15 for 'Lecture 26: X Learning'; each lecture or reading needs its own "
    "file (lectures sharing one file are written as one entry with 'parts')", "slides-reused")
ORDER_2022 = _line(W2022, 27, "Lecture 29-30 overlaps Lecture 28-29 before it; expected "
                   "Lecture 30 next", "lecture-order")
OTHER_YEAR_2020 = _line(
    W2020, 15, "slides path '15-8_蒋鸿达_IM-NET.pptx' is outside this year's folder; "
    "expected a path under files/ppt/2020/", "slides-other-year")
# The 2030 page: one of each ordering mistake, a refused link and a reused reading file.
SCHEME_2030 = _line(W2030, 30, "link 'javascript:alert(1)' uses the scheme 'javascript:'; "
                    "expected http, https, mailto or a relative path (not rendered as a link)",
                    "link-scheme")
REUSED_2030 = _line(
    W2030, 41, "slides 'files/ppt/2030/5-1 StructureNet.pptx' are already linked at line 38 "
    "for '5-1 StructureNet'; each lecture or reading needs its own file (lectures sharing "
    "one file are written as one entry with 'parts')", "slides-reused")
SKIP_2030 = _line(W2030, 19, "Lecture 5 skips a number after Lecture 3 (no Lecture 4); "
                  "expected Lecture 4 next", "lecture-order")
BACKWARDS_2030 = _line(W2030, 24, "Lecture 4 goes backwards after Lecture 5; expected "
                       "Lecture 6 next", "lecture-order")
WEEK_ORDER_2030 = _line(W2030, 26, "Week 2 comes after Week 3; weeks must be in increasing "
                        "order", "week-order")
WEEK_TWICE_2030 = _line(W2030, 31, "Week 3 appears twice (first at line 21); each week has "
                        "one row", "week-order")
WEEK_RANGE_2030 = _line(W2030, 35, "Week 5 is outside the term's 4 weeks; set term.weeks if "
                        "the term is longer", "week-order")

ALL = [OTHER_YEAR_2020, OTHER_YEAR_2022, REUSED_2022, ORDER_2022, SCHEME_2030, REUSED_2030,
       SKIP_2030, BACKWARDS_2030, WEEK_ORDER_2030, WEEK_TWICE_2030, WEEK_RANGE_2030]

# at the slides: / url: line; no "did you mean" for a file that is not close (Lecture 1's)
MISSING_SLIDES = _line("index.md", 16, "slides 'files/ppt/2030/Lecture 2 Data "
                       "Representation.pdf': no such file in the local 'files/ppt/2030/' "
                       "folder; add the file or fix the path", "slides-missing")
MISSING_ZIP = _line("index.md", 19, "link 'files/ppt/2030/Lecture 2 Code.zip': no such file "
                    "in the local 'files/ppt/2030/' folder; add the file or fix the path",
                    "slides-missing")


def copy_root(tmp_path: Path, name: str) -> Path:
    """A private copy of a test root, its ``conf.py`` pointing at this repository."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{name}", src)
    conf = src / "conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
                    + conf.read_text(encoding="utf-8"), encoding="utf-8")
    return src


Builder = Callable[..., list[str]]


@pytest.fixture
def warnings_of(make_app: Callable[..., Any]) -> Builder:
    """Build ``src`` and return its warning lines with paths relative to ``src``."""
    def build(src: Path, **confoverrides: Any) -> list[str]:
        app = make_app("html", srcdir=src, confoverrides=confoverrides)
        app.build()
        text = ANSI.sub("", app.warning.getvalue())
        return sorted(line.replace(f"{src}/", "") for line in text.splitlines() if line)
    return build


def acknowledge(src: Path, page: str, line: int, *subtypes: str) -> None:
    """Add ``acknowledge: {subtype: ...}`` to the item starting at ``line`` of ``page``."""
    path = src / page
    lines = path.read_text(encoding="utf-8").split("\n")
    item = lines[line - 1]
    indent = len(item) - len(item.lstrip(" -"))
    entries = ", ".join(f'{subtype}: "kept on purpose"' for subtype in subtypes)
    lines.insert(line, " " * indent + f"acknowledge: {{{entries}}}")
    path.write_text("\n".join(lines), encoding="utf-8")


def shifted(expected: list[str], page: str, after: int) -> list[str]:
    """``expected`` with lines of ``page`` below ``after`` moved down by one.

    Both the warning's own line and a line named in its message ("at line 38") move.
    """
    def down(number: str) -> str:
        return str(int(number) + 1) if int(number) > after else number

    def move(warning: str) -> str:
        name, line, rest = warning.split(":", 2)
        if name != page:
            return warning
        rest = re.sub(r"(?<=at line )\d+", lambda m: down(m[0]), rest)
        return f"{name}:{down(line)}:{rest}"
    return sorted(move(w) for w in expected)


def test_real_2022_week_10_is_flagged(tmp_path: Path, warnings_of: Builder) -> None:
    """Lecture 28-29 links a 2020 file; Lecture 29-30 reuses Lecture 26's and overlaps."""
    found = warnings_of(copy_root(tmp_path, "checks"))
    assert [w for w in found if w.startswith(W2022)] == sorted(
        [OTHER_YEAR_2022, REUSED_2022, ORDER_2022])


def test_legacy_root_level_project_slides_are_flagged(tmp_path: Path,
                                                      warnings_of: Builder) -> None:
    found = warnings_of(copy_root(tmp_path, "checks"))
    assert [w for w in found if w.startswith(W2020)] == [OTHER_YEAR_2020]


def test_every_check_reports_exactly_its_items(tmp_path: Path, warnings_of: Builder) -> None:
    """No other warnings: e.g. the 2030 lecture whose ``parts`` share one file is fine."""
    assert warnings_of(copy_root(tmp_path, "checks")) == sorted(ALL)


def test_flagged_items_still_render(tmp_path: Path, warnings_of: Builder) -> None:
    src = copy_root(tmp_path, "checks")
    warnings_of(src)
    html = (src / "_build" / "html" / "years" / "2022" / "index.html").read_text(
        encoding="utf-8")
    assert "Lecture 29-30: Discreteness in Generative Models - Generating Graphs" in html


# (warning, page, item line, subtype): acknowledging that item silences that warning.
ACKNOWLEDGEABLE = [
    (OTHER_YEAR_2022, W2022, 24, "slides-other-year"),
    (REUSED_2022, W2022, 27, "slides-reused"),
    (ORDER_2022, W2022, 27, "lecture-order"),
    (OTHER_YEAR_2020, W2020, 15, "slides-other-year"),
    (SCHEME_2030, W2030, 29, "link-scheme"),
    (WEEK_RANGE_2030, W2030, 35, "week-order"),
    # the same subtype flagged elsewhere on the page stays flagged
    (SKIP_2030, W2030, 19, "lecture-order"),
    (WEEK_TWICE_2030, W2030, 31, "week-order"),
    (REUSED_2030, W2030, 41, "slides-reused"),
]


@pytest.mark.parametrize(("warning", "page", "line", "subtype"), ACKNOWLEDGEABLE,
                         ids=[f"{p[-13:-9]}:{n}:{s}" for _, p, n, s in ACKNOWLEDGEABLE])
def test_acknowledge_silences_exactly_that_item(tmp_path: Path, warnings_of: Builder,
                                                warning: str, page: str, line: int,
                                                subtype: str) -> None:
    src = copy_root(tmp_path, "checks")
    acknowledge(src, page, line, subtype)
    rest = [w for w in ALL if w != warning]
    assert warnings_of(src) == shifted(rest, page, line)


def test_unused_acknowledgement_is_reported(tmp_path: Path, warnings_of: Builder) -> None:
    """Lecture 27 follows 26 correctly, so acknowledging lecture-order there is stale."""
    src = copy_root(tmp_path, "checks")
    acknowledge(src, W2022, 18, "lecture-order")
    unused = _line(W2022, 18, "acknowledge 'lecture-order' silences nothing here; remove it",
                   "acknowledged-unused")
    assert warnings_of(src) == sorted(shifted(ALL, W2022, 18) + [unused])


@pytest.mark.parametrize("subtype", ["slides-other-year", "slides-reused", "lecture-order",
                                     "week-order", "link-scheme"])
def test_suppress_warnings_silences_a_subtype(tmp_path: Path, warnings_of: Builder,
                                              subtype: str) -> None:
    found = warnings_of(copy_root(tmp_path, "checks"),
                        suppress_warnings=[f"schedule.{subtype}"])
    assert found == sorted(w for w in ALL if not w.endswith(f"[schedule.{subtype}]"))


def test_warnings_fail_a_strict_build_until_acknowledged(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "checks")
    strict = sphinx_build(src, tmp_path / "strict", "html", "-W")
    assert strict.returncode != 0
    assert f"{src}/{ORDER_2022}" in ANSI.sub("", strict.warnings)
    flagged: dict[tuple[str, int], list[str]] = {}
    for warning in ALL:
        page, line, _ = warning.split(":", 2)
        flagged.setdefault((page, int(line)), []).append(
            warning.rsplit("[schedule.", 1)[1].rstrip("]"))
    for (page, line), subtypes in sorted(flagged.items(), key=lambda kv: -kv[0][1]):
        acknowledge(src, page, line, *subtypes)  # bottom-up, so earlier lines stay put
    clean = sphinx_build(src, tmp_path / "clean", "html", "-W")
    assert (clean.returncode, clean.warnings) == (0, "")


def test_missing_local_slides_and_files(tmp_path: Path, warnings_of: Builder) -> None:
    assert warnings_of(copy_root(tmp_path, "checks-files")) == sorted(
        [MISSING_SLIDES, MISSING_ZIP])


def test_missing_slides_acknowledged_and_unused(tmp_path: Path, warnings_of: Builder) -> None:
    src = copy_root(tmp_path, "checks-files")
    acknowledge(src, "index.md", 18, "slides-missing")  # the Code.zip material link
    acknowledge(src, "index.md", 11, "slides-missing")  # Lecture 1: its file is there
    unused = _line("index.md", 11, "acknowledge 'slides-missing' silences nothing here; "
                   "remove it", "acknowledged-unused")
    assert warnings_of(src) == sorted([MISSING_SLIDES.replace(":16:", ":17:"), unused])


def test_missing_slides_suppressed(tmp_path: Path, warnings_of: Builder) -> None:
    found = warnings_of(copy_root(tmp_path, "checks-files"),
                        suppress_warnings=["schedule.slides-missing"])
    assert found == []


def test_no_missing_check_without_a_local_tree(tmp_path: Path, warnings_of: Builder) -> None:
    """Slides on the original site cannot be checked from here, so nothing is claimed."""
    assert warnings_of(copy_root(tmp_path, "checks-files"),
                       schedule_files_dir="no-such-tree") == []


def test_the_guides_full_example_builds_without_warnings(tmp_path: Path,
                                                         warnings_of: Builder) -> None:
    """The example staff copy from guide/writing-a-schedule.md, acknowledgement included."""
    guide = (REPO / "guide" / "writing-a-schedule.md").read_text(encoding="utf-8")
    example = re.search(r"`````markdown\n(.*?)\n`````\n", guide, re.S)
    assert example is not None
    src = copy_root(tmp_path, "checks")
    (src / W2030).write_text(example[1] + "\n", encoding="utf-8")
    assert [w for w in warnings_of(src) if w.startswith(W2030)] == []
