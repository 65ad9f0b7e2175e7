"""The ``{schedule}`` directive: read → validate → check → build nodes.

The body (or ``:file:``) is YAML.  Every problem becomes a typed warning at the source
line of the offending item, and whatever is valid still renders.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...locale import build_words
from ...warning_types import Subtype, warn
from ..objects.domain import ScheduleRecord, schedule_domain
from .nodes import schedule_exports

if TYPE_CHECKING:
    from ..model.schedule import Schedule

_YEAR_IN_DOCNAME = re.compile(r"(?:^|/)([0-9]{4})(?:/|$)")  # ASCII digits, as in years.py


def year_of(docname: str, data: Schedule | None = None) -> int | None:
    """The schedule's year: ``year:`` if given, else the ``years/2022/`` folder."""
    if data is not None and data.year is not None:
        return data.year
    match = _YEAR_IN_DOCNAME.search(docname)
    return int(match[1]) if match else None


class ScheduleDirective(SphinxDirective):
    """Render a year's schedule, given as YAML, as one table per section."""

    has_content = True
    option_spec = {"file": directives.unchanged_required, "example": directives.flag}
    """``:file:`` reads the YAML from a file; ``:example:`` marks a schedule shown in
    documentation, which is no term page (the year switcher leaves it out)."""

    def run(self) -> list[nodes.Node]:
        # the schedule machinery (pydantic and the models) loads with the first schedule,
        # so a build without one does not pay for it
        from ..checks import mistakes as checks
        from ..calendar.week_dates import dated_weeks
        from ..source.yaml_lines import ScheduleReadError, read_yaml
        from .tables import TableBuilder
        from ..source.validation import field_path, validate

        loaded = self._text()
        if loaded is None:
            return self._failed(getattr(self, "_file_error", None))
        text, source, first_line = loaded
        config = self.config
        try:
            read = read_yaml(text, max_bytes=config.schedule_max_bytes,
                             max_depth=config.schedule_max_depth)
        except ScheduleReadError as error:
            where = f"{source}:{first_line + error.line + 1}"
            warn(error.message, Subtype.YAML, where)
            return self._failed(f"{self._shown(where)}: {error.message}")
        data, problems = validate(read, first_line=first_line, source=source)
        for problem in problems:
            warn(f"schedule field '{field_path(problem.path)}': {problem.message}",
                 Subtype.INVALID, f"{source}:{first_line + problem.line + 1}")
        if data is None:
            shown = [f"{self._shown(f'{source}:{first_line + p.line + 1}')}: "
                     f"schedule field '{field_path(p.path)}': {p.message}" for p in problems]
            return self._failed("\n".join(shown))
        # a 'term:' that was given but left out has had its warning: the {term} line adds none
        data._term_reported = isinstance(read.data, dict) and "term" in read.data \
            and data.term is None
        docname = self.env.docname
        year = year_of(docname, data)
        context = checks.CheckContext(
            year=year, srcdir=Path(self.env.srcdir),
            files_dir=config.schedule_files_dir, slides_dir=config.schedule_slides_dir,
            docnames=self.env.found_docs)
        checks.run_all(data, context)
        domain = schedule_domain(self.env)
        domain.note_folders(docname, context.folders)
        domain.note_targets(docname, context.targets)
        index = domain.next_index(docname)
        record = ScheduleRecord(docname, year, data, index, example="example" in self.options)
        domain.add(record)
        words = build_words(config.language)
        builder = TableBuilder(
            headers=[words(label) for label in config.schedule_header_labels],
            dates=dated_weeks(data), anchor_prefix=record.anchor_prefix,
            document=self.state.document, words=words)
        tables = builder.build(data)
        # the download links (calendar, JSON) go here; each builder decides what they are
        tables += schedule_exports(docname=docname, index=index)
        return [tables]

    def _shown(self, where: str) -> str:
        """``years/2023/index.md:12`` for an absolute ``file:line``: what the box shows."""
        srcdir = str(self.env.srcdir).rstrip("/") + "/"
        return where.removeprefix(srcdir)

    def _failed(self, message: str | None) -> list[nodes.Node]:
        """What stands where an unreadable block's tables would be.

        The warning has been given (``-W`` fails the build); a preview without ``-W``
        (``make live``) must not show the page as if it had no schedule, so an error box
        names the file, line and message.  The block is noted as failed: its export files
        of an earlier build are removed and the ``{term}`` line adds no second warning.
        """
        schedule_domain(self.env).note_failed(self.env.docname, year_of(self.env.docname))
        text = message or "see the build's warnings"
        _ = build_words(self.config.language)
        intro = _("This schedule could not be read, so its tables are not shown:")
        box = nodes.error("", nodes.paragraph(intro, intro), classes=["schedule-error"])
        for line in text.split("\n"):
            box += nodes.paragraph("", "", nodes.literal(line, line))
        self.set_source_info(box)
        return [box]

    def _text(self) -> tuple[str, str, int] | None:
        """The YAML text, the file it is in, and the 0-based line where it starts."""
        from ..source.yaml_lines import ScheduleReadError, read_text_file

        if "file" in self.options:
            if self.content:
                warn("give the schedule either as the body or as :file:, not both; "
                     "the body is ignored", Subtype.FILE, self.get_location())
            rel, path = self.env.relfn2path(self.options["file"], self.env.docname)
            self.env.note_dependency(rel)
            try:
                text = read_text_file(Path(path), self.config.schedule_max_bytes,
                                      within=Path(self.env.srcdir))
                return text, str(path), 0
            except (OSError, UnicodeDecodeError, ScheduleReadError) as error:
                message = f"cannot read schedule file {self.options['file']!r}: {error}"
                warn(message, Subtype.FILE, self.get_location())
                self._file_error = f"{self._shown(self.get_location())}: {message}"
                return None
        source, _ = self.get_source_info()
        if self._starts_with_document_marker():
            warn("the schedule starts with the YAML document marker '---', which MyST reads "
                 "as the start of the directive's options, so the schedule was not read; "
                 "remove the '---' line", Subtype.YAML, f"{source}:{self.lineno + 1}")
            return None
        return self._body_text(), source, self._first_content_line()

    def _starts_with_document_marker(self) -> bool:
        """Whether the fence's first line is ``---`` (MyST took what follows as options)."""
        raw = self.block_text
        if not isinstance(raw, str) or not type(self.state).__module__.startswith("myst_parser"):
            return False
        lines = raw.split("\n")
        return len(lines) > 1 and lines[1].strip() == "---"

    def _body_text(self) -> str:
        """The body as it is written on the page.

        Docutils and MyST split a body into lines at every Unicode line boundary (U+2028,
        U+0085, form feed ...), which neither YAML nor an editor all count as line breaks:
        a title holding one would be cut in two and every later warning moved down a line.
        MyST keeps the fence's raw text (the fence lines included), so the body is taken
        from there when its lines, split the same way, are the directive's (docutils keeps
        no raw text; a reStructuredText page counts lines the way docutils does).
        """
        want = list(self.content)
        joined = "\n".join(want)
        raw = self.block_text
        if not isinstance(raw, str) or not type(self.state).__module__.startswith("myst_parser"):
            return joined
        raw_lines = raw.split("\n")
        start = end = 1 + self.content_offset  # after the opening fence and the options
        pieces: list[str] = []
        while end < len(raw_lines) and len(pieces) < len(want):
            pieces += (raw_lines[end] + "\n").splitlines()
            end += 1
        return "\n".join(raw_lines[start:end]) if pieces == want else joined

    def _first_content_line(self) -> int:
        """0-based source line of the body's first line.

        reStructuredText gives ``content_offset`` as that absolute line; MyST gives it
        relative to the line after the opening fence (``lineno`` is 1-based).
        """
        if type(self.state).__module__.startswith("myst_parser"):
            return self.lineno + self.content_offset
        return self.content_offset



def setup(app: Sphinx) -> None:
    app.add_directive("schedule", ScheduleDirective)
