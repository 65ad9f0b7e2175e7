"""The iCalendar export: parsed back with ``icalendar``, linked from the page, reproducible."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from conftest import sphinx_build

ROOTS = Path(__file__).parent / "roots"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def _events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


@pytest.mark.sphinx("html", testroot="dates")
def test_one_event_per_meeting_in_shanghai_time(app: SphinxTestApp) -> None:
    app.build()
    calendar = _calendar(app.outdir / "years/2026/schedule-2026.ics")
    assert str(calendar["version"]) == "2.0"
    events = _events(calendar)
    # weeks 1, 2, 3 and 7 have rows; week 7 meets on the holiday 2026-04-08
    assert [str(e["summary"]) for e in events] == [
        "Introduction", "Variational Autoencoders", "Paper Reading"]
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [dt.datetime(2026, 2, 25, 15, 10, tzinfo=SHANGHAI),
                      dt.datetime(2026, 3, 4, 15, 10, tzinfo=SHANGHAI),
                      dt.datetime(2026, 3, 11, 15, 10, tzinfo=SHANGHAI)]
    assert all(s.utcoffset() == dt.timedelta(hours=8) for s in starts)
    assert all(e["dtstart"].params["TZID"] == "Asia/Shanghai" for e in events)
    assert [e.decoded("dtend").time() for e in events] == [dt.time(18, 0)] * 3
    assert str(events[0]["description"]) == (
        "Lecture 1: Introduction\nLecture 2: Data Representation")
    assert str(events[1]["description"]) == (
        "Lecture 3: From Autoencoder to VAE\nLecture 4: Variational Autoencoder")
    assert str(events[2]["description"]) == "Paper: 3-1 StructureNet, SIGGRAPH Asia 2019"
    assert {str(e["location"]) for e in events} == {"Room 101, Science Building"}


@pytest.mark.sphinx("html", testroot="dates")
def test_the_calendar_carries_its_timezone_definition(app: SphinxTestApp) -> None:
    app.build()
    calendar = _calendar(app.outdir / "years/2026/schedule-2026.ics")
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert calendar.get_missing_tzids() == set()
    standard = calendar.walk("STANDARD")[0]
    assert standard["tzoffsetto"].td == dt.timedelta(hours=8)


@pytest.mark.sphinx("html", testroot="dates")
def test_uids_are_stable_and_unique(app: SphinxTestApp) -> None:
    app.build()
    uids = [str(e["uid"]) for e in _events(_calendar(
        app.outdir / "years/2026/schedule-2026.ics"))]
    assert uids == ["2026-week-1-20260225-years-2026-index@dates-test",
                    "2026-week-2-20260304-years-2026-index@dates-test",
                    "2026-week-3-20260311-years-2026-index@dates-test"]


@pytest.mark.sphinx("html", testroot="dates",
                    confoverrides={"html_baseurl": "https://course.example.org/robots/"})
def test_events_link_back_to_their_week(app: SphinxTestApp) -> None:
    app.build()
    events = _events(_calendar(app.outdir / "years/2026/schedule-2026.ics"))
    assert [str(e["url"]) for e in events] == [
        f"https://course.example.org/robots/years/2026/index.html#week-{n}" for n in (1, 2, 3)]
    # the UIDs do not follow the host (a moved site must not duplicate events)
    assert str(events[0]["uid"]).endswith("@dates-test")
    page = BeautifulSoup((app.outdir / "years/2026/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    for n in (1, 2, 3):
        assert page.find(id=f"week-{n}") is not None


@pytest.mark.sphinx("html", testroot="dates")
def test_without_html_baseurl_events_have_no_relative_url(app: SphinxTestApp) -> None:
    app.build()
    events = _events(_calendar(app.outdir / "years/2026/schedule-2026.ics"))
    assert all("url" not in e for e in events)


@pytest.mark.sphinx("html", testroot="dates")
def test_local_time_holds_across_daylight_saving_in_the_file(app: SphinxTestApp) -> None:
    app.build()
    events = _events(_calendar(app.outdir / "nyc-2026.ics"))
    before, after = (e.decoded("dtstart") for e in events)
    assert (before.date(), after.date()) == (dt.date(2026, 3, 4), dt.date(2026, 3, 11))
    assert before.time() == after.time() == dt.time(15, 10)
    assert (before.utcoffset(), after.utcoffset()) == (dt.timedelta(hours=-5),
                                                       dt.timedelta(hours=-4))


def _download_links(outdir: Path, page: str) -> dict[str, Path]:
    html = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    folder = (outdir / page).parent
    return {a.get_text(): (folder / a["href"]).resolve()
            for a in html.select("p.schedule-downloads a.schedule-download")}


@pytest.mark.sphinx("html", testroot="dates")
def test_the_page_links_to_its_calendar_and_data(app: SphinxTestApp) -> None:
    app.build()
    links = _download_links(app.outdir, "years/2026/index.html")
    assert links == {
        "calendar (iCalendar .ics)": (app.outdir / "years/2026/schedule-2026.ics").resolve(),
        "data (JSON)": (app.outdir / "years/2026/schedule-2026.json").resolve()}
    assert all(path.is_file() for path in links.values())


@pytest.mark.sphinx("dirhtml", testroot="dates")
def test_links_resolve_in_dirhtml_too(app: SphinxTestApp) -> None:
    app.build()
    links = _download_links(app.outdir, "nyc/index.html")
    assert sorted(path.name for path in links.values()) == ["nyc-2026.ics", "nyc-2026.json"]
    assert all(path.is_file() for path in links.values())


@pytest.mark.sphinx("html", testroot="dates")
def test_years_without_dates_publish_no_calendar(app: SphinxTestApp) -> None:
    app.build()
    assert list(app.outdir.rglob("legacy*.ics")) == []
    assert list(_download_links(app.outdir, "legacy.html")) == ["data (JSON)"]


@pytest.mark.sphinx("html", testroot="dates", srcdir="dates-no-calendar",
                    confoverrides={"schedule_calendar_export": False})
def test_the_calendar_can_be_switched_off(app: SphinxTestApp) -> None:
    app.build()
    assert list(app.outdir.rglob("*.ics")) == []
    assert list(_download_links(app.outdir, "years/2026/index.html")) == ["data (JSON)"]


@pytest.mark.sphinx("latex", testroot="dates")
def test_the_pdf_has_no_download_links(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Download this schedule" not in tex and ".ics" not in tex


def test_builds_are_reproducible(tmp_path: Path) -> None:
    """Two separate builds with one SOURCE_DATE_EPOCH give byte-identical files."""
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01T00:00:00Z
    first = sphinx_build(ROOTS / "test-dates", tmp_path / "a", "html", env=env)
    second = sphinx_build(ROOTS / "test-dates", tmp_path / "b", "html",
                          "-E", env=env)
    assert first.returncode == second.returncode == 0, first.warnings + second.warnings
    names = ["years/2026/schedule-2026.ics", "years/2026/schedule-2026.json",
             "nyc-2026.ics", "nyc-2026.json", "legacy-2021.json"]
    for name in names:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    stamps = {e.decoded("dtstamp") for e in _events(_calendar(
        first.outdir / "years/2026/schedule-2026.ics"))}
    assert stamps == {dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}


@pytest.mark.sphinx("html", testroot="dates")
def test_without_source_date_epoch_or_git_the_stamp_is_the_first_day(
        app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # in a git checkout the last commit's time stands in (tests/test_readthedocs.py)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "no-repository"))
    app.build()
    stamps = {e.decoded("dtstamp") for e in _events(_calendar(
        app.outdir / "years/2026/schedule-2026.ics"))}
    assert stamps == {dt.datetime(2026, 2, 23, tzinfo=dt.timezone.utc)}
