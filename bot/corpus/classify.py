"""Tell what a document is (report, guide, item, item list, law) and a report's template.

Evidence, strongest first: words of the title (年度报告, 指南, 受理机构, 条例, 统计公报 ...), the
section headings only the national report template has, 索引号/文号 blocks of items, a
catalogue table, "第X条" articles of laws, and last the wording of the opening text.
A statistical publication (统计公报 with its 索引号 block, a 统计报告 without one) is a
disclosed item: the page lists it among the items, and its year is the period it covers.
"""

from __future__ import annotations

import re

from bot.corpus.models import DocKind, ReportTemplate
from bot.text import fold

_TRAILING_NOTES = re.compile(r"(?:[（(][^（）()]*[)）])+$")
_TEMPLATE_TITLE = re.compile(r"报告格式|格式模板|报告模板")
_REPORT_TITLE = re.compile(r"年度报告|工作年报|公开年报|年度工作报告|年报$")
_GUIDE_TITLE = re.compile(r"指南|受理机构|收费标准|收费项目|申请须知|申请流程|依申请公开办理")
_LAW_END = re.compile(r"(?:条例|法|规定|办法|细则|规则|解释)$")
_ITEM_TITLE = re.compile(
    r"(?:关于|印发|转发).*(?:通知|决定|通告|公告|意见|批复|函|方案|办法|规定|细则|报告)$"
)
_LIST_TITLE = re.compile(r"(?:清单|目录|列表)$")
# Statistical publications (统计公报, 统计年鉴, 社会性别统计报告 ...) are disclosed items
# about a past period, issued by a statistics bureau; never 政府信息公开 annual reports.
_STATISTICS_TITLE = re.compile(
    r"统计(?:公报|年鉴|年报|月报|季报|快报|提要|资料|摘要|报告|监测报告|分析报告)$|国民经济和社会发展统计"
)
_ARTICLE_LINE = re.compile(r"^\s*(?:#+\s*)?第[一二三四五六七八九十百零〇]+条[\s\u3000]", re.MULTILINE)
# Headings only the 2019+ national template has (spaces and widths folded away).
_NATIONAL_MARKS = ("收到和处理政府信息公开申请情况", "第二十条第(一)项", "本年新收政府信息公开申请数量")
# Headings of annual reports of any year.
_REPORT_MARKS = (
    "主动公开政府信息情况",
    "政府信息公开申请",
    "收到和处理政府信息公开申请情况",
    "行政复议、行政诉讼情况",
    "存在的主要问题",
    "政府信息公开的收费及减免情况",
)
_PRE2019_MARKS = ("政府信息公开情况统计表", "依申请公开政府信息情况", "政府信息依申请公开")
_GUIDE_TEXT = re.compile(r"(?:编制|制定|特制定)本指南|本《?指南》?")
_REPORT_TEXT = re.compile(r"本(?:年度)?报告|年度报告")


def classify(title: str | None, fields: dict[str, str], body: str, has_catalogue: bool) -> DocKind | None:
    """The kind of a document, or None when it cannot be told."""
    name = _TRAILING_NOTES.sub("", re.sub(r"\s+", "", title or ""))
    column = fields.get("栏目", "")
    articles = len(_ARTICLE_LINE.findall(body))
    if _TEMPLATE_TITLE.search(name):
        return DocKind.LAW
    if is_statistical(name):
        return DocKind.ITEM
    if _REPORT_TITLE.search(name):
        return DocKind.REPORT
    if _GUIDE_TITLE.search(name) or _GUIDE_TITLE.search(column):
        return DocKind.GUIDE
    if _LAW_END.search(name) and articles >= 3:
        return DocKind.LAW
    if "索引号" in fields or "发文字号" in fields or _ITEM_TITLE.search(name):
        return DocKind.ITEM
    if has_catalogue or _LIST_TITLE.search(name):
        return DocKind.ITEM_LIST
    return _classify_by_text(body, articles)


def is_statistical(title: str | None) -> bool:
    """Whether a title names a statistical publication (统计公报, 统计年鉴, 统计报告 ...)."""
    name = _TRAILING_NOTES.sub("", re.sub(r"\s+", "", title or ""))
    return bool(_STATISTICS_TITLE.search(name))


def _classify_by_text(body: str, articles: int) -> DocKind | None:
    """Last resort: the wording of the opening text and the national template headings."""
    opening = body[:600]
    folded = _squeeze(body)
    report_marks = sum(mark in folded for mark in _REPORT_MARKS)
    if report_marks >= 3 or (_REPORT_TEXT.search(opening) and "政府信息公开" in opening):
        return DocKind.REPORT
    if _GUIDE_TEXT.search(opening):
        return DocKind.GUIDE
    if articles >= 5:
        return DocKind.LAW
    return None


def report_template(body: str, year: int | None) -> ReportTemplate | None:
    """Which template a report follows: its headings first, else its year."""
    if _national_marks(body) >= 1:
        return ReportTemplate.NATIONAL
    folded = _squeeze(body)
    if any(mark in folded for mark in _PRE2019_MARKS):
        return ReportTemplate.PRE2019
    if year is not None:
        # The 2019 revision of the 条例 took effect in May 2019; reports on 2019 onwards use the template.
        return ReportTemplate.NATIONAL if year >= 2019 else ReportTemplate.PRE2019
    return None


def _national_marks(body: str) -> int:
    folded = _squeeze(body)
    return sum(mark in folded for mark in _NATIONAL_MARKS)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", fold(text))
