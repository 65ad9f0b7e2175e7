"""Repairs and additions for the whole site, not tied to the schedule.

:mod:`.a11y` amends Sphinx's and the theme's HTML where accessibility checkers find
faults; :mod:`.years` is the year switcher; :mod:`.navigation` renders
furo's sidebar tree once per build; :mod:`.printed` adapts pages for the PDF
handbook and the e-book.  Nothing here imports the schedule's modules.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import a11y, navigation, printed, years


def setup(app: Sphinx) -> None:
    a11y.setup(app)
    years.setup(app)
    navigation.setup(app)
    printed.setup(app)
