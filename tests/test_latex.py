"""The PDF handbook and the e-book.

Fast tests read the LaTeX that Sphinx writes for a small, dense root (``test-latex``):
longtables that repeat their header, lists inside cells, exact link escaping, web
decoration left out.  The slow ones build the real site's PDF once with xelatex and read
it back with poppler and pypdf as a reader would: every lecture of every year is in the
text, each year fits in a few pages, a table continued on a new page repeats its header,
every schedule link is a clickable absolute URL.  Both the small root and the real site
must also build as an e-book with ``-W``.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

import legacy_page as legacy
from conftest import REPO, Build, require_tool, sphinx_build
from site_as_read_check import EXPECTED_YEARS, difference, expected_files

from tools.site_as_read import chapter_text

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # tests/legacy_page and the site's conf.py

from sphinx_course_schedule.schedule.links.hrefs import (  # noqa: E402
    encode_path, encode_url, is_allowed, is_site_path)
from sphinx_course_schedule.schedule.model.schedule import Schedule  # noqa: E402
from sphinx_course_schedule.schedule.source.yaml_lines import read_yaml  # noqa: E402
from sphinx_course_schedule.schedule.links.walker import links  # noqa: E402
from sphinx_course_schedule.schedule.render.labels import lecture_label, reading_label  # noqa: E402
from sphinx_course_schedule.schedule.source.validation import validate  # noqa: E402

MAX_PAGES_PER_YEAR = 4
BASE_URL = "https://deep-generative-models.github.io/"


def link_values(data: object) -> list[str]:
    return [found.value for found in links(data)]


def absolute(url: str) -> str:
    """Where a reader of the PDF or the e-book is sent: a site path on the site."""
    return BASE_URL + encode_path(url) if is_site_path(url) else encode_url(url)
PDF_NAME = "deep-generative-models"


def _pages_module() -> ModuleType:
    """``handbook/pages.py``, the same code ``make handbook-png`` runs."""
    spec = importlib.util.spec_from_file_location("handbook_pages", REPO / "handbook" / "pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pages = _pages_module()


# --- the LaTeX the writer produces (fast: no TeX needed) ---------------------------------

def _tex(app: SphinxTestApp) -> str:
    app.build()
    assert app.warning.getvalue() == ""
    return (app.outdir / "handbook.tex").read_text(encoding="utf-8")


def _longtables(tex: str) -> list[str]:
    return re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}", tex, re.S)


@pytest.mark.sphinx("latex", testroot="latex")
def test_each_section_is_a_longtable_that_repeats_its_header(app: SphinxTestApp) -> None:
    tables = _longtables(_tex(app))
    assert len(tables) == 4  # three sections of 2031, one of 2030
    for table in tables:
        first_head, rest = table.split(r"\endfirsthead", 1)
        repeated_head = rest.split(r"\endhead", 1)[0]
        for label in ("Week", "Topic", r"Lectures \& materials"):
            assert label in first_head and label in repeated_head
    assert r"\caption{Research \& Application\strut}" in tables[1]


@pytest.mark.sphinx("latex", testroot="latex")
def test_columns_have_the_given_widths_and_only_week_is_a_header(app: SphinxTestApp) -> None:
    table = _longtables(_tex(app))[0]
    assert table.startswith(r"\begin{longtable}{\X{14}{100}\X{26}{100}\X{60}{100}}")
    first_row = table.split(r"\endlastfoot", 1)[1].split(r"\sphinxhline", 1)[0]
    week, topic, items = re.split(r"(?<!\\)&", first_row)
    assert r"\sphinxstyletheadfamily" in week and "Week 1" in week
    assert r"\sphinxstyletheadfamily" not in topic and "Introduction" in topic
    assert r"\sphinxstyletheadfamily" not in items


@pytest.mark.sphinx("latex", testroot="latex")
def test_week_cells_show_the_meeting_date(app: SphinxTestApp) -> None:
    table = _longtables(_tex(app))[0]
    rows = table.split(r"\endlastfoot", 1)[1].split(r"\sphinxhline")
    week_cells = [re.split(r"(?<!\\)&", row)[0] for row in rows]
    # the term's week 1 starts Mon 2031-02-17 and meets on Thursdays
    assert ["Thu, Feb 20" in cell for cell in week_cells] == [True, False, False, False]
    assert "Thu, Feb 27" in week_cells[1] and "Thu, Mar 13" in week_cells[3]


@pytest.mark.sphinx("latex", testroot="latex")
def test_lecture_lists_are_itemize_inside_cells(app: SphinxTestApp) -> None:
    table = _longtables(_tex(app))[0]
    rows = table.split(r"\endlastfoot", 1)[1].split(r"\sphinxhline")
    assert len(rows) == 4  # weeks 1-4
    for row in rows:
        assert row.count(r"\begin{itemize}") == 1
        assert r"\begin{varwidth}" in row.split(r"\begin{itemize}")[0]
    week3 = rows[2]
    assert week3.count(r"\item") == 3  # lectures 7 and 8 share slides, then 9


@pytest.mark.sphinx("latex", testroot="latex")
def test_links_are_absolute_and_escaped_for_href(app: SphinxTestApp) -> None:
    tex = _tex(app)
    body = tex.split("\\begin{document}", 1)[1]  # not the preamble's macros (\sphinxhref{#1})
    hrefs = re.findall(r"\\sphinxhref\{([^}]*)\}", body)
    assert hrefs and all(h.startswith(("https://", "http://", "mailto:")) for h in hrefs)
    site = r"https://deep-generative-models.github.io/files/ppt/2031/"
    # spaces and & are percent-encoded, and the % is escaped for TeX
    assert (site + r"Lecture\%202\%20Mathematic\%20Foundation\%20\%26\%20Basic\%20"
            r"Concept.pdf") in hrefs
    # Chinese file names are percent-encoded UTF-8; a literal + and % are encoded too;
    # TeX-escaped _ is a plain _ again in the link (checked in the real PDF below)
    assert (site + r"8-1\_\%E6\%B2\%88\%E5\%BF\%83\%E6\%80\%A1\_cvae\_gpt2\_chatbot.pdf"
            ) in hrefs
    assert site + r"7-4\_Te\%2BSu\_PointFlow\_ICCV2019\%20100\%25.pdf" in hrefs
    # an external URL keeps its query and fragment, with # and & escaped for TeX
    assert r"https://example.org/search?q=gan\&lang=en\#results" in hrefs
    # the link text keeps the Chinese and the full-width colon as written
    assert "ICLR2021： A Distributional Approach" in tex


@pytest.mark.sphinx("latex", testroot="latex")
def test_code_links_are_set_as_code(app: SphinxTestApp) -> None:
    tex = _tex(app)
    assert (r"\sphinxhref{https://github.com/example/CVAE-Chatbot}"
            r"{\sphinxcode{\sphinxupquote{torch}}}") in tex


@pytest.mark.sphinx("latex", testroot="latex")
def test_remote_image_becomes_its_alt_text(app: SphinxTestApp) -> None:
    tex = _tex(app)  # no "Could not fetch remote image" warning (asserted in _tex)
    assert "example.org/diagram.png" not in tex
    assert r"\DUrole{remote-image}{Diagram of the course}" in tex


@pytest.mark.sphinx("latex", testroot="latex")
def test_linked_banners_are_left_out_and_covers_become_a_printed_list(
        app: SphinxTestApp) -> None:
    tex = _tex(app)
    for gone in ("banner.png", "Course banner", "cover.png"):
        assert gone not in tex
    assert r"\section{Course Staff}" in tex  # the page's other sections stay
    # the linked covers: each its alt text as the link, then the address, in a list
    others = tex.split(r"\section{Others}", 1)[1].split(r"\end{itemize}", 1)[0]
    assert others.count(r"\item") == 2
    assert (r"\sphinxhref{https://example.org/book}{Book cover}: "
            r"\sphinxurl{https://example.org/book}") in others


@pytest.mark.sphinx("latex", testroot="latex")
def test_mail_links_named_after_people_print_the_address(app: SphinxTestApp) -> None:
    tex = _tex(app)
    assert (r"\sphinxhref{mailto:ta@example.edu.cn}{Jialei Huang} (ta@example.edu.cn), "
            r"\sphinxhref{mailto:ta2@example.edu.cn}{Ruihai Wu} (ta2@example.edu.cn)") in tex
    # a link whose text is the address is not repeated
    assert "hao.dong@pku.edu.cn} (hao.dong" not in tex


@pytest.mark.sphinx("latex", testroot="latex")
def test_a_continued_table_names_its_year_and_section(app: SphinxTestApp) -> None:
    tables = _longtables(_tex(app))
    lines = [re.findall(r"\\sphinxtablecontinued\{(.*?)\}\}%", table) for table in tables]
    assert lines == [
        ["Spring 2031 — Fundamentals (continued)", "continues on next page"],
        [r"Spring 2031 — Research \& Application (continued)", "continues on next page"],
        ["Spring 2031 — Practices (continued)", "continues on next page"],
        ["Spring 2030 — Fundamentals (continued)", "continues on next page"]]


_OTHER_LONG_TABLE = """# Spring 2031

```{schedule}
year: 2031
sections:
  - title: Lectures
    weeks:
      - week: 1
        topic: Priors
```

```{list-table} Reading list
:class: longtable

* - Book
  - Author
* - Pattern Recognition
  - Bishop
```
"""


def _continued_lines(tmp_path: Path, conf: str, templates: dict[str, str]) -> list[str]:
    """The "continued" line of each longtable of a page with a schedule and a table of
    the project's own, built without the site's conf.py."""
    src = tmp_path / "src"
    (src / "_templates").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_course_schedule"]\n'
        'latex_documents = [("index", "course.tex", "Course", "Someone", "manual")]\n'
        + conf, encoding="utf-8")
    (src / "index.md").write_text(_OTHER_LONG_TABLE, encoding="utf-8")
    for name, text in templates.items():
        (src / "_templates" / name).write_text(text, encoding="utf-8")
    build = sphinx_build(src, tmp_path / "latex", "latex", "-W")
    assert build.returncode == 0 and build.warnings == "", build.warnings
    tex = (tmp_path / "latex" / "course.tex").read_text(encoding="utf-8")
    return [re.findall(r"\\sphinxtablecontinued\{(.*?)\}\}%", table)[0]
            for table in _longtables(tex)]


def test_only_the_schedule_tables_change_their_continued_line(tmp_path: Path) -> None:
    """Another project's own long table keeps Sphinx's line; no conf.py TeX needed."""
    assert _continued_lines(tmp_path, "", {}) == [
        "Spring 2031 — Lectures (continued)",
        r"\tablename\ \thetable{} \textendash{} continued from previous page"]


def test_a_projects_own_longtable_template_wins(tmp_path: Path) -> None:
    """A project that writes its own ``longtable.tex.jinja`` (Sphinx's documented way)
    gets it for every long table, the schedule's too."""
    own = (r"\begin{longtable}<%= table.get_colspec() %>\sphinxtablecontinued{mine}}%"
           "\n<%= ''.join(table.body) %>\\end{longtable}")
    assert _continued_lines(tmp_path, 'templates_path = ["_templates"]\n',
                            {"longtable.tex.jinja": own}) == ["mine", "mine"]


@pytest.mark.sphinx("latex", testroot="latex")
def test_title_page_and_years_in_toctree_order(app: SphinxTestApp) -> None:
    tex = _tex(app)
    assert r"\begin{titlepage}" in tex and "Peking University" in tex
    assert "Instructor: Hao Dong" in tex
    assert r"\usepackage{xeCJK}" in tex and r"\setCJKmainfont{Noto Serif CJK SC}" in tex
    chapters = re.findall(r"\\chapter\{([^}]*)\}", tex)
    assert chapters == ["Spring 2031", "Spring 2030"]


@pytest.mark.sphinx("epub", testroot="latex")
def test_epub_of_the_small_root_is_clean(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = (app.outdir / "years" / "2031" / "index.xhtml").read_text(encoding="utf-8")
    # remote images become their alt text; the e-book keeps local images and "Others"
    assert "example.org/banner.png" not in page and ">banner</span>" in page
    assert ">Diagram of the course</span>" in page and "banner.png" in page
    assert "Others" in page


def test_epub_rebuild_after_a_settings_change_is_clean(tmp_path: Path) -> None:
    """A changed setting makes Sphinx keep ``.buildinfo.bak``, which is no e-book file."""
    root = Path(__file__).parent / "roots" / "test-latex"
    out, doctrees = tmp_path / "epub", str(tmp_path / "doctrees")
    first = sphinx_build(root, out, "epub", "-W", "-d", doctrees)
    second = sphinx_build(root, out, "epub", "-W", "-d", doctrees, "-D", "epub_title=Other")
    assert (out / ".buildinfo.bak").exists()
    assert (first.returncode, first.warnings, second.returncode, second.warnings) == (
        0, "", 0, "")


def test_the_handbooks_tex_is_no_page_of_the_site(site_html: Build) -> None:
    """``handbook/*.tex.jinja`` (the preamble and title page conf.py renders) are read by
    conf.py only: no page, no source, no copy in the published site."""
    tex = sorted(path.name for path in (REPO / "handbook").glob("*.tex.jinja"))
    assert tex == ["preamble.tex.jinja", "titlepage.tex.jinja"]
    published = [path for path in site_html.outdir.rglob("*")
                 if path.name.startswith(("preamble", "titlepage"))]
    assert published == []


def test_handbook_lists_every_year_newest_first() -> None:
    text = (REPO / "handbook" / "index.md").read_text(encoding="utf-8")
    assert ":glob:" in text and ":reversed:" in text and "/years/*/index" in text


# --- the real handbook, built once with xelatex -----------------------------------------

def _normalise(text: str) -> str:
    """Compare text as read, not as typeset: no hyphens, breaks, ligatures or spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"[\s\-\u00ad]+", "", text)


def _schedule_blocks(page: Path) -> list[tuple[str, int]]:
    """Each ``{schedule}`` block of a MyST page: its YAML text and 0-based first line."""
    blocks = []
    for token in MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8")):
        if token.type != "fence" or token.info.strip() != "{schedule}":
            continue
        lines = token.content.splitlines()
        options = {}
        while lines and (match := re.match(r"^:(\w+):\s*(.*)$", lines[0])):
            options[match[1]] = match[2].strip()
            lines.pop(0)
        assert token.map is not None
        if "file" in options:
            blocks.append(((page.parent / options["file"]).read_text(encoding="utf-8"), 0))
        else:  # the body starts after the opening fence and the option lines
            blocks.append(("\n".join(lines), token.map[0] + 1 + len(options)))
    return blocks


def year_schedules() -> dict[int, list[Schedule]]:
    """Every year page's schedules, read and validated by the extension's own code."""
    found: dict[int, list[Schedule]] = {}
    for page in sorted((REPO / "years").glob("*/index.md")):
        for text, first_line in _schedule_blocks(page):
            read = read_yaml(text, max_bytes=1_000_000, max_depth=20)
            data, problems = validate(read, first_line=first_line, source=str(page))
            assert data is not None and not problems, (page, problems)
            found.setdefault(int(page.parent.name), []).append(data)
    return found


@pytest.fixture(scope="session")
def handbook(site_source: Path,
             tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Path]:
    """The real handbook: ``sphinx-build -b latex -W`` then latexmk, as ``make pdf`` does."""
    require_tool("xelatex", "latexmk", "pdftotext", "pdftoppm")
    out = tmp_path_factory.mktemp("handbook") / "latex"
    build = sphinx_build(site_source, out, "latex", "-W")
    assert build.returncode == 0 and build.warnings == "", build.warnings
    result = subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-silent",
                             f"{PDF_NAME}.tex"], cwd=out, capture_output=True, text=True,
                            check=False)
    pdf = out / f"{PDF_NAME}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stdout[-3000:]
    return build, pdf


@pytest.fixture(scope="session")
def handbook_text(handbook: tuple[Build, Path]) -> str:
    result = subprocess.run(["pdftotext", "-raw", str(handbook[1]), "-"],
                            capture_output=True, text=True, check=True)
    return result.stdout


@pytest.mark.parametrize("year", EXPECTED_YEARS)
def test_a_recorded_years_chapter_reads_as_it_did(handbook: tuple[Build, Path],
                                                  year: int) -> None:
    """The year's chapter of the PDF, as pdftotext reads it, is the recorded one
    (``tests/expected/site/<year>/handbook.txt``; see ``tools.site_as_read``)."""
    expected = expected_files(year).get("handbook.txt")
    assert expected is not None, f"no recorded chapter for {year}"
    found = chapter_text(handbook[1], year)
    assert found is not None, f"no chapter of the handbook names {year}"
    assert not (problem := difference(f"{year}/handbook.txt", expected, found)), problem


def test_every_lecture_and_reading_of_every_year_is_in_the_pdf(handbook_text: str) -> None:
    text = _normalise(handbook_text)
    schedules = year_schedules()
    assert len(schedules) >= 3
    missing = []
    for year, blocks in schedules.items():
        for data in blocks:
            for section in data.sections:
                for week in section.weeks:
                    labels = [lecture_label(n, t) for lecture in week.lectures
                              for n, t in lecture.each()]
                    labels += [reading_label(r) for r in week.papers + week.projects]
                    missing += [(year, label) for label in labels
                                if _normalise(label) not in text]
    assert not missing


def test_years_are_chapters_newest_first_within_the_page_bound(
        handbook: tuple[Build, Path]) -> None:
    chapters = pages.chapters(handbook[1])
    years = [int(m[0]) for c in chapters if (m := re.findall(r"\d{4}", c.title))]
    assert years == sorted(year_schedules(), reverse=True)
    assert len(chapters) == len(years)
    for chapter in chapters:
        assert chapter.pages <= MAX_PAGES_PER_YEAR, chapter


def test_front_matter_is_title_page_and_contents(handbook: tuple[Build, Path],
                                                 handbook_text: str) -> None:
    first_chapter = pages.chapters(handbook[1])[0].first
    front = handbook_text.split("\f")[:first_chapter - 1]
    assert 2 <= len(front) <= 3
    assert "Peking University" in front[0] and "Instructor: Hao Dong" in front[0]
    assert "Deep Generative Models" in front[0]
    assert "Contents" in front[1]
    metadata = PdfReader(handbook[1]).metadata
    assert metadata is not None and metadata.author == "Hao Dong"
    assert metadata.title is not None and metadata.title.startswith("Deep Generative Models")


def _chapter_of_page(pdf: Path) -> dict[int, str]:
    """1-based page number -> the title of the chapter (year) it belongs to."""
    return {page: chapter.title for chapter in pages.chapters(pdf)
            for page in range(chapter.first, chapter.last + 1)}


def test_a_table_continued_on_a_new_page_names_its_year_and_repeats_its_header(
        handbook: tuple[Build, Path], handbook_text: str) -> None:
    chapter_of = _chapter_of_page(handbook[1])
    continued = [(number, page) for number, page in enumerate(handbook_text.split("\f"), 1)
                 if "(continued)" in page]
    assert len(continued) >= 2  # the 2021 and 2020 schedules do not fit on one page
    for number, page in continued:
        line = next(line.strip() for line in page.splitlines()
                    if line.strip().endswith("(continued)"))
        # "Spring 2021 — Research & Application (continued)": this page's year
        match = re.fullmatch(r"(.+) — (.+) \(continued\)", line)
        assert match is not None and match[1] == chapter_of[number], (number, line)
        after = page.split(line, 1)[1].lstrip().splitlines()[0]
        assert after.split() == ["Week", "Topic", "Lectures", "&", "materials"]
        assert "continued from previous page" not in page


@pytest.fixture(scope="session")
def handbook_layout(handbook: tuple[Build, Path]) -> list[list[str]]:
    """Each page's non-empty lines as laid out: the running head first, the foot last."""
    result = subprocess.run(["pdftotext", "-layout", str(handbook[1]), "-"],
                            capture_output=True, text=True, check=True)
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in result.stdout.split("\f")]


def test_every_page_of_a_year_names_the_year(handbook: tuple[Build, Path],
                                             handbook_layout: list[list[str]]) -> None:
    for chapter in pages.chapters(handbook[1]):
        assert re.fullmatch(r"Spring \d{4}", chapter.title), chapter.title
        for number in range(chapter.first, chapter.last + 1):
            lines = handbook_layout[number - 1]
            # the foot: "Spring 2021 – Schedule   4" (the first page: the year alone)
            assert lines[-1].startswith(chapter.title), (number, lines[-1])
            if number > chapter.first:  # the head: "Deep Generative Models   Spring 2021"
                assert lines[0].split() == ["Deep", "Generative", "Models",
                                            *chapter.title.split()], (number, lines[0])
            else:
                assert lines[0] == chapter.title


_COVER = re.compile(r"\[!\[([^\]]+)\]\((https?://[^)]+)\)(?:\{[^}]*\})?\]\((https?://[^)]+)\)")


def test_the_book_lists_and_ta_addresses_are_printed(handbook_text: str) -> None:
    text = _normalise(handbook_text)
    for year in year_schedules():
        source = (REPO / "years" / str(year) / "index.md").read_text(encoding="utf-8")
        covers = _COVER.findall(source.split("## Others", 1)[1])
        if year in legacy.PAGES:  # a migrated year: the legacy page's books, none lost
            assert [link for _, _, link in covers] == [link for link, _, _ in legacy.books(year)]
        for title, _, link in covers:
            assert _normalise(f"{title}: {link}") in text, (year, title)
        staff = source.split("## Course Staff", 1)[1].split("\n## ", 1)[0]
        addresses = set(legacy.EMAIL.findall(staff))
        if year in legacy.PAGES:
            assert legacy.staff_emails(year) <= addresses, year
        for address in addresses:
            assert _normalise(f"({address})") in text or _normalise(address) in text, address
    assert "cover_v1.png" not in handbook_text and "ScreenShow" not in handbook_text
    for name, url in legacy.staff(2020):  # 2020's TAs are only mailto: links on the web
        if url.startswith("mailto:"):
            assert _normalise(f"{name} ({url.removeprefix('mailto:')})") in text, name


def test_page_labels_are_distinct(handbook: tuple[Build, Path]) -> None:
    labels = PdfReader(handbook[1]).page_labels
    assert labels[0] == "Title"
    assert len(set(labels)) == len(labels), labels


def test_every_schedule_link_is_a_clickable_absolute_url(handbook: tuple[Build, Path]) -> None:
    clickable = set(pages.link_targets(handbook[1]))
    expected = {absolute(url)
                for blocks in year_schedules().values() for data in blocks
                for url in link_values(data) if is_allowed(url)}
    assert expected and expected <= clickable
    assert all(url.startswith(("https://", "http://", "mailto:")) for url in clickable)
    # decoded, each slide link is the file's path as written, spaces, &, + and Chinese
    # included, on the original site: nothing was lost to TeX's escaping
    decoded = {unquote(url) for url in clickable}
    paths = [url.strip().lstrip("/") for blocks in year_schedules().values()
             for data in blocks for url in link_values(data) if is_site_path(url)]
    assert any(re.search(r"[\u4e00-\u9fff]", path) for path in paths)
    assert [p for p in paths if BASE_URL + p not in decoded] == []
    assert all(url.isascii() for url in clickable)
    tex = (handbook[1].parent / f"{PDF_NAME}.tex").read_text(encoding="utf-8")
    assert r"\sphinxhref{https://deep-generative-models.github.io/files/ppt/" in tex


def test_a_schedule_page_renders_to_png(handbook: tuple[Build, Path],
                                        tmp_path: Path) -> None:
    first = pages.chapters(handbook[1])[0]
    png = pages.render_page(handbook[1], first.first, tmp_path / "handbook-2022.png", dpi=60)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert abs(width - 210 / 25.4 * 60) < 2 and abs(height - 297 / 25.4 * 60) < 2  # A4


def test_make_pdf_names_the_debian_packages_when_tex_is_missing(tmp_path: Path) -> None:
    """``make pdf`` on a PATH with make and bash but no TeX: a clear message, no build."""
    require_tool("make")
    for tool in ("make", "bash"):
        found = shutil.which(tool)
        assert found is not None
        (tmp_path / tool).symlink_to(found)
    result = subprocess.run([str(tmp_path / "make"), "-o", ".venv/.runtime", "pdf"],
                            cwd=REPO, env={"PATH": str(tmp_path)}, capture_output=True,
                            text=True, check=False)
    assert result.returncode != 0
    assert "sudo apt-get install texlive-xetex latexmk" in result.stderr
    assert "sphinx-build" not in result.stdout


def test_the_real_site_builds_as_epub_without_warnings(
        site_source: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("epub") / "epub"
    # doctrees outside the output, as `make epub` (-M) and Read the Docs keep them
    build = sphinx_build(site_source, out, "epub", "-W", "-d", str(out.parent / "doctrees"))
    assert build.returncode == 0 and build.warnings == "", build.warnings
    assert list(out.glob("*.epub"))
    linked = 0
    for year, blocks in year_schedules().items():
        page = BeautifulSoup((out / "years" / str(year) / "index.xhtml").read_text(
            encoding="utf-8"), "html.parser")
        slides = [a["href"] for a in page.select("table a.schedule-slides")]
        # every slide the year's schedule names (a year just started may have none yet),
        # each on the original site: the e-book carries no slide files
        named = {absolute(found.value) for data in blocks
                 for found in links(data) if found.field == "slides"}
        assert named <= set(slides), year
        assert all(href.startswith(BASE_URL) for href in slides), year
        assert all("://" not in img["src"] for img in page.find_all("img"))
        linked += len(slides)
    assert linked, "no year links a slide"


# --- the printed handbook leads to the site (issue 21) ----------------------------------

def _page_texts(handbook_text: str) -> list[str]:
    return handbook_text.split("\f")


@pytest.mark.tex
def test_the_title_page_prints_the_sites_address(handbook_text: str) -> None:
    assert BASE_URL in _page_texts(handbook_text)[0]


@pytest.mark.tex
def test_each_year_starts_with_its_pages_address_and_a_qr_code_to_it(
        handbook: tuple[Build, Path], handbook_text: str, tmp_path: Path) -> None:
    require_tool("zbarimg")
    texts = _page_texts(handbook_text)
    chapters = pages.chapters(handbook[1])
    assert [int(re.findall(r"\d{4}", c.title)[0]) for c in chapters] == sorted(
        year_schedules(), reverse=True)
    for chapter in chapters:
        year = re.findall(r"\d{4}", chapter.title)[0]
        address = f"{BASE_URL}years/{year}/index.html"
        assert address in texts[chapter.first - 1], (chapter.title, "address not printed")
        png = pages.render_page(handbook[1], chapter.first, tmp_path / f"{year}.png", dpi=150)
        scan = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                              text=True, check=False)
        assert scan.stdout.split() == [address], (chapter.title, scan.stdout, scan.stderr)


def _dark_line_under(gray: "Image.Image", box: tuple[float, float, float, float],
                     page_height: float, scale: float) -> bool:
    """Whether a row of dark pixels spans (nearly) the whole width of a link's box."""
    x0, y0, x1, y1 = box
    left, right = int(x0 * scale) + 1, int(x1 * scale) - 1
    top, bottom = int((page_height - y1) * scale), int((page_height - y0) * scale) + 4
    width = right - left
    if width < 10:
        return True  # too short to tell a line from a glyph
    for row in range(max(top, 0), min(bottom, gray.height)):
        dark = sum(1 for x in range(left, right) if gray.getpixel((x, row)) < 140)
        if dark >= 0.85 * width:
            return True
    return False


@pytest.mark.tex
def test_links_are_visible_in_black_and_white(handbook: tuple[Build, Path],
                                               tmp_path: Path) -> None:
    """Printed in grey, a link is underlined: a dark line under each clickable box."""
    from PIL import Image

    reader = PdfReader(handbook[1])
    dpi = 100
    checked, missing = 0, []
    for chapter in pages.chapters(handbook[1]):
        number = chapter.first
        page = reader.pages[number - 1]
        png = tmp_path / f"page-{number}.png"
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), "-f", str(number),
                        "-l", str(number), "-singlefile", str(handbook[1]),
                        str(png.with_suffix(""))], check=True)
        with Image.open(png) as image:
            gray = image.convert("L")
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                action = annotation.get("/A")
                if action is None or "/URI" not in action:
                    continue
                box = tuple(float(v) for v in annotation["/Rect"])
                checked += 1
                if not _dark_line_under(gray, box, float(page.mediabox.height), dpi / 72):
                    missing.append((number, str(action["/URI"])))
    assert checked >= 10, "too few links on the chapters' first pages to judge"
    assert not missing, f"links without an underline: {missing[:5]}"


def _chapter_texts(handbook: tuple[Build, Path], handbook_text: str) -> dict[int, str]:
    texts = _page_texts(handbook_text)
    return {int(re.findall(r"\d{4}", c.title)[0]): "\n".join(texts[c.first - 1:c.last])
            for c in pages.chapters(handbook[1])}


@pytest.mark.tex
def test_each_staff_address_is_printed_once_per_year(handbook: tuple[Build, Path],
                                                     handbook_text: str) -> None:
    chapters = _chapter_texts(handbook, handbook_text)
    checked = 0
    for year, text in chapters.items():
        source = (REPO / "years" / str(year) / "index.md").read_text(encoding="utf-8")
        staff = source.split("## Course Staff", 1)[1].split("\n## ", 1)[0]
        links = re.findall(r"\[([^\]]+)\]\(mailto:([^)\s]+)\)", staff)
        for address in {address for _, address in links}:
            # once per person named (two 2020 TAs share one address); 2021 links its TA's
            # name and, next to it, the address: printed once
            people = {name for name, linked in links if linked == address and name != address}
            checked += 1
            assert text.count(address) == max(len(people), 1), (year, address)
    assert checked, "no year names its staff's mail addresses"


@pytest.mark.tex
def test_a_continued_table_carries_some_content_onto_its_new_page(handbook_text: str) -> None:
    """Not only weeks with nothing in them yet (2022's last four were left alone)."""
    header = re.compile(r"Week Topic Lectures & materials\n")
    for number, page in enumerate(_page_texts(handbook_text), 1):
        if "(continued)" not in page:
            continue
        rest = header.split(page.split("(continued)", 1)[1], 1)[-1]
        table = re.split(r"\n(?:Table \d+:|Course Staff|Feedback|Others)", rest, maxsplit=1)[0]
        assert "•" in table, f"page {number} continues a table with empty weeks only"
