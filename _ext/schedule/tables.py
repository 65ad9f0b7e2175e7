"""Build the schedule's docutils nodes: one real table per section.

Plain ``table`` nodes (not raw HTML) let every writer do its job: the HTML writer makes
an accessible table, the LaTeX writer a longtable that breaks across pages, and the
search indexer sees every title.  Links to slides are ``reference`` nodes carrying the
site path in ``schedule_path``, so each builder can decide later whether the href is
relative (slides copied into the HTML output) or absolute (the original site).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from .dates import WeekDates, day_label
from .labels import lecture_label, one_line, reading_label, week_anchor, week_label
from .links import absolute_href, is_linkable
from .model import Item, Lecture, Reading, Schedule, Section, Week
from .nodes import schedule_block, schedule_date, schedule_header, schedule_row


def _located(node: nodes.Element, item: Item) -> nodes.Element:
    node.source, node.line = item._source, item._line
    return node


def _link(text: str, url: str, base_url: str, classes: Sequence[str] = ()) -> nodes.Node:
    """A reference, or plain text for a refused link (:mod:`.checks` warns about it)."""
    text = one_line(text)
    if not is_linkable(url):
        return nodes.inline(text, text, classes=["schedule-refused"])
    ref = nodes.reference(text, text, refuri=absolute_href(url, base_url),
                          classes=list(classes))
    ref["schedule_path"] = url.strip()
    return ref


def date_nodes(dates: WeekDates | None) -> list[nodes.Node]:
    """What stands under a week's label: its meeting date, and "no class" on a holiday.

    The date is a :class:`schedule_date`, so HTML writes a ``<time>`` element while LaTeX
    and text output simply show "Feb 25".
    """
    if dates is None:
        return []
    label = day_label(dates.meeting)
    found: list[nodes.Node] = [nodes.paragraph(
        "", "", schedule_date(label, label, datetime=dates.meeting.isoformat()),
        classes=["schedule-dates"])]
    if dates.cancelled:
        found.append(nodes.paragraph("no class", "no class", classes=["schedule-no-class"]))
    return found


class TableBuilder:
    """Turns a validated :class:`Schedule` into nodes, one table per section."""

    def __init__(self, *, headers: Sequence[str], base_url: str,
                 dates: dict[int, WeekDates] | None = None, anchor_prefix: str = "",
                 document: nodes.document | None = None) -> None:
        self.headers = list(headers)
        self.base_url = base_url
        self.dates = dates or {}
        self.anchor_prefix = anchor_prefix
        self.document = document
        self._taken: set[str] = set()
        self._next_suffix: dict[str, int] = {}

    def unique_id(self, base: str, node: nodes.Element) -> str:
        """``base``, or with ``-2``, ``-3`` ... if the page already has that id.

        Two sections with one title, a week listed twice (reported by the week-order
        check) or a heading "Week 1" would otherwise give the page duplicate ids, and
        ``#week-1`` would lead to whichever a browser picks.  Registering the id with the
        document also keeps docutils from giving it to a later heading.  The next suffix
        to try is remembered per base, so a thousand rows of one week cost a thousand
        steps, not half a million.
        """
        found, number = base, self._next_suffix.get(base, 1)
        if number > 1:
            found = f"{base}-{number}"
        while found in self._taken or (self.document is not None
                                       and found in self.document.ids):
            number += 1
            found = f"{base}-{number}"
        self._next_suffix[base] = number
        self._taken.add(found)
        if self.document is not None:
            self.document.ids[found] = node
        return found

    def build(self, data: Schedule) -> schedule_block:
        wrapper = schedule_block(classes=["schedule"])
        for section in data.sections:
            wrapper += self.section_table(section)
        return wrapper

    def section_table(self, section: Section) -> nodes.table:
        table = _located(nodes.table(classes=["schedule-table", "longtable"]), section)
        table["ids"] = [self.unique_id(
            self.anchor_prefix + nodes.make_id(f"schedule {section.title}"), table)]
        title = one_line(section.title)
        table += nodes.title(title, title)
        group = nodes.tgroup(cols=3)
        table += group
        for width, stub in ((14, 1), (26, 0), (60, 0)):
            group += nodes.colspec(colwidth=width, stub=stub)
        head = nodes.thead()
        head_row = nodes.row()
        for label in self.headers:
            head_row += schedule_header("", nodes.paragraph(label, label), scope="col")
        head += head_row
        group += head
        body = nodes.tbody()
        for week in section.weeks:
            body += self.week_row(week)
        group += body
        return table

    def week_row(self, week: Week) -> schedule_row:
        row = _located(schedule_row(classes=["schedule-week"]), week)
        dates = self.dates.get(week.week)
        if dates is not None:
            row["week_start"] = dates.first.isoformat()
            row["week_end"] = dates.last.isoformat()
            row["timezone"] = dates.timezone
        label = week_label(week.week)
        anchor = nodes.target("", "")
        anchor["ids"] = [self.unique_id(week_anchor(week.week, self.anchor_prefix), anchor)]
        first = nodes.paragraph()
        first += anchor
        first += nodes.Text(label)
        row += schedule_header("", first, *date_nodes(dates), scope="row")
        topic = one_line(week.topic)
        row += nodes.entry("", nodes.paragraph(topic, topic))
        row += nodes.entry("", *self.items(week))
        return row

    def items(self, week: Week) -> list[nodes.Node]:
        entries: list[nodes.Node] = []
        for lecture in week.lectures:
            entries.extend(self.lecture_items(lecture))
        for link in week.materials:
            entries.append(self._item(_link(link.label, link.url, self.base_url,
                                            ["schedule-material"]),
                                      link, "schedule-material"))
        for kind, readings in (("paper", week.papers), ("project", week.projects)):
            for reading in readings:
                entries.append(self.reading_item(reading, kind))
        if not entries:
            return []
        return [nodes.bullet_list("", *entries, classes=["schedule-items"])]

    def _item(self, content: nodes.Node, item: Item, kind: str) -> nodes.list_item:
        paragraph = nodes.paragraph()
        paragraph += content
        return _located(nodes.list_item("", paragraph, classes=[kind]), item)

    def lecture_items(self, lecture: Lecture) -> list[nodes.list_item]:
        items = []
        for number, title in lecture.each():
            text = lecture_label(number, title)
            content = (_link(text, lecture.slides, self.base_url, ["schedule-slides"])
                       if lecture.slides else nodes.Text(text))
            items.append(self._item(content, lecture, "schedule-lecture"))
        return items

    def reading_item(self, reading: Reading, kind: str) -> nodes.list_item:
        text = reading_label(reading)
        content = (_link(text, reading.slides, self.base_url, ["schedule-slides"])
                   if reading.slides else nodes.Text(text))
        item = self._item(content, reading, f"schedule-{kind}")
        paragraph = item[0]
        for link in reading.code:
            paragraph += nodes.Text(" ")
            paragraph += _link(link.label, link.url, self.base_url, ["schedule-code"])
        return item
