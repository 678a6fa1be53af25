"""Report figures: the template cell asked for, stated only when verified, carried as typed facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer import answer
from bot.answer.compose import value_text
from bot.answer.matching.slots import slot_reader
from bot.corpus import load_corpus
from bot.lexicon.template import load_template
from index import open_index, publish
from index.backend import KnowledgeBase

from .conftest import TODAY, Ask, lead

EXAMPLES = [(where, example) for where, _, example in load_template().examples()]


@pytest.mark.parametrize(("where", "example"), EXAMPLES, ids=[e.q for _, e in EXAMPLES])
def test_every_template_example_reads_as_its_slot(where: str, example) -> None:
    ask = slot_reader().read(example.q)
    assert ask is not None and example.slot in ask.slots, (where, ask)


@pytest.mark.parametrize(
    ("question", "slot", "value"),
    [
        ("淮安2024年律所提了多少件信息公开申请？", "applications.new.legal", 61),
        ("淮安2024年有多少申请转到明年接着办？", "applications.carried_forward.total", 103),
        ("淮安2024年从上年结转过来的申请有几件", "applications.carried_in.total", 34),
        ("平潭交建局2022年现行有效的行政规范性文件有多少件？", "proactive.normative.in_force", 16),
        ("上海市府办2025年因政府信息公开被申请行政复议一共多少件？", "review.total", 55),
    ],
)
def test_a_figure_is_stated_from_its_cell_with_the_fact_as_data(
    ask: Ask, question: str, slot: str, value: int
):
    reply = ask(question)
    assert reply.found and f"{value}件" in lead(reply)
    [figure] = reply.figures
    assert (figure.slot, figure.value, figure.verified) == (slot, value, True)
    assert figure.citation is not None and figure.citation.section and figure.citation.doc_id


def test_rows_asked_by_their_heading_lead_with_their_sum(ask: Ask):
    reply = ask("淮安2024年信息公开的官司里政府被纠正了几件")
    assert "行政诉讼结果纠正共5件" in lead(reply) and len(reply.figures) == 2


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("淮安2024年法人或者其他组织提了几件信息公开申请？", 2024),
        ("沭阳县2025年法人和其他组织申请了多少件？", 2025),
    ],
)
def test_columns_asked_by_their_heading_lead_with_their_sum(ask: Ask, question: str, year: int):
    reply = ask(question)
    slots = {f.slot for f in reply.figures}
    assert reply.found and "（法人或其他组织）共" in lead(reply)
    assert slots and all(s.startswith("applications.new.") and s != "applications.new.natural" for s in slots)
    summed = sum(f.value or 0 for f in reply.figures)
    # The organisations and the natural persons make the total: the sum is the right cells'.
    people = ask(f"{question[: question.index(str(year)) + 5]}自然人提了几件信息公开申请？")
    total = ask(f"{question[: question.index(str(year)) + 5]}一共收到多少件信息公开申请？")
    [natural], [everyone] = people.figures, total.figures
    assert summed + (natural.value or 0) == everyone.value
    assert f"共{int(summed)}件" in lead(reply)


@pytest.mark.parametrize(
    ("question", "slot"),
    [
        ("淮安2024年从上一年结转过来的申请有几件？", "applications.carried_in.total"),
        ("平潭2024年有多少申请留到下一年办？", "applications.carried_forward.total"),
        ("淮安2024年去年转到今年的申请有几件？", "applications.carried_in.total"),
    ],
)
def test_carried_applications_in_everyday_words(ask: Ask, question: str, slot: str):
    reply = ask(question)
    assert reply.found and [f.slot for f in reply.figures] == [slot]


def test_a_cell_is_not_the_answer_to_a_question_about_something_else(ask: Ask):
    reply = ask("平潭交通与建设局2022年通过12345平台受理了多少件群众诉求？")
    assert "11件" not in lead(reply)  # 受理 alone does not make it the 新收申请 cell


def test_an_unverified_cell_is_quoted_as_printed_never_stated(tmp_path: Path, corpus_dir: Path):
    corpus = tmp_path / "corpus"
    (corpus / "reports").mkdir(parents=True)
    rel = "reports/pingtan_transport_construction_bureau_2022_annual_report.txt"
    text = (corpus_dir / rel).read_text(encoding="utf-8")
    printed, changed = "（一）予以公开 7 0 0 0 0 0 7", "（一）予以公开 8 0 0 0 0 0 7"
    (corpus / rel).write_text(text.replace(printed, changed), encoding="utf-8")
    shutil.copy(corpus_dir / "agencies.toml", corpus / "agencies.toml")
    publish(load_corpus(corpus), tmp_path / "index")
    kb: KnowledgeBase = open_index(tmp_path / "index")
    try:
        natural = answer(kb, "平潭交建局2022年个人的申请予以公开的有几件？", today=TODAY)
        total = answer(kb, "平潭交建局2022年予以公开的申请有几件？", today=TODAY)
    finally:
        kb.backend.close()
    assert not natural.found and "无法可靠核对" in natural.answer and "8" in natural.answer
    assert natural.figures and not natural.figures[0].verified
    assert total.found and "7件" in lead(total)  # its column's results still add up


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("沭阳发改局2023年的信息公开年报是哪天公开的？", "2024-01-17"),
        ("清江街道政府信息公开指南的索引号是多少？", "11320812MB0399947E/2025-00005"),
    ],
)
def test_a_document_of_the_agency_named_answers_for_its_own_metadata(ask: Ask, question: str, value: str):
    reply = ask(question)
    assert reply.found and value in lead(reply)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3119, "3119件"),
        (18651.06, "18651.06件"),
        (1234567.5, "1234567.5件"),
        (0.1 + 0.2, "0.3件"),
        (None, "—"),
    ],
)
def test_a_figure_is_written_with_every_digit_it_has(value, text) -> None:
    assert value_text(value, None if value is None else "件") == text


def test_a_question_about_the_whole_county_gets_the_reports_sentence_beside_the_table(ask: Ask):
    county = ask("沭阳县2025年全县一共受理了多少件政府信息公开申请？")
    own = ask("沭阳县2025年一共受理了多少件政府信息公开申请？")
    [figure] = own.figures
    assert county.figures == own.figures or [f.value for f in county.figures] == [figure.value]
    assert "报告正文" not in own.answer  # without 全县, the table cell alone
    quoted = lead(county).split("报告正文：", 1)[1]
    assert "全县" in quoted and str(int(figure.value or 0)) not in quoted
    assert len(county.citations) == len(own.citations) + 1


def test_a_row_whose_numbers_lost_their_columns_is_quoted_never_stated(ask: Ask):
    # 上海市政府办公厅's 2025 表二 prints "规章 | 22 | 235" for three columns: which is which?
    reply = ask("上海市政府办公厅2025年现行有效的规章有多少件？")
    assert not reply.found and not reply.figures
    assert "“规章 22 235”" in reply.answer and "无法确定各数所在的列" in reply.answer
    assert (
        reply.citations and reply.citations[0].doc_id == "reports/shanghai_gov_office_2025_annual_report.md"
    )
