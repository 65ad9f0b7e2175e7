"""Whatever YAML a schedule block holds, the pipeline warns at a line of the block, never raises.

Two families of input, generated with Hypothesis:

* arbitrary text: YAML-looking token soup, YAML dumps of random data, any text at all;
* near misses: a valid schedule with exactly one mutation (a key renamed or deleted, a
  value replaced by one of another type, a list item deleted, a list made a scalar).

Each block runs through the real directive (one Sphinx app for the module, a
reStructuredText parse per example, so an example costs milliseconds, not a build),
then its tables are rendered by the HTML writer and its records exported to iCalendar
and JSON.  Whether a block is valid is decided independently, by PyYAML's ``safe_load``
and the pydantic model: an invalid block must give at least one ``schedule.yaml`` or
``schedule.invalid`` warning, a valid one none; every warning points into the block.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.statemachine import string2lines
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sphinx.testing.restructuredtext import parse
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences
from sphinx.util.docutils import _parse_str_to_doctree

from sphinx_course_schedule.outputs import link_hrefs, publish
from sphinx_course_schedule.schedule.objects.domain import schedule_domain
from sphinx_course_schedule.outputs.ical import build_calendar
from sphinx_course_schedule.outputs.json_data import build_json
from sphinx_course_schedule.schedule.model.schedule import WEEKDAYS, Schedule
from sphinx_course_schedule.schedule.render.nodes import schedule_block

ROOT = Path(__file__).parent / "roots" / "test-hostile"
DOCNAME = "years/2030/index"
# How a page holds the block, and the 1-based page line of the block's first line.  The
# MyST fence is long so that no generated line can close it.
FENCE = "`" * 10
PAGES = {
    "rst": (".. schedule::\n\n{body}", "   ", 3),
    "md": ("# Spring 2030\n\n" + FENCE + "{{schedule}}\n{body}" + FENCE + "\n", "", 4),
}
WARNING = re.compile(r"^(?P<file>.*?):(?P<line>\d+): WARNING: (?P<message>.*)$")
REFUSALS = ("[schedule.yaml]", "[schedule.invalid]")
ONE_LINE = re.compile(r" \[[a-z]+(\.[a-z-]+)?\]$")

EXAMPLES = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    srcdir = tmp_path_factory.mktemp("properties") / "src"
    shutil.copytree(ROOT, srcdir)
    # a local slides tree, so slide links are made relative and checked against files
    slides = srcdir / "files" / "ppt" / "2030"
    slides.mkdir(parents=True)
    (slides / "Lecture 1.pdf").write_bytes(b"%PDF-1.4\n")
    app = SphinxTestApp("html", srcdir=srcdir)
    # what a build sets before writing pages, which render_partial relies on
    app.builder.fignumbers, app.builder.secnumbers = {}, {}
    app.builder.current_docname = DOCNAME
    yield app
    app.cleanup()


def block_lines(text: str) -> list[str]:
    """The lines the directive will see: docutils expands tabs, drops trailing blanks."""
    lines = string2lines(text, tab_width=8, convert_whitespace=True)
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return lines


def parse_page(app: SphinxTestApp, text: str, syntax: str) -> nodes.document:
    """Parse ``text`` as the page ``DOCNAME`` the way a build reads it, without a build."""
    if syntax == "rst":
        return parse(app, text, docname=DOCNAME)
    parser = app.registry.create_source_parser("markdown", config=app.config, env=app.env)
    app.env.current_document.docname = DOCNAME
    try:
        return _parse_str_to_doctree(
            text, filename=app.srcdir / f"{DOCNAME}.md", env=app.env, parser=parser,
            default_settings={"env": app.env, "input_encoding": "utf-8",
                              "output_encoding": "unicode"},
            transforms=app.registry.get_transforms())
    finally:
        app.env.current_document.docname = ""


def run_block(app: SphinxTestApp, lines: list[str], syntax: str = "rst",
              outputs: dict[str, list[Any]] | None = None) -> list[tuple[int, str]]:
    """Parse a page holding one schedule block; render and export it; the warnings.

    Returns (0-based line within the block, message) for each warning.  ``outputs``, if
    given, receives the HTML fragments and the JSON and iCalendar bytes.
    """
    outputs = {} if outputs is None else outputs
    for kind in ("html", "json", "ics"):
        outputs[kind] = []
    app._warning.seek(0)
    app._warning.truncate()
    schedule_domain(app.env).clear_doc(DOCNAME)
    template, indent, first_line = PAGES[syntax]
    page = template.format(body="".join(f"{indent}{line}\n" for line in lines))
    doctree = parse_page(app, page, syntax)
    publish.place_download_links(app, doctree, DOCNAME)
    link_hrefs.resolve_links(app, doctree, DOCNAME)
    for table in doctree.findall(schedule_block):
        fragment = app.builder.render_partial(table)["fragment"]
        assert "<table" in fragment
        outputs["html"].append(fragment)
    for record in schedule_domain(app.env).records.get(DOCNAME, []):
        outputs["json"].append(build_json(record.schedule, year=record.year, docname=DOCNAME,
                                          url=None, calendar=None))
        outputs["ics"].append(build_calendar(
            record.schedule, year=record.year, docname=DOCNAME, name="Course",
            host="example.org", page_url=None))
    found = []
    for line in strip_escape_sequences(app._warning.getvalue()).splitlines():
        match = WARNING.match(line)
        assert match, f"unexpected output {line!r}"
        # one warning, one line: no user text may end it early or forge another
        assert ONE_LINE.search(line) and "\r" not in line, f"broken warning line {line!r}"
        assert match["file"].endswith(f"{DOCNAME}.{syntax}"), line
        found.append((int(match["line"]) - first_line, match["message"]))
    assert not any(isinstance(node, nodes.system_message) for node in doctree.findall())
    return found


def check(app: SphinxTestApp, lines: list[str], valid: bool, syntax: str
          ) -> list[tuple[int, str]]:
    """Run the block; every warning is inside it; refusals exactly when it is invalid."""
    warnings = run_block(app, lines, syntax)
    for line, message in warnings:
        assert 0 <= line < len(lines), (line, message, lines)
    refused = [message for _, message in warnings if message.endswith(REFUSALS)]
    if valid:
        assert not refused, (refused, lines)
    else:
        assert refused, ("an invalid block gave no warning", lines)
    return warnings


def is_valid(text: str) -> bool:
    """The oracle: PyYAML's own loader and the pydantic model, without the pipeline."""
    try:
        data = yaml.safe_load(text)
        Schedule.model_validate(data)
    except (yaml.YAMLError, ValidationError, ValueError, OverflowError, RecursionError):
        return False
    return True


# --- arbitrary text ----------------------------------------------------------------------

YAML_ALPHABET = "ab:- \n\n\n[]{},&*!|>'\"#%@`?019.\t\\~="
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=12), st.dates())
keys = st.sampled_from(["sections", "weeks", "title", "week", "topic", "lectures", "number",
                        "slides", "term", "x"]) | st.text(max_size=5)
random_data = st.recursive(
    scalars, lambda children: st.lists(children, max_size=4)
    | st.dictionaries(keys, children, max_size=4), max_leaves=20)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=NoAliasDumper, allow_unicode=True, sort_keys=False)


class NoAliasDumper(yaml.SafeDumper):
    """A schedule is written out in full; the reader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


arbitrary_text = st.one_of(
    st.text(alphabet=YAML_ALPHABET, max_size=120),
    random_data.map(dump),
    st.builds(lambda head, tail: head + tail, random_data.map(dump),
              st.text(alphabet=YAML_ALPHABET, max_size=20)),
    st.text(max_size=80),
)


@EXAMPLES
@given(text=arbitrary_text)
def test_arbitrary_yaml_never_raises_and_warns_inside_the_block(app: SphinxTestApp,
                                                                text: str) -> None:
    lines = block_lines(text)
    if not lines:
        return  # an empty directive has no block line to point at
    seen = "\n".join(lines)
    # valid by the oracle may still be refused by the reader's stricter rules (anchors,
    # duplicate keys, control characters), so only the "invalid -> warning" side is checked
    warnings = run_block(app, lines)
    for line, message in warnings:
        assert 0 <= line < len(lines), (line, message, lines)
    event("valid" if is_valid(seen) else "invalid")
    if not is_valid(seen):
        assert any(message.endswith(REFUSALS) for _, message in warnings), lines


# --- near misses of a valid schedule -----------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp")),
                min_size=1, max_size=20).filter(lambda s: s.strip() == s)
urls = st.sampled_from(["https://example.org/a b.pdf", "files/ppt/2030/Lecture 1.pdf",
                        "mailto:staff@example.org", "javascript:alert(1)", "data:,x",
                        "/"]) | texts
acknowledgements = st.dictionaries(st.sampled_from(["lecture-order", "link-scheme",
                                                    "slides-missing"]), texts, max_size=1)
link = st.fixed_dictionaries({"label": texts, "url": urls},
                             optional={"acknowledge": acknowledgements})
part = st.fixed_dictionaries({"number": st.integers(0, 30), "title": texts})
lecture = st.one_of(
    st.fixed_dictionaries({"number": st.integers(0, 30) | st.sampled_from(["3-4", "10 - 12"]),
                           "title": texts},
                          optional={"slides": urls, "acknowledge": acknowledgements}),
    st.fixed_dictionaries({"parts": st.lists(part, min_size=2, max_size=3)},
                          optional={"slides": urls}),
)
reading = st.fixed_dictionaries(
    {"title": texts},
    optional={"number": texts | st.integers(0, 99), "venue": texts, "slides": urls,
              "code": st.lists(link, max_size=2)})
week = st.fixed_dictionaries(
    {"week": st.integers(1, 60), "topic": texts},
    optional={"lectures": st.lists(lecture, max_size=3), "materials": st.lists(link, max_size=2),
              "papers": st.lists(reading, max_size=2), "projects": st.lists(reading, max_size=2),
              "acknowledge": acknowledgements})
section = st.fixed_dictionaries({"title": texts, "weeks": st.lists(week, max_size=3)})
start_clock = st.integers(6, 12).map(lambda hour: f"{hour:02d}:10")
end_clock = st.integers(13, 22).map(lambda hour: f"{hour:02d}:00")
term = st.fixed_dictionaries({}, optional={
    "name": texts, "first_day": st.dates(dt.date(1900, 1, 1), dt.date(2999, 12, 31)),
    "weekday": st.sampled_from(WEEKDAYS), "start": start_clock, "end": end_clock,
    "timezone": st.sampled_from(["Asia/Shanghai", "UTC", "America/New_York"]),
    "location": texts, "weeks": st.integers(1, 60),
    "holidays": st.lists(st.dates(), max_size=2)})
schedules = st.fixed_dictionaries({"sections": st.lists(section, min_size=1, max_size=2)},
                                  optional={"year": st.integers(1900, 2999), "term": term})

OTHER_VALUES = [None, 0, -1, 10**12, True, 2.5, "text", "", [], {}, ["a"], {"a": 1},
                dt.date(2022, 2, 28), dt.date(1, 1, 1), dt.date(9999, 12, 31), "15:10",
                "1-2-3"]


def paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, here + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, here + (index,))


def at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def mutate(data: Any, draw: Any) -> tuple[Any, tuple[Any, ...]]:
    """``data`` with exactly one mutation of a kind drawn by ``draw``, and where it is."""
    data = copy.deepcopy(data)
    inner = [p for p in paths(data) if p]
    path = draw(st.sampled_from(inner))
    parent, last = at(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(["rename", "retype", "delete", "scalar"]))
    if kind == "rename" and isinstance(parent, dict):
        new = draw(st.sampled_from([last + "s", last[:-1], last.upper(), "slieds", "titel"]))
        parent[new if new not in parent else new + "_"] = parent.pop(last)
    elif kind == "delete":
        del parent[last]
    elif kind == "scalar" and isinstance(parent[last], list):
        value = parent[last]
        parent[last] = value[0] if value and not isinstance(value[0], (dict, list)) else "x"
    else:
        parent[last] = draw(st.sampled_from(OTHER_VALUES))
    return data, path


def enclosing_item(text: str, path: tuple[Any, ...]) -> tuple[int, int]:
    """0-based first and last line of the innermost mapping holding the mutated ``path``.

    Found with PyYAML's composer, independently of the extension's reader.  The first
    line is that of the key the mapping stands under, if any: that is where a warning
    about a field missing from the mapping is expected.
    """
    node: yaml.Node = yaml.compose(text)
    found = (node.start_mark.line, node.end_mark.line)
    for part in path[:-1]:
        key_line = None
        if isinstance(node, yaml.MappingNode):
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
            key_line = key_node.start_mark.line
        else:
            node = node.value[part]
        if isinstance(node, yaml.MappingNode):
            start = node.start_mark.line if key_line is None else key_line
            found = (start, node.end_mark.line)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("syntax", sorted(PAGES))
@EXAMPLES
@given(data=schedules)
def test_valid_schedules_render_without_refusal(app: SphinxTestApp, syntax: str,
                                                data: dict[str, Any]) -> None:
    text = dump(data)
    assert is_valid(text), text
    check(app, block_lines(text), valid=True, syntax=syntax)


@pytest.mark.slow
@pytest.mark.parametrize("syntax", sorted(PAGES))
@EXAMPLES
@given(data=schedules, choice=st.data())
def test_near_miss_schedules_warn_inside_the_block(app: SphinxTestApp, syntax: str,
                                                   data: dict[str, Any],
                                                   choice: st.DataObject) -> None:
    mutated, path = mutate(data, choice.draw)
    text = dump(mutated)
    lines = block_lines(text)
    valid = is_valid("\n".join(lines))
    event("mutation kept the schedule valid" if valid else "mutation made it invalid")
    warnings = check(app, lines, valid=valid, syntax=syntax)
    if not valid:
        # at least one refusal is about the item that was changed
        first, last = enclosing_item(text, path)
        assert any(first <= line <= last for line, message in warnings
                   if message.endswith(REFUSALS)), (first, last, warnings, lines)


# --- links: what a browser would make of every href -------------------------------------

def browser_scheme(href: str) -> str | None:
    """The scheme a browser sees: it strips C0 controls and spaces at the ends and drops
    tabs and newlines anywhere (WHATWG URL parsing) before reading the scheme."""
    cleaned = re.sub(r"[\t\n\r]", "", href.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match[1].lower() if match else None


url_text = st.one_of(
    st.text(max_size=40),
    st.builds(lambda pad, scheme, rest: pad + scheme + rest,
              st.text(alphabet=" \t\n\x00\x01", max_size=3),
              st.sampled_from(["javascript:", "JaVaScRiPt:", "java\tscript:", "data:",
                               "vbscript:", "http:", "https:", "mailto:", "files/", "//"]),
              st.text(max_size=20)))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(url=url_text)
def test_every_rendered_href_has_an_allowed_scheme(url: str) -> None:
    from sphinx_course_schedule.outputs.link_hrefs import BOOK, PAGES, LinkPlaces, href
    from sphinx_course_schedule.schedule.links.hrefs import is_allowed, is_site_path

    # pydantic strips the value's surrounding white space before the extension sees it
    url = url.strip()
    if browser_scheme(url) not in (None, "http", "https", "mailto"):
        assert not is_allowed(url), url
    if not is_allowed(url):
        return  # refused links are shown as text, never as an href
    places = LinkPlaces(Path("/nonexistent"), "files", "files/{year}",
                        "https://example.org/", None)
    found = href(url, BOOK, places)
    # no scheme is a link within the site (or, for //host, the page's own scheme)
    assert found is None or browser_scheme(found) in ("http", "https", "mailto", None), (url, found)
    if is_site_path(url) and found is not None:
        assert found.startswith("https://example.org/")
        at_home = LinkPlaces(Path("/nonexistent"), "files", "files/{year}", None, None)
        assert browser_scheme(href(url, PAGES, at_home, "years/2030/index.html") or "") is None


# --- second round: user text in messages, calendar text, line separators, links ---------

# text as hostile corpora write it: line breaks of every kind, a forged warning, escapes
FORGED = "\nyears/2030/index.md:1: WARNING: all clear"
hostile_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30),
    st.builds(lambda a, b: a + FORGED + b, st.text(max_size=5), st.text(max_size=5)),
    st.text(alphabet="\\Nn,;:\r\n\t \u2028\u2029\x85\u202eab", min_size=1, max_size=20),
).filter(lambda s: s.strip() != "")


def q(text: str, raw: bool = True) -> str:
    """``text`` as a YAML double-quoted scalar; with ``raw``, U+2028 and U+0085 stay raw.

    Docutils itself ends a reStructuredText line at them (before any directive runs), so
    an rST page gets them escaped.
    """
    return json.dumps(text, ensure_ascii=not raw)


FEWER = settings(EXAMPLES, max_examples=40)


@pytest.mark.parametrize("syntax", sorted(PAGES))
@FEWER
@given(title=hostile_text, url=hostile_text)
def test_user_text_never_breaks_or_forges_a_warning_line(app: SphinxTestApp, syntax: str,
                                                         title: str, url: str) -> None:
    """Titles and links reach messages (slides reused, link checks, unknown keys) quoted."""
    raw = syntax == "md"
    block = "\n".join([
        "sections:", "  - title: T", "    weeks:", "      - week: 1", "        topic: T",
        f"        {q(title, raw)}: 1", "        lectures:",
        f"          - {{number: 1, title: {q(title, raw)}, slides: same.pdf}}",
        f"          - {{number: 2, title: {q(title + 'x', raw)}, slides: same.pdf}}",
        "        materials:", f"          - {{label: x, url: {q(url, raw)}}}"])
    # run_block asserts that every warning is one line ending with its type
    warnings = run_block(app, block.split("\n"), syntax)
    assert all(0 <= line < 11 for line, _ in warnings), warnings


_calendar_chars = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Co")) |
                          st.sampled_from("\\\n\r\t,;:\"Nn"), max_size=15)
# a literal backslash-N (a Windows path, TeX's \Nabla) is what icalendar once broke
calendar_text = st.builds(lambda a, b: f"{a}\\N{b}", _calendar_chars, _calendar_chars).map(
    str.strip).filter(bool)


@FEWER
@given(topic=calendar_text, title=calendar_text, location=calendar_text)
def test_the_calendar_reads_back_what_the_json_holds(app: SphinxTestApp, topic: str,
                                                     title: str, location: str) -> None:
    """Every character of a topic, a title and a location survives the .ics (a lone CR
    is the one exception: RFC 5545 can only write it as a line break)."""
    icalendar = pytest.importorskip("icalendar")
    block = "\n".join([
        "term:", "  first_day: 2030-02-18", "  weekday: Wed", f"  location: {q(location)}",
        "sections:", "  - title: T", "    weeks:", "      - week: 1", f"        topic: {q(topic)}",
        f"        lectures: [{{number: 1, title: {q(title)}}}]"])
    outputs: dict[str, list[Any]] = {}
    run_block(app, block.split("\n"), "md", outputs)
    if not outputs["ics"]:
        return  # the text was refused (the refusal is tested elsewhere)
    data = json.loads(outputs["json"][0])
    event = next(iter(icalendar.Calendar.from_ical(outputs["ics"][0]).walk("VEVENT")))
    week = data["schedule"]["sections"][0]["weeks"][0]

    def shown(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n")

    assert str(event["summary"]) == shown(week["topic"])
    assert str(event["location"]) == shown(data["schedule"]["term"]["location"])
    number, text = week["lectures"][0]["number"], week["lectures"][0]["title"]
    assert str(event["description"]) == re.sub(
        r"[ \t]*[\n\r\f\v\x1c-\x1e\x85\u2028\u2029]+[ \t]*", " ", f"Lecture {number}: {text}")


@FEWER
@given(topics=st.lists(calendar_text.map(lambda s: s.replace("\r", "")) | st.builds(
    lambda a, b: f"{a}\u2028{b}\u2029{a}\x85", st.text("ab ", max_size=3),
    st.text("cd ", max_size=3)), min_size=1, max_size=5))
def test_yaml_only_line_breaks_keep_warnings_on_the_page_line(app: SphinxTestApp,
                                                              topics: list[str]) -> None:
    """U+2028, U+2029 and U+0085 end a line for YAML, not for the page (MyST)."""
    lines = ["sections:", "  - title: T", "    weeks:"]
    for number, topic in enumerate(topics, start=1):
        lines += [f"      - week: {number}", f"        topic: {q(topic)}"]
    lines += ["        bogus: 1"]
    warnings = run_block(app, lines, "md")
    assert [(line, message) for line, message in warnings if "unknown key" in message] == [
        (len(lines) - 1, (f"schedule field 'sections[0].weeks[{len(topics) - 1}].bogus': "
                          "unknown key 'bogus'; expected one of: acknowledge, week, topic, "
                          "lectures, materials, papers, projects [schedule.invalid]"))]


@settings(EXAMPLES, max_examples=80)
@given(url=url_text | st.sampled_from(["github.com/foo", "www.example.org", "//evil.example/",
                                       "/\\evil.example", "years/2030/index.html",
                                       "file:///etc/passwd", "blob:x", "files/ppt/2030/a.pdf"]))
def test_the_json_export_links_exactly_what_the_page_links(app: SphinxTestApp,
                                                           url: str) -> None:
    from sphinx_course_schedule.schedule.links.hrefs import is_linkable

    block = ["sections:", "  - title: T", "    weeks:", "      - week: 1", "        topic: T",
             "        lectures:", f"          - {{number: 1, title: L, slides: {q(url)}}}",
             "        materials:", f"          - {{label: M, url: {q(url)}}}"]
    outputs: dict[str, list[Any]] = {}
    run_block(app, block, "md", outputs)
    if not outputs["json"]:
        return  # the value was refused as a whole (an unshowable character, say)
    week = json.loads(outputs["json"][0])["schedule"]["sections"][0]["weeks"][0]
    links = [a.get("href") for a in BeautifulSoup(outputs["html"][0], "html.parser")
             .select("tbody a")]
    exported = [lecture["slides"] for lecture in week["lectures"]] + [
        material["url"] for material in week["materials"]]
    exported = [value for value in exported if value is not None]
    assert len(links) == len(exported), (url, links, exported)
    assert all(is_linkable(value) for value in exported)
    for href in links:
        # no link leaves for another host without saying so with its scheme
        assert not re.sub(r"[\t\n\r ]", "", href).replace("\\", "/").startswith("//"), href
