"""The printed handbook leads to the site.

A printed year is read away from a screen; its slides, papers and code are on the web.
So the title page prints the site's address (``conf.py``'s ``maketitle``), and
:class:`YearPageAddress` starts each year's chapter with the address of that year's
web page, printed and as a QR code (``\\dgmPageAddress``, defined in the preamble with
TeX Live's ``qrcode`` package).  The address is ``html_baseurl`` plus the page, so a
Read the Docs build prints its own.  Links are underlined by the preamble, so they show
in black-and-white print too.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .years import year_docs

LEAD = "This year's web page, with the slides and every link:"
_TEX_SPECIAL = re.compile(r"([#%&_{}~^\\$])")


def tex_url(url: str) -> str:
    """A URL as the argument of ``\\href``, ``\\nolinkurl`` and ``\\qrcode``."""
    return _TEX_SPECIAL.sub(r"\\\1", url)


class YearPageAddress(SphinxPostTransform):
    """After each year chapter's title: its page's address and a QR code to it."""

    default_priority = 85  # after PrintedPages has shortened the titles
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for start in self.document.findall(addnodes.start_of_file):
            docname = start.get("docname", "")
            if not year_docs([docname]):
                continue
            section = next(iter(start.findall(nodes.section)), None)
            if section is None or not isinstance(section[0], nodes.title):
                continue
            url = tex_url(urljoin(self.config.html_baseurl, f"{docname}.html"))
            raw = nodes.raw("", f"\\dgmPageAddress{{{url}}}{{{LEAD}}}\n", format="latex")
            section.insert(1, raw)


def setup(app: Sphinx) -> None:
    app.add_post_transform(YearPageAddress)
