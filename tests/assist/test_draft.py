"""The drafting conversation driven with text, as a chat channel drives it, and its .docx."""

import io
import logging
from datetime import date

import pytest
from docx import Document

from bot.assist.agency import office_lookup
from bot.assist.application import Delivery, Medium
from bot.assist.docx_render import docx_bytes, save_docx
from bot.assist.draft import ApplicationDraft, Question, Step
from bot.assist.render import render_submission
from bot.assist.validators import credit_code_checksum
from bot.corpus.models import Channel, Contact, Corpus, DocumentMeta, Procedure
from bot.corpus.models import Document as CorpusDocument

NAMES = ["平潭综合实验区管委会", "平潭综合实验区管委会办公室", "张店区应急管理局", "淮安市人民政府"]
ID_NUMBER = "11010519491231002X"  # the worked example of GB 11643-1999
NAME = "测试申请人"


@pytest.fixture
def draft(pingtan_office, today):
    offices = {pingtan_office.agency: pingtan_office}
    return ApplicationDraft(NAMES, today=today, offices=offices.get)


def say(draft, *messages):
    """Send messages in order; return the last reply."""
    reply = None
    for message in messages:
        reply = draft.handle(message)
    return reply


def test_a_full_conversation_with_mistakes_back_and_an_edit(draft, caplog):
    caplog.set_level(logging.DEBUG)
    first = draft.start()
    assert first.step is Step.AGENCY and "第1步" in first.text

    reply = say(draft, "平潭")  # two candidates: choose by number
    assert reply.question is Question.AGENCY and reply.options == NAMES[:2]
    reply = say(draft, "1")
    assert reply.step is Step.INFORMATION and "金井湾营运中心" in reply.text

    reply = say(draft, "所有文件")
    assert not reply.accepted and "太笼统" in reply.text and reply.step is Step.INFORMATION
    reply = say(draft, "我要投诉你们窗口工作人员态度恶劣")
    assert not reply.accepted and "第三十九条" in reply.text and "12345" in reply.text
    reply = say(draft, "岚综管规[2024]4号文件")
    assert reply.accepted and "岚综管规〔2024〕4号" in reply.text and reply.question is Question.MEDIUM

    reply = say(draft, "返回")
    assert reply.question is Question.INFORMATION
    reply = say(draft, "岚综管规〔2024〕4号文件", "紙質")  # traditional input
    assert reply.question is Question.DELIVERY
    reply = say(draft, "电子邮件")
    assert not reply.accepted and "纸质材料不能通过电子邮件" in reply.text
    reply = say(draft, "2")  # 邮寄
    assert reply.step is Step.APPLICANT

    reply = say(draft, "个人", "张")
    assert not reply.accepted and reply.question is Question.NAME
    reply = say(draft, NAME, "身份证", "110105194912310021")
    assert not reply.accepted and "校验未通过" in reply.text
    reply = say(draft, ID_NUMBER.lower())
    assert reply.step is Step.CONTACT

    reply = say(draft, "13800", "13800138000", "跳过")
    assert not reply.accepted and "需要填写通信地址" in reply.text
    reply = say(draft, "示例省示例市示例路1号，邮编350400", "跳过")
    assert reply.step is Step.REVIEW
    assert "1101**********002X" in reply.text and ID_NUMBER not in reply.text
    assert "邮政编码：350400" in reply.text and "获取信息的方式：邮寄" in reply.text

    reply = say(draft, "3", "2", "电子邮件")  # reopen the form step: electronic, by e-mail
    assert reply.question is Question.EMAIL and "跳过" not in reply.text  # now required
    reply = say(draft, "applicant@example.com")
    assert reply.step is Step.REVIEW and "获取信息的方式：电子邮件" in reply.text

    reply = say(draft, "確認")
    assert reply.done and reply.step is Step.DONE
    assert "如何提交" in reply.text and "政府信息公开申请" in reply.text

    app = draft.application
    assert app is not None
    assert app.form.medium is Medium.ELECTRONIC and app.form.delivery is Delivery.EMAIL
    assert app.applicant.id_number == ID_NUMBER and app.dated == date(2026, 11, 27)
    assert app.office.office == "平潭综合实验区管委会政府信息公开领导小组办公室"
    assert say(draft, "还有吗").done  # finished conversations stay finished

    for record in caplog.records:  # nothing the citizen typed reaches the logs
        assert NAME not in record.getMessage() and "13800138000" not in record.getMessage()


def _walk_to_review(draft):
    draft.start()
    return say(
        draft,
        "平潭综合实验区管委会",
        "平潭综合实验区管委会2023年发布的行政规范性文件目录",
        "电子",
        "当面领取",
        "公民",
        NAME,
        "1",
        ID_NUMBER,
        "0591-23165385",
        "跳过",
        "跳过",
    )


def test_the_docx_holds_every_field_unmasked(draft, tmp_path):
    assert _walk_to_review(draft).step is Step.REVIEW
    say(draft, "确认")
    app = draft.application
    document = Document(io.BytesIO(docx_bytes(app)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "政府信息公开申请表"
    assert "致：平潭综合实验区管委会政府信息公开领导小组办公室" in paragraphs
    assert "申请日期：2026年11月27日（星期五）" in paragraphs
    assert any(p.startswith("申请人签名（盖章）：") for p in paragraphs)
    rows = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert rows["受理机关"] == "平潭综合实验区管委会"
    assert rows["姓名"] == NAME
    assert rows["证件名称"] == "居民身份证"
    assert rows["证件号码"] == ID_NUMBER
    assert rows["联系电话"] == "0591-23165385"
    assert rows["所需政府信息的名称、文号或特征描述"] == "平潭综合实验区管委会2023年发布的行政规范性文件目录"
    assert rows["信息的载体形式"] == "电子" and rows["获取信息的方式"] == "当面领取"
    assert "通信地址" not in rows and "电子邮箱" not in rows

    target = tmp_path / "application.docx"
    assert save_docx(app, target) == target and target.read_bytes()[:2] == b"PK"


def test_an_organisation_gives_a_credit_code_instead_of_an_id_type(today):
    draft = ApplicationDraft(NAMES, today=today)
    draft.start()
    body = "91350128MA3123456"
    code = body + credit_code_checksum(body)
    reply = say(draft, "张店区应急管理局", "2017年安全生产行政处罚决定书", "纸质", "邮寄", "单位")
    assert reply.question is Question.NAME and "单位全称" in reply.text
    reply = say(draft, "某某科技有限公司", "测试负责人")
    assert reply.question is Question.ID_NUMBER and "统一社会信用代码" in reply.text
    reply = say(draft, code, "13800138000", "示例省示例市示例路1号", "跳过")
    assert reply.step is Step.REVIEW and "法定代表人或负责人：测试负责人" in reply.text
    assert say(draft, "确认").done
    assert draft.application.applicant.id_number == code


def test_cancel_wipes_everything(draft):
    _walk_to_review(draft)
    reply = say(draft, "取消")
    assert reply.cancelled and reply.step is Step.CANCELLED
    assert draft.application is None
    assert NAME not in repr(vars(draft)) and ID_NUMBER not in repr(vars(draft))
    later = say(draft, "平潭综合实验区管委会")
    assert later.cancelled is False and later.question is None and "已取消" in later.text


def test_personal_answers_stay_out_of_repr(draft):
    _walk_to_review(draft)
    assert NAME not in repr(draft._answers) and ID_NUMBER not in repr(draft._answers)
    assert ID_NUMBER not in repr(draft.application)


def test_nothing_is_written_to_disk(draft, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _walk_to_review(draft)
    say(draft, "确认")
    docx_bytes(draft.application)
    assert list(tmp_path.iterdir()) == []


def test_back_at_the_first_question(draft):
    draft.start()
    reply = say(draft, "返回")
    assert reply.question is Question.AGENCY and "已经是第一步" in reply.text


def test_an_unlisted_agency_is_confirmed_and_the_general_rule_is_given(today):
    draft = ApplicationDraft(NAMES, today=today)
    draft.start()
    reply = say(draft, "某某县农业农村局")
    assert reply.question is Question.AGENCY and "没有找到" in reply.text
    reply = say(draft, "确认")
    assert reply.step is Step.INFORMATION and "暂未查到" in reply.text
    say(draft, "2024年耕地地力保护补贴发放名单", "电子", "网上获取", "公民", NAME, "身份证")
    say(draft, ID_NUMBER, "13800138000", "跳过", "跳过")
    reply = say(draft, "确认")
    assert reply.done and "第二十九条" in reply.text and "政府信息公开指南" in reply.text
    assert draft.application.office.agency == "某某县农业农村局"


def test_the_agency_source_can_be_a_search_callable(today):
    asked = []

    def search(query):
        asked.append(query)
        return ["淮安市人民政府"]

    draft = ApplicationDraft(search, today=today)
    draft.start()
    reply = say(draft, "淮安市政府")
    assert asked == ["淮安市政府"] and reply.options == ["淮安市人民政府"]
    assert say(draft, "1").step is Step.INFORMATION


def test_submission_instructions_follow_the_agency_channels(pingtan_office):
    text = render_submission(pingtan_office)
    assert "网上申请" in text and "政府门户网站" in text
    assert "平潭综合实验区金井湾营运中心7号楼14层（邮编350400）" in text
    assert "在信封上注明“政府信息公开申请”" in text
    assert "口头提出" in text
    assert "pzxxgkb@163.com" not in text  # the guide gives the mailbox for replies only, not as a channel
    general = render_submission(None)
    assert "第二十九条" in general and "信件、数据电文" in general


def test_office_lookup_reads_contacts_from_a_corpus():
    def guide(agency, role, channels):
        return CorpusDocument(
            id=f"guides/{agency}.txt",
            meta=DocumentMeta(title="政府信息公开指南", agency=agency),
            text="",
            sha256="",
            contacts=[Contact(office=f"{agency}办公室", role=role, address="示例路1号", evidence="")],
            procedure=Procedure(channels=channels),
        )

    post = [Channel(kind="post", text="邮寄")]
    corpus = Corpus(
        root=".",
        documents=[guide("甲区人民政府", "主动公开工作机构", post), guide("乙区人民政府", "受理机构", post)],
    )
    lookup = office_lookup(corpus)
    assert lookup("甲区人民政府") is None  # only the office that receives applications counts
    office = lookup("乙區人民政府")  # traditional input finds the simplified name
    assert office is not None and office.office == "乙区人民政府办公室"
    assert office.agency == "乙区人民政府" and office.channels == post
