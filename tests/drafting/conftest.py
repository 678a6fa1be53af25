"""Fixtures for drafting from the channels: the opened index of the bundled corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index import open_index
from index.backend import KnowledgeBase


@pytest.fixture(scope="session")
def kb(built_index: Path) -> Iterator[KnowledgeBase]:
    """The opened index of the bundled corpus."""
    knowledge = open_index(built_index)
    yield knowledge
    knowledge.backend.close()
