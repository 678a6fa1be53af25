"""Issue 15, failures 1 and 10 (disk full): an index that cannot kill its reader.

Every test works on its own copy of the session index (or a build of its own) under
`fault_dir`, damages it as an operator's slip or a full disk would, and checks the
reader, `gongkai build --if-stale` and start-up behave.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

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
