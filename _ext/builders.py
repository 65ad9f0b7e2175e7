"""What kind of output the running builder makes, asked in one place.

Several parts of the extension behave differently for web pages, e-books and print
(styles, side files such as the calendar, copied slides); they all ask these questions
here rather than testing builder names themselves.
"""

from __future__ import annotations

from pathlib import Path

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
