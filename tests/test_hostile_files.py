"""The local files tree is copied once: no loop of links, no output folder, no odd file.

Symbolic links in ``files/`` are followed (whoever linked a file chose to publish it),
but two links back up the tree used to make the copy and the slides check endless, and
a named pipe was reported at a made-up ``pipe.pdf.rst``.  The "did you mean" hint for a
mistyped slides name compares it with a bounded number of names.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO)}
CONF = 'project = "Probe"\nextensions = ["myst_parser", "sphinx_course_schedule"]\nschedule_slides_dir = "files/ppt/{year}"\nexclude_patterns = ["_build", "files"]\n'


def slides_page(names: list[str]) -> str:
    lectures = "\n".join(f"          - {{number: {n}, title: L{n}, slides: \"files/ppt/2030/{name}\"}}"
                         for n, name in enumerate(names, 1))
    return ("# Spring 2030\n\n```{schedule}\nyear: 2030\nsections:\n  - title: F\n    weeks:\n"
            f"      - week: 1\n        topic: T\n        lectures:\n{lectures}\n```\n")


def project(tmp_path: Path, names: list[str]) -> Path:
    srcdir = tmp_path / "src"
    (srcdir / "years" / "2030").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    (srcdir / "index.md").write_text("# P\n\n```{toctree}\n\nyears/2030/index\n```\n",
                                     encoding="utf-8")
    (srcdir / "years/2030/index.md").write_text(slides_page(names), encoding="utf-8")
    return srcdir


def build(srcdir: Path, outdir: Path, timeout: int = 300) -> tuple[int, list[str]]:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "--no-color", "--keep-going",
         str(srcdir), str(outdir)], capture_output=True, text=True, timeout=timeout, env=ENV, check=False)
    return result.returncode, [line.replace(f"{srcdir}/", "") for line in
                               result.stderr.splitlines() if "WARNING" in line]


def test_links_back_up_the_tree_and_a_pipe_are_copied_once_and_reported(tmp_path: Path) -> None:
    srcdir = project(tmp_path, ["Lecture 1.pdf", "Lecture 2.pdf"])
    slides = srcdir / "files" / "ppt" / "2030"
    slides.mkdir(parents=True)
    (slides / "Lecture 1.pdf").write_bytes(b"%PDF-1.4\n")
    os.symlink("..", slides / "loop1")
    os.symlink("..", slides / "loop2")
    os.symlink(srcdir / "files", srcdir / "files" / "root-again")
    os.symlink("/", slides / "whole-disk")
    os.mkfifo(slides / "pipe.pdf")
    started = time.monotonic()
    returncode, warnings = build(srcdir, tmp_path / "out", timeout=120)
    assert returncode == 0, warnings
    assert time.monotonic() - started < 120
    copied = sorted(p.relative_to(tmp_path / "out" / "files").as_posix()
                    for p in (tmp_path / "out" / "files").rglob("*") if p.is_file())
    assert copied == ["ppt/2030/Lecture 1.pdf"]
    # a file has no line: "path:" is Sphinx's own form of such a location
    assert warnings == [
        "years/2030/index.md:12: WARNING: slides 'files/ppt/2030/Lecture 2.pdf': no such "
        "file in the local 'files/ppt/2030/' folder; did you mean 'Lecture 1.pdf'? "
        "[schedule.slides-missing]",
        "files/ppt/2030/pipe.pdf:: WARNING: cannot copy 'ppt/2030/pipe.pdf' into the HTML "
        "output: not a regular file (a named pipe, socket or device); remove it from the "
        "files tree [schedule.file]",
        "files/ppt/2030/whole-disk:: WARNING: cannot copy 'ppt/2030/whole-disk' into the HTML "
        "output: a link to a folder outside the project (copy the slides into the tree) "
        "[schedule.file]"]


def test_the_output_folder_inside_the_files_tree_is_not_copied(tmp_path: Path) -> None:
    srcdir = project(tmp_path, ["Lecture 1.pdf"])
    slides = srcdir / "files" / "ppt" / "2030"
    slides.mkdir(parents=True)
    (slides / "Lecture 1.pdf").write_bytes(b"%PDF-1.4\n")
    outdir = srcdir / "files" / "out"
    for _ in range(2):  # the second build finds the first one's output in the tree
        returncode, warnings = build(srcdir, outdir)
        assert returncode == 0 and warnings == [], warnings
    assert not (outdir / "files" / "out").exists()
    assert (outdir / "files/ppt/2030/Lecture 1.pdf").is_file()


def test_the_did_you_mean_hint_still_finds_a_near_name_among_many(tmp_path: Path) -> None:
    """(The hint compares with a bounded set of names; this is its quality guard.)"""
    names = [f"{n:03d}-intro slides.pdf" for n in range(600)]
    srcdir = project(tmp_path, ["123-intra slides.pdf"])
    slides = srcdir / "files" / "ppt" / "2030"
    slides.mkdir(parents=True)
    for name in names:
        (slides / name).write_bytes(b"%PDF-1.4\n")
    returncode, warnings = build(srcdir, tmp_path / "out")
    assert returncode == 0
    assert [w for w in warnings if "slides-missing" in w] == [
        "years/2030/index.md:11: WARNING: slides 'files/ppt/2030/123-intra slides.pdf': no "
        "such file in the local 'files/ppt/2030/' folder; did you mean "
        "'123-intro slides.pdf'? [schedule.slides-missing]"]
