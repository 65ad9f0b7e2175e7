"""Start next year's page from this year's: ``make new-year FROM=2022 YEAR=2023``.

Why a tool: a new term reuses the course's structure (weeks, topics, lecture titles) but
none of one year's particulars, and clearing those by hand misses some — a slide link
left pointing at last year's folder, or an ``acknowledge:`` that silences a warning the
new year should see.  This copies ``years/<FROM>/`` to ``years/<YEAR>/`` and, in every
``{schedule}`` (its body or its ``:file:``):

* keeps sections, weeks, topics, lecture numbers and titles, ``term.weekday``, times,
  location, timezone and week count, and links to external materials;
* clears slides, ``term.first_day`` and ``term.holidays``, paper readings, projects,
  material links to files of the old year, and every ``acknowledge:`` entry;
* sets ``year:`` (if given) and puts the new year into ``term.name`` and the headings;
* renumbers lectures consecutively when the old numbers overlapped or skipped (the old
  year may have acknowledged that; the new year starts clean).

The YAML is edited with ruamel.yaml's round-trip mode, so comments, key order, flow
mappings and quoting stay as they were.  Finally the new page is added to the landing
page's table of contents next to the old year (unless a ``:glob:`` already covers it);
the ``{year-switcher}`` lists year pages by itself.
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.util import load_yaml_guess_indent

REPO = Path(__file__).resolve().parent.parent
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})\{(?P<name>[\w-]+)\}(?P<arg>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.\-]*:")


class NewYearError(Exception):
    """The new year cannot be started; the message says why and what to do."""


@dataclass
class Report:
    """What was changed, for the person starting the year to review."""

    notes: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Old term name -> new one ("Spring 2022" -> "Spring 2023"), for the page's text."""

    def note(self, text: str) -> None:
        self.notes.append(text)


@dataclass
class Block:
    """One ``{schedule}`` directive in a page: where its body is, or its ``:file:``."""

    start: int  # index of the first body line (after options)
    end: int  # index of the closing fence line
    file: str | None


# --- finding directives in MyST ---------------------------------------------------


def directives(lines: list[str], name: str) -> Iterator[tuple[int, int, str]]:
    """(opening line, closing line, fence) of every ``{name}`` fence in ``lines``."""
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        fence = match["fence"]
        closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((j for j in range(index + 1, len(lines)) if closing.match(lines[j])),
                   len(lines))
        if match["name"] == name:
            yield index, end, fence
        index = end + 1


def _options(lines: list[str], start: int, end: int) -> tuple[dict[str, str], int]:
    """The ``:key: value`` options after an opening fence and the first body line."""
    options: dict[str, str] = {}
    index = start
    while index < end and (match := _OPTION.match(lines[index])):
        options[match["key"]] = match["value"]
        index += 1
    return options, index


def schedule_blocks(lines: list[str]) -> list[Block]:
    blocks = []
    for opening, closing, _fence in directives(lines, "schedule"):
        options, body = _options(lines, opening + 1, closing)
        blocks.append(Block(body, closing, options.get("file")))
    return blocks


# --- editing the schedule data ----------------------------------------------------


def _span(number: Any) -> tuple[int, int] | None:
    match = _RANGE.match(str(number))
    if match is None:
        return None
    first = int(match[1])
    return first, int(match[2]) if match[2] else first


def _number(first: int, last: int, like: Any) -> Any:
    if first == last:
        return first if isinstance(like, int) else type(like)(str(first))
    return type(like)(f"{first}-{last}") if isinstance(like, str) else f"{first}-{last}"


def _is_external(url: Any) -> bool:
    return isinstance(url, str) and bool(_SCHEME.match(url)) and not url.strip().lower(
    ).startswith(("javascript:", "data:", "vbscript:"))


def _renumber(lectures: list[Any], report: Report) -> None:
    """Give lectures consecutive numbers, keeping each entry's count of lectures."""
    upcoming: int | None = None
    for owner in lectures:
        for entry in owner.get("parts") or [owner]:
            span = _span(entry.get("number"))
            if span is None:
                continue  # not a number the model accepts; leave it for the build to report
            first, last = span
            if upcoming is None:
                upcoming = first
            if first != upcoming:
                new = _number(upcoming, upcoming + last - first, entry["number"])
                report.note(f"renumbered Lecture {entry['number']} ({entry.get('title')}) "
                            f"to {new}")
                entry["number"] = new
            upcoming += last - first + 1


def _drop(mapping: Any, *keys: str) -> None:
    for key in keys:
        if key in mapping:
            del mapping[key]


def clear_year(data: Any, old: int, new: int, report: Report) -> None:
    """Turn one schedule's data (ruamel round-trip) from ``old``'s into ``new``'s."""
    if not isinstance(data, dict):
        raise NewYearError("the schedule is not a mapping with 'sections'")
    if "year" in data:
        data["year"] = new
    term = data.get("term")
    if isinstance(term, dict):
        _drop(term, "first_day", "holidays", "acknowledge")
        name = term.get("name")
        if isinstance(name, str) and str(old) in name:
            term["name"] = type(name)(name.replace(str(old), str(new)))
            report.names[str(name)] = str(term["name"])
    lectures: list[Any] = []
    for section in data.get("sections") or []:
        for week in section.get("weeks") or []:
            _drop(week, "acknowledge", "papers", "projects")
            for lecture in week.get("lectures") or []:
                _drop(lecture, "slides", "acknowledge")
                lectures.append(lecture)
            materials = week.get("materials")
            if materials is not None:
                for link in [m for m in materials if not _is_external(m.get("url"))]:
                    report.note(f"dropped material {link.get('label')!r} "
                                f"({link.get('url')}): a file of {old}")
                    materials.remove(link)
                for link in materials:
                    _drop(link, "acknowledge")
                if not materials:
                    del week["materials"]
    _renumber(lectures, report)


def _yaml(text: str) -> tuple[YAML, Any]:
    _data, sequence, offset = load_yaml_guess_indent(text)
    if sequence is None or offset is None:  # no block list to learn from: the site's style
        sequence, offset = 4, 2
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    return yaml, yaml.load(text)


def edit_yaml(text: str, old: int, new: int, report: Report) -> str:
    """The new year's YAML text for one schedule."""
    yaml, data = _yaml(text)
    clear_year(data, old, new, report)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- pages and the landing page ---------------------------------------------------


def edit_page(page: Path, old: int, new: int, report: Report) -> None:
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
            target.write_text(edit_yaml(target.read_text(encoding="utf-8"), old, new, report),
                              encoding="utf-8")
            continue
        body = "\n".join(lines[block.start:block.end])
        lines[block.start:block.end] = edit_yaml(body, old, new, report).rstrip("\n").split("\n")
    fenced = fenced_lines(lines)
    for index, line in enumerate(lines):
        if index in fenced or str(old) not in line:
            continue
        if line.startswith("#"):
            lines[index] = line.replace(str(old), str(new))
            continue
        for old_name, new_name in report.names.items():
            lines[index] = lines[index].replace(old_name, new_name)
        if str(old) in lines[index]:
            report.note(f"{page.name}:{index + 1} still mentions {old}: {line.strip()}")
    page.write_text("\n".join(lines), encoding="utf-8")


def fenced_lines(lines: list[str]) -> set[int]:
    """Indices of the lines inside (or opening/closing) any fence of a MyST page."""
    inside: set[int] = set()
    opening: re.Match[str] | None = None
    for index, line in enumerate(lines):
        if opening is None:
            opening = re.match(r"^\s*(`{3,}|~{3,}|:{3,})", line)
            if opening:
                inside.add(index)
            continue
        inside.add(index)
        fence = opening[1]
        if re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
            opening = None
    return inside


def add_to_landing(landing: Path, old: int, new: int, report: Report) -> None:
    """List ``years/<new>/index`` in the landing page's toctree beside ``old``."""
    doc, old_doc = f"years/{new}/index", f"years/{old}/index"
    lines = landing.read_text(encoding="utf-8").split("\n")
    for opening, closing, _fence in directives(lines, "toctree"):
        options, body = _options(lines, opening + 1, closing)
        entries = [(i, lines[i]) for i in range(body, closing) if lines[i].strip()]
        if "glob" in options and any(fnmatch.fnmatch(doc, e.strip().lstrip("/"))
                                     for _, e in entries):
            report.note(f"{landing.name}: a :glob: toctree already lists {doc}")
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
        report.note(f"{landing.name}: added {doc} to the table of contents")
        return
    raise NewYearError(f"{landing} has no toctree listing {old_doc}; add {doc} to one by hand")


def new_year(root: Path, old: int, new: int, *, force: bool = False) -> Report:
    """Create ``years/<new>/`` from ``years/<old>/`` under ``root``."""
    if old == new:
        raise NewYearError("FROM and YEAR are the same year")
    source, target = root / "years" / str(old), root / "years" / str(new)
    if not (source / "index.md").is_file():
        raise NewYearError(f"{source / 'index.md'} does not exist")
    if target.exists():
        if not force:
            raise NewYearError(f"{target} already exists; remove it or pass --force")
        shutil.rmtree(target)
    report = Report()
    shutil.copytree(source, target)
    try:
        edit_page(target / "index.md", old, new, report)
    except Exception:
        shutil.rmtree(target)  # leave no half-made year behind
        raise
    add_to_landing(root / "index.md", old, new, report)
    _note_mentions(root / "index.md", f"years/{old}/index", report)
    return report


def _note_mentions(landing: Path, old_doc: str, report: Report) -> None:
    """Point at links to the old year outside toctrees, e.g. a "this year" card."""
    lines = landing.read_text(encoding="utf-8").split("\n")
    in_toctree = {i for start, end, _ in directives(lines, "toctree")
                  for i in range(start, end + 1)}
    for index, line in enumerate(lines):
        if old_doc in line and index not in in_toctree:
            report.note(f"{landing.name}:{index + 1} still links {old_doc}; point it at "
                        "the new year when its term starts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.new_year",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("old", type=int, metavar="FROM", help="the year to start from, e.g. 2022")
    parser.add_argument("new", type=int, metavar="YEAR", help="the new year, e.g. 2023")
    parser.add_argument("--root", type=Path, default=REPO, help="the site's source folder")
    parser.add_argument("--force", action="store_true", help="replace an existing new year")
    args = parser.parse_args(argv)
    try:
        report = new_year(args.root, args.old, args.new, force=args.force)
    except NewYearError as error:
        print(f"new-year: {error}", file=sys.stderr)
        return 1
    for note in report.notes:
        print(f"new-year: {note}")
    print(f"new-year: wrote {args.root / 'years' / str(args.new) / 'index.md'}; fill in "
          "term.first_day, holidays and, during the term, slides")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
