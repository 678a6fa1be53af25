"""The questions of the drafting conversation: order, stages, prompts and suggested answers."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel, Field

from bot.assist.application import ApplicantKind, Delivery, InformationRequest, Medium, ReceivingOffice
from bot.assist.choices import CITIZEN_ID_TYPES, numbered
from bot.assist.validators import IdType


class Step(StrEnum):
    """The stages a channel can show, e.g. as a progress line."""

    AGENCY = "agency"
    INFORMATION = "information"
    FORM = "form"
    APPLICANT = "applicant"
    CONTACT = "contact"
    REVIEW = "review"
    DONE = "done"
    CANCELLED = "cancelled"


STEP_NAMES = {
    Step.AGENCY: "受理机关",
    Step.INFORMATION: "所需信息",
    Step.FORM: "形式和获取方式",
    Step.APPLICANT: "申请人",
    Step.CONTACT: "联系方式",
}
EDITABLE = list(STEP_NAMES)  # the steps a citizen can reopen from the review


class Question(StrEnum):
    """One question of the conversation, in the order asked."""

    AGENCY = "agency"
    INFORMATION = "information"
    MEDIUM = "medium"
    DELIVERY = "delivery"
    KIND = "kind"
    NAME = "name"
    REPRESENTATIVE = "representative"
    ID_TYPE = "id_type"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    ADDRESS = "address"
    EMAIL = "email"
    REVIEW = "review"


ORDER = list(Question)
STEP_OF: dict[Question, Step] = {
    Question.AGENCY: Step.AGENCY,
    Question.INFORMATION: Step.INFORMATION,
    Question.MEDIUM: Step.FORM,
    Question.DELIVERY: Step.FORM,
    Question.KIND: Step.APPLICANT,
    Question.NAME: Step.APPLICANT,
    Question.REPRESENTATIVE: Step.APPLICANT,
    Question.ID_TYPE: Step.APPLICANT,
    Question.ID_NUMBER: Step.APPLICANT,
    Question.PHONE: Step.CONTACT,
    Question.ADDRESS: Step.CONTACT,
    Question.EMAIL: Step.CONTACT,
    Question.REVIEW: Step.REVIEW,
}


class DraftAnswers(BaseModel):
    """Answers so far; personal ones are kept out of repr()."""

    agency: str | None = None
    office: ReceivingOffice | None = None
    agency_choices: list[str] = Field(default_factory=list)
    agency_unlisted: str | None = None
    information: InformationRequest | None = None
    medium: Medium | None = None
    delivery: Delivery | None = None
    kind: ApplicantKind | None = None
    name: str | None = Field(default=None, repr=False)
    representative: str | None = Field(default=None, repr=False)
    id_type: IdType | None = None
    id_number: str | None = Field(default=None, repr=False)
    phone: str | None = Field(default=None, repr=False)
    address: str | None = Field(default=None, repr=False)
    postcode: str | None = Field(default=None, repr=False)
    email: str | None = Field(default=None, repr=False)

    @property
    def organisation(self) -> bool:
        """True when an organisation applies."""
        return self.kind is ApplicantKind.ORGANISATION


def applies(question: Question, answers: DraftAnswers) -> bool:
    """Whether the question is asked at all, given the answers so far."""
    if question is Question.REPRESENTATIVE:
        return answers.organisation
    if question is Question.ID_TYPE:
        return not answers.organisation
    return True


def missing(question: Question, answers: DraftAnswers) -> bool:
    """True when a question that applies still needs an answer."""
    a = answers
    required = {
        Question.AGENCY: a.agency,
        Question.INFORMATION: a.information,
        Question.MEDIUM: a.medium,
        Question.DELIVERY: a.delivery,
        Question.KIND: a.kind,
        Question.NAME: a.name,
        Question.ID_TYPE: a.id_type,
        Question.ID_NUMBER: a.id_number,
        Question.PHONE: a.phone,
        Question.ADDRESS: a.address if a.delivery is Delivery.POST else True,
        Question.EMAIL: a.email if a.delivery is Delivery.EMAIL else True,
    }
    return question in required and applies(question, a) and required[question] is None


def prompt(question: Question, answers: DraftAnswers) -> str:
    """The question as asked, with its progress mark (not for the review)."""
    step = STEP_OF[question]
    progress = f"（第{EDITABLE.index(step) + 1}步，共{len(EDITABLE)}步：{STEP_NAMES[step]}）"
    return progress + _PROMPTS[question](answers)


def options(question: Question, answers: DraftAnswers) -> list[str]:
    """Suggested answers a channel may offer as buttons."""
    offered = _OPTIONS.get(question)
    return offered(answers) if offered else []


def _skippable(answers: DraftAnswers, needed_for: Delivery) -> str:
    return "" if answers.delivery is needed_for else "（可回复“跳过”）"


_PROMPTS: dict[Question, Callable[[DraftAnswers], str]] = {
    Question.AGENCY: lambda a: "您要向哪个行政机关申请？请输入机关名称。",
    Question.INFORMATION: lambda a: (
        "您要申请公开什么政府信息？请写明名称、文号，或便于查找的特征（发文机关、时间、事项）。"
    ),
    Question.MEDIUM: lambda a: "希望以什么形式获取？" + numbered(list(Medium)),
    Question.DELIVERY: lambda a: "希望怎样获取？" + numbered(list(Delivery)),
    Question.KIND: lambda a: "申请人是？" + numbered(list(ApplicantKind)),
    Question.NAME: lambda a: "请输入单位全称。" if a.organisation else "请输入申请人姓名。",
    Question.REPRESENTATIVE: lambda a: "请输入法定代表人或负责人姓名。",
    Question.ID_TYPE: lambda a: "身份证明是哪种证件？" + numbered(CITIZEN_ID_TYPES),
    Question.ID_NUMBER: lambda a: f"请输入{a.id_type or '证件'}号码。",
    Question.PHONE: lambda a: "请输入联系电话（手机或带区号的固定电话）。",
    Question.ADDRESS: lambda a: "请输入通信地址（可附邮编）" + _skippable(a, Delivery.POST) + "。",
    Question.EMAIL: lambda a: "请输入电子邮箱" + _skippable(a, Delivery.EMAIL) + "。",
}

_OPTIONS: dict[Question, Callable[[DraftAnswers], list[str]]] = {
    Question.AGENCY: lambda a: a.agency_choices,
    Question.MEDIUM: lambda a: [m.value for m in Medium],
    Question.DELIVERY: lambda a: [d.value for d in Delivery],
    Question.KIND: lambda a: [k.value for k in ApplicantKind],
    Question.ID_TYPE: lambda a: [t.value for t in CITIZEN_ID_TYPES],
    Question.ADDRESS: lambda a: [] if a.delivery is Delivery.POST else ["跳过"],
    Question.EMAIL: lambda a: [] if a.delivery is Delivery.EMAIL else ["跳过"],
    Question.REVIEW: lambda a: ["确认"],
}
