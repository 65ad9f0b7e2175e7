"""Build the schedule's docutils nodes: one real table per section.

Plain ``table`` nodes (not raw HTML) let every writer do its job: the HTML writer makes
an accessible table, the LaTeX writer a longtable that breaks across pages, and the
search indexer sees every title.  A link is a ``reference`` that knows only the link as
written (``schedule_path``) and has no target yet: each builder decides it when the
page is resolved (:mod:`...outputs.link_hrefs`), relative on web pages, absolute in the
PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ...locale import ENGLISH, N_, Words
from ..calendar.week_dates import WeekDates, day_label
from ..model.column_headers import COLUMNS, Headers, written_header
from .labels import (
    NAME_SEPARATOR,
    lecture_label_parts,
    one_line,
    week_anchor,
    week_label,
)
from ..links.hrefs import is_linkable
from ..model.schedule import Item, Lecture, Reading, Schedule, Section, Week
from .nodes import (
    schedule_block,
    schedule_date,
    schedule_header,
    schedule_link,
    schedule_nav,
    schedule_row,
    schedule_text,
)


PRESENTERS = N_("({names})")  # NOTE: a reading's presenters, a lecture's speaker
CODE_FOR = N_("{label} code for {title}")  # NOTE: a code link's screen-reader name
WEEK_TOPIC = N_("{week}: {topic}")  # NOTE: a week link's screen-reader name, "Week 3: VAE"


def _located(node: nodes.Element, item: Item) -> nodes.Element:
    node.source, node.line = item._source, item._line
    return node


def _content(text: str, item: Item) -> schedule_text:
    """One piece of the schedule's content, a message of its own for translators."""
    text = one_line(text)
    return _located(schedule_text(text, text), item)  # type: ignore[return-value]


def _title(text: str, words: Words) -> nodes.Node:
    """A lecture's or reading's title: English in every edition, as on its slides and its
    paper, so not a message for translators; other editions mark it ``lang="en"``."""
    text = one_line(text)
    if words.locale == "en":
        return nodes.Text(text)
    return nodes.inline(text, text, classes=["language-en"])


def _parts(*parts: str | nodes.Node) -> list[nodes.Node]:
    """Text and content nodes in order, leaving out empty text."""
    return [nodes.Text(part) if isinstance(part, str) else part for part in parts if part]


def _link(content: str | Sequence[nodes.Node], url: str,
          classes: Sequence[str] = ()) -> nodes.Node:
    """A reference, or plain text for a refused link (:mod:`..checks.mistakes` warns about it)."""
    children = ([nodes.Text(one_line(content))] if isinstance(content, str)
                else list(content))
    text = "".join(child.astext() for child in children)
    if not is_linkable(url):
        return nodes.inline(text, "", *children, classes=["schedule-refused"])
    ref = nodes.reference(text, "", *children, classes=list(classes))
    ref["schedule_path"] = url.strip()
    return ref


def date_nodes(dates: WeekDates | None, _: Words = ENGLISH) -> list[nodes.Node]:
    """What stands under a week's label: its meeting date, and "no class" on a holiday.

    The date is a :class:`schedule_date`, so HTML writes a ``<time>`` element while LaTeX
    and text output simply show "Wed, Feb 25".
    """
    if dates is None:
        return []
    label = day_label(dates.meeting, _)
    found: list[nodes.Node] = [nodes.paragraph(
        "", "", schedule_date(label, label, datetime=dates.meeting.isoformat()),
        classes=["schedule-dates"])]
    if dates.cancelled:
        no_class = _("no class")
        if dates.holiday:  # "no class: Qingming Festival"
            no_class = f"{no_class}: {one_line(dates.holiday)}"
        found.append(nodes.paragraph(no_class, no_class, classes=["schedule-no-class"]))
    return found


class TableBuilder:
    """Turns a validated :class:`Schedule` into nodes, one table per section."""

    def __init__(self, *, headers: Sequence[str],
                 dates: dict[int, WeekDates] | None = None, anchor_prefix: str = "",
                 document: nodes.document | None = None, words: Words = ENGLISH) -> None:
        self.headers = list(headers)
        self.words = words
        self.dates = dates or {}
        self.anchor_prefix = anchor_prefix
        self.document = document
        self._taken: set[str] = set()
        self._next_suffix: dict[str, int] = {}
        # per section: its title, its table's id, and each week with its row's id
        self._nav: list[tuple[nodes.Node, str, list[tuple[Week, str]]]] = []
        self._headers: Headers | None = None  # the schedule's own, if it writes any

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
        if self.dates:
            _ = self.words
            # the current-week script shows this beside the marked week's label
            wrapper["current_week_label"] = _("this week")
        self._nav = []
        self._headers = data.headers
        tables = [self.section_table(section) for section in data.sections]
        if any(weeks for _, _, weeks in self._nav):
            wrapper += self.week_strip()
        wrapper.extend(tables)
        return wrapper

    def week_strip(self) -> schedule_nav:
        """Links to every section's table and every week's row, in one compact block.

        On a phone the schedule is several screens long; the strip puts any week one tap
        from the top.  A dated term also gets a "this week" link, hidden until
        ``current-week.js`` points it at the current row.
        """
        _ = self.words
        nav = schedule_nav(classes=["schedule-nav"])
        if self.dates:
            label = _("This week")
            this_week = schedule_link(label, label, refuri="#",
                                      classes=["schedule-this-week"], hidden=True)
            nav += nodes.paragraph("", "", this_week, classes=["schedule-nav-now"])
        sections = nodes.bullet_list(classes=["schedule-nav-sections"])
        for title, table_id, weeks in self._nav:
            if not weeks:
                continue
            heading = nodes.paragraph(classes=["schedule-nav-section"])
            heading += nodes.reference("", "", title, refid=table_id, internal=True)
            strip = nodes.bullet_list(classes=["schedule-nav-weeks"])
            for week, anchor in weeks:
                number = str(week.week)
                topic = one_line(week.topic)
                link = schedule_link(number, number, refid=anchor, internal=True,
                                     aria_label=_(WEEK_TOPIC).format(
                                         week=week_label(week.week, _), topic=topic))
                link["topic"] = topic  # translated with the page (see .i18n)
                strip += nodes.list_item("", nodes.paragraph("", "", link))
            sections += nodes.list_item("", heading, strip)
        nav += sections
        return nav

    def section_table(self, section: Section) -> nodes.table:
        table = _located(nodes.table(classes=["schedule-table", "longtable"]), section)
        table["ids"] = [self.unique_id(
            self.anchor_prefix + nodes.make_id(f"schedule {section.title}"), table)]
        # the caption is translated as schedule text (plain text, checked by .i18n), not
        # by Sphinx as a title, which would parse the translation as Markdown again
        table += nodes.title("", "", _content(section.title, section), translatable=False)
        weeks: list[tuple[Week, str]] = []
        self._nav.append((_content(section.title, section), table["ids"][0], weeks))
        group = nodes.tgroup(cols=3)
        table += group
        # the print proportions (the web's are in schedule.css); the week column is the
        # rows' header, and, as docutils' own tables do, only a header column says "stub"
        # (the LaTeX writer takes the key's mere presence for a header column)
        group += nodes.colspec(colwidth=14, stub=1)
        group += nodes.colspec(colwidth=26)
        group += nodes.colspec(colwidth=60)
        head = nodes.thead()
        head_row = nodes.row()
        for column, label in zip(COLUMNS, self.headers):
            head_row += self.column_header(column, label, section)
        head += head_row
        group += head
        body = nodes.tbody()
        for week in section.weeks:
            row = self.week_row(week)
            weeks.append((week, row.get("week_anchor", "")))
            body += row
        group += body
        return table

    def column_header(self, column: str, label: str, section: Section) -> schedule_header:
        """A column's header: the section's or the schedule's own (:mod:`..model.column_headers`), the
        page's text and so translated with it, else the site's ``label``."""
        written = written_header(column, section.headers, self._headers)
        if written is None:
            return schedule_header("", nodes.paragraph(label, label), scope="col")
        shown = _content(getattr(written, column), written)
        shown.line = written._field_lines.get(column, written._line)
        return schedule_header("", nodes.paragraph(shown.astext(), "", shown), scope="col")

    def week_row(self, week: Week) -> schedule_row:
        row = _located(schedule_row(classes=["schedule-week"]), week)
        dates = self.dates.get(week.week)
        if dates is not None:
            row["week_start"] = dates.first.isoformat()
            row["week_end"] = dates.last.isoformat()
            row["timezone"] = dates.timezone
        label = week_label(week.week, self.words)
        anchor = nodes.target("", "")
        anchor["ids"] = [self.unique_id(week_anchor(week.week, self.anchor_prefix), anchor)]
        row["week_anchor"] = anchor["ids"][0]
        first = nodes.paragraph()
        first += anchor
        first += nodes.Text(label)
        row += schedule_header("", first, *date_nodes(dates, self.words), scope="row")
        shown: nodes.Node
        if week._no_class:  # a holiday week the flow skipped: its name, or "no class"
            _ = self.words
            text = one_line(week.topic) or _("no class")
            shown = nodes.emphasis(text, text, classes=["schedule-no-class-topic"])
        elif "topic" in week._placeholders:  # reported once; the row stays, marked
            text = one_line(week.topic)
            shown = nodes.emphasis(text, text, classes=["schedule-placeholder"])
        else:
            shown = _content(week.topic, week)
        row += nodes.entry("", nodes.paragraph(shown.astext(), "", shown))
        row += nodes.entry("", *self.items(week))
        return row

    def items(self, week: Week) -> list[nodes.Node]:
        entries: list[nodes.Node] = []
        for lecture in week.lectures:
            entries.extend(self.lecture_items(lecture))
        for link in week.materials:
            entries.append(self._item(_link([_content(link.label, link)], link.url,
                                            ["schedule-material"]),
                                      link, "schedule-material"))
        for kind, readings in (("paper", week.papers), ("project", week.projects)):
            for reading in readings:
                entries.append(self.reading_item(reading, kind))
        if not entries:
            return []
        return [nodes.bullet_list("", *entries, classes=["schedule-items"])]

    def _item(self, content: nodes.Node | list[nodes.Node], item: Item,
              kind: str) -> nodes.list_item:
        paragraph = nodes.paragraph()
        paragraph += content
        classes = [kind] + (["schedule-placeholder"] if item._placeholders else [])
        return _located(nodes.list_item("", paragraph, classes=classes), item)

    def lecture_items(self, lecture: Lecture) -> list[nodes.list_item]:
        items = []
        for number, title in lecture.each():
            before, after = lecture_label_parts(number, self.words)
            parts = _parts(before, _title(title, self.words), after)
            content = (_link(parts, lecture.slides, ["schedule-slides"])
                       if lecture.slides else parts)
            item = self._item(content, lecture, "schedule-lecture")
            if lecture.speaker:
                item[0] += self._after_title(lecture.speaker, "schedule-speaker")
            items.append(item)
        return items

    def _after_title(self, names: str | Sequence[str], kind: str) -> list[nodes.Node]:
        """`` (name)`` after a title: a lecture's speaker, a reading's presenters
        (``（房晨、桑宇辰）`` in Chinese)."""
        _ = self.words
        names = [names] if isinstance(names, str) else names
        shown = _(PRESENTERS).format(
            names=_(NAME_SEPARATOR).join(one_line(name) for name in names))
        return [nodes.Text(" "), nodes.inline(shown, shown, classes=[kind])]

    def reading_item(self, reading: Reading, kind: str) -> nodes.list_item:
        title: nodes.Node = _title(reading.title, self.words)
        if reading.url:  # the paper itself; the slides, if any, follow as their own link
            title = _link([title], reading.url, ["schedule-paper-link"])
        parts = _parts(f"{one_line(reading.number)} " if reading.number else "", title,
                       f", {one_line(reading.venue)}" if reading.venue else "")
        content: nodes.Node | list[nodes.Node] = parts
        if reading.slides and not reading.url:
            content = _link(parts, reading.slides, ["schedule-slides"])
        elif reading.slides:
            _ = self.words
            slides = _("slides")
            content = [*parts, nodes.Text(" "),
                       _link(slides, reading.slides, ["schedule-slides"])]
        item = self._item(content, reading, f"schedule-{kind}")
        paragraph = item[0]
        if reading.presenters:
            paragraph += self._after_title(reading.presenters, "schedule-presenters")
        for link in reading.code:
            paragraph += nodes.Text(" ")
            ref = _link(link.label, link.url, ["schedule-code"])
            if isinstance(ref, nodes.reference):
                # "torch" alone does not say whose code it is; its name does
                label = self.words(CODE_FOR).format(label=one_line(link.label),
                                                    title=one_line(reading.title))
                ref = schedule_link(ref.rawsource, *ref.children, **ref.attributes,
                                    aria_label=label)
            paragraph += ref
        return item
