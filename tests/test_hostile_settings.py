"""Odd settings, environment values and builders give a warning, never a traceback.

The third hostile-input round set our settings to values of the wrong shape, set
``SOURCE_DATE_EPOCH`` and ``READTHEDOCS_CANONICAL_URL`` to values no calendar or page can
use, and ran every builder Sphinx ships.  Each value is refused at start-up with one
``[schedule.setting]`` warning naming the setting and what it expects, the default is
used, and the build goes on; every builder writes the schedule.
"""

from __future__ import annotations

import shutil
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, sphinx_build

SCHEDULE = textwrap.dedent("""\
    term:
      name: Spring 2030
      first_day: 2030-02-20
      weekday: Wed
    sections:
      - title: Fundamentals
        weeks:
          - week: 1
            topic: Deep topic
            lectures:
              - {number: 1, title: Hello lecture}
    """)

ENV = {"PYTHONPATH": str(REPO)}


def project(tmp_path: Path, conf: str = "", schedule: str = SCHEDULE) -> Path:
    """A one-year project using the extension, with ``conf`` appended to its conf.py."""
    srcdir = tmp_path / "src"
    (srcdir / "years" / "2030").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\n'
        'exclude_patterns = ["_build"]\n' + conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Probe\n\n```{toctree}\n\nyears/2030/index\n```\n",
                                     encoding="utf-8")
    (srcdir / "years" / "2030" / "index.md").write_text(
        f"# Spring 2030\n\n```{{schedule}}\n{schedule}```\n", encoding="utf-8")
    return srcdir


BAD_SETTINGS = [
    ("schedule_header_labels", '"Week"', "a list of three non-empty one-line texts"),
    ("schedule_header_labels", '("a", "b")', "a list of three non-empty one-line texts"),
    ("schedule_header_labels", '("a", "b", "c", "d")', "a list of three non-empty one-line"),
    ("schedule_header_labels", "()", "a list of three non-empty one-line texts"),
    ("schedule_max_depth", "100000", "a whole number from 1 to 100"),
    ("schedule_max_depth", "0", "a whole number from 1 to 100"),
    ("schedule_max_bytes", "-1", "a whole number from 1 to 100000000"),
    ("schedule_files_dir", '""', "a folder inside the project"),
    ("schedule_files_dir", '"."', "a folder inside the project"),
    ("schedule_files_dir", '".."', "a folder inside the project"),
    ("schedule_files_dir", '"../outside"', "a folder inside the project"),
    ("schedule_files_dir", '"/tmp"', "a folder inside the project"),
    ("schedule_files_base_url", '"javascript:alert(1)//"', "an absolute http:// or https://"),
    ("schedule_files_base_url", '"files/"', "an absolute http:// or https://"),
    ("schedule_calendar_uid_domain", '"a b@c"', "a host name"),
    ("schedule_calendar_export", '"no"', "True or False"),
    ("schedule_json_export", "None", "True or False"),
]


@pytest.mark.parametrize(("name", "value", "expected"), BAD_SETTINGS,
                         ids=[f"{n}={v}" for n, v, _ in BAD_SETTINGS])
def test_a_setting_of_the_wrong_shape_is_refused_at_its_line(
        tmp_path: Path, name: str, value: str, expected: str) -> None:
    srcdir = project(tmp_path, f"{name} = {value}\n")
    outdir = srcdir / "_build" / "html"
    build = sphinx_build(srcdir, outdir, "html", env=ENV)
    assert "Traceback" not in build.warnings and "Exception occurred" not in build.warnings
    ours = [line for line in build.warnings.splitlines() if "[schedule." in line]
    assert len(ours) == 1, build.warnings
    assert ours[0].startswith(f"{srcdir}/conf.py:4: WARNING: setting {name} = "), ours[0]
    assert expected in ours[0] and ours[0].endswith("is used [schedule.setting]"), ours[0]
    page = BeautifulSoup((outdir / "years/2030/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert [th.get_text() for th in page.select("div.schedule thead th")] == [
        "Week", "Topic", "Lectures & materials"]
    assert "Hello lecture" in page.select_one("div.schedule tbody").get_text()
    assert not (outdir / "_build").exists()  # the output was not copied into itself


def test_deep_nesting_within_the_largest_allowed_depth_is_a_warning(tmp_path: Path) -> None:
    srcdir = project(tmp_path, "schedule_max_depth = 100\n",
                     "sections: " + "[" * 5000 + "\n")
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0, build.warnings
    assert "Traceback" not in build.warnings and "RecursionError" not in build.warnings
    assert "YAML nested deeper than 100 levels" in build.warnings


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text", "man", "texinfo",
                                     "xml", "pseudoxml", "latex", "epub", "gettext", "changes",
                                     "dummy"])
def test_every_builder_sphinx_ships_writes_the_schedule(tmp_path: Path, builder: str) -> None:
    srcdir = project(tmp_path)
    build = sphinx_build(srcdir, tmp_path / "out", builder, env=ENV)
    assert build.returncode == 0 and "Exception occurred" not in build.warnings, build.warnings
    assert "[schedule." not in build.warnings, build.warnings
    if builder == "xml":
        root = ET.parse(tmp_path / "out" / "years/2030/index.xml").getroot()
        assert "Hello lecture" in "".join(root.itertext())
        assert root.find(".//schedule_row") is not None


def test_a_source_date_epoch_beyond_the_year_9999_is_refused(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    srcdir = project(tmp_path)
    build = sphinx_build(srcdir, tmp_path / "out", "html",
                         env={**ENV, "SOURCE_DATE_EPOCH": "300000000000"})
    assert build.returncode == 0 and "Traceback" not in build.warnings, build.warnings
    assert ("WARNING: SOURCE_DATE_EPOCH='300000000000' is refused; expected whole seconds "
            "since 1970 of a date before the year 10000") in build.warnings
    calendar = icalendar.Calendar.from_ical(
        (tmp_path / "out/years/2030/schedule-2030.ics").read_bytes())
    assert [event["dtstamp"].dt.year < 10000 for event in calendar.walk("VEVENT")] == [True]


def test_a_project_name_with_line_breaks_makes_a_valid_calendar(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    srcdir = project(tmp_path, 'project = "A\\r\\nB"\n')
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    assert build.returncode == 0 and "Traceback" not in build.warnings, build.warnings
    raw = (tmp_path / "out/years/2030/schedule-2030.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["x-wr-calname"]) == "A B 2030"
    assert all(line.endswith(b"\r") or not line for line in raw.split(b"\n")[:-1])


def site_copy(tmp_path: Path) -> Path:
    """The real conf.py with what it reads beside it, and one year page of our own."""
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    shutil.copy(REPO / "conf.py", srcdir / "conf.py")
    for folder in ("_templates", "_static"):
        shutil.copytree(REPO / folder, srcdir / folder)
    (srcdir / "handbook").mkdir()  # the handbook's TeX, not its pages
    for tex in (REPO / "handbook").glob("*.tex.jinja"):
        shutil.copy(tex, srcdir / "handbook" / tex.name)
    (srcdir / "years" / "2030").mkdir(parents=True)
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\n\nyears/2030/index\n```\n",
                                     encoding="utf-8")
    (srcdir / "years/2030/index.md").write_text(
        f"# Spring 2030\n\n```{{schedule}}\n{SCHEDULE}```\n", encoding="utf-8")
    return srcdir


@pytest.mark.parametrize(("given", "prefix", "warned"), [
    ("javascript:alert(1)//", "/", True),
    ('https://x.example/en/"><script>alert(1)</script>', "/en/%22%3E%3Cscript%3Ealert(1)%3C/script%3E/",
     False),
    ("https://x.example/en/latest", "/en/latest/", False),
    ("/en/latest/", "/", True),
])
def test_the_site_address_from_the_environment_is_vetted(
        tmp_path: Path, given: str, prefix: str, warned: bool) -> None:
    """conf.py takes READTHEDOCS_CANONICAL_URL only as an absolute http(s) address; the
    404 page's links and the calendar's URLs are built from the vetted one."""
    icalendar = pytest.importorskip("icalendar")
    srcdir = site_copy(tmp_path)
    build = sphinx_build(srcdir, tmp_path / "out", "html",
                         env={**ENV, "READTHEDOCS_CANONICAL_URL": given})
    assert "Traceback" not in build.warnings and "Exception" not in build.warnings, \
        build.warnings
    refused = [line for line in build.warnings.splitlines() if "READTHEDOCS_CANONICAL_URL" in line]
    assert len(refused) == int(warned), build.warnings
    if warned:
        assert refused[0].startswith(f"WARNING: the site address {given!r}"), refused[0]
        # (read with conf.py, before Sphinx knows it should print the warning's type)
        assert ("is not an absolute http(s) address; https://deep-generative-models.github.io/"
                " is used instead") in refused[0], refused[0]
    notfound = BeautifulSoup((tmp_path / "out/404.html").read_text(encoding="utf-8"),
                             "html.parser")
    links = [a["href"] for a in notfound.select("ul.notfound-years a")]
    assert links == [f"{prefix}years/2030/index.html"]
    assert not notfound.select("article script, main script")
    calendar = icalendar.Calendar.from_ical(
        (tmp_path / "out/years/2030/schedule-2030.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        url = str(event["url"])
        assert url.startswith("https://") and " " not in url and '"' not in url, url
        assert url.count("#") == 1 and "latestyears" not in url, url


def test_a_script_html_baseurl_gives_no_page_address(tmp_path: Path) -> None:
    """html_baseurl is vetted like a link in the data: the calendar and the JSON carry no
    address rather than a javascript: one."""
    icalendar = pytest.importorskip("icalendar")
    srcdir = project(tmp_path, 'html_baseurl = "javascript:alert(1)//"\n')
    build = sphinx_build(srcdir, tmp_path / "out", "html", env=ENV)
    ours = [line for line in build.warnings.splitlines() if "[schedule." in line]
    assert ours == [f"{srcdir}/conf.py:4: WARNING: setting html_baseurl = "
                    "'javascript:alert(1)//' is refused; expected an absolute http:// or "
                    "https:// address; pages get no absolute address [schedule.setting]"]
    out = tmp_path / "out" / "years" / "2030"
    events = icalendar.Calendar.from_ical((out / "schedule-2030.ics").read_bytes()).walk("VEVENT")
    assert events and all("url" not in event for event in events)
    assert '"url": null' in (out / "schedule-2030.json").read_text(encoding="utf-8")
    assert "javascript" not in (out / "index.html").read_text(encoding="utf-8")
