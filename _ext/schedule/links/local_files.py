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

import bisect
import difflib
import functools
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .hrefs import is_linkable, is_site_path

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
    return tuple(sorted(rel for rel, _, kind in tree_entries(path, within=srcdir)
                        if kind == "file"))


def tree_entries(root: Path, skip: Iterable[Path] = (), within: Path | None = None
                 ) -> Iterator[tuple[str, Path, str]]:
    """Every entry below ``root`` that is published: (``/``-path, path, kind).

    ``kind`` is ``"file"`` for a regular file, ``"other"`` for a named pipe, socket or
    device (for the copy to report) and ``"outside"`` for a link to a folder outside
    ``within`` (the project), which is not entered: linking one file chooses to publish
    it, but a link to ``/`` or a home folder would publish a whole disk.  Links are
    followed otherwise, and each real folder is entered once, so a link back up the tree
    (``loop -> ..``) cannot make the walk endless; folders in ``skip`` (the output) are
    never entered.  Hidden entries and dangling links are left out; a folder that cannot
    be read yields nothing.
    """
    skipped = [folder.resolve() for folder in skip]
    inside = within.resolve() if within is not None else None
    seen: set[Path] = set()
    pending = [(root, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            real = folder.resolve(strict=True)
            if real in seen or any(real == s or real.is_relative_to(s) for s in skipped):
                continue
            if inside is not None and not real.is_relative_to(inside):
                yield prefix.rstrip("/"), folder, "outside"
                continue
            seen.add(real)
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except (OSError, RuntimeError):  # unreadable, or a loop of links
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if entry.is_dir():
                    pending.append((Path(entry.path), rel + "/"))
                elif entry.is_file():
                    yield rel, Path(entry.path), "file"
                elif os.path.exists(entry.path):  # not a dangling link
                    yield rel, Path(entry.path), "other"
            except OSError:
                continue


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


CLOSE = 0.8
"""How alike (difflib's ratio) a name must be to an existing file for "did you mean": a
far-off suggestion misleads more than none."""
HINT_CANDIDATES = 40
"""How many existing names a mistyped one is compared with (difflib is slow per pair)."""


def _same_text(name: str) -> str:
    return unicodedata.normalize("NFC", name)


@dataclass(frozen=True)
class _FolderIndex:
    """A folder's names ordered by (length, name), and by how they read (NFC, and NFC
    case-folded), so each missing file costs the same however many files the folder holds."""

    by_length: list[tuple[int, str]]
    by_text: dict[str, str]
    by_folded: dict[str, str]


@lru_cache(maxsize=32)
def _index(state: tuple[str, ...]) -> _FolderIndex:
    """Built once per folder state."""
    by_text: dict[str, str] = {}
    by_folded: dict[str, str] = {}
    for name in sorted(state):
        by_text.setdefault(_same_text(name), name)
        by_folded.setdefault(_same_text(name).casefold(), name)
    return _FolderIndex(sorted((len(name), name) for name in state), by_text, by_folded)


def closest_file(name: str, state: FolderState) -> str | None:
    """The existing file whose name is nearest to a mistyped ``name`` (difflib).

    A typo rarely changes a name's length by much, so only the :data:`HINT_CANDIDATES`
    names nearest in (length, name) order are compared.
    """
    if not state:
        return None
    ordered = _index(tuple(state)).by_length
    at = bisect.bisect_left(ordered, (len(name), name))
    low = max(0, at - HINT_CANDIDATES // 2)
    candidates = [known for _, known in ordered[low:low + HINT_CANDIDATES]]
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=CLOSE)
    return found[0] if found else None


def file_hint(name: str, state: FolderState) -> str:
    """What to tell staff about a ``name`` the folder does not hold.

    A name that looks the same as an existing file but is written with other code points
    (é as one character or as e plus an accent, a CJK compatibility ideograph: NFC and
    NFD) or in other case would get a "did you mean" naming what looks like the same name,
    so those say what differs.
    """
    index = _index(tuple(state or ()))
    same = index.by_text.get(_same_text(name))
    if same:
        return (f"the file {same!r} looks the same but is written with other Unicode "
                "code points (NFC/NFD normalisation or a compatibility character); "
                "retype the name in the schedule or rename the file")
    cased = index.by_folded.get(_same_text(name).casefold())
    if cased:
        return (f"the file {cased!r} differs only in upper and lower case, which the web "
                "server tells apart; write the name as the file has it")
    hint = closest_file(name, state)
    return f"did you mean {hint!r}?" if hint else "add the file or fix the path"
