"""Column headers a schedule writes for itself, and for one of its sections.

A course with "Lectures" and "Labs" wants "Week / Lab / Handouts" over its labs.  Each
column's header is the section's, else the schedule's, else the site's setting
(``schedule_header_labels``, translated by default).  Each test builds a small project
and reads what a reader gets: the HTML table's ``<th scope="col">``, the LaTeX table's
header, the e-book's page, the JSON export, the warning line, the Chinese page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO, Build, require_tool, sphinx_build

CONF = """\
project = "Robot Learning"
extensions = ["myst_parser", "sphinx_course_schedule"]
exclude_patterns = ["_build"]
locale_dirs = ["locales"]
"""
PAGE = """\
# Robot Learning

```{{schedule}}
{body}
```
"""
SCHEDULE = """\
year: 2027
headers:
  materials: Sessions
sections:
  - title: Lectures
    weeks:
      - week: 1
        topic: Introduction
  - title: Labs
    headers: {topic: Lab, materials: Handouts}
    weeks:
      - week: 2
        topic: Setting up the simulator"""


def project(root: Path, body: str = SCHEDULE, conf: str = CONF) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "index.md").write_text(PAGE.format(body=body), encoding="utf-8")
    return root


def line_of(root: Path, text: str) -> int:
    """1-based line of the page's first line holding ``text``."""
    lines = (root / "index.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def column_headers(html: str) -> dict[str, list[tuple[str, str | None]]]:
    """Each schedule table's caption -> its column headers' (text, scope)."""
    soup = BeautifulSoup(html, "html.parser")
    return {table.caption.get_text(strip=True).rstrip("¶"):
            [(th.get_text(strip=True), th.get("scope")) for th in table.select("thead th")]
            for table in soup.select("table.schedule-table")}


def built(root: Path, builder: str = "html", *extra: str) -> Build:
    out = root.parent / "out"  # the doctrees too: an e-book packs what is in its folder
    build = sphinx_build(root, out / builder, builder, "-W", "-d", str(out / "doctrees"),
                         *extra)
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return build


def test_each_table_shows_the_headers_its_section_or_schedule_writes(tmp_path: Path) -> None:
    conf = CONF + 'schedule_header_labels = ["Wk", "Subject", "Contents"]\n'
    build = built(project(tmp_path / "src", conf=conf))
    assert column_headers(build.page("index.html")) == {
        # the site's week and topic, the schedule's third column
        "Lectures": [("Wk", "col"), ("Subject", "col"), ("Sessions", "col")],
        # the section's topic and third column over the schedule's; the site's week
        "Labs": [("Wk", "col"), ("Lab", "col"), ("Handouts", "col")],
    }


def test_without_headers_every_table_has_the_default_ones(tmp_path: Path) -> None:
    body = SCHEDULE.replace("headers:\n  materials: Sessions\n", "").replace(
        "    headers: {topic: Lab, materials: Handouts}\n", "")
    assert "headers" not in body
    build = built(project(tmp_path / "src", body))
    default = [("Week", "col"), ("Topic", "col"), ("Lectures & materials", "col")]
    assert column_headers(build.page("index.html")) == {"Lectures": default, "Labs": default}
    document = json.loads(build.page("schedule-2027.json"))
    assert "headers" not in document["schedule"]
    assert all("headers" not in section for section in document["schedule"]["sections"])


def test_the_json_export_keeps_the_written_headers(tmp_path: Path) -> None:
    build = built(project(tmp_path / "src"))
    schedule = json.loads(build.page("schedule-2027.json"))["schedule"]
    assert schedule["headers"] == {"materials": "Sessions"}
    assert "headers" not in schedule["sections"][0]
    assert schedule["sections"][1]["headers"] == {"topic": "Lab", "materials": "Handouts"}


def _latex_heads(tex: str) -> dict[str, str]:
    """Each longtable's caption -> the text of its first header (up to ``\\endfirsthead``)."""
    found = {}
    for match in re.finditer(r"\\caption\{(\w+)\\strut\}(.*?)\\endfirsthead", tex, re.S):
        found[match[1]] = match[2]
    return found


def test_the_latex_tables_show_their_headers(tmp_path: Path) -> None:
    build = built(project(tmp_path / "src"), "latex")
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    heads = _latex_heads(tex)
    assert set(heads) == {"Lectures", "Labs"}
    assert "Sessions" in heads["Lectures"] and "Topic" in heads["Lectures"]
    assert "Lab\n" in heads["Labs"] and "Handouts" in heads["Labs"]
    assert "Topic" not in heads["Labs"] and "Sessions" not in heads["Labs"]
    # the header repeated on every page the table runs onto is the same
    repeated = re.search(r"\\caption\{Labs.*?\\endfirsthead(.*?)\\endhead", tex, re.S)
    assert repeated and "Handouts" in repeated[1]


@pytest.mark.tex
def test_the_pdf_shows_them(tmp_path: Path) -> None:
    require_tool("latexmk", "pdflatex", "pdftotext")
    build = built(project(tmp_path / "src"), "latex")
    tex = next(build.outdir.glob("*.tex"))
    made = subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", tex.name],
                          cwd=build.outdir, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout[-3000:]
    text = subprocess.run(["pdftotext", "-raw", str(tex.with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    labs = text.split("Labs", 1)[1]
    assert "Week Lab Handouts\n" in labs
    assert "Week Topic Sessions\n" in text.split("Labs", 1)[0]


def test_the_ebook_shows_them(tmp_path: Path) -> None:
    conf = CONF + 'copyright = "2027"\nversion = "1"\n'  # what EPUB 3 asks for
    build = built(project(tmp_path / "src", conf=conf), "epub")
    heads = column_headers(build.page("index.xhtml"))
    assert [text for text, _ in heads["Labs"]] == ["Week", "Lab", "Handouts"]


WRONG = {  # name: (text of SCHEDULE, written instead, field named, what the warning says)
    "a list, as the setting is written": (
        "    headers: {topic: Lab, materials: Handouts}", "    headers: [Week, Lab, Handouts]",
        "sections[1].headers", "expected a mapping of column headers"),
    "one text": ("headers:\n  materials: Sessions", "headers: Sessions",
                 "headers", "expected a mapping of column headers"),
    "a column that is not one": (
        "{topic: Lab, materials: Handouts}", "{topik: Lab, materials: Handouts}",
        "sections[1].headers.topik", "unknown key 'topik'; did you mean 'topic'?"),
    "a number": ("  materials: Sessions", "  materials: 2027", "headers.materials",
                 "Input should be a valid string"),
    "blank": ("{topic: Lab,", "{topic: '',", "sections[1].headers.topic", "is empty"),
}


@pytest.mark.parametrize("name", WRONG)
def test_a_wrong_header_is_reported_at_its_line(tmp_path: Path, name: str) -> None:
    old, new, field, expected = WRONG[name]
    assert old in SCHEDULE
    root = project(tmp_path / "src", SCHEDULE.replace(old, new))
    build = sphinx_build(root, root / "_build" / "html", "html")
    assert build.returncode == 0, build.log
    line = line_of(root, new.strip())
    [warning] = build.warnings.splitlines()
    assert warning.startswith(f"{root / 'index.md'}:{line}: WARNING: schedule field "
                              f"'{field}': "), warning
    assert expected in warning and warning.endswith("[schedule.invalid]")
    # the rest of the block still renders: both tables, each column with some header
    heads = column_headers((build.outdir / "index.html").read_text(encoding="utf-8"))
    assert list(heads) == ["Lectures", "Labs"]
    assert all(len(cells) == 3 and all(text for text, _ in cells) for cells in heads.values())


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Handouts"
msgstr "讲义"

msgid "Lab"
msgstr "实验"
"""


def test_gettext_extracts_a_written_header_at_its_line(tmp_path: Path) -> None:
    root = project(tmp_path / "src")
    build = built(root, "gettext")
    with (build.outdir / "index.pot").open("rb") as handle:
        pot = {message.id: [(Path(path).name, line) for path, line in message.locations]
               for message in read_po(handle) if message.id}
    assert pot["Handouts"] == [("index.md", line_of(root, "materials: Handouts"))]
    assert pot["Sessions"] == [("index.md", line_of(root, "materials: Sessions"))]
    assert "Lectures & materials" not in pot  # the extension's word, not the page's


def test_a_written_header_is_translated_with_the_page(tmp_path: Path) -> None:
    root = project(tmp_path / "src")
    messages = root / "locales" / "zh_CN" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "index.po").write_text(PO, encoding="utf-8")
    build = built(root, "html", "-D", "language=zh_CN")
    html = build.page("index.html")
    assert column_headers(html) == {
        # the extension's words from its catalog; "Sessions" has no translation yet
        "Lectures": [("周次", "col"), ("主题", "col"), ("Sessions", "col")],
        "Labs": [("周次", "col"), ("实验", "col"), ("讲义", "col")],
    }
    soup = BeautifulSoup(html, "html.parser")
    untranslated = soup.select("table.schedule-table thead th span[lang=en]")
    assert [span.get_text() for span in untranslated] == ["Sessions"]


def test_the_guide_shows_the_warning_the_build_gives(tmp_path: Path) -> None:
    """The guide's example warning (a list, the setting's form) is the build's, word for
    word after the file and line."""
    guide = (REPO / "guide" / "writing-a-schedule.md").read_text(encoding="utf-8")
    section = guide.split("## Column headers", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```text\n(.*?)\n```", section, re.S)
    assert shown
    old, new, _, _ = WRONG["a list, as the setting is written"]
    root = project(tmp_path / "src", SCHEDULE.replace(old, new))
    build = sphinx_build(root, tmp_path / "out", "html")
    [warning] = build.warnings.splitlines()
    assert warning.split(": ", 1)[1] == shown[1].split(": ", 1)[1]
