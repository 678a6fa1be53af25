"""Infer a document's metadata from its fields and text, then let the sidecar win.

Every value has an order of evidence: the format reader's labelled fields, labelled
header lines of the text, the title, and last sentences of the body ("由区安监局编制",
"统计期限自2017年1月1日"). Inferred field names are listed in `DocumentMeta.inferred`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.corpus.classify import classify, report_template
from bot.corpus.cn import find_dates, first_year, parse_date
from bot.corpus.header import Header
from bot.corpus.models import AgencyRegistry, DocKind, DocumentMeta
from bot.corpus.titles import title_in_text
from bot.text import normalize_doc_no

ORGAN = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|政府|管委会|办事处|中心|院|厅|部|署|所|站|队|处|科|馆|小组|办)$"
)
PLACE = re.compile(r"(?:省|市|区|县|镇|乡|街道|新区|示范区|实验区)$")
# Places with a people's government; 实验区, 新区, 开发区 ... are run by a 管委会 instead.
_GOVERNED_PLACE = re.compile(r"(?:省|市|县|镇|乡|区)$")
_MANAGED_AREA = re.compile(r"(?:实验区|示范区|开发区|园区|片区|景区|保税区|新区)$")
_PRONOUN = re.compile(r"^(?:我|本|该|各|上述)")
_SUBJECT_PATTERNS = (
    re.compile(r"^([^《》（）()]{2,40}?)(?:19|20)\d{2}年"),  # 张店区应急管理局2017年度…
    re.compile(r"^(?:19|20)\d{2}年度?([^《》（）()]{2,30}?)政府信息公开"),  # 2022年上海市政府信息公开…
    re.compile(r"^([^《》（）()]{2,40}?)(?:关于|印发|转发)"),  # 平潭综合实验区管委会关于…
    re.compile(r"^([^《》（）()]{2,40}?)政府信息公开"),  # 平潭综合实验区政府信息公开指南
)
_NOTE_SUBJECT = re.compile(r"[（(]([^（）()]{2,40})[)）]$")
_COMPILED_BY = (
    re.compile(
        r"由([\u4e00-\u9fff]{2,40}?(?:局|委员会|办公室|政府|管委会|办事处|小组|办))(?:根据[^。]{0,120}?)?(?:编制|汇总)"
    ),
    re.compile(r"([\u4e00-\u9fff]{2,40}?(?:局|委员会|办公室|政府|管委会|办事处|小组|办))编制(?:完成)?了?本"),
)
_OFFICE_OF = re.compile(r"^(.+?(?:人民政府|政府|局|委员会|管委会))(?:信息公开|政府信息公开|政务公开).*$")
_PERIOD = re.compile(r"统计(?:期限|时限|期间|数据|时间)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_DOC_NO_IN = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号")
_INDEX_NO = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/\-_.]{5,}$")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$", re.MULTILINE)
_PREAMBLE_END = re.compile(r"^\s*(?:#+\s*)?第[一二三四五六七八九十]+[章条]", re.MULTILINE)
_CUT_OFF = re.compile(r"[\u4e00-\u9fff，,、；;：:]$")
_PUNCTUATION = re.compile(r"[，,。；;：:、]")


@dataclass
class Inference:
    """What the text says about a document: DocumentMeta fields and warnings."""

    values: dict[str, Any] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)  # field -> why it could not be inferred


def infer_meta(
    header: Header, body: str, registry: AgencyRegistry, catalogue_titles: list[str], fallback_title: str
) -> Inference:
    """Every metadata field the text allows, from the header fields, the title and the body."""
    fields = header.fields
    out = Inference()
    title = _title(header, body, catalogue_titles)
    kind = classify(title, fields, body, bool(catalogue_titles))
    out.values["title"] = title or fallback_title
    if title is None:
        out.warnings["title"] = "no title found in the text; using the file name"
    out.values["kind"] = kind or DocKind.GENERIC
    if kind is None:
        out.warnings["kind"] = (
            "kind could not be told (report, guide, item, list, law); loaded as generic text"
        )
    out.values |= _item_fields(fields, header, body, title, kind)
    out.values["agency"] = infer_agency(title, fields, body, kind, registry, catalogue_titles)
    out.values["year"] = _year(kind, title, body, out.values)
    if kind is DocKind.REPORT:
        out.values["template"] = report_template(body, out.values["year"])
    if kind in (DocKind.REPORT, DocKind.GUIDE, DocKind.LAW) and _cut_off(body):
        out.values["complete"] = False
    return out


def merge_meta(inferred: Inference, sidecar: dict[str, Any]) -> tuple[DocumentMeta, list[str]]:
    """The sidecar's fields over the inferred ones; warnings where the two disagree."""
    values = {k: v for k, v in inferred.values.items() if v is not None}
    meta = DocumentMeta.model_validate(values | sidecar)
    meta.inferred = sorted(k for k in values if k not in sidecar)
    warnings = [message for key, message in inferred.warnings.items() if key not in sidecar]
    warnings += [
        f"sidecar says {key}={sidecar[key]!s}, the text says {values[key]!s}"
        for key in ("kind", "year", "index_no", "doc_no")
        if key in sidecar
        and key in values
        and key not in inferred.warnings
        and str(sidecar[key]) != str(values[key])
    ]
    if meta.agency is None and meta.kind is not DocKind.LAW:
        warnings.append("agency could not be told")
    if meta.kind is DocKind.REPORT and meta.year is None:
        warnings.append("report year could not be told")
    if meta.kind is DocKind.REPORT and meta.template is None:
        warnings.append("report template (pre-2019 or national) could not be told")
    return meta, warnings


def _embedded_title(embedded: str | None, in_text: str | None) -> str | None:
    """A file's embedded title (<title>, PDF info) unless the text's own title says more.

    PDF producers often store a generic title ("政府信息公开工作年度报告") while the
    printed title names the agency and year; the printed one wins when it contains it.
    """
    if embedded and in_text and embedded in in_text and len(in_text) > len(embedded):
        return None
    return embedded


def _title(header: Header, body: str, catalogue_titles: list[str]) -> str | None:
    fields = header.fields
    in_text = header.title or title_in_text(body)
    title = fields.get("标题") or _embedded_title(fields.get("<title>"), in_text) or in_text
    if title is None and catalogue_titles and "栏目" in fields:
        title = re.split(r"\s*[>＞/]\s*", fields["栏目"])[-1]  # an item list is named after its column
    return title.strip() if title else None


def _item_fields(
    fields: dict[str, str], header: Header, body: str, title: str | None, kind: DocKind | None
) -> dict[str, Any]:
    """索引号, 文号, 发文机关, dates, validity and the page address."""
    values: dict[str, Any] = {
        "published": parse_date(fields.get("发布时间", "")),
        "publisher": fields.get("发文机关") or fields.get("发布机构") or fields.get("来源"),
        "validity": fields.get("有效性"),
        "url": fields["原文链接"] if fields.get("原文链接", "").startswith("http") else None,
    }
    index_no = fields.get("索引号", "").strip()
    values["index_no"] = index_no if _INDEX_NO.match(index_no) else None
    values["doc_no"] = _doc_no(fields, header, title)
    written = parse_date(fields.get("成文日期", ""))
    if written is None and kind is DocKind.ITEM:
        written = _signed_on(body)
    values["written"] = written
    return values


def _doc_no(fields: dict[str, str], header: Header, title: str | None) -> str | None:
    for candidate in (fields.get("发文字号", ""), *header.doc_nos, title or ""):
        match = _DOC_NO_IN.search(candidate.replace(" ", ""))
        if match:
            return normalize_doc_no(match[0])
    return None


def _signed_on(body: str) -> date | None:
    """The date an item was signed: the last line that is only a date."""
    lines = _DATE_LINE.findall(body)
    return parse_date(lines[-1]) if lines else None


def infer_agency(
    title: str | None,
    fields: dict[str, str],
    body: str,
    kind: DocKind | None,
    registry: AgencyRegistry,
    catalogue_titles: list[str] | None = None,
) -> str | None:
    """The agency a document is from, by its canonical name where the registry knows it."""
    labelled = [fields.get("发文机关"), fields.get("发布机构"), fields.get("来源")]
    from_title = title_subject(title or "")
    if kind is DocKind.ITEM:
        candidates = [*labelled, from_title]
    else:
        candidates = [from_title, fields.get("发布机构"), fields.get("来源"), compiled_by(body)]
    if kind is DocKind.ITEM_LIST and catalogue_titles:
        issuers = Counter(filter(None, map(title_subject, catalogue_titles)))
        candidates.insert(0, issuers.most_common(1)[0][0] if issuers else None)
    for candidate in candidates:
        if candidate and (ORGAN.search(candidate) or PLACE.search(candidate)):
            return _as_agency(candidate, registry)
    if kind in (DocKind.REPORT, DocKind.GUIDE):
        mentioned = registry.mentioned(re.sub(r"《[^》]*》", "", body[:300]))
        if mentioned:
            return mentioned[0].name
    return None


def title_subject(title: str) -> str | None:
    """The body a title names as its author: "平潭综合实验区管委会关于…" -> 平潭综合实验区管委会."""
    name = re.sub(r"\s+", "", title)
    for pattern in _SUBJECT_PATTERNS:
        match = pattern.match(name)
        if match and (ORGAN.search(match[1]) or PLACE.search(match[1])) and not _PRONOUN.match(match[1]):
            return match[1]
    note = _NOTE_SUBJECT.search(name)
    if note and (ORGAN.search(note[1]) or PLACE.search(note[1])):
        return note[1]
    return None


def compiled_by(body: str) -> str | None:
    """The body a report says compiled it ("由区安监局编制"), without the office suffix."""
    for pattern in _COMPILED_BY:
        match = pattern.search(body[:800])
        if match:
            office = match[1]
            parent = _OFFICE_OF.match(office)
            return parent[1] if parent else office
    return None


def _as_agency(name: str, registry: AgencyRegistry) -> str:
    """A known agency's canonical name; a bare place becomes its people's government."""
    known = registry.resolve(name)
    if known:
        return known.name
    if name.endswith("街道"):
        return registry.canonical(name + "办事处")
    if _GOVERNED_PLACE.search(name) and not _MANAGED_AREA.search(name) and not ORGAN.search(name):
        return registry.canonical(name + "人民政府")
    return name


def _year(kind: DocKind | None, title: str | None, body: str, values: dict[str, Any]) -> int | None:
    """The year a document is about: a report's year, an item's date, a law's latest date."""
    doc_no_year = re.search(r"〔(\d{4})〕", values.get("doc_no") or "")
    dated: list[date | None] = [values.get("written"), values.get("published")]
    if kind is DocKind.ITEM:
        candidates = [d.year if d else None for d in dated[:1]]
        candidates += [int(doc_no_year[1]) if doc_no_year else None, first_year(title or "")]
        candidates += [d.year if d else None for d in dated[1:]]
    elif kind is DocKind.LAW:
        preamble = body[: m.start()] if (m := _PREAMBLE_END.search(body)) else body[:300]
        years = [d.year for d in find_dates(preamble)]
        candidates = [first_year(title or ""), max(years) if years else None]
    else:
        period = _PERIOD.search(body[:2000])
        candidates = [first_year(title or ""), int(period[1]) if period else None]
    return next((year for year in candidates if year), None)


def _cut_off(body: str) -> bool:
    """Whether a text stops mid-sentence, as excerpts do (a closing signature or date does not)."""
    lines = [line.strip() for line in body.strip().split("\n") if line.strip()]
    if not lines or not _CUT_OFF.search(lines[-1]):
        return False
    last = lines[-1]
    signature = len(last) <= 25 and not _PUNCTUATION.search(last) and bool(ORGAN.search(last))
    return not signature and not _DATE_LINE.match(last)
