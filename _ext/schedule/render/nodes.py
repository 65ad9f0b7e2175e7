"""The docutils nodes a schedule block becomes, and what each one carries.

Plain docutils nodes do the work (tables, rows, entries, paragraphs), so every writer
renders a schedule without knowing about it.  Where HTML needs more than the plain node
says (a header cell's ``scope``, a week row's dates for the current-week script, a
``<time>`` element), the schedule uses its own subclass that *carries* that fact; the
HTML output (:mod:`sphinx_course_schedule.outputs.html`) writes it, and every other writer falls back to the
base class's visitor, because Sphinx dispatches on a node's base classes.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


class schedule_block(nodes.container):
    """The wrapper of one schedule block; HTML gets the CSS class, others ignore it.

    With dates it carries ``current_week_label`` ("this week" in the build's language),
    which HTML writes as ``data-current-week-label`` for ``static/current-week.js``.
    """


class schedule_header(nodes.entry):
    """A header cell (column or week label) carrying ``scope`` (``"col"`` or ``"row"``)."""


class schedule_row(nodes.row):
    """A week's row; with term dates it carries ``week_start``, ``week_end``, ``timezone``.

    The HTML ``<tr>`` gets them as ``data-week-start``/``data-week-end``/``data-timezone``,
    which ``static/current-week.js`` reads to mark the current week.
    """

    DATA = (("week-start", "week_start"), ("week-end", "week_end"), ("timezone", "timezone"))

    def data_attributes(self) -> dict[str, str]:
        """The ``data-*`` attributes of the row's ``<tr>`` (none for an undated week)."""
        return {f"data-{name}": self[key] for name, key in self.DATA if key in self}


class schedule_date(nodes.inline):
    """A calendar date; HTML renders ``<time datetime=…>``, other writers plain text."""


class schedule_exports(nodes.General, nodes.Element):
    """Where a block's download links (calendar, JSON) go; filled in per builder."""


class schedule_text(nodes.inline, addnodes.translatable):
    """A piece of the schedule's content that translators translate (a topic, a label).

    It is a message of its own for the ``gettext`` builder, at the source line of its
    item, so "Introduction" is translated without "Week 1" beside it (those words come
    from the extension's catalog).  :class:`~.translated_content.TranslateScheduleText` replaces it by
    the ``.po`` entry's text, plain, as the YAML gave it, before Sphinx's ``Locale``
    transform would (through :meth:`apply_translated_message`).
    """

    def preserve_original_messages(self) -> None:
        self.setdefault("original", self.astext())

    def extract_original_messages(self) -> list[str]:
        return [self.get("original", self.astext())]

    def apply_translated_message(self, original_message: str,
                                 translated_message: str) -> None:
        """Show the translation as plain text once it passes the YAML's checks."""
        from ..checks.translations import vetted_translation

        self[:] = [nodes.Text(vetted_translation(original_message, translated_message,
                                                 self))]


class schedule_nav(nodes.container):
    """The week strip above a block's tables: each section and week, one tap away.

    HTML writes it as ``<nav>``; printed output (the PDF has page numbers and its own
    contents) drops it.  Its "this week" link is hidden until the current-week script
    finds the current row.
    """


class schedule_link(nodes.reference):
    """A link whose visible text needs more words for a screen reader or a phone.

    ``aria_label`` ("torch code for CVAE Image Captioning", "Week 3: Variational
    Autoencoders") becomes the HTML ``aria-label``; it always begins with the visible
    text, so speech input ("click torch") still finds the link.  ``hidden`` starts the
    link hidden (the "this week" link, shown by script during the term).
    """
