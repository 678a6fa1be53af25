"""Infer a document's metadata from its fields and text, then let the sidecar win.

Every value has an order of evidence: the format reader's labelled fields, labelled
header lines of the text, the title, and last sentences of the body ("由区安监局编制",
"统计期限自2017年1月1日"). Inferred field names are listed in `DocumentMeta.inferred`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.corpus.attribution import infer_agency
from bot.corpus.classify import classify, is_statistical, report_template
from bot.corpus.cn import find_dates, first_year, parse_date
from bot.corpus.header import Header
from bot.corpus.models import AgencyRegistry, DocKind, DocumentMeta
from bot.corpus.organs import ORGAN, qualify
from bot.corpus.signatures import compiled_by, makers
from bot.corpus.titles import page_title, title_in_text
from bot.text import normalize_doc_no

_PERIOD = re.compile(r"统计(?:期限|时限|期间|数据|时间)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_DOC_NO_IN = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号")
_INDEX_NO = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/\-_.]{5,}$")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$", re.MULTILINE)
_PREAMBLE_END = re.compile(r"^\s*(?:#+\s*)?第[一二三四五六七八九十]+[章条]", re.MULTILINE)
_CUT_OFF = re.compile(r"[\u4e00-\u9fff，,、；;：:]$")
_PUNCTUATION = re.compile(r"[，,。；;：:、]")
_PUBLISHER_LABELS = ("发文机关", "发布机构", "来源", "责任部门")
# A text that ends with a date was signed, even when the signature shares the line.
_ENDS_WITH_DATE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年[\d一二三四五六七八九十\s]{1,4}月"
    r"(?:[\d一二三四五六七八九十\s]{1,4}日)?$"
)
# Links a saved page prints after the document: "附件下载", "打印本页 关闭窗口".
_PAGE_FURNITURE = re.compile(
    r"(?:\s*(?:附件下载|相关附件|附件：?|打印本页|打印|关闭窗口|关闭|返回顶部|【[^】]{1,6}】))+$"
)


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
    named = makers(body)
    agency = infer_agency(title, fields, body, kind, registry, catalogue_titles, named)
    out.values["agency"] = agency
    out.values["authors"] = list(dict.fromkeys(registry.canonical(qualify(n, agency)) for n in named))
    compiler = compiled_by(body)
    out.values["compiled_by"] = registry.canonical(qualify(compiler, agency)) if compiler else None
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
    embedded = page_title(fields["<title>"]) if fields.get("<title>") else None
    title = fields.get("标题") or _embedded_title(embedded, in_text) or in_text
    if title is None and catalogue_titles and "栏目" in fields:
        title = re.split(r"\s*[>＞/]\s*", fields["栏目"])[-1]  # an item list is named after its column
    return title.strip() if title else None


def _item_fields(
    fields: dict[str, str], header: Header, body: str, title: str | None, kind: DocKind | None
) -> dict[str, Any]:
    """索引号, 文号, 发文机关, dates, validity and the page address."""
    values: dict[str, Any] = {
        "published": parse_date(fields.get("发布时间", "")),
        "publisher": next((fields[k] for k in _PUBLISHER_LABELS if fields.get(k)), None),
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


def _year(kind: DocKind | None, title: str | None, body: str, values: dict[str, Any]) -> int | None:
    """The year a document is about: a report's or a bulletin's period, an item's date, a law's
    latest date, a guide's edition or publication."""
    doc_no_year = re.search(r"〔(\d{4})〕", values.get("doc_no") or "")
    written, published = (d.year if (d := values.get(k)) else None for k in ("written", "published"))
    period_match = _PERIOD.search(body[:2000])
    period = int(period_match[1]) if period_match else None
    titled = first_year(title or "")
    if kind is DocKind.ITEM and is_statistical(title):
        candidates = [titled, period, written, published]  # 万载县2022年…统计公报, issued 2023
    elif kind is DocKind.ITEM:
        candidates = [written, int(doc_no_year[1]) if doc_no_year else None, titled, published]
    elif kind is DocKind.LAW:
        preamble = body[: m.start()] if (m := _PREAMBLE_END.search(body)) else body[:300]
        years = [d.year for d in find_dates(preamble)]
        candidates = [titled, max(years) if years else None]
    elif kind is DocKind.GUIDE:
        candidates = [titled, published]
    else:
        candidates = [titled, period]
    return next((year for year in candidates if year), None)


def _cut_off(body: str) -> bool:
    """Whether a text stops mid-sentence, as excerpts do (a closing signature or date does not)."""
    lines = [line.strip() for line in body.strip().split("\n") if line.strip()]
    last = _PAGE_FURNITURE.sub("", lines[-1]).strip() if lines else ""
    if not last or not _CUT_OFF.search(last) or _ENDS_WITH_DATE.search(last):
        return False
    signature = len(last) <= 25 and not _PUNCTUATION.search(last) and bool(ORGAN.search(last))
    return not signature
