"""Bookkeeping in the meta index: the build lock, each version's state, the leases of serving bots.

    gongkai-meta/_doc/lock              the one running build: owner (host:pid), expires
    gongkai-meta/_doc/version-<id>      state "building" or "complete"
    gongkai-meta/_doc/lease-<uuid>      a bot serving <id>: pruning keeps it while unexpired

The lock and the leases are renewed by a daemon thread while held; a holder that dies
stops renewing and its entry expires. A lock whose owner is a dead process on this
machine is taken over at once (a killed build is cleaned up by the next one).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConflictError, NotFoundError, RequestError

from bot.errors import IndexLocked
from index.opensearch.config import ClusterConfig
from index.opensearch.mapping import index_body

LOCK_ID = "lock"
LOCK_TTL = 60.0  # seconds a lock or lease lives without renewal
RENEW_EVERY = 15.0


def now_ms() -> int:
    """Epoch milliseconds (the meta index's dates)."""
    return int(time.time() * 1000)


def owner_name() -> str:
    """host:pid of this process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def ensure_meta(client: OpenSearch, config: ClusterConfig) -> None:
    """Create the meta index once (a concurrent creator wins harmlessly)."""
    if client.indices.exists(index=config.meta):
        return
    try:
        client.indices.create(index=config.meta, body=index_body("meta"))
    except RequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
    client.cluster.health(
        index=config.meta, wait_for_status="yellow", params={"timeout": "30s"}, request_timeout=40
    )


class Renewal:
    """A meta document kept alive by a daemon thread until released."""

    def __init__(self, client: OpenSearch, config: ClusterConfig, doc_id: str, doc: dict[str, Any]) -> None:
        self._client, self._config, self.doc_id, self._doc = client, config, doc_id, doc
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._renew, name=f"renew-{doc_id}", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        while not self._stop.wait(RENEW_EVERY):
            try:
                doc = {**self._doc, "expires": now_ms() + int(LOCK_TTL * 1000)}
                self._client.index(index=self._config.meta, id=self.doc_id, body=doc, refresh=True)
            except Exception:
                continue

    def release(self) -> None:
        """Stop renewing and delete the document."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(Exception):
            self._client.delete(index=self._config.meta, id=self.doc_id, refresh=True)


def acquire_lock(client: OpenSearch, config: ClusterConfig) -> Renewal:
    """Hold the build lock (renewed until released); IndexLocked if a live build holds it."""
    ensure_meta(client, config)
    me = owner_name()
    doc = {"kind": "lock", "owner": me, "expires": now_ms() + int(LOCK_TTL * 1000)}
    for _ in range(3):
        try:
            client.index(index=config.meta, id=LOCK_ID, body=doc, op_type="create", refresh=True)
            return Renewal(client, config, LOCK_ID, {"kind": "lock", "owner": me})
        except ConflictError:
            _take_over_stale(client, config)
    raise IndexLocked("another build is running (the lock keeps changing hands)")


def _take_over_stale(client: OpenSearch, config: ClusterConfig) -> None:
    try:
        found = client.get(index=config.meta, id=LOCK_ID)
    except NotFoundError:
        return
    holder = found["_source"]
    if holder["expires"] > now_ms() and not _dead_here(holder["owner"]):
        raise IndexLocked(f"another build is running ({holder['owner']})")
    with contextlib.suppress(ConflictError, NotFoundError):  # only the stale lock we read
        client.delete(
            index=config.meta,
            id=LOCK_ID,
            if_seq_no=found["_seq_no"],
            if_primary_term=found["_primary_term"],
            refresh=True,
        )


def _dead_here(owner: str) -> bool:
    """Whether owner is a process of this machine that no longer runs."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def set_state(client: OpenSearch, config: ClusterConfig, version: str, state: str) -> None:
    """Record a version as building or complete."""
    doc = {"kind": "version", "version": version, "state": state, "created": now_ms()}
    client.index(index=config.meta, id=f"version-{version}", body=doc, refresh=True)


def forget(client: OpenSearch, config: ClusterConfig, version: str) -> None:
    """Drop a version's entry (its indexes are gone)."""
    with contextlib.suppress(NotFoundError):
        client.delete(index=config.meta, id=f"version-{version}", refresh=True)


def complete_versions(client: OpenSearch, config: ClusterConfig) -> list[str]:
    """Versions built and verified, oldest first."""
    return _versions(
        client, config, {"bool": {"filter": [{"term": {"kind": "version"}}, {"term": {"state": "complete"}}]}}
    )


def leased_versions(client: OpenSearch, config: ClusterConfig) -> set[str]:
    """Versions some bot serves now (an unexpired lease)."""
    query = {"bool": {"filter": [{"term": {"kind": "lease"}}, {"range": {"expires": {"gt": now_ms()}}}]}}
    return set(_versions(client, config, query))


def _versions(client: OpenSearch, config: ClusterConfig, query: dict[str, Any]) -> list[str]:
    if not client.indices.exists(index=config.meta):
        return []
    found = client.search(index=config.meta, body={"query": query, "size": 10000, "_source": ["version"]})
    return sorted({hit["_source"]["version"] for hit in found["hits"]["hits"]})


def take_lease(client: OpenSearch, config: ClusterConfig, version: str) -> Renewal | None:
    """Mark version as served by this process until released (None if the cluster refuses writes)."""
    doc = {"kind": "lease", "version": version, "owner": owner_name()}
    doc_id = f"lease-{uuid.uuid4().hex}"
    try:
        ensure_meta(client, config)
        client.index(
            index=config.meta,
            id=doc_id,
            body={**doc, "expires": now_ms() + int(LOCK_TTL * 1000)},
            refresh=True,
        )
    except Exception:
        return None
    return Renewal(client, config, doc_id, doc)
