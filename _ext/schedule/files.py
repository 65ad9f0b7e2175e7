"""Which slides are on this machine: decided per year folder.

Course staff keep the current year's slides locally (``files/ppt/2023/…``) while the
older years stay on the original site.  So the question "is this slide local?" is asked
of the link's year folder: when ``<schedule_files_dir>/ppt/<year>/`` exists, links into
it are made relative and each file is checked; when it does not, links go to
``schedule_files_base_url`` and nothing is claimed about them.

The answer depends on the folders, not on the page's text, so each page remembers what it
saw (:func:`folder_state`) and is read again when that changes; a clean and an
incremental build then give the same links and the same warnings.
"""

from __future__ import annotations

import difflib
import unicodedata
import posixpath
from pathlib import Path

from .links import is_linkable, is_site_path

SLIDES_ROOT = "files/ppt"
"""Where the site keeps slides, one folder per year; slide paths are site paths, the same
on the original site and in a local copy, so this does not follow ``schedule_files_dir``."""

FolderState = tuple[str, ...] | None
"""The files of a local year folder (relative, sorted), or ``None`` when it is absent."""


def site_path(url: str) -> str | None:
    """The normalised site path of a relative link (``files/ppt/...``), else ``None``."""
    if not is_linkable(url) or not is_site_path(url):
        return None  # refused, or a full address: the link checks report what is wrong
    path = posixpath.normpath(url.strip().lstrip("/"))
    return None if path in (".", "") else path


def ppt_year(path: str) -> str | None:
    """``2022`` for ``files/ppt/2022/x.pdf``; ``None`` outside ``files/ppt/<folder>/``."""
    parts = path.split("/")
    prefix = SLIDES_ROOT.split("/")
    if len(parts) > len(prefix) + 1 and parts[:len(prefix)] == prefix:
        return parts[len(prefix)]
    return None


def year_folder(url: str) -> str | None:
    """``files/ppt/2022`` for a link into that folder, else ``None``."""
    path = site_path(url)
    year = ppt_year(path) if path else None
    return f"{SLIDES_ROOT}/{year}" if year else None


def local_folder(srcdir: Path, files_dir: str, folder: str) -> Path | None:
    """The local copy of a year folder (``files/ppt/2022``), if it exists."""
    inside = folder.split("/", 1)[1]  # "ppt/2022": the part below the files tree
    path = srcdir / files_dir / inside
    try:
        return path if path.is_dir() else None
    except (OSError, ValueError):  # a name longer than the file system allows, a NUL byte
        return None


def folder_state(srcdir: Path, files_dir: str, folder: str) -> FolderState:
    """What a page's checks and links depend on: which files the local folder holds."""
    path = local_folder(srcdir, files_dir, folder)
    if path is None:
        return None
    try:
        return tuple(sorted(p.relative_to(path).as_posix() for p in path.rglob("*")
                            if p.is_file()))
    except OSError:  # a loop of links, a folder that cannot be read: nothing usable in it
        return ()


def local_target(srcdir: Path, files_dir: str, url: str) -> tuple[str, Path] | None:
    """(year folder, local path) of a link into a local year folder; else ``None``."""
    folder = year_folder(url)
    path = site_path(url)
    if folder is None or path is None:
        return None
    local = local_folder(srcdir, files_dir, folder)
    if local is None:
        return None
    return folder, local / path[len(folder) + 1:]


CLOSE = 0.8
"""How alike (difflib's ratio) a name must be to an existing file for "did you mean": a
far-off suggestion misleads more than none."""


def _same_text(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def closest_file(name: str, state: FolderState) -> str | None:
    """The existing file whose name is nearest to a mistyped ``name`` (difflib)."""
    found = difflib.get_close_matches(name, state or (), n=1, cutoff=CLOSE)
    return found[0] if found else None


def file_hint(name: str, state: FolderState) -> str:
    """What to tell staff about a ``name`` the folder does not hold.

    A name that looks the same as an existing file but is written with other code points
    (é as one character or as e plus an accent, a CJK compatibility ideograph: NFC and
    NFD) or in other case would get a "did you mean" naming what looks like the same name,
    so those say what differs.
    """
    files = state or ()
    same = [file for file in files if _same_text(file) == _same_text(name)]
    if same:
        return (f"the file {same[0]!r} looks the same but is written with other Unicode "
                "code points (NFC/NFD normalisation or a compatibility character); "
                "retype the name in the schedule or rename the file")
    cased = [file for file in files if _same_text(file).casefold() == _same_text(name).casefold()]
    if cased:
        return (f"the file {cased[0]!r} differs only in upper and lower case, which the web "
                "server tells apart; write the name as the file has it")
    hint = closest_file(name, state)
    return f"did you mean {hint!r}?" if hint else "add the file or fix the path"
