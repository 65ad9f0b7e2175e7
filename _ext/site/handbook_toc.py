"""Keep the PDF handbook's second table of contents from being reported on every build.

The handbook's root (``handbook/index``, the start of ``latex_documents``) lists every
year page in a toctree of its own, so the PDF holds them, while the landing page's
toctree gives them their place on the web.  Sphinx then says, on every build and for
every year, "document is referenced in multiple toctrees", which is an INFO message that
``suppress_warnings`` cannot silence, and which teaches staff to skim the output.  The
two parents are intended, so that one message is dropped: only when the page has one
parent besides the LaTeX start documents, so a page listed twice on the web is still
reported.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx


class HandbookParents(logging.Filter):
    """Drops "referenced in multiple toctrees" when the page has one parent besides the
    LaTeX start documents."""

    def __init__(self, roots: set[str]) -> None:
        super().__init__()
        self.roots = roots

    def filter(self, record: logging.LogRecord) -> bool:
        if (getattr(record, "type", None), getattr(record, "subtype", None)) != (
                "toc", "multiple_toc_parents"):
            return True
        parents = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if not isinstance(parents, list):
            return True
        return len(set(parents) - self.roots) > 1  # still two parents on the web


def quiet_handbook_parents(app: Sphinx) -> None:
    """Add the filter to Sphinx's handlers (a logger's own filter misses its children)."""
    roots = {str(entry[0]) for entry in app.config.latex_documents if entry}
    roots.discard(app.config.root_doc)
    if not roots:
        return
    found = HandbookParents(roots)
    for handler in logging.getLogger("sphinx").handlers:
        if not any(isinstance(f, HandbookParents) for f in handler.filters):
            handler.addFilter(found)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", quiet_handbook_parents)
