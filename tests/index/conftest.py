"""Index fixtures: the session index opened in this process, and queries run in another."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.backend import KnowledgeBase
from index.store import open_index

REPO = Path(__file__).resolve().parents[2]

# Reopens an index in a fresh interpreter and runs backend calls given as JSON.
_QUERY_SCRIPT = """
import json, sys
from pathlib import Path
from index.backend import SearchFilters
from index.store import open_index
kb = open_index(Path(sys.argv[1]))
out = []
for method, kwargs in json.loads(sys.stdin.read()):
    if "filters" in kwargs:
        kwargs["filters"] = SearchFilters.model_validate(kwargs["filters"])
    out.append([hit.model_dump(mode="json") for hit in getattr(kb.backend, method)(**kwargs)])
kb.backend.close()
print(json.dumps(out))
"""


@pytest.fixture(scope="session")
def knowledge(built_index: Path) -> Iterator[KnowledgeBase]:
    """The session index, opened in this process."""
    kb = open_index(built_index)
    yield kb
    kb.backend.close()


def query_in_subprocess(
    index_dir: Path, calls: list[tuple[str, dict[str, Any]]]
) -> list[list[dict[str, Any]]]:
    """Open index_dir in a new Python process and return the hits of each (method, kwargs) call."""
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", _QUERY_SCRIPT, str(index_dir)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    hits: list[list[dict[str, Any]]] = json.loads(result.stdout)
    return hits
