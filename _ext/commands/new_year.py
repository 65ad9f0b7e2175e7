"""Start next year's page from this year's: ``course-schedule new-term 2022 2023``.

Why a tool: a new term reuses the course's structure (weeks, topics, lecture titles) but
none of one year's particulars, and clearing those by hand misses some — a slide link
left pointing at last year's folder, or an ``acknowledge:`` that silences a warning the
new year should see.  This copies the old term's page (with its folder when the page is
its folder's ``index.md``) to the new page's path and, in every ``{schedule}`` (its body
or its ``:file:``):

* keeps sections, weeks, topics, lecture numbers and titles, ``term.weekday``, times,
  location, timezone and week count, and links to external materials;
* clears slides, paper readings, projects, material links to files of the old year, and
  every ``acknowledge:`` entry;
* writes ``term.first_day`` and ``term.holidays`` empty, each with a ``# TO FILL IN``
  comment, so the person starting the year sees where the new dates go (last year's
  ``makeup_days`` go with its holidays);
* sets ``year:`` (if given) and puts the new year into ``term.name`` and the headings;
* clears the teaching assistants in the page's staff section (a TA rarely stays two
  years, and last year's name on this year's page is wrong without anyone noticing),
  marking the line ``TO FILL IN``;
* renumbers lectures consecutively when the old numbers overlapped or skipped (the old
  year may have acknowledged that; the new year starts clean);
* translates the new year's headings and term name in every catalog as the old year's
  are (:mod:`.carry_translations`).

Which pages are terms, and where the new one goes, the schedules say (:mod:`.term_pages`):
the old term is named by its page or by its year (the page whose schedule is that
year's), and the new page's path is given or is the old one's with the year changed
(``make new-year`` passes this site's ``years/<yyyy>/index.md``).  The YAML is edited
with ruamel.yaml's round-trip mode (comments, key order and quoting stay).  Finally the
new page is added to the table of contents that lists the old term, next to it (unless a
``:glob:`` already covers it).  The rest follows from the data:
the ``{term}`` line, the ``{newest-year}`` card, the ``{year-switcher}`` and the
copyright span.  What is left to do by hand is exactly the summary's "left to do" list.
Lecture numbers, weekdays and link kinds are the extension's own definitions, so the
tool and the build cannot disagree about them.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.util import load_yaml_guess_indent

from ..schedule.links.local_files import DEFAULT_SLIDES_DIR, slides_folder
from ..schedule.links.hrefs import is_allowed, is_site_path
from ..schedule.model.schedule import WEEKDAYS, LecturePart, lecture_span
from . import project_conf
from .carry_translations import carry_translations
from .myst_fences import fenced_lines, schedule_blocks
from .old_links import clear_old_files
from .staff import TO_FILL, clear_teaching_assistants
from .term_pages import (
    NewYearError, add_to_contents, add_to_landing, find_term_page, new_page_path, page_year)

__all__ = ["NewYearError", "NewYearSummary", "add_to_landing", "main", "new_year"]


@dataclass
class NewYearSummary:
    """What was changed (to review) and what is left to do by hand (the whole list)."""

    notes: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Old term name -> new one ("Spring 2022" -> "Spring 2023"), for the page's text."""
    staff: str | None = None
    """The to-do item for the staff section (its file:line), once the page is edited."""
    page: str = ""
    """The new term's page, from the project's root."""

    def note(self, text: str) -> None:
        self.notes.append(text)

    def lines(self) -> list[str]:
        """The summary as printed: the changes, then the numbered list of what is left."""
        found = [f"new-year: {note}" for note in self.notes]
        found.append("new-year: left to do by hand:")
        found += [f"  {number}. {item}" for number, item in enumerate(self.todo, 1)]
        return found


# --- editing the schedule data ----------------------------------------------------
def _span(number: Any) -> tuple[int, int] | None:
    """The lectures a number covers, read by the model's own rule; ``None`` if it refuses."""
    try:
        valid = LecturePart.model_validate({"number": number, "title": "-"}).number
    except ValidationError:
        return None
    return lecture_span(valid)


def _number(first: int, last: int, like: Any) -> Any:
    if first == last:
        return first if isinstance(like, int) else type(like)(str(first))
    return type(like)(f"{first}-{last}") if isinstance(like, str) else f"{first}-{last}"


def _is_external(url: Any) -> bool:
    """A link to another site, kept; a site path (a file of the old year) is not."""
    return isinstance(url, str) and is_allowed(url) and not is_site_path(url)


def _renumber(lectures: list[Any], summary: NewYearSummary) -> None:
    """Give lectures consecutive numbers, keeping each entry's count of lectures."""
    upcoming: int | None = None
    for owner in lectures:
        for entry in owner.get("parts") or [owner]:
            span = _span(entry.get("number"))
            if span is None:
                continue  # not a number the model accepts; leave it for the build to summary
            first, last = span
            if upcoming is None:
                upcoming = first
            if first != upcoming:
                new = _number(upcoming, upcoming + last - first, entry["number"])
                summary.note(f"renumbered Lecture {entry['number']} ({entry.get('title')}) "
                            f"to {new}")
                entry["number"] = new
            upcoming += last - first + 1


def _drop(mapping: Any, *keys: str) -> None:
    for key in keys:
        if key in mapping:
            del mapping[key]


def clear_year(data: Any, old: int, new: int, summary: NewYearSummary) -> None:
    """Turn one schedule's data (ruamel round-trip) from ``old``'s into ``new``'s."""
    if not isinstance(data, dict):
        raise NewYearError("the schedule is not a mapping with 'sections'")
    if "year" in data:
        data["year"] = new
    term = data.get("term")
    if isinstance(term, dict):
        _drop(term, "first_day", "holidays", "makeup_days", "acknowledge")
        _mark_dates(term)
        name = term.get("name")
        if isinstance(name, str) and str(old) in name:
            term["name"] = type(name)(name.replace(str(old), str(new)))
            summary.names[str(name)] = str(term["name"])
    lectures: list[Any] = []
    for section in data.get("sections") or []:
        for week in section.get("weeks") or []:
            _drop(week, "acknowledge", "papers", "projects")
            for lecture in week.get("lectures") or []:
                _drop(lecture, "slides", "acknowledge")
                lectures.append(lecture)
            for link in week.get("materials") or []:
                _drop(link, "acknowledge")
    for note in clear_old_files(data, old, _is_external):
        summary.note(note)
    _renumber(lectures, summary)


def _mark_dates(term: Any) -> None:
    """Write ``first_day`` and ``holidays`` empty, each marked with what goes there."""
    day = term.get("weekday")
    meets = f"; the class meets on {day}" if day in WEEKDAYS else ""
    after = list(term).index("name") + 1 if "name" in term else 0
    if isinstance(term, CommentedMap):
        term.insert(after, "first_day", None,
                    comment=f"{TO_FILL}: first day of week 1, YYYY-MM-DD{meets}")
        term.insert(after + 1, "holidays", [],
                    comment=f"{TO_FILL}: dates with no class, e.g. [YYYY-MM-DD], or []")
    else:
        term["first_day"], term["holidays"] = None, []


def _yaml(text: str) -> tuple[YAML, Any]:
    _data, sequence, offset = load_yaml_guess_indent(text)
    if sequence is None or offset is None:  # no block list to learn from: the site's style
        sequence, offset = 4, 2
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    return yaml, yaml.load(text)


def edit_yaml(text: str, old: int, new: int, summary: NewYearSummary) -> str:
    """The new year's YAML text for one schedule."""
    yaml, data = _yaml(text)
    clear_year(data, old, new, summary)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- pages and the landing page ---------------------------------------------------


def edit_page(page: Path, old: int, new: int, summary: NewYearSummary,
              where: str | None = None) -> None:
    """Edit every schedule in ``page`` (its body or its ``:file:``) and the headings;
    ``where`` is the page's path as the summary names it."""
    where = where or f"years/{new}/{page.name}"
    lines = page.read_text(encoding="utf-8").split("\n")
    blocks = schedule_blocks(lines)
    if not blocks:
        raise NewYearError(f"{page} has no {{schedule}} block")
    for block in reversed(blocks):  # from the end, so earlier line numbers stay valid
        if block.file is not None:
            target = (page.parent / block.file).resolve()
            if not target.is_relative_to(page.parent.resolve()):
                raise NewYearError(f"{page}: the schedule file {block.file!r} is outside the "
                                   "year's folder; copy it into the folder first")
            target.write_text(edit_yaml(target.read_text(encoding="utf-8"), old, new, summary),
                              encoding="utf-8")
            continue
        body = "\n".join(lines[block.start:block.end])
        lines[block.start:block.end] = edit_yaml(body, old, new, summary).rstrip("\n").split("\n")
    fenced = fenced_lines(lines)
    summary.staff = clear_teaching_assistants(lines, fenced, where, old)
    for index, line in enumerate(lines):
        if index in fenced or str(old) not in line:
            continue
        if line.startswith("#"):
            lines[index] = line.replace(str(old), str(new))
            continue
        for old_name, new_name in summary.names.items():
            lines[index] = lines[index].replace(old_name, new_name)
        if str(old) in lines[index]:
            summary.todo.append(f"{where}:{index + 1} still mentions {old}: "
                                f"{line.strip()}")
    page.write_text("\n".join(lines), encoding="utf-8")


def new_year(root: Path, old: int, new: int, *, force: bool = False,
             slides_dir: str = DEFAULT_SLIDES_DIR,
             locale_dirs: Sequence[str] = ("locales",), source: str | None = None,
             target: str | None = None, exclude_patterns: Sequence[str] = ()) -> NewYearSummary:
    """Create the term page ``target`` (a path from ``root``; by default ``source``'s with
    the year changed) from ``source`` (by default the page whose schedule is ``old``'s);
    ``slides_dir``, ``locale_dirs`` and ``exclude_patterns`` are the project's settings."""
    if old == new:
        raise NewYearError("FROM and YEAR are the same year")
    source = source or find_term_page(root, old, exclude_patterns)
    target = target or new_page_path(source, old, new)
    page, new_page = root / source, root / target
    if not page.is_file():
        raise NewYearError(f"{page} does not exist")
    own_folder = page.name == "index.md" and page.parent != root and new_page.parent != page.parent
    folder = new_page.parent if own_folder else new_page
    if own_folder and (folder == root or page.parent.is_relative_to(folder)):
        raise NewYearError(f"{target}: the new page needs a folder of its own")
    if not own_folder and any(block.file for block in schedule_blocks(
            page.read_text(encoding="utf-8").split("\n"))):
        raise NewYearError(f"{source} keeps its schedule in a :file:; put the page in a folder "
                           "of its own (as its index.md) so the new term gets its own copy")
    if folder.exists():
        if not force:
            raise NewYearError(f"{folder} already exists; remove it or pass --force")
        if folder.is_dir():
            shutil.rmtree(folder)
        else:
            folder.unlink()
    summary = NewYearSummary(page=target)
    if own_folder:
        shutil.copytree(page.parent, folder)
    else:
        new_page.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, new_page)
    try:
        edit_page(new_page, old, new, summary, target)
    except Exception:
        shutil.rmtree(folder) if folder.is_dir() else folder.unlink()  # no half-made year
        raise
    for catalog in carry_translations(root, locale_dirs, old, new):
        summary.note(f"{catalog}: the new year's headings and term name translated")
    add_to_contents(root, source, target, old, new, exclude_patterns, summary)
    _list_fields_to_fill(root, folder, target, summary)
    summary.todo.append(f"during the term: put the slides in {slides_folder(slides_dir, new)}/ "
                        "and add a 'slides:' line to each lecture; add papers: and projects: "
                        "as they are assigned")
    return summary


def _list_fields_to_fill(root: Path, target: Path, page: str, summary: NewYearSummary) -> None:
    """Put the marked fields on the summary's list (the term's own work follows)."""
    for path in sorted(target.rglob("*")) if target.is_dir() else [target]:
        if path.suffix not in (".md", ".yaml", ".yml") or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if f"# {TO_FILL}" in line:
                key, _, comment = line.partition(":")
                what = comment.split(f"# {TO_FILL}:", 1)[1].strip()
                summary.todo.append(f"{path.relative_to(root)}:{number}: fill in "
                                    f"term.{key.strip()} ({what})")
    if not any("term.first_day" in item for item in summary.todo):
        summary.todo.append(f"{page}: to show dates, add a 'term:' block "
                            "with first_day and holidays (see the guide)")
    if summary.staff:
        summary.todo.append(summary.staff)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-schedule new-term",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("old", metavar="FROM",
                        help="the term page to start from (terms/fall-2027/index.md), or its "
                             "year (2022: the page whose schedule is that year's)")
    parser.add_argument("new", type=int, metavar="YEAR", help="the new year, e.g. 2023")
    parser.add_argument("page", nargs="?", metavar="NEW_PAGE",
                        help="the new term's page (default: FROM's path with YEAR for its year)")
    parser.add_argument("--root", type=Path, default=Path(),
                        help="the site's source folder (default: here)")
    parser.add_argument("--force", action="store_true", help="replace an existing new year")
    args = parser.parse_args(argv)
    try:
        conf = project_conf(args.root)
        excluded = conf.get("exclude_patterns", ())
        source = None if args.old.isdigit() else Path(args.old).as_posix()
        old = int(args.old) if source is None else page_year(args.root, source) \
            if (args.root / source).is_file() else None
        if old is None:
            raise NewYearError(f"{args.old} is not a term page (a page with a schedule that "
                               "has a year) or a year")
        summary = new_year(args.root, old, args.new, force=args.force, source=source,
                           target=args.page, exclude_patterns=excluded,
                           slides_dir=conf.get("schedule_slides_dir", DEFAULT_SLIDES_DIR),
                           locale_dirs=conf.get("locale_dirs", ("locales",)))
    except NewYearError as error:
        sys.stderr.write(f"new-year: {error}\n")
        return 1
    sys.stdout.write(f"new-year: wrote {args.root / summary.page}\n")
    sys.stdout.write("".join(f"{line}\n" for line in summary.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
