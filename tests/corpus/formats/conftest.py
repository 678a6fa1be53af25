"""Fixtures for the format readers: real corpus files read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.corpus.formats import read_document
from bot.corpus.raw import RawDocument


@pytest.fixture(scope="session")
def read(corpus_dir: Path):
    """Read a corpus file by its path relative to corpus/, caching the result."""
    cache: dict[str, RawDocument] = {}

    def reader(rel: str) -> RawDocument:
        if rel not in cache:
            cache[rel] = read_document(corpus_dir / rel, rel)
        return cache[rel]

    return reader
