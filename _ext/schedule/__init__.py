"""The schedule: from a ``{schedule}`` block's YAML to docutils nodes, grouped by role.

The sub-packages follow the data's path:

* :mod:`.source`: the block's text read (``yaml_lines``: YAML with the line of every
  value), validated against the model (``validation``: keep every valid item, report
  the rest at its line), and what becomes of an invalid item (``repair``);
* :mod:`.model`: what a schedule may hold (``schedule``), built from ``value_types``
  (every constraint declared once, links marked as links), ``base_item``, ``holidays``
  and ``column_headers``;
* :mod:`.checks`: what the model cannot see: the ``mistakes`` real schedules make,
  ``link_targets`` that lead nowhere, ``translations`` that may not be shown;
* :mod:`.links`: what a written link may become (``hrefs``), which slides are files of
  the site (``local_files``), and the one ``walker`` over every link of a schedule;
* :mod:`.calendar`: the dates of a term's weeks (``week_dates``) and weeks that follow
  one another (``week_flow``);
* :mod:`.render`: the ``directive`` (and ``term_line``'s ``{term}``), the ``tables`` of
  ``nodes``, the ``labels`` every output names items by, ``translated_content``;
* :mod:`.objects`: the ``domain`` that keeps schedules between reading and writing and
  lets pages refer to lectures and readings;
* :mod:`.guide`: the staff guide's ``field_reference`` tables and the ``type_names``
  they show, generated from the same declarations.

Nothing here knows about output formats; :mod:`sphinx_course_schedule.outputs` does.
"""
