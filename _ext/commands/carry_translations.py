"""A new term's page in every edition from the first build: its year-bearing messages
translated the way the old term's are.

``new-term`` copies a page whose headings and term name hold the year ("Deep Generative
Models — Spring 2022", "Spring 2022").  Each is a message of the project's catalogs
(``locale_dirs``), translated for the old year only, so the other editions would show the
new year's page in English until a translator ran ``make po``.  The year is the only
difference, so each translated message that names the old year in both its text and its
translation gets a twin with the new year in both, unless the catalog has that message
already.  Everything else of the page is the old page's own text and keeps its
translation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def carry_translations(root: Path, locale_dirs: Iterable[str], old: int, new: int) -> list[str]:
    """Add the new year's twins to every ``.po`` under ``root``'s ``locale_dirs``;
    returns the catalogs changed (relative to ``root``), for the summary."""
    from babel.messages.pofile import read_po, write_po

    changed = []
    before, after = str(old), str(new)
    for folder in locale_dirs:
        for path in sorted((root / folder).glob("*/LC_MESSAGES/*.po")):
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=path.parts[-3])
            twins = [(message.id.replace(before, after), message.string.replace(before, after),
                      message.locations)
                     for message in catalog
                     if isinstance(message.id, str) and before in message.id
                     and isinstance(message.string, str) and before in message.string
                     and not message.fuzzy]
            added = [twin for twin in twins if twin[0] not in catalog]
            if not added:
                continue
            for text, translated, locations in added:
                catalog.add(text, translated, locations=[
                    (place.replace(f"/{before}/", f"/{after}/"), line)
                    for place, line in locations])
            with path.open("wb") as handle:
                write_po(handle, catalog, width=76)
            changed.append(path.relative_to(root).as_posix())
    return changed
