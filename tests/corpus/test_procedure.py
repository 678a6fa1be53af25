"""How to apply, read from a guide."""

from __future__ import annotations

from bot.corpus.models import Corpus
from tests.corpus.conftest import document


def test_pingtan_guide_procedure(corpus: Corpus) -> None:
    procedure = document(corpus, "guides/pingtan_disclosure_guide.txt").procedure
    assert procedure is not None
    kinds = [c.kind for c in procedure.channels]
    assert {"online", "written", "post", "oral"} <= set(kinds)
    online = next(c for c in procedure.channels if c.kind == "online")
    assert "在线申请" in online.text and "电话确认" in online.text
    assert "平潭综合实验区管委会政府信息公开领导小组办公室" in next(
        c.text for c in procedure.channels if c.kind == "post"
    )
    assert procedure.required_content == [
        "申请人的姓名或者名称、身份证明、联系方式",
        "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
        "申请公开的政府信息的形式要求，包括获取信息的方式、途径",
    ]
    assert any("自收到申请之日起20个工作日内" in t for t in procedure.time_limits)
    assert any("延长答复期限最长不超过20个工作日" in t for t in procedure.time_limits)
    assert procedure.fees is not None and "不收取费用" in procedure.fees and "信息处理费" in procedure.fees
    assert procedure.remedies is not None and "行政复议" in procedure.remedies
    assert procedure.section[0].startswith("二、依申请公开")


def test_fee_page_states_the_fees(corpus: Corpus) -> None:
    procedure = document(corpus, "guides/pingtan_application_fee_standard.txt").procedure
    assert procedure is not None and procedure.channels == []
    assert procedure.fees is not None and "国办函〔2020〕109号" in procedure.fees


def test_documents_other_than_guides_have_no_procedure(corpus: Corpus) -> None:
    assert all(doc.procedure is None for doc in corpus.documents if doc.meta.kind != "guide")
