"""The extension's settings, each a typed ``add_config_value``.

Kept in one table so the README, the docs page and ``setup()`` agree on names, defaults
and types, and so Sphinx itself reports a setting of the wrong type.  Sphinx only warns
about a wrong type and keeps the value, so each setting also has a check of its shape and
range (:func:`check_settings`, at start-up): a value that fails it is reported once at
``conf.py``, naming the setting and what was expected, and the default is used, so no
odd value reaches a table, the YAML reader or a file name as a traceback later.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .locale import N_
from .warning_types import Subtype, bounded, warn
from .web_address import vetted_base_url
from .schedule.links.local_files import DEFAULT_SLIDES_DIR

Check = Callable[[Any, Sphinx], str | None]
"""What is wrong with a setting's value (the expected shape), or ``None`` when it is fine."""


def _whole(low: int, high: int) -> Check:
    def check(value: Any, app: Sphinx) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return None
        return f"a whole number from {low} to {high}"
    return check


def _flag(value: Any, app: Sphinx) -> str | None:
    return None if isinstance(value, bool) else "True or False"


def _labels(value: Any, app: Sphinx) -> str | None:
    if (isinstance(value, (list, tuple)) and len(value) == 3
            and all(isinstance(v, str) and v.strip() and v.isprintable() for v in value)):
        return None
    return "a list of three non-empty one-line texts (week, topic, lectures & materials)"


def _base_url(value: Any, app: Sphinx) -> str | None:
    if isinstance(value, str) and vetted_base_url(value) is not None:
        return None
    return "an absolute http:// or https:// address"


def _base_url_or_none(value: Any, app: Sphinx) -> str | None:
    if value == "":
        return None
    return _base_url(value, app) and "an absolute http:// or https:// address, or '' for none"


def _slides_dir(value: Any, app: Sphinx) -> str | None:
    expected = ("a folder of the site with {year} in it, relative to the project, such as "
                "'files/{year}'")
    if not isinstance(value, str) or "{year}" not in value or "\0" in value:
        return expected
    parts = value.replace("\\", "/").split("/")
    if value.startswith("/") or ".." in parts or not parts[0] or parts[0] == "{year}":
        return expected
    return None


def _patterns(value: Any, app: Sphinx) -> str | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) and v for v in value):
        return None
    return "a list of document name patterns such as 'guide/*'"


def _editions(value: Any, app: Sphinx) -> str | None:
    if isinstance(value, dict) and all(
            isinstance(language, str) and language.strip() and _base_url(address, app) is None
            for language, address in value.items()):
        return None
    return "a mapping of language codes to absolute http:// or https:// addresses"


_HOST_NAME = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
                        r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def _uid_domain(value: Any, app: Sphinx) -> str | None:
    if isinstance(value, str) and (value == "" or (len(value) <= 253 and _HOST_NAME.match(value))):
        return None
    return "a host name such as 'example.org' (or '' for a slug of the project name)"


def _files_dir(value: Any, app: Sphinx) -> str | None:
    """A folder below the project (the output inside it is skipped by the copy)."""
    expected = ("a folder inside the project, given relative to it (such as 'files'), "
                "not the project itself")
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        return expected
    srcdir = Path(app.srcdir).resolve()
    try:
        folder = (srcdir / value).resolve()
    except (OSError, RuntimeError, ValueError):
        return expected
    if Path(value).is_absolute() or folder == srcdir or not folder.is_relative_to(srcdir):
        return expected
    return None


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # "env": re-read documents when changed; "html": rewrite only
    types: tuple[type, ...]
    doc: str
    check: Check | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("schedule_files_base_url", "", "env", (str,),
            "Where slides live when their year has no local folder (slide paths are "
            "appended), e.g. the site's old address.  Default: none, every slide link "
            "stays relative, so the site works under any path prefix.", _base_url_or_none),
    Setting("schedule_files_dir", "files", "env", (str,),
            "Local tree of slides (relative to the source dir). If it exists it is copied "
            "into the HTML output at the same paths; links into a year folder it holds "
            "become relative and are checked file by file.  It must be a folder inside the "
            "project, not the project itself.", _files_dir),
    Setting("schedule_slides_dir", DEFAULT_SLIDES_DIR, "env", (str,),
            "Each term's slides folder as a site path with {year} in it, e.g. "
            "'slides/{year}' (its first part is schedule_files_dir's tree): slides "
            "elsewhere are reported, and a local folder is checked file by file.",
            _slides_dir),
    Setting("schedule_header_labels", (N_("Week"), N_("Topic"), N_("Lectures & materials")),
            "env", (tuple, list), "The three column headers of every schedule table (the "
            "default ones are translated with the build's language); a schedule or one of "
            "its sections may write its own (headers: in the YAML).", _labels),
    Setting("schedule_max_bytes", 1_000_000, "env", (int,),
            "Largest schedule block (in bytes) that is read; larger ones are refused.",
            _whole(1, 100_000_000)),
    Setting("schedule_max_depth", 20, "env", (int,),
            "Deepest YAML nesting that is read (at most 100); deeper blocks are refused.",
            _whole(1, 100)),
    Setting("schedule_calendar_export", True, "html", (bool,),
            "Publish schedule-<year>.ics (one event per class meeting) beside each page whose "
            "term has a first_day, and link it under the tables.", _flag),
    Setting("schedule_calendar_uid_domain", "", "html", (str,),
            "The part after '@' of every calendar event's UID (default: a slug of the "
            "project name).  Not taken from html_baseurl, so a move to another host does "
            "not duplicate the events of a subscribed calendar.", _uid_domain),
    Setting("schedule_json_export", True, "html", (bool,),
            "Publish schedule-<year>.json (the validated schedule plus computed dates) beside "
            "each schedule page, and link it under the tables.", _flag),
    Setting("search_exclude_docs", [], "env", (list, tuple),
            "Documents (glob patterns such as 'guide/*') that the site's search leaves out, "
            "as if each had 'nosearch' in its front matter: the staff area, whose examples "
            "name lectures, stays out of students' results.", _patterns),
    Setting("site_editions", {}, "html", (dict,),
            "The site's editions: each language it is built in ('en', 'zh_CN') and the "
            "address that edition is served from.  Every web page links the same page in "
            "the other editions (a visible link and hreflang alternates); empty: none.",
            _editions),
    Setting("site_navigation_cache", True, "html", (bool,),
            "Render furo's sidebar navigation once per build and adapt it to each page "
            "(same HTML, linear build time); False runs furo's own per-page path.", _flag),
)


def add_settings(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild,
                             types=setting.types, description=setting.doc)
    # before the other handlers, which may read the settings
    app.connect("config-inited", check_settings, priority=100)


def check_settings(app: Sphinx, config: Config) -> None:
    """Put the default in place of each setting whose value has the wrong shape, and say so.

    Sphinx's own setting ``html_baseurl`` becomes the page addresses of the calendar and
    the JSON, so it is vetted like a link in the data: an address that is not http(s)
    is refused (the exports then carry no page address), a good one is percent-encoded.
    """
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        expected = setting.check(value, app) if setting.check else None
        if expected is not None:
            warn(f"setting {setting.name} = {_shown(value)} is refused; expected "
                 f"{expected}; the default {setting.default!r} is used",
                 Subtype.SETTING, setting_location(app, setting.name))
            config[setting.name] = setting.default
    base = config.html_baseurl
    if base:
        vetted = vetted_base_url(base) if isinstance(base, str) else None
        if vetted is None:
            warn(f"setting html_baseurl = {_shown(base)} is refused; expected an absolute "
                 "http:// or https:// address; pages get no absolute address",
                 Subtype.SETTING, setting_location(app, "html_baseurl"))
            config.html_baseurl = ""
        elif vetted != base:
            config.html_baseurl = vetted


def setting_location(app: Sphinx, name: str) -> str | None:
    """``conf.py:<line>`` of the line that sets ``name``; ``None`` when it is not set there
    (given with ``-D``, or computed)."""
    conf = Path(app.confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*[:=]")
    return next((f"{conf}:{number}" for number, line in enumerate(lines, 1)
                 if pattern.match(line)), None)


def _shown(value: Any) -> str:
    """A value as a warning quotes it: on one line and bounded in length."""
    return bounded(repr(value))


def local_files_dir(srcdir: Path, files_dir: str) -> Path | None:
    """The local slides tree (``schedule_files_dir`` under the source dir), if it exists.

    Its existence decides both whether slide links become relative and whether the
    slides-missing check can look for files, so both ask here.
    """
    path = srcdir / files_dir
    return path if path.is_dir() else None
