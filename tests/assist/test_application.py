"""The application model, the description check and the chat preview."""

from datetime import date

import pytest
from pydantic import ValidationError

from bot.assist.agency import match_agencies
from bot.assist.application import (
    Applicant,
    ApplicantKind,
    Application,
    ContactDetails,
    Delivery,
    FormRequest,
    InformationRequest,
    Medium,
    error_messages,
)
from bot.assist.information import check_information
from bot.assist.render import render_text
from bot.assist.validators import IdType
from bot.errors import InvalidField

ID_NUMBER = "11010519491231002X"


def _application(office, **changes):
    fields = {
        "office": office,
        "applicant": Applicant(name="测试申请人", id_type=IdType.RESIDENT_ID, id_number=ID_NUMBER),
        "contact": ContactDetails(phone="13800138000"),
        "information": InformationRequest(description="2023年财政预算"),
        "form": FormRequest(medium=Medium.ELECTRONIC, delivery=Delivery.COLLECT),
        "dated": date(2026, 11, 27),
    }
    return Application(**(fields | changes))


def test_models_give_the_plain_chinese_message(pingtan_office):
    with pytest.raises(ValidationError) as caught:
        ContactDetails(phone="123")
    assert error_messages(caught.value) == [
        "电话号码格式不对：手机号是以1开头的11位数字；固定电话请带区号，例如0591-23165385。"
    ]
    with pytest.raises(ValidationError) as caught:
        _application(pingtan_office, form=FormRequest(medium=Medium.ELECTRONIC, delivery=Delivery.POST))
    assert error_messages(caught.value) == ["选择邮寄获取时，请填写通信地址。"]


def test_paper_cannot_be_e_mailed():
    with pytest.raises(ValidationError) as caught:
        FormRequest(medium=Medium.PAPER, delivery=Delivery.ONLINE)
    assert "纸质材料不能通过电子邮件或网上获取" in error_messages(caught.value)[0]


def test_identity_documents_match_the_applicant_kind():
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        Applicant(
            kind=ApplicantKind.ORGANISATION,
            name="某某科技有限公司",
            id_type=IdType.RESIDENT_ID,
            id_number=ID_NUMBER,
        )
    with pytest.raises(ValidationError, match="校验未通过"):
        Applicant(name="测试申请人", id_type=IdType.RESIDENT_ID, id_number="110105194912310021")


def test_the_preview_masks_the_identity_number(pingtan_office):
    text = render_text(_application(pingtan_office))
    assert "证件号码：1101**********002X" in text and ID_NUMBER not in text
    assert text.splitlines()[0] == "政府信息公开申请表（预览）"
    assert "申请日期：2026年11月27日（星期五）" in text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "请写明"),
        ("全部信息", "太笼统"),
        ("请公开你们2020年以来的所有文件", "太笼统"),
        ("实名举报村支书贪污扶贫款", "第三十九条"),
        ("公积金多久能到账", "办事咨询"),
        ("很长" * 600, "太长"),
    ],
)
def test_descriptions_that_cannot_be_found_are_refused(text, why):
    with pytest.raises(InvalidField) as caught:
        check_information(text)
    assert why in caught.value.user_message


def test_a_document_number_is_found_and_normalised():
    checked = check_information("请公开岚综管规[2024]4号文件")
    assert checked.request.doc_no == "岚综管规〔2024〕4号"
    assert checked.notes == []


def test_notes_for_analysis_publications_and_missing_time():
    assert "第三十八条" in "".join(check_information("请帮我统计2023年全区低保户人数").notes)
    assert "第三十九条第二款" in "".join(check_information("请寄给我一份2024年的政府公报").notes)
    assert "时间范围" in "".join(check_information("某某小区规划许可证").notes)


def test_agency_names_match_by_folding_and_similarity():
    names = ["平潭综合实验区管委会", "张店区应急管理局", "郑州市人民政府"]
    assert match_agencies("鄭州市人民政府", names) == ["郑州市人民政府"]
    assert match_agencies("平潭", names) == ["平潭综合实验区管委会"]
    assert match_agencies("张店区应急局", names)[0] == "张店区应急管理局"
    assert match_agencies("火星", names) == []
