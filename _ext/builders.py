"""What kind of output the running builder makes, asked in one place.

Several parts of the extension behave differently for web pages, e-books and print
(styles, side files such as the calendar, copied slides); they all ask these questions
here rather than testing builder names themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.util.fileutil import copy_asset
from sphinx.util.matching import Matcher

from .config import local_files_dir

STATIC = Path(__file__).parent / "static"
"""The extension's own styles and scripts, added to HTML builds only."""

WEB_ONLY = frozenset({"site.css", "schedule-web.css", "nav-toggles.js", "current-week.js",
                      "search-spellings.js"})
"""Files of :data:`STATIC` that only web pages link: they use CSS that EPUB does not allow
(``:has()``) or script a browser page, so an e-book leaves them out (EPUBCheck reports an
unlinked stylesheet's rules as errors all the same)."""


def keep_user_static_path(app: Sphinx) -> None:
    """Undo what other extensions appended to ``html_static_path`` at start-up.

    sphinx-design (0.8) appends its own folder at ``builder-inited``, so the setting
    differs from the one ``conf.py`` gives on every start-up, and Sphinx reports a
    changed configuration on every rebuild.  Run after the other handlers, this puts the
    user's value back and keeps the added folders for :func:`copy_static_files`, which
    publishes them the same way Sphinx would have.
    """
    user = getattr(app.config, "_user_html_static_path", None)
    if user is None or not is_html(app):
        return
    added = [entry for entry in app.config.html_static_path if entry not in user]
    app.builder._extension_static_paths = [  # type: ignore[attr-defined]
        Path(app.confdir, entry) for entry in added]
    app.config.html_static_path[:] = user


def remember_user_static_path(app: Sphinx, config: Config) -> None:
    """The value ``conf.py`` gave (after Sphinx's own check), before any extension's."""
    config._user_html_static_path = list(config.html_static_path)  # type: ignore[attr-defined]


def copy_static_files(app: Sphinx, builder: Builder) -> None:
    """Put :data:`STATIC`'s files into the output's ``_static`` folder (HTML builders).

    Adding :data:`STATIC` to ``html_static_path`` would change a user setting at every
    start-up, and Sphinx would then report (and act on) a changed configuration on every
    rebuild.  At ``write-started`` the files are copied before any page is written, so
    the ``?v=`` checksums Sphinx puts on each style and script link are the same as
    with ``html_static_path``.  Unchanged files are not rewritten.  E-books get no
    :data:`WEB_ONLY` file (one left by an earlier build into the same folder is removed),
    which keeps the user's ``epub_exclude_files`` as ``conf.py`` gave it.
    """
    if builder.format != "html":
        return
    ebook = builder.name.startswith("epub")
    target = Path(builder.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for folder in getattr(builder, "_extension_static_paths", ()):
        copy_asset(folder, target, excluded=Matcher(["**/.*"]), force=True)
    for source in sorted(STATIC.iterdir()):
        dest = target / source.name
        if ebook and source.name in WEB_ONLY:
            dest.unlink(missing_ok=True)
        elif source.is_file():
            data = source.read_bytes()
            if not dest.exists() or dest.read_bytes() != data:
                dest.write_bytes(data)


def is_html(app: Sphinx) -> bool:
    return app.builder.format == "html"


def is_ebook(app: Sphinx) -> bool:
    """epub builders write HTML too, but into a package with no room for side files."""
    return app.builder.name.startswith("epub")


def publishes_files(app: Sphinx) -> bool:
    """HTML builders that write pages to disk; e-books carry no side files."""
    return is_html(app) and not is_ebook(app)


def local_files(app: Sphinx) -> Path | None:
    """The local slides tree of this project, if it has one."""
    return local_files_dir(Path(app.srcdir), app.config.schedule_files_dir)


def drop_page_assets(context: dict[str, Any], names: Iterable[str]) -> None:
    """Leave the named styles and scripts out of one page (an ``html-page-context`` step).

    Sphinx links every registered asset from every page; a page that uses no tabs, no
    highlighted code and no schedule should not make a phone download their styles.
    The page's own lists are replaced, so the builder's (restored for each page) stay.
    """
    unused = set(names)
    if not unused:
        return
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key]
                            if Path(str(getattr(asset, "filename", asset))).name not in unused]
