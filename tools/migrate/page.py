"""One legacy page → one MyST page: the blocks in order, the schedule tables as one block.

Level-1 headings become ``##`` (the page title is ``#``); the ``##`` headings under
"Schedule" become the schedule's sections; the old list of year pages becomes the
``{year-switcher}``; banners are copied into ``_static``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from sphinx_course_schedule.schedule.links.hrefs import is_site_path

from .cells import WeekReader
from .images import HtmlScan, Image
from .markup import BOLD, EMAIL, LINK, mail_links, squash
from .report import MigrationReport
from .schedule_yaml import dump_yaml
from .term import read_term

COURSE = "Deep Generative Models"
YEAR_SWITCHER = "```{year-switcher}\n```"
_YEAR_PAGE = re.compile(r"^index\d*\.(?:markdown|md|html)$")


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
    report: MigrationReport


class PageMigration:
    """One legacy page → one MyST page; see the module docstring."""

    SCHEDULE = object()  # where the schedule block goes in ``self.out``

    def __init__(self, source: Path, year: int, course: str = COURSE) -> None:
        self.source = source
        self.year = year
        self.course = course
        # split on "\n" only: a legacy title holds a vertical tab, which splitlines() splits on
        self.lines = source.read_text(encoding="utf-8").split("\n")
        self.report = MigrationReport(str(source))
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
            bold = BOLD.match(block[1].content.strip())
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
        urls = [LINK.fullmatch(item.strip()) for item in items]
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
        for match in LINK.finditer(text):
            out.append(mail_links(text[position:match.start()]))
            url = match["url"].strip()
            if is_site_path(url) and not match["bang"]:
                hint = (" (it looks like an e-mail address: did you mean mailto:?)"
                        if EMAIL.fullmatch(url) else "")
                self.report.warn(line, f"relative link {url!r} in page text: MyST will "
                                       f"look for a document of that name{hint}")
            target = f"<{url}>" if re.search(r"[\s()<>]", url) else url
            out.append(f"{match['bang']}[{match['text']}]({target})")
            position = match.end()
        out.append(mail_links(text[position:]))
        return "".join(out)

    def _html(self, token: Token, line: int) -> None:
        """Linked images become MyST images; other HTML is kept and reported.

        Images in consecutive blocks stay side by side in one paragraph, as the legacy
        floated them; a layout-only block such as ``</p></div>`` ends the row.
        """
        scan = HtmlScan()
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
