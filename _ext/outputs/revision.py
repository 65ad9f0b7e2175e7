"""When the site's sources were last revised: the calendar's ``DTSTAMP`` without
``SOURCE_DATE_EPOCH``.

RFC 5545 makes ``DTSTAMP`` of a published calendar (one without ``METHOD``) the time its
information was last revised.  The reproducible-builds convention is to pass that time as
``SOURCE_DATE_EPOCH``, usually the last commit's time; Read the Docs does not set it, but
it builds a git checkout of one commit.  So when the variable is unset, the time of the
checkout's latest commit stands in for it: a rebuild of the same commit gives the same
bytes, and a new commit (a changed schedule) gives a newer stamp.  Outside a git checkout
the calendar falls back to midnight UTC of the term's first day (see :mod:`.ical`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from sphinx.util import logging

from ..warning_types import Subtype, bounded, warn

logger = logging.getLogger(__name__)


def last_commit_epoch(srcdir: Path) -> str | None:
    """Seconds since 1970 of the latest commit of the git checkout holding ``srcdir``."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=srcdir,
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    epoch = result.stdout.strip()
    return epoch if result.returncode == 0 and epoch.isdigit() else None


def valid_epoch(text: str) -> bool:
    """Whole seconds (ASCII digits) whose date a calendar can write (years 1970-9999)."""
    if not (text.isascii() and text.isdigit()):
        return False
    try:
        dt.datetime.fromtimestamp(int(text), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return False
    return True


def build_environ(srcdir: Path, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment the calendar reads, with ``SOURCE_DATE_EPOCH`` from git if unset."""
    found = dict(os.environ if environ is None else environ)
    given = found.get("SOURCE_DATE_EPOCH", "").strip()
    if given and not valid_epoch(given):
        warn(f"SOURCE_DATE_EPOCH={bounded(given)!r} is refused; expected whole seconds since "
             "1970 of a date before the year 10000; the calendar's DTSTAMP falls back to the "
             "last commit's time", Subtype.SETTING, None)
        del found["SOURCE_DATE_EPOCH"]
    if not found.get("SOURCE_DATE_EPOCH", "").strip():
        epoch = last_commit_epoch(srcdir)
        if epoch is not None:
            logger.verbose("calendar DTSTAMP: the last commit's time, %s", epoch)
            found["SOURCE_DATE_EPOCH"] = epoch
    return found
