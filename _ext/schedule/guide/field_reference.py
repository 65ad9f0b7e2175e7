"""Reference tables for course staff, generated from the code at build time.

The "Writing a schedule" page lists every field of the data model, every warning subtype
and every setting.  Written by hand, such lists go stale the day a field is added; here
they are built from :mod:`..model.schedule`, :mod:`..warning_types` and :mod:`..config` on every
build, so the page is always the truth.  A model field without a meaning is reported as
a build warning, which fails the strict site build.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...config import SETTINGS
from ...warning_types import SUBTYPES, WARNING_TYPE, Subtype, warn


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
        # the models (pydantic) load only for the page that shows their tables
        from .type_names import MODELS, _requirement, key_of, meaning, model_schema, type_text

        result: list[nodes.Node] = []
        for model in MODELS:
            schema = model_schema(model)
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
                         "add one in _ext/schedule/model/schedule.py", Subtype.UNDOCUMENTED_FIELD,
                         self.get_location())
                    text = ""
                key = key_of(model, name)
                rows.append([_code(key), [nodes.Text(type_text(props.get(key, {})))],
                             [nodes.Text(_requirement(model, name, key in required))],
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
