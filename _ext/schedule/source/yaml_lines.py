"""Read a schedule block's YAML text into plain data plus a map of source lines.

Why not ``yaml.safe_load``: a warning must point at the line of the offending item, so we
compose the node tree ourselves and remember, for every path into the data
(``("sections", 0, "weeks", 2, "topic")``), the line where that item starts.  The reader
also refuses YAML that a schedule never needs and that could make a build hang or eat
memory: aliases (the "billion laughs"), very deep nesting and very large blocks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DataPath = tuple[str | int, ...]
"""Where a value stands in the data: ``("sections", 0, "weeks", 2, "topic")``."""


class ScheduleReadError(Exception):
    """The block cannot be read at all; ``line`` is 0-based within the block."""

    def __init__(self, message: str, line: int = 0, *, page_line: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.page_line = page_line
        """Whether ``line`` already counts lines as the page does (not as YAML does)."""


@dataclass
class ReadResult:
    """Plain data of one schedule block and where each part of it stands."""

    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)
    """0-based line (within the block) of each path; a mapping key maps to its key's line."""

    def line_of(self, path: DataPath) -> int:
        """The line of the longest known prefix of ``path`` (pydantic adds its own parts)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 0


# libyaml reads a year's schedule about eight times faster than pure Python (the benchmark
# showed the Python parser as most of the directive's cost); pure Python stays the
# reference: any block libyaml refuses is read again with it, so messages do not change.
_FAST_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)


def _prescan(text: str, max_depth: int, loader: type[Any] = yaml.SafeLoader
             ) -> None:
    """Refuse aliases, anchors and deep nesting with the scanner, which does not recurse."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise ScheduleReadError(
                    "YAML anchors and aliases (&name / *name) are not allowed in a schedule; "
                    "write the value out", token.start_mark.line)
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > max_depth:
                    raise ScheduleReadError(
                        f"YAML nested deeper than {max_depth} levels; a schedule needs far fewer",
                        token.start_mark.line)
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken,
                                    yaml.FlowSequenceEndToken)):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(_first_error(exc, text, loader), text) from None


def _first_error(exc: yaml.YAMLError, text: str, loader: type[Any]) -> yaml.YAMLError:
    """The parser's error when it comes before the scanner's.

    The scanner alone runs past a misplaced line (``- number: 2`` one space short) and
    stops only on the next one; the parser, which reads tokens as it goes, stops at the
    line that holds the mistake.  Parsing makes events without recursion, so it is safe
    before the depth check has passed.
    """
    try:
        for _event in yaml.parse(text, Loader=loader):
            pass
    except yaml.YAMLError as first:
        return first
    return exc


_FULL_WIDTH_COLON = "\uff1a"
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
"""What PyYAML counts as a line break, so a mark's line finds its text."""
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?(?P<key>[^\s:#][^:#]*?):\s+\S")


def _hint(exc: yaml.MarkedYAMLError, lines: list[str], line: int) -> str:
    """A plain hint for the mistakes course staff make most, or ``""``."""
    text = lines[line] if 0 <= line < len(lines) else ""
    problem = exc.problem or ""
    if "'\\t'" in problem or "\t" in text[:len(text) - len(text.lstrip())]:
        return "; indent with spaces, not tabs"
    if _FULL_WIDTH_COLON in text:
        return ("; this line has a full-width colon '\uff1a'; YAML needs ':' followed by a "
                "space")
    mark = exc.problem_mark
    if problem.startswith("mapping values are not allowed") and mark is not None:
        key = _KEY_VALUE.match(text)
        if key and mark.column > key.end("key"):
            return (f"; a ': ' inside a value ends it; quote the {key['key'].strip()} "
                    "(put it in \"...\")")
        return "; check this line's indentation against the lines above"
    if problem.startswith("expected <block end>"):
        return "; check this line's indentation against the lines above"
    if problem.startswith("could not find expected ':'"):
        return "; a key needs ':' followed by a space"
    return ""


def _yaml_error(exc: yaml.YAMLError, text: str) -> ScheduleReadError:
    """A readable error at its block line, for every kind of PyYAML error.

    The reader's own error (a character YAML forbids, such as NUL or an escape code in
    binary garbage) is not a ``MarkedYAMLError``: it only knows the character position.
    """
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) if isinstance(exc.position, int) else 0
        char = exc.character
        shown = f"U+{char:04X}" if isinstance(char, int) else repr(char)
        return ScheduleReadError(f"invalid YAML: the character {shown} may not appear in a "
                                 "schedule (binary data or a control character); remove it", line,
                                 page_line=True)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ScheduleReadError(f"invalid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    if (exc.context == "while scanning a simple key" and exc.context_mark is not None):
        mark = exc.context_mark  # a key without its ':' (or with '\uff1a'): the key's line
    problem = exc.problem or "invalid YAML"
    if exc.context:
        problem = f"{problem} ({exc.context})"
    line = mark.line if mark else 0
    lines = _LINE_BREAK.split(text)
    previous = next((i for i in range(line - 1, -1, -1) if lines[i].strip()), None)
    if (previous is not None and _FULL_WIDTH_COLON in lines[previous]
            and _FULL_WIDTH_COLON not in lines[line]):
        line = previous  # "key\uff1a value" read as a plain value; the next line fails
    hint = _hint(exc, lines, line)
    return ScheduleReadError(f"invalid YAML: {problem}{hint}", line)


_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _to_data(node: yaml.Node, path: DataPath, lines: dict[DataPath, int],
             constructor: yaml.SafeLoader) -> Any:
    """Turn a composed node into plain data, recording each item's line.

    Recursion is safe here: :func:`_prescan` has already bounded the nesting depth.
    """
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # the constructor would refuse such a tag on a scalar; on a collection we must
        raise ScheduleReadError(f"the YAML tag {node.tag!r} is not allowed in a schedule",
                                node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise ScheduleReadError("a mapping key must be a plain value",
                                        key_node.start_mark.line)
            key = key if isinstance(key, str) else str(key)  # every key is a name
            if key in result:
                raise ScheduleReadError(f"duplicate key {key!r}", key_node.start_mark.line)
            lines[path + (key,)] = key_node.start_mark.line
            result[key] = _to_data(value_node, path + (key,), lines, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line
            items.append(_to_data(item, path + (index,), lines, constructor))
        return items
    return constructor.construct_object(node, deep=True)


def read_text_file(path: Path, max_bytes: int, within: Path | None = None) -> str:
    """The UTF-8 text of a ``:file:`` schedule, refusing what is not a small regular file.

    Reading at most ``max_bytes + 1`` bytes keeps a huge file, ``/dev/zero`` or a pipe
    reached through ``../`` from hanging the build or exhausting memory before the size
    limit is checked.  A file whose real path (links followed) is outside ``within``, the
    project, is not read at all: a page must not make the build read ``/proc/self/environ``
    or a file of another project.  Raises ``OSError``, ``UnicodeDecodeError`` or
    :class:`ScheduleReadError`.
    """
    if not path.is_file():
        raise ScheduleReadError("not a regular file" if path.exists() else "no such file")
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        raise ScheduleReadError("the file is outside the project's source directory; "
                                "move it into the project")
    with path.open("rb") as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ScheduleReadError(f"the file is larger than schedule_max_bytes ({max_bytes})")
    return data.decode("utf-8")


def read_yaml(text: str, *, max_bytes: int, max_depth: int) -> ReadResult:
    """Parse ``text``; raise :class:`ScheduleReadError` with a block line on any problem."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ScheduleReadError(
            f"schedule block is {size} bytes, more than schedule_max_bytes ({max_bytes})")
    page_line = _page_lines(text)
    try:
        if _FAST_LOADER is not None:
            try:
                result = _parse(text, max_depth, _FAST_LOADER)
            except (ScheduleReadError, yaml.YAMLError, ValueError, OverflowError):
                result = None  # read again below, for the reference message and line
        if _FAST_LOADER is None or result is None:
            result = _parse(text, max_depth, yaml.SafeLoader)
    except ScheduleReadError as error:
        if page_line is not None and not error.page_line:
            error.line = page_line(error.line)
        raise
    if page_line is not None:
        result.lines = {path: page_line(line) for path, line in result.lines.items()}
    return result


# YAML ends a line at each of these, a page (MyST, an editor) only at \n, \r\n or \r
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_ONLY_YAML_BREAKS = frozenset("\x85\u2028\u2029")


def _page_lines(text: str) -> Callable[[int], int] | None:
    """Turn a line as YAML counts it into a line of the page; ``None`` when they agree.

    PyYAML and libyaml count U+0085, U+2028 and U+2029 as line breaks; the page does not,
    so without this each one would move every later warning down a line.
    """
    if not _ONLY_YAML_BREAKS.intersection(text):
        return None
    page = [0]  # page line of each YAML line
    for match in _YAML_BREAK.finditer(text):
        page.append(page[-1] + (match[0] not in _ONLY_YAML_BREAKS))
    return lambda line: page[min(max(line, 0), len(page) - 1)]


def _parse(text: str, max_depth: int, loader_class: type[Any]) -> ReadResult:
    _prescan(text, max_depth, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        lines: dict[DataPath, int] = {(): node.start_mark.line if node else 0}
        data = _to_data(node, (), lines, loader) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text) from None
    except (ValueError, OverflowError) as exc:  # e.g. an impossible date like 2022-02-30
        raise ScheduleReadError(f"invalid YAML value: {exc}") from None
    finally:
        loader.dispose()
    return ReadResult(data, lines)
