"""A row of a legacy schedule table (``| Week 3 | topic | links <br> links |``) as a ``week``.

Lecture weeks become ``lectures`` (a link to a slides file over ``Lecture N: title``
lines) and ``materials`` (any other link); "Paper Reading" and "Group Projects" weeks
become ``papers`` and ``projects``, their bold links (``[**torch**](...)``) code links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from sphinx_course_schedule.schedule.links.hrefs import (
    ALLOWED_SCHEMES, is_allowed, is_site_path, scheme_of)
from sphinx_course_schedule.schedule.model.schedule import parse_lecture_number

from .markup import BOLD, BR, LINK, SUB, squash
from .report import MigrationReport
from .schedule_yaml import Flow, Quoted

SLIDE_SUFFIXES = (".pdf", ".ppt", ".pptx", ".key", ".odp")
VENUES = ("NeurIPS", "NIPS", "ICLR", "ICML", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL",
          "AAAI", "IJCAI", "SIGGRAPH", "KDD", "arXiv", "TPAMI", "PAMI")
"""Conference names that, followed by a year, make a title prefix clearly a venue."""

_WEEK = re.compile(r"^Week\s*(?P<week>\d+)$", re.IGNORECASE)
_LECTURE = re.compile(r"^Lecture\s*(?P<number>\d+(?:\s*-\s*\d+)?)\s*[:：]?\s*(?P<title>\S.*)$")
_READING_NUMBER = re.compile(r"^(?P<number>\d+-\d+)\s+(?P<rest>\S.*)$")
_YEAR = r"(?:19|20)\d{2}"
_VENUE_SUFFIX = re.compile(
    rf",\s*(?P<venue>[A-Za-z][A-Za-z ]*?,?\s*{_YEAR}(?:\s*&\s*[A-Za-z][A-Za-z ]*?\s*{_YEAR})*)\s*$")
_VENUE_PREFIX = re.compile(
    rf"^(?P<venue>(?:{'|'.join(VENUES)})\s?(?:{_YEAR}|\d{{2}}))(?:\s*[:：]\s*|\s+)(?P<title>\S.*)$",
    re.IGNORECASE)


@dataclass
class LegacyLink:
    text: str
    url: str

    @property
    def titles(self) -> list[str]:
        """The link text's ``<br>``-separated lines (one link may span lectures)."""
        return [squash(part) for part in BR.split(self.text) if part.strip()]

    @property
    def bold(self) -> str | None:
        match = BOLD.match(self.text.strip())
        return squash(match["text"]) if match else None


@dataclass
class Entry:
    """One ``<br>``-separated part of a cell: its links and the text around them."""

    links: list[LegacyLink] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return squash(" ".join(self.text))


def split_cell(cell: str) -> list[Entry]:
    """A cell's entries; a ``<br>`` inside a link's text does not end the entry."""
    cell = SUB.sub(" ", cell)
    entries = [Entry()]

    def add_text(text: str) -> None:
        for index, part in enumerate(BR.split(text)):
            if index:
                entries.append(Entry())
            if part.strip():
                entries[-1].text.append(part)

    position = 0
    for match in LINK.finditer(cell):
        add_text(cell[position:match.start()])
        entries[-1].links.append(LegacyLink(match["text"], match["url"].strip()))
        position = match.end()
    add_text(cell[position:])
    return [entry for entry in entries if entry.links or entry.text]


def is_slides(url: str) -> bool:
    return PurePosixPath(urlsplit(url).path).suffix.lower() in SLIDE_SUFFIXES


def lecture(text: str) -> dict[str, Any] | None:
    """``Lecture 10-11: Title`` as ``{number, title}``; None if it is not a lecture."""
    match = _LECTURE.match(squash(text))
    if not match:
        return None
    try:
        number = parse_lecture_number(match["number"])
    except ValueError:  # e.g. "11-10": kept as written, and the build reports it at its line
        number = re.sub(r"\s+", "", match["number"])
    return {"number": number if isinstance(number, int) else Quoted(number),
            "title": match["title"]}


def reading(text: str) -> dict[str, Any]:
    """``11-1 Title, NeurIPS 2019`` or ``ICLR2021: Title`` as number, title and venue.

    A venue is split off only when it is clearly one (a year after the comma, or a known
    conference name with a year before the colon); otherwise the whole text is the title.
    """
    text = squash(text)
    found: dict[str, Any] = {}
    match = _READING_NUMBER.match(text)
    if match:
        found["number"], text = Quoted(match["number"]), match["rest"]
    suffix = _VENUE_SUFFIX.search(text)
    prefix = _VENUE_PREFIX.match(text)
    if suffix and suffix.start() > 0:
        found["title"], found["venue"] = text[:suffix.start()].strip(), suffix["venue"]
    elif prefix:
        found["title"], found["venue"] = prefix["title"], prefix["venue"]
    else:
        found["title"] = text
    return found


class WeekReader:
    """Turns one table row into a ``week`` mapping of the schedule."""

    def __init__(self, report: MigrationReport, line: int) -> None:
        self.report = report
        self.line = line

    def read(self, cells: list[str]) -> dict[str, Any] | None:
        row = "| " + " | ".join(cells) + " |"
        if len(cells) != 3:
            self.report.keep(self.line, row, f"table row has {len(cells)} cells, expected 3")
            return None
        match = _WEEK.match(squash(cells[0]))
        topic = squash(cells[1])
        if not match or not topic:
            self.report.keep(self.line, row, "row does not start with 'Week N | topic'")
            return None
        week: dict[str, Any] = {"week": int(match["week"]), "topic": topic}
        entries = split_cell(cells[2])
        kind = {"paper reading": "papers", "group projects": "projects"}.get(topic.lower())
        if kind:
            items = [item for entry in entries if (item := self.reading(entry))]
            if items:
                week[kind] = items
        else:
            lectures: list[dict[str, Any]] = []
            materials: list[dict[str, Any]] = []
            for entry in entries:
                self.lecture_entry(entry, lectures, materials)
            if lectures:
                week["lectures"] = lectures
            if materials:
                week["materials"] = materials
        return week

    def check_path(self, url: str) -> None:
        """Warn now about a link the build would not render or that may point astray."""
        if not is_allowed(url):
            allowed = ", ".join(ALLOWED_SCHEMES)
            self.report.warn(self.line, f"link {url!r} uses the scheme '{scheme_of(url)}:', "
                                        f"which the schedule does not render (expected "
                                        f"{allowed} or a site path); kept as written")
        elif is_site_path(url) and not url.startswith("files/"):
            self.report.warn(self.line, f"link {url!r} is a site path outside files/; "
                                        "check that it points at the right file")

    def lecture_entry(self, entry: Entry, lectures: list[dict[str, Any]],
                      materials: list[dict[str, Any]]) -> None:
        if not entry.links:
            found = lecture(entry.plain)
            if found:
                lectures.append(found)
            else:
                self.report.keep(self.line, entry.plain, "text in a lecture week is not "
                                                        "'Lecture N: title'")
            return
        if entry.plain:
            self.report.keep(self.line, entry.plain, "text next to a link in a lecture week")
        for link in entry.links:
            self.check_path(link.url)
            titles = [lecture(title) for title in link.titles]
            parts = [part for part in titles if part is not None]
            if parts and len(parts) == len(titles) and is_slides(link.url):
                # one link over several lecture titles: they share the slides file
                shared = parts[0] if len(parts) == 1 else {"parts": [Flow(p) for p in parts]}
                lectures.append({**shared, "slides": link.url})
            elif link.titles:
                materials.append({"label": " ".join(link.titles), "url": link.url})
            else:
                self.report.keep(self.line, f"[{link.text}]({link.url})", "link without text")

    def reading(self, entry: Entry) -> dict[str, Any] | None:
        main = [link for link in entry.links if link.bold is None]
        code = [link for link in entry.links if link.bold is not None]
        if main:
            if entry.plain:
                self.report.keep(self.line, entry.plain, "text next to a reading's link")
            item = reading(" ".join(main[0].titles))
            self.check_path(main[0].url)
            if not is_slides(main[0].url):
                self.report.warn(self.line, f"reading link {main[0].url!r} is not a slides "
                                            "file; kept as its slides")
            item["slides"] = main[0].url
            for extra in main[1:]:
                self.report.warn(self.line, f"second link {extra.text!r} of a reading kept "
                                            "as a code link")
                code.append(extra)
        elif entry.plain:
            item = reading(entry.plain)
        else:
            for link in code:
                self.report.keep(self.line, f"[{link.text}]({link.url})",
                                 "code link without a reading title")
            return None
        if code:
            item["code"] = [Flow(label=link.bold or squash(link.text), url=link.url)
                            for link in code]
        return item
