"""Versions in the cluster: rebuild under load, injected failure, lock, killed build, rollback, prune."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

from bot import backends
from bot.answer import answer
from bot.corpus.models import Corpus
from bot.errors import IndexBuildError, IndexLocked
from index.backend import KnowledgeBase
from index.opensearch import store, versions
from index.opensearch.client import connect
from index.opensearch.config import ClusterConfig
from index.opensearch.devcluster import LocalCluster
from index.opensearch.store import current_version, open_cluster, publish
from tests.opensearch.conftest import cli_env, config_for, drop_prefix, eval_questions, settings_of

# The build the operator's command runs, stalling after its first document so it can be killed.
_STALLING_BUILD = """
import sys, time
from pathlib import Path
from bot import backends
from bot.corpus import load_corpus
from bot.settings import load_settings
corpus = load_corpus(Path(sys.argv[1]))
backends.publish(load_settings(), corpus, Path("unused"), progress=lambda _doc: time.sleep(60))
"""

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]  # a first run builds the launcher


@pytest.fixture
def config(healthy: LocalCluster) -> Iterator[ClusterConfig]:
    """An empty prefix of its own for each test (2 shards, 1 replica)."""
    config = config_for(healthy, "store", shards=2, replicas=1)
    drop_prefix(config)
    yield config
    drop_prefix(config)


def _reply(question: str, kb: KnowledgeBase) -> tuple[str, bool]:
    reply = answer(kb, question)
    return reply.answer, reply.found


def _without_cited(corpus: Corpus, question: str, kb: KnowledgeBase) -> Corpus:
    """The corpus less the document the answer to question cites first: a second version that differs."""
    reply = answer(kb, question)
    cited = {c.doc_id for c in reply.citations if c.doc_id}
    assert cited, question
    return corpus.model_copy(update={"documents": [d for d in corpus.documents if d.id not in cited]})


def test_a_rebuild_under_load_serves_one_version_per_answer_and_only_the_new_one_after(
    config: ClusterConfig, corpus: Corpus
) -> None:
    first = publish(corpus, config).info.version
    pinned = open_cluster(config)  # a running bot: stays on its version until it reloads
    asked = eval_questions()[:12]
    old = {q: _reply(q, pinned) for q in asked}
    smaller = _without_cited(corpus, asked[0], pinned)
    seen: list[tuple[str, str, tuple[str, bool]]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            for question in asked:
                try:
                    kb = open_cluster(config)  # a fresh `gongkai ask` each time
                    try:
                        seen.append((kb.info.version, question, _reply(question, kb)))
                    finally:
                        kb.backend.close()
                    assert _reply(question, pinned) == old[question]
                except BaseException as exc:  # reported below
                    errors.append(exc)
                    return

    worker = threading.Thread(target=load)
    worker.start()
    try:
        time.sleep(2)
        second = publish(smaller, config, keep=1).info.version  # keep=1: only the lease keeps the first
        switched = len(seen)
        time.sleep(3)
    finally:
        stop.set()
        worker.join(120)
    assert not errors, errors
    fresh = open_cluster(config)
    new = {q: _reply(q, fresh) for q in asked}
    fresh.backend.close()
    assert new[asked[0]] != old[asked[0]]  # the two versions answer differently: the check can see
    assert {version for version, _, _ in seen} == {first, second}
    for version, question, reply in seen:
        assert reply == (old if version == first else new)[question], (version, question)
    assert all(version == second for version, _, _ in seen[switched + len(asked) :])
    assert first in versions.complete_versions(connect(config), config)  # leased: not pruned
    pinned.backend.close()
    assert store.prune(connect(config), config, keep=1) == [first]


def test_an_injected_failure_leaves_the_served_version_alone(
    config: ClusterConfig, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = publish(corpus, config).info.version

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("injected: the disk filled up")

    monkeypatch.setattr(store, "finish_indexes", broken)
    with pytest.raises(IndexBuildError, match=r"served index is untouched.*injected"):
        publish(corpus, config)
    client = connect(config)
    assert current_version(client, config) == served
    assert versions.complete_versions(client, config) == [served]
    assert sorted(client.indices.get(index=f"{config.prefix}-*")) == sorted(
        [config.meta, *(config.index(kind, served) for kind in ("records", "documents", "facts"))]
    )
    kb = open_cluster(config)
    assert kb.backend.search("政府信息公开", limit=1)
    kb.backend.close()


def test_a_second_build_is_refused_while_one_holds_the_lock(config: ClusterConfig, corpus: Corpus) -> None:
    client = connect(config)
    lock = versions.acquire_lock(client, config)
    try:
        with pytest.raises(IndexLocked, match=r"another build is running \(.*:\d+\)"):
            publish(corpus, config)
    finally:
        lock.release()
    assert current_version(client, config) is None


def test_a_killed_build_leaves_the_aliases_and_the_next_build_cleans_up(
    config: ClusterConfig, corpus: Corpus, corpus_dir: Path
) -> None:
    served = publish(corpus, config).info.version
    client = connect(config)
    env = cli_env(config)
    build = subprocess.Popen(
        [sys.executable, "-c", _STALLING_BUILD, str(corpus_dir)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_versions_present(client, config)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(_versions_present(client, config)) == 2  # the killed build's indexes exist
    finally:
        os.kill(build.pid, signal.SIGKILL)
        build.wait(30)
    assert current_version(client, config) == served
    assert client.get(index=config.meta, id=versions.LOCK_ID)["found"]  # a lock nobody renews
    built = _gongkai(env, "build", "--corpus", str(corpus_dir))  # the operator's command, to the end
    assert "current index: OpenSearch" in built and f"previous: {served}" in built
    [rebuilt] = _versions_present(client, config) - {served}  # the leftovers are gone
    assert current_version(client, config) == rebuilt
    assert backends.rollback(settings_of(config), Path("unused")) == served
    assert current_version(client, config) == served
    with pytest.raises(IndexBuildError, match="no version older"):
        backends.rollback(settings_of(config), Path("unused"))
    versions.set_state(client, config, rebuilt, "complete")
    store.switch(client, config, rebuilt)
    assert f"current index is now {served}" in _gongkai(env, "build", "--rollback")


def _gongkai(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _versions_present(client: OpenSearch, config: ClusterConfig) -> set[str]:
    found = client.indices.get(index=f"{config.prefix}-records-*", allow_no_indices=True)
    return {v for name in found if (v := config.version_of(name))}
