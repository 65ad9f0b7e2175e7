"""A translation (``msgstr``) of schedule text passes the same checks as the YAML's text.

The third hostile round put markup into a caption's translation (Sphinx parsed it as
Markdown: a live ``<script>``), BEL and ESC into titles (they reached the HTML, the
calendar and the ``.tex``), a line break into a linked title (which ended
``\\sphinxhref``'s argument) and a 120,000-character title into one ``.tex`` line.  A
translation is now plain text on one line; one with a character no output can show, or
longer than a schedule text may be, is refused at the item's line and the original shown.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Build, sphinx_build

ROOT = Path(__file__).parent / "roots" / "test-i18n"
ZH = ("-D", "language=zh_CN")
HOSTILE = {
    "Fundamentals": "<script>alert(1)</script>",
    "Practices": "<img src=x onerror=alert(1)> *em*",
    "Introduction": "intro \x07 bell",
    "Variational Autoencoders": "vae \x1b[2J escape",
    "Reading list": "first line\\nsecond line",
    "Paper Reading": "x" * 120_000,
}
"""Messages of the test root's catalog (topics, captions, a material's label; lecture and
reading titles stay English and are no messages) and a hostile translation of each."""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("hostile-po") / "root"
    shutil.copytree(ROOT, copy)
    po = copy / "locales/zh_CN/LC_MESSAGES/index.po"
    text = po.read_text(encoding="utf-8")
    for message, translated in HOSTILE.items():
        start = text.index(f'msgid "{message}"\nmsgstr "')
        end = text.index("\n", text.index("msgstr", start))
        text = text[:start] + f'msgid "{message}"\nmsgstr "{translated}"' + text[end:]
    po.write_text(text, encoding="utf-8")
    return copy


def build(root: Path, builder: str) -> Build:
    result = sphinx_build(root, root / "_build" / builder, builder, *ZH,
                          env={"SCHEDULE_REPO": str(REPO)})
    assert result.returncode == 0 and "Traceback" not in result.warnings, result.warnings
    return result


@pytest.fixture(scope="module")
def html(root: Path) -> Build:
    return build(root, "html")


def test_refused_translations_are_located_warnings(root: Path, html: Build) -> None:
    found = sorted(line.replace(f"{root}/", "") for line in html.warnings.splitlines()
                   if "[schedule." in line)
    assert sorted(line.split(": WARNING: ")[1].split(";")[0] for line in found) == [
        "the translation of 'Introduction' contains the control or invalid character U+0007, "
        "which cannot be shown",
        "the translation of 'Paper Reading' is 120000 characters long",
        "the translation of 'Variational Autoencoders' contains the control or invalid "
        "character U+001B, which cannot be shown"], found
    assert all(line.endswith("the original text is shown (fix the msgstr in the .po file) "
                             "[schedule.translation]") for line in found), found
    assert all(line.startswith("index.md:") for line in found), found


def test_translated_markup_is_text_and_breaks_are_spaces(html: Build) -> None:
    soup = BeautifulSoup(html.page("index.html"), "html.parser")
    schedule = soup.select_one("div.schedule")
    assert schedule.find("script") is None and schedule.find("img") is None
    assert schedule.find("em") is None
    assert [caption.get_text(strip=True).rstrip("¶")
            for caption in schedule.select("table.schedule-table caption")] == [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)> *em*"]
    text = schedule.get_text()
    assert "first line second line" in text and "\x07" not in text and "\x1b" not in text
    assert "Introduction" in text and "Paper Reading" in text and "x" * 600 not in text


def test_the_calendar_carries_no_control_character(html: Build) -> None:
    icalendar = pytest.importorskip("icalendar")
    raw = next(html.outdir.glob("*.ics")).read_bytes()
    assert b"\x07" not in raw and b"\x1b" not in raw and b"x" * 600 not in raw
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert str(events[0]["summary"]) == "Introduction"


def test_the_latex_gets_one_line_titles_and_no_control_character(root: Path) -> None:
    tex = "".join(path.read_text(encoding="utf-8")
                  for path in build(root, "latex").outdir.glob("*.tex"))
    assert "\x07" not in tex and "\x1b" not in tex
    assert max(len(line) for line in tex.splitlines()) < 5000
    assert "first line second line" in tex
    assert "<script>alert(1)</script>" in tex  # xelatex sets < and > as text
