"""Start next year's page from this year's: ``course-schedule new-term 2022 2023``.

Why a tool: a new term reuses the course's structure (weeks, topics, lecture titles) but
none of one year's particulars, and clearing those by hand misses some — a slide link
left pointing at last year's folder, or an ``acknowledge:`` that silences a warning the
new year should see.  This copies ``years/<FROM>/`` to ``years/<YEAR>/`` and, in every
``{schedule}`` (its body or its ``:file:``):

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

The YAML is edited with ruamel.yaml's round-trip mode (comments, key order and quoting
stay).  Finally the new page is added to the landing page's table of contents next to
the old year (unless a ``:glob:`` already covers it).  The rest follows from the data:
the ``{term}`` line, the ``{newest-year}`` card, the ``{year-switcher}`` and the
copyright span.  What is left to do by hand is exactly the summary's "left to do" list.
Lecture numbers, weekdays and link kinds are the extension's own definitions, so the
tool and the build cannot disagree about them.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import re
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

from ..schedule.files import DEFAULT_SLIDES_DIR, slides_folder
from ..schedule.links import is_allowed, is_site_path
from ..schedule.model import WEEKDAYS, LecturePart, lecture_span
from . import project_conf
from .carry_translations import carry_translations
from .myst_fences import directives, fence_options, fenced_lines, schedule_blocks
from .old_links import clear_old_files
from .staff import TO_FILL, clear_teaching_assistants


class NewYearError(Exception):
    """The new year cannot be started; the message says why and what to do."""


@dataclass
class NewYearSummary:
    """What was changed (to review) and what is left to do by hand (the whole list)."""

    notes: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Old term name -> new one ("Spring 2022" -> "Spring 2023"), for the page's text."""
    staff: str | None = None
    """The to-do item for the staff section (its file:line), once the page is edited."""

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


def edit_page(page: Path, old: int, new: int, summary: NewYearSummary) -> None:
    """Edit every schedule in ``page`` (its body or its ``:file:``) and the headings."""
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
    summary.staff = clear_teaching_assistants(lines, fenced, f"years/{new}/{page.name}", old)
    for index, line in enumerate(lines):
        if index in fenced or str(old) not in line:
            continue
        if line.startswith("#"):
            lines[index] = line.replace(str(old), str(new))
            continue
        for old_name, new_name in summary.names.items():
            lines[index] = lines[index].replace(old_name, new_name)
        if str(old) in lines[index]:
            summary.todo.append(f"years/{new}/{page.name}:{index + 1} still mentions {old}: "
                                f"{line.strip()}")
    page.write_text("\n".join(lines), encoding="utf-8")


def add_to_landing(landing: Path, old: int, new: int, summary: NewYearSummary) -> None:
    """List ``years/<new>/index`` in the landing page's toctree beside ``old``."""
    doc, old_doc = f"years/{new}/index", f"years/{old}/index"
    lines = landing.read_text(encoding="utf-8").split("\n")
    for opening, closing, _fence in directives(lines, "toctree"):
        options, body = fence_options(lines, opening + 1, closing)
        entries = [(i, lines[i]) for i in range(body, closing) if lines[i].strip()]
        if "glob" in options and any(fnmatch.fnmatch(doc, e.strip().lstrip("/"))
                                     for _, e in entries):
            summary.note(f"{landing.name}: a :glob: toctree already lists {doc}")
            return
        years = [(i, int(m[1])) for i, e in entries
                 if (m := re.search(r"(?:^|<|\s)/?years/(\d{4})/index>?\s*$", e))]
        if not any(year == old for _, year in years):
            continue
        if any(year == new for _, year in years):
            return
        newest_first = not (len(years) > 1 and years[0][1] < years[-1][1])
        old_line = next(i for i, year in years if year == old)
        indent = re.match(r"\s*", lines[old_line])[0]  # type: ignore[index]
        after = [i for i, year in years if (year > new if newest_first else year < new)]
        position = after[-1] + 1 if after else years[0][0]
        lines.insert(position, indent + doc)
        landing.write_text("\n".join(lines), encoding="utf-8")
        summary.note(f"{landing.name}: added {doc} to the table of contents")
        return
    raise NewYearError(f"{landing} has no toctree listing {old_doc}; add {doc} to one by hand")


def new_year(root: Path, old: int, new: int, *, force: bool = False,
             slides_dir: str = DEFAULT_SLIDES_DIR,
             locale_dirs: Sequence[str] = ("locales",)) -> NewYearSummary:
    """Create ``years/<new>/`` from ``years/<old>/`` under ``root``; ``slides_dir`` and
    ``locale_dirs`` are the project's settings (the translations are carried over)."""
    if old == new:
        raise NewYearError("FROM and YEAR are the same year")
    source, target = root / "years" / str(old), root / "years" / str(new)
    if not (source / "index.md").is_file():
        raise NewYearError(f"{source / 'index.md'} does not exist")
    if target.exists():
        if not force:
            raise NewYearError(f"{target} already exists; remove it or pass --force")
        shutil.rmtree(target)
    summary = NewYearSummary()
    shutil.copytree(source, target)
    try:
        edit_page(target / "index.md", old, new, summary)
    except Exception:
        shutil.rmtree(target)  # leave no half-made year behind
        raise
    for catalog in carry_translations(root, locale_dirs, old, new):
        summary.note(f"{catalog}: the new year's headings and term name translated")
    add_to_landing(root / "index.md", old, new, summary)
    _note_mentions(root / "index.md", f"years/{old}/index", summary)
    _list_fields_to_fill(root, target, new, summary)
    summary.todo.append(f"during the term: put the slides in {slides_folder(slides_dir, new)}/ "
                        "and add a 'slides:' line to each lecture; add papers: and projects: "
                        "as they are assigned")
    return summary


def _list_fields_to_fill(root: Path, target: Path, new: int, summary: NewYearSummary) -> None:
    """Put the marked fields on the summary's list (the term's own work follows)."""
    for path in sorted(target.rglob("*")):
        if path.suffix not in (".md", ".yaml", ".yml") or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if f"# {TO_FILL}" in line:
                key, _, comment = line.partition(":")
                what = comment.split(f"# {TO_FILL}:", 1)[1].strip()
                summary.todo.append(f"{path.relative_to(root)}:{number}: fill in "
                                    f"term.{key.strip()} ({what})")
    if not any("term.first_day" in item for item in summary.todo):
        summary.todo.append(f"years/{new}/index.md: to show dates, add a 'term:' block "
                            "with first_day and holidays (see the guide)")
    if summary.staff:
        summary.todo.append(summary.staff)


def _note_mentions(landing: Path, old_doc: str, summary: NewYearSummary) -> None:
    """Point at links to the old year outside toctrees, e.g. a "this year" card."""
    lines = landing.read_text(encoding="utf-8").split("\n")
    in_toctree = {i for start, end, _ in directives(lines, "toctree")
                  for i in range(start, end + 1)}
    for index, line in enumerate(lines):
        if old_doc in line and index not in in_toctree:
            summary.todo.append(f"{landing.name}:{index + 1} still links {old_doc}; point "
                                "it at the new year (or use {newest-year})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-schedule new-term",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("old", type=int, metavar="FROM", help="the year to start from, e.g. 2022")
    parser.add_argument("new", type=int, metavar="YEAR", help="the new year, e.g. 2023")
    parser.add_argument("--root", type=Path, default=Path(),
                        help="the site's source folder (default: here)")
    parser.add_argument("--force", action="store_true", help="replace an existing new year")
    args = parser.parse_args(argv)
    try:
        conf = project_conf(args.root)
        summary = new_year(args.root, args.old, args.new, force=args.force,
                           slides_dir=conf.get("schedule_slides_dir", DEFAULT_SLIDES_DIR),
                           locale_dirs=conf.get("locale_dirs", ("locales",)))
    except NewYearError as error:
        sys.stderr.write(f"new-year: {error}\n")
        return 1
    sys.stdout.write(f"new-year: wrote {args.root / 'years' / str(args.new) / 'index.md'}\n")
    sys.stdout.write("".join(f"{line}\n" for line in summary.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
