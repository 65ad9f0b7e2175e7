"""``python -m sphinx_course_schedule.commands``: the ``course-schedule`` program."""

from __future__ import annotations

from . import main

raise SystemExit(main())
