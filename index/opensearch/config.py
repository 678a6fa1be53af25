"""Where the cluster is and what our indexes are called; no client, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("records", "documents", "facts")  # one index of each per version, one alias of each
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class ClusterConfig:
    """How to reach the cluster and name our indexes (bot.settings builds it)."""

    hosts: list[str] = field(default_factory=lambda: ["http://127.0.0.1:9200"])
    prefix: str = "gongkai"
    timeout: float = 10.0  # seconds per request
    retries: int = 3  # another node is tried after a failed connection or a 5xx
    shards: int = 1  # primary shards of a new records index
    replicas: int = 1  # copies of every shard once a version is built

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.prefix):
            raise ValueError(f"index prefix {self.prefix!r}: lower-case letters, digits, - and _ only")
        if not self.hosts:
            raise ValueError("no OpenSearch host given")

    def alias(self, kind: str) -> str:
        """The alias a kind of index is served under: gongkai-records."""
        return f"{self.prefix}-{kind}"

    def index(self, kind: str, version: str) -> str:
        """The concrete index of one version: gongkai-records-20250101t000000.000000z."""
        return f"{self.prefix}-{kind}-{version}"

    def version_of(self, index: str) -> str | None:
        """The version a concrete index of ours belongs to, else None."""
        for kind in KINDS:
            head = f"{self.prefix}-{kind}-"
            if index.startswith(head):
                return index[len(head) :]
        return None

    @property
    def meta(self) -> str:
        """The bookkeeping index: lock, version states, leases."""
        return f"{self.prefix}-meta"
