"""Write one version into a cluster: the records, catalogue and facts indexes.

Two passes over the records: the first analyses every record (our analyzer, in Python)
into a spool file and collects the field lengths; the second computes each record's
BM25F term frequencies from the finished averages and bulk-indexes them. The
indexes are created with no replicas and refresh off, and get both back at the end.
Knows nothing of aliases or locks: index/opensearch/store.py builds versions beside
the served one and switches.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from opensearchpy import OpenSearch
from opensearchpy.helpers import parallel_bulk

from bot.corpus.models import Corpus, Document
from index.analyzer import GongkaiAnalyzer
from index.backend import IndexInfo
from index.build import corpus_words
from index.facts import FORMAT, IndexFacts, count_kinds, summarize
from index.opensearch.config import KINDS, ClusterConfig
from index.opensearch.mapping import index_body
from index.opensearch.weights import LengthStats, combined_tf, encode, field_counts
from index.records import IndexRecord, document_records

BULK_CHUNK = 2000  # documents per bulk request
BULK_BYTES = 20 * 1024 * 1024
FACTS_ID = "facts"


def create_indexes(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    """The version's empty indexes: no replicas and no refresh while writing."""
    for kind in KINDS:
        body = index_body(kind, shards=config.shards if kind == "records" else 1, replicas=0)
        body["settings"]["index"]["refresh_interval"] = "-1"
        client.indices.create(index=config.index(kind, version), body=body)


def write_version(
    client: OpenSearch,
    config: ClusterConfig,
    corpus: Corpus,
    version: str,
    *,
    fingerprint: str | None = None,
    progress: Callable[[Document], None] | None = None,
) -> IndexInfo:
    """Fill the (created) indexes of version from corpus; returns what was written."""
    analyzer = GongkaiAnalyzer(corpus_words(corpus))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        stats, counts = _analyse(analyzer, corpus, spool, progress)
        spool.seek(0)
        _bulk(client, _record_actions(config.index("records", version), spool, stats.averages()))
    _bulk(client, _catalogue_actions(config.index("documents", version), corpus))
    info = IndexInfo(
        version=version,
        built_at=datetime.now(UTC),
        documents=len(corpus.documents),
        by_kind=count_kinds(corpus.documents),
        records=dict(counts),
    )
    facts = IndexFacts(
        format=FORMAT,
        info=info,
        fingerprint=fingerprint,
        agencies=corpus.agencies,
        conflicts=corpus.conflicts,
        failures=corpus.failures,
    )
    stored = {**facts.model_dump(mode="json"), "analyzer": analyzer.__getstate__()}
    client.index(index=config.index("facts", version), id=FACTS_ID, body={"facts": stored})
    return info


def finish_indexes(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    """Replicas and refresh back, everything searchable, and every copy allocated."""
    names = ",".join(config.index(kind, version) for kind in KINDS)
    settings = {"index": {"number_of_replicas": config.replicas, "refresh_interval": "1s"}}
    client.indices.put_settings(index=names, body=settings)
    client.indices.refresh(index=names)
    health = client.cluster.health(
        index=names, wait_for_status="green", params={"timeout": "120s"}, request_timeout=130
    )
    if health.get("timed_out"):
        raise RuntimeError(
            f"the new indexes did not turn green ({health['status']}): too few nodes for the replicas?"
        )


def _analyse(
    analyzer: GongkaiAnalyzer, corpus: Corpus, spool: IO[str], progress: Callable[[Document], None] | None
) -> tuple[LengthStats, Counter[str]]:
    """Pass 1: every record's field counts to the spool, lengths to the statistics."""
    stats, counts, seq = LengthStats(), Counter[str](), 0
    for doc in corpus.documents:
        for record in document_records(doc):
            fields = field_counts(analyzer, record)
            stats.add(fields)
            spool.write(
                json.dumps(
                    [seq, _exact(record), record.hit.model_dump(mode="json", exclude_defaults=True), fields],
                    ensure_ascii=False,
                )
            )
            spool.write("\n")
            counts[record.hit.record.value] += 1
            seq += 1
        if progress:
            progress(doc)
    return stats, counts


def _exact(record: IndexRecord) -> dict[str, str]:
    """The exact (keyword) fields of a record, as index/build.py gives them to whoosh."""
    hit = record.hit
    fields = {"record": hit.record.value, "doc_id": hit.doc_id, "doc_kind": hit.doc_kind.value}
    optional = {
        "agency": hit.agency,
        "year": str(hit.year) if hit.year is not None else None,
        "doc_no": record.doc_no,
        "index_no": record.index_no,
    }
    fields.update({name: value for name, value in optional.items() if value})
    return fields


def _record_actions(index: str, spool: IO[str], averages: dict[str, float]) -> Iterator[dict[str, Any]]:
    """Pass 2: each spooled record with its BM25F term frequencies."""
    for line in spool:
        seq, exact, hit, fields = json.loads(line)
        counts = {field: (terms, length) for field, (terms, length) in fields.items()}
        source = {"seq": seq, **exact, "terms": encode(combined_tf(counts, averages)), "hit": hit}
        yield {"_index": index, "_id": str(seq), "_source": source}


def _catalogue_actions(index: str, corpus: Corpus) -> Iterator[dict[str, Any]]:
    for seq, doc in enumerate(corpus.documents):
        summary = summarize(doc, corpus.agencies)
        source = {
            "seq": seq,
            "id": doc.id,
            "agency": summary.agency,
            "kind": doc.meta.kind.value,
            "year": doc.meta.year,
            "summary": summary.model_dump(mode="json"),
        }
        yield {"_index": index, "_id": doc.id, "_source": source}


def _bulk(client: OpenSearch, actions: Iterator[dict[str, Any]]) -> int:
    written = 0
    # Two requests in flight: the nodes index one chunk while Python prepares the next.
    for ok, item in parallel_bulk(
        client,
        actions,
        thread_count=2,
        chunk_size=BULK_CHUNK,
        max_chunk_bytes=BULK_BYTES,
        raise_on_error=True,
    ):
        if not ok:
            raise RuntimeError(f"bulk indexing failed: {item}")
        written += 1
    return written


def delete_indexes(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    """Remove a version's indexes (those that exist)."""
    names = ",".join(config.index(kind, version) for kind in KINDS)
    client.indices.delete(index=names, ignore_unavailable=True)
