"""Follow-up questions take what they lack from the one before, and say what they assumed."""

from __future__ import annotations

import re

from bot.answer import Answer, answer
from index.backend import KnowledgeBase

from .conftest import TODAY, lead


def converse(kb: KnowledgeBase, *questions: str) -> list[Answer]:
    """Ask in order, each question with the context of the answer before."""
    replies: list[Answer] = []
    context = None
    for question in questions:
        reply = answer(kb, question, today=TODAY, context=context)
        context = reply.followup
        replies.append(reply)
    return replies


def test_an_agency_carries_over_to_field_after_field(kb: KnowledgeBase):
    how, phone, mail, fax = converse(
        kb, "平潭公安局的信息公开怎么申请？", "他们电话多少？", "邮箱呢？", "传真呢？"
    )
    assert how.found
    assert (
        phone.found and lead(phone).startswith("按上一问的平潭综合实验区公安局") and "62561036" in lead(phone)
    )
    assert mail.found and "pingtangongan110@163.com" in lead(mail)
    assert not fax.found and "传真" in lead(fax) and "62561036" in fax.answer  # no other agency's fax


def test_a_new_place_takes_the_topic_and_year(kb: KnowledgeBase):
    first, second = converse(kb, "张店区安监局2017年主动公开了多少条信息？", "那平潭呢？")
    assert "26" in lead(first)
    assert second.found and "2017年" in lead(second) and "2122" in lead(second)


def test_a_new_agency_takes_the_previous_topic_not_its_fields(kb: KnowledgeBase):
    hours, phone, theirs = converse(kb, "平潭经发局几点上班？", "那交建局的电话呢？", "他们几点上班？")
    assert "15:00" in hours.answer or "14:30" in hours.answer
    assert "23179988" in lead(phone)
    assert not theirs.found and "交通与建设局" in lead(theirs)  # never 经发局's hours for 交建局
    assert not re.search(r"14:30|15:00", lead(theirs))


def test_a_declined_agency_still_gives_its_topic_to_the_next(kb: KnowledgeBase):
    lacked, neighbour = converse(kb, "临淄区应急局电话多少？", "那张店的呢？")
    assert not lacked.found and "0533" not in lacked.answer
    assert neighbour.found and "2270822" in lead(neighbour)


def test_without_a_context_nothing_is_assumed(kb: KnowledgeBase):
    [alone] = converse(kb, "他们电话多少？")
    assert "按上一问" not in alone.answer


def test_a_document_number_stands_on_its_own(kb: KnowledgeBase):
    _, item = converse(kb, "平潭综合实验区受理政府信息公开申请的邮箱", "岚综管规〔2024〕4号是哪个文件")
    assert item.found and "代建管理费" in lead(item) and "按上一问" not in item.answer


def test_a_question_of_another_kind_is_not_a_part_of_the_previous_figure(kb: KnowledgeBase):
    _, fee = converse(kb, "淮安市人民政府2024年一共收到多少件信息公开申请？", "一个月申请15件要交多少钱")
    assert "500元" in lead(fee) and "3119" not in fee.answer


def test_a_part_of_the_previous_figure_in_everyday_words(kb: KnowledgeBase):
    total, lawyers, firms, carried = converse(
        kb, "淮安2024年收到多少信息公开申请？", "其中律所提的呢？", "那企业呢？", "转到明年的呢？"
    )
    assert "3119" in lead(total)
    for reply, figure in ((lawyers, "61件"), (firms, "53件"), (carried, "103件")):
        assert reply.found and lead(reply).startswith("按上一问的淮安市人民政府、2024年")
        assert figure in lead(reply) and "3119" not in reply.answer
    assert "法律服务机构" in lead(lawyers) and "商业企业" in lead(firms)


def test_outcomes_of_a_review_figure_and_its_litigation(kb: KnowledgeBase):
    reviews, upheld, suits = converse(
        kb, "上海市府办2025年因为信息公开被申请复议多少件？", "维持了几件？", "打官司的呢？"
    )
    assert "55件" in lead(reviews)
    assert upheld.found and "维持40件" in lead(upheld)
    assert suits.found and "行政诉讼" in lead(suits) and "34件" in lead(suits)


def test_small_talk_after_a_figure_does_not_repeat_it(kb: KnowledgeBase):
    _, chat = converse(kb, "淮安2024年收到多少信息公开申请？", "今天天气怎么样？")
    assert "3119" not in chat.answer
