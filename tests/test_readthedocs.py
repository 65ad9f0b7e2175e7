"""``.readthedocs.yaml`` asks Read the Docs for what this project needs, and CI tests that.

Read the Docs cannot be reached from here, so these tests check the file against the
parts of its v2 schema we use (an inline JSON Schema), then check that it agrees with the
rest of the project: the conf.py and requirements it names exist, the Debian packages it
installs hold the fonts conf.py's LaTeX preamble asks for, and CI installs the same
packages, so the PDF the tests build is the PDF Read the Docs builds.
"""

from __future__ import annotations

import re
import runpy
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import REPO

CONFIG = REPO / ".readthedocs.yaml"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "build", "sphinx", "formats", "python"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": 2},
        "build": {
            "type": "object",
            "required": ["os", "tools"],
            "additionalProperties": False,
            "properties": {
                "os": {"enum": ["ubuntu-22.04", "ubuntu-24.04", "ubuntu-lts-latest"]},
                "tools": {
                    "type": "object",
                    "required": ["python"],
                    "properties": {"python": {"type": "string", "pattern": r"^3\.1[0-9]$"}},
                },
                "apt_packages": {
                    "type": "array",
                    "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9.+-]+$"},
                    "uniqueItems": True,
                },
            },
        },
        "sphinx": {
            "type": "object",
            "required": ["configuration"],
            "additionalProperties": False,
            "properties": {
                "configuration": {"type": "string"},
                "fail_on_warning": {"type": "boolean"},
                "builder": {"enum": ["html", "dirhtml", "singlehtml"]},
            },
        },
        "formats": {
            "oneOf": [
                {"const": "all"},
                {"type": "array", "items": {"enum": ["htmlzip", "pdf", "epub"]},
                 "uniqueItems": True},
            ],
        },
        "python": {
            "type": "object",
            "required": ["install"],
            "additionalProperties": False,
            "properties": {
                "install": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "oneOf": [{"required": ["requirements"]}, {"required": ["path"]}],
                        "properties": {"requirements": {"type": "string"},
                                       "method": {"enum": ["pip", "setuptools"]},
                                       "path": {"type": "string"}},
                    },
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_matches_the_v2_schema_parts_we_use(config: dict[str, Any]) -> None:
    jsonschema.validate(config, SCHEMA)


def test_schema_rejects_what_read_the_docs_would(config: dict[str, Any]) -> None:
    """The inline schema is strict enough to catch the usual slips."""
    for broken in ({**config, "version": 1},
                   {**config, "sphinx": {**config["sphinx"], "fail_on_warnings": True}},
                   {**config, "formats": ["pdf", "mobi"]},
                   {**config, "build": {**config["build"], "tools": {"python": "3.8"}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_current_os_and_python_strict_sphinx_pdf_and_epub(config: dict[str, Any]) -> None:
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.12"
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert config["formats"] == ["pdf", "epub"]
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


def test_named_files_exist_and_requirements_hold_sphinx(config: dict[str, Any]) -> None:
    assert (REPO / config["sphinx"]["configuration"]).is_file()
    requirements = (REPO / config["python"]["install"][0]["requirements"]).read_text(
        encoding="utf-8")
    names = {re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower()
             for line in requirements.splitlines() if line.strip() and not line.startswith("#")}
    assert {"sphinx", "myst-parser", "furo", "sphinx-design"} <= names


def test_pdf_settings_read_the_docs_uses_come_from_conf(config: dict[str, Any]) -> None:
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert conf["latex_engine"] == "xelatex"
    assert conf["latex_use_xindy"] is False  # Read the Docs has no xindy
    root = conf["latex_documents"][0][0]
    assert (REPO / f"{root}.md").is_file() or (REPO / f"{root}.rst").is_file()
    fonts = re.findall(r"\\setCJK\w*font\{([^}]+)\}", conf["latex_elements"]["preamble"])
    assert fonts and all(font.startswith("Noto ") for font in fonts)
    packages = config["build"]["apt_packages"]
    assert "fonts-noto-cjk" in packages  # the Noto CJK fonts
    assert "texlive-lang-chinese" in packages  # xeCJK
    assert "fonts-freefont-otf" in packages  # Sphinx's xelatex default Latin fonts


def test_ci_installs_every_package_read_the_docs_does(config: dict[str, Any]) -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"DEBIAN_PACKAGES=\((.*?)\)", script, re.S)
    assert match is not None
    ci_packages = set(re.sub(r"#.*", "", match[1]).split())
    assert set(config["build"]["apt_packages"]) <= ci_packages


def test_make_pdf_names_the_same_packages(config: dict[str, Any]) -> None:
    """What ``make pdf`` tells a developer to install is what Read the Docs installs."""
    script = (REPO / "handbook" / "require-tex.sh").read_text(encoding="utf-8")
    match = re.search(r"everything the PDF needs: (.*?)\)", script, re.S)
    assert match is not None
    named = set(re.sub(r'["\\\s]+', " ", match[1]).split())
    assert named == set(config["build"]["apt_packages"])
