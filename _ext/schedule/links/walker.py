"""Every link in a schedule, found through the model's one link marker.

Which fields hold links is said once, in the field types (:data:`..model.value_types.LINK` in
``LinkText``'s metadata); this module reads that off the models, so no user keeps a
list of link fields that a new field could be missing from.  :func:`links` walks a
validated :class:`..Schedule` or the same shape as plain data (the YAML ``new-term``
edits, the dictionary the JSON export dumps): both are read field by field through the
models, so the two walks cannot disagree about where the links are.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from ..model.value_types import LINK
from ..model.base_item import Item
from ..model.schedule import Schedule


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside a field's type (``list[Lecture]``, ``Term | None``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = model_in(argument)
        if found is not None:
            return found
    return None


def _marked(annotation: Any) -> bool:
    """Whether the type (or a type inside it: ``LinkText | None``) carries the marker."""
    if get_origin(annotation) is Annotated and LINK in annotation.__metadata__:
        return True
    return any(_marked(argument) for argument in get_args(annotation))


@functools.cache
def link_fields_of(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type is a link type, in declaration order.

    Pydantic keeps a plain ``Annotated`` type's metadata on the field and a wrapped one
    (``LinkText | None``) in its annotation, so both are asked.
    """
    return tuple(name for name, field in model.model_fields.items()
                 if LINK in field.metadata or _marked(field.annotation))


@functools.cache
def _walk_plan(model: type[BaseModel]) -> tuple[tuple[str, bool, type[BaseModel] | None], ...]:
    """Per field of ``model``: its name, whether it is a link, and the model inside it.

    Read off the model once: a page walks every item of its schedules several times
    (checks, repair, exports), and reading the types each time cost more than the walk."""
    marked = link_fields_of(model)
    return tuple((name, name in marked, model_in(field.annotation))
                 for name, field in model.model_fields.items())


def marked_fields(model: type[BaseModel] = Schedule) -> set[tuple[str, str]]:
    """(model name, field) of every link field reachable from ``model``."""
    found: set[tuple[str, str]] = set()
    pending, seen = [model], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        found.update((current.__name__, name) for name in link_fields_of(current))
        for field in current.model_fields.values():
            inner = model_in(field.annotation)
            if inner is not None:
                pending.append(inner)
    return found


DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class FoundLink:
    """One link: where it is in the data, what holds it, its field and its value."""

    path: DataPath
    """Keys and list indices from the schedule's top to the value (``slides``)."""
    holder: Any
    """The item (an :class:`..Item`, or a mapping in plain data) the field belongs to."""
    model: type[BaseModel]
    field: str
    value: str

    @property
    def required(self) -> bool:
        """A field its item cannot be without (a material's ``url``): clearing the link
        removes the item, where an optional one (``slides``) is simply left out."""
        return self.model.model_fields[self.field].is_required()


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def links(data: Any, model: type[BaseModel] = Schedule) -> Iterator[FoundLink]:
    """Every link in ``data`` (a validated schedule or plain data of its shape), in the
    order the page shows them: fields in the model's order, lists in source order.

    Values that are not text (an empty ``slides:`` in plain data) are not links.
    """
    stack: list[tuple[Any, type[BaseModel], DataPath]] = [(data, model, ())]
    while stack:
        obj, current, path = stack.pop()
        if isinstance(obj, Item):
            current = type(obj)  # a union of models: the one the value is
        if not isinstance(obj, (dict, Item)):
            continue
        later: list[tuple[Any, type[BaseModel], DataPath]] = []
        for name, is_link, inner in _walk_plan(current):
            value = _get(obj, name)
            if value is None:
                continue
            if is_link:
                if isinstance(value, str):
                    yield FoundLink((*path, name), obj, current, name, value)
                continue
            if inner is None:
                continue
            if isinstance(value, list):
                later.extend((child, inner, (*path, name, index))
                             for index, child in enumerate(value))
            else:
                later.append((value, inner, (*path, name)))
        stack.extend(reversed(later))


def slides(data: Any) -> Iterator[FoundLink]:
    """The links in fields named ``slides``: the per-item checks on slide files."""
    return (found for found in links(data) if found.field == "slides")
