"""Comparisons across years and agencies, on the bundled reports through the real index."""

from __future__ import annotations

import json

import pytest

from bot.answer.kinds.compare import compare_answer, figure_question, read_parties
from bot.answer.kinds.compare_points import BEFORE_TEMPLATE, NO_REPORT
from bot.answer.kinds.compare_text import year_runs
from bot.answer.kinds.figures import asked_cells
from bot.answer.knowledge import knowledge_of
from bot.answer.models import Answer, Intent
from bot.answer.reading.years import year_span
from bot.lexicon.comparisons import PROSE, comparison_lexicon
from index.backend import KnowledgeBase

from .conftest import TODAY, Ask, lead

PINGTAN_2017 = "平潭综合实验区2017年度政府信息公开工作年度报告"
PINGTAN_2024 = "平潭综合实验区2024年度政府信息公开工作年度报告"
HUAIAN_2024 = "淮安市人民政府2024年政府信息公开工作年度报告"


def points(reply: Answer) -> list[tuple[str, int, float | None, bool]]:
    return [(p.agency, p.year, p.value, p.verified) for p in reply.series]


def test_two_years_of_a_prose_figure(ask: Ask) -> None:
    reply = ask("平潭2017年和2024年主动公开信息的数量有什么变化")
    assert reply.intent is Intent.COMPARE and reply.found
    assert lead(reply).startswith("平潭主动公开")
    assert "2017年2122条→2024年10407条，增加8285条" in lead(reply)
    assert [(p.year, p.value, p.slot) for p in reply.series] == [(2017, 2122, None), (2024, 10407, None)]
    assert all(p.comparable for p in reply.series) and reply.figures == reply.series
    assert [p.citation.title for p in reply.series if p.citation] == [PINGTAN_2017, PINGTAN_2024]
    assert "10407" in (reply.series[1].citation.quote or "")  # the report's own sentence


def test_two_agencies_of_one_year(ask: Ask) -> None:
    reply = ask("淮安和平潭2024年谁收到的申请多")
    assert reply.intent is Intent.COMPARE and reply.found
    assert lead(reply).startswith(
        "2024年本年新收政府信息公开申请数量：淮安市人民政府3119件，平潭218件；淮安市人民政府比平潭多2901件"
    )
    assert points(reply) == [
        ("淮安市人民政府", 2024, 3119, True),
        ("平潭综合实验区管委会办公室", 2024, 218, True),
    ]
    assert {p.slot for p in reply.series} == {"applications.new.total"}
    assert [c.title for c in reply.citations] == [HUAIAN_2024, PINGTAN_2024]
    assert all("表三" in (c.section or "") for c in reply.citations)


def test_agencies_keep_the_order_asked_and_lead_with_the_larger(ask: Ask) -> None:
    reply = ask("平潭和淮安2024年收到的政府信息公开申请对比")
    assert [p.value for p in reply.series] == [218, 3119]
    assert "淮安市人民政府比平潭多2901件" in lead(reply)


@pytest.mark.parametrize(
    ("question", "expected", "words"),
    [
        (
            "平潭公安局和交建局2022年收到申请对比",
            [("平潭综合实验区公安局", 2022, 1, True), ("平潭综合实验区交通与建设局", 2022, 11, True)],
            "平潭综合实验区交通与建设局比平潭综合实验区公安局多10件",
        ),
        (
            "平潭公安局这几年行政处罚决定数量的变化",
            [("平潭综合实验区公安局", 2021, 141, True), ("平潭综合实验区公安局", 2022, 157, True)],
            "2021年141件→2022年157件，增加16件",
        ),
        (
            "淮安和洪泽区2024年收到的申请谁多",
            [("淮安市人民政府", 2024, 3119, True), ("淮安市洪泽区人民政府", 2024, 95, True)],
            "淮安市人民政府比淮安市洪泽区人民政府多3024件",
        ),
    ],
)
def test_other_comparisons_of_the_class(ask: Ask, question: str, expected: list, words: str) -> None:
    reply = ask(question)
    assert points(reply) == expected
    assert words in lead(reply)


def test_a_range_names_the_years_without_reports(ask: Ask) -> None:
    reply = ask("平潭2017年到2024年主动公开的变化")
    assert [p.year for p in reply.series] == list(range(2017, 2025))
    missing = [p.year for p in reply.series if p.missing == NO_REPORT]
    assert missing == list(range(2018, 2024))
    assert all(p.value is None for p in reply.series if p.missing)
    assert f"2018—2023年（{NO_REPORT}）" in reply.answer
    assert reply.figures == [p for p in reply.series if p.value is not None]


def test_a_template_slot_is_not_joined_with_reports_before_the_template(ask: Ask) -> None:
    reply = ask("平潭历年收到的政府信息公开申请")
    by_year = {p.year: p for p in reply.series}
    assert by_year[2024].value == 218 and by_year[2024].verified
    assert by_year[2017].missing == BEFORE_TEMPLATE and by_year[2012].missing == BEFORE_TEMPLATE
    assert by_year[2017].value is None  # its prose "未收到" is not the template's cell
    assert "只有2024年有可比较的数字" in lead(reply)
    assert f"2012、2017年（{BEFORE_TEMPLATE}）" in reply.answer


def test_an_unverified_cell_is_shown_but_not_compared(ask: Ask) -> None:
    reply = ask("洪泽区2023年到2024年行政复议的变化")
    unchecked, checked = reply.series
    assert (unchecked.year, unchecked.value, unchecked.verified) == (2023, 0, False)
    assert (checked.year, checked.value, checked.verified) == (2024, 2, True)
    assert reply.figures == [checked]
    assert "只有2024年有可比较的数字：2件" in lead(reply)
    assert "未能核实" in reply.answer


def test_the_series_serialises_with_its_sources(ask: Ask) -> None:
    reply = ask("平潭2017年到2024年主动公开的变化")
    data = json.loads(json.dumps(reply.model_dump(mode="json"), ensure_ascii=False))
    assert len(data["series"]) == 8
    first = data["series"][0]
    assert first["agency"] == "平潭综合实验区管委会办公室" and first["year"] == 2017
    assert first["value"] == 2122 and first["verified"] and first["missing"] is None
    assert first["citation"]["title"] == PINGTAN_2017
    assert data["series"][1]["missing"] == NO_REPORT and data["series"][1]["value"] is None
    assert Answer.model_validate(data).series == reply.series


@pytest.mark.parametrize(
    "question",
    [
        "平潭公安局2022年行政处罚比上一年增加了多少",  # one agency, one year: nothing to compare
        "平潭和淮安的指南有什么变化",  # no figure
        "申请公开比较麻烦吗",
    ],
)
def test_what_compares_nothing_is_left_to_other_answers(kb: KnowledgeBase, question: str) -> None:
    knowledge = knowledge_of(kb)
    assert compare_answer(knowledge, knowledge.read(question, TODAY)) is None


@pytest.mark.parametrize("example", comparison_lexicon().examples, ids=lambda e: e.q)
def test_comparison_examples(kb: KnowledgeBase, example) -> None:
    knowledge = knowledge_of(kb)
    q = knowledge.read(example.q, TODAY)
    assert Intent.COMPARE in q.reading.intents
    assert len(read_parties(knowledge, q)) == example.parties
    span = year_span(q.folded, TODAY)
    assert span.years == example.years and (span.every or bool(span.years) or example.parties > 1)
    ask = asked_cells(figure_question(q))
    assert (ask.slots if ask else (PROSE,)) == (example.figure,)


def test_year_runs() -> None:
    assert year_runs([2015, 2013, 2014, 2017]) == "2013—2015、2017年"
    assert year_runs([2024]) == "2024年"


def test_a_place_is_compared_by_its_government_never_a_department(kb: KnowledgeBase) -> None:
    knowledge = knowledge_of(kb)
    q = knowledge.read("平潭和淮安2022年谁收到的申请多", TODAY)  # only 平潭's bureaus report 2022
    parties = read_parties(knowledge, q)
    assert [(p.label, p.name) for p in parties] == [
        ("平潭", "平潭综合实验区管委会办公室"),
        ("淮安市人民政府", "淮安市人民政府"),
    ]
    assert compare_answer(knowledge, q) is None  # neither government reports 2022: nothing compares
