"""Fixtures of the corpus tests: documents by id, and corpora copied without sidecars."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.corpus.models import Corpus, Document

CopyCorpus = Callable[..., Path]


def document(corpus: Corpus, doc_id: str) -> Document:
    """The loaded document with this id."""
    return next(doc for doc in corpus.documents if doc.id == doc_id)


@pytest.fixture
def bare_corpus(tmp_path: Path, corpus_dir: Path) -> CopyCorpus:
    """Copy sample documents into a fresh corpus WITHOUT their sidecars (and, unless
    asked, without agencies.toml), so everything must be inferred from the text."""

    def copy(*rels: str, agencies: bool = False) -> Path:
        root = tmp_path / "corpus"
        for rel in rels:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(corpus_dir / rel, target)
        if agencies:
            root.mkdir(exist_ok=True)
            shutil.copy(corpus_dir / "agencies.toml", root / "agencies.toml")
        return root

    return copy
