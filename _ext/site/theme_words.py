"""furo's words that its templates do not mark for translation, translated all the same.

furo marks most of its words (``{% trans %}Skip to content{% endtrans %}``, "Back to
top", "On this page"), and the site's ``locales/<lang>/LC_MESSAGES/sphinx.po`` translates
them.  A few accessible names are written in English in furo's templates and code: the
icons' ``<title>`` ("Contents", "Light mode"), the sidebar toggles' ``aria-label`` and
its navigation tree's "Toggle navigation of …".  A screen reader reads them out on every
page.  In a build in another language each rendered page has these exact fragments
replaced, their words looked up in the same ``sphinx`` catalog (``make po`` adds
:data:`WORDS` to it), so nothing is replaced where no translation exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from ..builders import is_html

WORDS: tuple[str, ...] = (
    "Contents", "Menu", "Expand", "Light mode", "Dark mode", "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode", "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar", "Toggle table of contents sidebar",
    "Toggle navigation of %s",
)
"""furo's unmarked English words (its ``partials/icons.html``, ``page.html`` and
``navigation.py``), as messages of the ``sphinx`` catalog."""


def replacements() -> list[tuple[str, str]]:
    """``(English fragment, translated fragment)`` for each word that has a translation."""
    found = []
    for word in WORDS:
        translated = str(_(word))
        if translated == word:
            continue
        if "%s" in word:  # "Toggle navigation of %s": the start of an aria-label
            found.append((f'aria-label="{word.split("%s")[0]}',
                          f'aria-label="{translated.split("%s")[0]}'))
        else:
            found.append((f"<title>{word}</title>", f"<title>{translated}</title>"))
            found.append((f'aria-label="{word}"', f'aria-label="{translated}"'))
    return found


def translate_rendered_pages(app: Sphinx) -> None:
    """Wrap the builder's template rendering so each page comes out translated."""
    if not is_html(app) or app.config.language == "en":
        return
    pairs = dict(replacements())
    if not pairs:
        return
    fragments = re.compile("|".join(re.escape(english) for english in pairs))
    templates = app.builder.templates
    render: Callable[..., str] = templates.render

    def translated(template: str, context: dict[str, Any]) -> str:
        return fragments.sub(lambda found: pairs[found[0]], render(template, context))

    templates.render = translated  # type: ignore[method-assign]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", translate_rendered_pages)
