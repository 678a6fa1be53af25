"""Tell a request for government information from 信访, 投诉, 举报 and 办事咨询 (art. 39).

Rule-based and transparent: each kind has phrase patterns; a trigger word that is
the *subject* of a document ("投诉处理结果的统计", "举报奖励办法") does not count,
while an action ("我要投诉", "怎么举报", "请帮我解决") does. Matching runs on the
folded text, so Traditional and full-width input behave like Simplified.

    action cue of 举报 / 投诉 / 信访 ─→ that kind
    trigger word left as subject of a document ─→ disclosure
    service question with no document in it ─→ 咨询
    公报、报刊、书籍 wanted ─→ publication (art. 39 para. 2)
    otherwise ─→ disclosure
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, Field

from bot.text import fold

ARTICLE_39 = "《政府信息公开条例》第三十九条"
HOTLINE = "12345政务服务便民热线"


class TriageKind(StrEnum):
    """What a message really is."""

    DISCLOSURE = "disclosure"  # a request for existing government information
    REPORT = "report"  # 举报 / 检举
    COMPLAINT = "complaint"  # 投诉
    PETITION = "petition"  # 信访: grievances, demands to solve a problem
    CONSULTATION = "consultation"  # 咨询 how to get a service done
    PUBLICATION = "publication"  # 公报、报刊、书籍 (art. 39 para. 2)


KIND_NAMES: dict[TriageKind, str] = {
    TriageKind.DISCLOSURE: "政府信息公开申请",
    TriageKind.REPORT: "举报",
    TriageKind.COMPLAINT: "投诉",
    TriageKind.PETITION: "信访诉求",
    TriageKind.CONSULTATION: "办事咨询",
    TriageKind.PUBLICATION: "索取公开出版物",
}


class TriageResult(BaseModel):
    """The kind of a message, why, and where to go instead."""

    kind: TriageKind
    reason: str  # Simplified Chinese, one or two sentences
    cues: list[str] = Field(default_factory=list)  # phrases that decided, as matched
    subject_cues: list[str] = Field(default_factory=list)  # trigger words read as document subjects
    where_to_go: list[str] = Field(default_factory=list)  # Chinese lines
    basis: str | None = None  # the article, when the message is not a disclosure request
    about_disclosure_work: bool = False  # a complaint about how an application was handled (art. 51)

    @property
    def is_disclosure_request(self) -> bool:
        """True when the message asks for existing government information."""
        return self.kind is TriageKind.DISCLOSURE


_SUBJECT = (
    r"(处理|办理|受理|答复|回复)?(的)?(结果|情况|统计|数据|数量|件数|总数|台账|记录|汇总|明细|分析|报告|通报|公告"
    r"|办法|规定|条例|制度|细则|规则|文件|通知|意见|流程|奖励|工作|事项|件|量|率|目录|名单|年报|公示"
    r"|答复书|答复|回复|调查|材料|资料|卷宗|证据)"
)
_TRIGGER = re.compile(r"举报|检举|揭发|投诉|信访|上访")
_ASK = (
    r"(我要|我想|我需要|想要|想|要|准备|打算|申请|实名|匿名|怎么|怎样|如何|在哪|去哪|到哪|哪里|向谁|找谁"
    r"|可以|能否|能不能|该)(里|儿)?(去|来)?(进行|提出|反映)?"
)
_ACTION = {
    TriageKind.REPORT: [
        re.compile(_ASK + r"(举报|检举|揭发)"),
        re.compile(
            r"(举报|检举|揭发)(一下|一个|某|他|她|你们|这|那|本村|村|镇|街道|公司|工厂|厂|单位|领导|干部|书记|局长|主任|老板|邻居)"
        ),
        re.compile(r"贪污|受贿|索贿|行贿|挪用公款|违规占地|偷排|偷倒|非法集资|传销|套取补贴|吃空饷"),
    ],
    TriageKind.COMPLAINT: [
        re.compile(_ASK + r"投诉"),
        re.compile(
            r"投诉(一下|一个|某|他|她|你们|这|那|村|镇|街道|公司|物业|商家|医院|学校|窗口|工作人员|领导|干部|城管|执法)"
        ),
        re.compile(
            r"态度(恶劣|很差|太差|极差|差)|不作为|乱作为|乱收费|推诿|刁难|吃拿卡要|不给办|拖着不办|不理不睬|置之不理"
        ),
    ],
    TriageKind.PETITION: [
        re.compile(_ASK + r"(信访|上访)"),
        re.compile(
            r"反映(问题|情况|诉求)|讨说法|讨薪|欠薪|拖欠(我们?的?)?(工资|工钱|货款|款项?)|主持公道|给个说法|给我做主"
        ),
        re.compile(r"要求(赔偿|补偿|解决|处理|查处|整改|退还|返还|撤销|恢复|追责|严惩)"),
        re.compile(
            r"(请|求|希望)(求)?(政府|领导|你们|有关部门)?(帮忙|帮帮|帮我|给我)?(严肃|尽快|依法|认真|马上|立即|赶紧)?"
            r"(解决|处理|做主|管一管|管管)"
        ),
        re.compile(r"(补偿|赔偿)(款)?(太低|不合理|不公平?|不到位|没给|没有给|未到位|还没)"),
    ],
}
_CONSULT = [
    re.compile(
        r"(怎么|如何|怎样|在哪|去哪|哪里)(才能|可以|能)?(办理|办|申领|领取|补办|换领|缴纳|交纳|开具|预约|报销|认定|注册|续交|提取|转移|迁移)"
    ),
    re.compile(r"(需要|要|得)(准备|带|提交|提供)?(什么|哪些|啥)(材料|证件|手续|资料|条件)"),
    re.compile(r"(多久|几天|多长时间|什么时候)(才|能|可以|才能)?(办好|办下来|拿到|到账|批下来|下来|发放)"),
    re.compile(r"(能不能|可不可以|可以|能)(办|领|申领|补办|报销|提取)[^，。]{0,8}(吗|么|嘛)"),
]
_DISCLOSURE_WORK = re.compile(r"信息公开|公开申请|依申请|申请公开|超期|逾期|未答复|不答复|没有答复|没答复")
_DOCUMENT = re.compile(
    r"〔\d{4}〕|\[\d{4}\]|文件|通知|批复|决定书?|报告|统计|数据|名单|清单|台账|合同|协议|规划|方案|办法|规定|条例|细则|纪要"
    r"|预算|决算|公告|通报|批文|档案|图纸|依据|标准|目录|年报|明细|政府信息|信息公开|公开申请|依申请"
)
_WANT_DOCUMENT = re.compile(
    r"(申请)?(公开|提供|查阅|复印|复制|获取|调取|索取|给我一份|知道|了解|查询|查一下|查看|看看)"
)
_PUBLICATION = re.compile(r"(政府公报|公报|报刊|报纸|杂志|期刊|书籍|图书|年鉴|出版物)")
_WANT_COPY = re.compile(r"(寄|送|给|要|提供|购买|订阅|领取)(我|一份|一本|一套|几本)|(一份|一本|一套)")


def triage(text: str, agency: str | None = None) -> TriageResult:
    """What a citizen's message really is, with the reason and where to go instead."""
    folded = re.sub(r"\s+", "", fold(text))
    subjects = _subject_triggers(folded)
    masked = _mask(folded, subjects)
    scores = {
        kind: [m.group() for p in patterns for m in p.finditer(masked)] for kind, patterns in _ACTION.items()
    }
    kind = max(scores, key=lambda k: len(scores[k]))
    if scores[kind]:
        return _redirect(kind, scores[kind], [s for _, _, s in subjects], folded, agency)
    bare = _TRIGGER.findall(masked)
    if bare:
        return _redirect(_TRIGGER_KIND[bare[0]], bare, [s for _, _, s in subjects], folded, agency)
    consult = [m.group() for p in _CONSULT for m in p.finditer(folded)]
    if consult and not _DOCUMENT.search(folded):
        return _redirect(TriageKind.CONSULTATION, consult, [], folded, agency)
    if (pub := _PUBLICATION.search(folded)) and _WANT_COPY.search(folded) and not _DOCUMENT.search(folded):
        return _redirect(TriageKind.PUBLICATION, [pub.group()], [], folded, agency)
    return _disclosure([s for _, _, s in subjects], folded)


_TRIGGER_KIND = {
    "举报": TriageKind.REPORT,
    "检举": TriageKind.REPORT,
    "揭发": TriageKind.REPORT,
    "投诉": TriageKind.COMPLAINT,
    "信访": TriageKind.PETITION,
    "上访": TriageKind.PETITION,
}
_SUBJECT_AFTER = re.compile(r"[^，。；！？,;!?]{0,6}?" + _SUBJECT)


def _subject_triggers(folded: str) -> list[tuple[int, int, str]]:
    """Trigger words that name the subject of a document: 投诉处理结果的统计, 信访工作条例."""
    found = []
    for match in _TRIGGER.finditer(folded):
        after = _SUBJECT_AFTER.match(folded, match.end())
        wants = _WANT_DOCUMENT.search(folded[: match.start()]) or _DOCUMENT.search(folded[match.end() :])
        if after and wants:
            found.append((match.start(), match.end(), folded[match.start() : after.end()]))
    return found


def _mask(folded: str, spans: list[tuple[int, int, str]]) -> str:
    """The text with subject-only trigger words blanked, so no action pattern sees them."""
    chars = list(folded)
    for start, end, _ in spans:
        chars[start:end] = "□" * (end - start)
    return "".join(chars)


def _disclosure(subjects: list[str], folded: str) -> TriageResult:
    why = (
        "没有发现信访、投诉、举报或办事咨询的表述，属于政府信息公开事项："
        "可以申请获取行政机关已制作或保存的信息。"
    )
    if subjects:
        why = f"“{subjects[0]}”指的是要查的信息内容，不是要投诉、举报或信访。" + why
    return TriageResult(kind=TriageKind.DISCLOSURE, reason=why, subject_cues=subjects)


def _redirect(
    kind: TriageKind, cues: list[str], subjects: list[str], folded: str, agency: str | None
) -> TriageResult:
    about_work = kind is TriageKind.COMPLAINT and bool(_DISCLOSURE_WORK.search(folded))
    return TriageResult(
        kind=kind,
        reason=_reason(kind, cues[0], about_work),
        cues=cues,
        subject_cues=subjects,
        where_to_go=_where_to_go(kind, agency, about_work),
        basis="《政府信息公开条例》第五十一条" if about_work else ARTICLE_39,
        about_disclosure_work=about_work,
    )


def _reason(kind: TriageKind, cue: str, about_work: bool) -> str:
    if about_work:
        return (
            f"这是对政府信息公开工作的投诉（“{cue}”）。按《政府信息公开条例》第五十一条，"
            "认为行政机关在政府信息公开工作中侵犯合法权益的，可以投诉、举报，也可以申请行政复议或提起行政诉讼。"
        )
    if kind is TriageKind.PUBLICATION:
        return (
            f"您要的是{cue}等公开出版物。按{ARTICLE_39}第二款，这类申请行政机关可以告知获取途径，"
            "一般不需要走依申请公开程序。"
        )
    if kind is TriageKind.CONSULTATION:
        return f"这是办事咨询（“{cue}”），不是申请获取已有的政府信息，直接咨询办理部门更快。"
    return (
        f"这看起来是{KIND_NAMES[kind]}（“{cue}”），而不是申请获取已有的政府信息。按{ARTICLE_39}，"
        "以政府信息公开申请的形式进行信访、投诉、举报的，行政机关不作为政府信息公开申请处理，"
        "并可以告知通过相应渠道提出。"
    )


def _where_to_go(kind: TriageKind, agency: str | None, about_work: bool) -> list[str]:
    own = f"{agency}的" if agency else "被投诉机关的"
    if about_work:
        return [
            "向上一级行政机关或政府信息公开工作主管部门投诉、举报（第五十一条）；",
            "也可以依法申请行政复议或提起行政诉讼。",
        ]
    lines = {
        TriageKind.REPORT: [
            "涉及公职人员违纪违法的，向纪检监察机关举报（电话12388，或当地纪委监委的举报网站）；",
            f"涉及单位或个人其他违法行为的，向主管该事项的行政机关的举报渠道反映，或拨打{HOTLINE}。",
        ],
        TriageKind.COMPLAINT: [
            f"向{own}投诉渠道或其上级机关反映（门户网站“互动交流”“领导信箱”等栏目）；",
            f"也可以拨打{HOTLINE}。",
        ],
        TriageKind.PETITION: [
            "通过信访渠道提出：当地信访部门的来信、来访，或网上信访平台，按《信访工作条例》办理；",
            f"也可以拨打{HOTLINE}反映诉求。",
        ],
        TriageKind.CONSULTATION: [
            f"拨打{HOTLINE}咨询；",
            "或咨询负责办理该事项的部门、政务服务中心窗口、政务服务网。",
        ],
        TriageKind.PUBLICATION: [
            "到图书馆、档案馆或政务服务中心查阅，或在政府门户网站查看电子版；",
            "出版物也可以通过正常发行渠道购买或订阅。",
        ],
    }
    return lines[kind]
