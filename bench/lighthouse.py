"""Lighthouse on every year page: what a student on a phone gets (issue 12).

Builds the site (or takes ``--html``), serves it from ``127.0.0.1`` with Python's HTTP
server, and runs Lighthouse (npm ``lighthouse``, Debian's ``/usr/bin/chromium``) with
its default mobile preset on each ``years/<yyyy>/index.html`` and on the search page
with a query, several times, keeping the
median of each category.  Results go to ``bench/lighthouse.json`` and to the
``lighthouse`` markers of ``bench/README.md``.

Two figures per category: Lighthouse's own score, and the score without the audits that
judge the *web server* or *other hosts*, which this machine cannot stand for: HTTPS,
HTTP/2, caching headers and compression are the host's (GitHub Pages serves all of
them), and a book cover on an unreachable host fails to load here with a console error
but not on the real site.  An audit is only left out when everything it found is of
that kind (a console error from our own page still counts).

Performance depends on the machine's load (Lighthouse simulates a slow phone from the
time each task took here), so the load average is recorded beside the figures.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HOST = "127.0.0.1"
RESULTS = HERE / "lighthouse.json"
BEGIN, END = "<!-- lighthouse:begin -->", "<!-- lighthouse:end -->"
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
SERVER_AUDITS = {"is-on-https", "redirects-http", "uses-http2", "uses-long-cache-ttl",
                 "uses-text-compression", "server-response-time"}
"""Audits of the web server, not of the pages: left out when all they found is remote or
when the host decides (GitHub Pages serves HTTPS, HTTP/2, compression, cache headers)."""
REMOTE_AUDITS = {"errors-in-console", "inspector-issues", "is-on-https"}
"""Audits left out only when every item they list is a request to another host."""
SEARCH_PAGE = "search.html?q=generative+models"
"""The search page with a query that lists many pages, so results load after the page."""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def lighthouse_command() -> list[str]:
    """``$LIGHTHOUSE``, ``lighthouse`` on the PATH, a local ``node_modules``, or npx."""
    if os.environ.get("LIGHTHOUSE"):
        return [os.environ["LIGHTHOUSE"]]
    found = shutil.which("lighthouse")
    if found:
        return [found]
    local = REPO / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return [str(local)]
    return ["npx", "--yes", "lighthouse"]


def _urls(value: Any) -> list[str]:
    """Every URL mentioned in an audit's details."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "source") and isinstance(item, str):
                found.append(item)
            else:
                found.extend(_urls(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_urls(item))
    return found


def excused(audit: dict[str, Any]) -> bool:
    """True if the audit's failure is the web server's or another host's."""
    if audit["id"] in SERVER_AUDITS and audit["id"] not in REMOTE_AUDITS:
        return True
    if audit["id"] in REMOTE_AUDITS:
        urls = [url for url in _urls(audit.get("details", {})) if "://" in url]
        return bool(urls) and all(urlsplit(url).hostname != HOST for url in urls)
    return False


def scores(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per category: Lighthouse's score, the score without excused audits, what failed."""
    found = {}
    for name, category in report["categories"].items():
        total = weight = 0.0
        failing, left_out = [], []
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if not ref.get("weight") or audit.get("score") is None:
                continue
            if audit["score"] < 1 and excused(audit):
                left_out.append(ref["id"])
                continue
            if audit["score"] < 1:
                failing.append(f"{ref['id']} {audit.get('displayValue', '')}".strip())
            total += ref["weight"] * audit["score"]
            weight += ref["weight"]
        found[name] = {"lighthouse": round(category["score"] * 100),
                       "without_server_and_remote": round(100 * total / weight) if weight else None,
                       "failing": failing, "left_out": left_out}
    return found


def run_once(url: str, out: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    subprocess.run([*lighthouse_command(), url, "--quiet", "--output=json",
                    f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env=env, timeout=600)
    return json.loads(out.read_text(encoding="utf-8"))


def measure(html: Path, runs: int) -> dict[str, Any]:
    handler = functools.partial(Quiet, directory=str(html))
    server = ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{HOST}:{server.server_address[1]}/"
    pages = sorted((p.relative_to(html).as_posix() for p in html.glob("years/*/index.html")),
                   reverse=True)
    pages.append(SEARCH_PAGE)  # its layout shift as results load (issue 21: CLS <= 0.1)
    results: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                reports = [run_once(base + page, Path(tmp) / f"{n}.json") for n in range(runs)]
                each = [scores(report) for report in reports]
                median = {name: {
                    key: statistics.median(r[name][key] for r in each)
                    for key in ("lighthouse", "without_server_and_remote")}
                    for name in each[0]}
                last = reports[-1]["audits"]
                results[page] = {
                    "median": median,
                    "runs": each,
                    "metrics": {key: last[key].get("displayValue") for key in (
                        "first-contentful-paint", "largest-contentful-paint",
                        "total-blocking-time", "cumulative-layout-shift", "speed-index",
                        "total-byte-weight")},
                }
    finally:
        server.shutdown()
        server.server_close()
    return results


def table(results: dict[str, Any]) -> str:
    names = list(TARGETS)
    lines = ["| page | " + " | ".join(f"{n} (target {TARGETS[n]})" for n in names)
             + " | LCP | TBT | CLS | bytes |",
             "|---|" + "---:|" * len(names) + "---:|---:|---:|---:|"]
    for page, found in results.items():
        cells = []
        for name in names:
            median = found["median"][name]
            cells.append(f"{median['without_server_and_remote']:g} "
                         f"({median['lighthouse']:g})")
        metrics = found["metrics"]
        lines.append(f"| {page} | " + " | ".join(cells) + f" | "
                     f"{metrics['largest-contentful-paint']} | "
                     f"{metrics['total-blocking-time']} | "
                     f"{metrics['cumulative-layout-shift']} | {metrics['total-byte-weight']} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    html = args.html
    with tempfile.TemporaryDirectory() as tmp:
        if html is None:
            html = Path(tmp) / "html"
            subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(REPO),
                            str(html)], check=True)
        load_before = os.getloadavg()
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        results = measure(html, args.runs)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    record = {"started": started, "commit": commit, "runs": args.runs, "note": args.note,
              "load_before": [round(x, 2) for x in load_before],
              "load_after": [round(x, 2) for x in os.getloadavg()], "pages": results}
    RESULTS.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    summary = (f"Measured {started}, commit {commit}, median of {args.runs} runs per page; "
               f"load average before/after: {record['load_before']} / {record['load_after']}."
               + (f" {args.note}" if args.note else "")
               + "\n\nEach cell: the score without server and remote-host audits "
               "(Lighthouse's own score in brackets).\n\n" + table(results))
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + BEGIN + "\n" + summary + "\n" + END + rest.split(END, 1)[1]
        readme.write_text(text, encoding="utf-8")
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
