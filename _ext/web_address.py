"""Addresses that come from settings and the environment, vetted like links in the data.

``html_baseurl`` (on Read the Docs from ``READTHEDOCS_CANONICAL_URL``) and
``schedule_files_base_url`` end up in every slide link, the calendar's event URLs, the
JSON's ``url`` and the 404 page's links.  A value there is as dangerous as a link in a
schedule: a ``javascript:`` address would become a live link, a quote would end an HTML
attribute, a space or a Chinese character would make an invalid calendar URL, and a
missing trailing slash would glue the site's path to the page's (``/en/latestyears/``).
So one function decides what such a base address may be, and returns it in the one form
every user of it can append a path to.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")
# what may stay as written in a URL's path (existing %-escapes are kept)
_PATH_SAFE = "/%~!$&'()*+,;=:@-._"


def vetted_base_url(value: str) -> str | None:
    """``value`` as an absolute http(s) base address ending in ``/``, or ``None``.

    Refused: another scheme (``javascript:``, ``data:``), no host, white space or control
    characters anywhere, a query or a fragment (a base address has paths appended to it).
    The path is percent-encoded, so ``"><script>`` in it cannot leave an attribute.
    """
    text = value.strip()
    if not text or _CONTROL_OR_SPACE.search(text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        if parts.port is not None and not 0 < parts.port < 65536:
            return None
    except ValueError:  # a port that is not a number, a malformed IPv6 host
        return None
    if (parts.scheme.lower() not in ("http", "https") or not host or parts.query
            or parts.fragment or "@" in parts.netloc
            or not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]+", parts.netloc)):
        return None
    path = quote(parts.path, safe=_PATH_SAFE)
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def site_address(environ_value: str | None, fallback: str) -> tuple[str, str | None]:
    """The site's address from ``READTHEDOCS_CANONICAL_URL`` (or the like), and why not.

    Returns the vetted address, or ``fallback`` with the reason the given value was
    refused (for ``conf.py`` to report once the build's logging is set up).
    """
    given = (environ_value or "").strip()
    if not given:
        return fallback, None
    vetted = vetted_base_url(given)
    if vetted is None:
        return fallback, (f"the site address {given[:200]!r} (READTHEDOCS_CANONICAL_URL) is not "
                          f"an absolute http(s) address; {fallback} is used instead")
    return vetted, None


HTTPS_HOSTS = (".github.io",)
"""Hosts whose ``http://`` links are written as ``https://`` (GitHub Pages serves both)."""


def secure_url(url: str) -> str:
    """``https://`` for an ``http://`` URL on a host of :data:`HTTPS_HOSTS`.

    Here, not with the site's pages, because two steps write links: the site's
    post-transform (every link and image) and the schedule's link resolver, which runs
    after it at ``doctree-resolved``.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "http" and any(host.endswith(suffix) for suffix in HTTPS_HOSTS):
        return urlunsplit(("https", *parts[1:]))
    return url
