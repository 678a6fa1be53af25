"""Versions in a cluster behind aliases: build beside the served one, verify, switch atomically.

    gongkai-records   -> gongkai-records-<id>      one _aliases call moves all three
    gongkai-documents -> gongkai-documents-<id>
    gongkai-facts     -> gongkai-facts-<id>
    gongkai-meta                                    lock, version states, leases (versions.py)

A rebuild holds the lock, removes what killed builds left (indexes of versions never
completed), writes a new version (index/opensearch/build.py), verifies its counts and a
smoke query, marks it complete and switches the aliases in one request. A failure at
any point leaves the aliases untouched. Pruning keeps the newest `keep` versions, the
served one and every version a bot holds a lease on. A bot opens the version the
aliases point to and stays on it (its lease) until it reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError

from bot.corpus.models import Corpus, Document
from bot.errors import IndexBuildError, IndexUnavailable
from index.analyzer import GongkaiAnalyzer
from index.backend import IndexInfo, KnowledgeBase, RecordKind, SearchFilters
from index.build import new_version_id
from index.facts import FORMAT, IndexFacts
from index.opensearch import versions
from index.opensearch.backend import OpenSearchBackend
from index.opensearch.build import FACTS_ID, create_indexes, delete_indexes, finish_indexes, write_version
from index.opensearch.client import call, connect
from index.opensearch.config import KINDS, ClusterConfig
from index.query import Synonyms
from index.store import KEEP, SMOKE_QUERY

CATALOGUE_LIMIT = 10_000_000  # the answer engine still takes the whole catalogue (KnowledgeBase.documents)


@dataclass(frozen=True)
class Published:
    """A version that was built, verified and made current."""

    info: IndexInfo
    previous: str | None


def current_version(client: OpenSearch, config: ClusterConfig) -> str | None:
    """The version the aliases point to, if any."""
    try:
        found = client.indices.get_alias(name=config.alias("facts"))
    except NotFoundError:
        return None
    names = sorted(found)
    return config.version_of(names[0]) if names else None


def publish(
    corpus: Corpus,
    config: ClusterConfig,
    *,
    fingerprint: str | None = None,
    progress: Callable[[Document], None] | None = None,
    keep: int = KEEP,
    client: OpenSearch | None = None,
) -> Published:
    """Build a new version beside the served one, verify it, switch the aliases, prune old ones."""
    if not corpus.documents:
        raise IndexBuildError(f"{corpus.root}: no document could be loaded; the served index is untouched")
    client = client or connect(config)
    lock = versions.acquire_lock(client, config)
    try:
        remove_leftovers(client, config)
        version = new_version_id().lower()
        try:
            versions.set_state(client, config, version, "building")
            create_indexes(client, config, version)
            info = write_version(client, config, corpus, version, fingerprint=fingerprint, progress=progress)
            finish_indexes(client, config, version)
            verify(client, config, info)
        except Exception as exc:
            _discard(client, config, version)
            raise IndexBuildError(
                f"the new index could not be built; the served index is untouched: {exc}"
            ) from exc
        versions.set_state(client, config, version, "complete")
        previous = current_version(client, config)
        switch(client, config, version)
        prune(client, config, keep)
        return Published(info=info, previous=previous)
    finally:
        lock.release()


def verify(client: OpenSearch, config: ClusterConfig, expected: IndexInfo) -> None:
    """Open a freshly built version, check its counts and run a smoke query."""
    kb = open_version(client, config, expected.version, lease=False)
    backend = kb.backend
    for kind, written in expected.records.items():
        found = backend.count(SearchFilters(records=[RecordKind(kind)]))
        if found != written:
            raise IndexBuildError(f"{expected.version}: {found} {kind} records readable, {written} written")
    if backend.count() != sum(expected.records.values()):
        raise IndexBuildError(f"{expected.version}: the record count does not add up")
    if len(kb.documents) != expected.documents:
        raise IndexBuildError(
            f"{expected.version}: {len(kb.documents)} catalogue entries, {expected.documents} documents"
        )
    if backend.count() and not backend.search(SMOKE_QUERY, limit=1) and expected.documents > 1:
        raise IndexBuildError(f"{expected.version}: the smoke query {SMOKE_QUERY!r} found nothing")
    backend.records(SearchFilters(), limit=10)  # stored hits parse


def switch(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    """Point every alias at version in one atomic _aliases request."""
    actions: list[dict[str, Any]] = []
    for kind in KINDS:
        alias = config.alias(kind)
        try:
            served = list(client.indices.get_alias(name=alias))
        except NotFoundError:
            served = []
        actions += [{"remove": {"index": index, "alias": alias}} for index in served]
        actions.append({"add": {"index": config.index(kind, version), "alias": alias}})
    client.indices.update_aliases(body={"actions": actions})


def rollback(config: ClusterConfig, client: OpenSearch | None = None) -> str:
    """Point the aliases at the newest complete version older than the current one; returns it."""
    client = client or connect(config)
    lock = versions.acquire_lock(client, config)
    try:
        current = current_version(client, config)
        if current is None:
            raise IndexBuildError(f"{config.prefix}: no current index to roll back from")
        older = [v for v in versions.complete_versions(client, config) if v < current]
        if not older:
            raise IndexBuildError(f"{config.prefix}: no version older than {current} to roll back to")
        open_version(client, config, older[-1], lease=False).backend.close()  # refuse one that does not open
        switch(client, config, older[-1])
        return older[-1]
    finally:
        lock.release()


def prune(client: OpenSearch, config: ClusterConfig, keep: int = KEEP) -> list[str]:
    """Delete complete versions beyond the newest `keep`, never the current one or one leased."""
    current = current_version(client, config)
    leased = versions.leased_versions(client, config)
    complete = versions.complete_versions(client, config)
    removed = []
    for version in complete[:-keep] if keep > 0 else []:
        if version != current and version not in leased:
            delete_indexes(client, config, version)
            versions.forget(client, config, version)
            removed.append(version)
    return removed


def remove_leftovers(client: OpenSearch, config: ClusterConfig) -> list[str]:
    """Delete the indexes of versions never completed (killed or failed builds). Hold the lock."""
    complete = set(versions.complete_versions(client, config))
    found = client.indices.get(index=f"{config.prefix}-*", ignore_unavailable=True, allow_no_indices=True)
    stale = sorted({v for name in found if (v := config.version_of(name)) and v not in complete})
    for version in stale:
        _discard(client, config, version)
    return stale


def _discard(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    delete_indexes(client, config, version)
    versions.forget(client, config, version)


def read_facts(client: OpenSearch, config: ClusterConfig, version: str) -> dict[str, Any]:
    """The facts document of one version."""
    try:
        found = client.get(index=config.index("facts", version), id=FACTS_ID)
    except NotFoundError as exc:
        raise IndexUnavailable(
            f"{config.prefix}: version {version} has no facts: run `gongkai build`"
        ) from exc
    stored: dict[str, Any] = found["_source"]["facts"]
    return stored


def open_version(
    client: OpenSearch, config: ClusterConfig, version: str, *, lease: bool = True, dfs: bool = True
) -> KnowledgeBase:
    """One version as a KnowledgeBase, with a lease that keeps it from being pruned while open."""
    stored = read_facts(client, config, version)
    if stored.get("format") != FORMAT:
        raise IndexUnavailable(
            f"{version}: index format {stored.get('format')}, expected {FORMAT}: run `gongkai build`"
        )
    facts = IndexFacts.model_validate(stored)
    analyzer = GongkaiAnalyzer.__new__(GongkaiAnalyzer)
    analyzer.__setstate__(stored["analyzer"])  # exactly as unpickling a whoosh schema restores it
    renewal = versions.take_lease(client, config, version) if lease else None
    backend = OpenSearchBackend(
        client,
        config,
        facts.info,
        analyzer,
        Synonyms.load(facts.agencies),
        dfs=dfs,
        on_close=renewal.release if renewal else None,
    )
    try:
        documents = backend.documents(limit=CATALOGUE_LIMIT)
    except BaseException:
        backend.close()
        raise
    return KnowledgeBase(
        backend=backend, agencies=facts.agencies, documents=documents, conflicts=facts.conflicts
    )


def open_cluster(config: ClusterConfig, *, dfs: bool = True) -> KnowledgeBase:
    """Open the version the aliases point to (IndexUnavailable if none or unreachable)."""
    client = connect(config)
    version = call(config, lambda: current_version(client, config), "which version is current")
    if version is None:
        raise IndexUnavailable(
            f"no index has been built in the cluster under {config.prefix!r}: run `gongkai build`"
        )
    return open_version(client, config, version, dfs=dfs)


def is_stale(config: ClusterConfig, fingerprint: str) -> bool:
    """Whether there is no usable current version or the corpus changed since it was built."""
    client = connect(config)
    version = call(config, lambda: current_version(client, config), "which version is current")
    if version is None:
        return True
    try:
        stored = read_facts(client, config, version)
    except IndexUnavailable:
        return True
    return stored.get("format") != FORMAT or stored.get("fingerprint") != fingerprint
