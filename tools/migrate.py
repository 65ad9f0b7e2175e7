"""Convert a legacy Jekyll/kramdown course page into ``years/<yyyy>/index.md``.

Why a tool rather than copying by hand: the legacy pages hold a few hundred links with
spaces, ``&`` and Chinese characters, packed into table cells separated by ``<br>``;
retyping them loses some.  The tool reads the page's blocks with markdown-it-py (the
parser MyST itself uses), turns the schedule tables into the ``{schedule}`` YAML that
``_ext/schedule/model.py`` defines, and converts the other sections to MyST.

It never drops content.  Whatever it cannot place is kept on the page (in a "Not
migrated" note at the end) and reported on stderr with its legacy line number, so the
person migrating decides what to do with it.

Usage (``make migrate FROM=legacy/index2020.markdown YEAR=2020``)::

    python -m tools.migrate PAGE YEAR [--out DIR] [--force]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

COURSE = "Deep Generative Models"
TIMEZONE = "Asia/Shanghai"
SLIDE_SUFFIXES = (".pdf", ".ppt", ".pptx", ".key", ".odp")
VENUES = ("NeurIPS", "NIPS", "ICLR", "ICML", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL",
          "AAAI", "IJCAI", "SIGGRAPH", "KDD", "arXiv", "TPAMI", "PAMI")
"""Conference names that, followed by a year, make a title prefix clearly a venue."""
WEEKDAYS = {spelling: name[:3]
            for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                         "Sunday")
            for spelling in (name[:3].lower(), name.lower())}
"""Accepted spellings of a weekday (``wed``, ``wednesday``) → the schedule's ``Wed``."""

# kramdown accepts spaces in link targets (CommonMark does not), so links in table cells
# are found with this pattern rather than with markdown-it's inline parser.
_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\((?P<url>[^()]*)\)")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SUB = re.compile(r"</?sub\s*>", re.IGNORECASE)
_BOLD = re.compile(r"^\*\*(?P<text>.+?)\*\*$")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WEEK = re.compile(r"^Week\s*(?P<week>\d+)$", re.IGNORECASE)
_LECTURE = re.compile(r"^Lecture\s*(?P<number>\d+(?:\s*-\s*\d+)?)\s*[:：]?\s*(?P<title>\S.*)$")
_READING_NUMBER = re.compile(r"^(?P<number>\d+-\d+)\s+(?P<rest>\S.*)$")
_YEAR = r"(?:19|20)\d{2}"
_VENUE_SUFFIX = re.compile(
    rf",\s*(?P<venue>[A-Za-z][A-Za-z ]*?,?\s*{_YEAR}(?:\s*&\s*[A-Za-z][A-Za-z ]*?\s*{_YEAR})*)\s*$")
_VENUE_PREFIX = re.compile(
    rf"^(?P<venue>(?:{'|'.join(VENUES)})\s?(?:{_YEAR}|\d{{2}}))(?:\s*[:：]\s*|\s+)(?P<title>\S.*)$",
    re.IGNORECASE)
_TERM = re.compile(
    r"^(?P<name>(?:Spring|Summer|Fall|Autumn|Winter)\s+(?P<year>\d{4}))\s*[-–—]\s*"
    r"(?P<day>[A-Za-z]+)\.?\s+(?P<start>\d{1,2}:\d{2})\s*(?P<start_half>[AP]M)?\s*[-–]\s*"
    r"(?P<end>\d{1,2}:\d{2})\s*(?P<end_half>[AP]M)?\s*,\s*(?P<location>.+?)\s*$",
    re.IGNORECASE)
_YEAR_PAGE = re.compile(r"^index\d*\.(?:markdown|md|html)$")
YEAR_SWITCHER = "```{year-switcher}\n```"


def squash(text: str) -> str:
    """Collapse runs of white space, as a browser shows them."""
    return " ".join(text.split())


# --------------------------------------------------------------------------- reporting


@dataclass
class Report:
    """Warnings for the person migrating, and content kept as text for them to place."""

    source: str
    warnings: list[str] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: warning: {message}")

    def keep(self, line: int, text: str, why: str) -> None:
        """Keep ``text`` on the page in the "Not migrated" note and say why."""
        self.unplaced.append((line, text.strip()))
        self.warn(line, f"{why}; kept as text in the 'Not migrated' note: {text.strip()!r}")


# --------------------------------------------------------------------------- table cells


@dataclass
class LegacyLink:
    text: str
    url: str

    @property
    def titles(self) -> list[str]:
        """The link text's ``<br>``-separated lines (one link may span lectures)."""
        return [squash(part) for part in _BR.split(self.text) if part.strip()]

    @property
    def bold(self) -> str | None:
        match = _BOLD.match(self.text.strip())
        return squash(match["text"]) if match else None


@dataclass
class Entry:
    """One ``<br>``-separated part of a cell: its links and the text around them."""

    links: list[LegacyLink] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def plain(self) -> str:
        return squash(" ".join(self.text))

    def raw(self) -> str:
        parts = [f"[{link.text}]({link.url})" for link in self.links]
        return squash(" ".join([self.plain, *parts]))


def split_cell(cell: str) -> list[Entry]:
    """A cell's entries; a ``<br>`` inside a link's text does not end the entry."""
    cell = _SUB.sub(" ", cell)
    entries = [Entry()]

    def add_text(text: str) -> None:
        for index, part in enumerate(_BR.split(text)):
            if index:
                entries.append(Entry())
            if part.strip():
                entries[-1].text.append(part)

    position = 0
    for match in _LINK.finditer(cell):
        add_text(cell[position:match.start()])
        entries[-1].links.append(LegacyLink(match["text"], match["url"].strip()))
        position = match.end()
    add_text(cell[position:])
    return [entry for entry in entries if entry.links or entry.text]


def is_slides(url: str) -> bool:
    return PurePosixPath(urlsplit(url).path).suffix.lower() in SLIDE_SUFFIXES


def is_site_path(url: str) -> bool:
    return not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) and not url.startswith("//")


class _Quoted(str):
    """Written in double quotes, so YAML never reads ``15:10`` or ``11-1`` as a number."""


class _Flow(dict[str, Any]):
    """A short mapping written on one line, e.g. ``{label: torch, url: ...}``."""


def lecture(text: str) -> dict[str, Any] | None:
    """``Lecture 10-11: Title`` as ``{number, title}``; None if it is not a lecture."""
    match = _LECTURE.match(squash(text))
    if not match:
        return None
    number = re.sub(r"\s+", "", match["number"])
    return {"number": int(number) if number.isdigit() else _Quoted(number),
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
        found["number"], text = _Quoted(match["number"]), match["rest"]
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

    def __init__(self, report: Report, line: int) -> None:
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
        if is_site_path(url) and not url.startswith("files/"):
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
            found = [lecture(title) for title in link.titles]
            parts = [part for part in found if part is not None]
            if parts and len(parts) == len(found) and is_slides(link.url):
                # one link over several lecture titles: they share the slides file
                entry = parts[0] if len(parts) == 1 else {"parts": [_Flow(p) for p in parts]}
                lectures.append({**entry, "slides": link.url})
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
            item["code"] = [_Flow(label=link.bold or squash(link.text), url=link.url)
                            for link in code]
        return item


# --------------------------------------------------------------------------- term line


def _clock(text: str, half: str | None) -> tuple[int, int]:
    hour, minute = (int(part) for part in text.split(":"))
    if half and half.upper() == "PM" and hour < 12:
        hour += 12
    if half and half.upper() == "AM" and hour == 12:
        hour = 0
    return hour, minute


def read_term(text: str, report: Report, line: int) -> dict[str, Any]:
    """``Spring 2022 - Wed 3:10-6:00 PM, Peking University`` as a ``term`` mapping."""
    match = _TERM.match(squash(text))
    if not match:
        report.warn(line, f"term line {text!r} not understood; the schedule has no term")
        return {}
    term: dict[str, Any] = {"name": match["name"]}
    day = WEEKDAYS.get(match["day"].lower())
    if day:
        term["weekday"] = day
    else:
        report.warn(line, f"{match['day']!r} in the term line is not a weekday; "
                          "left out of the term (the line itself is kept)")
    end = _clock(match["end"], match["end_half"])
    start = _clock(match["start"], match["start_half"])
    if not match["start_half"] and match["end_half"]:
        pm = _clock(match["start"], "PM")
        start = pm if pm <= end else start
    term["start"] = _Quoted(f"{start[0]:02d}:{start[1]:02d}")
    term["end"] = _Quoted(f"{end[0]:02d}:{end[1]:02d}")
    term["timezone"] = TIMEZONE
    term["location"] = match["location"]
    return term


# --------------------------------------------------------------------------- HTML blocks


@dataclass
class Image:
    src: str
    alt: str
    width: str | None
    href: str | None


class _HtmlScan(HTMLParser):
    """Finds the (linked) images of a legacy HTML block, and anything else in it."""

    LAYOUT = frozenset({"div", "p", "center", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[Image] = []
        self.other: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a":
            self._href = values.get("href") or None
        elif tag == "img":
            self.images.append(Image(values.get("src", ""), values.get("alt", ""),
                                     values.get("width"), self._href))
        elif tag not in self.LAYOUT:
            self.other.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.other.append(data.strip())


# --------------------------------------------------------------------------- YAML


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, as the hand-written schedules are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style='"'))
_Dumper.add_representer(_Flow, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", value, flow_style=True))


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=10**6, default_flow_style=False)


# --------------------------------------------------------------------------- the page


def blocks(tokens: list[Token]) -> Iterator[list[Token]]:
    """Top-level blocks: each opening token with everything up to its closing one."""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            for end in range(index, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    break
        yield tokens[index:end + 1]
        index = end + 1


@dataclass
class Migrated:
    text: str
    images: list[tuple[Path, str]]  # (legacy file, name in _static)
    report: Report


class PageMigration:
    """One legacy page → one MyST page; see the module docstring."""

    SCHEDULE = object()  # where the schedule block goes in ``self.out``

    def __init__(self, source: Path, year: int, course: str = COURSE) -> None:
        self.source = source
        self.year = year
        self.course = course
        # split on "\n" only: a legacy title holds a vertical tab, which splitlines() splits on
        self.lines = source.read_text(encoding="utf-8").split("\n")
        self.report = Report(str(source))
        self.out: list[Any] = []
        self.images: list[tuple[Path, str]] = []
        self.term: dict[str, Any] = {}
        self.sections: list[dict[str, Any]] = []
        self.image_run: list[str] = []
        self.heading: str | None = None
        """The current level-1 heading; None in the preamble before the first one."""

    def run(self) -> Migrated:
        parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
        tokens = parser.parse("\n".join(self.lines) + "\n")
        for block in blocks(tokens):
            first = block[0]
            line = (first.map[0] + 1) if first.map else 0
            if first.type == "html_block":
                self._html(first, line)
                continue
            self._flush_images()
            if first.type == "heading_open":
                self._heading(first.tag, squash(block[1].content))
            elif first.type == "table_open":
                self._table(block, line)
            elif first.type == "front_matter":
                self._front_matter(first, line)
            elif first.type in ("paragraph_open", "bullet_list_open", "ordered_list_open"):
                self._prose(block, line)
            else:
                self.report.keep(line, self._source(first), f"unexpected {first.type}")
        self._flush_images()
        if self.heading is None:
            self.out.append(YEAR_SWITCHER)
        return Migrated(self._page(), self.images, self.report)

    @property
    def in_schedule(self) -> bool:
        return self.heading is not None and self.heading.lower() == "schedule"

    def _heading(self, tag: str, text: str) -> None:
        """Level 1 → ``##`` (the page title is ``#``); ``##`` under Schedule → a section."""
        if tag == "h1":
            if self.heading is None:  # the preamble ends here
                self.out.append(YEAR_SWITCHER)
            self.heading = text
            self.out.append(f"## {text}")
            if self.in_schedule:
                self.out.append(self.SCHEDULE)
        elif tag == "h2" and self.in_schedule:
            self.sections.append({"title": text, "weeks": []})
        else:
            self.out.append(f"{'#' * min(6, int(tag[1]) + 1)} {text}")

    def _prose(self, block: list[Token], line: int) -> None:
        """Paragraphs and lists; in the preamble, the term line and the old year list."""
        first = block[0]
        if self.heading is None and first.type == "bullet_list_open" and \
                self._is_year_list(block):
            return  # replaced by the {year-switcher}
        if self.heading is None and first.type == "paragraph_open" and not self.term:
            bold = _BOLD.match(block[1].content.strip())
            if bold:
                self.term = read_term(bold["text"], self.report, line)
                if self.term and not self.term["name"].endswith(str(self.year)):
                    self.report.warn(line, f"term {self.term['name']!r} is not in "
                                           f"year {self.year}")
        self._markdown(first, line)
        if self.in_schedule:
            self.report.warn(line, "text in the Schedule section is kept below the "
                                   "schedule table")

    # ---- pieces

    def _source(self, token: Token) -> str:
        assert token.map is not None
        return "\n".join(self.lines[token.map[0]:token.map[1]]).rstrip()

    def _front_matter(self, token: Token, line: int) -> None:
        try:
            data = yaml.safe_load(token.content) or {}
        except yaml.YAMLError:
            data = {"front matter": token.content}
        raw = token.content.split("\n")
        for key, value in (data.items() if isinstance(data, dict) else [("?", data)]):
            if key != "layout":  # the Jekyll layout means nothing to Sphinx
                at = next((line + 1 + n for n, text in enumerate(raw)
                           if text.startswith(f"{key}:")), line)
                self.report.keep(at, f"{key}: {value}", "front matter key not migrated")

    def _is_year_list(self, block: list[Token]) -> bool:
        items = [token.content for token in block if token.type == "inline"]
        urls = [_LINK.fullmatch(item.strip()) for item in items]
        return bool(items) and all(match and _YEAR_PAGE.match(match["url"].strip())
                                   for match in urls)

    def _markdown(self, token: Token, line: int) -> None:
        self.out.append("\n".join(self.myst_inline(text, line + offset).rstrip()
                                  for offset, text in
                                  enumerate(self._source(token).split("\n"))))

    def myst_inline(self, text: str, line: int) -> str:
        """kramdown links → MyST links; bare e-mail addresses → ``mailto:`` links."""
        out: list[str] = []
        position = 0
        for match in _LINK.finditer(text):
            out.append(_mail_links(text[position:match.start()]))
            url = match["url"].strip()
            if is_site_path(url) and not match["bang"]:
                hint = (" (it looks like an e-mail address: did you mean mailto:?)"
                        if _EMAIL.fullmatch(url) else "")
                self.report.warn(line, f"relative link {url!r} in page text: MyST will "
                                       f"look for a document of that name{hint}")
            target = f"<{url}>" if re.search(r"[\s()<>]", url) else url
            out.append(f"{match['bang']}[{match['text']}]({target})")
            position = match.end()
        out.append(_mail_links(text[position:]))
        return "".join(out)

    def _html(self, token: Token, line: int) -> None:
        """Linked images become MyST images; other HTML is kept and reported.

        Images in consecutive blocks stay side by side in one paragraph, as the legacy
        floated them; a layout-only block such as ``</p></div>`` ends the row.
        """
        scan = _HtmlScan()
        scan.feed(token.content)
        scan.close()
        if scan.other:
            self.report.keep(line, token.content, "HTML other than images and links")
        if scan.images and not scan.other:
            self.image_run.extend(self._image(image, line) for image in scan.images)
        else:
            self._flush_images()

    def _image(self, image: Image, line: int) -> str:
        src = image.src
        if is_site_path(src):
            legacy = self.source.parent / src
            name = PurePosixPath(src).name
            if legacy.is_file():
                self.images.append((legacy, name))
            else:
                self.report.warn(line, f"image {src!r} not found next to the legacy page; "
                                       f"put it in _static/{name}")
            src = f"/_static/{name}"
        target = urlsplit(image.href or "")
        where = (target.netloc + target.path.rstrip("/")) if image.href else ""
        alt = image.alt or (f"{self.course} banner" if is_site_path(image.src) else "Book cover")
        if where and not image.alt:
            alt += f", links to {where}"
        width = f"{{w={image.width}px}}" if image.width and image.width.isdigit() else ""
        picture = f"![{alt}]({src}){width}"
        return f"[{picture}]({image.href})" if image.href else picture

    def _flush_images(self) -> None:
        if self.image_run:
            self.out.append("\n".join(self.image_run))
            self.image_run = []

    def _table(self, block: list[Token], line: int) -> None:
        if not self.in_schedule or not self.sections:
            self.report.keep(line, "\n".join(self.lines[block[0].map[0]:block[0].map[1]])
                             if block[0].map else "", "table outside the schedule")
            return
        rows: list[tuple[int, list[str], bool]] = []
        head = False
        for token in block:
            if token.type in ("thead_open", "tbody_open"):
                head = token.type == "thead_open"
            elif token.type == "tr_open":
                rows.append(((token.map[0] + 1) if token.map else line, [], head))
            elif token.type == "inline" and rows:
                rows[-1][1].append(token.content)
        for row_line, cells, is_head in rows:
            if is_head:
                if any(cell.strip() for cell in cells):
                    self.report.keep(row_line, " | ".join(cells), "table header text")
                continue
            week = WeekReader(self.report, row_line).read(cells)
            if week:
                self.sections[-1]["weeks"].append(week)

    def _schedule(self) -> str:
        data: dict[str, Any] = {"year": self.year}
        if self.term:
            data["term"] = self.term
        data["sections"] = self.sections
        # YAML must not start with '---': MyST would read it as directive options.
        return "```{schedule}\n" + dump_yaml(data) + "```"

    def _page(self) -> str:
        name = self.term.get("name", str(self.year))
        parts = [f"# {self.course} — {name}"]
        for piece in self.out:
            parts.append(self._schedule() if piece is self.SCHEDULE else piece)
        if self.report.unplaced:
            lines = ["% Content the migration could not place; move it, then delete this note.",
                     ":::{note}", "Not migrated from the legacy page:", ""]
            lines += [f"- line {line}: {squash(text)}" for line, text in self.report.unplaced]
            parts.append("\n".join(lines + [":::"]))
        return "\n\n".join(parts) + "\n"


def _mail_links(text: str) -> str:
    return _EMAIL.sub(lambda match: f"[{match[0]}](mailto:{match[0]})", text)


def migrate(source: Path, year: int, out: Path, *, force: bool = False,
            course: str = COURSE) -> Migrated:
    """Write ``out/years/<year>/index.md`` (and banners into ``out/_static``)."""
    target = out / "years" / str(year) / "index.md"
    if target.exists() and not force:
        raise FileExistsError(f"{target} exists (hand edits may be in it); "
                              "use --force to overwrite")
    result = PageMigration(source, year, course).run()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.text, encoding="utf-8")
    static = out / "_static"
    for legacy, name in result.images:
        static.mkdir(exist_ok=True)
        shutil.copyfile(legacy, static / name)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.migrate", description=__doc__.split(
        "\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path, help="legacy page, e.g. index2020.markdown")
    parser.add_argument("year", type=int, help="the course year, e.g. 2020")
    parser.add_argument("--out", type=Path, default=Path("."),
                        help="site root to write years/<year>/index.md into (default: .)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing page")
    parser.add_argument("--course", default=COURSE, help=f"course name (default: {COURSE})")
    args = parser.parse_args(argv)
    try:
        result = migrate(args.page, args.year, args.out, force=args.force, course=args.course)
    except (OSError, FileExistsError) as error:
        print(f"migrate: {error}", file=sys.stderr)
        return 1
    for warning in result.report.warnings:
        print(warning, file=sys.stderr)
    print(f"migrate: wrote {args.out / 'years' / str(args.year) / 'index.md'} with "
          f"{len(result.report.warnings)} warning(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
