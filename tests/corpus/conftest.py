"""Fixtures of the corpus tests: documents by id, and corpora copied without sidecars."""

from __future__ import annotations

import re
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


Variant = Callable[..., Path]


@pytest.fixture
def variant(tmp_path: Path, corpus_dir: Path) -> Variant:
    """Write a corpus document with other names, numbers and years into a fresh corpus
    (no sidecar, no agencies.toml), so a rule written for the original fails on it.

    `variant(rel, {"万载县": "铜鼓县", "2022": "2023"}, drop=["发布机构"])`: every key is
    replaced at once (longest first, so "2022" -> "2023" and "2023" -> "2024" do not chain);
    lines containing a `drop` string are left out. Returns the written file.
    """

    def make(rel: str, replacements: dict[str, str], drop: tuple[str, ...] = (), name: str = "") -> Path:
        data = (corpus_dir / rel).read_bytes()
        text = data.decode("utf-8")
        if replacements:
            keys = sorted(replacements, key=len, reverse=True)
            pattern = re.compile("|".join(map(re.escape, keys)))
            text = pattern.sub(lambda m: replacements[m[0]], text)
        if drop:
            text = "\n".join(line for line in text.split("\n") if not any(d in line for d in drop))
        target = tmp_path / "variants" / (name or Path(rel).name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    return make
