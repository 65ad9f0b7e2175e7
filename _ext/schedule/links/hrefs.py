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


def is_protocol_relative(url: str) -> bool:
    """``//host/path``: a browser takes the host from it, so it leaves the site.

    Back-slashes count like slashes and white space is dropped, as browsers do.
    """
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url).replace("\\", "/")
    return scheme_of(url) is None and cleaned.startswith("//")


# a host name: dot-separated labels, the last one letters only (a top-level domain)
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
_COMMON_TLDS = frozenset({"com", "org", "net", "edu", "gov", "io", "ai", "cn", "uk", "de",
                          "fr", "jp", "info", "dev", "app"})


def looks_like_host(url: str) -> bool:
    """A value without a scheme that names a web host: ``github.com/foo``, ``www.x.org``.

    Written without ``https://`` it would be a path on this site (a 404).  A file name
    such as ``demo.zip`` or ``notes.py`` is not taken for a host: the first part must be
    followed by ``/``, start with ``www.``, or end in a common top-level domain.
    """
    text = url.strip()
    if scheme_of(text) is not None or text.startswith(("/", ".")):
        return False
    first, slash, _ = text.partition("/")
    host = re.split(r"[?#:]", first, maxsplit=1)[0]
    if not _HOST.match(host):
        return False
    return bool(slash) or host.lower().startswith("www.") or \
        host.rsplit(".", 1)[1].lower() in _COMMON_TLDS


def is_linkable(url: str) -> bool:
    """Whether the page makes a link of ``url``; the exports carry exactly these.

    Refused: a scheme that is not allowed, a protocol-relative ``//host`` and a host
    name written without its scheme (:mod:`..checks.mistakes` warns about each).
    """
    return is_allowed(url) and not is_protocol_relative(url) and not looks_like_host(url)


def encode_url(url: str) -> str:
    """Percent-encode an absolute URL's unsafe characters, keeping existing escapes."""
    return quote(url.strip(), safe=_URL_SAFE)


def encode_path(path: str) -> str:
    """Percent-encode a site-relative path, including ``&``, ``+``, ``#`` and spaces."""
    return quote(path.strip().lstrip("/"), safe="/")


def is_site_path(url: str) -> bool:
    """A relative path into the course site (``files/ppt/...``), not a full URL."""
    return scheme_of(url) is None and not is_protocol_relative(url)


def relative_href(path: str, from_uri: str) -> str:
    """An encoded href from the page at ``from_uri`` (e.g. ``years/2022/index.html``).

    A path of only slashes is the site's root (``relpath`` refuses an empty path).
    """
    return encode_path(posixpath.relpath(path.strip().lstrip("/") or ".",
                                         posixpath.dirname(from_uri) or "."))
