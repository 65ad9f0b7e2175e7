"""The JSON export: valid against the published schema, with the computed dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_course_schedule.outputs.json_data import export_schema
from sphinx_course_schedule.schedule.model.schedule import Schedule

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "_static" / "schedule.schema.json"


def schedule_schema() -> dict[str, Any]:
    """The committed schema when it exists (what other tools get), else the model's."""
    if SCHEMA_FILE.exists():
        return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Schedule.model_json_schema()


def _load(app: SphinxTestApp, name: str) -> dict[str, Any]:
    return json.loads((app.outdir / name).read_text(encoding="utf-8"))


@pytest.mark.sphinx("html", testroot="dates")
def test_the_schedule_validates_against_the_published_schema(app: SphinxTestApp) -> None:
    app.build()
    for name in ("years/2026/schedule-2026.json", "legacy-2021.json", "nyc-2026.json"):
        document = _load(app, name)
        jsonschema.validate(document["schedule"], schedule_schema())
        jsonschema.validate(document, export_schema())


@pytest.mark.sphinx("html", testroot="dates")
def test_the_schema_would_catch_a_broken_export(app: SphinxTestApp) -> None:
    app.build()
    document = _load(app, "years/2026/schedule-2026.json")
    document["schedule"]["sections"][0]["weeks"][0]["topik"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document["schedule"], schedule_schema())


@pytest.mark.sphinx("html", testroot="dates")
def test_the_export_is_the_validated_model(app: SphinxTestApp) -> None:
    app.build()
    document = _load(app, "years/2026/schedule-2026.json")
    schedule = Schedule.model_validate(document["schedule"])
    assert [s.title for s in schedule.sections] == ["Fundamentals", "Practices"]
    assert [w.week for s in schedule.sections for w in s.weeks] == [1, 2, 3, 7]
    assert schedule.term.timezone == "Asia/Shanghai"
    assert (document["year"], document["page"], document["calendar"]) == (
        2026, "years/2026/index", "schedule-2026.ics")


@pytest.mark.sphinx("html", testroot="dates")
def test_the_export_has_each_weeks_dates(app: SphinxTestApp) -> None:
    app.build()
    weeks = {w["week"]: w for w in _load(app, "years/2026/schedule-2026.json")["weeks"]}
    assert sorted(weeks) == [1, 2, 3, 7]
    assert weeks[1] == {
        "week": 1, "first_day": "2026-02-23", "last_day": "2026-03-01",
        "meeting": "2026-02-25", "cancelled": False, "holiday": None,
        "start": "2026-02-25T15:10:00+08:00", "end": "2026-02-25T18:00:00+08:00",
        "timezone": "Asia/Shanghai"}
    assert weeks[7]["meeting"] == "2026-04-08" and weeks[7]["cancelled"] is True
    nyc = {w["week"]: w["start"] for w in _load(app, "nyc-2026.json")["weeks"]}
    assert nyc == {1: "2026-03-04T15:10:00-05:00", 2: "2026-03-11T15:10:00-04:00"}


@pytest.mark.sphinx("html", testroot="dates")
def test_years_without_first_day_export_no_dates(app: SphinxTestApp) -> None:
    app.build()
    document = _load(app, "legacy-2021.json")
    assert document["weeks"] == [] and document["calendar"] is None
    assert document["schedule"]["term"]["weekday"] == "Wed"


@pytest.mark.sphinx("html", testroot="dates", srcdir="dates-no-json",
                    confoverrides={"schedule_json_export": False})
def test_the_json_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    assert list(app.outdir.rglob("*.json")) == []
    page = (app.outdir / "legacy.html").read_text(encoding="utf-8")
    assert "schedule-downloads" not in page
