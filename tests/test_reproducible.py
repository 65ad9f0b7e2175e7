"""The real site builds reproducibly: same pages from any checkout, any ``-j``, any order.

Each test builds copies of the repository in ``tmp_path`` (the sources the site is made
of, not tests or build output) with the real ``sphinx-build``.  A small probe extension
(``tests/roots/test-parallel/probe.py``) logs which process read which page, so the
incremental test can tell exactly what was re-read, and the parallel test that reading
really was spread over processes.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import REPO, Build, copy_site, sphinx_build

PROBE = Path(__file__).parent / "roots" / "test-parallel"
EPOCH = "1650000000"  # 2022-04-15, inside the spring 2022 term
def site_copy(where: Path) -> Path:
    """The site's sources copied to ``where``, with the probe extension added."""
    copy_site(where)
    with (where / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\n# added by tests/test_reproducible.py\nimport sys\n"
                   f"sys.path.insert(0, {str(PROBE)!r})\n"
                   "extensions.append('probe')\n")
    return where


def build(srcdir: Path, outdir: Path, probe_log: Path, *extra: str, hash_seed: str = "1",
          epoch: str = EPOCH) -> Build:
    """Build with a fixed ``SOURCE_DATE_EPOCH``; a different hash seed per build makes any
    output that follows set or dict-of-hash order differ between builds."""
    result = sphinx_build(srcdir, outdir, "html", *extra,
                          env={"SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": hash_seed,
                               "SCHEDULE_PROBE_LOG": str(probe_log)})
    assert result.returncode == 0, result.warnings[-3000:]
    return result


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every file a reader downloads: pages, search index, exports, static files."""
    return {path.relative_to(outdir).as_posix(): path.read_bytes()
            for path in sorted(outdir.rglob("*"))
            if path.is_file() and ".doctrees" not in path.relative_to(outdir).parts}


def assert_same(left: dict[str, bytes], right: dict[str, bytes]) -> None:
    assert sorted(left) == sorted(right)
    html = [name for name in left if name.endswith(".html")]
    assert len(html) >= 4, "the site should have several pages"
    differing = [name for name in left if left[name] != right[name]]
    assert not differing, f"files differ between the builds: {differing}"


def reads(probe_log: Path) -> dict[str, list[str]]:
    """pid -> documents that process read."""
    found: dict[str, list[str]] = defaultdict(list)
    for line in probe_log.read_text(encoding="utf-8").splitlines():
        pid, docname = line.split(" ", 1)
        found[pid].append(docname)
    return dict(found)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A clean serial build of the site, the output the other builds must equal."""
    tmp = tmp_path_factory.mktemp("reference")
    src = site_copy(tmp / "checkout-one")
    build(src, tmp / "html", tmp / "probe.log", "-j", "1")
    return outputs(tmp / "html")


@pytest.mark.slow
def test_two_clean_builds_from_different_checkouts_are_identical(
        reference: dict[str, bytes], tmp_path: Path) -> None:
    src = site_copy(tmp_path / "another-checkout")
    build(src, tmp_path / "html", tmp_path / "probe.log", "-j", "1", hash_seed="2")
    assert_same(reference, outputs(tmp_path / "html"))


def test_only_the_calendar_stamp_depends_on_the_build_time(reference: dict[str, bytes],
                                                           tmp_path: Path) -> None:
    src = site_copy(tmp_path / "site")
    build(src, tmp_path / "html", tmp_path / "probe.log", epoch="1750000000")
    later = outputs(tmp_path / "html")
    assert sorted(later) == sorted(reference)
    differing = [name for name in later if later[name] != reference[name]]
    assert all(name.endswith(".ics") for name in differing), differing
    for name in differing:
        changed = set(later[name].splitlines()) ^ set(reference[name].splitlines())
        assert all(line.startswith(b"DTSTAMP:") for line in changed), (name, changed)


def test_parallel_build_gives_the_same_pages(reference: dict[str, bytes],
                                             tmp_path: Path) -> None:
    src = site_copy(tmp_path / "site")
    build(src, tmp_path / "html", tmp_path / "probe.log", "-j", "2", hash_seed="3")
    readers = reads(tmp_path / "probe.log")
    assert len(readers) >= 2, f"-j 2 read everything in one process: {readers}"
    assert_same(reference, outputs(tmp_path / "html"))


def year_page_to_edit(src: Path) -> tuple[Path, str]:
    """A real year page and the docname of it, the one with the most weeks."""
    pages = sorted(src.glob("years/*/index.md"),
                   key=lambda page: page.read_text(encoding="utf-8").count("topic:"))
    assert pages and "topic:" in pages[-1].read_text(encoding="utf-8")
    page = pages[-1]
    return page, page.relative_to(src).with_suffix("").as_posix()


def edit(page: Path) -> None:
    """Change a week's topic, as staff fixing a typo would, with a later mtime."""
    text = page.read_text(encoding="utf-8")
    edited, count = re.subn(r"(topic: .+)", r"\1 (revised)", text, count=1)
    assert count == 1
    page.write_text(edited, encoding="utf-8")
    later = page.stat().st_mtime + 5
    os.utime(page, (later, later))


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_incremental_build_rereads_only_the_edited_year(tmp_path: Path, jobs: str) -> None:
    src = site_copy(tmp_path / "site")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    build(src, tmp_path / "html", first_log, "-j", jobs)
    all_docs = {doc for docs in reads(first_log).values() for doc in docs}
    page, docname = year_page_to_edit(src)
    assert docname in all_docs and len(all_docs) > 3

    edit(page)
    build(src, tmp_path / "html", second_log, "-j", jobs)
    reread = sorted(doc for docs in reads(second_log).values() for doc in docs)
    assert reread == [docname]
    assert "(revised)" in (tmp_path / "html" / f"{docname}.html").read_text(encoding="utf-8")

    clean = site_copy(tmp_path / "clean")
    shutil.copy2(page, clean / page.relative_to(src))
    build(clean, tmp_path / "clean-html", tmp_path / "clean.log", "-j", jobs)
    assert_same(outputs(tmp_path / "clean-html"), outputs(tmp_path / "html"))


def test_editing_a_schedule_file_rereads_the_page_that_uses_it(tmp_path: Path) -> None:
    """A ``:file:`` schedule is a dependency of its page, not a page of its own."""
    src = tmp_path / "src"
    shutil.copytree(PROBE.parent / "test-parallel-file", src)
    env = {"PYTHONPATH": os.pathsep.join([str(REPO), str(PROBE)])}
    first = sphinx_build(src, tmp_path / "html", "html", "-W",
                         env={**env, "SCHEDULE_PROBE_LOG": str(tmp_path / "first.log")})
    assert first.returncode == 0, first.warnings
    assert sorted(doc for docs in reads(tmp_path / "first.log").values() for doc in docs) == [
        "index", "years/2030/index", "years/2031/index"]

    schedule = src / "years" / "2030" / "schedule.yaml"
    edit(schedule)
    second = sphinx_build(src, tmp_path / "html", "html", "-W",
                          env={**env, "SCHEDULE_PROBE_LOG": str(tmp_path / "second.log")})
    assert second.returncode == 0, second.warnings
    assert [doc for docs in reads(tmp_path / "second.log").values() for doc in docs] == [
        "years/2030/index"]
    page = (tmp_path / "html" / "years" / "2030" / "index.html").read_text(encoding="utf-8")
    assert "Introduction (revised)" in page
