"""The printed handbook leads to the site.

A printed year is read away from a screen; its slides, papers and code are on the web.
So the title page prints the site's address (``conf.py``'s ``maketitle``), and
:class:`YearPageAddress` starts each year's chapter with the address of that year's
web page, printed and as a QR code (TeX Live's ``qrcode`` package, which the extension
asks for itself, so any project's PDF builds).  The address is ``html_baseurl`` plus the
page, so a Read the Docs build prints its own; a project without an absolute
``html_baseurl`` has no address to print, and gets none.  Links are underlined by the
preamble, so they show in black-and-white print too.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from ..locale import N_, _
from ..web_address import vetted_base_url
from .years import env_year_docs

# NOTE: printed above a year's web address and its QR code in the PDF handbook
LEAD = N_("This year's web page, with the slides and every link:")
_TEX_SPECIAL = re.compile(r"([#%&_{}~^\\$])")


def tex_url(url: str) -> str:
    """A URL as the argument of ``\\href``, ``\\nolinkurl`` and ``\\qrcode``."""
    return _TEX_SPECIAL.sub(r"\\\1", url)


class YearPageAddress(SphinxPostTransform):
    """After each year chapter's title: its page's address and a QR code to it."""

    default_priority = 85  # after PrintedPages has shortened the titles
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        site = site_address(self.config)
        if site is None:
            return
        lead = texescape.escape(str(_(LEAD)), self.config.latex_engine)
        terms = {docname for _year, docname in env_year_docs(self.env)}
        for start in self.document.findall(addnodes.start_of_file):
            docname = start.get("docname", "")
            if docname not in terms:
                continue
            section = next(iter(start.findall(nodes.section)), None)
            if section is None or not isinstance(section[0], nodes.title):
                continue
            url = tex_url(urljoin(site, f"{docname}.html"))
            raw = nodes.raw("", ADDRESS.format(url=url, lead=lead), format="latex")
            section.insert(1, raw)


ADDRESS = (r"\par\noindent\parbox[c]{{\dimexpr\linewidth-1.9cm\relax}}{{\small {lead}\\"
           r"\sphinxhref{{{url}}}{{\nolinkurl{{{url}}}}}}}\hfill"
           r"\parbox[c]{{1.5cm}}{{\qrcode[height=1.5cm]{{{url}}}}}\par\medskip" "\n")
"""The address block: the words and the address on the left, its QR code on the right."""


def site_address(config: Config) -> str | None:
    """Where the site is served (an absolute ``html_baseurl``), or ``None``."""
    return vetted_base_url(config.html_baseurl) if config.html_baseurl else None


def ask_for_qrcode(app: Sphinx, config: Config) -> None:
    """The ``qrcode`` package, for projects whose handbook prints addresses."""
    if site_address(config) is not None:
        app.add_latex_package("qrcode")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", ask_for_qrcode)
    app.add_post_transform(YearPageAddress)
