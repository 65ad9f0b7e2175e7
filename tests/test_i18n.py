"""The site in another language: the extension's words from its catalog, the schedule's
content from a page's ``.po``, and the real site built in Chinese.

* The ``sphinx-course-schedule`` catalog (``_ext/locale``) is compared with the messages Babel
  extracts from ``_ext/``: nothing missing, stale, untranslated or uncompiled.
* ``tests/roots/test-i18n`` is a small schedule with a made-up Chinese translation of its
  content (``locales/zh_CN/LC_MESSAGES/index.po``): the ``gettext`` builder extracts each
  topic and title at its line, and the Chinese HTML, LaTeX and calendar show the
  translation together with the catalog's words.
* The real site built with ``language = "zh_CN"`` (``make html-zh``) shows none of the
  catalog's English source text in its year pages, and its search index is Chinese.
"""

from __future__ import annotations

import gettext
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO, YEARS, Build, require_tool, sphinx_build, without_badges
from icalendar import Calendar

from sphinx_course_schedule.locale import LOCALE_DIR, compile_catalogs, po_files
from sphinx_course_schedule.commands import catalog

ROOT = Path(__file__).parent / "roots" / "test-i18n"
ZH = ("-D", "language=zh_CN")


# --- the extension's catalog ------------------------------------------------------------
def test_every_catalog_matches_the_code() -> None:
    source = catalog.template()
    assert {"Week {number}", "no class", "Course years:", "this week"} <= {
        message.id for message in source}, "the extractor found none of our words"
    files = catalog.po_files()
    assert [path.parts[-3] for path in files] == ["zh_CN"]
    for path in files:
        assert catalog.problems(path, source) == []


def test_a_stale_or_missing_message_is_reported(tmp_path: Path) -> None:
    po = tmp_path / "zh_CN" / "LC_MESSAGES" / "sphinx-course-schedule.po"
    po.parent.mkdir(parents=True)
    shutil.copy(catalog.po_files()[0], po)
    text = po.read_text(encoding="utf-8").replace('msgid "no class"', 'msgid "no lesson"')
    po.write_text(text, encoding="utf-8")
    found = catalog.problems(po, catalog.template())
    assert "sphinx-course-schedule.po: missing 'no class'" in found
    assert "sphinx-course-schedule.po: stale 'no lesson'" in found


def test_the_catalog_is_compiled_into_the_build_not_the_source(tmp_path: Path) -> None:
    """No compiled ``.mo`` is kept: a build compiles the ``.po`` into its own cache, once,
    and again when the ``.po`` is newer (a translator's edit shows on the next build)."""
    assert not list(LOCALE_DIR.rglob("*.mo")), "a compiled catalog is kept in the source"
    source = tmp_path / "source"
    shutil.copytree(LOCALE_DIR, source, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    po = po_files(source)[0]
    target = compile_catalogs(tmp_path / "cache", source)
    mo = target / po.relative_to(source).with_suffix(".mo")

    def words(path: Path) -> gettext.GNUTranslations:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)

    assert words(mo).gettext("no class") != "no class"
    assert list(source.rglob("*.mo")) == []
    before = mo.stat().st_mtime_ns
    compile_catalogs(target, source)
    assert mo.stat().st_mtime_ns == before, "an unchanged catalog was compiled again"
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "no class"')
    entry_end = text.index("\n\n", start) if "\n\n" in text[start:] else len(text)
    po.write_text(text[:start] + 'msgid "no class"\nmsgstr "停课（测试）"' + text[entry_end:],
                  encoding="utf-8")
    os.utime(po, ns=(before + 10**9, before + 10**9))
    compile_catalogs(target, source)
    assert words(mo).gettext("no class") == "停课（测试）"


# --- a translated test root -------------------------------------------------------------
@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the root: Sphinx compiles the page's ``.po`` into a ``.mo`` beside it."""
    copy = tmp_path_factory.mktemp("i18n") / "root"
    shutil.copytree(ROOT, copy)
    return copy


def _build(root: Path, builder: str, name: str, *extra: str) -> Build:
    build = sphinx_build(root, root / "_build" / name, builder, "-W", *extra,
                         env={"SCHEDULE_REPO": str(REPO)})
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return build


@pytest.fixture(scope="module")
def zh_html(root: Path) -> Build:
    return _build(root, "html", "html-zh", *ZH)


def _line_of(text: str) -> int:
    """1-based line of ``text`` in the root's page."""
    lines = (ROOT / "index.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == text)


def test_gettext_extracts_each_topic_and_label_at_its_line(root: Path) -> None:
    build = _build(root, "gettext", "gettext")
    with (build.outdir / "index.pot").open("rb") as handle:
        pot = {message.id: message.locations for message in read_po(handle) if message.id}
    page = "../../index.md"
    assert pot["Introduction"] == [(page, _line_of("- week: 1"))]
    assert pot["Reading list"] == [(page, _line_of("- label: Reading list"))]
    assert pot["Fundamentals"] == [(page, _line_of("- title: Fundamentals"))]
    assert "**Spring 2026 - Wed 3:10-6:00 PM, Science Building**" in pot
    # our own words are not the page's to translate; lecture and reading titles stay
    # English in every edition (they are the slides' and the papers' titles)
    assert not any(re.match(r"(Week|Lecture) \d", message) for message in pot)
    for title in ("Course Overview", "Point Cloud Completion", "Image Captioning"):
        assert title not in pot


def _page(html: str) -> BeautifulSoup:
    """The page without the "PDF"/"PPTX" badges of download links (not translated text)."""
    return without_badges(html)


def _cells(soup: BeautifulSoup) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in soup.select("table.schedule-table tr")]


def test_the_chinese_page_shows_translated_content_and_our_words(zh_html: Build) -> None:
    soup = _page(zh_html.page("index.html"))
    assert soup.h1.get_text(strip=True).rstrip("¶") == "2026 年春季"
    assert "2026 年春季 - 周三 15:10-18:00，理科楼" in soup.get_text()
    assert [caption.get_text(strip=True).rstrip("¶")
            for caption in soup.select("table.schedule-table caption")] == ["基础", "实践"]
    assert _cells(soup) == [
        ["周次", "主题", "课程与资料"],
        # (the space after "：" is get_text's, between the label and the English title)
        ["第 1 周 2月25日（周三）", "引言",
         "第 1 讲： Course Overview 第 2 讲： Data Representation 阅读清单"],
        ["第 2 周 3月4日（周三） 停课", "变分自编码器", "第 3 讲： Variational Autoencoder"],
        ["周次", "主题", "课程与资料"],
        ["第 3 周 3月11日（周三）", "论文研读",
         "3-1 Point Cloud Completion , CVPR 2020 Image Captioning"],
    ]
    slides = soup.select_one("li.schedule-lecture a")
    assert slides.get_text() == "第 1 讲：Course Overview"
    assert slides.select_one('span[lang="en"]').get_text() == "Course Overview"
    assert slides["href"].endswith("files/ppt/2026/L1.pdf")
    assert soup.select_one(".schedule-downloads").get_text() == (
        "下载本课程表：日历（iCalendar .ics） · 数据（JSON）")
    assert soup.select_one("div.schedule")["data-current-week-label"] == "本周"


def test_the_english_page_is_the_source_text(root: Path) -> None:
    soup = _page(_build(root, "html", "html-en").page("index.html"))
    assert _cells(soup)[:3] == [
        ["Week", "Topic", "Lectures & materials"],
        ["Week 1 Wed, Feb 25", "Introduction",
         "Lecture 1: Course Overview Lecture 2: Data Representation Reading list"],
        ["Week 2 Wed, Mar 4 no class", "Variational Autoencoders",
         "Lecture 3: Variational Autoencoder"],
    ]
    assert soup.select_one("div.schedule")["data-current-week-label"] == "this week"


def test_the_chinese_calendar_is_translated_too(zh_html: Build) -> None:
    """Our words from our catalog, the topics from the page's ``.po``; titles stay."""
    calendar = Calendar.from_ical((zh_html.outdir / "schedule-2026.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["引言", "论文研读"]
    assert [str(event["description"]) for event in events] == [
        "第 1 讲：Course Overview\n第 2 讲：Data Representation",
        "论文：3-1 Point Cloud Completion, CVPR 2020\n项目：Image Captioning"]


def test_chinese_search_finds_translated_words(zh_html: Build) -> None:
    text = zh_html.page("searchindex.js")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    # jieba splits "变分自编码器" (variational autoencoders) into words a reader types
    for word in ("变分", "编码器", "引言", "停课"):
        assert index["terms"].get(word) == 0, word
    assert "LANGUAGE: 'zh-CN'" in zh_html.page("_static/documentation_options.js")


def test_the_chinese_latex_shows_translated_content(root: Path) -> None:
    build = _build(root, "latex", "latex-zh", *ZH)
    tex = next(build.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\caption{基础\strut}" in tex and r"\caption{实践\strut}" in tex
    for text in ("第 1 周", "2月25日（周三）", "停课", "引言", "第 1 讲：",
                 "{Course Overview}", "3\\sphinxhyphen{}1 ", "{Point Cloud Completion}, CVPR 2020",
                 "周次", r"\renewcommand{\contentsname}{目录}"):
        assert text in tex, text
    assert "Lecture 1" not in tex and "Week 1" not in tex


# --- the real site in Chinese -----------------------------------------------------------
@pytest.fixture(scope="module")
def site_zh(site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``make html-zh``: the real site with ``language = "zh_CN"``, with ``-W``."""
    build = sphinx_build(site_source, tmp_path_factory.mktemp("site-zh") / "html", "html", "-W", *ZH)
    assert build.returncode == 0 and build.warnings == "", build.warnings
    return build


def _source_words() -> tuple[set[str], set[str]]:
    """The catalog's English source text: phrases (shown nowhere in a Chinese page) and
    single words (shown nowhere in what the extension writes)."""
    phrases, words = set(), set()
    for message in catalog.template():
        if not message.id or "EEE" in message.id:  # a date pattern, not words
            continue
        for part in re.split(r"\{\w+\}", message.id):
            part = part.strip(" :·")
            if re.search("[A-Za-z]", part):
                (phrases if " " in part else words).add(part)
    return phrases, words


def test_no_english_word_of_ours_in_the_chinese_year_pages(site_zh: Build) -> None:
    phrases, words = _source_words()
    assert {"no class", "Download this schedule", "Course years", "Week", "Lecture"} <= (
        phrases | words)
    for year in YEARS:
        soup = site_zh.year_page(year)
        # the article: the sidebar's "Course years" is index.md's toctree caption, the
        # site's own text (translated by the site's .po like any page), not ours
        text = soup.select_one("article").get_text(" ")
        assert [phrase for phrase in phrases if phrase in text] == [], year
        ours = [*soup.select("table.schedule-table th"), *soup.select(".schedule-downloads"),
                *soup.select(".year-switcher")]
        assert ours, year
        for element in ours:
            shown = set(re.findall(r"[A-Za-z]+", element.get_text(" ")))
            assert shown & words == set(), (year, element.get_text(" ", strip=True))
        lectures = [li.get_text(" ", strip=True) for li in soup.select("li.schedule-lecture")]
        assert lectures and all(label.startswith("第 ") for label in lectures), year
        assert not any(re.search(r"\bLecture \d", label) for label in lectures), year


def test_no_english_phrase_of_ours_on_the_chinese_landing_page(site_zh: Build) -> None:
    """The landing page's card for the newest term is the extension's too."""
    phrases, _words = _source_words()
    soup = BeautifulSoup(site_zh.page("index.html"), "html.parser")
    card = soup.select_one(".newest-year .sd-card-title")
    assert card is not None
    text = soup.select_one("article").get_text(" ")
    assert [phrase for phrase in phrases if phrase in text] == []
    # the card's title: the term's translated name and our words, no English left
    assert not re.search("[A-Za-z]", card.get_text(" ")), card.get_text(" ")


def test_the_chinese_site_search_is_chinese(site_zh: Build) -> None:
    text = site_zh.page("searchindex.js")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    years = {f"years/{year}/index" for year in YEARS}
    # "课程" (course), from the heading "课程安排" (schedule) on every year page; the
    # browser's search looks in the title terms as in the text
    found = index["titleterms"]["课程"]
    found = found if isinstance(found, list) else [found]
    assert years <= {index["docnames"][number] for number in found}


@pytest.mark.tex
def test_the_chinese_handbook_has_chinese_headings_and_tables(site_source: Path,
                                                              tmp_path: Path) -> None:
    """``make pdf-zh``: xelatex with xeCJK sets the Chinese headings and table labels."""
    require_tool("latexmk", "xelatex", "pdftotext")
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(site_source), str(tmp_path), "-q",
         "-W", "--keep-going", *ZH], capture_output=True, text=True, check=False)
    pdfs = list((tmp_path / "latex").glob("*.pdf"))
    assert build.returncode == 0 and pdfs, build.stdout[-2000:] + build.stderr[-2000:]
    text = subprocess.run(["pdftotext", "-layout", str(pdfs[0]), "-"], capture_output=True,
                          text=True, check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "目录" in lines and "Contents" not in lines
    assert any(line.startswith("周次 主题 课程与资料") for line in lines)
    assert any(line.startswith(("第 1 周", "第1周")) for line in lines)
    assert any("第 1 讲：Introduction" in line for line in lines)
    assert "Week 1" not in text and "Lecture 1:" not in text
    assert any(line.startswith("表 1：") for line in lines)  # a full-width colon
    # a table goes on: its year and section, in Chinese ("2021 年春季 — 实践（续）")
    assert any(re.search(r"\d{4} 年春季 — \S+（续）$", line) for line in lines)
    assert "continued" not in text
    assert "Course handbook" not in text and "课程手册" in text  # the title page


def test_the_chinese_site_search_finds_a_2020_student_by_name(site_zh: Build) -> None:
    """2020's presenters (``presenters:``) are on the page, so searching a name finds it."""
    text = site_zh.page("searchindex.js")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for name in ("董和鑫", "桑宇辰", "陶宛玉"):
        found = index["terms"][name]
        found = found if isinstance(found, list) else [found]
        assert [index["docnames"][number] for number in found] == ["years/2020/index"], name
