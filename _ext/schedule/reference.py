"""Reference tables for course staff, generated from the code at build time.

The "Writing a schedule" page lists every field of the data model, every warning subtype
and every setting.  Written by hand, such lists go stale the day a field is added; here
they are built from :mod:`.model`, :mod:`.warning_types` and :mod:`.config` on every
build, so the page is always the truth.  A model field without a meaning is reported as
a build warning, which fails the strict site build.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..config import SETTINGS
from ..warning_types import SUBTYPES, WARNING_TYPE, Subtype, warn

if TYPE_CHECKING:
    from pydantic import BaseModel


def models() -> tuple[type[BaseModel], ...]:
    """Every model a schedule is made of, from the top down, as the page lists them.

    Imported here, not at start-up: only a build with the guide's tables needs pydantic.
    """
    from .model import Lecture, LecturePart, Link, Reading, Schedule, Section, Term, Week

    return (Schedule, Term, Section, Week, Lecture, LecturePart, Reading, Link)


@functools.cache
def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema, made once per process (each field's row asks for it)."""
    return model.model_json_schema()


def _model_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_text(prop: dict[str, Any]) -> str:
    """A reader's name for a JSON Schema property: 'list of Week', 'date (YYYY-MM-DD)'."""
    if "$ref" in prop:
        return _model_name(prop["$ref"])
    if "anyOf" in prop:
        names: list[str] = []
        for option in prop["anyOf"]:
            if option.get("type") != "null":
                text = type_text(option)
                if text not in names:
                    names.append(text)
        return " or ".join(names)
    if "enum" in prop:
        return "one of " + ", ".join(str(v) for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return "list of " + type_text(prop.get("items", {}))
    if kind == "object":
        return "mapping (warning subtype: reason)"
    if kind == "string":
        return {"date": "date (YYYY-MM-DD)", "time": 'time ("HH:MM", quoted)'}.get(
            prop.get("format", ""), "text")
    return {"integer": "integer", "boolean": "true or false", "number": "number"}.get(
        str(kind), str(kind))


def _requirement(model: type[BaseModel], name: str, required: bool) -> str:
    from pydantic_core import PydanticUndefined

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


def meaning(model: type[BaseModel], name: str) -> str | None:
    """The field's description: from the model, so the page and the JSON Schema agree."""
    prop = json_schema(model).get("properties", {}).get(name, {})
    return model.model_fields[name].description or _schema_description(prop)


def _inline(text: str) -> list[nodes.Node]:
    """Plain text with ````code```` spans (as docstrings write them) as literals."""
    result: list[nodes.Node] = []
    for index, part in enumerate(re.split(r"``(.+?)``", text)):
        if part:
            result.append(nodes.literal(part, part) if index % 2 else nodes.Text(part))
    return result


def _table(headers: list[str], rows: list[list[list[nodes.Node]]], widths: list[int],
           ids: list[str] | None = None) -> nodes.table:
    table = nodes.table(classes=["schedule-reference"], ids=ids or [])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head_row = nodes.row()
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(header, header))
    group += nodes.thead("", head_row)
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for content in cells:
            row += nodes.entry("", nodes.paragraph("", "", *content))
        body += row
    group += body
    return table


def _code(text: str) -> list[nodes.Node]:
    return [nodes.literal(text, text)]


class FieldsDirective(SphinxDirective):
    """``{schedule-fields}``: one table per model, every field with type and meaning."""

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for model in models():
            schema = json_schema(model)
            props = schema.get("properties", {})
            required = set(schema.get("required", []))
            title = nodes.rubric(model.__name__, model.__name__,
                                 ids=[f"schedule-field-{model.__name__.lower()}"])
            result.append(title)
            doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
            result.append(nodes.paragraph("", "", *_inline(doc)))
            rows = []
            for name in model.model_fields:
                text = meaning(model, name)
                if text is None:
                    warn(f"the schedule field {model.__name__}.{name} has no description; "
                         "add one in _ext/schedule/model.py", Subtype.UNDOCUMENTED_FIELD,
                         self.get_location())
                    text = ""
                rows.append([_code(name), [nodes.Text(type_text(props.get(name, {})))],
                             [nodes.Text(_requirement(model, name, name in required))],
                             _inline(text)])
            result.append(_table(["Field", "Type", "Required", "Meaning"], rows,
                                 [16, 22, 16, 46]))
        return result


class WarningsDirective(SphinxDirective):
    """``{schedule-warnings}``: every warning subtype from the one registry."""

    def run(self) -> list[nodes.Node]:
        rows = []
        for name, subtype in SUBTYPES.items():
            how = [nodes.literal("", f'suppress_warnings = ["{WARNING_TYPE}.{name}"]')]
            if subtype.acknowledgeable:
                how += [nodes.Text(" or, for one item, "),
                        nodes.literal("", f'acknowledge: {{{name}: "reason"}}')]
            rows.append([_code(name), _inline(subtype.summary), how])
        return [_table(["Subtype", "Meaning", "How to silence it"], rows, [18, 46, 36])]


class SettingsDirective(SphinxDirective):
    """``{schedule-settings}``: every ``conf.py`` setting of the extension."""

    def run(self) -> list[nodes.Node]:
        rows = [[_code(s.name), _code(repr(s.default)), _inline(s.doc)] for s in SETTINGS]
        return [_table(["Setting", "Default", "Meaning"], rows, [26, 26, 48])]


def setup(app: Sphinx) -> None:
    app.add_directive("schedule-fields", FieldsDirective)
    app.add_directive("schedule-warnings", WarningsDirective)
    app.add_directive("schedule-settings", SettingsDirective)
