"""Whether a translation (``msgstr``) of a schedule's text may be shown.

A translation comes from a ``.po`` file, not from the YAML, but it ends up in the same
places (the table, the calendar, the ``.tex``), so it passes the same checks as the
YAML's text.  Kept apart from :mod:`..render.translated_content` (which applies translations to the page's
nodes) so the node that carries a translated text can use it too without an import
circle.
"""

from __future__ import annotations

from docutils import nodes

from ...warning_types import Subtype, bounded, warn


def translation_problem(translated: str) -> str | None:
    """What keeps a translation (msgstr) of schedule text from being shown, if anything.

    The same rules as for the YAML's text (:mod:`..model.value_types`): no control or invalid
    character, at most ``MAX_TEXT`` characters.  Markup cannot come through at all: the
    translation is set as plain text, never parsed.
    """
    from ..model.value_types import MAX_TEXT, showable

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
    from ..render.labels import one_line

    problem = translation_problem(translated)
    if problem is None:
        return one_line(translated)
    if where is not None:
        warn(f"the translation of {bounded(original)!r} {problem}; the original text is "
             "shown (fix the msgstr in the .po file)", Subtype.TRANSLATION, where)
    return original
