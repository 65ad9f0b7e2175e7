"""Browser fixtures: the built site on a localhost server, seen by Debian's Chromium.

Loaded by the browser test modules through ``pytest_plugins``.  WHY it is shaped so:

* Playwright's own browser download is not available (and CI installs Debian's
  ``chromium``), so we launch ``/usr/bin/chromium`` (found on ``PATH``) ourselves.
  ``require_tool("chromium")`` skips on a machine without it but fails under ``CI=true``.
* One browser per test session, a fresh context per page: contexts are cheap and keep
  ``localStorage``, clock and colour scheme from leaking between tests.
* The site is served over HTTP (not ``file://``) because Sphinx's search fetches
  ``searchindex.js`` and page summaries, and because that is how readers see it.
* Every request to another host is aborted: the tests must not depend on (or leak to)
  the network.  Those aborted requests (remote book covers, say) are recorded but are not
  errors; a failing request to *our* server, a 4xx/5xx answer, an uncaught exception or
  a console error from our own pages is.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    sync_playwright,
)

from conftest import REPO, YEARS, Build, require_tool

HOST = "127.0.0.1"
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
YEAR_PAGES: list[str] = [f"years/{year}/index.html" for year in YEARS]
#: The landing page and every year page: what a visitor of the site sees.
PAGES: list[str] = ["index.html", *YEAR_PAGES]
#: The guide's demo: a schedule with dates, where the current week gets marked.
DEMO = "guide/demo-schedule.html"
#: The pages for course staff (the guide, the demo among them).
GUIDE_PAGES: list[str] = sorted(f"guide/{source.stem}.html"
                                for source in (REPO / "guide").glob("*.md"))


def page_id(path: str) -> str:
    """A short test id and file stem: ``home``, the year, or the page's name."""
    if path == "index.html":
        return "home"
    if path.startswith("years/"):
        return path.split("/")[1]
    return Path(path).stem


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without printing a log line per request into the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base name
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site (or e-book folder) at ``http://127.0.0.1:<ephemeral port>/`` while the
    block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(site_html: Build) -> Iterator[str]:
    """The built site served for the session."""
    assert (site_html.outdir / "index.html").is_file(), (
        f"the site did not build:\n{site_html.warnings}")
    with served(site_html.outdir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once and shared by every browser test."""
    require_tool("chromium")
    executable = shutil.which("chromium")
    assert executable is not None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable,
                                              args=list(CHROMIUM_ARGS))
        try:
            yield chromium
        finally:
            chromium.close()


def is_local(url: str) -> bool:
    """``data:``/``blob:`` URLs and our own server are local; every other host is not."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == HOST


@dataclass
class Visit:
    """One opened page and everything that went wrong while it loaded and ran."""

    page: Page
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)  # every finished local request

    def error_report(self) -> str:
        return "\n".join(self.errors)


def _watch(page: Page, visit: Visit) -> None:
    """Record our own failures; ignore the noise of the remote requests we aborted."""

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if source and not is_local(source):
            return  # "Failed to load resource" for a remote request we aborted
        visit.errors.append(f"console: {message.text} ({source})")

    def on_request_failed(request: Request) -> None:
        # net::ERR_ABORTED is a request the page itself cancelled, mostly by navigating
        # away (a search typed on one page opens the search page while the first page's
        # favicon still loads); a file that is missing or broken answers 404 (below) or
        # fails with another error
        if is_local(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            visit.errors.append(f"request failed: {request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400 and is_local(response.url):
            visit.errors.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.errors.append(f"uncaught: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("requestfinished", lambda request: visit.requests.append(request))
    page.on("response", on_response)


OpenPage = Callable[..., Visit]


@pytest.fixture
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Open a site path in a fresh context: ``open_page(path, width=, scheme=, ...)``.

    ``scheme`` is the emulated ``prefers-color-scheme``; furo follows it by default.
    ``now`` fixes the page's clock (Playwright's clock API), ``timezone`` the reader's
    zone; ``init_script`` runs before the page's own scripts.
    """
    contexts: list[BrowserContext] = []

    def _open(path: str, *, width: int = 1280, height: int = 800, scheme: str = "light",
              init_script: str | None = None, now: datetime | None = None,
              timezone: str | None = None) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme=scheme, service_workers="block",
                                      timezone_id=timezone)
        contexts.append(context)
        if now is not None:
            context.clock.set_fixed_time(now)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        visit = Visit(page)

        def route(route: Route) -> None:
            if is_local(route.request.url):
                route.fallback()
            else:
                visit.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        _watch(page, visit)
        response = page.goto(site_url + path, wait_until="load")
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return visit

    yield _open
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class DatedWeek:
    """A row of the demo schedule as the built HTML gives it (read without JavaScript)."""

    first: date
    last: date
    zone: ZoneInfo

    def at(self, day: date, hour: int = 12, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)


def dated_weeks(site: Build) -> list[DatedWeek]:
    """The demo page's dated rows, read from the built HTML (no JavaScript involved)."""
    soup = BeautifulSoup(site.page(DEMO), "html.parser")
    rows = soup.select("table.schedule-table tr[data-week-start][data-week-end]")
    assert len(rows) >= 3, f"{DEMO} should show a dated term of several weeks"
    return [DatedWeek(date.fromisoformat(row["data-week-start"]),
                      date.fromisoformat(row["data-week-end"]),
                      ZoneInfo(row.get("data-timezone") or "UTC")) for row in rows]


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where every screenshot of the session goes (printed on failure for a look)."""
    return tmp_path_factory.mktemp("screenshots")
