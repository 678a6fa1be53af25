"""The bodies a document names as its makers: by-lines, signatures and "由…编制".

    2021年深圳市社会性别统计报告            a by-line under the title: one organ a line
    深圳市统计局                            (or several on one line), then a date
    深圳市妇女儿童工作委员会
    二〇二二年十二月

    万载县统计局 国家统计局万载调查队 （2023年5月）
    … 无收取信息处理费情况。 平潭综合实验区公安局2022年1月7日      a closing signature
    本报告由平潭综合实验区管委会办公室编制 / 区管委会办公室编制完成了本报告

A signature stands apart: after a line break, a space or the end of a sentence, and
its date ends the line (or is followed by a space), so "区政府办公室2021年3月印发的…"
in a sentence is not one.
"""

from __future__ import annotations

import re

from bot.corpus.organs import ORGAN_NAME

_CN_DIGIT = "〇零○Ｏ一二三四五六七八九十"
_DATE = (
    rf"(?:(?:19|20)\d{{2}}|[{_CN_DIGIT}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*月"
    rf"(?:\s*(?:\d{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*日)?"
)
_SIGNATURE = re.compile(
    rf"(?:^|(?<=[\s。；;>]))(?P<organs>{ORGAN_NAME}(?:[ \t\u3000]*\n?[ \t\u3000]*{ORGAN_NAME})*)"
    rf"\s*[（(]?\s*{_DATE}\s*[)）]?(?=\s|$)",
    re.MULTILINE,
)
_ORGAN = re.compile(ORGAN_NAME)
_COMPILED_BY = (
    re.compile(
        rf"由({ORGAN_NAME}|[\u4e00-\u9fff]{{2,40}}?(?:小组|办))(?:根据[^。]{{0,120}}?)?(?:编制|汇总|编写)"
    ),
    re.compile(rf"(?:^|[，,。；;\s])({ORGAN_NAME})(?:负责)?编制(?:完成)?了?(?:本|此)"),
)
_OPENING = 800  # by-lines and "由…编制" stand near the top
_CLOSING = 300  # signatures at the very end


def signed_by(body: str) -> list[str]:
    """The organs of the by-line near the top and of the closing signature, in order."""
    found: list[str] = []
    for text in (body[:_OPENING], body[-_CLOSING:]):
        for match in _SIGNATURE.finditer(text):
            found += [name for name in match["organs"].split() if _ORGAN.fullmatch(name)]
    return _unique(found)


def compiled_by(body: str) -> str | None:
    """The body a report says compiled it: "由区安监局编制" -> 区安监局."""
    for pattern in _COMPILED_BY:
        match = pattern.search(body[:_OPENING])
        if match:
            return match[1]
    return None


def makers(body: str) -> list[str]:
    """Every body the text names as the document's maker: compiler first, then signatures."""
    compiler = compiled_by(body)
    return _unique([compiler, *signed_by(body)] if compiler else signed_by(body))


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))
