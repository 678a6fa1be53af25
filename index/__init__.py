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
bench.py     make bench (with synthetic.py, a corpus of any size)
"""

from index.build import build_index
from index.store import is_stale, open_index, publish, rollback

__all__ = ["build_index", "is_stale", "open_index", "publish", "rollback"]
