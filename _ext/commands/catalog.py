"""Keep the extension's message catalogs in step with the code.

The words ``_ext/`` shows (marked ``_("…")``, or ``N_("…")`` for a default value) are
extracted with Babel's Python extractor; each
``_ext/locale/<lang>/LC_MESSAGES/sphinx-course-schedule.po`` is updated from them (new
messages added untranslated, removed ones dropped).  Only the ``.po`` is kept: the
extension compiles it into the build's cache when it loads
(:func:`sphinx_course_schedule.locale.compile_catalogs`), so no compiled file ties the
repository to one Babel release.

Run ``course-schedule catalog`` (``make catalog`` here) after changing a marked string, then
translate the entries it reports.  ``--check`` changes nothing and exits with status 1
when a catalog lacks a message, keeps a stale one or has an untranslated or fuzzy entry
(``tests/test_i18n.py`` runs the same check).  Catalogs are compared by their messages,
never by the bytes a tool wrote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..locale import CATALOG, LOCALE_DIR, po_files

SOURCE = LOCALE_DIR.parent  # the package's folder (_ext/ in this repository)
KEYWORDS = {"_": None, "N_": None}


def template() -> Catalog:
    """Every message marked in ``_ext/``, with where it is and the translator's note."""
    found = Catalog(project=CATALOG, fuzzy=False)
    for filename, lineno, message, comments, _context in extract_from_dir(
            str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("NOTE:",), strip_comment_tags=True):
        found.add(message, locations=[(f"_ext/{filename}", lineno)],
                  auto_comments=comments)
    return found


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parts[-3])


def problems(path: Path, source: Catalog) -> list[str]:
    """What is wrong with one ``.po`` compared with the code."""
    catalog = read(path)
    wanted = {message.id for message in source if message.id}
    have = {message.id for message in catalog if message.id}
    found = [f"{path.name}: missing {message!r}" for message in sorted(wanted - have)]
    found += [f"{path.name}: stale {message!r}" for message in sorted(have - wanted)]
    for message in catalog:
        if message.id and (not message.string or message.fuzzy):
            state = "fuzzy" if message.fuzzy else "untranslated"
            found.append(f"{path.name}: {state} {message.id!r}")
    if catalog.obsolete:
        found.append(f"{path.name}: obsolete entries {sorted(catalog.obsolete)!r}")
    return found


def update(path: Path, source: Catalog) -> list[str]:
    """Merge the code's messages into ``path`` and say what needs a translator."""
    catalog = read(path)
    created = catalog.creation_date  # the date of the catalog, not of each update
    catalog.update(source, no_fuzzy_matching=True)
    catalog.creation_date = created
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, include_lineno=False, sort_output=True)
    catalog = read(path)
    return [f"{path}: translate {message.id!r}" for message in catalog
            if message.id and not message.string]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-schedule catalog",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a catalog is out of step")
    args = parser.parse_args(argv)
    source = template()
    report = [line for path in po_files()
              for line in (problems(path, source) if args.check else update(path, source))]
    for line in report:
        sys.stderr.write(f"{line}\n")
    return 1 if report and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
