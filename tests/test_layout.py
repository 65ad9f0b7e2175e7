"""The extension's layout: each folder of ``_ext/`` is one concern, and stays readable.

These rules are what the README's layout table promises a reader: the schedule part
(YAML to nodes) knows nothing of output formats or of the site's own repairs, the site
repairs know nothing of the schedule, no module grows past what one reading takes in,
and no extension code replaces the visitors of docutils' own nodes or reads Sphinx's
private registry (attributes come from our nodes and the translator mixins).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import REPO

EXT = REPO / "_ext"
PACKAGE = "sphinx_course_schedule"
"""The import name of ``_ext/`` (pyproject.toml's package-dir)."""
MAX_LINES = 350


def _modules(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def _package_of(path: Path) -> list[str]:
    """``["sphinx_course_schedule", "schedule", "model"]`` for ``_ext/schedule/model/schedule.py``."""
    return [PACKAGE, *path.relative_to(EXT).with_suffix("").parts[:-1]]


def imported_parts(path: Path) -> set[str]:
    """The dotted modules of the package ``path`` imports, with relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = _package_of(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == PACKAGE or name.startswith(f"{PACKAGE}.")}


def _in(folder: str) -> list[Path]:
    return _modules(EXT / folder)


@pytest.mark.parametrize("path", _in("schedule"), ids=lambda p: p.name)
def test_the_schedule_part_imports_no_output_or_site_module(path: Path) -> None:
    bad = {name for name in imported_parts(path)
           if name.startswith((f"{PACKAGE}.outputs", f"{PACKAGE}.site"))}
    assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _in("site"), ids=lambda p: p.name)
def test_site_repairs_import_nothing_of_the_schedule_or_its_outputs(path: Path) -> None:
    bad = {name for name in imported_parts(path)
           if name.startswith((f"{PACKAGE}.schedule", f"{PACKAGE}.outputs"))}
    assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", _in("outputs"), ids=lambda p: p.name)
def test_outputs_do_not_import_the_site_repairs(path: Path) -> None:
    bad = {name for name in imported_parts(path) if name.startswith(f"{PACKAGE}.site")}
    assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


def test_the_import_check_sees_relative_imports() -> None:
    """Guard for the checks above: a relative import is resolved to its package."""
    found = imported_parts(EXT / "outputs" / "html.py")
    assert f"{PACKAGE}.schedule.render.nodes" in found and f"{PACKAGE}.builders" in found


@pytest.mark.parametrize("path", _modules(EXT) + _modules(REPO / "tools"),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_no_module_is_longer_than_one_reading(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines"


@pytest.mark.parametrize("path", _modules(EXT), ids=lambda p: str(p.relative_to(REPO)))
def test_no_global_override_of_docutils_nodes_and_no_private_registry(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "registry":
            pytest.fail(f"{path.relative_to(REPO)}:{node.lineno} reads app.registry")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_node"):
            overrides = any(k.arg == "override" for k in node.keywords)
            first = node.args[0] if node.args else None
            docutils_node = (isinstance(first, ast.Attribute)
                             and isinstance(first.value, ast.Name)
                             and first.value.id == "nodes")
            assert not (overrides or docutils_node), (
                f"{path.relative_to(REPO)}:{node.lineno} replaces a docutils node's visitor")
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
            pytest.fail(f"{path.relative_to(REPO)}:{node.lineno} prints; use the logger")


# --- the package is any course's: none of this course's particulars in its code ------------
COURSE_LITERALS = ("Deep Generative Models", "deep-generative-models", "Peking", "Hao Dong",
                   "files/ppt", "Asia/Shanghai")
"""This course's name, address, university, instructor, slides folder and timezone: its
``conf.py`` and pages give them; the extension's defaults must not (docstrings may use
them as examples)."""
COURSE_WORD = re.compile(r"(?<![a-z0-9])dgm(?![a-z0-9])", re.IGNORECASE)
"""The course's initials, as a word of its own (``dgm-schedule``, ``DGM``), not inside
another word (``judgment``): once the name of the extension's message catalog."""


def course_names(text: str) -> list[str]:
    """The course's particulars ``text`` names (its literals, or its initials as a word)."""
    found = [word for word in COURSE_LITERALS if word.lower() in text.lower()]
    return found + COURSE_WORD.findall(text)


@pytest.mark.parametrize("text", ["CATALOG = 'dgm-schedule'", "DGM course", "_locale/dgm/x",
                                  "the Deep Generative Models site", "tz = 'Asia/Shanghai'"])
def test_a_course_name_is_caught(text: str) -> None:
    assert course_names(text)


@pytest.mark.parametrize("text", ["a judgment call", "sphinx-course-schedule", "Asia/Tokyo"])
def test_other_words_are_not_a_course_name(text: str) -> None:
    assert not course_names(text)


def _docstrings(tree: ast.AST) -> set[int]:
    """The strings that stand alone as statements: docstrings, of modules to attributes."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


@pytest.mark.parametrize("path", _modules(EXT), ids=lambda p: str(p.relative_to(REPO)))
def test_no_course_specific_literal_in_the_package(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings):
            found = course_names(node.value)
            assert not found, f"{path.relative_to(REPO)}:{node.lineno} names {found}"


def _data_files() -> list[Path]:
    """The package's files that are not Python: its CSS and scripts, its catalogs."""
    return sorted(path for path in EXT.rglob("*") if path.is_file() and path.suffix != ".py"
                  and "__pycache__" not in path.parts)


def test_the_package_has_data_files() -> None:
    """The test below reads the style sheet and the Chinese catalog (it cannot pass empty)."""
    names = {path.suffix for path in _data_files()}
    assert {".css", ".po"} <= names


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_data_files_name_no_course(path: Path) -> None:
    """Neither the name nor the text of a shipped file (a style sheet, the message catalog
    ``<lang>/LC_MESSAGES/<catalog>.po`` and its header) names this course."""
    relative = str(path.relative_to(EXT))
    assert not course_names(relative), relative
    assert not course_names(path.read_text(encoding="utf-8")), relative


def test_the_distribution_lists_every_package_folder() -> None:
    """pyproject.toml names the packages one by one (``_ext/`` is mapped, not found)."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {".".join([PACKAGE, *init.parent.relative_to(EXT).parts])
               for init in EXT.rglob("__init__.py")}
    assert listed == folders


def test_every_file_the_package_reads_is_package_data() -> None:
    """Each file of ``_ext/`` that is not Python (styles, scripts, catalogs) matches a
    package-data pattern, so an installed package finds it (a script added beside its
    module was missing from the wheel once)."""
    import tomllib
    from fnmatch import fnmatchcase

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"][PACKAGE]
    files = [path.relative_to(EXT).as_posix() for path in EXT.rglob("*")
             if path.is_file() and path.suffix not in (".py", ".pyc", ".mo")
             and "__pycache__" not in path.parts]
    assert files
    assert [name for name in files
            if not any(fnmatchcase(name, pattern) for pattern in patterns)] == []


# --- no import circle: each module can be read after the ones it uses ----------------------
def _module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(EXT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_circles() -> list[list[str]]:
    """The groups of package modules that import each other, directly or through others
    (every import counts, those only for type checkers too: they tie the modules alike)."""
    modules = {_module_name(path): path for path in _modules(EXT)}
    graph = {name: sorted(m for m in imported_parts(path) if m in modules and m != name)
             for name, path in modules.items()}
    found: list[list[str]] = []
    for start in graph:  # a circle through start: start reaches itself
        reached = _reach(graph, start)
        circle = sorted(m for m in reached if start in _reach(graph, m))
        if start in reached and circle not in found:
            found.append(circle)
    return found


def _reach(graph: dict[str, list[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or through others."""
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(graph[name])
    return seen


def test_the_circle_check_sees_a_circle() -> None:
    """Guard: two modules importing each other are found."""
    graph = {"a": ["b"], "b": ["a"], "c": ["a"]}
    assert _reach(graph, "a") == {"a", "b"} and "c" not in _reach(graph, "a")


def test_no_import_circle_in_the_package() -> None:
    assert import_circles() == []


# --- the site's conf.py holds settings; its TeX is in handbook/ -----------------------------
def test_conf_py_holds_no_tex() -> None:
    """The handbook's preamble and title page are ``handbook/*.tex.jinja`` files that
    conf.py renders; a TeX command in one of conf.py's strings means TeX crept back."""
    tree = ast.parse((REPO / "conf.py").read_text(encoding="utf-8"))
    found = [(node.lineno, command) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             for command in re.findall(r"\\[A-Za-z@]+", node.value)]
    assert found == []


SYNONYMS = ({"i18n", "l10n", "locale", "language", "lang"},)
"""Words that name one role: two modules of a folder named by two of them look alike."""


def _words(stem: str) -> frozenset[str]:
    """``field_types`` → {field, type}: a module name's words, plural or not."""
    words = set()
    for word in stem.split("_"):
        word = word[:-1] if len(word) > 3 and word.endswith("s") else word
        words.add(next((min(group) for group in SYNONYMS if word in group), word))
    return frozenset(words)


def look_alikes(stems: list[str]) -> list[tuple[str, str]]:
    """Pairs of names in one folder where one is the other plus words (``links`` and
    ``link_targets``), or both say the same (``i18n`` and ``locale``): a reader cannot
    tell from the names which one holds what."""
    pairs = []
    for index, first in enumerate(stems):
        for second in stems[index + 1:]:
            a, b = _words(first), _words(second)
            if a <= b or b <= a:
                pairs.append((first, second))
    return pairs


def test_the_look_alike_check_sees_the_old_names() -> None:
    """Guard for the check below: the names the flat ``schedule/`` folder had."""
    assert look_alikes(["fields", "field_types", "links", "link_targets", "files"]) == [
        ("fields", "field_types"), ("links", "link_targets")]
    assert look_alikes(["i18n", "locale", "labels"]) == [("i18n", "locale")]


@pytest.mark.parametrize("folder", sorted({path.parent for path in _modules(EXT)}),
                         ids=lambda p: str(p.relative_to(REPO)))
def test_no_module_is_named_like_another_of_its_folder(folder: Path) -> None:
    stems = [path.stem for path in sorted(folder.glob("*.py"))
             if path.stem not in ("__init__", "__main__")]
    stems += sorted(sub.name for sub in folder.iterdir() if (sub / "__init__.py").exists())
    assert not look_alikes(stems), f"{folder.relative_to(REPO)}: {look_alikes(stems)}"
