"""What a legacy Jekyll page holds, read independently of ``tools.migrate``.

The content tests compare the built site with the legacy pages.  Reading the legacy
markdown here with a few plain regular expressions, rather than with the migration
tool, means a mistake in the tool cannot hide itself by making the expectation wrong too.

The three legacy pages are kept, byte for byte, in ``tests/legacy/`` so the tests run on
a clean clone; when the original legacy site is next to the repository (``LEGACY`` in
``conftest``), a test checks the copies still match it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


PAGES = {2022: "index.markdown", 2021: "index2021.markdown", 2020: "index2020.markdown"}
"""Legacy page of each year."""
PAGES_DIR = Path(__file__).parent / "legacy"

LINK = re.compile(r"\[([^\[\]]*)\]\(([^()]*)\)")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
SUB = re.compile(r"</?sub>", re.IGNORECASE)
ROW = re.compile(r"^\|\s*Week\s*(\d+)\s*\|([^|]*)\|(.*)\|\s*$")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SLIDES = (".pdf", ".ppt", ".pptx")


def legacy_text(year: int) -> str:
    return page_path(year).read_text(encoding="utf-8")


def lines(year: int) -> list[str]:
    # split on "\n" only: a legacy title contains a vertical tab, which splitlines() splits on
    return legacy_text(year).split("\n")


def normalize(text: str) -> str:
    """Punctuation that may move (``ICLR2021: T`` is shown as ``T, ICLR2021``) removed,
    and Sphinx's typography (``...`` is shown as ``…``) undone."""
    return " ".join(re.sub(r"[:：,]", " ", text.replace("…", "...")).split())


@dataclass
class Row:
    """One ``| Week N | topic | cell |`` row of a legacy schedule table."""

    week: int
    topic: str
    cell: str

    @property
    def links(self) -> list[tuple[str, str]]:
        """(text, url) of every link in the cell, URL stripped."""
        return [(text, url.strip()) for text, url in LINK.findall(SUB.sub("", self.cell))]

    @property
    def pieces(self) -> list[str]:
        """The cell split at every ``<br>``, even one inside a link's text."""
        return [p for p in BR.split(SUB.sub("", self.cell)) if p.strip()]

    @property
    def fragments(self) -> list[str]:
        """Each piece as the reader sees it: link markup and bold stars removed."""
        found = []
        for piece in self.pieces:
            text = LINK.sub(r"\1", piece)
            text = re.sub(r"\]\([^()]*\)", " ", text).replace("[", " ")  # split link halves
            found.append(" ".join(text.replace("**", "").split()))
        return found

    @property
    def slides(self) -> set[str]:
        """Distinct slide files linked from the cell (code links are bold)."""
        return {url for text, url in self.links if not text.strip().startswith("**")
                and PurePosixPath(urlsplit(url).path).suffix.lower() in SLIDES}

    @property
    def entry_count(self) -> int:
        """Titled entries: one per piece, or one per plain link in a piece with several."""
        count = 0
        for piece in self.pieces:
            plain = [t for t, _ in LINK.findall(piece) if not t.strip().startswith("**")]
            count += max(1, len(plain))
        return count


def rows(year: int) -> list[Row]:
    found = []
    for line in lines(year):
        match = ROW.match(line)
        if match:
            found.append(Row(int(match[1]), " ".join(match[2].split()), match[3]))
    return found


def section(year: int, title: str) -> str:
    """The markdown under a level-1 heading, up to the next one."""
    text = legacy_text(year)
    match = re.search(rf"^# {re.escape(title)}\s*$(.*?)(?=^# |\Z)", text, re.M | re.S)
    assert match, f"no '# {title}' in the {year} legacy page"
    return match[1]


def staff(year: int) -> list[tuple[str, str]]:
    """(name, url) of every linked person under Course Staff."""
    return [(name.strip(), url.strip()) for name, url in LINK.findall(section(year, "Course Staff"))]


def staff_emails(year: int) -> set[str]:
    """E-mail addresses written under Course Staff (in link targets or as text)."""
    return set(EMAIL.findall(section(year, "Course Staff")))


def books(year: int) -> list[tuple[str, str, str | None]]:
    """(link, cover image, width) of each book under Others."""
    soup = BeautifulSoup(section(year, "Others"), "html.parser")
    found = []
    for anchor in soup.find_all("a"):
        image = anchor.find("img")
        if image and "://" in image["src"]:
            found.append((anchor["href"], image["src"], image.get("width")))
    return found


def all_urls(year: int) -> set[str]:
    """Every link target and image source of the page, markdown or HTML."""
    text = legacy_text(year)
    urls = {url.strip() for _, url in LINK.findall(text)}
    soup = BeautifulSoup(text, "html.parser")
    urls |= {a["href"] for a in soup.find_all("a", href=True)}
    urls |= {img["src"] for img in soup.find_all("img", src=True)}
    return urls


def page_path(year: int) -> Path:
    return PAGES_DIR / PAGES[year]


def served(url: str) -> str:
    """A legacy URL as the site links it: GitHub Pages hosts over https (issue 12)."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].lower()
    return f"https://{rest}" if scheme == "http" and host.endswith(".github.io") else url
