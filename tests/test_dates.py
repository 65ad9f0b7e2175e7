"""Term dates: computed from ``first_day`` only, shown under each week's label.

The date arithmetic is checked against dates read off a real calendar (2026-02-23 is a
Monday; New York moves its clocks on 2026-03-08); the rendered pages are checked the way
a reader sees them: the HTML table, the LaTeX source the PDF is made from, the warnings.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from sphinx_course_schedule.schedule.calendar.week_dates import week_dates
from sphinx_course_schedule.schedule.model.schedule import WEEKDAYS, Term
from conftest import require_tool

ROOTS = Path(__file__).parent / "roots"

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _term(**fields: object) -> Term:
    return Term.model_validate({"first_day": "2026-02-23", "weekday": "Wed",
                                "start": "15:10", "end": "18:00", **fields})


def test_weeks_are_monday_based_and_meet_on_the_weekday() -> None:
    term = _term()
    week1, week3 = week_dates(term, 1), week_dates(term, 3)
    assert (week1.first, week1.last, week1.meeting) == (
        dt.date(2026, 2, 23), dt.date(2026, 3, 1), dt.date(2026, 2, 25))
    assert (week3.first, week3.last, week3.meeting) == (
        dt.date(2026, 3, 9), dt.date(2026, 3, 15), dt.date(2026, 3, 11))


def test_first_day_may_be_any_day_of_week_one() -> None:
    thursday = _term(first_day="2026-02-26", weekday="Fri")
    assert week_dates(thursday, 1).first == dt.date(2026, 2, 23)
    assert week_dates(thursday, 1).meeting == dt.date(2026, 2, 27)


def test_without_weekday_the_class_meets_on_first_days_weekday() -> None:
    term = _term(first_day="2026-02-26", weekday=None)
    assert week_dates(term, 2).meeting == dt.date(2026, 3, 5)  # a Thursday


def test_a_meeting_on_a_holiday_is_cancelled_but_keeps_its_week() -> None:
    term = _term(holidays=["2026-04-08"])
    week7 = week_dates(term, 7)
    assert week7.meeting == dt.date(2026, 4, 8) and week7.cancelled
    assert not week_dates(term, 6).cancelled and not week_dates(term, 8).cancelled


def test_times_are_aware_in_the_terms_timezone() -> None:
    week = week_dates(_term(timezone="Asia/Shanghai"), 1)
    assert week.start == dt.datetime(2026, 2, 25, 15, 10, tzinfo=SHANGHAI)
    assert week.start.utcoffset() == dt.timedelta(hours=8)
    assert week.start.astimezone(dt.timezone.utc) == dt.datetime(
        2026, 2, 25, 7, 10, tzinfo=dt.timezone.utc)
    assert week.end - week.start == dt.timedelta(hours=2, minutes=50)


def test_local_time_holds_across_a_daylight_saving_change() -> None:
    """New York springs forward on Sunday 2026-03-08: 15:10 stays 15:10, UTC moves."""
    term = _term(first_day="2026-03-02", timezone="America/New_York")
    before, after = week_dates(term, 1).start, week_dates(term, 2).start
    assert (before.date(), after.date()) == (dt.date(2026, 3, 4), dt.date(2026, 3, 11))
    assert before.time() == after.time() == dt.time(15, 10)
    assert before.utcoffset() == dt.timedelta(hours=-5)
    assert after.utcoffset() == dt.timedelta(hours=-4)
    utc = dt.timezone.utc
    assert before.astimezone(utc).time() == dt.time(20, 10)
    assert after.astimezone(utc).time() == dt.time(19, 10)


def test_no_dates_are_invented_without_first_day() -> None:
    legacy = Term.model_validate({"weekday": "Wed", "start": "15:10", "end": "18:00"})
    assert week_dates(legacy, 1) is None
    assert week_dates(None, 1) is None


@settings(max_examples=200, deadline=None)
@given(first_day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
       weekday=st.sampled_from(WEEKDAYS), week=st.integers(1, 40),
       zone=st.sampled_from(["Asia/Shanghai", "America/New_York", "Europe/London",
                             "Australia/Sydney", "UTC"]))
def test_every_week_has_its_meeting_inside_it(first_day: dt.date, weekday: str, week: int,
                                              zone: str) -> None:
    term = Term.model_validate({"first_day": first_day, "weekday": weekday,
                                "start": "15:10", "end": "18:00", "timezone": zone})
    dates = week_dates(term, week)
    assert dates.first.weekday() == 0 and dates.last - dates.first == dt.timedelta(days=6)
    assert (dates.first - week_dates(term, 1).first).days == 7 * (week - 1)
    assert week_dates(term, 1).first <= first_day <= week_dates(term, 1).last
    assert dates.first <= dates.meeting <= dates.last
    assert WEEKDAYS[dates.meeting.weekday()] == weekday
    assert (dates.start.date(), dates.start.time(), dates.end.time()) == (
        dates.meeting, dt.time(15, 10), dt.time(18, 0))
    assert dates.start.tzinfo == ZoneInfo(zone)


# --- what the pages show ---------------------------------------------------------------

def _soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def _row(soup: BeautifulSoup, week: int):
    return soup.find(id=f"week-{week}").find_parent("tr")


@pytest.mark.sphinx("html", testroot="dates")
def test_dated_weeks_show_their_meeting_date(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = _soup(app, "years/2026/index.html")
    shown = {week: _row(soup, week).th.select_one("p.schedule-dates time")
             for week in (1, 2, 3, 7)}
    assert {week: (t["datetime"], t.get_text()) for week, t in shown.items()} == {
        1: ("2026-02-25", "Wed, Feb 25"), 2: ("2026-03-04", "Wed, Mar 4"),
        3: ("2026-03-11", "Wed, Mar 11"), 7: ("2026-04-08", "Wed, Apr 8")}
    assert _row(soup, 7).th.select_one(".schedule-no-class").get_text() == "no class"
    assert _row(soup, 1).th.select_one(".schedule-no-class") is None


@pytest.mark.sphinx("html", testroot="dates")
def test_dated_rows_carry_their_week_for_the_script(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app, "years/2026/index.html")
    rows = soup.select("tr[data-week-start]")
    assert [(r["data-week-start"], r["data-week-end"], r["data-timezone"]) for r in rows] == [
        ("2026-02-23", "2026-03-01", "Asia/Shanghai"),
        ("2026-03-02", "2026-03-08", "Asia/Shanghai"),
        ("2026-03-09", "2026-03-15", "Asia/Shanghai"),
        ("2026-04-06", "2026-04-12", "Asia/Shanghai")]
    assert not soup.select("thead tr[data-week-start]")
    scripts = [s.get("src", "") for s in soup.find_all("script")]
    assert any(src.startswith("../../_static/current-week.js") for src in scripts)
    assert (app.outdir / "_static" / "current-week.js").is_file()
    assert (app.outdir / "_static" / "schedule-dates.css").is_file()


@pytest.mark.sphinx("html", testroot="dates")
def test_years_without_first_day_show_week_numbers_only(app: SphinxTestApp) -> None:
    app.build()
    soup = _soup(app, "legacy.html")
    assert [r.th.get_text(" ", strip=True) for r in soup.select("tbody tr")] == [
        "Week 1", "Week 2"]
    assert soup.select("time, .schedule-dates, tr[data-week-start]") == []


@pytest.mark.sphinx("latex", testroot="dates")
def test_the_pdf_source_shows_dates_as_plain_text(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    week1 = tex.index("Week 1")
    assert tex.index("Wed, Feb 25", week1) < tex.index("Introduction", week1)
    week7 = tex.index("Week 7")
    assert tex.index("Wed, Apr 8", week7) < tex.index("no class", week7) < tex.index(
        "Group Projects", week7)
    assert "<time" not in tex and "datetime" not in tex


@pytest.mark.sphinx("html", testroot="dates-problems")
def test_doubtful_terms_are_reported_at_the_value(app: SphinxTestApp) -> None:
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue())
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 3, warnings
    assert all(line.endswith("[schedule.dates]") for line in lines), warnings
    assert "index.md:8: WARNING: term gives 'start' but not 'end'" in warnings
    assert ("index.md:6: WARNING: week 1's meeting day (Mon 2026-02-23) is before first_day "
            "2026-02-26") in warnings
    assert "index.md:10: WARNING: holiday 2025-04-06 is outside the term's 4 weeks" in warnings


@pytest.mark.sphinx("html", testroot="dates-problems",
                    confoverrides={"suppress_warnings": ["schedule.dates"]})
def test_date_warnings_can_be_silenced(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.tex
def test_the_pdf_shows_the_dates(tmp_path: Path) -> None:
    """The real PDF, read back as text: each week's date under its label, and "no class"."""
    require_tool("latexmk", "pdflatex", "pdftotext")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(ROOTS / "test-dates"),
         str(tmp_path), "-q"], capture_output=True, text=True, check=False)
    pdfs = list((tmp_path / "latex").glob("*.pdf"))
    assert result.returncode == 0 and pdfs, result.stdout[-2000:] + result.stderr[-2000:]
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for week, label in ((1, "Wed, Feb 25"), (2, "Wed, Mar 4"), (3, "Wed, Mar 11"),
                        (7, "Wed, Apr 8")):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"Week {week} "))
        assert any(line.startswith(label) for line in lines[at + 1:at + 4]), lines[at:at + 4]
    assert any(line.startswith("no class") for line in lines)
    assert "Download this schedule" not in text
