"""Issue 15, failures 1 and 10 (disk full): an index that cannot kill its reader.

Every test works on its own copy of the session index (or a build of its own) under
`fault_dir`, damages it as an operator's slip or a full disk would, and checks the
reader, `gongkai build --if-stale` and start-up behave.
"""

from __future__ import annotations

import asyncio
import errno
import io
import json
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh.filedb import filestore

from bot.channels.telegram.app import _index_opener
from bot.cli import main
from bot.corpus import load_corpus
from bot.corpus.models import Corpus
from bot.errors import IndexDamaged
from bot.serving import KnowledgeHolder
from bot.settings import Settings
from index.store import complete_versions, corpus_fingerprint, current_folder, open_index, publish
from tests.conftest import CORPUS_DIR, REPO

# A figure question of the dev set: answered from the statistics records.
FIGURE_QUESTION = "淮安市2024年新收政府信息公开申请多少件？"
FIGURE = "3119"
CORPUS_OPTION = ["--corpus", str(CORPUS_DIR)]


def copy_index(built_index: Path, fault_dir: Path) -> Path:
    """A private copy of the session index (versions and the `current` link)."""
    target = fault_dir / "index"
    shutil.copytree(built_index, target, symlinks=True)
    return target


def served_segment(index_dir: Path) -> Path:
    """The whoosh segment file of the current version."""
    [segment] = (index_dir / "current" / "whoosh").glob("*.seg")
    return segment


def start_ask(index_dir: Path, fault_dir: Path) -> subprocess.Popen[str]:
    """`gongkai ask --json -` over index_dir, reading questions from a pipe."""
    env = {**os.environ, "GONGKAI_DATA_DIR": str(fault_dir / "data")}
    with (fault_dir / "ask.stderr").open("w", encoding="utf-8") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "ask", "--json", "-", "--index", str(index_dir), *CORPUS_OPTION],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=REPO,
            env=env,
        )


def ask_line(process: subprocess.Popen[str], question: str) -> dict[str, object] | None:
    """Send one question and read its JSON reply (None if the process died first)."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(question + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    return json.loads(line) if line else None


def test_a_live_segment_truncated_gives_a_polite_reply_not_sigbus(built_index: Path, fault_dir: Path) -> None:
    index_dir = copy_index(built_index, fault_dir)
    process = start_ask(index_dir, fault_dir)
    try:
        first = ask_line(process, "张店区安监局的咨询热线电话是多少？")  # the index is open and mapped
        assert first is not None and first["found"] is True
        segment = served_segment(index_dir)
        segment.chmod(0o644)
        with segment.open("r+b") as handle:  # as `cp` or `rsync --inplace` over it would
            handle.truncate(segment.stat().st_size // 3)
        reply = ask_line(process, FIGURE_QUESTION)
        if reply is None:
            code = process.wait(timeout=30)
            raise AssertionError(f"ask died: exit {code} (SIGBUS is {-signal.SIGBUS})")
        assert reply["found"] is False and reply["answer"]
        assert FIGURE not in str(reply["answer"])
        assert ask_line(process, "张店区安监局的咨询热线电话是多少？") is not None  # still answering
    finally:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()
    assert process.returncode == 0
    log = (fault_dir / "ask.stderr").read_text(encoding="utf-8")
    assert f"{segment.name} is {segment.stat().st_size} bytes" in log  # the operator is told which file


# --- damaged versions: refused at open, rebuilt by --if-stale, skipped at start-up ---


def _segment(version: Path) -> Path:
    [segment] = (version / "whoosh").glob("*.seg")
    return segment


def _writable(path: Path) -> Path:
    path.chmod(0o644)  # published files are read-only; the damage comes from outside
    return path


def truncate_segment(version: Path) -> str:
    segment = _writable(_segment(version))
    with segment.open("r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)
    return segment.name


def overwrite_segment_byte(version: Path) -> str:
    segment = _writable(_segment(version))
    with segment.open("r+b") as handle:  # same size: only the checksum can tell
        handle.seek(segment.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0xFF]))
    return segment.name


def delete_segment(version: Path) -> str:
    segment = _segment(version)
    segment.unlink()
    return segment.name


def delete_toc(version: Path) -> str:
    [toc] = (version / "whoosh").glob("*.toc")
    toc.unlink()
    return toc.name


def delete_whoosh_folder(version: Path) -> str:
    shutil.rmtree(version / "whoosh")
    return "whoosh/"


def delete_manifest(version: Path) -> str:
    (version / "manifest.json").unlink()
    return "manifest.json"


DAMAGES = [
    truncate_segment,
    overwrite_segment_byte,
    delete_segment,
    delete_toc,
    delete_whoosh_folder,
    delete_manifest,
]

ITEMS_DIR = CORPUS_DIR / "items"  # a small real corpus: these tests are about versions
DOC_NO = "岚综管规〔2024〕4号"


@pytest.fixture(scope="module")
def items() -> Corpus:
    return load_corpus(ITEMS_DIR)


def published(items: Corpus, index_dir: Path, times: int = 1) -> list[Path]:
    """Publish the items corpus `times` times; the version folders, oldest first."""
    fingerprint = corpus_fingerprint(ITEMS_DIR)
    return [publish(items, index_dir, fingerprint=fingerprint).folder for _ in range(times)]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_a_damaged_current_version_is_refused_naming_the_file(
    damage: Callable[[Path], str], items: Corpus, fault_dir: Path
) -> None:
    [version] = published(items, fault_dir / "index")
    named = damage(version)
    with pytest.raises(IndexDamaged) as refused:
        open_index(fault_dir / "index")
    assert named in str(refused.value) and "run `gongkai build`" in str(refused.value)


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.__name__)
def test_build_if_stale_rebuilds_a_damaged_current_version(
    damage: Callable[[Path], str], items: Corpus, fault_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = fault_dir / "index"
    [damaged] = published(items, index_dir)
    damage(damaged)
    code = main(["build", "--if-stale", "--corpus", str(ITEMS_DIR), "--index", str(index_dir)])
    assert code == 0
    out = capsys.readouterr().out
    assert "up to date" not in out and "built " in out
    assert current_folder(index_dir) != damaged
    kb = open_index(index_dir)
    try:
        assert kb.backend.lookup(doc_no=DOC_NO)
    finally:
        kb.backend.close()
    assert main(["build", "--if-stale", "--corpus", str(ITEMS_DIR), "--index", str(index_dir)]) == 0
    assert "up to date" in capsys.readouterr().out  # the rebuilt version is intact


@pytest.mark.parametrize(
    "damage", [truncate_segment, delete_toc, delete_whoosh_folder], ids=lambda damage: damage.__name__
)
def test_start_up_serves_the_newest_intact_version_and_says_why(
    damage: Callable[[Path], str], items: Corpus, fault_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index_dir = fault_dir / "index"
    _oldest, intact, damaged = published(items, index_dir, times=3)
    named = damage(damaged)
    holder = KnowledgeHolder(lambda: open_index(index_dir, fallback=True))  # as `serve` starts
    info = asyncio.run(holder.start())
    assert info.version == intact.name
    asyncio.run(holder.close())
    assert any(named in record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
    assert f"serving the intact version {intact.name}" in caplog.text
    with pytest.raises(IndexDamaged):  # a reload keeps what it serves rather than go back
        open_index(index_dir)


def test_the_bot_falls_back_at_start_but_a_reload_keeps_what_it_serves(
    items: Corpus, fault_dir: Path
) -> None:
    index_dir = fault_dir / "index"
    intact, damaged = published(items, index_dir, times=2)
    delete_segment(damaged)
    settings = Settings(_env_file=None, index_dir=index_dir, data_dir=fault_dir / "data")  # type: ignore[call-arg]
    holder = KnowledgeHolder(_index_opener(settings))  # the opener `serve` gives its holder
    assert asyncio.run(holder.start()).version == intact.name
    with pytest.raises(IndexDamaged, match="was deleted"):
        asyncio.run(holder.reload())
    assert holder.info.version == intact.name
    asyncio.run(holder.close())


def test_ask_starts_on_an_intact_version_and_fails_clearly_when_none_is(
    items: Corpus, fault_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = fault_dir / "index"
    older, current = published(items, index_dir, times=2)
    truncate_segment(current)
    no_corpus = [
        "--corpus",
        str(fault_dir / "no-corpus"),
        "--index",
        str(index_dir),
    ]  # nothing to rebuild from
    assert main(["ask", "--json", *no_corpus, "岚综管规〔2024〕4号是哪个文件"]) == 0
    assert json.loads(capsys.readouterr().out)["found"] is True
    delete_toc(older)
    assert main(["ask", "--json", *no_corpus, "岚综管规〔2024〕4号是哪个文件"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("gongkai ask: ") and "Traceback" not in err
    assert _segment(current).name in err and "no other intact version" in err


def test_published_files_are_read_only_and_pruning_still_deletes_them(items: Corpus, fault_dir: Path) -> None:
    index_dir = fault_dir / "index"
    versions = published(items, index_dir, times=4)
    for version in versions[1:]:
        files = [p for p in version.rglob("*") if p.is_file() and p.name != ".in-use"]
        assert {p.relative_to(version).as_posix() for p in files} >= {"facts.json", "manifest.json"}
        assert all(p.stat().st_mode & 0o222 == 0 for p in files), "a published file is writable"
        assert all(p.stat().st_mode & stat.S_IWUSR for p in [version, version / "whoosh"])
    assert complete_versions(index_dir) == versions[1:]  # keep 3: the oldest was pruned
    assert not versions[0].exists()


# --- disk full during a build ---


class FullDisk:
    """Fault injection at the index storage's lowest write: after `room` bytes, ENOSPC."""

    def __init__(self, room: int) -> None:
        self.room = room

    def open(self, path: str, mode: str = "r", *args: object, **kwargs: object) -> object:
        if not set(mode) & set("wa+"):
            return Path(path).open(mode, *args, **kwargs)  # type: ignore[call-overload]
        raw = _FullFile(self, path, mode.replace("b", ""))
        return io.BufferedRandom(raw) if "+" in mode else io.BufferedWriter(raw)


class _FullFile(io.FileIO):
    def __init__(self, disk: FullDisk, path: str, mode: str) -> None:
        super().__init__(path, mode)
        self._disk = disk

    def write(self, data: object) -> int:
        size = memoryview(data).nbytes  # type: ignore[arg-type]
        if size > self._disk.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.name)
        self._disk.room -= size
        return super().write(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("room", [0.05, 0.5, 0.95])  # of the index's size: early, mid-way, at assembly
def test_a_full_disk_during_a_build_is_named_and_the_served_index_stays(
    room: float,
    items: Corpus,
    fault_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index_dir = fault_dir / "index"
    [served] = published(items, index_dir)
    index_bytes = sum(p.stat().st_size for p in (served / "whoosh").iterdir())
    monkeypatch.setattr(filestore, "open", FullDisk(room=int(index_bytes * room)).open, raising=False)
    code = main(["build", "--corpus", str(ITEMS_DIR), "--index", str(index_dir)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert "This writer is closed" not in err
    assert "disk is full" in err and str(index_dir) in err and "served index is untouched" in err
    assert current_folder(index_dir) == served and complete_versions(index_dir) == [served]
    assert not list((index_dir / "versions").glob("*.partial"))
    kb = open_index(index_dir)
    try:
        assert kb.backend.lookup(doc_no=DOC_NO)
    finally:
        kb.backend.close()
