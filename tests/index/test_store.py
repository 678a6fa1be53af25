"""Rebuilding safely: versions beside the served one, lock, kill, rollback, staleness."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus import load_corpus
from bot.corpus.models import Corpus
from bot.errors import IndexBuildError, IndexDamaged, IndexLocked, IndexUnavailable
from index.store import (
    complete_versions,
    corpus_fingerprint,
    current_folder,
    is_stale,
    open_index,
    publish,
    rollback,
)
from tests.index.conftest import REPO, query_in_subprocess

QUESTION = "代建管理费"
DOC_NO = "岚综管规〔2024〕4号"
FEE_ITEM = "pingtan_item_PZ00101-1700-2024-00452.html"  # id relative to the items folder


# A rebuild that stalls after its first document (as a slow disk or a huge PDF would),
# so the test can kill it mid-way: the store's own publish(), driven from outside.
_STALLING_BUILD = """
import sys, time
from pathlib import Path
from bot.corpus import load_corpus
from index.store import publish
publish(load_corpus(Path(sys.argv[1])), Path(sys.argv[2]), progress=lambda _doc: time.sleep(60))
"""


def _start_paused_build(corpus_dir: Path, index_dir: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", _STALLING_BUILD, str(corpus_dir), str(index_dir)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_partial(index_dir: Path, build: subprocess.Popen[str]) -> Path:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert build.poll() is None, build.communicate()
        partial = [p for p in (index_dir / "versions").glob("*.partial") if (p / "whoosh").is_dir()]
        if partial:
            return partial[0]
        time.sleep(0.1)
    raise AssertionError("the build never started writing")


@pytest.fixture(scope="module")
def items_dir(corpus_dir: Path) -> Path:
    """A small real corpus (the items folder): these tests are about versions, not ranking."""
    return corpus_dir / "items"


@pytest.fixture(scope="module")
def items(items_dir: Path) -> Corpus:
    """The items folder, loaded."""
    return load_corpus(items_dir)


@pytest.fixture
def served(items: Corpus, tmp_path: Path) -> Path:
    """An index folder with one published version."""
    index_dir = tmp_path / "index"
    publish(items, index_dir)
    return index_dir


def test_killed_rebuild_leaves_the_served_index_answering(
    served: Path, items_dir: Path, items: Corpus
) -> None:
    before = current_folder(served)
    build = _start_paused_build(items_dir, served)
    partial = _wait_for_partial(served, build)
    build.send_signal(signal.SIGKILL)
    build.communicate(timeout=30)
    assert current_folder(served) == before
    assert partial.exists()  # the killed build's leftovers
    hits = query_in_subprocess(served, [("lookup", {"doc_no": DOC_NO})])
    assert hits[0][0]["doc_id"] == FEE_ITEM
    published = publish(items, served)
    assert not partial.exists()
    assert current_folder(served) == published.folder
    assert published.previous == before.name if before else False


def test_lock_refuses_a_second_rebuild_with_a_clear_message(
    served: Path, items_dir: Path, items: Corpus
) -> None:
    build = _start_paused_build(items_dir, served)
    try:
        _wait_for_partial(served, build)
        with pytest.raises(IndexLocked, match=rf"another build is running \(pid {build.pid}\)"):
            publish(items, served)
        with pytest.raises(IndexLocked):
            rollback(served)
    finally:
        build.kill()
        build.communicate(timeout=30)
    publish(items, served)  # the lock died with its holder


def test_cli_reports_the_lock(served: Path, items_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build = _start_paused_build(items_dir, served)
    try:
        _wait_for_partial(served, build)
        code = main(["build", "--corpus", str(items_dir), "--index", str(served)])
    finally:
        build.kill()
        build.communicate(timeout=30)
    assert code == 1
    assert f"another build is running (pid {build.pid})" in capsys.readouterr().err


def test_rollback_switches_back_and_stops_at_the_oldest(served: Path, items: Corpus) -> None:
    first = current_folder(served)
    second = publish(items, served).folder
    assert current_folder(served) == second
    assert rollback(served) == first
    assert current_folder(served) == first
    with pytest.raises(IndexBuildError, match="no version older"):
        rollback(served)
    open_index(served).backend.close()


def test_cli_build_and_rollback(tmp_path: Path, items_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index_dir = tmp_path / "index"
    args = ["build", "--corpus", str(items_dir), "--index", str(index_dir)]
    assert main(args) == 0
    out = capsys.readouterr().out
    summary = next(line for line in out.splitlines() if line.startswith("built "))
    for part in ("documents", "passages", "statistics", "contacts", "items", "failed", "warnings", " s"):
        assert part in summary
    assert main([*args, "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert len(complete_versions(index_dir)) == 1
    assert main(args) == 0
    assert main([*args[:-2], "--index", str(index_dir), "--rollback"]) == 0
    assert current_folder(index_dir) == complete_versions(index_dir)[0]


def test_an_opened_index_keeps_answering_through_rebuilds(served: Path, items: Corpus) -> None:
    knowledge = open_index(served)
    served_version = knowledge.info.version
    for _ in range(3):
        publish(items, served, keep=1)
    assert knowledge.backend.lookup(doc_no=DOC_NO)[0].doc_id == FEE_ITEM
    assert served_version in {p.name for p in complete_versions(served)}  # in use: not pruned
    knowledge.backend.close()
    publish(items, served, keep=1)
    assert [p.name for p in complete_versions(served)] == [current_folder(served).name]  # type: ignore[union-attr]
    with pytest.raises(IndexUnavailable, match="closed"):
        knowledge.backend.search(QUESTION)


def test_staleness_follows_the_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "items", copy / "items")
    index_dir = tmp_path / "index"
    assert is_stale(index_dir, copy)
    publish(load_corpus(copy), index_dir, fingerprint=corpus_fingerprint(copy))
    assert not is_stale(index_dir, copy)
    (copy / "items" / "new.txt").write_text("关于新文件的通知", encoding="utf-8")
    assert is_stale(index_dir, copy)


def test_open_index_explains_what_is_missing(tmp_path: Path, served: Path) -> None:
    with pytest.raises(IndexUnavailable, match="no index has been built"):
        open_index(tmp_path / "nowhere")
    folder = current_folder(served)
    assert folder is not None
    shutil.rmtree(folder / "whoosh")
    with pytest.raises(IndexDamaged, match=r"damaged index version: whoosh/\S+ was deleted"):
        open_index(served)
    (folder / "facts.json").chmod(0o644)
    (folder / "facts.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexDamaged, match=r"facts\.json is 7 bytes, the build wrote"):
        open_index(served)
    shutil.rmtree(folder)
    with pytest.raises(IndexUnavailable, match="missing"):
        open_index(served)


def test_an_empty_corpus_never_replaces_the_served_index(served: Path, tmp_path: Path) -> None:
    before = current_folder(served)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IndexBuildError, match="no document"):
        publish(load_corpus(empty), served)
    assert current_folder(served) == before


def test_a_broken_document_is_reported_and_the_rest_is_served(
    tmp_path: Path, items_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus_copy = tmp_path / "corpus"
    shutil.copytree(items_dir, corpus_copy)
    (corpus_copy / "broken.txt").write_bytes(b"   ")
    index_dir = tmp_path / "index"
    assert main(["build", "--corpus", str(corpus_copy), "--index", str(index_dir)]) == 0
    captured = capsys.readouterr()
    assert "FAIL  broken.txt: empty file" in captured.err
    assert "1 failed" in captured.out
    knowledge = open_index(index_dir)
    assert knowledge.backend.lookup(doc_no=DOC_NO)[0].doc_id == FEE_ITEM
    knowledge.backend.close()
