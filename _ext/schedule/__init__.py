"""The schedule: from a ``{schedule}`` block's YAML to docutils nodes.

The modules follow the data's path: :mod:`.read` (YAML with line numbers) →
:mod:`.model` (what a schedule may hold, every constraint declared once) →
:mod:`.validate` (keep every valid item, report the rest at its line) → :mod:`.checks`
(mistakes real schedules make; :mod:`.repair` keeps one mistake to one warning,
:mod:`.files` says which year folders of slides are local) → :mod:`.dates`,
:mod:`.labels` and :mod:`.links` (what the outputs share) → :mod:`.tables` (the nodes of
:mod:`.nodes`) in :mod:`.directive`, kept between reading and writing in :mod:`.domain`.
:mod:`.term` writes a year page's term line from the same data.  :mod:`.reference` writes the staff
guide's field, warning and setting tables from the same declarations.

Nothing here knows about output formats; :mod:`sphinx_course_schedule.outputs` does.
"""
