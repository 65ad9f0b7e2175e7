"""The published JSON Schema matches the model and accepts exactly what the model accepts.

Editors validate schedules with ``_static/schedule.schema.json``; if it drifted from
``_ext/schedule/model/schedule.py`` they would flag good data or pass bad data.  Each example below is run
through both the schema (with the ``jsonschema`` library) and the model.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from sphinx_course_schedule.schedule.model.schedule import Schedule
from sphinx_course_schedule.warning_types import SUBTYPES
from conftest import REPO
from sphinx_course_schedule.commands import schema as schema_tool

COMMITTED = REPO / "_static" / "schedule.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _load(text: str) -> Any:
    # JSON has no dates: an editor's YAML server sends them as strings, and so do we
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_committed_schema_is_in_sync_with_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_tool.render(REPO), (
        "run 'make schema' and commit _static/schedule.schema.json")
    assert schema_tool.main(["--check", "--source", str(REPO)]) == 0


def test_check_mode_reports_a_stale_file(tmp_path: Any) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert schema_tool.main(["--check", "--output", str(stale), "--source", str(REPO)]) == 1
    assert schema_tool.main(["--output", str(stale), "--source", str(REPO)]) == 0
    assert schema_tool.main(["--check", "--output", str(stale), "--source", str(REPO)]) == 0


def test_schema_names_itself_and_the_draft(validator: Draft202012Validator) -> None:
    schema = validator.schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/_static/schedule.schema.json")
    assert schema["title"] == "Deep Generative Models course schedule"


def test_acknowledge_keys_come_from_the_registry(validator: Draft202012Validator) -> None:
    names = sorted(n for n, s in SUBTYPES.items() if s.acknowledgeable)
    week = validator.schema["$defs"]["Week"]["properties"]["acknowledge"]
    assert week["propertyNames"] == {"enum": names}


def _guide_example() -> str:
    page = (REPO / "guide" / "writing-a-schedule.md").read_text(encoding="utf-8")
    match = re.search(r"```\{schedule\}\n(.*?)\n```\n", page, re.S)
    assert match, "the guide's full example is missing"
    return match[1]


def _root_example() -> str:
    page = (REPO / "tests" / "roots" / "test-schedule-md" / "index.md").read_text(
        encoding="utf-8")
    return page.split("```{schedule}\n", 1)[1].split("\n```", 1)[0]


VALID = {
    "guide-example": _guide_example,
    "test-root": _root_example,
    "minimal": lambda: "sections:\n  - title: Fundamentals\n",
    "lecture-number-as-text": lambda: (
        "sections:\n  - title: F\n    weeks:\n      - week: 1\n        topic: T\n"
        "        lectures:\n          - {number: '7', title: X}\n"
        "          - {number: 10-11, title: Y}\n"),
}


@pytest.mark.parametrize("name", VALID)
def test_valid_schedules_pass_schema_and_model(validator: Draft202012Validator,
                                               name: str) -> None:
    text = VALID[name]()
    errors = [e.message for e in validator.iter_errors(_load(text))]
    assert errors == []
    Schedule.model_validate(yaml.safe_load(text))


WEEK = "sections:\n  - title: F\n    weeks:\n      - week: 1\n        topic: T\n"
INVALID = {
    "no-sections": "term:\n  name: Spring 2030\n",
    "misspelt-key": WEEK + "        lectures:\n          - {number: 1, title: X, slieds: a.pdf}\n",
    "week-not-a-number": WEEK.replace("week: 1", "week: one"),
    "week-zero": WEEK.replace("week: 1", "week: 0"),
    "unknown-acknowledge": WEEK + "        acknowledge: {no-such-check: why}\n",
    "bad-lecture-number": WEEK + "        lectures:\n          - {number: seven, title: X}\n",
    "unknown-weekday": "term: {weekday: Funday}\nsections:\n  - title: F\n",
    "term-weeks-not-int": "term: {weeks: many}\nsections:\n  - title: F\n",
    "empty-sections": "sections: []\n",
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_schedules_fail_schema_and_model(validator: Draft202012Validator,
                                                 name: str) -> None:
    text = INVALID[name]
    assert list(validator.iter_errors(_load(text))), "the schema accepted it"
    with pytest.raises(ValidationError):
        Schedule.model_validate(yaml.safe_load(text))
