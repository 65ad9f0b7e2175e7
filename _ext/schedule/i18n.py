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

from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.transforms import SphinxTransform

from .nodes import schedule_text


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
