"""Write the Chinese search's dictionary: jieba's own, cut down to the site's words.

Sphinx's Chinese search splits the pages' text into words with jieba, whose dictionary
holds 349,000 words; loading it was most of the Chinese build's extra cost (two loads,
3.2 s against 1.5 s for the English build).  The site's text uses a few hundred of them.
This tool keeps every word of jieba's dictionary that occurs in the site's Chinese text
(the pages' translations, the extension's catalog, the pages' sources, Babel's weekday names),
with its frequency, plus one line that carries the frequency of all the words left out:
jieba scores a split by each word's share of the total, so with the same total the
site's text is split exactly as with the full dictionary.  Text that is not in the site
(a new translation before ``make po`` is run) is still split, by jieba's HMM for unknown
words; ``tests/test_zh_edition.py`` fails while the committed file is out of date.

``conf.py`` gives the file to the search as ``html_search_options["dictionary"]``
(:mod:`sphinx_course_schedule.site.chinese_search`).  Run ``python -m tools.search_words`` (``make po``
runs it) after a translation changes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel.dates import get_day_names
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
TARGET = REPO / "locales" / LANGUAGE / "search-words.txt"
FILLER = "\ue000"
"""The word that carries the left-out words' frequency: a private-use character, which
no page contains."""
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_SOURCES = ("index.md", "years/**/*.md", "guide/**/*.md", "handbook/**/*.md")


def site_text(repo: Path = REPO, language: str = LANGUAGE) -> Iterator[str]:
    """Every piece of Chinese the site can show in ``language``'s edition."""
    for catalog in sorted([*repo.glob(f"locales/{language}/LC_MESSAGES/*.po"),
                           *repo.glob(f"_ext/locale/{language}/LC_MESSAGES/*.po")]):
        with catalog.open("rb") as handle:
            for message in read_po(handle):
                yield from (message.string if isinstance(message.string, tuple)
                            else [message.string or ""])
    for pattern in _SOURCES:
        for path in sorted(repo.glob(pattern)):
            if "_build" not in path.parts:
                yield path.read_text(encoding="utf-8")
    for width in ("abbreviated", "wide"):
        yield " ".join(get_day_names(width, locale=language).values())


def fragments(texts: Iterable[str], longest: int) -> set[str]:
    """Every run of up to ``longest`` Chinese characters in ``texts``."""
    found: set[str] = set()
    for text in texts:
        for run in _HAN.findall(text):
            for start in range(len(run)):
                for end in range(start + 1, min(len(run), start + longest) + 1):
                    found.add(run[start:end])
    return found


def fitted_dictionary(texts: Iterable[str], dictionary: Path) -> str:
    """The lines of ``dictionary`` whose word occurs in ``texts``, plus the filler line."""
    lines = dictionary.read_text(encoding="utf-8").splitlines()
    entries = [line.split(" ") for line in lines if line.strip()]
    longest = max(len(entry[0]) for entry in entries)
    wanted = fragments(texts, longest)
    kept = [entry for entry in entries if entry[0] in wanted]
    left_out = sum(int(entry[1]) for entry in entries) - sum(int(entry[1]) for entry in kept)
    return "".join(f"{' '.join(entry)}\n" for entry in kept) + f"{FILLER} {left_out} x\n"


def jieba_dictionary() -> Path:
    import jieba  # noqa: PLC0415 - only this tool and a Chinese build need it

    return Path(jieba.get_dict_file().name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when the committed file is out of date")
    args = parser.parse_args(argv)
    text = fitted_dictionary(site_text(), jieba_dictionary())
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if text != current:
            print(f"{TARGET.relative_to(REPO)} is out of date: run make po", file=sys.stderr)
            return 1
        return 0
    if text != current:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(REPO)}: {text.count(chr(10)) - 1} words of the site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
