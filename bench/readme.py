"""Write a generated section into a README between its two marker comments.

The benchmark scripts each own one section of ``bench/README.md`` (and ``run.py`` one of
the project's README); the prose around the markers is kept as it is.
"""

from __future__ import annotations

from pathlib import Path


def write_section(readme: Path, text: str, begin: str, end: str) -> None:
    """Replace what stands between ``begin`` and ``end``; add both at the end if missing."""
    old = readme.read_text(encoding="utf-8") if readme.exists() else ""
    section = f"{begin}\n{text}\n{end}"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        new = head + section + rest.split(end, 1)[1]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") + section + "\n"
    readme.write_text(new, encoding="utf-8")
