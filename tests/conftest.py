"""Fixtures shared by every test area: the real sample corpus shipped in corpus/."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bot.corpus import load_corpus
from bot.corpus.models import Corpus

# Property tests run on shared, loaded machines: a slow draw or example is not a failure,
# only a wrong one is. The number of examples stays each test's own.
settings.register_profile("gongkai", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("gongkai")

REPO = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled corpus folder (read-only: copy it before changing anything)."""
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The bundled corpus, loaded once per test session."""
    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def built_index(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index folder of the bundled corpus, built once per session; open it with open_index()."""
    from index.store import corpus_fingerprint, publish

    index_dir = tmp_path_factory.mktemp("index")
    publish(corpus, index_dir, fingerprint=corpus_fingerprint(CORPUS_DIR))
    return index_dir
