"""The printed handbook in the build's language, where LaTeX itself does not know it.

Sphinx sets a Chinese (``zh_CN``) PDF with xeCJK and Babel's English captions, because
Babel has no Chinese: the table captions come translated from Sphinx's catalog ("表 1"),
but LaTeX's own heading of the table of contents stays "Contents".  For a language
other than English the heading is taken from the extension's catalog and given to
Babel's English captions, so it replaces "Contents" wherever LaTeX would write it.
Likewise the separator after a table's number: LaTeX writes "表 1: 基础" with a
half-width colon; Chinese wants "表 1：基础", set with the ``caption`` package.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from ..locale import N_, _

CAPTION_SEPARATOR = N_(": ")  # NOTE: after a table's number in the PDF, "Table 1: Fundamentals"


def caption_lines(language: str | None) -> str:
    """The LaTeX preamble lines that name the table of contents and set the separator
    after a table's number in the build's language; empty in English."""
    if not language or language.split("_")[0].split("-")[0] == "en":
        return ""
    lines = ""
    heading = str(_("Contents"))
    if heading != "Contents":  # no translation for this language: leave Babel's word
        lines += f"\n\\addto\\captionsenglish{{\\renewcommand{{\\contentsname}}{{{heading}}}}}\n"
    separator = str(_(CAPTION_SEPARATOR))
    if separator != CAPTION_SEPARATOR:
        lines += ("\\usepackage{caption}\n"
                  f"\\DeclareCaptionLabelSeparator{{site}}{{{separator}}}\n"
                  "\\captionsetup{labelsep=site}\n")
    return lines


def translate_latex_captions(app: Sphinx, config: Config) -> None:
    line = caption_lines(config.language)
    if line:
        elements = dict(config.latex_elements)
        elements["preamble"] = elements.get("preamble", "") + line
        config.latex_elements = elements


def setup(app: Sphinx) -> None:
    app.connect("config-inited", translate_latex_captions)
