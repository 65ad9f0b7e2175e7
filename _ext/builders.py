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

from .config import local_files_dir

STATIC = Path(__file__).parent / "static"
"""The extension's own styles and scripts, added to HTML builds only."""


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
