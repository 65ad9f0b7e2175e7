"""Where a course keeps its terms, as ``new-term`` finds it: from the schedules themselves.

A course lays out its pages its own way (``years/2022/index.md`` here,
``terms/fall-2027/index.md`` elsewhere), so the command assumes no folder: a term page is
what the extension calls one, a page with a ``{schedule}`` that has a year and is not an
``:example:`` (the ``schedule-term-pages`` event's answer in a build).  The year is the
schedule's ``year:``, else a ``<yyyy>`` folder of the page's path, the directive's own
rule (:func:`..schedule.render.directive.year_of`).  Pages are the project's ``.md`` files that
Sphinx would read: not hidden or ``_``-named folders, not ``exclude_patterns``.

The table of contents that lists the old term gets the new one beside it
(:func:`add_to_landing`), written the way that page writes its entries.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from sphinx.util.matching import Matcher

from ..schedule.render.directive import year_of
from .myst_fences import directives, fence_options


class NewYearError(Exception):
    """The new year cannot be started; the message says why and what to do."""


def docname(path: str) -> str:
    """``terms/fall-2027/index`` for ``terms/fall-2027/index.md``."""
    return posixpath.splitext(path)[0]


def project_pages(root: Path, exclude_patterns: Sequence[str] = ()) -> Iterator[str]:
    """Every ``.md`` page under ``root`` Sphinx would read, as a path from ``root``."""
    excluded = Matcher(list(exclude_patterns))
    for page in sorted(root.rglob("*.md")):
        relative = page.relative_to(root).as_posix()
        if any(part.startswith((".", "_")) for part in relative.split("/")[:-1]):
            continue  # _build, _templates, .venv, .git
        if not excluded(relative) and not excluded(docname(relative)):
            yield relative


def _declared_year(body: str) -> int | None:
    try:
        data: Any = YAML(typ="safe").load(body)
    except YAMLError:
        return None  # unreadable: the build reports it; no term found here
    year = data.get("year") if isinstance(data, dict) else None
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def page_year(root: Path, page: str) -> int | None:
    """The year of ``page``'s first term schedule, or ``None`` if it has none."""
    path = root / page
    lines = path.read_text(encoding="utf-8").split("\n")
    for opening, closing, _fence in directives(lines, "schedule"):
        options, body = fence_options(lines, opening + 1, closing)
        if "example" in options:
            continue
        if options.get("file"):
            schedule = path.parent / options["file"]
            text = schedule.read_text(encoding="utf-8") if schedule.is_file() else ""
        else:
            text = "\n".join(lines[body:closing])
        year = _declared_year(text)
        return year if year is not None else year_of(docname(page))
    return None


def term_pages(root: Path, exclude_patterns: Sequence[str] = ()) -> dict[str, int]:
    """Each term page (its path from ``root``) and its year."""
    found = {}
    for page in project_pages(root, exclude_patterns):
        year = page_year(root, page)
        if year is not None:
            found[page] = year
    return found


def find_term_page(root: Path, year: int, exclude_patterns: Sequence[str] = ()) -> str:
    """The one page whose schedule is ``year``'s."""
    pages = [page for page, found in term_pages(root, exclude_patterns).items()
             if found == year]
    if len(pages) != 1:
        which = ", ".join(pages) if pages else "none"
        raise NewYearError(f"no single term page has a schedule of {year} ({which}); name "
                           "the page to start from instead of its year")
    return pages[0]


def new_page_path(source: str, old: int, new: int) -> str:
    """``terms/fall-2028/index.md`` for ``terms/fall-2027/index.md``: the old year in
    the path becomes the new one."""
    if str(old) not in source:
        raise NewYearError(f"{source} names no year in its path; give the new page's path")
    return source.replace(str(old), str(new))


# --- the table of contents -------------------------------------------------------------
_ENTRY = re.compile(r"^(?:.*<(?P<target>[^<>]+)>|(?P<plain>\S+))\s*$")
_YEAR_DOC = re.compile(r"(?:^|/)years/(\d{4})/index$")


def _entry_doc(entry: str, folder: str) -> str | None:
    """The document a toctree entry names, from the project's root."""
    match = _ENTRY.match(entry.strip())
    if match is None:
        return None
    target = match["target"] or match["plain"]
    if "://" in target or target == "self":
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join(folder, target))


def add_to_landing(landing: Path, old: int, new: int, summary: Any, *,
                   old_doc: str | None = None, new_doc: str | None = None,
                   years: Mapping[str, int] | None = None, root: Path | None = None) -> bool:
    """List ``new_doc`` in ``landing``'s toctree beside ``old_doc`` (by default
    ``years/<old>/index``), in the order the entries keep; ``years`` gives each listed
    term's year (by default the ``years/<yyyy>/`` of its name).  ``False`` when no
    toctree there lists the old term; an error when ``root`` is not given then."""
    old_doc = old_doc or f"years/{old}/index"
    new_doc = new_doc or f"years/{new}/index"
    base = landing.parent if root is None else root
    folder = posixpath.dirname(landing.relative_to(base).as_posix())

    def year(doc: str | None) -> int | None:
        if doc is None:
            return None
        if years is not None:
            return years.get(doc)
        found = _YEAR_DOC.search(doc)
        return int(found[1]) if found else None

    lines = landing.read_text(encoding="utf-8").split("\n")
    for opening, closing, _fence in directives(lines, "toctree"):
        options, body = fence_options(lines, opening + 1, closing)
        entries = [(i, lines[i]) for i in range(body, closing) if lines[i].strip()]
        if "glob" in options and any(
                fnmatch.fnmatch(new_doc, posixpath.normpath(posixpath.join(folder, e.strip())))
                for _, e in entries):
            summary.note(f"{landing.name}: a :glob: toctree already lists {new_doc}")
            return True
        listed = [(i, _entry_doc(e, folder)) for i, e in entries]
        terms = [(i, found) for i, doc in listed if doc and (found := year(doc)) is not None]
        if not any(doc == old_doc for _, doc in listed):
            continue
        if any(doc == new_doc for _, doc in listed):
            return True
        newest_first = not (len(terms) > 1 and terms[0][1] < terms[-1][1])
        old_line = next(i for i, doc in listed if doc == old_doc)
        indent = re.match(r"\s*", lines[old_line])[0]  # type: ignore[index]
        after = [i for i, found in terms if (found > new if newest_first else found < new)]
        position = after[-1] + 1 if after else terms[0][0]
        lines.insert(position, indent + posixpath.relpath(new_doc, folder or "."))
        landing.write_text("\n".join(lines), encoding="utf-8")
        summary.note(f"{landing.name}: added {new_doc} to the table of contents")
        return True
    if root is None:
        raise NewYearError(f"{landing} has no toctree listing {old_doc}; add {new_doc} to one "
                           "by hand")
    return False


def add_to_contents(root: Path, source: str, target: str, old: int, new: int,
                    exclude_patterns: Sequence[str], summary: Any) -> None:
    """The new page goes into the toctree that lists the old one: the root page's if it
    does (the landing page), else the first other page's."""
    years = {docname(page): year for page, year in term_pages(root, exclude_patterns).items()}
    old_doc, new_doc = docname(source), docname(target)
    pages = sorted(project_pages(root, exclude_patterns), key=lambda p: p != "index.md")
    for listing in pages:
        if listing not in (source, target) and add_to_landing(
                root / listing, old, new, summary, old_doc=old_doc, new_doc=new_doc,
                years=years, root=root):
            _note_mentions(root / listing, old_doc, summary)
            return
    raise NewYearError(f"no page's toctree lists {old_doc}; add {new_doc} to one by hand")


def _note_mentions(landing: Path, old_doc: str, summary: Any) -> None:
    """Point at links to the old year outside toctrees, e.g. a "this year" card."""
    lines = landing.read_text(encoding="utf-8").split("\n")
    in_toctree = {i for start, end, _ in directives(lines, "toctree")
                  for i in range(start, end + 1)}
    for index, line in enumerate(lines):
        if old_doc in line and index not in in_toctree:
            summary.todo.append(f"{landing.name}:{index + 1} still links {old_doc}; point "
                                "it at the new year (or use {newest-year})")
