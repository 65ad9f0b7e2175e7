"""``.readthedocs.yaml`` asks Read the Docs for what this project needs, and CI tests that.

Read the Docs cannot be reached from here, so these tests check the file against the
parts of its v2 schema we use (an inline JSON Schema), then check that it agrees with the
rest of the project: the conf.py and requirements it names exist, the Debian packages it
installs hold the fonts conf.py's LaTeX preamble asks for, and CI installs the same
packages, so the PDF the tests build is the PDF Read the Docs builds.

Then Read the Docs' command sequence itself is run here, with its variables, so a change
that breaks only that path (another doctree folder, no ``-n``, ``READTHEDOCS_CANONICAL_URL``
as the site's address, no ``SOURCE_DATE_EPOCH``) fails a test.  Read the Docs ignores
latexmk's exit status when a PDF appears, so there a LaTeX problem would not fail the
build: the handbook tests (``make pdf`` with ``-W``) stay the gate for the PDF.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import runpy
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import REPO, Build, require_tool
from test_requirements import pins

CONFIG = REPO / ".readthedocs.yaml"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "build", "sphinx", "formats", "python"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 2},
        "build": {
            "type": "object",
            "required": ["os", "tools"],
            "additionalProperties": False,
            "properties": {
                "os": {"enum": ["ubuntu-22.04", "ubuntu-24.04", "ubuntu-lts-latest"]},
                "tools": {
                    "type": "object",
                    "required": ["python"],
                    "properties": {"python": {"type": "string", "pattern": r"^3\.1[0-9]$"}},
                },
                "apt_packages": {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9.+-]+$"},
                    "uniqueItems": True,
                },
            },
        },
        "sphinx": {
            "type": "object",
            "required": ["configuration"],
            "additionalProperties": False,
            "properties": {
                "configuration": {"type": "string"},
                "fail_on_warning": {"type": "boolean"},
                "builder": {"enum": ["html", "dirhtml", "singlehtml"]},
            },
        },
        "formats": {
            "oneOf": [
                {"const": "all"},
                {"type": "array", "items": {"enum": ["htmlzip", "pdf", "epub"]},
                 "uniqueItems": True},
            ],
        },
        "python": {
            "type": "object",
            "required": ["install"],
            "additionalProperties": False,
            "properties": {
                "install": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "oneOf": [{"required": ["requirements"]}, {"required": ["path"]}],
                        "properties": {"requirements": {"type": "string"},
                                       "method": {"enum": ["pip", "setuptools"]},
                                       "path": {"type": "string"}},
                    },
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_matches_the_v2_schema_parts_we_use(config: dict[str, Any]) -> None:
    jsonschema.validate(config, SCHEMA)


def test_schema_rejects_what_read_the_docs_would(config: dict[str, Any]) -> None:
    """The inline schema is strict enough to catch the usual slips."""
    for broken in ({**config, "version": 1},
                   {**config, "sphinx": {**config["sphinx"], "fail_on_warnings": True}},
                   {**config, "formats": ["pdf", "mobi"]},
                   {**config, "build": {**config["build"], "tools": {"python": "3.8"}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_current_os_and_python_strict_sphinx_pdf_and_epub(config: dict[str, Any]) -> None:
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.12"
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert config["formats"] == ["pdf", "epub"]
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


def test_named_files_exist_and_requirements_are_the_pinned_lock(config: dict[str, Any]) -> None:
    """Read the Docs installs the exact versions the tests passed with (the lock file)."""
    assert (REPO / config["sphinx"]["configuration"]).is_file()
    locked = pins(config["python"]["install"][0]["requirements"])
    assert {"sphinx", "myst-parser", "furo", "sphinx-design"} <= locked.keys()


def test_pdf_settings_read_the_docs_uses_come_from_conf(config: dict[str, Any]) -> None:
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["latex_engine"] == "xelatex"
    assert conf["latex_use_xindy"] is False  # Read the Docs has no xindy
    root = conf["latex_documents"][0][0]
    assert (REPO / f"{root}.md").is_file() or (REPO / f"{root}.rst").is_file()
    fonts = re.findall(r"\\setCJK\w*font\{([^}]+)\}", conf["latex_elements"]["preamble"])
    assert fonts and all(font.startswith("Noto ") for font in fonts)
    packages = config["build"]["apt_packages"]
    assert "fonts-noto-cjk" in packages  # the Noto CJK fonts
    assert "texlive-lang-chinese" in packages  # xeCJK
    assert "fonts-freefont-otf" in packages  # Sphinx's xelatex default Latin fonts


def test_ci_installs_every_package_read_the_docs_does(config: dict[str, Any]) -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"DEBIAN_PACKAGES=\((.*?)\)", script, re.S)
    assert match is not None
    ci_packages = set(re.sub(r"#.*", "", match[1]).split())
    assert set(config["build"]["apt_packages"]) <= ci_packages


def test_make_pdf_names_the_same_packages(config: dict[str, Any]) -> None:
    """What ``make pdf`` tells a developer to install is what Read the Docs installs."""
    script = (REPO / "handbook" / "require-tex.sh").read_text(encoding="utf-8")
    match = re.search(r"everything the PDF needs: (.*?)\)", script, re.S)
    assert match is not None
    named = set(re.sub(r'["\\\s]+', " ", match[1]).split())
    assert named == set(config["build"]["apt_packages"])


# --- Read the Docs' own command sequence, run here -----------------------------------------

RTD_URL = "https://deep-generative-models.readthedocs.io/en/latest/"
HOME = "https://deep-generative-models.github.io/"


@dataclass
class ReadTheDocsBuild:
    output: Path
    runs: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def read_the_docs(tmp_path_factory: pytest.TempPathFactory) -> ReadTheDocsBuild:
    """The commands Read the Docs runs for ``.readthedocs.yaml`` (its documented build
    process for Sphinx), with the variables it sets, into a fresh output folder.

    Differences from ``make``: ``-T`` and ``-D language=en``, no ``-n``; ``-W --keep-going``
    (from ``fail_on_warning``) only on the HTML and e-book builds; one doctree folder for
    all three; the PDF made by ``latexmk -f`` (whose exit status Read the Docs ignores
    when a PDF appears).  ``SOURCE_DATE_EPOCH`` is not set there.
    """
    require_tool("latexmk", "xelatex", "git")
    tmp = tmp_path_factory.mktemp("readthedocs")
    # Read the Docs builds a clone of the commit, not a working tree
    checkout = tmp / "checkout"
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(REPO), str(checkout)],
                   check=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=checkout, check=True)
    output = tmp / "_readthedocs"
    doctrees = tmp / "_build" / "doctrees"
    env = {key: value for key, value in os.environ.items()
           if key != "SOURCE_DATE_EPOCH" and not key.startswith("READTHEDOCS")}
    env.update({"READTHEDOCS": "True", "READTHEDOCS_PROJECT": "deep-generative-models",
                "READTHEDOCS_LANGUAGE": "en", "READTHEDOCS_VERSION": "latest",
                "READTHEDOCS_VERSION_NAME": "latest", "READTHEDOCS_VERSION_TYPE": "branch",
                "READTHEDOCS_CANONICAL_URL": RTD_URL, "READTHEDOCS_OUTPUT": f"{output}/",
                "READTHEDOCS_REPOSITORY_PATH": str(checkout)})
    sphinx = [sys.executable, "-m", "sphinx", "-T"]
    strict = ["-W", "--keep-going"]  # fail_on_warning: true
    common = ["-d", str(doctrees), "-D", "language=en", str(checkout)]
    runs = {}
    for name, command in (
            ("html", [*sphinx, *strict, "-b", "html", *common, str(output / "html")]),
            ("latex", [*sphinx, "-b", "latex", *common, str(output / "pdf")]),
            ("epub", [*sphinx, *strict, "-b", "epub", *common, str(output / "epub")])):
        runs[name] = subprocess.run(command, cwd=checkout, env=env, capture_output=True,
                                    text=True, check=False)
        if name == "latex" and runs[name].returncode == 0:
            runs["pdf"] = subprocess.run(
                ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-",
                 "-jobname=deep-generative-models", "-interaction=nonstopmode"],
                cwd=output / "pdf", env=env, capture_output=True, text=True, check=False)
    return ReadTheDocsBuild(output, runs)


def test_read_the_docs_builds_every_format(read_the_docs: ReadTheDocsBuild) -> None:
    for name in ("html", "latex", "epub"):
        run = read_the_docs.runs[name]
        assert run.returncode == 0, (name, run.stderr[-3000:])
    assert (read_the_docs.output / "html" / "years" / "2022" / "index.html").is_file()
    assert (read_the_docs.output / "pdf" / "deep-generative-models.pdf").is_file(), (
        read_the_docs.runs["pdf"].stdout[-3000:])
    assert list((read_the_docs.output / "epub").glob("*.epub"))


def _calendar_events(path: Path) -> list[Any]:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk() if c.name == "VEVENT"]


def test_the_canonical_url_is_read_the_docs_and_uids_do_not_move(
        read_the_docs: ReadTheDocsBuild, site_html: Build) -> None:
    html = read_the_docs.output / "html"
    for built, base in ((html, RTD_URL), (site_html.outdir, HOME)):
        page = BeautifulSoup((built / "years/2022/index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert page.find("link", rel="canonical")["href"] == base + "years/2022/index.html"
        data = json.loads((built / "years/2022/schedule-2022.json").read_text(encoding="utf-8"))
        assert data["url"] == base + "years/2022/index.html"
    ics = "guide/demo-schedule-2026.ics"  # the site's dated schedule (the years have no dates)
    moved, home = _calendar_events(html / ics), _calendar_events(site_html.outdir / ics)
    assert moved and all(str(e["url"]).startswith(RTD_URL) for e in moved)
    assert all(str(e["url"]).startswith(HOME) for e in home)
    assert [str(e["uid"]) for e in moved] == [str(e["uid"]) for e in home]
    assert all(str(e["uid"]).endswith("@deep-generative-models.github.io") for e in moved)


def test_without_source_date_epoch_the_stamp_is_the_last_commit(
        read_the_docs: ReadTheDocsBuild) -> None:
    require_tool("git")
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO,
                            capture_output=True, text=True, check=False).stdout.strip()
    if not commit.isdigit():
        pytest.skip("not a git checkout")
    events = _calendar_events(read_the_docs.output / "html" / "guide/demo-schedule-2026.ics")
    expected = dt.datetime.fromtimestamp(int(commit), tz=dt.timezone.utc)
    assert {e.decoded("dtstamp") for e in events} == {expected}


def test_the_404_page_links_under_read_the_docs_path(read_the_docs: ReadTheDocsBuild) -> None:
    page = BeautifulSoup((read_the_docs.output / "html" / "404.html").read_text(
        encoding="utf-8"), "html.parser")
    years = [a["href"] for a in page.select("ul.notfound-years a")]
    assert years and all(href.startswith("/en/latest/years/") for href in years)
    styles = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert styles and all(href.startswith("/en/latest/_static/") for href in styles)
