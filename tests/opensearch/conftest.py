"""A real 3-node OpenSearch cluster for the session, started from the launcher jar on free ports.

Nothing is skipped: without Java 17 or Maven the tests fail and say so. Each test
module builds under its own index prefix, so modules do not see each other's versions.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.corpus.models import Corpus
from bot.settings import Settings
from index.backend import KnowledgeBase
from index.opensearch.client import connect
from index.opensearch.config import ClusterConfig
from index.opensearch.devcluster import ClusterError, LocalCluster
from index.opensearch.store import open_cluster, publish
from index.store import corpus_fingerprint, open_index

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.txt"


def eval_questions() -> list[str]:
    """The dev and dev2 questions (tests/opensearch/questions.txt)."""
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """Three nodes on 127.0.0.1, green; stopped (every JVM) at the end of the session."""
    local = LocalCluster.create(tmp_path_factory.mktemp("cluster"), size=3)
    try:
        local.start()
    except ClusterError as exc:
        local.stop()
        pytest.fail(f"the OpenSearch test cluster did not start: {exc}", pytrace=False)
    yield local
    local.stop()


@pytest.fixture
def healthy(cluster: LocalCluster) -> LocalCluster:
    """The session cluster with every node running and green (a failover test may have killed one)."""
    if any(node.process is None or node.process.poll() is not None for node in cluster.nodes):
        cluster.start()
    cluster.wait_green()
    return cluster


def config_for(cluster: LocalCluster, prefix: str, **options: int) -> ClusterConfig:
    """Settings for one test area: its own index prefix, the session cluster's hosts."""
    return ClusterConfig(hosts=cluster.urls, prefix=prefix, timeout=30.0, **options)


def drop_prefix(config: ClusterConfig) -> None:
    """Delete every index of a prefix (a test area's leftovers from an earlier run)."""
    connect(config).indices.delete(index=f"{config.prefix}-*", ignore_unavailable=True, allow_no_indices=True)


@pytest.fixture(scope="session")
def whoosh_kb(built_index: Path) -> Iterator[KnowledgeBase]:
    """The bundled corpus's whoosh index (the session one), opened in this process."""
    kb = open_index(built_index)
    yield kb
    kb.backend.close()


@pytest.fixture(scope="session")
def parity_config(cluster: LocalCluster) -> ClusterConfig:
    """3 shards and a replica: dfs_query_then_fetch must make the shards rank as one index."""
    return config_for(cluster, "parity", shards=3, replicas=1)


@pytest.fixture(scope="session")
def cluster_index(parity_config: ClusterConfig, corpus: Corpus, corpus_dir: Path) -> ClusterConfig:
    """The bundled corpus built into the session cluster once."""
    drop_prefix(parity_config)
    publish(corpus, parity_config, fingerprint=corpus_fingerprint(corpus_dir))
    return parity_config


@pytest.fixture(scope="session")
def cluster_kb(cluster_index: ClusterConfig) -> Iterator[KnowledgeBase]:
    """The bundled corpus opened from the cluster in this process."""
    kb = open_cluster(cluster_index)
    yield kb
    kb.backend.close()


def cli_env(config: ClusterConfig, **extra: str) -> dict[str, str]:
    """The environment that makes `gongkai` use the cluster."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        GONGKAI_SEARCH_BACKEND="opensearch",
        GONGKAI_OPENSEARCH_HOSTS=",".join(config.hosts),
        GONGKAI_OPENSEARCH_PREFIX=config.prefix,
        GONGKAI_OPENSEARCH_SHARDS=str(config.shards),
        GONGKAI_OPENSEARCH_REPLICAS=str(config.replicas),
        GONGKAI_OPENSEARCH_TIMEOUT=str(config.timeout),
    )
    env.update(extra)
    return env


def settings_of(config: ClusterConfig) -> Settings:
    """Settings for the seam (bot.backends) pointing at config's cluster and prefix."""
    return Settings(
        search_backend="opensearch",
        opensearch_hosts=list(config.hosts),
        opensearch_prefix=config.prefix,
        opensearch_timeout=config.timeout,
        opensearch_shards=config.shards,
        opensearch_replicas=config.replicas,
    )
