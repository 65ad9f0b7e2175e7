"""The extension's settings, each a typed ``add_config_value``.

Kept in one table so the README, the docs page and ``setup()`` agree on names, defaults
and types, and so Sphinx itself reports a setting of the wrong type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .locale import N_
from .schedule.files import DEFAULT_SLIDES_DIR


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # "env": re-read documents when changed; "html": rewrite only
    types: tuple[type, ...]
    doc: str


SETTINGS: tuple[Setting, ...] = (
    Setting("schedule_files_base_url", "", "env", (str,),
            "Where slides live when their year has no local folder (slide paths are "
            "appended), e.g. the site's old address.  Default: none, every slide link "
            "stays relative, so the site works under any path prefix."),
    Setting("schedule_files_dir", "files", "env", (str,),
            "Local tree of slides (relative to the source dir). If it exists it is copied "
            "into the HTML output at the same paths; links into a year folder it holds "
            "become relative and are checked file by file."),
    Setting("schedule_slides_dir", DEFAULT_SLIDES_DIR, "env", (str,),
            "Each term's slides folder as a site path with {year} in it, e.g. "
            "'slides/{year}' (its first part is schedule_files_dir's tree): slides "
            "elsewhere are reported, and a local folder is checked file by file."),
    Setting("schedule_header_labels", (N_("Week"), N_("Topic"), N_("Lectures & materials")),
            "env", (tuple, list), "The three column headers of every schedule table (the "
            "default ones are translated with the build's language)."),
    Setting("schedule_max_bytes", 1_000_000, "env", (int,),
            "Largest schedule block (in bytes) that is read; larger ones are refused."),
    Setting("schedule_max_depth", 20, "env", (int,),
            "Deepest YAML nesting that is read; deeper blocks are refused."),
    Setting("schedule_calendar_export", True, "html", (bool,),
            "Publish schedule-<year>.ics (one event per class meeting) beside each page whose "
            "term has a first_day, and link it under the tables."),
    Setting("schedule_calendar_uid_domain", "", "html", (str,),
            "The part after '@' of every calendar event's UID (default: a slug of the "
            "project name).  Not taken from html_baseurl, so a move to another host does "
            "not duplicate the events of a subscribed calendar."),
    Setting("schedule_json_export", True, "html", (bool,),
            "Publish schedule-<year>.json (the validated schedule plus computed dates) beside "
            "each schedule page, and link it under the tables."),
    Setting("site_navigation_cache", True, "html", (bool,),
            "Render furo's sidebar navigation once per build and adapt it to each page "
            "(same HTML, linear build time); False runs furo's own per-page path."),
)


def add_settings(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.doc)


def local_files_dir(srcdir: Path, files_dir: str) -> Path | None:
    """The local slides tree (``schedule_files_dir`` under the source dir), if it exists.

    Its existence decides both whether slide links become relative and whether the
    slides-missing check can look for files, so both ask here.
    """
    path = srcdir / files_dir
    return path if path.is_dir() else None
