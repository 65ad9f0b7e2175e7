"""Write the JSON Schema of a schedule, generated from the pydantic model.

Why a generated file: editors (VS Code's YAML extension, PyCharm) validate and complete a
schedule as it is typed when they know its schema, so course staff see a typo before they
build.  The model stays the one definition (every constraint is declared once, in
``_ext/schedule/fields.py``, with its JSON Schema); this file is its published form at
``_static/schedule.schema.json``, written as pydantic generates it with nothing patched
in, and a test fails when the two drift apart.

Run ``make schema`` (or ``python -m tools.schema``) after changing ``_ext/schedule/model.py``;
``--check`` exits with status 1 if the committed file is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sphinx_course_schedule.schedule.model import schedule_json_schema

REPO = Path(__file__).resolve().parent.parent
SCHEMA_PATH = REPO / "_static" / "schedule.schema.json"
SCHEMA_ID = "https://deep-generative-models.github.io/_static/schedule.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def build_schema() -> dict[str, Any]:
    """The schedule's JSON Schema (draft 2020-12) with its published ``$id``."""
    schema = dict(schedule_json_schema())
    schema.pop("title", None)
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "Deep Generative Models course schedule",
        **schema,
    }


def render() -> str:
    """The schema as the committed file holds it: stable key order, final newline."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report whether the committed schema is up to date")
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH)
    args = parser.parse_args(argv)
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            sys.stderr.write(f"{args.output} is out of date; run 'make schema'\n")
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
