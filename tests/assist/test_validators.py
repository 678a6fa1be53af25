"""Field checks and masking. The ID number is the worked example of GB 11643-1999."""

import pytest

from bot.assist.validators import (
    IdType,
    check_address,
    check_email,
    check_id_number,
    check_name,
    check_phone,
    credit_code_checksum,
    id_checksum,
    mask_email,
    mask_id,
    mask_phone,
)
from bot.errors import InvalidField

STANDARD_ID = "11010519491231002X"


def test_resident_id_checksum():
    assert id_checksum(STANDARD_ID[:17]) == "X"
    assert check_id_number(IdType.RESIDENT_ID, "11010519491231002x") == STANDARD_ID
    assert check_id_number(IdType.RESIDENT_ID, "１１０１０５１９４９１２３１００２Ｘ") == STANDARD_ID


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "校验未通过"),  # one digit wrong
        ("110105194913310029", "出生日期"),  # month 13
        ("110105491231002", "第一代"),  # 15 digits
        ("1101051949", "18位"),
    ],
)
def test_bad_resident_ids_say_why(number, why):
    with pytest.raises(InvalidField) as caught:
        check_id_number(IdType.RESIDENT_ID, number)
    assert why in caught.value.user_message


def test_credit_code_checksum():
    body = "91350128MA3123456"
    code = body + credit_code_checksum(body)
    assert check_id_number(IdType.CREDIT_CODE, code.lower()) == code
    wrong = body + ("0" if code[-1] != "0" else "1")
    with pytest.raises(InvalidField, match="id_number"):
        check_id_number(IdType.CREDIT_CODE, wrong)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("（0591）23165385", "0591-23165385"),
        ("0591-24339101", "0591-24339101"),
    ],
)
def test_phones(raw, expected):
    assert check_phone(raw) == expected


@pytest.mark.parametrize("raw", ["12345", "1380013800", "23165385", "abc"])
def test_bad_phones(raw):
    with pytest.raises(InvalidField) as caught:
        check_phone(raw)
    assert "区号" in caught.value.user_message


def test_email_and_address():
    assert check_email("pzxxgkb＠163.com") == "pzxxgkb@163.com"
    with pytest.raises(InvalidField):
        check_email("pzxxgkb163.com")
    assert check_address("示例省示例市示例路1号，邮编：350400") == ("示例省示例市示例路1号", "350400")
    for bad in ("路1号", "someone@example.com", "13800138000"):
        with pytest.raises(InvalidField):
            check_address(bad)


def test_names():
    assert check_name("  欧阳 某某 ") == "欧阳 某某"
    assert check_name("某某科技有限公司", organisation=True) == "某某科技有限公司"
    for bad in ("", "张", "张3"):
        with pytest.raises(InvalidField):
            check_name(bad)


def test_masking_hides_the_middle():
    assert mask_id(STANDARD_ID) == "1101**********002X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0591-23165385") == "0591-****5385"
    assert mask_email("someone@example.com") == "s***@example.com"


def test_names_and_addresses_keep_the_script_they_were_typed_in():
    # A legal name or an address in Hong Kong or Taiwan is written in traditional characters.
    assert check_name("陳大文") == "陳大文"
    assert check_address("臺北市示例路１號") == ("臺北市示例路1號", None)
