"""Every builder Sphinx ships writes the schedule's nodes, the XML builder too.

Sphinx's own translators (text, man, texinfo, LaTeX, HTML) dispatch a node to the
visitor of its nearest base class, so a :class:`~sphinx_course_schedule.schedule.render.nodes.schedule_row` is
written as a row without knowing about it.  The ``xml`` builder uses docutils' own
``XMLTranslator``, which dispatches on the exact class name and stops at an unknown
one; it gets its generic visitor for each of our nodes that reaches a writer (the
placeholders are replaced before writing).  ``pseudoxml`` prints any node.
"""

from __future__ import annotations

from docutils.writers.docutils_xml import XMLTranslator
from sphinx.application import Sphinx

from ..schedule.render.nodes import schedule_block, schedule_header, schedule_link, schedule_row

XML_VISITORS = (XMLTranslator.default_visit, XMLTranslator.default_departure)
"""docutils' generic element visitors: the node is written as an element of its name."""


def setup(app: Sphinx) -> None:
    """The nodes without a visitor of their own elsewhere (:mod:`.html` registers the
    others, with these XML visitors)."""
    for node in (schedule_block, schedule_header, schedule_row, schedule_link):
        app.add_node(node, xml=XML_VISITORS)
