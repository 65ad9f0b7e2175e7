"""The schedule's content in a translated build, the way Sphinx translates a paragraph.

The table builder wraps each piece of content (topic, lecture title, reading title,
material label) in a :class:`~.nodes.schedule_text`, which Sphinx's ``gettext`` builder
extracts with its source line and whose translation Sphinx's ``Locale`` transform
applies from ``locale_dirs`` (see the guide's translation page).  Section captions are
table titles and the page's own text (the term line) is Markdown: Sphinx translates
those by itself.

Once translation has happened the wrappers are not needed: :class:`UnwrapScheduleText`
replaces each by its text, in place, for every builder except ``gettext`` (which reads
them at write time), the way Sphinx removes its own translation placeholders.  Writers
then see the same text nodes as in an untranslated build.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.transforms import SphinxTransform

from ..warning_types import Subtype, bounded, warn
from .nodes import schedule_text


def translation_problem(translated: str) -> str | None:
    """What keeps a translation (msgstr) of schedule text from being shown, if anything.

    The same rules as for the YAML's text (:mod:`.fields`): no control or invalid
    character, at most ``MAX_TEXT`` characters.  Markup cannot come through at all: the
    translation is set as plain text, never parsed.
    """
    from .fields import MAX_TEXT, showable

    try:
        showable(translated)
    except ValueError as error:
        return str(error)
    if len(translated) > MAX_TEXT:
        return f"is {len(translated)} characters long; at most {MAX_TEXT} are shown"
    return None


def vetted_translation(original: str, translated: str, where: nodes.Node | None = None) -> str:
    """The text to show for ``original``: its translation on one line, or, when the
    translation fails :func:`translation_problem`, the original (with a warning at the
    item's line when ``where`` is given)."""
    from .labels import one_line

    problem = translation_problem(translated)
    if problem is None:
        return one_line(translated)
    if where is not None:
        warn(f"the translation of {bounded(original)!r} {problem}; the original text is "
             "shown (fix the msgstr in the .po file)", Subtype.TRANSLATION, where)
    return original


class UnwrapScheduleText(SphinxTransform):
    """Replace every :class:`schedule_text` by its (translated) children."""

    default_priority = 998  # after Locale (20); before Sphinx drops its own placeholders

    def apply(self, **kwargs: Any) -> None:
        builder = getattr(self.env, "_builder_cls", None)
        if builder is not None and issubclass(builder, MessageCatalogBuilder):
            return
        for node in list(self.document.findall(schedule_text)):
            node.replace_self(node.children)


def setup(app: Sphinx) -> None:
    app.add_node(schedule_text)
    app.add_transform(UnwrapScheduleText)
