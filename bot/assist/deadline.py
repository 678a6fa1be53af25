"""When an application counts as received and when the agency must reply.

    submitted ─(art. 31: by channel)→ received ─(art. 33: +20 working days)→ reply_by
                                            └─(art. 33: +20 more at most)→ extended_reply_by
    补正 (art. 30): the count restarts from the day the corrected application is received.
    征求意见 (arts. 32-34): working days spent consulting are not counted.

Working days follow the official calendar, 调休 make-up days included; the day of
receipt is not counted. A date the calendar does not cover raises CalendarUnavailable
(or, with `allow_estimates`, comes back marked as estimated); it is never shown as exact.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from bot.assist.choices import pick
from bot.assist.dates import format_date
from bot.assist.workdays import WorkdayCount, add_workdays
from bot.errors import CalendarUnavailable, InvalidField

LAW = "《政府信息公开条例》"
REPLY_WORKDAYS = 20
EXTENSION_WORKDAYS = 20
CORRECTION_NOTICE_WORKDAYS = 7
THIRD_PARTY_WORKDAYS = 15
MAX_CONSULTATION_WORKDAYS = 120  # far above any real consultation; rejects typing slips


class SubmissionChannel(StrEnum):
    """How the application was handed in; decides the day of receipt (art. 31)."""

    IN_PERSON = "in_person"  # 当面提交
    POST = "post"  # 挂号信、快递等需要签收的邮寄
    PLAIN_LETTER = "plain_letter"  # 平常信函，无需签收
    ONLINE = "online"  # 网上申请平台
    EMAIL = "email"  # 电子邮件（数据电文，属互联网渠道）
    FAX = "fax"  # 传真


CHANNEL_NAMES: dict[SubmissionChannel, str] = {
    SubmissionChannel.IN_PERSON: "当面提交",
    SubmissionChannel.POST: "邮寄（需签收）",
    SubmissionChannel.PLAIN_LETTER: "平常信函邮寄",
    SubmissionChannel.ONLINE: "网上申请",
    SubmissionChannel.EMAIL: "电子邮件",
    SubmissionChannel.FAX: "传真",
}

# Day of receipt by channel: (legal basis, what the law counts, what to ask the citizen).
_RECEIPT_RULES: dict[SubmissionChannel, tuple[str, str]] = {
    SubmissionChannel.IN_PERSON: ("第三十一条第（一）项", "当面提交的，以提交之日为收到申请之日"),
    SubmissionChannel.POST: ("第三十一条第（二）项", "以邮寄方式提交的，以行政机关签收之日为收到申请之日"),
    SubmissionChannel.PLAIN_LETTER: (
        "第三十一条第（二）项",
        "以平常信函等无需签收的方式邮寄的，政府信息公开工作机构应当于收到当日与申请人确认，确认之日为收到申请之日",
    ),
    SubmissionChannel.ONLINE: ("第三十一条第（三）项", "通过互联网渠道提交的，以双方确认之日为收到申请之日"),
    SubmissionChannel.EMAIL: (
        "第三十一条第（三）项",
        "电子邮件属于通过互联网渠道提交，以双方确认之日为收到申请之日",
    ),
    SubmissionChannel.FAX: ("第三十一条第（三）项", "通过传真提交的，以双方确认之日为收到申请之日"),
}

_RECEIPT_EVENT: dict[SubmissionChannel, str] = {
    SubmissionChannel.POST: "签收",
    SubmissionChannel.PLAIN_LETTER: "与您确认收到",
    SubmissionChannel.ONLINE: "与您确认收到",
    SubmissionChannel.EMAIL: "与您确认收到",
    SubmissionChannel.FAX: "与您确认收到",
}


# Words citizens use for each channel, checked in order ("电子邮件" before the "邮" of 邮寄).
CHANNEL_WORDS: list[tuple[SubmissionChannel, str]] = [
    (SubmissionChannel.EMAIL, r"电子邮|邮箱|email|e-mail"),
    (SubmissionChannel.FAX, r"传真"),
    (SubmissionChannel.ONLINE, r"网上|在线|网站|平台|互联网|网络|小程序|app"),
    (SubmissionChannel.PLAIN_LETTER, r"平信|平常信|普通信"),
    (SubmissionChannel.POST, r"邮寄|寄|快递|挂号|ems|邮政"),
    (SubmissionChannel.IN_PERSON, r"当面|现场|窗口|亲自|自己送|递交|面交"),
]


def parse_channel(text: str) -> SubmissionChannel:
    """The submission channel a citizen names: "寄的挂号信", "网上提交", "當面交的"."""
    try:
        return pick(text, list(SubmissionChannel), CHANNEL_WORDS, "channel")
    except InvalidField:
        names = "、".join(CHANNEL_NAMES.values())
        raise InvalidField("channel", f"请说明是怎样提交的：{names}。") from None


class DatedStep(BaseModel):
    """One date of the procedure with the rule behind it."""

    label: str  # e.g. "答复期限"
    day: date
    basis: str  # e.g. "《政府信息公开条例》第三十三条第二款"
    rule: str  # the rule in one sentence
    estimated: bool = False  # True when a year of the count had no official calendar


class DeadlineResult(BaseModel):
    """Every date of one application, each with its article."""

    channel: SubmissionChannel
    submitted: date
    received: DatedStep
    received_assumed: bool  # the signing/confirmation day was not given; submission day used
    correction_notice_by: DatedStep  # last day to ask for 补正 (art. 30)
    corrected: DatedStep | None = None  # receipt of the corrected application restarts the count
    consultation_workdays: int = 0
    reply_by: DatedStep
    extended_reply_by: DatedStep
    uncovered_years: list[int] = Field(default_factory=list)

    @property
    def estimated(self) -> bool:
        """True when some date is an estimate, not an exact date."""
        return bool(self.uncovered_years)


def compute_deadlines(
    channel: SubmissionChannel,
    submitted: date,
    *,
    received: date | None = None,
    corrected: date | None = None,
    consultation_workdays: int = 0,
    allow_estimates: bool = False,
) -> DeadlineResult:
    """All dates of one application; CalendarUnavailable unless estimates are allowed.

    `received` is the day the agency signed for a letter or confirmed an online, e-mail,
    fax or plain-letter application (ignored in person); without it the submission day
    is used and the result says so. `corrected` is the day the corrected application
    (补正) was received; `consultation_workdays` the working days spent consulting.
    """
    _check_inputs(channel, submitted, received, corrected, consultation_workdays)
    receipt_day = submitted if channel is SubmissionChannel.IN_PERSON or received is None else received
    receipt = _receipt_step(channel, receipt_day)
    start = corrected or receipt_day
    notice = add_workdays(receipt_day, CORRECTION_NOTICE_WORKDAYS)
    reply = add_workdays(start, REPLY_WORKDAYS + consultation_workdays)
    extended = add_workdays(start, REPLY_WORKDAYS + EXTENSION_WORKDAYS + consultation_workdays)
    result = DeadlineResult(
        channel=channel,
        submitted=submitted,
        received=receipt,
        received_assumed=channel is not SubmissionChannel.IN_PERSON and received is None,
        correction_notice_by=_notice_step(notice),
        corrected=_corrected_step(corrected),
        consultation_workdays=consultation_workdays,
        reply_by=_reply_step(reply, corrected is not None, consultation_workdays),
        extended_reply_by=_extended_step(extended),
        uncovered_years=sorted(
            set(notice.uncovered_years + reply.uncovered_years + extended.uncovered_years)
        ),
    )
    if result.estimated and not allow_estimates:
        raise CalendarUnavailable(tuple(result.uncovered_years), explain_deadlines(result))
    return result


def explain_deadlines(result: DeadlineResult) -> str:
    """The dates and their rules in plain Simplified Chinese, estimates labelled as such."""
    lines = []
    if result.estimated:
        lines += [_estimate_warning(result.uncovered_years), ""]
    lines.append(f"提交方式：{CHANNEL_NAMES[result.channel]}，提交日期：{format_date(result.submitted)}")
    steps = [result.received, result.correction_notice_by]
    steps += [result.corrected] if result.corrected else []
    steps += [result.reply_by, result.extended_reply_by]
    for step in steps:
        mark = "（估算）" if step.estimated else ""
        lines += [f"{step.label}：{format_date(step.day)}{mark}", f"  依据：{step.basis}。{step.rule}。"]
    lines += _notes(result)
    return "\n".join(lines)


def _check_inputs(
    channel: SubmissionChannel,
    submitted: date,
    received: date | None,
    corrected: date | None,
    consultation_workdays: int,
) -> None:
    if received is not None and received < submitted:
        raise InvalidField("received", "签收或确认日期不能早于提交日期，请检查。")
    if corrected is not None and corrected < (received or submitted):
        raise InvalidField("corrected", "补正材料的收到日期不能早于原申请的收到日期，请检查。")
    if not 0 <= consultation_workdays <= MAX_CONSULTATION_WORKDAYS:
        raise InvalidField(
            "consultation_workdays", f"征求意见的天数应在0到{MAX_CONSULTATION_WORKDAYS}个工作日之间。"
        )


def _receipt_step(channel: SubmissionChannel, day: date) -> DatedStep:
    article, rule = _RECEIPT_RULES[channel]
    return DatedStep(label="收到申请之日", day=day, basis=LAW + article, rule=rule)


def _notice_step(count: WorkdayCount) -> DatedStep:
    return DatedStep(
        label="要求补正的最晚日期",
        day=count.day,
        basis=LAW + "第三十条",
        rule="申请内容不明确的，行政机关应当自收到申请之日起7个工作日内一次性告知申请人补正",
        estimated=count.estimated,
    )


def _corrected_step(corrected: date | None) -> DatedStep | None:
    if corrected is None:
        return None
    return DatedStep(
        label="收到补正申请之日（重新起算）",
        day=corrected,
        basis=LAW + "第三十条",
        rule="答复期限自行政机关收到补正的申请之日起计算",
    )


def _reply_step(count: WorkdayCount, restarted: bool, consultation_workdays: int) -> DatedStep:
    start = "收到补正的申请之日" if restarted else "收到申请之日"
    rule = f"不能当场答复的，应当自{start}起20个工作日内答复（从次日起算，节假日不计，调休上班日计入）"
    basis = LAW + "第三十三条第二款"
    if consultation_workdays:
        rule += f"；另加征求意见所用的{consultation_workdays}个工作日，这段时间不计入期限"
        basis += "、第三款"
    return DatedStep(label="答复期限", day=count.day, basis=basis, rule=rule, estimated=count.estimated)


def _extended_step(count: WorkdayCount) -> DatedStep:
    return DatedStep(
        label="延长后的最晚答复日期",
        day=count.day,
        basis=LAW + "第三十三条第二款",
        rule="需要延长的，应当经政府信息公开工作机构负责人同意并告知申请人，延长最长不超过20个工作日",
        estimated=count.estimated,
    )


def _notes(result: DeadlineResult) -> list[str]:
    notes = ["", "说明："]
    if result.received_assumed:
        event = _RECEIPT_EVENT[result.channel]
        notes.append(
            f"· 您没有提供行政机关{event}的日期，以上暂按提交当天计算；"
            f"实际应以{event}之日为准，那天晚几天，各期限也相应顺延。"
        )
    if result.channel is SubmissionChannel.IN_PERSON:
        notes.append("· 能够当场答复的，行政机关应当当场答复（第三十三条第一款）。")
    if result.corrected is None:
        notes.append("· 如果被要求补正，答复期限从行政机关收到补正申请之日起重新计算20个工作日（第三十条）。")
    if not result.consultation_workdays:
        notes.append(
            "· 如果涉及第三方权益需要征求意见（第三方应在15个工作日内提出意见，第三十二条），"
            "或征求其他机关意见（第三十四条），所用时间不计入答复期限（第三十三条第三款）。"
        )
    notes.append(
        "· 逾期未答复的，可以向上一级行政机关或政府信息公开工作主管部门投诉、举报，"
        "也可以依法申请行政复议或提起行政诉讼（第五十一条）。"
    )
    return notes


def _estimate_warning(years: list[int]) -> str:
    names = "、".join(f"{year}年" for year in years)
    return (
        f"注意：目前还没有{names}的官方节假日安排（以国务院办公厅发布的放假通知为准），"
        f"下面标“估算”的日期只把{names}的周一至周五当作工作日，没有扣除节假日，也没有计入调休上班日。"
        "实际日期一般会因节假日而推后，请在放假安排公布后再核对。"
    )
