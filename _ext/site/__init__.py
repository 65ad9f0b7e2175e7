"""Repairs and additions for the whole site, not tied to the schedule.

:mod:`.a11y` amends Sphinx's and the theme's HTML where accessibility checkers find
faults; :mod:`.pages` trims each page's assets and adds its description;
:mod:`.years` is the year switcher; :mod:`.printed` adapts pages for the PDF
handbook and the e-book.  Nothing here imports the schedule's modules.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import a11y, pages, printed, years


def setup(app: Sphinx) -> None:
    a11y.setup(app)
    years.setup(app)
    pages.setup(app)
    printed.setup(app)
