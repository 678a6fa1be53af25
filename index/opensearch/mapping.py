"""The index bodies (settings and mappings), read from the JSON files shared with deploy/opensearch/."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).with_name("templates")  # deploy/opensearch/templates links here


@cache
def _load(kind: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((TEMPLATES / f"{kind}.json").read_text(encoding="utf-8"))
    body.pop("_comment", None)
    return body


def index_body(kind: str, *, shards: int | None = None, replicas: int | None = None) -> dict[str, Any]:
    """The create-index body of one kind (records, documents, facts, meta), shards and replicas set."""
    body = copy.deepcopy(_load(kind))
    settings = body["settings"]["index"]
    if shards is not None:
        settings["number_of_shards"] = shards
    if replicas is not None:
        settings["number_of_replicas"] = replicas
    return body


def similarity(kind: str = "records") -> dict[str, Any]:
    """The BM25 parameters of the records index (checked against weights.LUCENE_K1 by the tests)."""
    sim: dict[str, Any] = _load(kind)["settings"]["index"]["similarity"]["gongkai_bm25f"]
    return sim
