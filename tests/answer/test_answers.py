"""Answers from the real index of the bundled corpus: facts first, sources cited, honest when not found."""

from __future__ import annotations

import re

import pytest

from bot.answer import contact_answer, coverage, procedure_answer, search_documents
from bot.answer.models import Intent
from index.backend import KnowledgeBase

from .conftest import Ask, cited, lead


def test_a_table_figure_comes_with_its_table_path(ask: Ask) -> None:
    reply = ask("淮安市2024年新收政府信息公开申请多少件？")
    assert reply.found and reply.intent is Intent.STATISTIC
    assert "3119" in lead(reply)
    (citation,) = reply.citations
    assert "淮安" in citation.title and citation.year == 2024
    assert citation.section == "表三 · 一、本年新收政府信息公开申请数量 · 总计"


@pytest.mark.parametrize(
    ("question", "figure", "source"),
    [
        ("淮安市2024年有多少件政府信息公开申请被予以公开？", "1362", "淮安"),
        ("淮安2024年因为本机关不掌握相关信息无法提供的申请几件", "769", "淮安"),
        ("淮安市现行有效的市政府规章有多少件？", "11", "淮安"),
        ("2024年淮安自然人申请了多少件", "3001", "淮安"),
        ("平潭2024年复议后起诉的行政诉讼一共多少件", "19", "平潭"),
        ("平潭综合实验区2024年因属于国家秘密不予公开几件", "4", "平潭"),
        ("平潭综合实验区2024年行政许可处理决定数量", "4529", "平潭"),
        ("张店区安监局17年累计主动公开了多少条信息", "26", "张店区"),
        ("淮安市2024年收了多少信息处理费", "3940", "淮安"),
    ],
)
def test_report_figures(ask: Ask, question: str, figure: str, source: str) -> None:
    reply = ask(question)
    assert reply.found, reply.answer
    assert re.search(rf"(?<!\d){figure}(?!\d)", lead(reply)), reply.answer
    assert cited(reply, source)


def test_a_yes_no_question_about_a_zero_says_no(ask: Ask) -> None:
    reply = ask("2017年張店區安監局收到過政府信息公開申請嗎？")  # traditional characters
    assert reply.found
    assert lead(reply).startswith("没有")
    assert "无信息公开申请" in reply.answer


def test_several_years_get_one_line_each(ask: Ask) -> None:
    reply = ask("平潭2017年和2024年主动公开了多少条政府信息")
    lines = reply.answer.splitlines()
    assert "2122" in lines[0] and "2017" in lines[0]
    assert "10407" in lines[1] and "2024" in lines[1]
    assert {c.year for c in reply.citations} == {2017, 2024}


def test_a_year_without_a_report_is_declined_with_the_years_held(ask: Ask) -> None:
    reply = ask("张店区应急管理局2020年主动公开了多少条政府信息？")
    assert not reply.found
    assert "2017" in reply.answer  # which years the records do hold
    assert "2270822" in reply.answer  # where to ask instead
    assert "依申请公开" in reply.answer
    assert not re.search(r"(?<!\d)26(?!\d)", reply.answer)  # never the neighbouring year's figure


def test_a_figure_no_report_states_is_declined(ask: Ask) -> None:
    reply = ask("淮安市2024年的GDP是多少？")
    assert not reply.found
    assert "0517-83605210" in reply.answer


def test_contact_card_with_area_code_from_the_registry(ask: Ask) -> None:
    reply = ask("张店区安监局的咨询热线电话是多少？")
    assert reply.found and reply.intent is Intent.CONTACT
    assert "0533-2270822" in lead(reply)
    assert cited(reply, "张店区应急管理局2017年度政府信息公开年报")
    assert reply.contacts[0].phones == ["0533-2270822"]


def test_contact_question_names_the_asked_field_first_and_its_conflict(ask: Ask) -> None:
    reply = ask("平潭综合实验区政府信息公开申请的受理机构地址在哪里？")
    assert reply.found
    first_lines = reply.answer.splitlines()[:2]
    assert first_lines[1].startswith("地址：") and "金井湾" in first_lines[1]
    assert "不一致" in reply.answer  # the guide and the 受理机构 page disagree on the room


def test_where_to_look_things_up_comes_from_a_sentence(ask: Ask) -> None:
    reply = ask("在哪里可以现场查询张店区安监局主动公开的政府信息？")
    assert reply.found
    assert "法规科" in lead(reply)


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        ("申请政府信息公开要收费吗？", ["不收取费用", "信息处理费"]),
        ("申请政府信息公开需要写明哪些内容？", ["姓名", "联系方式", "特征性描述"]),
        ("提交申请以后多长时间答复", ["20个工作日"]),
        ("对答复不满意怎么办？", ["行政复议", "行政诉讼"]),
    ],
)
def test_procedure_questions_quote_the_regulations(ask: Ask, question: str, needles: list[str]) -> None:
    reply = ask(question)
    assert reply.found
    for needle in needles:
        assert needle in lead(reply), reply.answer
    assert cited(reply, "政府信息公开条例")
    assert len(reply.answer) < 500  # the best sentences, never a whole section


def test_an_agencys_guide_gives_its_own_procedure(ask: Ask) -> None:
    reply = ask("平潭怎么申请政府信息公开")
    assert reply.found and reply.procedure is not None
    assert "在线申请" in reply.answer and "口头申请" in reply.answer
    assert cited(reply, "平潭综合实验区政府信息公开指南")


@pytest.mark.parametrize(
    "doc_no", ["岚综管规〔2024〕4号", "岚综管规[2024]4号", "岚综管规（2024）4号", "岚综管规【2024】4号"]
)
def test_items_by_document_number_in_any_bracket(ask: Ask, doc_no: str) -> None:
    reply = ask(f"{doc_no}是什么文件？")
    assert reply.found and reply.intent is Intent.ITEM
    assert "代建管理费" in lead(reply)


def test_items_by_index_number_and_by_title_words(ask: Ask) -> None:
    by_index = ask("索引号PZ00101-1700-2023-00072对应的是哪个文件？")
    assert "城市规划管理技术暂行规定" in lead(by_index)
    by_title = ask("金井港区口岸限定区域范围和监管措施的通告文号是什么")
    assert "岚综管综〔2018〕136号" in lead(by_title)


@pytest.mark.parametrize(
    "question",
    ["北京市海淀区政府信息公开的咨询电话是多少？", "张店区安监局局长叫什么名字？", "明天天气怎么样？"],
)
def test_what_the_records_do_not_hold_is_declined(ask: Ask, question: str) -> None:
    reply = ask(question)
    assert not reply.found
    assert reply.answer  # always a polite sentence, never empty


def test_a_complaint_is_told_where_complaints_go(ask: Ask) -> None:
    reply = ask("我要投诉小区物业乱收费")
    assert reply.intent is Intent.COMPLAINT
    assert "12345" in reply.answer
    assert cited(reply, "政府信息公开条例")


@pytest.mark.parametrize("question", ["", "？？？", "a:b AND c*", "😀😀😀", "申" * 3000])
def test_strange_input_gets_a_polite_answer(ask: Ask, question: str) -> None:
    reply = ask(question)
    assert reply.answer and reply.id


def test_channel_functions(kb: KnowledgeBase) -> None:
    hotline = contact_answer(kb, "淮安")
    assert "0517-83605210" in hotline.answer
    apply = procedure_answer(kb, "平潭综合实验区")
    assert apply.found and apply.procedure is not None
    page = search_documents(kb, "废止 规范性文件", limit=3)
    assert page.total > 3 and len(page.items) == 3
    assert len({(c.doc_id, c.title) for c in page.items}) == 3
    covered = {a.agency: a for a in coverage(kb).agencies}
    assert covered["张店区应急管理局"].report_years == [2017]
    assert covered["淮安市人民政府"].report_years == [2024]


def test_a_reply_deadline_is_counted_on_the_official_calendar(ask: Ask) -> None:
    # 2026-09-30 in person: the National Day holiday (10-01..10-07) is skipped and the
    # make-up working Saturday 10-10 counts: working days 10-08, 10-09, 10-10, 10-12 …
    # the 20th is 2026-11-03 (Tuesday).
    reply = ask("我2026年9月30日当面提交的申请，什么时候答复？")
    assert reply.found and reply.intent is Intent.TIME_LIMIT
    assert "2026年11月3日" in lead(reply)
    assert cited(reply, "政府信息公开条例")


def test_a_deadline_beyond_the_calendar_is_marked_as_an_estimate(ask: Ask) -> None:
    reply = ask("我11月20日网上提交的政府信息公开申请，最晚什么时候答复？")
    assert "2026年12月18日" in lead(reply)  # within the published 2026 calendar: exact
    assert "估算" in reply.answer  # the extension runs into 2027, whose holidays are not yet published


@pytest.mark.parametrize(
    ("question", "total"),
    [
        ("一个月申请15件政府信息公开要交多少钱", "500元"),
        ("一次申请300页收多少费用", "6700元"),
        ("这个月申请了8件，要收费吗", "0元"),
    ],
)
def test_fee_estimates_follow_the_2020_measures(ask: Ask, question: str, total: str) -> None:
    reply = ask(question)
    assert reply.found and reply.intent is Intent.FEE
    assert f"合计：{total}" in reply.answer


def test_a_figure_asked_without_an_agency_gets_one_line_per_agency(ask: Ask) -> None:
    reply = ask("2024年新收政府信息公开申请多少件")
    assert reply.found
    assert "3119" in reply.answer and "218" in reply.answer
    assert {c.agency for c in reply.citations} >= {"淮安市人民政府"}


def test_too_many_agencies_means_asking_which(ask: Ask) -> None:
    reply = ask("2022年主动公开了多少条")
    assert not reply.found
    assert "上海市人民政府" in reply.answer and reply.suggestions


def test_a_phone_asked_without_an_agency_lists_the_agencies(ask: Ask) -> None:
    reply = ask("政府信息公开的咨询电话是多少")
    assert not reply.found
    assert "0591-23165385" in reply.answer
    assert reply.suggestions


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("杨凌示范区审计局2022年公开信息多少条", "20|16"),  # a shortened agency name
        ("从化经济开发区2022年收到申请多少宗", "0"),  # a place written without its province
        ("汉阳区政府办公室2022年收到几份申请", "8"),
    ],
)
def test_agencies_are_recognised_by_their_common_short_names(ask: Ask, question: str, figure: str) -> None:
    reply = ask(question)
    assert reply.found, reply.answer
    assert re.search(rf"(?<!\d)({figure})(?!\d)", lead(reply)), reply.answer


def test_a_question_about_what_a_document_says_quotes_it(ask: Ask) -> None:
    reply = ask("岚综管综〔2016〕266号废止了几件规范性文件")
    assert "6件规范性文件" in lead(reply)
    assert "岚综管综〔2016〕266号" in reply.answer


def test_a_list_of_items_keeps_to_the_year_asked(ask: Ask) -> None:
    reply = ask("2023年平潭废止了哪些文件")
    assert reply.found
    listed = [line for line in reply.answer.splitlines() if line[:1].isdigit()]
    assert len(listed) >= 2
    assert all("2023-" in line for line in listed)


def test_the_office_a_question_names_is_the_one_answered(ask: Ask) -> None:
    reply = ask("平潭档案馆地址")
    assert "档案馆" in reply.answer.splitlines()[0]
    assert "西附属楼" in lead(reply)


def test_remedies_quote_the_article_on_remedies(ask: Ask) -> None:
    for question in ("政府信息公开申请被拒绝了怎么办", "行政机关逾期不答复怎么办"):
        reply = ask(question)
        assert "行政复议" in lead(reply) and "行政诉讼" in lead(reply), reply.answer
        assert any(c.section and "第五十一条" in c.section for c in reply.citations)


@pytest.mark.parametrize(
    "question",
    ["如何向淮安市政府申请政府信息公开？", "我想申请公开一份文件，怎么办", "怎么申请"],
)
def test_how_to_apply_in_any_wording_quotes_article_29(ask: Ask, question: str) -> None:
    reply = ask(question)
    assert reply.intent is Intent.PROCEDURE
    assert "书面形式" in lead(reply) or "在线申请" in lead(reply), reply.answer
    assert all("最高人民法院" not in c.title for c in reply.citations)


def test_no_reply_to_an_application_is_a_remedy_question(ask: Ask) -> None:
    reply = ask("申请了一直没回复怎么办")
    assert reply.intent is Intent.REMEDY
    assert "行政复议" in lead(reply)


def test_a_count_no_report_sentence_states_is_declined(ask: Ask) -> None:
    # The 上海 excerpt names the section on applications but states no number of them.
    reply = ask("上海市2022年收到多少政府信息公开申请")
    assert not reply.found


def test_who_questions_need_a_named_person(ask: Ask) -> None:
    assert not ask("张店区安监局局长是谁").found


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        ("依申请公开需要交费吗？", ["不收取费用", "信息处理费"]),  # the rule and its 但是
        ("申请公开政府信息时要写清楚哪些内容？", ["姓名", "联系方式"]),
    ],
)
def test_more_wordings_of_procedure_questions(ask: Ask, question: str, needles: list[str]) -> None:
    reply = ask(question)
    for needle in needles:
        assert needle in lead(reply), reply.answer


def test_a_count_of_what_reports_hold_without_agency_asks_which(ask: Ask) -> None:
    reply = ask("收到多少申请")
    assert reply.intent is Intent.STATISTIC and not reply.found
    assert "淮安市人民政府" in reply.answer


@pytest.mark.parametrize(
    ("question", "lead_says"),
    [
        ("平潭优化防雷许可的通知是哪个单位发的？", "的发文机关是平潭综合实验区行政审批局"),
        ("高青县行政规范性文件管理办法的发文机关是哪个？", "的发文机关是高青县人民政府办公室"),
        ("平潭城市规划管理技术暂行规定（2011年版）是哪天废止的？", "于2020-05-20宣布废止"),
        ("岚综管综2017年7号文是讲什么的", "岚综管综〔2017〕7号对应的文件是"),
    ],
)
def test_a_documents_metadata_asked_in_everyday_words_leads_with_it(
    ask, question: str, lead_says: str
) -> None:
    reply = ask(question)
    assert reply.found and lead_says in reply.answer.splitlines()[0]
    assert reply.items and reply.items[0].citation is not None


def test_who_is_sued_is_answered_from_the_courts_provisions_with_both_cases(ask: Ask) -> None:
    reply = ask("申请信息公开政府一直没答复，起诉的时候被告是谁？")
    assert "以受理申请的机关为被告" in reply.answer  # the case of no reply, not only the first case
    assert "以作出答复的机关为被告；逾期未作出答复的" in reply.answer  # one rule, quoted whole
    assert any("最高人民法院" in c.title and c.section and "第四条" in c.section for c in reply.citations)
