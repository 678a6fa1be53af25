"""Agencies and places are never substituted: a question about one we lack is declined as such.

Over the real index of the bundled corpus: the registry holds 张店区应急管理局, several
平潭 agencies, 淮安市人民政府, 上海市人民政府办公厅 ...; it holds nothing of 临淄区, 福清市,
淮安区 (a district of 淮安市), nor a 教育局 or 发改委 anywhere.
"""

from __future__ import annotations

import re

import pytest

from bot.answer.knowledge import knowledge_of
from index.backend import KnowledgeBase

from .conftest import Ask, lead

PHONE = re.compile(r"0\d{2,3}-\d{7,8}")


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("临淄区应急管理局的电话是多少？", "临淄区应急管理局"),  # a neighbour of 张店区 has one
        ("临淄应急局电话多少", "临淄"),
        ("张店区教育局信息公开电话是多少", "张店区教育局"),  # a place we hold, a type we do not
        ("福清市公安局政府信息公开的咨询电话是多少？", "福清市公安局"),  # 平潭 has a 公安局
        ("福州市公安局信息公开申请打哪个电话", "福州市公安局"),
        ("淮安市发改委的信息公开电话多少", "淮安市发改委"),  # not its government
        ("淮安区政府的电话", "淮安区"),  # a district, not the city 淮安
        ("屯昌县人民政府2015年主动公开了多少条信息", "屯昌县人民政府"),  # only a department is held
        ("福州市2024年收到多少政府信息公开申请", "福州市"),  # above 晋安区 and 平潭, but neither
    ],
)
def test_an_agency_or_place_we_lack_is_declined_by_name(ask: Ask, question: str, missing: str):
    reply = ask(question)
    assert not reply.found
    assert missing in lead(reply) and "12345" in reply.answer
    assert not PHONE.search(reply.answer)  # nobody else's phone


@pytest.mark.parametrize(
    ("question", "agency"),
    [
        ("平潭交建局2022年一共收到多少件政府信息公开申请？", "平潭综合实验区交通与建设局"),
        ("交通与建设局2022年予以公开的申请有几件？", "平潭综合实验区交通与建设局"),
        ("平潭经发局政府信息公开的咨询电话是多少？", "平潭综合实验区经济发展局"),
        ("区应急局电话", "张店区应急管理局"),  # the one 应急管理局 held
        ("上海市府办2025年收到多少件申请", "上海市人民政府办公厅"),
        ("福建省平潭综合实验区公安局的电话", "平潭综合实验区公安局"),  # a province as context
    ],
)
def test_an_agency_type_after_its_place_finds_that_agency(kb: KnowledgeBase, question: str, agency: str):
    mentions = knowledge_of(kb).read(question).agencies
    assert mentions.named == [agency] and not mentions.unknown_agencies and not mentions.unknown_places


@pytest.mark.parametrize(
    ("typed", "meant"), [("淮按市2024年收到多少申请", "淮安市"), ("平谭公安局的电话", "平潭")]
)
def test_a_mistyped_place_that_sounds_right_is_corrected_and_said(ask: Ask, typed: str, meant: str):
    reply = ask(typed)
    assert reply.found and lead(reply).startswith(f"按“{meant}”理解")


def test_a_real_place_that_sounds_like_a_held_one_is_not_corrected(ask: Ask):
    reply = ask("怀安县政府信息公开电话")  # 怀安县 (Hebei) sounds like 淮安
    assert not reply.found and "怀安县" in lead(reply) and "淮安" not in lead(reply)


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("平潭公安局受理政府信息公开申请的传真号码是多少？", "传真"),  # its guide gives none
        ("张店应急局邮箱多少", "电子邮箱"),
        ("洪泽区政府办公室的传真号码是多少？", "传真"),
    ],
)
def test_a_field_the_records_lack_is_said_missing_with_what_they_give(ask: Ask, question: str, field: str):
    reply = ask(question)
    assert not reply.found and lead(reply).startswith("现有记录中没有") and field in lead(reply)
    assert PHONE.search(reply.answer)  # the fields it has: its own phone


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("2020年国庆节放假是怎么安排的？", "the records hold the 2019 notice only"),
        ("万载县2021年的GDP是多少？", "the bulletin is of 2022"),
        ("平潭经济发展局2022年主动公开了多少条政府信息？", "its guide's 20个工作日 is not a number of 条"),
        ("连云港市政府办公室受理信息公开申请的电话是多少？", "the guide excerpt gives no phone"),
    ],
)
def test_a_sentence_on_a_neighbouring_point_is_no_answer(ask: Ask, question: str, why: str):
    assert not ask(question).found, why


def test_a_district_of_a_place_held_is_what_is_asked_about(ask: Ask):
    reply = ask("上海浦东新区2025年收到多少信息公开申请")
    assert not reply.found and "浦东新区" in lead(reply) and "1295" not in reply.answer


def test_an_office_answers_for_its_government(ask: Ask):
    reply = ask("上海市政府2025年召开了多少场市政府新闻发布会？")  # the 办公厅's report says it
    assert reply.found and "42" in lead(reply)


def test_a_question_about_what_happened_in_places_we_lack_is_answered_from_a_document_naming_them(ask: Ask):
    # A State Council reply names 广东 and 澳门: a content question about them is answered...
    reply = ask("广东和澳门合建了几个自动气象站")
    assert reply.found and "澳门" in reply.answer and "2个自动气象站" in reply.answer
    assert reply.citations and not reply.contacts
    # ...but a place's own agency, contact or figure is never taken from another document.
    for question in ("临淄区应急局电话多少？", "广东省气象局的电话", "北京明天天气怎么样"):
        assert not ask(question).found, question
