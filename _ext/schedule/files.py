"""Which slides are on this machine: decided per year folder.

Course staff keep the current year's slides locally while older years may stay on the
original site.  Each year's folder is ``schedule_slides_dir`` with the year put in (this
site: ``files/ppt/{year}`` → ``files/ppt/2023``; its first part is the local tree,
``schedule_files_dir``).  So the question "is this slide local?" is asked of the link's
year folder: when it exists, links into it are made relative and each file is checked;
when it does not, links go to ``schedule_files_base_url`` if one is set (else they stay
relative) and nothing is claimed about them.

The answer depends on the folders, not on the page's text, so each page remembers what it
saw (:func:`folder_state`) and is read again when that changes; a clean and an
incremental build then give the same links and the same warnings.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
from pathlib import Path

from .links import is_linkable, is_site_path

DEFAULT_SLIDES_DIR = "files/{year}"
"""``schedule_slides_dir``'s default: one folder per term in the ``files`` tree.  Slide
paths are site paths, the same on the original site and in a local copy."""

FolderState = tuple[str, ...] | None
"""The files of a local year folder (relative, sorted), or ``None`` when it is absent."""


def site_path(url: str) -> str | None:
    """The normalised site path of a relative link (``files/ppt/...``), else ``None``."""
    if not is_linkable(url) or not is_site_path(url):
        return None  # refused, or a full address: the link checks report what is wrong
    path = posixpath.normpath(url.strip().lstrip("/"))
    return None if path in (".", "") else path


@functools.lru_cache(maxsize=8)
def _folders(slides_dir: str) -> re.Pattern[str]:
    """What a path into one year's folder of ``slides_dir`` looks like (its year a group)."""
    before, _, after = slides_dir.strip().strip("/").partition("{year}")
    return re.compile(f"{re.escape(before)}(?P<year>[^/]+){re.escape(after)}/(?=.)")


def slides_folder(slides_dir: str, year: int | str) -> str:
    """The folder of ``year``'s slides: ``files/ppt/2022`` for ``files/ppt/{year}``."""
    return slides_dir.strip().strip("/").replace("{year}", str(year))


def ppt_year(path: str, slides_dir: str = DEFAULT_SLIDES_DIR) -> str | None:
    """``2022`` for ``files/ppt/2022/x.pdf`` (``slides_dir`` ``files/ppt/{year}``);
    ``None`` outside every year's folder."""
    found = _folders(slides_dir).match(path)
    return found["year"] if found else None


def year_folder(url: str, slides_dir: str = DEFAULT_SLIDES_DIR) -> str | None:
    """``files/ppt/2022`` for a link into that folder, else ``None``."""
    path = site_path(url)
    found = _folders(slides_dir).match(path) if path else None
    return found[0].rstrip("/") if found else None


def local_folder(srcdir: Path, files_dir: str, folder: str) -> Path | None:
    """The local copy of a year folder (``files/ppt/2022``), if it exists."""
    inside = folder.partition("/")[2]  # "ppt/2022": the part below the files tree
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


def local_target(srcdir: Path, files_dir: str, url: str,
                 slides_dir: str = DEFAULT_SLIDES_DIR) -> tuple[str, Path] | None:
    """(year folder, local path) of a link into a local year folder; else ``None``."""
    folder = year_folder(url, slides_dir)
    path = site_path(url)
    if folder is None or path is None:
        return None
    local = local_folder(srcdir, files_dir, folder)
    if local is None:
        return None
    return folder, local / path[len(folder) + 1:]


def closest_file(name: str, state: FolderState) -> str | None:
    """The existing file whose name is nearest to a mistyped ``name`` (difflib)."""
    found = difflib.get_close_matches(name, state or (), n=1, cutoff=0.6)
    return found[0] if found else None
