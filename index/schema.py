"""The index schema: analysed text fields for ranking, exact fields for filters.

Text fields (one analyzer instance shared by all, pickled once into the index):
    title    document title (a catalogue row's own title)     boosted 3x
    heading  section path, table title, agency                boosted 2x
    body     the record's text                                 1x
Exact fields (ID, never analysed): record, doc_id, doc_kind, agency, year, doc_no,
index_no. The stored field `hit` is the record's Hit as JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.fields import ID, STORED, TEXT, Schema

from index.analyzer import GongkaiAnalyzer

# The field boosts, applied once, at query time, by the BM25F scorer (index/scoring.py).
# Whoosh would also multiply a `field_boost` into the stored weights; the fields keep
# the default 1 so the postings hold raw term frequencies, which every backend reads
# the same way. 3/2/1 against the 9/4/1 that applying both gave: dev unchanged, dev2
# one wrong reply fewer (a table caption no longer outranks the sentence with the figure).
TEXT_FIELDS = {"title": 3.0, "heading": 2.0, "body": 1.0}


def make_schema(words: Iterable[str]) -> Schema:
    """A schema whose analyzer keeps `words` (domain and agency names) whole."""
    analyzer = GongkaiAnalyzer(words)
    # Only the body keeps positions (phrases); titles and headings are short.
    text = {name: TEXT(analyzer=analyzer, phrase=name == "body") for name in TEXT_FIELDS}
    return Schema(
        record=ID,
        doc_id=ID,
        doc_kind=ID,
        agency=ID,
        year=ID,
        doc_no=ID,
        index_no=ID,
        hit=STORED,
        **text,
    )


def analyzer_of(schema: Schema) -> GongkaiAnalyzer:
    """The word analyzer an index was built with."""
    analyzer = schema["body"].analyzer
    if not isinstance(analyzer, GongkaiAnalyzer):
        raise TypeError(f"unexpected analyzer {analyzer!r}")
    return analyzer
