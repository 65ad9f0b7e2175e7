"""Build the schedule's docutils nodes: one real table per section.

Plain ``table`` nodes (not raw HTML) let every writer do its job: the HTML writer makes
an accessible table, the LaTeX writer a longtable that breaks across pages, and the
search indexer sees every title.  Links to slides are ``reference`` nodes carrying the
site path in ``schedule_path``, so each builder can decide later whether the href is
relative (slides copied into the HTML output) or absolute (the original site).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from docutils import nodes

from .links import absolute_href, is_allowed
from .model import Item, Lecture, Reading, Schedule, Section, Week


class schedule_header(nodes.entry):
    """A header cell; its HTML visitor adds ``scope`` (other writers treat it as entry)."""


class schedule(nodes.container):
    """The wrapper of one schedule block; HTML gets the CSS class, others ignore it."""


def _located(node: nodes.Element, item: Item) -> nodes.Element:
    node.source, node.line = item._source, item._line
    return node


_LINE_BREAKS = re.compile(r"[ \t]*[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+[ \t]*")


def one_line(text: str) -> str:
    """``text`` with each line break (and the spaces around it) made one space.

    A title or label is one line of a table.  YAML block scalars (``|``) and escapes can
    put line breaks, even blank lines, into it; a browser shows them as spaces anyway,
    but a blank line in a LaTeX caption or link text ends the paragraph mid-argument
    and stops the PDF build.
    """
    return _LINE_BREAKS.sub(" ", text)


def _link(text: str, url: str, base_url: str, classes: Sequence[str] = ()) -> nodes.Node:
    """A reference, or plain text for a refused link (:mod:`.checks` warns about it)."""
    text = one_line(text)
    if not is_allowed(url):
        return nodes.inline(text, text, classes=["schedule-refused"])
    ref = nodes.reference(text, text, refuri=absolute_href(url, base_url),
                          classes=list(classes))
    ref["schedule_path"] = url.strip()
    return ref


def lecture_label(number: int | str, title: str) -> str:
    """``Lecture 7: Title`` as the legacy pages wrote it."""
    return one_line(f"Lecture {number}: {title}")


def reading_label(reading: Reading) -> str:
    """``11-1 Title, NeurIPS 2019``: id, title and venue as they read on the page."""
    text = f"{reading.number} {reading.title}" if reading.number else reading.title
    return one_line(f"{text}, {reading.venue}" if reading.venue else text)


class TableBuilder:
    """Turns a validated :class:`Schedule` into nodes, one table per section."""

    def __init__(self, *, headers: Sequence[str], base_url: str,
                 week_extra: Callable[[Week], list[nodes.Node]] | None = None,
                 id_for: Callable[[str], str] = lambda name: name,
                 document: nodes.document | None = None) -> None:
        self.headers = list(headers)
        self.base_url = base_url
        self.week_extra = week_extra or (lambda week: [])
        self.id_for = id_for
        self.document = document
        self._taken: set[str] = set()

    def unique_id(self, name: str, node: nodes.Element) -> str:
        """``id_for(name)``, or with ``-2``, ``-3`` ... if the page already has that id.

        Two sections with one title, a week listed twice (reported by the week-order
        check) or a heading "Week 1" would otherwise give the page duplicate ids, and
        ``#week-1`` would lead to whichever a browser picks.  Registering the id with the
        document also keeps docutils from giving it to a later heading.
        """
        base = self.id_for(name)
        found, number = base, 1
        while found in self._taken or (self.document is not None
                                       and found in self.document.ids):
            number += 1
            found = f"{base}-{number}"
        self._taken.add(found)
        if self.document is not None:
            self.document.ids[found] = node
        return found

    def build(self, data: Schedule) -> schedule:
        wrapper = schedule(classes=["schedule"])
        for section in data.sections:
            wrapper += self.section_table(section)
        return wrapper

    def section_table(self, section: Section) -> nodes.table:
        table = _located(nodes.table(classes=["schedule-table", "longtable"]), section)
        table["ids"] = [self.unique_id(nodes.make_id(f"schedule {section.title}"), table)]
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

    def week_row(self, week: Week) -> nodes.row:
        row = _located(nodes.row(classes=["schedule-week"]), week)
        label = f"Week {week.week}"
        anchor = nodes.target("", "")
        anchor["ids"] = [self.unique_id(f"week-{week.week}", anchor)]
        first = nodes.paragraph()
        first += anchor
        first += nodes.Text(label)
        row += schedule_header("", first, *self.week_extra(week), scope="row")
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
            content = (_link(text, lecture.slides, self.base_url,
                             ["schedule-slides"])
                       if lecture.slides else nodes.Text(text))
            items.append(self._item(content, lecture, "schedule-lecture"))
        return items

    def reading_item(self, reading: Reading, kind: str) -> nodes.list_item:
        text = reading_label(reading)
        content = (_link(text, reading.slides, self.base_url,
                         ["schedule-slides"])
                   if reading.slides else nodes.Text(text))
        item = self._item(content, reading, f"schedule-{kind}")
        paragraph = item[0]
        for link in reading.code:
            paragraph += nodes.Text(" ")
            paragraph += _link(link.label, link.url, self.base_url,
                               ["schedule-code"])
        return item

