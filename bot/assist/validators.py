"""Checks for what a citizen types into an application, and masking for display.

Each `check_*` returns the value in one canonical spelling or raises InvalidField
with a Simplified Chinese message that says what is wrong and how to fix it. Each
`mask_*` hides most of a value for chat display; the final document shows it whole.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.errors import InvalidField
from bot.text import to_halfwidth, to_simplified

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0\d{2,3})(\d{7,8})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_POSTCODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_NAME_CHARS = re.compile(r"^[\u3400-\u9fffA-Za-z·•.\-'’ ]+$")


class IdType(StrEnum):
    """Identity documents an application can name (art. 29: 身份证明)."""

    RESIDENT_ID = "居民身份证"
    PASSPORT = "护照"
    HK_MACAO_PERMIT = "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "台湾居民来往大陆通行证"
    FOREIGN_PR = "外国人永久居留身份证"
    CREDIT_CODE = "统一社会信用代码"
    OTHER = "其他证件"


def clean(text: str) -> str:
    """Half-width, simplified, trimmed: the form every check starts from."""
    return to_simplified(to_halfwidth(text)).strip()


def check_name(text: str, *, organisation: bool = False) -> str:
    """A person's or an organisation's name as it should appear on the form (script kept as typed)."""
    name = re.sub(r"\s+", " ", to_halfwidth(text).strip())
    what = "单位名称" if organisation else "姓名"
    if not name:
        raise InvalidField("name", f"请填写{what}。")
    if len(name) > (100 if organisation else 50):
        raise InvalidField("name", f"{what}太长了，请检查。")
    if not organisation and (len(name) < 2 or not _NAME_CHARS.match(name)):
        raise InvalidField("name", "请填写真实姓名（与身份证明上一致），不要包含数字或符号。")
    if organisation and len(name) < 4:
        raise InvalidField("name", "请填写单位的全称（与营业执照或登记证书上一致）。")
    return name


def check_phone(text: str) -> str:
    """A mobile (13800138000) or landline with area code (0591-23165385)."""
    digits = re.sub(r"[\s\-()（）]", "", clean(text))
    digits = re.sub(r"^(\+?86)(?=1\d{10}$)", "", digits)
    if _MOBILE.match(digits):
        return digits
    if landline := _LANDLINE.match(digits):
        return f"{landline.group(1)}-{landline.group(2)}"
    raise InvalidField(
        "phone", "电话号码格式不对：手机号是以1开头的11位数字；固定电话请带区号，例如0591-23165385。"
    )


def check_email(text: str) -> str:
    """An e-mail address, half-width."""
    email = clean(text).replace(" ", "")
    if not _EMAIL.match(email):
        raise InvalidField("email", "电子邮箱格式不对，应类似 name@example.com，请检查。")
    return email


def check_address(text: str) -> tuple[str, str | None]:
    """A postal address and the 6-digit postcode found in it, if any (script kept as typed)."""
    address = re.sub(r"\s+", " ", to_halfwidth(text).strip())
    postcode = _POSTCODE.search(address)
    code = postcode.group(1) if postcode else None
    if code:
        address = re.sub(r"[，,;；\s]*(邮编|邮政编码)?[:：]?\s*" + code + r"[，,;；\s]*", "", address).strip()
    if len(address) < 6 or "@" in address or address.isdigit():
        raise InvalidField("address", "请填写完整的通信地址（省、市、区县、街道门牌号），方便邮寄。")
    if len(address) > 200:
        raise InvalidField("address", "地址太长了，请检查。")
    return address, code


def check_id_number(id_type: IdType, text: str) -> str:
    """The number of an identity document, checked as far as its type allows."""
    number = re.sub(r"[\s\-]", "", clean(text)).upper()
    if not number:
        raise InvalidField("id_number", f"请填写{id_type}号码。")
    if id_type is IdType.RESIDENT_ID:
        return _check_resident_id(number)
    if id_type is IdType.CREDIT_CODE:
        return _check_credit_code(number)
    if not re.fullmatch(r"[A-Z0-9]{5,30}", number):
        raise InvalidField("id_number", f"{id_type}号码应由字母和数字组成，请检查。")
    return number


def id_checksum(first17: str) -> str:
    """The 18th character of a resident ID card number (GB 11643-1999)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def credit_code_checksum(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def mask_id(number: str) -> str:
    """1101**********123X: enough for the citizen to recognise, too little to misuse."""
    keep = 4 if len(number) >= 12 else 1
    return number[:keep] + "*" * (len(number) - 2 * keep) + number[-keep:]


def mask_phone(phone: str) -> str:
    """138****8000 or 0591-****5385."""
    area, sep, local = phone.rpartition("-")
    return f"{area}{sep}{'*' * (len(local) - 4)}{local[-4:]}" if sep else phone[:3] + "****" + phone[-4:]


def mask_email(email: str) -> str:
    """a***@example.com."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _check_resident_id(number: str) -> str:
    if len(number) == 15 and number.isdigit():
        raise InvalidField("id_number", "15位的第一代身份证已停止使用，请填写18位居民身份证号码。")
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise InvalidField("id_number", "居民身份证号码应为18位：前17位是数字，最后一位是数字或X。")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900:
        raise InvalidField("id_number", "身份证号码中的出生日期不对，请核对。")
    if id_checksum(number[:17]) != number[17]:
        raise InvalidField("id_number", "身份证号码校验未通过，可能有一位输错了，请逐位核对。")
    return number


def _check_credit_code(number: str) -> str:
    if not re.fullmatch(f"[{_CREDIT_CHARS}]{{18}}", number):
        raise InvalidField(
            "id_number", "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V），请检查。"
        )
    if credit_code_checksum(number[:17]) != number[17]:
        raise InvalidField("id_number", "统一社会信用代码校验未通过，可能有一位输错了，请逐位核对。")
    return number
