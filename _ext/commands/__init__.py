"""The package's maintenance commands, one program: ``course-schedule <command> …``.

* ``new-term FROM YEAR [NEW_PAGE]``: start a new term's page from an old one, FROM a page
  or a year (:mod:`.new_year`, :mod:`.term_pages`);
* ``schema``: write the schedule's JSON Schema for editors (:mod:`.schema`);
* ``catalog``: keep the extension's message catalogs in step with its code (:mod:`.catalog`).

Each is a module with its own ``main(argv)`` and argument parser; this only dispatches, so
``course-schedule new-term --help`` is the module's own help.  The modules are imported
when their command runs: a Sphinx build never loads them.
"""

from __future__ import annotations

import importlib
import runpy
import sys
from pathlib import Path
from typing import Any

COMMANDS = {
    "new-term": ("new_year", "start a new term's page from an old one"),
    "schema": ("schema", "write the schedule's JSON Schema (for editors)"),
    "catalog": ("catalog", "update the extension's message catalogs from its code"),
}


def project_conf(source: Path) -> dict[str, Any]:
    """The settings of the project in ``source``: its ``conf.py`` run as Sphinx runs it
    (empty without one), so a command follows what the build does."""
    conf = source / "conf.py"
    return runpy.run_path(str(conf)) if conf.is_file() else {}


def usage() -> str:
    lines = ["usage: course-schedule <command> [options]", "", "commands:"]
    lines += [f"  {name:<10} {summary}" for name, (_module, summary) in COMMANDS.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if not args or args[0] in ("-h", "--help"):
        (sys.stdout if args else sys.stderr).write(usage())
        return 0 if args else 2
    if args[0] not in COMMANDS:
        sys.stderr.write(f"course-schedule: unknown command {args[0]!r}\n\n{usage()}")
        return 2
    module = importlib.import_module(f".{COMMANDS[args[0]][0]}", __name__)
    return module.main(args[1:])
