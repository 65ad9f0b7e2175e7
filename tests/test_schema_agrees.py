"""The published JSON Schema and the real build agree on one shared corpus of schedules.

Editors validate a schedule with ``_static/schedule.schema.json``; the build validates it
with the model.  Both come from one declaration (``_ext/schedule/model/value_types.py``), and this
test holds them to it: every schedule below is built by Sphinx (one page each, one
build for the module) and validated by ``jsonschema`` with format checking on, and

* a **valid** schedule passes the schema and builds without any schedule warning;
* an **invalid** one fails the schema and the build refuses it (``schedule.invalid`` or
  ``schedule.yaml``);
* a **build-only** one passes the schema and the build warns with the named subtype:
  a rule JSON Schema cannot state (order, duplicates, files).  Each such rule is listed
  in the guide's "Checked by the build only" section, which this test also reads.

The schema side sees what an editor's YAML server sends: the block's data as JSON, so a
date is its ``YYYY-MM-DD`` text, and a value JSON cannot hold (``!!binary`` bytes) is no
JSON instance at all and so accepted by no schema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
import yaml
from conftest import REPO, Build, sphinx_build
from jsonschema import Draft202012Validator

SCHEMA = REPO / "_static" / "schedule.schema.json"
GUIDE = REPO / "guide" / "writing-a-schedule.md"
REFUSALS = ("[schedule.invalid]", "[schedule.yaml]")

TERM = ("term:\n  name: Spring 2030\n  first_day: 2030-02-18\n  weekday: Mon\n"
        "  timezone: Asia/Shanghai\n")
SECTION = "sections:\n  - title: Fundamentals\n    weeks:\n"
WEEK = "      - week: 1\n        topic: Introduction\n"
LECTURES = WEEK + "        lectures:\n"


def lecture(number: str = "1", title: str = "Introduction", extra: str = "") -> str:
    """A week-1 schedule with one lecture; ``extra`` lines go inside the lecture."""
    text = SECTION + LECTURES + f"          - number: {number}\n            title: {title}\n"
    return text + "".join(f"            {line}\n" for line in extra.splitlines())


def term(field: str) -> str:
    return TERM + f"  {field}\n" + SECTION + WEEK


def weeks(*rows: str) -> str:
    return SECTION + "".join(f"      - {{{row}}}\n" for row in rows)


def _guide_example() -> str:
    page = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"```\{schedule\}\n(.*?)\n```\n", page, re.DOTALL)
    assert match, "the guide's full example is missing"
    return match[1] + "\n"


# (name, block, expectation): "valid", "invalid", or ("build-only", subtype, guide words)
CORPUS: list[tuple[str, str, Any]] = [
    # --- valid: both accept ---------------------------------------------------------------
    ("guide-example", _guide_example(), "valid"),
    ("minimal", "sections:\n  - title: Fundamentals\n", "valid"),
    ("quoted-time", term('start: "15:10"\n  end: "18:00"'), "valid"),
    ("unquoted-time", term("start: 15:10\n  end: 18:00"), "valid"),
    ("one-digit-hour", term('start: "9:05"\n  end: "11:55"'), "valid"),
    ("zone-with-region", term("timezone: America/New_York").replace(
        "  timezone: Asia/Shanghai\n", "", 1), "valid"),
    ("range", lecture("1-2"), "valid"),
    ("range-of-one", lecture("1-1"), "valid"),
    ("number-as-text", lecture('"1"'), "valid"),
    ("parts", SECTION + LECTURES + "          - parts:\n"
     "              - {number: 1, title: One}\n              - {number: 2, title: Two}\n",
     "valid"),
    ("longest-text", lecture(title="x" * 500), "valid"),
    ("longest-link", lecture(extra="slides: files/ppt/2030/" + "x" * (2000 - 15)), "valid"),
    ("unicode-text", lecture(title='"第1讲 变分自编码器 🙂 \u200b\u202eabc\u202c"'),
     "valid"),
    ("tab-and-newline", lecture(title='"a\\tb\\nc"'), "valid"),
    ("last-week", TERM + "  weeks: 60\n" + weeks("week: 60, topic: Last"), "valid"),
    ("reading-number", SECTION + WEEK + "        papers:\n"
     "          - {number: 11, title: A paper, venue: ''}\n", "valid"),
    ("acknowledge", weeks("week: 2, topic: Two", "week: 1, topic: One, acknowledge: "
                          "{week-order: taught after week 2 on purpose}"), "valid"),
    ("empty-optional-text", term("location:"), "valid"),
    ("headers", "headers: {topic: Theme}\n" + SECTION.replace(
        "    weeks:", "    headers: {week: Wk, topic: Lab, materials: Handouts}\n    weeks:")
     + WEEK, "valid"),
    # --- invalid: both refuse --------------------------------------------------------------
    ("backwards-range", lecture('"11-10"'), "invalid"),
    ("range-beyond-last-number", lecture('"1-100"'), "invalid"),
    ("negative-number", lecture("-1"), "invalid"),
    ("lecture-without-title", lecture(title="x").replace("            title: x\n", ""),
     "invalid"),
    ("lecture-with-parts-and-number", lecture(extra="parts:\n  - {number: 1, title: A}\n"
                                                    "  - {number: 2, title: B}"), "invalid"),
    ("one-part", SECTION + LECTURES + "          - parts:\n"
     "              - {number: 1, title: One}\n", "invalid"),
    ("unknown-timezone", term("timezone: Mars/Olympus").replace(
        "  timezone: Asia/Shanghai\n", "", 1), "invalid"),
    ("timezone-region", term("timezone: America").replace(
        "  timezone: Asia/Shanghai\n", "", 1), "invalid"),
    ("timezone-folder-etc", term("timezone: Etc").replace(
        "  timezone: Asia/Shanghai\n", "", 1), "invalid"),
    ("timezone-300-characters", term("timezone: " + "A" * 300).replace(
        "  timezone: Asia/Shanghai\n", "", 1), "invalid"),
    ("time-with-zone", term('start: "15:10Z"'), "invalid"),
    ("time-with-seconds", term('start: "15:10:30"'), "invalid"),
    ("time-past-midnight", term('start: "25:00"'), "invalid"),
    ("time-as-fraction", term("start: 2.5"), "invalid"),
    ("text-501", lecture(title="x" * 501), "invalid"),
    ("link-2001", lecture(extra="slides: files/ppt/2030/" + "x" * (2001 - 15)), "invalid"),
    ("escape-character", lecture(title='"\\e[2J clear"'), "invalid"),
    ("nul-character", lecture(title='"a\\0b"'), "invalid"),
    ("bell-in-link", lecture(extra='slides: "files/ppt/2030/a\\a.pdf"'), "invalid"),
    ("noncharacter", lecture(title='"\\uFFFE"'), "invalid"),
    ("astral-noncharacter", lecture(title='"\\U0010FFFF"'), "invalid"),
    ("lone-surrogate", lecture(title='"\\ud800"'), "invalid"),
    ("binary-title", lecture(title="!!binary aGVsbG8="), "invalid"),
    ("blank-title", lecture(title='"   "'), "invalid"),
    ("unknown-key", lecture(extra="slieds: files/ppt/2030/a.pdf"), "invalid"),
    ("unknown-top-level-key", "sectoins: []\n" + SECTION + WEEK, "invalid"),
    ("bad-weekday", term("weekday: Funday").replace("  weekday: Mon\n", "", 1), "invalid"),
    ("week-61", weeks("week: 61, topic: Far"), "invalid"),
    ("week-0", weeks("week: 0, topic: Zero"), "invalid"),
    ("week-as-text", weeks("week: '1', topic: Text"), "invalid"),
    ("week-true", weeks("week: true, topic: T"), "invalid"),
    ("term-61-weeks", TERM + "  weeks: 61\n" + SECTION + WEEK, "invalid"),
    ("year-1800", "year: 1800\n" + SECTION + WEEK, "invalid"),
    ("first-day-1800", TERM.replace("2030-02-18", "1800-02-18") + SECTION + WEEK, "invalid"),
    ("no-sections", TERM, "invalid"),
    ("empty-sections", "sections: []\n", "invalid"),
    ("empty-term", "term:\n" + SECTION + WEEK, "invalid"),
    ("missing-topic", weeks("week: 1"), "invalid"),
    ("unknown-acknowledge", SECTION + WEEK + "        acknowledge: {no-such-check: why}\n",
     "invalid"),
    ("empty-reason", SECTION + WEEK + "        acknowledge: {week-order: ''}\n", "invalid"),
    ("not-a-mapping", "- just\n- a list\n", "invalid"),
    ("headers-as-list", "headers: [Week, Lab, Handouts]\n" + SECTION + WEEK, "invalid"),
    ("headers-unknown-column", SECTION.replace(
        "    weeks:", "    headers: {lab: Lab}\n    weeks:") + WEEK, "invalid"),
    ("headers-blank", "headers: {topic: ' '}\n" + SECTION + WEEK, "invalid"),
    # --- build-only: the schema cannot say it; the guide lists each rule -------------------
    ("weeks-backwards", weeks("week: 2, topic: B", "week: 1, topic: A"),
     ("build-only", "week-order", "week order")),
    ("week-twice", weeks("week: 1, topic: A", "week: 1, topic: B"),
     ("build-only", "week-order", "duplicate weeks")),
    ("week-after-term", weeks("week: 17, topic: Late"),
     ("build-only", "week-order", "term's week count")),
    ("lectures-skip", SECTION + LECTURES + "          - {number: 1, title: A}\n"
     "          - {number: 3, title: C}\n", ("build-only", "lecture-order", "lecture order")),
    ("lectures-overlap", SECTION + LECTURES + "          - {number: 1-2, title: A}\n"
     "          - {number: 2-3, title: B}\n", ("build-only", "lecture-order", "lecture order")),
    ("end-before-start", term('start: "18:00"\n  end: "15:10"'),
     ("build-only", "invalid", "end later than start")),
    ("start-without-end", term('start: "15:10"'),
     ("build-only", "dates", "start and end together")),
    ("far-holiday", TERM + "  holidays: [0965-03-13, 9999-12-31]\n" + SECTION + WEEK,
     ("build-only", "dates", "holidays within the term")),
    ("date-as-title", lecture(title="2030-03-01"),
     ("build-only", "invalid", "quote text")),
    ("script-link", lecture(extra='slides: "javascript:alert(1)"'),
     ("build-only", "link-scheme", "link schemes")),
    ("slides-of-another-year", lecture(extra="slides: files/ppt/2020/Lecture 1.pdf"),
     ("build-only", "slides-other-year", "slides folders")),
    ("slides-reused", SECTION + LECTURES
     + "          - {number: 1, title: A, slides: files/ppt/2030/a.pdf}\n"
     + "          - {number: 2, title: B, slides: files/ppt/2030/a.pdf}\n",
     ("build-only", "slides-reused", "shared slides")),
    ("acknowledged-but-clean", SECTION + WEEK
     + "        acknowledge: {week-order: no longer needed}\n",
     ("build-only", "acknowledged-unused", "unused acknowledgements")),
]
NAMES = [case[0] for case in CORPUS]
assert len(set(NAMES)) == len(NAMES), "case names are page names"


def _as_json(data: Any) -> Any:
    """The data as an editor's YAML server sends it; ``None`` marks no JSON instance."""
    def default(value: Any) -> Any:
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        raise TypeError(f"JSON cannot hold {type(value).__name__}")
    try:
        return json.loads(json.dumps(data, default=default))
    except TypeError:
        return None


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One Sphinx build of a tiny project with one year page per corpus case."""
    src = tmp_path_factory.mktemp("agree") / "src"
    pages = src / "years" / "2030"
    pages.mkdir(parents=True)
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\n"
        'extensions = ["myst_parser", "sphinx_course_schedule"]\nexclude_patterns = ["_build"]\n'
        'schedule_slides_dir = "files/ppt/{year}"\n'
        'schedule_files_base_url = "https://deep-generative-models.github.io/"\n',
        encoding="utf-8")
    toctree = "\n".join(f"years/2030/{name}" for name in NAMES)
    (src / "index.md").write_text(f"# Home\n\n```{{toctree}}\n{toctree}\n```\n",
                                  encoding="utf-8")
    fence = "`" * 5
    for name, block, _ in CORPUS:
        (pages / f"{name}.md").write_text(f"# {name}\n\n{fence}{{schedule}}\n{block}{fence}\n",
                                          encoding="utf-8")
    return sphinx_build(src, src.parent / "out")


def build_warnings(build: Build, name: str) -> list[str]:
    return [line for line in build.warnings.splitlines()
            if f"/years/2030/{name}.md:" in line and "[schedule." in line]


def schema_errors(validator: Draft202012Validator, block: str) -> list[str]:
    instance = _as_json(yaml.safe_load(block))
    if instance is None:
        return ["not a JSON instance"]
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator.iter_errors(instance)]


def test_the_build_runs_without_a_traceback(build: Build) -> None:
    assert "Traceback" not in build.warnings and "Exception" not in build.warnings
    assert build.returncode == 0, build.warnings[-3000:]


@pytest.mark.parametrize(("block", "expected"), [case[1:] for case in CORPUS], ids=NAMES)
def test_schema_and_build_agree(build: Build, validator: Draft202012Validator,
                                request: pytest.FixtureRequest, block: str,
                                expected: Any) -> None:
    name = request.node.callspec.id
    warnings = build_warnings(build, name)
    refused = [line for line in warnings if line.endswith(REFUSALS)]
    errors = schema_errors(validator, block)
    if expected == "valid":
        assert errors == [] and warnings == [], (errors, warnings)
    elif expected == "invalid":
        assert errors, "the schema accepted what the build refuses"
        assert refused, ("the build accepted what the schema refuses", errors, warnings)
    else:
        _, subtype, _ = expected
        assert errors == [], "a build-only rule the schema does state: make it 'invalid'"
        assert any(line.endswith(f"[schedule.{subtype}]") for line in warnings), warnings
        if subtype != "invalid":
            assert not refused, refused


def test_the_guide_lists_every_build_only_rule() -> None:
    page = GUIDE.read_text(encoding="utf-8")
    section = page.split("### Checked by the build only", 1)
    assert len(section) == 2, "the guide's list of build-only rules is missing"
    listed = " ".join(section[1].split("\n## ", 1)[0].replace("`", "").lower().split())
    for _, _, expected in CORPUS:
        if isinstance(expected, tuple):
            assert expected[2] in listed, expected


def test_errors_name_the_field_in_the_schema(validator: Draft202012Validator) -> None:
    """No ``anyOf`` dump: an error inside the term or in a text field names that field."""
    errors = schema_errors(validator, term("timezone: America").replace(
        "  timezone: Asia/Shanghai\n", "", 1))
    assert len(errors) == 1 and errors[0].startswith("term/timezone: 'America' is not one of")
    errors = schema_errors(validator, lecture(title="x" * 501))
    assert len(errors) == 1
    assert errors[0].startswith("sections/0/weeks/0/lectures/0/title: 'xxx")
    assert errors[0].endswith("' is too long")
    errors = schema_errors(validator, lecture(title="x").replace("            title: x\n", ""))
    assert errors == ["sections/0/weeks/0/lectures/0: 'title' is a required property"]


# What course staff read for some refusals: the line of the value, the field, what was
# expected.  (The block starts on line 4 of each page.)
EXACT = {
    "binary-title": ":11: WARNING: schedule field 'sections[0].weeks[0].lectures[0].title': "
                    "Input should be a valid string; got b'hello' (a !!binary or other tagged "
                    "value; write plain text) [schedule.invalid]",
    "timezone-region": ":8: WARNING: schedule field 'term.timezone': unknown timezone "
                       "'America'; expected an IANA name such as 'Europe/Paris' ('America' is "
                       "a region; name a zone in it, such as 'America/Adak') [schedule.invalid]",
    "timezone-300-characters": ":8: WARNING: schedule field 'term.timezone': unknown timezone "
                               f"'{'A' * 57}...'; expected an IANA name such as "
                               "'Europe/Paris' [schedule.invalid]",
    "link-2001": ":12: WARNING: schedule field 'sections[0].weeks[0].lectures[0].slides': "
                 "text of 2001 characters is too long; at most 2000 are allowed "
                 "[schedule.invalid]",
    "backwards-range": ":10: WARNING: schedule field 'sections[0].weeks[0].lectures[0].number'"
                       ": expected a lecture number such as 7 or a range such as '10-11' "
                       "(first number not larger than the second) [schedule.invalid]",
    "escape-character": ":11: WARNING: schedule field 'sections[0].weeks[0].lectures[0].title'"
                        ": contains the control or invalid character U+001B, which cannot be "
                        "shown; remove it [schedule.invalid]",
    "time-with-zone": ":9: WARNING: schedule field 'term.start': expected a local time such as "
                      "'15:10', without a timezone (the term's timezone applies) "
                      "[schedule.invalid]",
    "empty-term": ":4: WARNING: schedule field 'term': a key without a value; give one, or "
                  "leave the key out if it is optional [schedule.invalid]",
}


@pytest.mark.parametrize("name", sorted(EXACT))
def test_refusals_say_where_and_what_was_expected(build: Build, name: str) -> None:
    page = f"/years/2030/{name}.md"
    assert [line.split(page, 1)[1] for line in build_warnings(build, name)] == [EXACT[name]]
