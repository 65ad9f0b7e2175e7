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

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from ...warning_types import Subtype, warn
from ..calendar.week_dates import dated_weeks, term_problems
from ..links.local_files import (
    DEFAULT_SLIDES_DIR,
    FolderState,
    file_hint,
    folder_state,
    ppt_year,
    slides_folder,
    site_path,
    year_folder,
)
from ..render.labels import item_label, lecture_number_label
from .link_targets import check_link_targets
from ..links.walker import links, slides
from ..links.hrefs import is_allowed, scheme_of
from ..model.schedule import (
    DEFAULT_WEEKS,
    Acknowledging,
    Item,
    Lecture,
    Reading,
    Schedule,
    Week,
    lecture_span,
    walk,
    weeks,
)


@dataclass
class CheckContext:
    """What the checks need to know besides the data."""

    year: int | None
    srcdir: Path
    files_dir: str
    slides_dir: str = DEFAULT_SLIDES_DIR
    """``schedule_slides_dir``: each year's slides folder, ``{year}`` in it."""
    docnames: AbstractSet[str] | None = None
    """The project's pages, for relative links; ``None`` leaves such links unchecked."""
    used: set[tuple[int, str]] = field(default_factory=set)
    """(id of item, subtype) pairs whose acknowledgement silenced a warning."""
    folders: dict[str, FolderState] = field(default_factory=dict)
    """Every year folder the checks looked at and what it held, for :mod:`..links.local_files`."""
    targets: dict[str, bool] = field(default_factory=dict)
    """Every relative link checked against the project's pages and files, and the verdict;
    the page is read again when a verdict changes (:mod:`..objects.domain`)."""

    def target_found(self, path: str) -> bool:
        """Whether the site path names a page or a file of the project (remembered)."""
        from .link_targets import page_or_file

        if path not in self.targets:
            self.targets[path] = page_or_file(path, self.docnames or set(), self.srcdir)
        return self.targets[path]

    def folder(self, folder: str) -> FolderState:
        """The files of a local year folder (``files/ppt/2023``), ``None`` if not local."""
        if folder not in self.folders:
            self.folders[folder] = folder_state(self.srcdir, self.files_dir, folder)
        return self.folders[folder]

    def report(self, item: Item, subtype: Subtype, message: str,
               location: str | None = None) -> None:
        """Warn about ``item`` (at ``location``, else its own line) unless it
        acknowledges ``subtype``."""
        if isinstance(item, Acknowledging) and subtype.value in item.acknowledge:
            self.used.add((id(item), subtype.value))
            return
        warn(message, subtype, location or item.where)


Check = Callable[[Schedule, CheckContext], None]


def check_link_schemes(data: Schedule, context: CheckContext) -> None:
    for found in links(data):
        item, key, url = found.holder, found.field, found.value
        if not is_allowed(url):
            context.report(item, Subtype.LINK_SCHEME,
                           f"link {url!r} uses the scheme '{scheme_of(url)}:'; expected http, "
                           "https, mailto or a relative path (not rendered as a link)",
                           location=item.where_of(key))


def check_slides_missing(data: Schedule, context: CheckContext) -> None:
    """A link into a local year folder (``files/ppt/2023/``) whose file is not there.

    Years whose folder is not on this machine are served by the original site and are
    not checked (see :mod:`..links.local_files`).  The warning stands at the ``slides:`` (or
    ``url:``) line and names the nearest existing file, since the usual cause is a typo.
    """
    for found in links(data):
        item, key, url = found.holder, found.field, found.value
        folder = year_folder(url, context.slides_dir)
        if folder is None:
            continue
        state = context.folder(folder)
        path = site_path(url)
        if state is None or path is None:
            continue
        name = path[len(folder) + 1:]
        if name in state:
            continue
        kind = "slides" if key == "slides" else "link"
        advice = file_hint(name, state)
        context.report(item, Subtype.SLIDES_MISSING,
                       f"{kind} {url.strip()!r}: no such file in the local '{folder}/' "
                       f"folder; {advice}", location=item.where_of(key))


def check_slides_other_year(data: Schedule, context: CheckContext) -> None:
    """Slides from another year's folder, or outside this year's (``schedule_slides_dir``)."""
    if context.year is None:
        return
    year = str(context.year)
    expected = f"{slides_folder(context.slides_dir, year)}/"
    for found in slides(data):
        item, url = found.holder, found.value
        path = site_path(url)
        if path is None:
            continue  # a full URL: not this site's folders
        folder = ppt_year(path, context.slides_dir)
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
    for found in slides(data):
        item, url = found.holder, found.value
        key = site_path(url) or url.strip()
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
            if lecture._after_gap:
                previous = None  # the left-out lecture's own warning explains the gap
            for number, _title in lecture.each():
                if number is None:
                    continue  # a guest talk or review session is outside the numbering
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
    count = data.term.weeks if data.term is not None else DEFAULT_WEEKS
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


def check_holiday_class(data: Schedule, context: CheckContext) -> None:
    """A week with lectures, readings or projects whose class day is a holiday."""
    dates = dated_weeks(data)
    for week in weeks(data):
        when = dates.get(week.week)
        held = [kind for kind, items in (("lectures", week.lectures), ("papers", week.papers),
                                         ("projects", week.projects)) if items]
        if when is None or not when.cancelled or not held:
            continue
        context.report(week, Subtype.HOLIDAY_CLASS,
                       f"Week {week.week}'s class day {when.meeting.isoformat()} is a holiday "
                       f"(term.holidays) but the week still has {' and '.join(held)}; move "
                       "them to another week, or remove the holiday")


_FILE_ENDING = re.compile(r"\.(pdf|pptx?|key|docx?|zip)\s*$", re.IGNORECASE)


def check_title_file_name(data: Schedule, context: CheckContext) -> None:
    """A title that ends like a file name (``… Graphs.pdf``), copied from the slides."""
    for week in weeks(data):
        titled: list[tuple[Lecture | Reading, str]] = [
            (lecture, title) for lecture in week.lectures for _, title in lecture.each()]
        titled += [(reading, reading.title) for reading in week.papers + week.projects]
        for item, title in titled:
            ending = _FILE_ENDING.search(title)
            if ending:
                context.report(item, Subtype.TITLE_FILE_NAME,
                               f"title {title!r} ends in '{ending[0].strip()}', like a file "
                               "name; remove the ending", location=item.where_of("title"))


CHECKS: list[Check] = [
    check_link_schemes,
    check_link_targets,
    check_slides_missing,
    check_slides_other_year,
    check_slides_reused,
    check_lecture_order,
    check_week_order,
    check_holiday_class,
    check_title_file_name,
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
    for problem, where in term_problems(data.term):
        warn(problem, Subtype.DATES, where or data.term.where)


def run_all(data: Schedule, context: CheckContext) -> None:
    for check in CHECKS:
        check(data, context)
    report_unused_acknowledgements(data, context)
    report_term_problems(data)
