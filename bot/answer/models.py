"""What the answer engine returns to every channel: data, never pre-rendered markup."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, computed_field

from bot.lexicon.questions import question_lexicon


class Intent(StrEnum):
    """What the citizen asks for."""

    CONTACT = "contact"  # phone, hotline, address, e-mail, hours
    PROCEDURE = "procedure"  # how to apply, channels, what to write
    TIME_LIMIT = "time_limit"  # how long a reply takes
    FEE = "fee"  # whether applying costs money
    REMEDY = "remedy"  # 复议 / 诉讼 / 投诉 against a reply
    STATISTIC = "statistic"  # a figure from an annual report
    COMPARE = "compare"  # a report figure across years or agencies: 变化, 趋势, 谁多
    ITEM = "item"  # a disclosed document by 文号, 索引号 or title
    COMPLAINT = "complaint"  # 信访 / 投诉 / 举报: not a disclosure matter
    GENERAL = "general"  # anything else about the records
    OFFTOPIC = "offtopic"  # not about disclosure at all
    GREETING = "greeting"


class Citation(BaseModel):
    """The source of a statement in an answer."""

    title: str
    agency: str | None = None
    year: int | None = None
    section: str | None = None  # heading path or table path, e.g. "表三 · 本年新收… · 总计"
    url: str | None = None
    doc_id: str | None = None
    quote: str | None = None  # the cited passage or table row, original text


# The fields of a contact card and how every channel labels them, in the order shown
# (bot/lexicon/questions.toml).
CONTACT_FIELDS: dict[str, str] = {name: f.label for name, f in question_lexicon().contact_fields.items()}
# The parts of a procedure card and their labels, in the order shown.
PROCEDURE_FIELDS: dict[str, str] = {
    "channels": "申请渠道",
    "required_content": "申请内容",
    "time_limits": "办理时限",
    "fees": "收费",
    "remedies": "救济途径",
}


class ContactCard(BaseModel):
    """How to reach an agency's disclosure office."""

    agency: str
    office: str | None = None
    phones: list[str] = Field(default_factory=list)  # dialable: 0533-2270822
    fax: list[str] = Field(default_factory=list)
    address: str | None = None
    postcode: str | None = None
    email: str | None = None
    hours: str | None = None
    sources: list[Citation] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)  # plain sentences naming the sources

    def value(self, field: str) -> str | None:
        """One field as text (several phones joined with 、), None when the card lacks it."""
        if field in ("phone", "fax"):
            return "、".join(self.phones if field == "phone" else self.fax) or None
        value = getattr(self, field)
        return str(value) if value else None

    def fields(self, first: list[str] | None = None) -> list[tuple[str, str]]:
        """(label, value) of every field the card has, the `first` ones first."""
        order = [*(first or []), *(f for f in CONTACT_FIELDS if f not in (first or []))]
        return [(CONTACT_FIELDS[f], v) for f in order if (v := self.value(f))]


class ProcedureCard(BaseModel):
    """How to apply to an agency for disclosure."""

    agency: str | None = None
    channels: list[str] = Field(default_factory=list)
    required_content: list[str] = Field(default_factory=list)
    time_limits: list[str] = Field(default_factory=list)
    fees: str | None = None
    remedies: str | None = None
    sources: list[Citation] = Field(default_factory=list)

    @property
    def title(self) -> str:
        """The card's heading."""
        return f"向{self.agency}申请政府信息公开" if self.agency else "申请政府信息公开"

    def lists(self) -> list[tuple[str, list[str]]]:
        """(label, items) of the list parts the card has: channels, content, time limits."""
        parts = ("channels", "required_content", "time_limits")
        return [(PROCEDURE_FIELDS[p], items) for p in parts if (items := getattr(self, p))]

    def notes(self) -> list[tuple[str, str]]:
        """(label, text) of the single-text parts the card has: fees, remedies."""
        return [(PROCEDURE_FIELDS[p], text) for p in ("fees", "remedies") if (text := getattr(self, p))]


class Figure(BaseModel):
    """One report figure as a typed fact: what an answer states, a chart plots, an export lists."""

    agency: str
    year: int
    slot: str | None = None  # template slot id (bot/lexicon/template.toml); None for prose
    label: str  # what is counted, in words: "本年新收政府信息公开申请数量"
    value: float | None = None  # None when the year or agency has no such figure
    unit: str | None = None
    verified: bool = False
    missing: str | None = None  # why there is no value: "无该年度报告", "报告中无此项"…
    citation: Citation | None = None

    @property
    def comparable(self) -> bool:
        """Whether a comparison may use it and a chart plot it: a value, verified, not missing."""
        return self.value is not None and self.verified and self.missing is None


class Item(BaseModel):
    """A disclosed document's metadata as an answer states it."""

    title: str
    agency: str | None = None
    doc_no: str | None = None  # 文号
    index_no: str | None = None  # 索引号
    publisher: str | None = None  # 发文机关
    written: date | None = None  # 成文日期
    published: date | None = None  # 发布日期
    validity: str | None = None  # 有效性
    citation: Citation | None = None

    def fields(self) -> list[tuple[str, str, str]]:
        """(key, label, value) of every field the item has, in the order answers list them."""
        values = [(key, label, getattr(self, key)) for key, label in ITEM_FIELDS.items()]
        return [(k, label, v.isoformat() if isinstance(v, date) else v) for k, label, v in values if v]


ITEM_FIELDS: dict[str, str] = {
    "doc_no": "文号",
    "index_no": "索引号",
    "publisher": "发文机关",
    "written": "成文日期",
    "published": "发布日期",
    "validity": "有效性",
}


class Fact(BaseModel):
    """One fact an answer states, flat, for machines: a figure, a contact field, an item field."""

    kind: Literal["figure", "contact", "item"]
    agency: str | None = None
    year: int | None = None
    field: str  # the template slot id, the contact field (phone, email…), the item field (doc_no…)
    label: str  # the same in the records' words
    value: str | int | float | None = None
    unit: str | None = None
    verified: bool | None = None  # figures: whether a template identity (or a labelled cell) holds
    source: Citation | None = None


class Answer(BaseModel):
    """One reply to one question."""

    id: str  # stable for feedback and callbacks
    answer: str  # plain text, Simplified Chinese, the fact in the first lines
    found: bool  # False when the records do not hold the answer
    intent: Intent
    agency: str | None = None
    year: int | None = None
    citations: list[Citation] = Field(default_factory=list)
    contacts: list[ContactCard] = Field(default_factory=list)
    procedure: ProcedureCard | None = None
    related: list[Citation] = Field(default_factory=list)  # more matching documents
    suggestions: list[str] = Field(default_factory=list)  # follow-up questions to offer
    figures: list[Figure] = Field(default_factory=list)  # the figures stated, as data
    # A comparison across years or agencies: the points a chart plots, in order.
    series: list[Figure] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)  # the disclosed documents described
    # What the next question of the same chat may take from this one (never serialised).
    _followup: Any = PrivateAttr(default=None)

    @property
    def followup(self) -> Any:
        """The context a follow-up question may use (bot.answer.reading.followup.Context)."""
        return self._followup

    @computed_field  # type: ignore[prop-decorator]
    @property
    def facts(self) -> list[Fact]:
        """Every figure, contact field and item field the answer states, each with its source."""
        facts = [
            Fact(
                kind="figure",
                agency=f.agency,
                year=f.year,
                field=f.slot or "",
                label=f.label,
                value=int(f.value) if f.value.is_integer() else f.value,
                unit=f.unit,
                verified=f.verified,
                source=_source(f.citation),
            )
            for f in self.figures
            if f.value is not None
        ]
        for card in self.contacts:
            source = _source(card.sources[0] if card.sources else None)
            for name in CONTACT_FIELDS:
                if value := card.value(name):
                    label = CONTACT_FIELDS[name]
                    facts.append(
                        Fact(
                            kind="contact",
                            agency=card.agency,
                            field=name,
                            label=label,
                            value=value,
                            source=source,
                        )
                    )
        for item in self.items:
            facts += [
                Fact(
                    kind="item",
                    agency=item.agency,
                    field=key,
                    label=label,
                    value=value,
                    source=_source(item.citation),
                )
                for key, label, value in item.fields()
            ]
        return facts


class DocumentPage(BaseModel):
    """One page of matching documents."""

    query: str
    items: list[Citation] = Field(default_factory=list)
    offset: int = 0
    total: int = 0


class AgencyCoverage(BaseModel):
    """What the corpus holds for one agency."""

    agency: str
    report_years: list[int] = Field(default_factory=list)
    guides: int = 0
    items: int = 0


class Coverage(BaseModel):
    """What the corpus covers, for /about and for honest fallbacks."""

    agencies: list[AgencyCoverage] = Field(default_factory=list)
    documents: int = 0
    index_version: str | None = None


def _source(citation: Citation | None) -> Citation | None:
    """Where a fact stands, without the quote (the answer's citations carry it once)."""
    return citation.model_copy(update={"quote": None}) if citation else None
