"""Writing the ``{schedule}`` block's YAML the way the hand-written schedules look."""

from __future__ import annotations

from typing import Any

import yaml


class Quoted(str):
    """Written in double quotes, so YAML never reads ``15:10`` or ``11-1`` as a number."""


class Flow(dict[str, Any]):
    """A short mapping written on one line, e.g. ``{label: torch, url: ...}``."""


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, as the hand-written schedules are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(Quoted, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style='"'))
_Dumper.add_representer(Flow, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", value, flow_style=True))


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=10**6, default_flow_style=False)
