"""PDF (LaTeX) output of a schedule: table columns, header column, ragged cells.

The schedule's tables (:mod:`sphinx_course_schedule.schedule.render.tables`) are longtables
whose colspecs carry the column proportions and mark the week column as the header
(``stub``).  What only the LaTeX writer needs is decided here, in Sphinx's supported
places rather than by editing what the writer wrote:

* :class:`LatexScheduleTables`, a LaTeX-only post-transform, leaves out the week strip
  (the PDF has pages) and sets cells ragged right, code links in a code font and dates
  on one line;
* :class:`ScheduleTableWriter`, a translator mixin, tells Sphinx's table object that the
  column widths are given (``\\X{14}{100}``: sized from the content, a longtable of
  lecture lists got columns too narrow for the titles) and which line the table's
  repeated header shows on a new page.  The HTML writer is not told: given widths would
  become a ``<colgroup>`` there, over the style sheet's own;
* ``latex_templates/longtable.tex.jinja``, found through ``templates_path`` as Sphinx
  documents for table templates, writes that line: the three years' schedules look
  alike, so it says "Spring 2022 — Fundamentals (continued)" where Sphinx writes
  "Table 3 – continued from previous page".
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.latex import LaTeXTranslator

from ..locale import _
from ..schedule.render.nodes import schedule_date, schedule_nav

SCHEDULE_TABLE = "schedule-table"
"""The class :mod:`sphinx_course_schedule.schedule.render.tables` puts on every schedule table."""

TEMPLATES = Path(__file__).parent / "latex_templates"
"""The extension's LaTeX table template (its ``longtable.tex.jinja``)."""

CONTINUED = "schedule_continued"
"""The attribute of Sphinx's table object the template reads the "continued" line from."""

KEEP_WITH_PREVIOUS = "schedule_keep_with_previous"
"""The row attribute of a week with nothing in it yet (a topic, no lectures or readings)."""


class LatexScheduleTables(SphinxPostTransform):
    """Ragged-right cells, code links ("torch") in a code font, dates kept on one line;
    the week strip above the tables is left out."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for nav in list(self.document.findall(schedule_nav)):
            nav.parent.remove(nav)  # the week strip is for screens; the PDF has pages
        for table in self.document.findall(nodes.table):
            if SCHEDULE_TABLE not in table["classes"]:
                continue
            for tbody in table.findall(nodes.tbody):
                for row in list(tbody.children)[1:]:
                    if isinstance(row, nodes.row) and not row[-1].astext().strip():
                        row[KEEP_WITH_PREVIOUS] = True
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


class ScheduleTableWriter(LaTeXTranslator):
    """Translator mixin: a schedule table's widths are given and its "continued" line
    names its year and section (the template writes it); a week with nothing in it stays
    on the page of the week before: without that, 2022's Practices table carried four
    empty weeks alone onto a new page."""

    def visit_table(self, node: nodes.Element) -> None:
        super().visit_table(node)
        if self.table is None or SCHEDULE_TABLE not in node["classes"]:
            return
        # the writer's own copy of the classes: the document's table keeps its own
        self.table.classes = [*self.table.classes, "colwidths-given"]
        setattr(self.table, CONTINUED, continued_line(node))

    def visit_row(self, node: nodes.Element) -> None:
        if node.get(KEEP_WITH_PREVIOUS):
            self.body.append("\\nopagebreak\n")
        super().visit_row(node)


def use_table_template(app: Sphinx, config: Config) -> None:
    """Sphinx's LaTeX writer looks for table templates in ``templates_path``: the
    extension's folder goes last, so a project's own ``longtable.tex.jinja`` still wins.
    A new list, not an append: the default list is shared by every build in a process."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def use_schedule_writer(app: Sphinx) -> None:
    """LaTeX builders write with their translator plus :class:`ScheduleTableWriter`."""
    if app.builder.format != "latex":
        return
    base = app.builder.get_translator_class()
    translator = type("ScheduleLaTeXTranslator", (ScheduleTableWriter, base), {})
    app.set_translator(app.builder.name, translator, override=True)


def setup(app: Sphinx) -> None:
    app.add_post_transform(LatexScheduleTables)
    app.connect("config-inited", use_table_template)
    app.connect("builder-inited", use_schedule_writer)
