"""Turn the links written in a schedule into safe, correctly encoded hrefs.

Legacy slide paths contain spaces, ``&``, ``+`` and Chinese characters; a browser or a
PDF viewer needs them percent-encoded.  Only http(s), mailto and relative paths are
accepted: a ``javascript:`` or ``data:`` link in course data is never rendered.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# characters that may stay as they are in an already-formed absolute URL
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lower case, ``None`` for a relative path.

    Control characters and white space are removed first, the way browsers do, so
    ``java\\tscript:`` is still seen as ``javascript:``.
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)
    match = _SCHEME.match(cleaned)
    return match[1].lower() if match else None


def is_allowed(url: str) -> bool:
    """Whether a link may be rendered at all."""
    scheme = scheme_of(url)
    return scheme is None or scheme in ALLOWED_SCHEMES


def encode_url(url: str) -> str:
    """Percent-encode an absolute URL's unsafe characters, keeping existing escapes."""
    return quote(url.strip(), safe=_URL_SAFE)


def encode_path(path: str) -> str:
    """Percent-encode a site-relative path, including ``&``, ``+``, ``#`` and spaces."""
    return quote(path.strip().lstrip("/"), safe="/")


def is_site_path(url: str) -> bool:
    """A relative path into the course site (``files/ppt/...``), not a full URL."""
    return scheme_of(url) is None and not url.strip().startswith("//")


def absolute_href(url: str, base_url: str) -> str:
    """The href used when the slides are not copied into the build: the original site."""
    if not is_site_path(url):
        return encode_url(url)
    return base_url.rstrip("/") + "/" + encode_path(url)


def relative_href(path: str, from_uri: str) -> str:
    """An encoded href from the page at ``from_uri`` (e.g. ``years/2022/index.html``).

    A path of only slashes is the site's root (``relpath`` refuses an empty path).
    """
    return encode_path(posixpath.relpath(path.strip().lstrip("/") or ".",
                                         posixpath.dirname(from_uri) or "."))
