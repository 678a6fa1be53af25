"""The fault suite: every failure found by probing, reproduced and asserted fixed.

Tests write their data folders and logs under one root (`fault_dir`); the log records of
the test process are also written there. When the suite ends, the sweep reads every file
under the root for the personal data the tests sent (tests/faults/personal.py): one found
fails the run.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.personal import leaks


@pytest.fixture(scope="session")
def fault_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("faults")
    yield root
    found = leaks(root)
    assert not found, "personal data the fault suite sent was kept:\n" + "\n".join(found)


@pytest.fixture
def fault_dir(fault_root: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A folder for this test's data and logs, swept for personal data at the end of the suite."""
    folder = fault_root / request.node.name.replace("/", "_")[:80]
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(folder / "test-process.log", encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root_logger = logging.getLogger()
    previous = root_logger.level
    root_logger.addHandler(handler)
    root_logger.setLevel(logging.DEBUG)
    try:
        yield folder
    finally:
        root_logger.removeHandler(handler)
        root_logger.setLevel(previous)
        handler.close()


@pytest.fixture(scope="session")
def small_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """An index of the seed report and the guides: enough to answer the hotline question."""
    from bot.corpus import load_corpus
    from index.store import corpus_fingerprint, publish

    corpus = tmp_path_factory.mktemp("corpus")
    for part in ("seed", "guides"):
        shutil.copytree(corpus_dir / part, corpus / part)
    shutil.copy(corpus_dir / "agencies.toml", corpus / "agencies.toml")
    index_dir = tmp_path_factory.mktemp("index")
    publish(load_corpus(corpus), index_dir, fingerprint=corpus_fingerprint(corpus))
    return index_dir
