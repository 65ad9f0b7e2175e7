"""Checks for the mistakes real schedules contain, run on every validated block.

Each check reports at the offending item's ``file:line`` with its own warning subtype.
An item can knowingly keep a flagged value by acknowledging that subtype with a reason
(``acknowledge: {slides-other-year: "..."}``); that silences the one warning for the one
item, and an acknowledgement that silences nothing is itself reported, so stale ones do
not pile up and hide future problems.

The checks exist because the legacy pages had exactly these slips: a 2022 lecture linking
a 2020 file, one file linked for two different lectures, lecture ranges that overlap
(16-17 then 17-18) and a project's slides left at the site's root.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from ..config import local_files_dir
from ..warning_types import Subtype, warn
from .dates import term_problems
from .labels import item_label, lecture_number_label
from .link_targets import check_link_targets
from .links import is_allowed, is_linkable, is_site_path, scheme_of
from .model import (
    Acknowledging,
    Item,
    Lecture,
    Reading,
    Schedule,
    Week,
    all_links,
    lecture_span,
    slides_of,
    walk,
    weeks,
)


@dataclass
class CheckContext:
    """What the checks need to know besides the data."""

    year: int | None
    srcdir: Path
    files_dir: str
    docnames: AbstractSet[str] | None = None
    """The project's pages, for relative links; ``None`` leaves such links unchecked."""
    used: set[tuple[int, str]] = field(default_factory=set)
    """(id of item, subtype) pairs whose acknowledgement silenced a warning."""

    @property
    def local_files(self) -> Path | None:
        return local_files_dir(self.srcdir, self.files_dir)

    def report(self, item: Item, subtype: Subtype, message: str) -> None:
        """Warn about ``item`` unless it acknowledges ``subtype``."""
        if isinstance(item, Acknowledging) and subtype.value in item.acknowledge:
            self.used.add((id(item), subtype.value))
            return
        warn(message, subtype, item.where)


Check = Callable[[Schedule, CheckContext], None]


def check_link_schemes(data: Schedule, context: CheckContext) -> None:
    for item, url in all_links(data):
        if not is_allowed(url):
            context.report(item, Subtype.LINK_SCHEME,
                           f"link {url!r} uses the scheme '{scheme_of(url)}:'; expected http, "
                           "https, mailto or a relative path (not rendered as a link)")


def _site_path(url: str) -> str | None:
    """The normalised site path of a relative link (``files/ppt/...``), else ``None``."""
    if not is_linkable(url) or not is_site_path(url):
        return None  # refused, or a full address: the link checks report what is wrong
    path = posixpath.normpath(url.strip().lstrip("/"))
    return None if path in (".", "") else path


SLIDES_ROOT = "files/ppt"
"""Where the site keeps slides, one folder per year; slide paths are site paths, the same
on the original site and in a local copy, so this does not follow ``schedule_files_dir``."""


def _ppt_year(path: str) -> str | None:
    """``2022`` for ``files/ppt/2022/x.pdf``; ``None`` outside ``files/ppt/<folder>/``."""
    parts = path.split("/")
    prefix = SLIDES_ROOT.split("/")
    if len(parts) > len(prefix) + 1 and parts[:len(prefix)] == prefix:
        return parts[len(prefix)]
    return None


def _is_local_file(root: Path, path: str) -> bool:
    """Whether the normalised site path names a file in the project.

    A path that climbs out of the project (``../``) is not one.  A symbolic link inside
    the tree is followed, as Sphinx follows them when it copies static files and as
    :func:`.outputs.html.copy_files_tree` copies it.  Any ``OSError`` (a name longer than
    the file system allows, a loop of links) means no usable file, never a traceback.
    """
    if path == ".." or path.startswith("../") or posixpath.isabs(path):
        return False
    try:
        return (root / path).is_file()
    except (OSError, ValueError):  # ValueError: a NUL byte in the name
        return False


def check_slides_missing(data: Schedule, context: CheckContext) -> None:
    """A slides link into the local ``files/`` tree whose file is not there."""
    if context.local_files is None:
        return  # slides are served by the original site; nothing local to compare with
    root = context.srcdir.resolve()
    linked: list[tuple[Item, str]] = list(slides_of(data))
    files_prefix = context.files_dir.strip("/") + "/"
    for item, url in all_links(data):  # code and material files kept next to the slides
        path = _site_path(url)
        if not isinstance(item, (Lecture, Reading)) and path and path.startswith(files_prefix):
            linked.append((item, url))
    for item, url in linked:
        path = _site_path(url)
        if path is None:
            continue
        if not _is_local_file(root, path):
            kind = "slides" if isinstance(item, (Lecture, Reading)) else "link"
            context.report(item, Subtype.SLIDES_MISSING,
                           f"{kind} {url.strip()!r}: no such file in the local "
                           f"'{context.files_dir}/' tree; add the file or fix the path")


def check_slides_other_year(data: Schedule, context: CheckContext) -> None:
    """Slides from another year's folder, or outside ``files/ppt/<year>/`` altogether."""
    if context.year is None:
        return
    year = str(context.year)
    expected = f"{SLIDES_ROOT}/{year}/"
    for item, url in slides_of(data):
        path = _site_path(url)
        if path is None:
            continue  # a full URL: not this site's folders
        folder = _ppt_year(path)
        if folder == year:
            continue
        if folder is not None:
            context.report(item, Subtype.SLIDES_OTHER_YEAR,
                           f"slides path {url.strip()!r} is in the {folder} folder but this "
                           f"is the {year} schedule; expected a path under {expected}")
        else:
            context.report(item, Subtype.SLIDES_OTHER_YEAR,
                           f"slides path {url.strip()!r} is outside this year's folder; "
                           f"expected a path under {expected}")


def _identity(item: Lecture | Reading) -> tuple[tuple[str, str], ...]:
    if isinstance(item, Lecture):
        return tuple((str(number), title) for number, title in item.each())
    return ((item.number or "", item.title),)


def check_slides_reused(data: Schedule, context: CheckContext) -> None:
    """One file linked for two different lectures or readings (a copy-paste slip)."""
    first: dict[str, Lecture | Reading] = {}
    for item, url in slides_of(data):
        key = _site_path(url) or url.strip()
        earlier = first.setdefault(key, item)
        if earlier is item or _identity(earlier) == _identity(item):
            continue
        context.report(item, Subtype.SLIDES_REUSED,
                       f"slides {url.strip()!r} are already linked at line {earlier._line} "
                       f"for {item_label(earlier)!r}; each lecture or reading needs its own "
                       "file (lectures sharing one file are written as one entry with 'parts')")


def check_lecture_order(data: Schedule, context: CheckContext) -> None:
    """Lecture numbers across the whole schedule go up by one, with no gap or overlap."""
    previous: tuple[int, int, int | str] | None = None
    for week in weeks(data):
        for lecture in week.lectures:
            for number, _title in lecture.each():
                first, last = lecture_span(number)
                if previous is not None:
                    prev_first, prev_last, prev_number = previous
                    previous_label = lecture_number_label(prev_number)
                    problem = None
                    if first < prev_first:
                        problem = f"goes backwards after {previous_label}"
                    elif first <= prev_last:
                        problem = f"overlaps {previous_label} before it"
                    elif first > prev_last + 1:
                        missing = (str(prev_last + 1) if first == prev_last + 2
                                   else f"{prev_last + 1}-{first - 1}")
                        problem = (f"skips a number after {previous_label} "
                                   f"(no Lecture {missing})")
                    if problem:
                        context.report(lecture, Subtype.LECTURE_ORDER,
                                       f"{lecture_number_label(number)} {problem}; expected "
                                       f"Lecture {prev_last + 1} next")
                previous = (first, last, number)


def check_week_order(data: Schedule, context: CheckContext) -> None:
    """Week numbers increase through the schedule and stay within the term."""
    count = data.term.weeks if data.term is not None else 16
    seen: dict[int, Week] = {}
    previous: Week | None = None
    for week in weeks(data):
        if week.week in seen:
            context.report(week, Subtype.WEEK_ORDER,
                           f"Week {week.week} appears twice (first at line "
                           f"{seen[week.week]._line}); each week has one row")
        elif previous is not None and week.week < previous.week:
            context.report(week, Subtype.WEEK_ORDER,
                           f"Week {week.week} comes after Week {previous.week}; "
                           "weeks must be in increasing order")
        if week.week > count:
            context.report(week, Subtype.WEEK_ORDER,
                           f"Week {week.week} is outside the term's {count} weeks; "
                           "set term.weeks if the term is longer")
        seen.setdefault(week.week, week)
        previous = week


CHECKS: list[Check] = [
    check_link_schemes,
    check_link_targets,
    check_slides_missing,
    check_slides_other_year,
    check_slides_reused,
    check_lecture_order,
    check_week_order,
]
"""Every check, in the order they report."""


def report_unused_acknowledgements(data: Schedule, context: CheckContext) -> None:
    for item in walk(data):
        if isinstance(item, Acknowledging):
            for subtype in item.acknowledge:
                if (id(item), subtype) not in context.used:
                    warn(f"acknowledge '{subtype}' silences nothing here; remove it",
                         Subtype.ACKNOWLEDGED_UNUSED, item.where)


def report_term_problems(data: Schedule) -> None:
    """Doubtful term facts, once per block, at the ``term:`` line."""
    if data.term is None:
        return
    for problem in term_problems(data.term):
        warn(problem, Subtype.DATES, data.term.where)


def run_all(data: Schedule, context: CheckContext) -> None:
    for check in CHECKS:
        check(data, context)
    report_unused_acknowledgements(data, context)
    report_term_problems(data)
