"""Numbers stated in a report's prose: "(what is counted)(number)(unit)", and "no …" zeros.

One pattern, not a list of sentences: a number directly followed by a counting
unit (件 条 次 篇 万元 元 % …) and ending its clause, or followed by a short noun
("发布467条信息"). What is counted is the clause before the number, cut to the
first reporting verb (公开 受理 办理 收取 …) when there is one, without times
("2017年", "截至年底"), scopes ("全市", "共", "累计") and linking words ("达", "为").
Dates, document numbers, phone numbers and years carry no counting unit and are
never taken. Zero statements ("无信息公开申请", "未收到…申请") give 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.corpus.models import Location, Statistic

_UNITS = "人次|件次|万元|亿元|元|件|条|次|篇|期|场|个|宗|份|项|家|批|%|％"
_NUMBER = re.compile(
    rf"(?<![\d.\-/第])(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?:余|多)?\s*(?P<unit>{_UNITS})"
    r"(?:左右|以上|之多)?(?P<after>[\u4e00-\u9fff]{0,7})"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE_BREAK = re.compile(r"[，,；;：:、（(）)。！？!?]")
_VERBS = re.compile(
    "主动公开|发布|受理|办理|办结|收到|接收|接到|答复|回复|收取|制发|废止|制作|举办|召开|开展|处理|"
    "审结|新增|更新|转载|解读|征集|提供|编制|清理|上传|公开"
)
_LEADING = (
    re.compile(
        r"^(?:截至|截止到|截止|至|到)?\s*\d{4}\s*年度?\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末|以来|内)?"
    ),
    re.compile(r"^(?:截至|截止到|截止)(?:目前|年底|年末|今年底)?"),
    re.compile(
        r"^(?:全年|今年|本年度|本年|年内|当年|全市|全区|全县|全省|全镇|全局|我市|我区|我县|我局|我办|我委|"
        r"共计|共|累计|总计|合计|其中|另有|含|已|均|又|还|并|此外|同时|目前|现|仅)"
    ),
)
_YEAR = re.compile(r"\d{4}\s*年度?")
# Words that belong with the verb after them: 予以公开, 部分公开, 尚未审结.
_MODIFIER = re.compile(r"(?:予以|部分|尚未|未|不予|依申请)$")
_NOUN_SUFFIX = ("会", "台", "栏", "平台", "专栏")
_TRAILING = re.compile(r"(?:共计|共|累计|合计|总计|计|达到|达|为|均为|分别为|是|有|约|近|超过|逾|了)$")
_ZERO = re.compile(
    r"(?P<verb>无|未收到|未接到|未接收到|没有收到|未受理|未收取|未产生|未发生)(?:有关|相关|任何|关于)?"
    r"(?P<object>[^，,。；;！？!?]*?(?:申请|案件|行政复议|行政诉讼|信息处理费|收费|费用))(?:的?情况)?"
    r"(?=[，,。；;！？!?]|$)"
)
_FEE = re.compile(r"费|收费|费用$")
_COUNTED_NOUN = 6  # "发布467条信息": a following noun longer than this is not what is counted


def prose_statistics(text: str) -> list[Statistic]:
    """Every counted number and zero statement in the text, each with its sentence."""
    found: list[Statistic] = []
    for start, sentence in _sentences(text):
        found += list(_counted(sentence, start))
        found += list(_zeros(sentence, start))
    return found


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    for match in _SENTENCE.finditer(text):
        sentence = match.group().strip()
        if sentence:
            yield match.start() + match.group().index(sentence[0]), sentence


def _counted(sentence: str, offset: int) -> Iterator[Statistic]:
    clause_start = 0
    for match in _NUMBER.finditer(sentence):
        after = match.group("after")
        rest = sentence[match.end() :]
        breaks = _CLAUSE_BREAK.search(sentence, clause_start, match.start())
        while breaks:
            clause_start = breaks.end()
            breaks = _CLAUSE_BREAK.search(sentence, clause_start, match.start())
        label = _label(sentence[clause_start : match.start()])
        clause_start = match.end()
        if after:
            if (rest and not _CLAUSE_BREAK.match(rest)) or len(after) > _COUNTED_NOUN or not label:
                continue
            label += after
        if label:
            unit = match.group("unit").replace("％", "%")
            value = float(match.group("number").replace(",", ""))
            yield _statistic([label], value, unit, sentence, offset)


def _label(clause: str) -> str:
    """What a number counts: the clause before it, cut to its verb, without time and scope words."""
    label = clause.strip()
    if label.endswith("第"):
        return ""  # an ordinal: 第2次
    years = list(_YEAR.finditer(label))
    if years:
        label = label[years[-1].end() :]  # a run-together heading before the year is not the label
    changed = True
    while changed:
        changed = False
        for pattern in _LEADING:
            if (stripped := pattern.sub("", label, count=1).strip()) != label:
                label, changed = stripped, True
    verb = next((m for m in _VERBS.finditer(label) if _verb_with_object(label, m)), None)
    if verb:
        start = verb.start()
        modifier = _MODIFIER.search(label[:start])
        label = label[modifier.start() if modifier else start :]
    while (stripped := _TRAILING.sub("", label).strip()) != label:
        label = stripped
    cjk = sum(1 for ch in label if "\u4e00" <= ch <= "\u9fff")
    return label if cjk >= 2 and len(label) <= 30 and not re.search(r"\d", label) else ""


def _verb_with_object(label: str, verb: re.Match[str]) -> bool:
    """A reporting verb that governs what follows it, not the tail or inside of a noun."""
    before, after = label[: verb.start()], label[verb.end() :]
    if not after or after.startswith(_NOUN_SUFFIX):
        return False  # "部门预决算公开", "新闻发布会"
    return not (verb.group() == "公开" and before.endswith(("信息", "政务")))


def _zeros(sentence: str, offset: int) -> Iterator[Statistic]:
    for match in _ZERO.finditer(sentence):
        verb = match.group("verb").removeprefix("未").removeprefix("没有").removeprefix("无")
        obj = match.group("object").strip()
        if "的" in obj:
            tail = obj.rsplit("的", 1)[1]
            obj = tail if len(tail) >= 4 else obj.replace("的", "")
        label = verb + obj if not obj.startswith(verb) else obj
        if len(label) >= 2:
            yield _statistic([label], 0.0, "元" if _FEE.search(obj) else "件", sentence, offset)


def _statistic(row: list[str], value: float, unit: str, sentence: str, offset: int) -> Statistic:
    return Statistic(
        source="prose",
        table="prose",
        row=row,
        column=[],
        value=value,
        unit=unit,
        evidence=sentence,
        location=Location(offset=offset),
    )
