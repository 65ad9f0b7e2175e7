"""The site as its readers get it, year by year: what must not change by accident.

Refactoring the extension (issue 23 made it a package) must leave this site the same for
its readers.  For each year page this writes, under ``tests/expected/site/<year>/``:

* ``page.txt``: the year page's article as a reader sees it: headings and paragraphs as
  text, each table row on one line (cells joined by ``|``), each link as
  ``text <href>``; the year switcher is left out, since it lists every year and changes
  when the next one is added;
* ``schedule.json`` / ``schedule.ics``: the page's exports (the calendar without its
  ``DTSTAMP`` lines, which are build times);
* ``handbook.txt``: the year's chapter of the PDF handbook, as ``pdftotext`` reads it.

``tests/test_site_as_read.py`` builds the site from a copy and compares each year that
has such a folder (a year added later has none, and is compared with nothing; a
deliberate change to a year is accepted by running this tool again and committing the
difference, which then shows in review)::

    .venv/bin/python -m tools.site_as_read          # make site-as-read
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
EXPECTED = REPO / "tests" / "expected" / "site"
LEFT_OUT = ".year-switcher, .headerlink"
"""What a year page shows that is not the year's: the list of all years, the ¶ marks."""


def _cell(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def page_view(html: str) -> str:
    """The article of a built page as lines of text (see the module's docstring)."""
    article = BeautifulSoup(html, "html.parser").find("article")
    if not isinstance(article, Tag):
        return ""
    for node in article.select(LEFT_OUT):
        node.decompose()
    for link in article.find_all("a", href=True):
        text = " ".join(link.get_text(" ").split())
        link.replace_with(NavigableString(f"{text} <{link['href']}>"))
    for row in article.find_all("tr"):
        cells = row.find_all(["th", "td"], recursive=False)
        row.replace_with(NavigableString("\n" + " | ".join(_cell(c) for c in cells) + "\n"))
    lines = (" ".join(line.split()) for line in article.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def calendar_view(ics: str) -> str:
    """A calendar without its build-time stamps."""
    return "".join(line for line in ics.splitlines(keepends=True)
                   if not line.startswith("DTSTAMP"))


def chapter_pages(pdf: Path) -> dict[str, tuple[int, int]]:
    """Each top-level bookmark's title → its first and last page (1-based)."""
    reader = PdfReader(pdf)
    tops = [item for item in reader.outline if not isinstance(item, list)]
    starts = [(item.title, reader.get_destination_page_number(item) + 1) for item in tops]
    pages: dict[str, tuple[int, int]] = {}
    for index, (title, first) in enumerate(starts):
        last = starts[index + 1][1] - 1 if index + 1 < len(starts) else len(reader.pages)
        pages[title] = (first, max(first, last))
    return pages


def chapter_text(pdf: Path, year: int) -> str | None:
    """The text of the chapter whose bookmark names ``year`` (None if there is none).

    The handbook's chapter titles are the terms' names ("Spring 2022"), shorter than the
    web page's title; the year is what both say."""
    pages = [span for title, span in chapter_pages(pdf).items() if str(year) in title]
    if len(pages) != 1:
        return None
    first, last = pages[0]
    box = PdfReader(pdf).pages[first - 1].mediabox
    width, height = float(box.width), float(box.height)
    margin = MARGIN * height
    # without the running head and the footer: they name the page's number, which a
    # year added before this one changes
    text = subprocess.run(["pdftotext", "-raw", "-f", str(first), "-l", str(last),
                           "-x", "0", "-y", f"{margin:.0f}", "-W", f"{width:.0f}",
                           "-H", f"{height - 2 * margin:.0f}", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = (TABLE_NUMBER.sub("Table:", " ".join(line.split())) for line in text.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


MARGIN = 0.06
"""The part of a page's height, at the top and at the bottom, left out: the handbook's
running head and footer lie there (its margins are 2 cm and 2.2 cm; 6 % is 1.8 cm of A4),
its text does not."""
TABLE_NUMBER = re.compile(r"^Table \d+:")
"""Tables are numbered through the book: a year added before this one renumbers them."""


def views(html_dir: Path, pdf: Path | None) -> dict[int, dict[str, str]]:
    """For each year page of a built site: its file name → text (see the docstring)."""
    found: dict[int, dict[str, str]] = {}
    for page in sorted(html_dir.glob("years/*/index.html")):
        if not re.fullmatch(r"\d{4}", page.parent.name):
            continue
        year = int(page.parent.name)
        html = page.read_text(encoding="utf-8")
        files = {"page.txt": page_view(html)}
        for export in sorted(page.parent.glob(f"schedule-{year}.*")):
            text = export.read_text(encoding="utf-8")
            name = f"schedule{export.suffix}"
            files[name] = calendar_view(text) if export.suffix == ".ics" else text
        if pdf is not None:
            chapter = chapter_text(pdf, year)
            if chapter is not None:
                files["handbook.txt"] = chapter
        found[year] = files
    return found


def build(tmp: Path) -> tuple[Path, Path]:
    """The site's HTML and PDF, built from a copy of the checkout."""
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import copy_site, sphinx_build  # the tests' own copy and build

    source = copy_site(tmp / "src")
    html = sphinx_build(source, tmp / "html", "html", "-W")
    latex = sphinx_build(source, tmp / "latex", "latex", "-W")
    for result in (html, latex):
        if result.returncode:
            raise SystemExit(result.warnings)
    tex = next((tmp / "latex").glob("*.tex"))
    subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", tex.name],
                   cwd=tmp / "latex", check=True, capture_output=True)
    return tmp / "html", tex.with_suffix(".pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("years", nargs="*", type=int,
                        help="the years to write (default: every year page)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        html, pdf = build(Path(tmp))
        for year, files in views(html, pdf).items():
            if args.years and year not in args.years:
                continue
            folder = EXPECTED / str(year)
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                old.unlink()
            for name, text in files.items():
                (folder / name).write_text(text, encoding="utf-8")
            print(f"{folder.relative_to(REPO)}: {', '.join(sorted(files))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
