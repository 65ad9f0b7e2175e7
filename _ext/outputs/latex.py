"""PDF (LaTeX) output of a schedule: table columns, header column, ragged cells.

The LaTeX writer sizes a table's columns from its content (``tabulary``) unless the table
says its widths are given; a longtable of lecture lists then gets columns too narrow for
the titles.  :class:`LatexScheduleTables` marks the schedule tables so the writer uses
the proportions :mod:`sphinx_course_schedule.schedule.tables` sets, as ragged-right paragraph columns.  It
also drops ``stub=0`` from the colspecs: the LaTeX writer treats the mere presence of
``stub`` as a header column and would set every cell in the header font.

A schedule table that runs onto a new page repeats its header under a line that Sphinx
writes as "Table 3 – continued from previous page".  The three years' schedules look
alike, so that line should say which table goes on: :class:`LatexScheduleTables` notes
the year (the chapter's title) and the section on the table, and
:class:`ContinuedTableLine`, a translator mixin, puts "Spring 2022 — Fundamentals
(continued)" in that line's place once Sphinx's table template has been rendered.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from ..locale import _
from ..schedule.nodes import schedule_date, schedule_nav

SCHEDULE_TABLE = "schedule-table"
"""The class :mod:`sphinx_course_schedule.schedule.tables` puts on every schedule table."""

CONTINUED = "schedule_continued"
"""The table attribute holding the text of its "continued" line."""

KEEP_WITH_PREVIOUS = "schedule_keep_with_previous"
"""The row attribute of a week with nothing in it yet (a topic, no lectures or readings)."""

_CONTINUED_MACRO = "\\sphinxtablecontinued{"


class LatexScheduleTables(SphinxPostTransform):
    """Given column proportions (``\\X{14}{100}``), only the week column as header,
    ragged-right cells, code links ("torch") in a code font, dates kept on one line; the
    week strip above the tables is left out."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for nav in list(self.document.findall(schedule_nav)):
            nav.parent.remove(nav)  # the week strip is for screens; the PDF has pages
        for table in self.document.findall(nodes.table):
            classes = table["classes"]
            if SCHEDULE_TABLE not in classes:
                continue
            if "colwidths-given" not in classes:
                classes.append("colwidths-given")
            table[CONTINUED] = continued_line(table)
            for tbody in table.findall(nodes.tbody):
                for row in list(tbody.children)[1:]:
                    if isinstance(row, nodes.row) and not row[-1].astext().strip():
                        row[KEEP_WITH_PREVIOUS] = True
            for colspec in table.findall(nodes.colspec):
                if "stub" in colspec and not colspec["stub"]:
                    del colspec["stub"]
            for entry in table.findall(nodes.entry):
                # ragged right: justified text in a narrow cell leaves gaps between words
                # (the column's own alignment is reset by the varwidth Sphinx puts in it)
                entry.insert(0, nodes.raw("", "\\raggedright\n", format="latex"))
            for ref in table.findall(nodes.reference):
                if "schedule-code" in ref["classes"] and ref.children:
                    # "torch", "tensorflow": set as code, so they read as labels
                    text = ref.astext()
                    del ref[:]
                    ref += nodes.literal(text, text)
            for date in table.findall(schedule_date):
                # "Wed, Feb 25" (or "2月25日（周三）") stays on one line of the narrow
                # week column instead of leaving "25" alone on the next
                date.insert(0, nodes.raw("", "\\mbox{", format="latex"))
                date.append(nodes.raw("", "}", format="latex"))


def continued_line(table: nodes.table) -> str:
    """"Spring 2022 — Fundamentals (continued)": the year's chapter, then the section.

    The year is the title of the page the table is on: the outermost section inside the
    ``start_of_file`` node that marks each page in the assembled handbook.
    """
    chapter = None
    parent = table.parent
    while parent is not None and not isinstance(parent, addnodes.start_of_file):
        if isinstance(parent, nodes.section):
            chapter = parent
        parent = parent.parent
    parts = [chapter[0].astext() if chapter is not None and chapter.children else ""]
    parts += [child.astext() for child in table.children if isinstance(child, nodes.title)]
    return str(_("{table} (continued)")).format(
        table=" — ".join(part for part in parts if part))


def replace_continued(tex: str, line: str) -> str:
    """Put ``line`` in place of the argument of the first ``\\sphinxtablecontinued``.

    That first one is in the repeated header (``\\endhead``); the second one, "continues
    on next page" in the footer, is left as it is.
    """
    start = tex.find(_CONTINUED_MACRO)
    if start < 0:
        return tex
    position, depth = start + len(_CONTINUED_MACRO), 1
    while position < len(tex) and depth:
        if tex[position] == "{" and tex[position - 1] != "\\":
            depth += 1
        elif tex[position] == "}" and tex[position - 1] != "\\":
            depth -= 1
        position += 1
    return tex[:start] + _CONTINUED_MACRO + line + "}" + tex[position:]


class ContinuedTableLine(LaTeXTranslator):
    """Translator mixin: a schedule table's "continued" line names its year and section,
    and a week with nothing in it stays on the page of the week before: without that,
    2022's Practices table carried four empty weeks alone onto a new page."""

    def visit_row(self, node: nodes.Element) -> None:
        if node.get(KEEP_WITH_PREVIOUS):
            self.body.append("\\nopagebreak\n")
        super().visit_row(node)

    def depart_table(self, node: nodes.Element) -> None:
        first = len(self.body)
        super().depart_table(node)
        line = node.get(CONTINUED)
        if not line:
            return
        for index in range(first, len(self.body)):
            if _CONTINUED_MACRO in self.body[index]:
                self.body[index] = replace_continued(self.body[index], self.encode(line))
                return


def use_continued_line(app: Sphinx) -> None:
    """LaTeX builders write with their translator plus :class:`ContinuedTableLine`."""
    if app.builder.format != "latex":
        return
    base = app.builder.get_translator_class()
    translator = type("ScheduleLaTeXTranslator", (ContinuedTableLine, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def setup(app: Sphinx) -> None:
    app.add_post_transform(LatexScheduleTables)
    app.connect("builder-inited", use_continued_line)
