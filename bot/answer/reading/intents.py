"""What a question asks for, from transparent cue patterns over its folded text.

Cues are data: each intent has patterns; the engine reads the strongest intent and,
for contact questions, which fields were asked. Patterns describe how citizens ask,
never particular sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answer.models import Intent

_CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "phone": (
        "电话",
        "热线",
        "手机",
        "(?<!传真)号码",
        "打给",
        "致电",
        "拨打",
        "联系方式",
        "怎么联系",
        "如何联系",
        "联系谁",
    ),
    "fax": ("传真",),
    "email": ("邮箱", "e-?mail", "电子邮件", "邮件地址", "电邮"),
    "address": ("地址", "在哪", "哪里", "什么地方", "位置", "怎么走", "门牌", "几楼", "哪个房间", "办公地点"),
    "postcode": ("邮编", "邮政编码"),
    "hours": (
        "几点",
        "时间.*(受理|办公|上班|咨询)",
        "(受理|办公|上班|咨询|工作|接待)时间",
        "什么时候(上班|受理|办公)",
        "周末",
        "节假日",
    ),
}

_CUES: dict[Intent, tuple[str, ...]] = {
    Intent.GREETING: (
        "^(你好|您好|hi|hello|在吗|在不在|嗨|哈喽|早上好|下午好|晚上好|谢谢|多谢|感谢)[!！。.~～?？]*$",
    ),
    Intent.ITEM: (
        "有哪些.{0,20}(文件|通知|决定|规定|办法|通告)",
        "文号",
        "索引号",
        "发文字号",
        "(什么|哪个|哪份|哪一份)文件",
        "文件名",
        "(通知|决定|通告|办法|规定|意见|方案)(是什么|的内容|讲了什么|说了什么|有效|废止|什么时候)",
        "有效性",
        "是否有效",
        "还有效",
        "废止了",
    ),
    Intent.PROCEDURE: (
        "(怎么|如何|怎样)申请",
        "(怎么|如何|怎样)向.{1,20}申请",
        "(怎么|如何|怎样)写申请",
        "申请.{0,12}(怎么办|怎么弄|怎么做|怎么写)",
        "申请(流程|方式|途径|渠道|步骤|材料|手续|条件|内容|表)",
        "申请.{0,10}(流程|步骤|手续|程序|办法)",
        "(写明|填写|提交|递交|包括|包含|提供|需要)(哪些|什么)(内容|材料|资料|信息)?",
        "(写明|填写|包括|包含|写清楚|写清|注明).{0,6}(内容|材料|事项|什么)",
        "(要|需要|应该|应当)写(什么|哪些)",
        "(网上|在线|口头|书面|邮寄|当面|现场|电话|邮件|传真)(申请|提出)",
        "可以.{0,8}申请吗",
        "去哪.{0,4}申请",
        "向谁申请",
        "依申请公开.{0,6}(怎么|如何)",
    ),
    Intent.TIME_LIMIT: (
        "多久",
        "多长时间",
        "几天",
        "多少天",
        "期限",
        "时限",
        "什么时候.{0,4}(答复|回复|办结|给|有结果)",
        "延长",
        "(几|多少)个工作日",
    ),
    Intent.FEE: (
        "收费",
        "费用",
        "要钱",
        "花钱",
        "多少钱",
        "付费",
        "交钱",
        "交费",
        "缴费",
        "免费",
        "收钱",
        "信息处理费",
        "工本费",
    ),
    Intent.REMEDY: (
        "不满意",
        "不服",
        "救济",
        "行政复议",
        "行政诉讼",
        "起诉",
        "告政府",
        "没有答复",
        "不答复",
        "不予公开怎么办",
        "(超期|逾期|超过期限|过了期限).{0,8}(答复|回复)",
        "拒绝公开",
        "被拒绝",
        "(不公开|拒绝|没回复|不回复|不理).{0,12}怎么办",
    ),
    Intent.STATISTIC: (
        "多少(?!钱)",
        "几(件|条|个|次|宗|份)",
        "数量",
        "总数",
        "总计",
        "共计",
        "合计",
        "比例",
        "比率",
        "占比",
        "率是",
        "有没有",
        "是否",
        "了吗",
        "(过|了).{0,15}吗",
        "有.{0,12}吗",
    ),
}

# What annual reports count: asked "how many" of these, a question wants a report figure.
_REPORTED = re.compile(
    r"(收到|受理|新收|办理|答复).{0,6}申请|主动公开了?|行政复议|行政诉讼|行政许可|行政处罚|行政强制"
    r"|规章|规范性文件|信息处理费|予以公开|不予公开|部分公开|结转"
)

# Words of the domain: a question with none of them, no agency and no year is off-topic.
_DOMAIN = re.compile(
    r"政府|信息|公开|申请|报告|年报|指南|文件|通知|决定|条例|规定|办法|复议|诉讼|电话|热线|联系|地址|邮箱|"
    r"局|委|办|厅|署|院|部门|机关|单位|政策|规章|许可|处罚|强制|收费|费|文号|索引号|依申请|主动|"
    r"投诉|举报|信访|答复|受理|查询|查阅|公告|通告|事业单位|专项|整治|年度|统计"
)


@dataclass
class IntentReading:
    """The intents a question shows, strongest first, and the contact fields it asks for."""

    intents: list[Intent] = field(default_factory=list)
    contact_fields: list[str] = field(default_factory=list)
    domain: bool = False

    @property
    def primary(self) -> Intent:
        """The intent to answer first."""
        return self.intents[0] if self.intents else Intent.GENERAL


def read_intents(folded: str, *, has_agency: bool, has_year: bool, has_ref: bool) -> IntentReading:
    """Intents of a folded question; `has_ref` when it carries a 文号 or 索引号."""
    reading = IntentReading(domain=bool(_DOMAIN.search(folded)) or has_agency or has_year or has_ref)
    found = {intent for intent, cues in _CUES.items() if _any(cues, folded)}
    reading.contact_fields = [name for name, cues in _CONTACT_FIELDS.items() if _any(cues, folded)]
    if reading.contact_fields:
        found.add(Intent.CONTACT)
    if has_ref:
        found.add(Intent.ITEM)
    if Intent.GREETING in found:
        reading.intents = [Intent.GREETING]
        return reading
    # A count or yes/no question about an agency, a year or what reports count is about a report.
    about_reports = has_year or has_agency or bool(_REPORTED.search(folded))
    report_question = Intent.STATISTIC in found and about_reports and not has_ref
    if not report_question:
        found.discard(Intent.STATISTIC)
    reading.intents = sorted(found, key=_priority)
    if not reading.intents and not reading.domain:
        reading.intents = [Intent.OFFTOPIC]
    return reading


# A count asked of an agency or a year is a report figure, unless it asks for a phone
# number or an address ("…的联系电话是多少"); without either, STATISTIC was dropped.
_ORDER = [Intent.ITEM, Intent.CONTACT, Intent.STATISTIC, Intent.REMEDY, Intent.PROCEDURE, Intent.FEE]
_ORDER.append(Intent.TIME_LIMIT)


def _priority(intent: Intent) -> int:
    return _ORDER.index(intent) if intent in _ORDER else len(_ORDER)


def _any(cues: tuple[str, ...], text: str) -> bool:
    return any(re.search(cue, text) for cue in cues)
