"""Look inside the built handbook PDF: chapter page ranges, links, a page as PNG.

Used by ``make handbook-png`` (the picture in the README) and by ``tests/test_latex.py``,
so the picture and the tests agree on which pages a year occupies.  The chapters are
read from the PDF's outline (its bookmarks), which hyperref writes from the real
``\\chapter`` commands, rather than guessed from the text.

Usage: ``python handbook/pages.py PDF [--png OUT.png] [--chapter N] [--dpi 110]``
prints each chapter's page range; with ``--png`` renders the first page of chapter N
(1 = the newest year) with ``pdftoppm``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Chapter:
    """A top-level outline entry: its title and 1-based first and last page."""

    title: str
    first: int
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


def chapters(pdf: Path) -> list[Chapter]:
    """The chapters in order, each running up to the page before the next one."""
    reader = PdfReader(pdf)
    starts = [(entry.title, reader.get_destination_page_number(entry) + 1)
              for entry in reader.outline if not isinstance(entry, list)]
    total = len(reader.pages)
    return [Chapter(title, first, (starts[i + 1][1] - 1) if i + 1 < len(starts) else total)
            for i, (title, first) in enumerate(starts)]


def link_targets(pdf: Path) -> list[str]:
    """Every URI a reader can click in the PDF, in page order."""
    found: list[str] = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def render_page(pdf: Path, page: int, png: Path, dpi: int = 110) -> Path:
    """Render one 1-based page to ``png`` with poppler's ``pdftoppm``."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm is missing: install the Debian package poppler-utils")
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--png", type=Path, help="render the chapter's first page here")
    parser.add_argument("--chapter", type=int, default=1, help="1 = the newest year")
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    found = chapters(args.pdf)
    for chapter in found:
        sys.stdout.write(f"{chapter.title}: pages {chapter.first}-{chapter.last} "
                         f"({chapter.pages})\n")
    if args.png:
        if not 1 <= args.chapter <= len(found):
            sys.stderr.write(f"the PDF has {len(found)} chapters, not {args.chapter}\n")
            return 1
        render_page(args.pdf, found[args.chapter - 1].first, args.png, args.dpi)
        sys.stdout.write(f"wrote {args.png}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
