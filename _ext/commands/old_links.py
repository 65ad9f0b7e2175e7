"""``new-term``'s rule for links: a link into the old year's files does not carry over.

Kept beside :mod:`.new_year` so that tool's other rules (dates, staff, numbering) and
this one, which follows the model's link fields, can change apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..schedule.links.walker import links

_KIND = {"materials": "material", "code": "code link"}
"""How the summary names an item left out with its link, by the list it was in."""


def clear_old_files(data: Any, old: int, external: Callable[[str], bool]) -> list[str]:
    """Clear every link into the old year's files, in whichever link field it is.

    The link fields are the model's (:func:`..schedule.links.walker.links`), so a new one
    is cleared too.  An optional link (``slides``) is left out; an item that cannot be
    without its link (a material's ``url``) is left out whole, and a list emptied so is
    removed.  Returns what the summary says about each item left out.
    """
    notes: list[str] = []
    for found in list(links(data)):
        if external(found.value):
            continue
        if not found.required:
            del found.holder[found.field]
            continue
        *above, key, _index, _field = found.path
        parent = _value_at(data, tuple(above))
        items = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(items, list) or not any(item is found.holder for item in items):
            continue
        kind = _KIND.get(str(key), str(key))
        notes.append(f"dropped {kind} {found.holder.get('label')!r} ({found.value}): "
                     f"a file of {old}")
        del items[next(at for at, item in enumerate(items) if item is found.holder)]
        if not items:
            del parent[key]
    return notes


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data
