"""Read a citizen's answer to a multiple-choice question: a number, a label or a synonym."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

from bot.assist.application import ApplicantKind, Delivery, Medium
from bot.assist.validators import IdType, clean
from bot.errors import InvalidField

E = TypeVar("E", bound=StrEnum)

# Synonyms, checked in order: "电子邮件" must win over the "邮" of 邮寄.
MEDIUM_WORDS: list[tuple[Medium, str]] = [
    (Medium.ELECTRONIC, r"电子|扫描|pdf|word|文档|数字"),
    (Medium.PAPER, r"纸|打印|复印|原件|书面"),
]
DELIVERY_WORDS: list[tuple[Delivery, str]] = [
    (Delivery.EMAIL, r"电子邮|邮箱|email|e-mail|mail"),
    (Delivery.ONLINE, r"网上|在线|网站|平台|下载|网络"),
    (Delivery.POST, r"邮寄|寄|快递|挂号|邮政"),
    (Delivery.COLLECT, r"当面|自取|领取|现场|上门|窗口|自己去|亲自"),
]
KIND_WORDS: list[tuple[ApplicantKind, str]] = [
    (ApplicantKind.ORGANISATION, r"法人|单位|公司|组织|企业|机构|协会|事务所"),
    (ApplicantKind.CITIZEN, r"公民|个人|本人|自己|我"),
]
ID_TYPE_WORDS: list[tuple[IdType, str]] = [
    (IdType.HK_MACAO_PERMIT, r"港澳|回乡证"),
    (IdType.TAIWAN_PERMIT, r"台湾|台胞"),
    (IdType.FOREIGN_PR, r"永久居留|外国人"),
    (IdType.PASSPORT, r"护照"),
    (IdType.RESIDENT_ID, r"身份证|居民"),
    (IdType.OTHER, r"其他|别的"),
]
CITIZEN_ID_TYPES = [
    IdType.RESIDENT_ID,
    IdType.PASSPORT,
    IdType.HK_MACAO_PERMIT,
    IdType.TAIWAN_PERMIT,
    IdType.FOREIGN_PR,
    IdType.OTHER,
]

YES = re.compile(r"^(确认|确定|是|是的|对|对的|好|好的|可以|没问题|提交|生成|ok|yes|y)$")
SKIP = re.compile(r"^(跳过|无|没有|不填|不需要|略|不用|-)$")


def pick(text: str, options: list[E], words: list[tuple[E, str]], what: str) -> E:
    """The option meant by a number (1-based), an option label, or a synonym."""
    answer = clean(text).lower()
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return options[int(answer) - 1]
    for option in options:
        if answer == option.value:
            return option
    for option, pattern in words:
        if option in options and re.search(pattern, answer):
            return option
    raise InvalidField(what, f"没有看懂，请回复序号（1-{len(options)}）或选项名称。")


def numbered(options: Sequence[str]) -> str:
    """1. 纸质  2. 电子: options as a numbered line."""
    return "  ".join(f"{n}. {option}" for n, option in enumerate(options, 1))
