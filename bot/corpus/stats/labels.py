"""Labels and numbers of the national annual-report template (国办公开办函〔2021〕30号).

Printed labels vary in spacing, bracket width and list punctuation ("结 果维持",
"(四)无法提供", "1、申请人…"); `canonical` maps every variant of a template label to
the template's own spelling, so statistics of different reports compare, and
leaves any other label cleaned but as printed.
"""

from __future__ import annotations

import re

from bot.text import fold

TITLES = {
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
}

APPLICANT_COLUMNS: list[list[str]] = [
    ["申请人情况", "自然人"],
    ["申请人情况", "法人或其他组织", "商业企业"],
    ["申请人情况", "法人或其他组织", "科研机构"],
    ["申请人情况", "法人或其他组织", "社会公益组织"],
    ["申请人情况", "法人或其他组织", "法律服务机构"],
    ["申请人情况", "法人或其他组织", "其他"],
    ["申请人情况", "总计"],
]
APPLICATION_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "（四）无法提供",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "（五）不予处理",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]
REVIEW_LABELS = [
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
]
PROACTIVE_LABELS = [
    "信息内容",
    "规章",
    "行政规范性文件",
    "规范性文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额（单位：万元）",
]
COLUMN_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_NOT_WORD = re.compile(r"[\W_]+")
_BLANKS = frozenset({"", "-", "—", "--", "——", "－", "/", "／", "无", "空"})
_NUMBER = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$")


def key(label: str) -> str:
    """The matching form of a label: folded, without spaces or punctuation."""
    return _NOT_WORD.sub("", fold(label))


def clean_label(label: str) -> str:
    """A printed label without layout spaces, with full-width brackets and colons."""
    label = re.sub(r"\s+", "", label)
    return label.replace("(", "（").replace(")", "）").replace(":", "：")


_CANONICAL = {
    key(label): label
    for label in [
        *APPLICATION_ROWS,
        *REVIEW_LABELS,
        *PROACTIVE_LABELS,
        *(part for path in APPLICANT_COLUMNS for part in path),
        COLUMN_NOTE,
    ]
}


def canonical(label: str) -> str:
    """The template's spelling of a label when it is one, else the cleaned label."""
    return _CANONICAL.get(key(label), clean_label(label))


def is_template_label(label: str) -> bool:
    """True when the label is one of the template's own."""
    return key(label) in _CANONICAL


def parse_cell(text: str) -> float | None:
    """A cell's number; 0.0 for a printed blank; None when the cell holds no number."""
    folded = fold(text).replace("，", ",").replace(" ", "")
    if folded in _BLANKS:
        return 0.0
    return float(folded.replace(",", "")) if _NUMBER.match(folded) else None


def is_blank(text: str) -> bool:
    """True for a cell printed blank (or a dash), which the template counts as 0."""
    return fold(text).replace(" ", "") in _BLANKS
