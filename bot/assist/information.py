"""Check the description of the information wanted (条例 art. 29 (二), 30, 38, 39).

A description must let the agency find the information: a name, a 文号, or features
such as the issuing body, the time and the matter. What is empty, too vague, or
really a complaint, report or petition is refused with the reason; what the agency
may decline (analysis, art. 38) or answer otherwise (publications, art. 39) is
accepted with a note.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from bot.assist.application import InformationRequest
from bot.assist.triage import TriageKind, triage
from bot.errors import InvalidField
from bot.text import fold, normalize_doc_no, to_halfwidth

MAX_LENGTH = 1000
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号")
_REQUEST_WORDS = re.compile(r"^.*(公开|提供|获取|查阅|调取|复印|关于|申请|请|的|是|即|为)")
_TIME = re.compile(
    r"\d{4}\s*年|\d{4}[-./]\d{1,2}|\d{1,2}\s*月|今年|去年|前年|上半年|下半年|季度|以来|至今|近\S{1,2}年"
)
_GENERIC = re.compile(
    r"请|申请|麻烦|帮忙|帮我|我要|我想|要求|希望|公开|提供|获取|查阅|一下|你们|贵单位|贵机关|本单位|政府|机关|部门"
    r"|所有|全部|一切|相关|有关|各类|各种|各项|全套|的|和|及|与|等|文件|信息|资料|材料|内容|东西|情况|数据"
    r"|\d{4}年(以来|至今|度)?|今年|去年|以来|至今"
)
_ANALYSIS = re.compile(r"(帮我|请|给我|替我|为我)(统计|汇总|分析|整理|计算|对比|比较|排名|核算|制作)")
VAGUE_HINT = (
    "请写得具体一些，让行政机关能找到这份信息：写明信息的名称或文号，"
    "或者写出发文机关、大致时间、涉及的事项和地点等特征。"
    "例如：“平潭综合实验区管委会2023年发布的关于某某事项的通知”，或“岚综管规〔2024〕4号文件”。"
)


class InformationCheck(BaseModel):
    """An accepted description and the notes the citizen should read."""

    request: InformationRequest
    notes: list[str] = Field(default_factory=list)


def check_information(text: str, agency: str | None = None) -> InformationCheck:
    """Accept a description of the information wanted, or say what is wrong and why."""
    description = re.sub(r"\s+", " ", text).strip()
    if not description:
        raise InvalidField("information", "请写明要申请公开的政府信息。" + VAGUE_HINT)
    if len(description) > MAX_LENGTH:
        raise InvalidField(
            "information", f"描述太长了（超过{MAX_LENGTH}字），请只写要查找的信息，不用写事情经过。"
        )
    verdict = triage(description, agency)
    if verdict.kind not in (TriageKind.DISCLOSURE, TriageKind.PUBLICATION):
        where = "".join(verdict.where_to_go)
        raise InvalidField(
            "information",
            f"{verdict.reason}建议：{where}如果您确实要查某份文件或数据，请直接写明它的名称或特征。",
        )
    doc_no = _doc_no(description)
    if doc_no is None and _too_vague(description):
        raise InvalidField(
            "information",
            "描述太笼统，行政机关难以查找，可能会要求补正（《政府信息公开条例》第二十九条、第三十条）。"
            + VAGUE_HINT,
        )
    notes = _notes(description, doc_no, verdict.kind, verdict.reason)
    return InformationCheck(request=InformationRequest(description=description, doc_no=doc_no), notes=notes)


def _doc_no(description: str) -> str | None:
    found = _DOC_NO.search(to_halfwidth(description))
    if not found:
        return None
    # The issuer's short name stops at the last word that belongs to the request itself.
    return normalize_doc_no(_REQUEST_WORDS.sub("", found.group()))


def _too_vague(description: str) -> bool:
    rest = _GENERIC.sub("", fold(description))
    return len(re.sub(r"[\W_\d]+", "", rest)) < 2


def _notes(description: str, doc_no: str | None, kind: TriageKind, reason: str) -> list[str]:
    notes = []
    if kind is TriageKind.PUBLICATION:
        notes.append(reason)
    if doc_no is None and not _TIME.search(description):
        notes.append("建议补充时间范围（例如“2023年”）或文号，便于行政机关查找。")
    if _ANALYSIS.search(fold(description)):
        notes.append(
            "提示：需要行政机关对现有信息进行加工、分析（如重新统计、汇总）的，行政机关可以不予提供"
            "（《政府信息公开条例》第三十八条）。建议申请已有的文件、报表本身。"
        )
    return notes
