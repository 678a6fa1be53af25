"""The drafting conversation: text in, text out, one question at a time.

    agency → information → form → applicant → contact → review → done
    (any step: "返回" goes one question back, "取消" discards everything)

A channel keeps one `ApplicationDraft` per chat, passes each message to `handle()`
and shows the reply. Every answer is checked when given; invalid input gets the
reason and the same question again. Everything the citizen typed stays in this
object: nothing is logged or written anywhere, and cancelling wipes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, Field, ValidationError

from bot.assist import choices
from bot.assist.agency import AgencySource, OfficeLookup, find_agencies, is_exact
from bot.assist.application import (
    PAPER_NOT_ONLINE,
    ApplicantKind,
    Application,
    Delivery,
    Medium,
    ReceivingOffice,
    compatible,
    error_messages,
)
from bot.assist.information import check_information
from bot.assist.questions import (
    EDITABLE,
    ORDER,
    STEP_NAMES,
    STEP_OF,
    DraftAnswers,
    Question,
    Step,
    applies,
    missing,
    options,
    prompt,
)
from bot.assist.render import render_submission, render_text
from bot.assist.validators import (
    IdType,
    check_address,
    check_email,
    check_id_number,
    check_name,
    check_phone,
    clean,
)
from bot.errors import InvalidField

BACK_WORDS = frozenset({"返回", "上一步", "后退", "back"})
CANCEL_WORDS = frozenset({"取消", "退出", "放弃", "不填了", "cancel"})
GREETING = "我来帮您起草一份政府信息公开申请。随时回复“返回”回到上一步，回复“取消”放弃填写。"
NAVIGATION = ["返回", "取消"]  # commands every question accepts; channels may show them as buttons
_APPLICANT_FIELDS = ("kind", "name", "id_type", "id_number", "representative")
_CONTACT_FIELDS = ("phone", "address", "postcode", "email")


class DraftReply(BaseModel):
    """What a channel shows after one message."""

    text: str  # plain text, Simplified Chinese
    step: Step
    question: Question | None = None  # None once done or cancelled
    options: list[str] = Field(default_factory=list)  # suggested answers, e.g. for buttons
    accepted: bool = True  # False when the input was invalid and the question is asked again
    done: bool = False
    cancelled: bool = False


class ApplicationDraft:
    """One citizen's drafting conversation; a channel drives it with `start()` and `handle()`."""

    _answers: DraftAnswers
    _current: Question
    _history: list[Question]
    _editing: Step | None
    _finished: Step | None
    _application: Application | None
    _pending: str  # the message of a question that keeps the conversation where it is

    def __init__(self, agencies: AgencySource, *, today: date, offices: OfficeLookup | None = None) -> None:
        self._agencies = agencies
        self._offices = offices
        self._today = today
        self._reset()

    @property
    def step(self) -> Step:
        """The stage the conversation is in."""
        return self._finished or STEP_OF[self._current]

    @property
    def application(self) -> Application | None:
        """The finished application, once the citizen confirmed it."""
        return self._application

    def start(self, agency: str | None = None) -> DraftReply:
        """The first question; with `agency` (e.g. from an answer about it), that name is the first answer."""
        if agency is None or len(clean(agency)) < 2:
            return self._ask(GREETING)
        reply = self.handle(agency)
        return reply.model_copy(update={"text": f"{GREETING}\n\n{reply.text}"})

    def handle(self, text: str) -> DraftReply:
        """Take one message and answer with the next question, the same question again, or the result."""
        word = clean(text).lower()
        if word in CANCEL_WORDS:
            return self._cancel()
        if self._finished:
            return self._closed()
        if word in BACK_WORDS:
            return self._back()
        try:
            message = _HANDLERS[self._current](self, text)
        except InvalidField as exc:
            return self._ask(exc.user_message, accepted=False)
        if message is None:  # the answer keeps the conversation on a question of its choosing
            return self._ask(self._pending)
        if self._finished:
            return self._reply(message, question=None, done=True)
        self._history.append(self._current)
        self._current = self._next(self._current)
        return self._ask(message)

    # -- navigation ---------------------------------------------------------------

    def _reset(self) -> None:
        self._answers = DraftAnswers()
        self._current = Question.AGENCY
        self._history = []
        self._editing = None
        self._finished = None
        self._application = None
        self._pending = ""

    def _cancel(self) -> DraftReply:
        self._reset()
        self._finished = Step.CANCELLED
        text = "已取消，填写的内容已全部清除。需要时可以重新开始。"
        return self._reply(text, question=None, cancelled=True)

    def _closed(self) -> DraftReply:
        done = self._finished is Step.DONE
        text = ("申请表已经生成。" if done else "本次填写已取消。") + "如需再写一份，请重新开始。"
        return self._reply(text, question=None, done=done)

    def _back(self) -> DraftReply:
        if not self._history:
            return self._ask("已经是第一步了。")
        self._current = self._history.pop()
        if self._current is Question.REVIEW:
            self._editing = None
        return self._ask("好的，回到上一步。")

    def _next(self, question: Question) -> Question:
        later = [q for q in ORDER[ORDER.index(question) + 1 :] if applies(q, self._answers)]
        following = later[0] if later else Question.REVIEW
        if self._editing and STEP_OF[following] != self._editing:
            self._editing = None
            return next((q for q in ORDER if missing(q, self._answers)), Question.REVIEW)
        return following

    # -- replies --------------------------------------------------------------------

    def _reply(self, text: str, *, question: Question | None, **flags: bool) -> DraftReply:
        step = self._finished or STEP_OF[self._current]
        offered = options(question, self._answers) if question else []
        return DraftReply(text=text, step=step, question=question, options=offered, **flags)

    def _ask(self, before: str, *, accepted: bool = True) -> DraftReply:
        asked = (
            self._review_prompt()
            if self._current is Question.REVIEW
            else prompt(self._current, self._answers)
        )
        text = f"{before}\n\n{asked}" if before else asked
        return self._reply(text, question=self._current, accepted=accepted)

    def _review_prompt(self) -> str:
        try:
            preview = render_text(self._build())
        except InvalidField as exc:
            preview = exc.user_message
        edits = "  ".join(f"{n}. {STEP_NAMES[step]}" for n, step in enumerate(EDITABLE, 1))
        return f"{preview}\n\n请核对。回复“确认”生成申请表；回复数字修改：{edits}。"

    # -- answers: each returns a message, or None to stay on a question ------------------

    def _agency(self, text: str) -> str | None:
        a = self._answers
        word = clean(text)
        if a.agency_choices and word.isdigit() and 1 <= int(word) <= len(a.agency_choices):
            return self._choose_agency(a.agency_choices[int(word) - 1])
        if a.agency_unlisted and choices.YES.match(word.lower()):
            return self._choose_agency(a.agency_unlisted)
        if len(word) < 2:
            raise InvalidField(
                "agency", "请输入行政机关的名称，例如“某某市人民政府”或“某某区市场监督管理局”。"
            )
        found = find_agencies(word, self._agencies)
        a.agency_choices, a.agency_unlisted = found, None
        if len(found) == 1 and is_exact(word, found[0]):
            return self._choose_agency(found[0])
        if found:
            listed = "\n".join(f"{n}. {name}" for n, name in enumerate(found, 1))
            self._pending = f"找到以下机关，请回复序号选择；都不是的话，请重新输入名称：\n{listed}"
        else:
            a.agency_unlisted = word
            self._pending = (
                f"名录里没有找到“{word}”。如果名称无误，回复“确认”按这个名称填写"
                "（受理机构的地址请自行在该机关的政府信息公开指南中核对）；也可以重新输入。"
            )
        return None

    def _choose_agency(self, name: str) -> str:
        a = self._answers
        a.agency, a.agency_choices, a.agency_unlisted = name, [], None
        a.office = self._offices(name) if self._offices else None
        if a.office is None:
            return f"受理机关：{name}。暂未查到它的受理机构信息，申请表上将写“政府信息公开工作机构”。"
        where = f"，地址：{a.office.address}" if a.office.address else ""
        return f"受理机关：{name}。受理机构：{a.office.office or '政府信息公开工作机构'}{where}。"

    def _information(self, text: str) -> str:
        checked = check_information(text, self._answers.agency)
        self._answers.information = checked.request
        found = f"识别到文号：{checked.request.doc_no}。" if checked.request.doc_no else ""
        return "已记下所需信息。" + found + "".join(f"\n{note}" for note in checked.notes)

    def _medium(self, text: str) -> str:
        a = self._answers
        a.medium = choices.pick(text, list(Medium), choices.MEDIUM_WORDS, "medium")
        if a.delivery is not None and not compatible(a.medium, a.delivery):
            a.delivery = None
        return f"载体形式：{a.medium}。"

    def _delivery(self, text: str) -> str:
        a = self._answers
        delivery = choices.pick(text, list(Delivery), choices.DELIVERY_WORDS, "delivery")
        if a.medium is not None and not compatible(a.medium, delivery):
            raise InvalidField("delivery", PAPER_NOT_ONLINE)
        a.delivery = delivery
        return f"获取方式：{delivery}。"

    def _kind(self, text: str) -> str:
        a = self._answers
        kind = choices.pick(text, list(ApplicantKind), choices.KIND_WORDS, "kind")
        if kind is not a.kind:
            a.name = a.representative = a.id_number = None
            a.id_type = IdType.CREDIT_CODE if kind is ApplicantKind.ORGANISATION else None
        a.kind = kind
        return f"申请人类型：{kind}。"

    def _name(self, text: str) -> str:
        organisation = self._answers.organisation
        self._answers.name = check_name(text, organisation=organisation)
        return f"{'名称' if organisation else '姓名'}：{self._answers.name}。"

    def _representative(self, text: str) -> str:
        self._answers.representative = check_name(text)
        return "已记下法定代表人或负责人。"

    def _id_type(self, text: str) -> str:
        a = self._answers
        id_type = choices.pick(text, choices.CITIZEN_ID_TYPES, choices.ID_TYPE_WORDS, "id_type")
        if id_type is not a.id_type:
            a.id_number = None
        a.id_type = id_type
        return f"证件类型：{id_type}。"

    def _id_number(self, text: str) -> str:
        a = self._answers
        a.id_number = check_id_number(a.id_type or IdType.OTHER, text)
        return "证件号码已核对。"

    def _phone(self, text: str) -> str:
        self._answers.phone = check_phone(text)
        return f"联系电话：{self._answers.phone}。"

    def _address(self, text: str) -> str:
        a = self._answers
        if choices.SKIP.match(clean(text)):
            if a.delivery is Delivery.POST:
                raise InvalidField("address", "您选择了邮寄获取，需要填写通信地址。")
            a.address = a.postcode = None
            return "不填写通信地址。"
        a.address, a.postcode = check_address(text)
        return "已记下通信地址。"

    def _email(self, text: str) -> str:
        a = self._answers
        if choices.SKIP.match(clean(text)):
            if a.delivery is Delivery.EMAIL:
                raise InvalidField("email", "您选择了通过电子邮件获取，需要填写电子邮箱。")
            a.email = None
            return "不填写电子邮箱。"
        a.email = check_email(text)
        return f"电子邮箱：{a.email}。"

    def _review(self, text: str) -> str | None:
        word = clean(text).lower()
        if word.isdigit() and 1 <= int(word) <= len(EDITABLE):
            self._editing = EDITABLE[int(word) - 1]
            self._history.append(Question.REVIEW)
            self._current = next(
                q for q in ORDER if STEP_OF[q] is self._editing and applies(q, self._answers)
            )
            self._pending = f"修改{STEP_NAMES[self._editing]}。"
            return None
        if not choices.YES.match(word):
            raise InvalidField("review", "请回复“确认”生成申请表，或回复数字修改对应部分。")
        self._application = self._build()
        self._finished = Step.DONE
        return "申请表已生成，请下载后打印、签名并提交。\n\n" + render_submission(self._application.office)

    def _build(self) -> Application:
        a = self._answers
        fields = a.model_dump()
        try:
            return Application.model_validate(
                {
                    "office": a.office or ReceivingOffice(agency=a.agency or ""),
                    "applicant": {k: fields[k] for k in _APPLICANT_FIELDS},
                    "contact": {k: fields[k] for k in _CONTACT_FIELDS},
                    "information": a.information,
                    "form": {"medium": a.medium, "delivery": a.delivery},
                    "dated": self._today,
                }
            )
        except ValidationError as exc:
            raise InvalidField("review", "申请表还有问题：" + "；".join(error_messages(exc))) from None


_HANDLERS: dict[Question, Callable[[ApplicationDraft, str], str | None]] = {
    Question.AGENCY: ApplicationDraft._agency,
    Question.INFORMATION: ApplicationDraft._information,
    Question.MEDIUM: ApplicationDraft._medium,
    Question.DELIVERY: ApplicationDraft._delivery,
    Question.KIND: ApplicationDraft._kind,
    Question.NAME: ApplicationDraft._name,
    Question.REPRESENTATIVE: ApplicationDraft._representative,
    Question.ID_TYPE: ApplicationDraft._id_type,
    Question.ID_NUMBER: ApplicationDraft._id_number,
    Question.PHONE: ApplicationDraft._phone,
    Question.ADDRESS: ApplicationDraft._address,
    Question.EMAIL: ApplicationDraft._email,
    Question.REVIEW: ApplicationDraft._review,
}
