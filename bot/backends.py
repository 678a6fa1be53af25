"""The one seam that opens, checks, builds and rolls back the configured search backend.

GONGKAI_SEARCH_BACKEND picks it: `whoosh` (index/store.py, versions in a folder) or
`opensearch` (index/opensearch/store.py, versions behind aliases in a cluster). The
commands and the channels call these functions and never the stores themselves, so
`ask`, `chat`, `serve`, `build`, /reload and SIGHUP work with either. The OpenSearch
client is imported only when that backend is configured.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.corpus.models import Corpus, Document
    from index.backend import IndexInfo, KnowledgeBase
    from index.opensearch.config import ClusterConfig


@dataclass(frozen=True)
class Built:
    """A version built, verified and made current, and where it is served from."""

    info: IndexInfo
    where: str  # a folder, or the cluster's hosts and prefix
    previous: str | None


def uses_cluster(settings: Settings) -> bool:
    """Whether the OpenSearch backend is configured."""
    return settings.search_backend == "opensearch"


def cluster_config(settings: Settings) -> ClusterConfig:
    """The cluster settings as index/opensearch takes them."""
    from index.opensearch.config import ClusterConfig

    return ClusterConfig(
        hosts=list(settings.opensearch_hosts),
        prefix=settings.opensearch_prefix,
        timeout=settings.opensearch_timeout,
        retries=settings.opensearch_retries,
        shards=settings.opensearch_shards,
        replicas=settings.opensearch_replicas,
    )


def served_from(settings: Settings, index_dir: Path) -> str:
    """Where answers come from, for an operator: a folder or the cluster."""
    if uses_cluster(settings):
        return f"OpenSearch {','.join(settings.opensearch_hosts)} ({settings.opensearch_prefix}-*)"
    return str(index_dir)


def open_knowledge(
    settings: Settings, index_dir: Path | None = None, *, fallback: bool = False
) -> KnowledgeBase:
    """Open the current version of the configured backend (IndexUnavailable if there is none).

    fallback (start-up): a damaged current whoosh version gives way to the newest intact one.
    """
    if uses_cluster(settings):
        from index.opensearch.store import open_cluster

        return open_cluster(cluster_config(settings))
    from index.store import open_index

    return open_index(index_dir or settings.index_dir, fallback=fallback)


def current_version(settings: Settings, index_dir: Path) -> str | None:
    """The name of the version being served, without opening it (the cluster must be reachable)."""
    if uses_cluster(settings):
        from index.opensearch.client import call, connect
        from index.opensearch.store import current_version as served_version

        config = cluster_config(settings)
        client = connect(config)
        return call(config, lambda: served_version(client, config), "which version is current")
    from index.store import current_folder

    folder = current_folder(index_dir)
    return folder.name if folder else None


def has_index(settings: Settings, index_dir: Path) -> bool:
    """Whether some version is current."""
    return current_version(settings, index_dir) is not None


def is_stale(settings: Settings, index_dir: Path, corpus_dir: Path) -> bool:
    """Whether no usable version is current or the corpus changed since it was built."""
    if uses_cluster(settings):
        from index.opensearch.store import is_stale as cluster_is_stale
        from index.store import corpus_fingerprint

        return cluster_is_stale(cluster_config(settings), corpus_fingerprint(corpus_dir))
    from index.store import is_stale as folder_is_stale

    return folder_is_stale(index_dir, corpus_dir)


def publish(
    settings: Settings,
    corpus: Corpus,
    index_dir: Path,
    *,
    fingerprint: str | None = None,
    progress: Callable[[Document], None] | None = None,
    keep: int | None = None,
) -> Built:
    """Build a new version with the configured backend, verify it and make it current."""
    from index.store import KEEP

    keep = KEEP if keep is None else keep
    if uses_cluster(settings):
        from index.opensearch.store import publish as cluster_publish

        done = cluster_publish(
            corpus, cluster_config(settings), fingerprint=fingerprint, progress=progress, keep=keep
        )
        return Built(info=done.info, where=served_from(settings, index_dir), previous=done.previous)
    from index.store import publish as folder_publish

    published = folder_publish(corpus, index_dir, fingerprint=fingerprint, progress=progress, keep=keep)
    previous = published.previous
    return Built(info=published.info, where=str(published.folder), previous=previous)


def rollback(settings: Settings, index_dir: Path) -> str:
    """Make the previous version current again; returns its name."""
    if uses_cluster(settings):
        from index.opensearch.store import rollback as cluster_rollback

        return cluster_rollback(cluster_config(settings))
    from index.store import rollback as folder_rollback

    return folder_rollback(index_dir).name
