"""A scripted stand-in for the answer engine, for tests of the Telegram channel itself.

These tests check what the channel does with an Answer (rendering, buttons, state,
concurrency, reload); whether answers are right is tested against the real engine
and index in the end-to-end tests. Every call records the knowledge base it got.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.answer import Answer, Citation, ContactCard, Coverage, DocumentPage, Intent, ProcedureCard
from bot.answer.models import AgencyCoverage
from bot.corpus.models import AgencyRegistry
from bot.serving import Engine
from index.backend import IndexInfo, KnowledgeBase

SEED = Citation(
    title="张店区安监局2017年政府信息公开工作年度报告",
    agency="张店区安监局",
    year=2017,
    section="六、其他需要报告的事项",
    doc_id="seed/zhangdian_ajj_2017_annual_report.txt",
    quote="咨询电话：2270822",
)


class FakeBackend:
    """A search backend that only knows its identity and whether it was closed."""

    def __init__(self, version: str, documents: int) -> None:
        self.info = IndexInfo(version=version, built_at=datetime.now(UTC), documents=documents)
        self.closed = False

    def close(self) -> None:
        self.closed = True


def fake_kb(version: str = "v1", documents: int = 3) -> KnowledgeBase:
    """A knowledge base with a FakeBackend."""
    return KnowledgeBase(backend=FakeBackend(version, documents), agencies=AgencyRegistry(), documents=[])  # type: ignore[arg-type]


@dataclass
class ScriptedEngine:
    """Answers from a script; records (function, knowledge base version, thread) per call."""

    reply: str = "张店区安监局的咨询电话是 0533-2270822。"
    found: bool = True
    calls: list[tuple[str, str, str]] = field(default_factory=list)
    error: Exception | None = None
    blocked: str | None = None  # this question waits in the engine until another is answered
    released: threading.Event = field(default_factory=threading.Event)

    def engine(self) -> Engine:
        """The Engine to inject into build_application."""
        return Engine(
            answer=self.answer, contact=self.contact, procedure=self.procedure,
            search=self.search, coverage=self.coverage,
        )  # fmt: skip

    def answer(self, kb: KnowledgeBase, question: str) -> Answer:
        self._note("answer", kb)
        if question == self.blocked:
            if not self.released.wait(timeout=5):
                raise TimeoutError("no other question was answered meanwhile")
        else:
            self.released.set()
        if self.error is not None:
            raise self.error
        text = f"{self.reply}（{question}）" if self.blocked else self.reply
        return Answer(
            id=f"a{len(self.calls)}", answer=text, found=self.found, intent=Intent.CONTACT,
            agency="张店区安监局", citations=[SEED],
        )  # fmt: skip

    def contact(self, kb: KnowledgeBase, agency: str | None) -> Answer:
        self._note(f"contact:{agency}", kb)
        card = ContactCard(agency=agency or "张店区安监局", phones=["0533-2270822"], sources=[SEED])
        return Answer(id="c", answer="", found=True, intent=Intent.CONTACT, contacts=[card])

    def procedure(self, kb: KnowledgeBase, agency: str | None) -> Answer:
        self._note(f"procedure:{agency}", kb)
        card = ProcedureCard(agency=agency, channels=["当面提交", "信函申请"], time_limits=["20个工作日"])
        return Answer(id="p", answer="", found=True, intent=Intent.PROCEDURE, procedure=card)

    def search(self, kb: KnowledgeBase, query: str, offset: int, limit: int) -> DocumentPage:
        self._note(f"search:{query}:{offset}", kb)
        total = 12
        items = [
            Citation(title=f"文件{n}", agency="平潭综合实验区", url=f"https://example.gov.cn/{n}")
            for n in range(offset, min(offset + limit, total))
        ]
        return DocumentPage(query=query, items=items, offset=offset, total=total)

    def coverage(self, kb: KnowledgeBase) -> Coverage:
        self._note("coverage", kb)
        agencies = [AgencyCoverage(agency="张店区安监局", report_years=[2017], guides=1)]
        return Coverage(agencies=agencies, documents=kb.info.documents, index_version=kb.info.version)

    def _note(self, what: str, kb: KnowledgeBase) -> None:
        self.calls.append((what, kb.info.version, threading.current_thread().name))
