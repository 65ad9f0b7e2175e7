"""How the guide names each field's type and requirement, read from the model's schema.

Kept apart from :mod:`.field_reference` because it needs the pydantic models, which a build
loads only when a page asks for the field tables (or holds a schedule).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..model.value_types import (
    ANY_DATE_PATTERN,
    DATE_PATTERN,
    FIRST_YEAR,
    LAST_YEAR,
    LECTURE_PATTERN,
    MAX_LECTURE,
    TIME_PATTERN,
    TIMEZONES,
)
from ..model.schedule import (
    Headers,
    Holiday,
    HolidayRange,
    Lecture,
    LecturePart,
    Link,
    MakeupDay,
    Reading,
    Schedule,
    Section,
    Term,
    Week,
    schedule_json_schema,
)

MODELS: tuple[type[BaseModel], ...] = (Schedule, Term, Holiday, HolidayRange, MakeupDay,
                                       Headers, Section, Week, Lecture, LecturePart,
                                       Reading, Link)
"""Every model a schedule is made of, from the top down, as the page lists them."""


def _model_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one model, taken from the schedule's schema (generated once per
    process, not once per field and build)."""
    schema = schedule_json_schema()
    return schema if model is Schedule else schema["$defs"][model.__name__]


_NAMED_PATTERNS = {
    TIME_PATTERN: 'time "HH:MM"',
    DATE_PATTERN: f"date (YYYY-MM-DD), {FIRST_YEAR} to {LAST_YEAR}",
    ANY_DATE_PATTERN: "date (YYYY-MM-DD)",
    LECTURE_PATTERN: f"lecture number from 0 to {MAX_LECTURE}, or a range such as '10-11'",
}
"""Reader's names for the values the schema describes with a generated pattern."""
_LONG_ENUM = 12


def _limits(prop: dict[str, Any]) -> str:
    """The bounds JSON Schema states, as words: ', from 1 to 60', ', at most 500 characters'."""
    words = []
    if "minimum" in prop and "maximum" in prop:
        words.append(f"from {prop['minimum']} to {prop['maximum']}")
    if "maxLength" in prop:
        words.append(f"at most {prop['maxLength']} characters")
    if prop.get("minItems", 0) > 1:
        words.append(f"at least {prop['minItems']}")
    return "".join(f", {word}" for word in words)


def type_text(prop: dict[str, Any]) -> str:
    """A reader's name for a JSON Schema property: 'list of Week', 'integer, from 1 to 60'."""
    if "$ref" in prop:
        return _model_name(prop["$ref"])
    if "anyOf" in prop or "oneOf" in prop:  # a nullable value, or a holiday's forms
        names: list[str] = []
        for option in prop.get("anyOf") or prop["oneOf"]:
            if option.get("type") != "null":
                text = type_text(option)
                if text not in names:
                    names.append(text)
        return " or ".join(names)
    if prop.get("pattern") in _NAMED_PATTERNS:
        return _NAMED_PATTERNS[prop["pattern"]]
    if "enum" in prop:
        values = [str(v) for v in prop["enum"] if v is not None]
        if set(values) == TIMEZONES:
            return "IANA timezone name (tz database)"
        if len(values) > _LONG_ENUM:
            return f"one of {len(values)} names listed in the JSON Schema"
        return "one of " + ", ".join(values)
    kinds = prop.get("type")
    kinds = [kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if kind != "null"]
    return " or ".join(_kind_text(str(kind), prop) for kind in kinds) + _limits(prop)


def _kind_text(kind: str, prop: dict[str, Any]) -> str:
    if kind == "array":
        return "list of " + type_text(prop.get("items", {}))
    if kind == "object":
        return "mapping (warning subtype: reason)"
    if kind == "string":
        return {"date": "date (YYYY-MM-DD)"}.get(prop.get("format", ""), "text")
    return {"integer": "integer", "boolean": "true or false", "number": "number"}.get(kind, kind)


def _requirement(model: type[BaseModel], name: str, required: bool) -> str:
    if required:
        return "required"
    field = model.model_fields[name]
    default = field.default
    if field.default_factory is not None or default in (None, PydanticUndefined):
        return "optional"
    return f"optional, default {default}"


def _schema_description(prop: dict[str, Any]) -> str | None:
    """A description pydantic put on the property or on one of its ``anyOf`` options."""
    if prop.get("description"):
        return str(prop["description"])
    for option in prop.get("anyOf", []):
        found = _schema_description(option)
        if found:
            return found
    return None


def key_of(model: type[BaseModel], name: str) -> str:
    """The key a schedule writes for a field: its alias (``from``) or its name."""
    return model.model_fields[name].alias or name


def meaning(model: type[BaseModel], name: str) -> str | None:
    """The field's description: from the model, so the page and the JSON Schema agree."""
    prop = model_schema(model).get("properties", {}).get(key_of(model, name), {})
    return model.model_fields[name].description or _schema_description(prop)
