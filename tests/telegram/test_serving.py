"""KnowledgeHolder: running calls finish on the old index, new ones use the new; then it closes."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.errors import IndexUnavailable
from bot.serving import KnowledgeHolder
from tests.telegram.scripted import fake_kb


async def test_reload_drains_the_old_index_before_closing_it():
    versions = [fake_kb("v1"), fake_kb("v2")]
    holder = KnowledgeHolder(lambda: versions.pop(0))
    await holder.start()
    entered, release = threading.Event(), threading.Event()

    def slow(kb):
        entered.set()
        release.wait(timeout=5)
        return kb.info.version

    running = asyncio.create_task(holder.run(slow))
    await asyncio.to_thread(entered.wait, 5)
    swap = await holder.reload()
    old = swap.old
    assert (old.version if old else None, swap.new.version) == ("v1", "v2")
    assert await holder.run(lambda kb: kb.info.version) == "v2"  # new calls: new index
    first = running  # still on v1, which stays open until it is done
    assert not first.done()
    release.set()
    assert await first == "v1"
    await holder.close()


async def test_the_old_index_is_closed_once_its_last_call_ends():
    kbs = [fake_kb("v1"), fake_kb("v2")]
    holder = KnowledgeHolder(iter(kbs).__next__)
    await holder.start()
    with holder.lease():
        await holder.reload()
        assert not kbs[0].backend.closed
    assert kbs[0].backend.closed and not kbs[1].backend.closed
    await holder.close()
    assert kbs[1].backend.closed


async def test_a_failed_reload_keeps_serving_the_current_index():
    attempts = [fake_kb("v1"), IndexUnavailable("no index"), OSError("corrupt")]

    def opener():
        item = attempts.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    holder = KnowledgeHolder(opener)
    await holder.start()
    with pytest.raises(IndexUnavailable, match="no index"):
        await holder.reload()
    with pytest.raises(IndexUnavailable, match="corrupt"):
        await holder.reload()
    assert holder.info.version == "v1"


async def test_nothing_is_served_before_start():
    holder = KnowledgeHolder(lambda: fake_kb())
    with pytest.raises(IndexUnavailable):
        holder.info  # noqa: B018
