"""Checks for the mistakes real schedules contain, run on every validated block.

Each check reports at the offending item's ``file:line`` with its own warning subtype.
An item can knowingly keep a flagged value by acknowledging that subtype with a reason
(``acknowledge: {slides-other-year: "..."}``); that silences the one warning for the one
item, and an acknowledgement that silences nothing is itself reported, so stale ones do
not pile up and hide future problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .links import is_allowed, scheme_of
from .model import Acknowledging, Item, Schedule, walk
from .tables import all_links
from .warning_types import warn


@dataclass
class CheckContext:
    """What the checks need to know besides the data."""

    year: int | None
    srcdir: Path
    files_dir: str
    used: set[tuple[int, str]] = field(default_factory=set)
    """(id of item, subtype) pairs whose acknowledgement silenced a warning."""

    @property
    def local_files(self) -> Path | None:
        path = self.srcdir / self.files_dir
        return path if path.is_dir() else None

    def report(self, item: Item, subtype: str, message: str) -> None:
        """Warn about ``item`` unless it acknowledges ``subtype``."""
        if isinstance(item, Acknowledging) and subtype in item.acknowledge:
            self.used.add((id(item), subtype))
            return
        warn(message, subtype, item.where)


Check = Callable[[Schedule, CheckContext], None]


def check_link_schemes(data: Schedule, context: CheckContext) -> None:
    for item, url in all_links(data):
        if not is_allowed(url):
            context.report(item, "link-scheme",
                           f"link {url!r} uses the scheme '{scheme_of(url)}:'; expected http, "
                           "https, mailto or a relative path (not rendered as a link)")


CHECKS: list[Check] = [check_link_schemes]
"""Every check, in the order they report."""


def report_unused_acknowledgements(data: Schedule, context: CheckContext) -> None:
    for item in walk(data):
        if isinstance(item, Acknowledging):
            for subtype in item.acknowledge:
                if (id(item), subtype) not in context.used:
                    warn(f"acknowledge '{subtype}' silences nothing here; remove it",
                         "acknowledged-unused", item.where)


def run_all(data: Schedule, context: CheckContext) -> None:
    for check in CHECKS:
        check(data, context)
    report_unused_acknowledgements(data, context)
