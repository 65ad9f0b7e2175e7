"""The schedule's content in a translated build, the way Sphinx translates a paragraph.

The table builder wraps each piece of content (a topic, a material label) in a
:class:`~.nodes.schedule_text`, which Sphinx's ``gettext`` builder extracts with its
source line as a message of the page's catalog (see the guide's translation page).
Section captions are table titles: Sphinx translates those by itself.  Lecture and
reading titles are not messages: they stay English in every edition, as on the slides
and the papers.  The term line's name and location, and the calendar's text, are looked
up by :func:`page_translation` in the same catalog.

:class:`TranslateScheduleText` puts each piece's translation in its place and removes
the wrapper, for every builder except ``gettext`` (which reads them at write time), so
writers see the same text nodes as in an untranslated build.  It runs before Sphinx's
``Locale`` transform, which would parse each translation as a little Markdown document
(twice): the schedule's content is plain text, and the parses of its three hundred
pieces were a fifth of the Chinese build's time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain

from ...locale import project_translation
from .nodes import schedule_link, schedule_text
from ..checks.translations import vetted_translation

_LATIN = re.compile("[A-Za-z]")


class TranslateScheduleText(SphinxTransform):
    """Replace every :class:`schedule_text` by its translation from the page's catalog.

    In a build in another language, content that stays English (not yet translated) is
    kept in an inline of class ``language-en``, which docutils' HTML writer writes as
    ``lang="en"``: a screen reader then reads it in English.
    """

    default_priority = 15  # after Sphinx keeps the original messages (10), before Locale

    def apply(self, **kwargs: Any) -> None:
        builder = getattr(self.env, "_builder_cls", None)
        if builder is not None and issubclass(builder, MessageCatalogBuilder):
            return
        translate = page_messages(self.env, self.env.docname)
        translated_build = self.config.language != "en"
        for link in self.document.findall(schedule_link):
            topic = link.get("topic")
            if topic and link.get("aria_label", "").endswith(topic):  # "Week 3: {topic}"
                translated = translate(topic)
                if translated != topic:  # (the cell's own text warns about a bad one)
                    translated = vetted_translation(topic, translated)
                link["aria_label"] = link["aria_label"][:-len(topic)] + translated
        for node in list(self.document.findall(schedule_text)):
            text = node.astext()
            translation = translate(text)
            if translation != text:
                translation = vetted_translation(text, translation, node)
            if translation != text:
                node.replace_self(nodes.Text(translation))
            elif translated_build and _LATIN.search(text):
                node.replace_self(nodes.inline(text, "", *node.children,
                                               classes=["language-en"]))
            else:
                node.replace_self(node.children)


def page_messages(env: BuildEnvironment, docname: str) -> Callable[[str], str]:
    """The page's ``.po`` as it is: a message (the text made one line) to its msgstr,
    unchecked; the text itself where there is none."""
    domain = docname_to_domain(docname, env.config.gettext_compact)
    translator = project_translation(env.srcdir, env.config, domain)
    if translator is str:
        return str

    from .labels import one_line

    def translate(text: str) -> str:
        message = one_line(text)
        translated = translator(message)
        return translated if translated and translated != message else text

    return translate


def page_translation(env: BuildEnvironment, docname: str) -> Callable[[str], str]:
    """The translation of a piece of the page's own text from the page's ``.po``.

    Sphinx translated the page while it was read; what is written later from the
    schedule's data (the calendar, the term line) looks its text up in the same
    catalog (the page's domain), by the same messages.  A translation that fails
    :func:`translation_problem` gives the original (the page warned about it).
    """
    messages = page_messages(env, docname)
    if messages is str:
        return str

    def translate(text: str) -> str:
        translated = messages(text)
        return text if translated == text else vetted_translation(text, translated)

    return translate


def setup(app: Sphinx) -> None:
    app.add_node(schedule_text)
    app.add_transform(TranslateScheduleText)
