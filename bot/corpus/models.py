"""What the corpus layer produces: validated models that nothing downstream re-parses.

Corpus
├── documents: Document
│   ├── meta: DocumentMeta         title, agency, year, kind, dates, 索引号/文号 ...
│   ├── sections: Section tree     一、… （一）… 1、… with each section's own text
│   ├── statistics: Statistic      table cells and numbers stated in prose
│   ├── contacts: Contact          offices, phones, address, e-mail, hours
│   ├── procedure: Procedure       how to apply: channels, content, time limits, fees
│   └── catalogue: CatalogueEntry  rows of an item list
├── failures: LoadFailure          documents that could not be loaded, with the reason
├── agencies: AgencyRegistry       names, aliases, region and area code
└── conflicts: Conflict            the same contact field with different values
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr

from bot.text import fold


class DocKind(StrEnum):
    """What a document is, which decides how it is parsed and answered from."""

    REPORT = "report"  # 政府信息公开工作年度报告
    GUIDE = "guide"  # 政府信息公开指南 and application pages (受理机构, 收费标准)
    ITEM = "item"  # one proactively disclosed item (主动公开), e.g. a 行政规范性文件
    ITEM_LIST = "item_list"  # a catalogue of items
    LAW = "law"  # 条例, judicial provisions, the national report format
    GENERIC = "generic"  # kind could not be told; indexed as plain text, with a warning


class ReportTemplate(StrEnum):
    """The shape of an annual report."""

    PRE2019 = "pre2019"  # free text, before the 2019 revision of the 条例
    NATIONAL = "2019plus"  # the national template tables (2019, revised 2021)


class DocumentMeta(BaseModel):
    """Metadata of one document: from its sidecar where given, else inferred."""

    title: str
    agency: str | None = None
    year: int | None = None
    kind: DocKind = DocKind.GENERIC
    template: ReportTemplate | None = None
    published: date | None = None  # 发布日期 / 发布时间
    url: str | None = None
    complete: bool = True  # False for excerpts and fragments
    index_no: str | None = None  # 索引号
    doc_no: str | None = None  # 文号 / 发文字号, normalised to 〔YYYY〕
    publisher: str | None = None  # 发文机关 / 发布机构 / 来源
    written: date | None = None  # 成文日期
    validity: str | None = None  # 有效性
    # Bodies the text names as the document's makers (by-line, signature, "由…编制"),
    # relative names made whole (区管委会办公室 -> 平潭综合实验区管委会办公室); joint
    # issuers of a statistical report are all here, the first is usually `agency`.
    authors: list[str] = Field(default_factory=list)
    compiled_by: str | None = None  # the body "由…编制" names, whole; also first in authors
    inferred: list[str] = Field(default_factory=list)  # fields read from the text, not a sidecar


class Section(BaseModel):
    """A heading of the document and the text under it, before its first child."""

    number: str  # the marker as printed: "一", "（一）", "1"; "" for the preamble
    heading: str  # heading text without the marker (an inline heading's first clause)
    level: int  # 0 preamble, 1 一、, 2 （一）, 3 1、/1., 4 （1）; kinds a document skips move up,
    # law texts rank 第X章 above 第X条 above （一）: see bot/corpus/sections.py
    path: list[str]  # headings from the top down to this one, inclusive
    text: str  # the section's own text, original characters, line breaks joined
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Location(BaseModel):
    """Where a fact stands in its document, for the citation."""

    page: int | None = None  # 1-based PDF page
    table: int | None = None  # 1-based number of the table in the document
    table_title: str | None = None  # e.g. "三、收到和处理政府信息公开申请情况"
    section: list[str] = Field(default_factory=list)  # heading path
    offset: int | None = None  # character offset of the evidence in the reader's text (RawDocument.text)


class Statistic(BaseModel):
    """One number of a report: a template table cell or a number stated in prose."""

    source: Literal["table", "prose"]
    table: str  # "proactive" | "applications" | "review_litigation" | "legacy" | "prose"
    row: list[str]  # row path as printed, e.g. ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    column: list[str]  # column path, e.g. ["申请人情况", "总计"]; [] for prose
    value: float
    unit: str | None = None  # 件, 条, 万元, 元, %
    blank: bool = False  # printed blank, which the template counts as 0
    evidence: str | None = None  # the sentence a prose number comes from
    location: Location = Field(default_factory=Location)
    # The national template slot this cell fills (bot/lexicon/template.toml), e.g.
    # "applications.new.total"; None for prose numbers and cells no slot describes.
    slot: str | None = None
    # True when an arithmetic identity of the template that the cell takes part in
    # holds, or when the cell came from an unambiguous labelled cell no identity
    # covers. An unverified figure is never stated as a fact.
    verified: bool = False
    printed: str | None = None  # the row as printed, for cells recovered from flattened text

    @property
    def display_value(self) -> str:
        """The value as a person writes it: 3119, 18651.06."""
        return str(int(self.value)) if self.value == int(self.value) else f"{self.value:g}"


PhoneKind = Literal["phone", "fax", "phone_fax", "hotline", "mobile"]


class Phone(BaseModel):
    """A phone or fax number, with its area code where the document or registry gives one."""

    number: str  # local digits, e.g. "23165385", or a service number "12345"
    area_code: str | None = None  # "0591"
    kind: PhoneKind = "phone"
    note: str | None = None  # e.g. "可传真", "仅供答复使用"
    inferred_area_code: bool = False  # the area code comes from the agency registry, not the document

    @property
    def display(self) -> str:
        """Dialable form: 0591-23165385."""
        return f"{self.area_code}-{self.number}" if self.area_code else self.number


class Contact(BaseModel):
    """How to reach one office of an agency, as one document states it."""

    agency: str | None = None
    office: str | None = None  # e.g. "平潭综合实验区管委会政府信息公开领导小组办公室"
    role: str | None = None  # 受理机构, 主动公开工作机构, 年报联系, 查阅场所 ...
    phones: list[Phone] = Field(default_factory=list)
    address: str | None = None
    postcode: str | None = None
    email: str | None = None  # half-width
    hours: str | None = None
    evidence: str  # the text the record was read from
    section: list[str] = Field(default_factory=list)


ChannelKind = Literal["online", "written", "post", "oral", "in_person", "email", "fax"]


class Channel(BaseModel):
    """One way to submit an application."""

    kind: ChannelKind
    text: str


class Procedure(BaseModel):
    """How to apply for disclosure (依申请公开), as one guide states it."""

    channels: list[Channel] = Field(default_factory=list)
    required_content: list[str] = Field(default_factory=list)
    time_limits: list[str] = Field(default_factory=list)
    fees: str | None = None
    remedies: str | None = None
    section: list[str] = Field(default_factory=list)


class CatalogueEntry(BaseModel):
    """One row of a catalogue of disclosed items."""

    title: str
    published: date | None = None
    doc_no: str | None = None
    index_no: str | None = None


class Document(BaseModel):
    """One loaded document."""

    id: str  # path relative to the corpus root, with forward slashes
    meta: DocumentMeta
    text: str  # cleaned full text in original characters, for quoting
    sha256: str
    sections: list[Section] = Field(default_factory=list)  # top-level sections
    statistics: list[Statistic] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    procedure: Procedure | None = None
    catalogue: list[CatalogueEntry] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def walk_sections(self) -> Iterator[Section]:
        """Every section, in document order."""
        for section in self.sections:
            yield from section.walk()


class LoadFailure(BaseModel):
    """A document that could not be loaded, and why, in words an operator can act on."""

    path: str
    reason: str


class Agency(BaseModel):
    """An agency known to the corpus, with every name it goes by."""

    name: str  # canonical name, e.g. "张店区应急管理局"
    aliases: list[str] = Field(default_factory=list)  # 张店区安监局, 区安监局, former names ...
    region: str | None = None  # e.g. "山东省淄博市张店区"
    area_code: str | None = None  # e.g. "0533"
    parent: str | None = None


class AgencyMention(BaseModel):
    """An agency named in a text, with the name as written and where it stands."""

    agency: str  # canonical name
    alias: str  # the name as written in the text
    start: int
    end: int


# A bare place alias ("淮安") followed by one of these names a different place ("淮安区").
_PLACE_CONTINUES = frozenset("省市区县镇乡村街")
_ORGAN_ENDINGS = (
    "局",
    "委",
    "会",
    "办",
    "室",
    "厅",
    "府",
    "处",
    "所",
    "院",
    "部",
    "站",
    "队",
    "馆",
    "心",
    "组",
)


class AgencyRegistry(BaseModel):
    """All agencies of the corpus plus the operator's alias file.

    `resolve` turns any known name, former name or nickname into the agency;
    `find_mentions` finds every agency a text (a citizen's question) names.
    Matching folds width, script and case, so 張店區安監局 finds 张店区应急管理局.
    """

    agencies: list[Agency] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # operator-file problems (ambiguous aliases ...)
    _keys: dict[str, Agency] | None = PrivateAttr(default=None)
    _pattern: re.Pattern[str] | None = PrivateAttr(default=None)
    _indexed: tuple[int, int] | None = PrivateAttr(default=None)  # which agency list _keys was built from

    def resolve(self, name: str) -> Agency | None:
        """The agency a name or alias stands for; None when the name is unknown."""
        keys = self._index()
        key = agency_key(name)
        return keys.get(key) or keys.get(agency_key(strip_name_note(name)))

    def canonical(self, name: str) -> str:
        """The canonical name of a known agency, else the name itself."""
        agency = self.resolve(name)
        return agency.name if agency else name

    def find_mentions(self, text: str) -> list[AgencyMention]:
        """Every agency named in a text, longest name first where names overlap."""
        keys = self._index()
        if self._pattern is None:
            return []
        folded = fold(text)
        found = []
        for match in self._pattern.finditer(folded):
            alias = match[0]
            after = folded[match.end() : match.end() + 1]
            if not alias.endswith(_ORGAN_ENDINGS) and after in _PLACE_CONTINUES:
                continue
            agency = keys[alias]
            found.append(
                AgencyMention(
                    agency=agency.name,
                    alias=text[match.start() : match.end()],
                    start=match.start(),
                    end=match.end(),
                )
            )
        return found

    def mentioned(self, text: str) -> list[Agency]:
        """The agencies a text names, each once, in order of first mention."""
        seen: dict[str, Agency] = {}
        for mention in self.find_mentions(text):
            agency = self.resolve(mention.agency)
            if agency and agency.name not in seen:
                seen[agency.name] = agency
        return list(seen.values())

    def _index(self) -> dict[str, Agency]:
        # Rebuilt when the agency list is replaced (model_copy) or grows.
        if self._keys is None or self._indexed != (id(self.agencies), len(self.agencies)):
            self._indexed = (id(self.agencies), len(self.agencies))
            keys: dict[str, Agency] = {}
            for agency in self.agencies:
                for name in (agency.name, *agency.aliases):
                    keys.setdefault(agency_key(name), agency)
            self._keys = keys
            alternatives = sorted((k for k in keys if k), key=len, reverse=True)
            self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        return self._keys


def agency_key(name: str) -> str:
    """The matching form of an agency name: folded, without spaces."""
    return re.sub(r"\s+", "", fold(name))


def strip_name_note(name: str) -> str:
    """An agency name without a trailing note in brackets: 某局（广州市从化区） -> 某局."""
    return re.sub(r"(?:[（(][^（）()]*[)）])+$", "", name.strip())


class ConflictValue(BaseModel):
    """One document's value in a conflict."""

    value: str
    document: str  # Document.id
    title: str
    published: date | None = None


class Conflict(BaseModel):
    """Documents that disagree on the same contact field of the same agency."""

    agency: str
    field: str  # "phone", "fax", "address", "email", ...
    values: list[ConflictValue]


class Corpus(BaseModel):
    """Everything loaded from one corpus folder."""

    root: str
    documents: list[Document] = Field(default_factory=list)
    failures: list[LoadFailure] = Field(default_factory=list)
    agencies: AgencyRegistry = Field(default_factory=AgencyRegistry)
    conflicts: list[Conflict] = Field(default_factory=list)
