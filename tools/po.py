"""``make po``: bring the site's translations (``locales/<lang>/LC_MESSAGES/*.po``) up to
date with the pages, and say what is left to translate.

1. Sphinx's ``gettext`` builder extracts the pages' messages into ``_build/gettext``
   (``years.pot`` holds every year page; the schedule's topics and labels are messages
   at their YAML line).
2. ``conf.py``'s own words (the site's title, the PDF's title page), marked
   ``N_("…")`` or ``_("…")`` there, are extracted with Babel into ``conf.pot`` beside them,
   and the theme's words (furo's templates: "Skip to content", "Back to top", "On this
   page"; furo ships no Chinese) and the site's own templates' (``_templates/404.html``)
   into ``sphinx.pot``: templates look their words up in
   Sphinx's own catalog, and a project's ``sphinx.po`` comes before Sphinx's.
3. sphinx-intl updates every language's catalogs from them: new messages are added
   untranslated, changed ones become fuzzy (Sphinx does not use a fuzzy translation).
4. The Chinese search's dictionary is fitted to the new text (:mod:`tools.search_words`).
5. Each catalog's translated, fuzzy and untranslated messages are counted.

The extension's own words are another catalog, kept by ``make catalog``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

from sphinx_course_schedule.site import theme_words
from tools import search_words

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "locales"
KEYWORDS = {"_": None, "N_": None}


def conf_template(conf: Path = REPO / "conf.py") -> Catalog:
    """``conf.py``'s marked words, each with its line."""
    found = Catalog(project="conf", fuzzy=False)
    for lineno, message, comments, _context in extract_from_file(
            "python", str(conf), keywords=KEYWORDS, comment_tags=("NOTE:",),
            strip_comment_tags=True):
        found.add(message, locations=[(conf.name, lineno)], auto_comments=comments)
    return found


def theme_template() -> Catalog:
    """The words of furo's templates and the site's own (``_templates/``, the 404 page)
    (``{% trans %}``, ``_()``), as Jinja sees them."""
    import furo  # noqa: PLC0415 - the theme's own files

    found = Catalog(project="furo", fuzzy=False)
    for folder, prefix in ((Path(furo.__file__).parent / "theme" / "furo", "furo"),
                           (REPO / "_templates", "_templates")):
        for filename, lineno, message, comments, _context in extract_from_dir(
                str(folder), method_map=[("**.html", "jinja2")],
                options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
            found.add(message, locations=[(f"{prefix}/{filename}", lineno)],
                      auto_comments=comments)
    for word in theme_words.WORDS:  # written in English in furo's templates and code
        found.add(word, locations=[("_ext/site/theme_words.py", 0)])
    return found


def languages(locales: Path = LOCALES) -> list[str]:
    return sorted(path.name for path in locales.iterdir() if (path / "LC_MESSAGES").is_dir())


def counts(po: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) messages of one catalog."""
    with po.open("rb") as handle:
        messages = [message for message in read_po(handle) if message.id]
    fuzzy = sum(1 for message in messages if message.fuzzy)
    untranslated = sum(1 for message in messages if not message.fuzzy and not message.string)
    return len(messages) - fuzzy - untranslated, fuzzy, untranslated


def _run(*command: str) -> None:
    subprocess.run([sys.executable, "-m", *command], cwd=REPO, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", default="_build", help="where _build/gettext goes")
    parser.add_argument("-l", "--language", action="append",
                        help="a language to update (default: every one in locales/)")
    args = parser.parse_args(argv)
    pot_dir = REPO / args.builddir / "gettext"
    _run("sphinx", "-b", "gettext", "-q", ".", str(pot_dir))
    for name, template in (("conf", conf_template()), ("sphinx", theme_template())):
        with (pot_dir / f"{name}.pot").open("wb") as handle:
            write_po(handle, template, width=76)
    for language in args.language or languages():
        _run("sphinx_intl", "update", "-p", str(pot_dir), "-l", language, "-d", "locales")
    search_words.main([])
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        translated, fuzzy, untranslated = counts(po)
        print(f"{po.relative_to(REPO)}: {translated} translated, {fuzzy} fuzzy, "
              f"{untranslated} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
