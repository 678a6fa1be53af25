"""The opensearch-py client, and retries for what a cluster losing a node answers.

The client itself tries another host when a connection fails or times out, or a node
answers 502/503/504. `call` adds retries with back-off for what a search meets while
the cluster reallocates after losing a node (no copy of a shard reachable yet: 503,
or a shard failure: 500 with allow_partial_search_results off), then raises
IndexUnavailable: a partial result would be a different answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OsConnectionError
from opensearchpy.exceptions import TransportError

from bot.errors import IndexUnavailable
from index.opensearch.config import ClusterConfig

T = TypeVar("T")
RETRY_STATUS = (429, 500, 502, 503, 504)
BACKOFF = 0.25  # seconds before the first retry; doubled each time


def connect(config: ClusterConfig) -> OpenSearch:
    """A client over every configured host, retrying on another node."""
    return OpenSearch(
        hosts=list(config.hosts),
        timeout=config.timeout,
        max_retries=config.retries,
        retry_on_timeout=True,
        retry_on_status=(502, 503, 504),
        dead_timeout=5,  # a killed node is tried again soon after it restarts
    )


def call(config: ClusterConfig, action: Callable[[], T], what: str) -> T:
    """action(), retried with back-off on connection failures and 5xx; IndexUnavailable at the end."""
    delay = BACKOFF
    for attempt in range(config.retries + 1):
        try:
            return action()
        except OsConnectionError as exc:  # also ConnectionTimeout
            error: Exception = exc
        except TransportError as exc:
            if _status(exc) not in RETRY_STATUS:
                raise
            error = exc
        if attempt < config.retries:
            time.sleep(delay)
            delay *= 2
    raise IndexUnavailable(f"the OpenSearch cluster did not answer {what}: {_brief(error)}") from error


def _status(exc: TransportError) -> int | None:
    code: Any = exc.status_code
    return code if isinstance(code, int) else None


def _brief(exc: Exception) -> str:
    if isinstance(exc, TransportError):
        return f"{exc.status_code} {exc.error}"
    return type(exc).__name__
