"""Answers go on, unchanged, while a node of the cluster is killed with SIGKILL; the cluster heals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answer import answer
from bot.corpus.models import Corpus
from index.backend import KnowledgeBase
from index.opensearch.client import connect
from index.opensearch.config import ClusterConfig
from index.opensearch.devcluster import LocalCluster
from index.opensearch.store import open_cluster, publish
from index.store import corpus_fingerprint
from tests.opensearch.conftest import config_for, drop_prefix, eval_questions

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a first run builds the launcher
ROUNDS = 3  # the bounded loop: every question this many times, the kill after the first few


@pytest.fixture(scope="module")
def failover_config(cluster: LocalCluster, corpus: Corpus, corpus_dir: Path) -> ClusterConfig:
    """The corpus with a replica of every shard (and the meta index), so any one node may die."""
    config = config_for(cluster, "failover", shards=3, replicas=1)
    drop_prefix(config)
    publish(corpus, config, fingerprint=corpus_fingerprint(corpus_dir))
    return config


@pytest.fixture(scope="module")
def baseline(failover_config: ClusterConfig) -> Iterator[tuple[KnowledgeBase, dict[str, tuple[str, bool]]]]:
    kb = open_cluster(failover_config)
    asked = eval_questions()
    yield kb, {q: _reply(q, kb) for q in asked}
    kb.backend.close()


def _reply(question: str, kb: KnowledgeBase) -> tuple[str, bool]:
    reply = answer(kb, question)
    return reply.answer, reply.found


def _manager(config: ClusterConfig, cluster: LocalCluster) -> int:
    rows = connect(config).cat.cluster_manager(format="json")
    return [node.name for node in cluster.nodes].index(rows[0]["node"])


def _loop_while_killing(
    cluster: LocalCluster, victim: int, kb: KnowledgeBase, expected: dict[str, tuple[str, bool]]
) -> int:
    asked = list(expected)
    done = 0
    for round_ in range(ROUNDS):
        for i, question in enumerate(asked):
            if round_ == 0 and i == 5:
                cluster.kill(victim)  # SIGKILL: no goodbye to the cluster
            assert _reply(question, kb) == expected[question], question
            done += 1
    return done


@pytest.mark.parametrize("role", ["data node", "elected manager"])
def test_answers_are_unchanged_while_a_node_is_killed(
    role: str,
    healthy: LocalCluster,
    failover_config: ClusterConfig,
    baseline: tuple[KnowledgeBase, dict[str, tuple[str, bool]]],
) -> None:
    kb, expected = baseline
    manager = _manager(failover_config, healthy)
    victim = manager if role == "elected manager" else (manager + 1) % len(healthy.nodes)
    answered = _loop_while_killing(healthy, victim, kb, expected)
    assert answered == ROUNDS * len(expected)
    assert healthy.nodes[victim].process is not None and healthy.nodes[victim].process.poll() is not None
    if role == "elected manager":
        assert _manager(failover_config, healthy) != victim  # the others elected a new one
    healthy.start_node(victim)  # back on its data folder; wait_green inside
    health = connect(failover_config).cluster.health()
    assert health["status"] == "green" and health["number_of_nodes"] == len(healthy.nodes)
    assert [_reply(q, kb) for q in list(expected)[:5]] == [expected[q] for q in list(expected)[:5]]
