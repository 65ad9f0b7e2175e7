"""A probe extension for the build tests: logs which process read which document.

``tests/test_reproducible.py`` appends this to a copied site's ``conf.py``.  Each
``source-read`` appends ``<pid> <docname>`` to the file named by ``SCHEDULE_PROBE_LOG``,
so a test sees exactly which pages an incremental build re-read, and that a ``-j 2``
build really read in more than one process.  Without the variable it does nothing.
"""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx


def record(app: Sphinx, docname: str, source: list[str]) -> None:
    path = os.environ.get("SCHEDULE_PROBE_LOG")
    if path:
        # one short O_APPEND write per line, so parallel readers never interleave
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{os.getpid()} {docname}\n".encode())
        finally:
            os.close(fd)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("source-read", record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
