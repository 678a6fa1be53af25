"""Reading questions: years, agencies and places, intents; never failing on odd text."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answer.knowledge import knowledge_of
from bot.answer.models import Intent
from bot.answer.reading.question import Question
from bot.answer.reading.years import find_years
from bot.text import cn_to_int
from index.backend import KnowledgeBase

from .conftest import TODAY


def read(kb: KnowledgeBase, text: str) -> Question:
    return knowledge_of(kb).read(text, TODAY)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2017年主动公开多少条", [2017]),
        ("17年的报告", [2017]),
        ("二〇一七年的申请", [2017]),
        ("二零二四年度", [2024]),
        ("今年和去年", [2026, 2025]),
        ("前年的复议", [2024]),
        ("近三年收到多少申请", [2023, 2024, 2025]),
        ("2017年和2024年", [2017, 2024]),
        ("岚综管规〔2024〕4号", []),  # the year of a document number is not the question's
        ("20个工作日", []),
        ("3119件", []),
        ("2024年去年转到今年的申请", [2024]),  # the ends of a carry-over, not years asked
        ("去年没办完的申请", []),
        ("留到今年办的", []),
    ],
)
def test_years(text: str, years: list[int]) -> None:
    assert find_years(text, TODAY) == years


def test_relative_years_follow_today() -> None:
    assert find_years("去年", date(2031, 1, 5)) == [2030]


def test_aliases_and_traditional_names_resolve_to_one_agency(kb: KnowledgeBase) -> None:
    for text in ("张店区安监局的电话", "區安監局的電話", "张店区安全生产监督管理局电话", "張店應急局"):
        assert read(kb, text).agencies.candidates == ["张店区应急管理局"], text


def test_a_place_names_its_agencies_and_their_offices(kb: KnowledgeBase) -> None:
    q = read(kb, "平潭的咨询电话")
    assert "平潭综合实验区管委会办公室" in q.agencies.candidates
    assert q.agencies.unknown_places == []


def test_places_outside_the_corpus_are_noticed(kb: KnowledgeBase) -> None:
    q = read(kb, "北京市海淀区政府信息公开的咨询电话是多少？")
    assert q.agencies.candidates == []
    assert q.agencies.unknown_places


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("淮安市人民政府办公室的联系电话是多少？", Intent.CONTACT),
        ("淮安市2024年收到多少申请", Intent.STATISTIC),
        ("淮安行政诉讼维持了多少件", Intent.STATISTIC),  # an agency and a count, no year
        ("申请政府信息公开要收费吗？", Intent.FEE),
        ("申请要写明哪些内容", Intent.PROCEDURE),
        ("多久能答复", Intent.TIME_LIMIT),
        ("答复不满意怎么办", Intent.REMEDY),
        ("岚综管规[2024]4号是什么文件", Intent.ITEM),
        ("索引号PZ00101-1700-2023-00072", Intent.ITEM),
        ("你好", Intent.GREETING),
        ("明天天气怎么样？", Intent.OFFTOPIC),
        ("淮安2024年电话申请的有几件", Intent.STATISTIC),  # how applications came, not a phone
        ("淮安2024年通过邮件提交了多少件申请", Intent.STATISTIC),
        ("淮安申请电话多少", Intent.CONTACT),
    ],
)
def test_intents(kb: KnowledgeBase, text: str, intent: Intent) -> None:
    assert read(kb, text).intent is intent


@pytest.mark.parametrize(
    "text",
    ["", "   ", "？？？", 'a:b AND c* (x) "y"', "😀" * 30, "申" * 5000, "\x00\x01", "SELECT * FROM t; --"],
)
def test_any_text_is_read_without_error(kb: KnowledgeBase, text: str) -> None:
    read(kb, text)


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("十一", 11),
        ("二十九", 29),
        ("一百零一", 101),
        ("二〇二六", 2026),
        ("一七", 17),
        ("x", None),
    ],
)
def test_chinese_numerals_counted_or_digit_by_digit(numeral: str, value: int | None) -> None:
    assert cn_to_int(numeral) == value
