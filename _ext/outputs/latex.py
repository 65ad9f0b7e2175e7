"""PDF (LaTeX) output of a schedule: table columns, header column, ragged cells.

The LaTeX writer sizes a table's columns from its content (``tabulary``) unless the table
says its widths are given; a longtable of lecture lists then gets columns too narrow for
the titles.  :class:`LatexScheduleTables` marks the schedule tables so the writer uses
the proportions :mod:`_ext.schedule.tables` sets, as ragged-right paragraph columns.  It
also drops ``stub=0`` from the colspecs: the LaTeX writer treats the mere presence of
``stub`` as a header column and would set every cell in the header font.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..schedule.nodes import schedule_nav

SCHEDULE_TABLE = "schedule-table"
"""The class :mod:`_ext.schedule.tables` puts on every schedule table."""


class LatexScheduleTables(SphinxPostTransform):
    """Given column proportions (``\\X{14}{100}``), only the week column as header,
    ragged-right cells, and code links ("torch") in a code font; the week strip above
    the tables is left out."""

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


def setup(app: Sphinx) -> None:
    app.add_post_transform(LatexScheduleTables)
