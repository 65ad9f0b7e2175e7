"""The printed handbook in the build's language, where LaTeX itself does not know it.

Sphinx sets a Chinese (``zh_CN``) PDF with xeCJK and Babel's English captions, because
Babel has no Chinese: the table captions come translated from Sphinx's catalog ("表 1"),
but LaTeX's own heading of the table of contents stays "Contents".  For a language
other than English the heading is taken from the extension's catalog and given to
Babel's English captions, so it replaces "Contents" wherever LaTeX would write it.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from ..locale import _


def contents_heading(language: str | None) -> str:
    """The LaTeX preamble line that names the table of contents; empty in English."""
    if not language or language.split("_")[0].split("-")[0] == "en":
        return ""
    heading = str(_("Contents"))
    if heading == "Contents":  # no translation for this language: leave Babel's word
        return ""
    return f"\n\\addto\\captionsenglish{{\\renewcommand{{\\contentsname}}{{{heading}}}}}\n"


def translate_latex_captions(app: Sphinx, config: Config) -> None:
    line = contents_heading(config.language)
    if line:
        elements = dict(config.latex_elements)
        elements["preamble"] = elements.get("preamble", "") + line
        config.latex_elements = elements


def setup(app: Sphinx) -> None:
    app.connect("config-inited", translate_latex_captions)
