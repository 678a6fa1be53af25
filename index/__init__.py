"""The search index: analysis, schema, building and searching, as in whoosh itself.

analyzer.py  the stored analyzer (jieba words, positions, folding, stopwords)
segment.py   segmentation engines and jieba's cache folder
schema.py    fields and boosts
records.py   documents to index records (passages, statistics, contacts, items)
build.py     write one version: whoosh index + facts.json
query.py     questions to weighted terms, filters, phrase candidates
scoring.py   BM25F in numpy over whoosh's postings
search.py    WhooshBackend (the SearchBackend) and open_version
store.py     versions, atomic switch, lock, rollback, open_index
manifest.py  each version's files, sizes and checksums: written last, checked at open
bench.py     make bench (with synthetic.py, a corpus of any size)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.build import build_index
    from index.store import is_stale, open_index, publish, rollback

__all__ = ["build_index", "is_stale", "open_index", "publish", "rollback"]
_HOMES = {"build_index": "index.build"}  # the rest live in index.store


def __getattr__(name: str) -> Any:
    # Imported on first use: the contract (index.backend) must not pull in whoosh's writer.
    if name in __all__:
        return getattr(importlib.import_module(_HOMES.get(name, "index.store")), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
