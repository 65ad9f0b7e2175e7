"""Sphinx extension for the Deep Generative Models course schedule.

The modules follow the data's path: ``read`` (YAML with line numbers) → ``model`` and
``validate`` (what a schedule may hold) → ``checks`` (mistakes real schedules make) →
``tables`` (docutils nodes) → ``html`` and the other writers.  ``warning_types`` is the
one registry of warning subtypes; ``config`` holds every setting.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import a11y, exports, html, latex, reference, week_dates, years
from .config import add_settings
from .directive import ScheduleDirective
from .domain import ScheduleDomain
from .tables import schedule, schedule_header

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    add_settings(app)
    app.add_domain(ScheduleDomain)
    app.add_node(schedule_header,
                 html=(html.visit_schedule_header, html.depart_schedule_header))
    app.add_directive("schedule", ScheduleDirective)
    app.add_post_transform(html.UniqueTableIds)
    app.add_post_transform(latex.LatexScheduleTables)
    app.add_post_transform(latex.PrintedPages)
    app.add_post_transform(latex.RemoteImagesAsText)
    app.connect("builder-inited", html.add_assets)
    app.connect("builder-inited", latex.epub_leave_out_other_files)
    app.connect("doctree-resolved", html.relink_slides)
    app.connect("build-finished", html.copy_files_tree)
    week_dates.setup(app)
    exports.setup(app)
    years.setup(app)
    reference.setup(app)
    a11y.setup(app)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


__all__ = ["schedule", "setup"]
