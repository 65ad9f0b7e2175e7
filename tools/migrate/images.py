"""The legacy page's HTML blocks: (linked) banner and book-cover images, and anything else."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class Image:
    src: str
    alt: str
    width: str | None
    href: str | None


class HtmlScan(HTMLParser):
    """Finds the (linked) images of a legacy HTML block, and anything else in it."""

    LAYOUT = frozenset({"div", "p", "center", "br"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[Image] = []
        self.other: list[str] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a":
            self._href = values.get("href") or None
        elif tag == "img":
            self.images.append(Image(values.get("src", ""), values.get("alt", ""),
                                     values.get("width"), self._href))
        elif tag not in self.LAYOUT:
            self.other.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.other.append(data.strip())
