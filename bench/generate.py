"""Generate a synthetic archive of year pages, once with ``{schedule}`` and once by hand.

Why two forms of the same content: the benchmark must show what the directive costs on
top of what a site without it would pay anyway.  The hand-written form is what an author
would type to get the same page in MyST without the extension: one ``{list-table}`` per
section with the same caption, header row, week stub column with its ``week-N`` anchor,
topic, and a bullet list of slide links encoded exactly as the directive encodes them.
(Only the tables' ids differ: ``:name:`` makes a site-wide label, so it needs the year.)

Each generated project uses the site's real ``conf.py`` (furo, MyST, sphinx-design and
the ``_ext`` extension), so both forms pay for the same theme and extensions.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sphinx_course_schedule.schedule.links.hrefs import encode_path  # noqa: E402

FORMS = ("directive", "hand")
WEEKS = 16
LECTURES_PER_WEEK = 3
FIRST_YEAR = 2000
BASE_URL = "https://deep-generative-models.github.io/"
HEADERS = ("Week", "Topic", "Lectures & materials")
# (section title, table id the directive gives it, weeks in it) - the real site's layout
SECTIONS = (
    ("Fundamentals", "schedule-fundamentals", range(1, 6)),
    ("Research & Application", "schedule-research-application", range(6, 14)),
    ("Practices", "schedule-practices", range(14, WEEKS + 1)),
)
TOPICS = ("Introduction", "Autoregressive Models", "Variational Autoencoders",
          "Normalising Flow Models", "Generative Adversarial Networks",
          "Evaluation of Generative Models", "Energy-based Models",
          "Challenges of Generative Models", "Diffusion Models", "Score-based Models",
          "Image Generation", "Text Generation", "Speech & Audio Generation",
          "Course Project 1", "Course Project 2", "Course Project 3")


@dataclass(frozen=True)
class LectureData:
    number: int
    title: str
    slides: str


def lectures(year: int, week: int) -> list[LectureData]:
    """Three lectures of one week; slide paths have spaces and ``&`` like the real ones."""
    found = []
    for k in range(LECTURES_PER_WEEK):
        number = (week - 1) * LECTURES_PER_WEEK + k + 1
        title = f"{TOPICS[week - 1]} & Practice {k + 1}"
        found.append(LectureData(number, title,
                                 f"files/ppt/{year}/Lecture {number} {title}.pdf"))
    return found


def year_of(index: int) -> int:
    return FIRST_YEAR + index


def _quote_yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def directive_page(year: int) -> str:
    """A year page whose tables come from one ``{schedule}`` block."""
    lines = [f"# Spring {year}", "", f"Synthetic benchmark page for {year}.", "",
             "```{schedule}", "sections:"]
    for title, _, weeks in SECTIONS:
        lines += [f"  - title: {_quote_yaml(title)}", "    weeks:"]
        for week in weeks:
            lines += [f"      - week: {week}", f"        topic: {_quote_yaml(TOPICS[week - 1])}",
                      "        lectures:"]
            for lecture in lectures(year, week):
                lines += [f"          - number: {lecture.number}",
                          f"            title: {_quote_yaml(lecture.title)}",
                          f"            slides: {_quote_yaml(lecture.slides)}"]
    lines += ["```", ""]
    return "\n".join(lines)


def _md_text(text: str) -> str:
    """Escape the characters Markdown would read as markup in link text."""
    return "".join("\\" + c if c in "\\[]*_`<>" else c for c in text)


def hand_page(year: int) -> str:
    """The same page written by hand with ``{list-table}``, as close as MyST allows."""
    lines = [f"# Spring {year}", "", f"Synthetic benchmark page for {year}.", "",
             "::::{container} schedule", ""]
    for title, table_id, weeks in SECTIONS:
        lines += [f":::{{list-table}} {title}", ":header-rows: 1", ":stub-columns: 1",
                  ":widths: 14 26 60", ":class: schedule-table longtable",
                  f":name: {table_id}-{year}", ""]
        lines += [f"* - {HEADERS[0]}", f"  - {HEADERS[1]}", f"  - {HEADERS[2]}"]
        for week in weeks:
            lines += [f"* - [Week {week}]{{#week-{week}}}", f"  - {_md_text(TOPICS[week - 1])}"]
            for k, lecture in enumerate(lectures(year, week)):
                # what the directive links to: the slides on the files' site, encoded
                href = BASE_URL.rstrip("/") + "/" + encode_path(lecture.slides)
                text = _md_text(f"Lecture {lecture.number}: {lecture.title}")
                lines.append(f"  {'- ' if k == 0 else '  '}+ [{text}]({href})")
        lines += [":::", ""]
    lines += ["::::", ""]
    return "\n".join(lines)


CONF = '''\
"""Benchmark project: runs the site's real conf.py, then nothing else."""

from pathlib import Path as _Path

_real_conf = _Path({conf!r})
_here = __file__
__file__ = str(_real_conf)  # the real conf finds its files (years/, _templates/) from here
exec(compile(_real_conf.read_text(encoding="utf-8"), str(_real_conf), "exec"))
__file__ = _here
{extra}'''

WITHOUT_EXT = 'extensions = [name for name in extensions if name != "sphinx_course_schedule"]\n'
"""Appended to a generated ``conf.py``: the same site without the extension (the floor)."""


def one_page(srcdir: Path, site: Path = REPO, with_ext: bool = True) -> Path:
    """The site's ``conf.py`` and only an ``index.md``: what the extension costs by itself."""
    if srcdir.exists():
        shutil.rmtree(srcdir)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        CONF.format(conf=str(site / "conf.py"), extra="" if with_ext else WITHOUT_EXT),
        encoding="utf-8")
    (srcdir / "_static").mkdir()
    favicon = site / "_static" / "favicon.svg"  # conf.py names it; both sides carry it
    if favicon.is_file():
        shutil.copy2(favicon, srcdir / "_static" / favicon.name)
    if (site / "_templates").is_dir():  # conf.py's templates_path (the 404 page's)
        shutil.copytree(site / "_templates", srcdir / "_templates")
    (srcdir / "index.md").write_text("# Deep Generative Models\n\nOne page.\n",
                                     encoding="utf-8")
    return srcdir


def snapshot(target: Path) -> Path:
    """Copy the site's ``conf.py``, ``_ext/``, ``_static/``, ``_templates/`` and the
    handbook's TeX (``handbook/*.tex.jinja``) to ``target``.

    A benchmark run takes many minutes while the repository may change; building every
    project from one copy keeps all the runs of one benchmark on the same code.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy2(REPO / "conf.py", target / "conf.py")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("_ext", "_static", "_templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, target / name, ignore=ignore)
    (target / "handbook").mkdir()  # the handbook's TeX that conf.py reads
    for tex in (REPO / "handbook").glob("*.tex.jinja"):
        shutil.copy2(tex, target / "handbook" / tex.name)
    return target


def generate(srcdir: Path, n: int, form: str, site: Path = REPO) -> list[Path]:
    """Write a project with ``n`` year pages in ``form``; return the year pages' paths.

    ``site`` is the folder whose ``conf.py`` (and ``_ext``) the project uses: the
    repository, or a :func:`snapshot` of it.
    """
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    if srcdir.exists():
        shutil.rmtree(srcdir)
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF.format(conf=str(site / "conf.py"), extra=""),
                                    encoding="utf-8")
    static = site / "_static"
    if static.is_dir():
        shutil.copytree(static, srcdir / "_static")
    else:
        (srcdir / "_static").mkdir()
    if (site / "_templates").is_dir():  # conf.py's templates_path (the 404 page's)
        shutil.copytree(site / "_templates", srcdir / "_templates")
    years = [year_of(i) for i in range(n)]
    toctree = "\n".join(f"years/{year}/index" for year in reversed(years))
    (srcdir / "index.md").write_text(
        f"# Deep Generative Models\n\nSynthetic archive of {n} years ({form}).\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n", encoding="utf-8")
    render = directive_page if form == "directive" else hand_page
    pages = []
    for year in years:
        page = srcdir / "years" / str(year) / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(render(year), encoding="utf-8")
        pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("srcdir", type=Path)
    parser.add_argument("-n", type=int, default=3, help="number of year pages")
    parser.add_argument("--form", choices=FORMS, default="directive")
    args = parser.parse_args(argv)
    generate(args.srcdir, args.n, args.form)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
