"""The knowledge base a running channel serves from, swappable without a restart.

    holder = KnowledgeHolder(lambda: open_index(index_dir))
    await holder.start()
    answer = await holder.run(functions.answer, "张店区安监局的热线电话是多少？")
    swap = await holder.reload()          # new questions use the new index ...
                                          # ... running ones finish on the old one,
                                          # which is closed when its last lease ends

Any channel (Telegram, a web page, the terminal chat) can use it. The answer engine is
synchronous CPU work, so `run()` calls it in a worker thread and the event loop keeps
serving while it runs.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from bot import answer as engine_functions
from bot.answer import Answer, Coverage, DocumentPage
from bot.errors import IndexUnavailable
from index.backend import IndexInfo, KnowledgeBase

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class AnswerFunctions:
    """The answer functions a channel calls, each taking the knowledge base first.

    The engine's own functions by default; tests hand a channel other ones.
    """

    answer: Callable[..., Answer] = engine_functions.answer  # (kb, question, *, context=None)
    contact: Callable[[KnowledgeBase, str | None], Answer] = engine_functions.contact_answer
    procedure: Callable[[KnowledgeBase, str | None], Answer] = engine_functions.procedure_answer
    search: Callable[[KnowledgeBase, str, int, int], DocumentPage] = engine_functions.search_documents
    coverage: Callable[[KnowledgeBase], Coverage] = engine_functions.coverage


@dataclass(frozen=True)
class Swap:
    """What a reload changed."""

    old: IndexInfo | None
    new: IndexInfo


class _Slot:
    """One opened knowledge base and the number of calls still using it."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.leases = 0
        self.retired = False
        self.closed = False


class KnowledgeHolder:
    """Holds the current KnowledgeBase; reloads it and drains the old one."""

    def __init__(self, opener: Callable[[], KnowledgeBase]) -> None:
        self._opener = opener
        self._slot: _Slot | None = None
        self._counts = threading.Lock()  # leases are taken and returned from any thread
        self._swap = asyncio.Lock()  # one reload at a time

    @property
    def info(self) -> IndexInfo:
        """Version and size of the index now being served."""
        return self._current().kb.info

    @property
    def started(self) -> bool:
        """Whether a knowledge base has been opened."""
        return self._slot is not None

    async def start(self) -> IndexInfo:
        """Open the index for the first time; raise IndexUnavailable if there is none."""
        return (await self.reload()).new

    async def reload(self) -> Swap:
        """Open the newest index and serve it; on failure keep serving the current one."""
        async with self._swap:
            kb = await asyncio.to_thread(self._open)
            old = self._slot
            with self._counts:
                self._slot = _Slot(kb)
            if old is not None:
                self._retire(old)
            return Swap(old=old.kb.info if old else None, new=kb.info)

    @contextmanager
    def lease(self) -> Iterator[KnowledgeBase]:
        """The current knowledge base, kept open until the block ends even if reloaded."""
        with self._counts:
            slot = self._current()
            slot.leases += 1
        try:
            yield slot.kb
        finally:
            with self._counts:
                slot.leases -= 1
                drained = slot.retired and slot.leases == 0
            if drained:
                self._close(slot)

    async def run(
        self, fn: Callable[Concatenate[KnowledgeBase, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Call fn(kb, ...) in a worker thread on the current knowledge base."""
        with self.lease() as kb:
            return await asyncio.to_thread(fn, kb, *args, **kwargs)

    async def close(self) -> None:
        """Stop serving; the last knowledge base closes once its calls finish."""
        async with self._swap:
            slot, self._slot = self._slot, None
            if slot is not None:
                self._retire(slot)

    def _open(self) -> KnowledgeBase:
        try:
            kb = self._opener()
            engine_functions.warm(kb)  # the first citizen does not wait for the dictionaries
            return kb
        except IndexUnavailable:
            raise
        except Exception as exc:  # a corrupt index raises whatever its reader raises
            raise IndexUnavailable(f"the index cannot be opened: {exc}") from exc

    def _current(self) -> _Slot:
        if self._slot is None:
            raise IndexUnavailable("no index is being served")
        return self._slot

    def _retire(self, slot: _Slot) -> None:
        with self._counts:
            slot.retired = True
            drained = slot.leases == 0
        if drained:
            self._close(slot)

    def _close(self, slot: _Slot) -> None:
        with self._counts:
            if slot.closed:
                return
            slot.closed = True
        log.info("closing index version %s", slot.kb.info.version)
        slot.kb.backend.close()
