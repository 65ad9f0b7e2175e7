"""Write the JSON Schema of a schedule, generated from the pydantic model.

Why a generated file: editors (VS Code's YAML extension, PyCharm) validate and complete a
schedule as it is typed when they know its schema, so course staff see a typo before they
build.  The model stays the one definition (every constraint is declared once, in
``schedule/model/value_types.py``, with its JSON Schema); this file is its published form in the
project's first ``html_static_path`` folder (``_static/schedule.schema.json``), written as
pydantic generates it with nothing patched in, and a test fails when the two drift apart.
Its ``$id`` (the published address, ``html_baseurl`` + ``_static/…``) and title (from
``project``) are the project's, read from its ``conf.py``.

Run ``course-schedule schema`` in the project's folder (``make schema`` here) after changing
``schedule/model/schedule.py``; ``--check`` exits with status 1 if the file is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..schedule.model.schedule import schedule_json_schema
from . import project_conf

NAME = "schedule.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Project:
    """What the schema takes from a project's ``conf.py``."""

    title: str
    static: Path  # the folder the schema is published from
    url: str | None  # its published address, when the project has an html_baseurl

    @classmethod
    def read(cls, source: Path) -> Project:
        conf = project_conf(source)
        static = (conf.get("html_static_path") or ["_static"])[0]
        base = (conf.get("html_baseurl") or "").rstrip("/")
        return cls(title=f"{conf.get('project') or 'A'} course schedule", static=source / static,
                   url=f"{base}/{Path(static).as_posix()}/{NAME}" if base else None)


def build_schema(project: Project) -> dict[str, Any]:
    """The schedule's JSON Schema (draft 2020-12) with the project's ``$id`` and title."""
    schema = dict(schedule_json_schema())
    schema.pop("title", None)
    return {"$schema": DRAFT, **({"$id": project.url} if project.url else {}),
            "title": project.title, **schema}


def render(source: Path = Path()) -> str:
    """The schema as the committed file holds it: stable key order, final newline."""
    return json.dumps(build_schema(Project.read(source)), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course-schedule schema",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the committed schema is up to date")
    parser.add_argument("--source", type=Path, default=Path(),
                        help="the project's folder, with its conf.py (default: here)")
    parser.add_argument("--output", type=Path,
                        help="default: <first html_static_path>/schedule.schema.json")
    args = parser.parse_args(argv)
    text = render(args.source)
    args.output = args.output or Project.read(args.source).static / NAME
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            sys.stderr.write(f"{args.output} is out of date; run 'course-schedule schema'\n")
            return 1
        return 0
    if current != text:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {args.output}\n")
    else:
        sys.stdout.write(f"{args.output} is up to date\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
