"""The kramdown the legacy pages are written in: links, line breaks, bold, e-mail addresses.

kramdown accepts spaces in link targets (CommonMark does not), so links are found with
:data:`LINK` rather than with markdown-it's inline parser.
"""

from __future__ import annotations

import re

LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\((?P<url>[^()]*)\)")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
SUB = re.compile(r"</?sub\s*>", re.IGNORECASE)
BOLD = re.compile(r"^\*\*(?P<text>.+?)\*\*$")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def squash(text: str) -> str:
    """Collapse runs of white space, as a browser shows them."""
    return " ".join(text.split())


def mail_links(text: str) -> str:
    """Bare e-mail addresses as ``mailto:`` links (a browser does not link them itself)."""
    return EMAIL.sub(lambda match: f"[{match[0]}](mailto:{match[0]})", text)
