"""Dates under each week's label, and the row data the current-week script reads.

The date is a node of its own (``schedule_date``) because docutils has no "time" node:
the HTML visitor writes ``<time datetime="2026-02-25">Feb 25</time>``, while every other
writer falls back to its ``inline`` visitor (Sphinx dispatches on the node's base
classes), so LaTeX, text and man output simply show "Feb 25".

The week's first and last day travel on the ``schedule_week_dates`` paragraph; the HTML
row visitor copies them onto the ``<tr>`` as ``data-week-start``/``data-week-end`` (and the
term's ``data-timezone``), so ``static/current-week.js`` can mark the current week from
the reader's clock without a rebuild.  Without JavaScript the page is unchanged.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .dates import day_label, term_problems, week_dates
from .html import STATIC, is_ebook, is_html
from .model import Schedule, Week
from .warning_types import warn


class schedule_date(nodes.inline):
    """A calendar date; HTML renders ``<time datetime=…>``, other writers plain text."""


class schedule_week_dates(nodes.paragraph):
    """The paragraph of dates under a week's label; carries the week's span for HTML."""


def date_nodes(week: Week, data: Schedule) -> list[nodes.Node]:
    """What the directive's ``week_extra`` hook shows: nothing unless the term has dates."""
    dates = week_dates(data.term, week.week)
    if dates is None:
        return []
    label = day_label(dates.meeting)
    paragraph = schedule_week_dates(
        "", "", schedule_date(label, label, datetime=dates.meeting.isoformat()),
        classes=["schedule-dates"], week_start=dates.first.isoformat(),
        week_end=dates.last.isoformat(), timezone=dates.timezone)
    found: list[nodes.Node] = [paragraph]
    if dates.cancelled:
        found.append(nodes.paragraph("no class", "no class", classes=["schedule-no-class"]))
    return found


def warn_term(data: Schedule) -> None:
    """Report doubtful term facts once per block, at the ``term:`` line."""
    if data.term is None:
        return
    for problem in term_problems(data.term):
        warn(problem, "dates", data.term.where)


def visit_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_schedule_date(self: HTML5Translator, node: schedule_date) -> None:
    self.body.append("</time>")


def visit_row(self: HTML5Translator, node: nodes.row) -> None:
    """The translator's own ``<tr>``, plus the week's span when the row has dates."""
    type(self).visit_row(self, node)
    marker = next(node.findall(schedule_week_dates), None)
    if marker is None or not self.body[-1].startswith("<tr"):
        return
    data = "".join(f' data-{name}="{self.attval(marker[key])}"'
                   for name, key in (("week-start", "week_start"), ("week-end", "week_end"),
                                     ("timezone", "timezone")))
    self.body[-1] = "<tr" + data + self.body[-1][3:]


def depart_row(self: HTML5Translator, node: nodes.row) -> None:
    type(self).depart_row(self, node)


def add_assets(app: Sphinx) -> None:
    """Date styles for HTML builders; the script only where pages can run it (not e-books)."""
    if not is_html(app):
        return
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))
    app.add_css_file("schedule-dates.css")
    if not is_ebook(app):
        app.add_js_file("current-week.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    """Register the nodes and the asset hook (called from the package's ``setup``)."""
    app.add_node(schedule_date, html=(visit_schedule_date, depart_schedule_date))
    app.add_node(nodes.row, override=True, html=(visit_row, depart_row))
    app.connect("builder-inited", add_assets)
