"""Convert a legacy Jekyll/kramdown course page into ``years/<yyyy>/index.md``.

Why a tool rather than copying by hand: the legacy pages hold a few hundred links with
spaces, ``&`` and Chinese characters, packed into table cells separated by ``<br>``;
retyping them loses some.  The tool reads the page's blocks with markdown-it-py (the
parser MyST itself uses), turns the schedule tables into the ``{schedule}`` YAML that
``_ext/schedule/model/schedule.py`` defines, and converts the other sections to MyST.

It never drops content.  Whatever it cannot place is kept on the page (in a "Not
migrated" note at the end) and reported on stderr with its legacy line number, so the
person migrating decides what to do with it.

Usage (``make migrate FROM=legacy/index2020.markdown YEAR=2020``)::

    python -m tools.migrate PAGE YEAR [--out DIR] [--force]

The modules follow the page's path: :mod:`.markup` (kramdown text: links, ``<br>``, bold)
→ :mod:`.term` (the term line) and :mod:`.cells` (schedule table rows → weeks) and
:mod:`.images` (HTML blocks) → :mod:`.schedule_yaml` (the ``{schedule}`` YAML) →
:mod:`.page` (one legacy page → one MyST page); :mod:`.report` collects what the person
migrating must look at, :mod:`.__main__` is the command line.  Weekdays, lecture numbers
and link rules come from the extension (``sphinx_course_schedule.schedule``), so the tool writes what the
build accepts.
"""

from __future__ import annotations

from .page import COURSE, Migrated, PageMigration, migrate
from .report import MigrationReport

__all__ = ["COURSE", "Migrated", "MigrationReport", "PageMigration", "migrate"]
