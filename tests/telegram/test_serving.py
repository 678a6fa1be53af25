"""KnowledgeHolder over real index versions: running calls finish on the old one, new ones use the new."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest

from bot.answer import answer
from bot.corpus import load_corpus
from bot.errors import IndexUnavailable
from bot.serving import KnowledgeHolder
from index import open_index
from index.backend import KnowledgeBase, SearchFilters
from index.store import CURRENT, publish

HUAIAN = "淮安市人民政府2024年一共收到多少件信息公开申请？"


@pytest.fixture
def two_versions(tmp_path: Path, corpus_dir: Path) -> tuple[Path, list[KnowledgeBase]]:
    """An index folder and its two versions, opened: the seed report alone, then with reports/."""
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(corpus_dir / "seed", corpus / "seed")
    opened = []
    for more in (None, "reports"):
        if more:
            shutil.copytree(corpus_dir / more, corpus / more)
        publish(load_corpus(corpus), index_dir)
        opened.append(open_index(index_dir))
    return index_dir, opened


def _closed(kb: KnowledgeBase) -> bool:
    try:
        kb.backend.search("电话", SearchFilters(), 1)
    except IndexUnavailable:
        return True
    return False


async def test_reload_drains_the_old_index_before_closing_it(two_versions):
    _, (v1, v2) = two_versions
    versions = [v1, v2]
    holder = KnowledgeHolder(lambda: versions.pop(0))
    await holder.start()
    entered, release = threading.Event(), threading.Event()

    def slow(kb: KnowledgeBase) -> str:
        entered.set()
        release.wait(timeout=5)
        return answer(kb, HUAIAN).answer

    running = asyncio.create_task(holder.run(slow))
    await asyncio.to_thread(entered.wait, 5)
    swap = await holder.reload()
    assert swap.old == v1.info and swap.new == v2.info
    assert "3119" in await holder.run(lambda kb: answer(kb, HUAIAN).answer)  # new calls: new index
    assert not running.done() and not _closed(v1)  # the running call keeps the old one open
    release.set()
    assert "3119" not in await running  # it finished on the old index, which had no 淮安 report
    assert _closed(v1) and not _closed(v2)
    await holder.close()
    assert _closed(v2)


async def test_the_old_index_is_closed_once_its_last_lease_ends(two_versions):
    _, kbs = two_versions
    holder = KnowledgeHolder(iter(kbs).__next__)
    await holder.start()
    with holder.lease():
        await holder.reload()
        assert not _closed(kbs[0])
    assert _closed(kbs[0]) and not _closed(kbs[1])
    await holder.close()


async def test_a_failed_reload_keeps_serving_the_current_index(two_versions):
    index_dir, (first, second) = two_versions
    second.backend.close()
    holder = KnowledgeHolder(lambda: open_index(index_dir))
    await holder.start()
    served = holder.info
    (index_dir / CURRENT).unlink()
    with pytest.raises(IndexUnavailable, match="no index has been built"):
        await holder.reload()
    (index_dir / CURRENT).symlink_to("versions/gone")
    with pytest.raises(IndexUnavailable, match="gone is missing"):
        await holder.reload()
    assert holder.info == served
    assert "3119" in await holder.run(lambda kb: answer(kb, HUAIAN).answer)
    await holder.close()
    first.backend.close()


async def test_nothing_is_served_before_start(tmp_path):
    holder = KnowledgeHolder(lambda: open_index(tmp_path))
    with pytest.raises(IndexUnavailable):
        holder.info  # noqa: B018
    with pytest.raises(IndexUnavailable, match="no index has been built"):
        await holder.start()
