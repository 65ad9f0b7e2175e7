"""What a schedule becomes in each output: HTML, LaTeX, the calendar and JSON exports.

:mod:`.html` and :mod:`.latex` write the schedule's nodes for their builder;
:mod:`.ical` and :mod:`.json_data` make the files that :mod:`.publish` publishes beside
each page and links under its tables.
"""
