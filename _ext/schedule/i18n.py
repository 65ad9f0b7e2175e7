"""The schedule's content in a translated build, the way Sphinx translates a paragraph.

The table builder wraps each piece of content (a topic, a material label) in a
:class:`~.nodes.schedule_text`, which Sphinx's ``gettext`` builder extracts with its
source line and whose translation Sphinx's ``Locale`` transform applies from
``locale_dirs`` (see the guide's translation page).  Section captions are table titles:
Sphinx translates those by itself.  Lecture and reading titles are not messages: they
stay English in every edition, as on the slides and the papers.  The term line's name
and location are looked up by :func:`page_translation`, like the calendar's text.

Once translation has happened the wrappers are not needed: :class:`UnwrapScheduleText`
replaces each by its text, in place, for every builder except ``gettext`` (which reads
them at write time), the way Sphinx removes its own translation placeholders.  Writers
then see the same text nodes as in an untranslated build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import docname_to_domain
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.transforms import SphinxTransform

from .nodes import schedule_text

_LATIN = re.compile("[A-Za-z]")


class UnwrapScheduleText(SphinxTransform):
    """Replace every :class:`schedule_text` by its (translated) children.

    In a build in another language, content that stays English (lecture and paper titles
    match the slides and the papers; anything not yet translated) is kept in an inline
    of class ``language-en``, which docutils' HTML writer writes as ``lang="en"``: a
    screen reader then reads it in English and the browser hyphenates it as English.
    """

    default_priority = 998  # after Locale (20); before Sphinx drops its own placeholders

    def apply(self, **kwargs: Any) -> None:
        builder = getattr(self.env, "_builder_cls", None)
        if builder is not None and issubclass(builder, MessageCatalogBuilder):
            return
        translated_build = self.config.language != "en"
        for node in list(self.document.findall(schedule_text)):
            text = node.astext()
            if (translated_build and text == node.get("original", text)
                    and _LATIN.search(text)):
                node.replace_self(nodes.inline(text, "", *node.children,
                                               classes=["language-en"]))
            else:
                node.replace_self(node.children)


def page_translation(env: BuildEnvironment, docname: str) -> Callable[[str], str]:
    """The translation of a piece of the page's own text from the page's ``.po``.

    Sphinx translated the page while it was read; what is written later from the
    schedule's data (the calendar, the term line) looks its text up in the same
    catalog (``locale_dirs``, the page's domain), by the same messages (the text made
    one line).  Without a translation the text stays as it is.
    """
    config = env.config
    if not config.language or config.language == "en" or not config.locale_dirs:
        return str
    dirs = [str(Path(env.srcdir, folder)) for folder in config.locale_dirs]
    domain = docname_to_domain(docname, config.gettext_compact)
    translator, found = locale.init(dirs, config.language, domain)
    if not found:
        return str

    from .labels import one_line

    def translate(text: str) -> str:
        message = one_line(text)
        translated = translator.gettext(message)
        return translated if translated and translated != message else text

    return translate


def setup(app: Sphinx) -> None:
    app.add_node(schedule_text)
    app.add_transform(UnwrapScheduleText)
