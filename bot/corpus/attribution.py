"""Which agency a document is from: the body it is about versus the body that published it.

Evidence differs by kind:

- an item (主动公开文件, 统计公报) belongs to its issuer: the labelled 发文机关,
  责任部门 or 发布机构 of the page, else the organ its title starts with, else the
  by-line under the title ("万载县统计局 国家统计局万载调查队"); a bare place in the
  title ("万载县2022年…统计公报") is what a bulletin is about, not who issued it;
- a name relative to the document's place (区财政金融局, 市公安局) is made whole with
  the place the title or the page names;
- a report or guide belongs to the body its title names ("平潭综合实验区公安局2022年…").
  A bare place there is its government: 淮安市 -> 淮安市人民政府; a managed area
  (实验区, 新区, 开发区) is run by the 管委会 the page or its compiler names
  ("由平潭综合实验区管委会办公室编制" -> 平潭综合实验区管委会).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from bot.corpus.abbreviations import full_name
from bot.corpus.models import AgencyRegistry, DocKind
from bot.corpus.organs import (
    GOVERNED_PLACE,
    GOVERNMENT,
    MANAGED_AREA,
    ORGAN_NAME,
    is_office,
    is_organ,
    is_place,
    office_of,
    qualify,
    split_place,
)
from bot.corpus.signatures import compiled_by

_PRONOUN = re.compile(r"^(?:我|本|该|各|上述)")
_SUBJECT_PATTERNS = (
    re.compile(r"^([^《》（）()]{2,40}?)(?:19|20)\d{2}年"),  # 张店区应急管理局2017年度…
    re.compile(r"^(?:19|20)\d{2}年度?([^《》（）()]{2,30}?)政府信息公开"),  # 2022年上海市政府信息公开…
    re.compile(r"^([^《》（）()]{2,40}?)(?:关于|印发|转发)"),  # 平潭综合实验区管委会关于…
    re.compile(r"^([^《》（）()]{2,40}?)政府信息公开"),  # 平潭综合实验区政府信息公开指南
    # 镇巴县人民政府工作规则: a body, then what it made
    re.compile(
        r"^([^《》（）()]{2,30}?(?:人民政府|管委会|管理委员会|办事处|办公室|办公厅|委员会|局))[^《》]{2,}$"
    ),
)
_NOTE_SUBJECT = re.compile(r"[（(]([^（）()]{2,40})[)）]$")
# "X信息公开办", "X政务公开领导小组办公室": the office of X that compiles X's report.
_OFFICE_OF = re.compile(r"^(.+?(?:人民政府|政府|局|委员会|管委会))(?:信息公开|政府信息公开|政务公开).*$")
_ITEM_LABELS = ("发文机关", "责任部门", "发布机构", "来源")
# The national guide template: "根据《X职能配置、内设机构和人员编制规定》…，本机关…".
_OWN_REMIT = re.compile(rf"《({ORGAN_NAME})(?:主要)?(?:职能配置|职责)[、，,]?\s*内设机构和人员编制规定》")
_PLACE_WORD = re.compile(r"(?<![各本全该我])[\u4e00-\u9fff]{2,5}?(?:省|市|县|区|镇|乡|街道)(?![长委])")
_NOT_PLACES = frozenset("城市 城镇 乡镇 社区 辖区 城区 开发区 园区 片区 景区 市区 县区 镇区".split())
_DOMINANT = 3  # mentions that make a place the subject of a text that names no agency


def infer_agency(
    title: str | None,
    fields: dict[str, str],
    body: str,
    kind: DocKind | None,
    registry: AgencyRegistry,
    catalogue_titles: Sequence[str] = (),
    authors: Sequence[str] = (),
) -> str | None:
    """The agency a document is from, by its canonical name where the registry knows it."""
    subject = title_subject(title or "")
    if kind is DocKind.ITEM:
        organ = subject if subject and is_organ(subject) else None
        labelled = [fields.get(k) for k in _ITEM_LABELS]
        candidates = [_issuer(organ, labelled, authors), *labelled, organ, *authors, subject]
    else:
        compiler = compiled_by(body)
        remit = _OWN_REMIT.search(body[:1500])
        candidates = [
            subject,
            fields.get("发布机构"),
            fields.get("来源"),
            remit[1] if remit else None,
            _office_owner(compiler),
            *authors,
        ]
    if kind is DocKind.ITEM_LIST and catalogue_titles:
        issuers = Counter(filter(None, map(title_subject, catalogue_titles)))
        candidates.insert(0, issuers.most_common(1)[0][0] if issuers else None)
    evidence = [fields.get("发布机构"), fields.get("来源"), *authors]
    home = _home(subject, evidence)
    for candidate in candidates:
        if candidate and (is_organ(candidate) or is_place(candidate)):
            return as_agency(qualify(candidate, home), registry, evidence)
    if kind in (DocKind.REPORT, DocKind.GUIDE):
        mentioned = registry.mentioned(re.sub(r"《[^》]*》", "", body[:300]))
        if mentioned:
            return mentioned[0].name
        place = _dominant_place(body)
        return as_agency(place, registry, [*evidence, *_governments_of(place, body)]) if place else None
    return None


def _issuer(organ: str | None, labelled: Sequence[str | None], authors: Sequence[str]) -> str | None:
    """The government that issued an item its own office published: the title's body when it
    also signed it and the page's labelled body is only its office ("高青县人民政府关于…",
    signed 高青县人民政府, 发文机关 高青县人民政府办公室)."""
    if not organ or organ not in authors:
        return None
    offices = [name for name in labelled if name and office_of(qualify(name, organ)) == organ]
    return organ if offices else None


def _governments_of(place: str, body: str) -> list[str]:
    """Full names of the place's government the text prints ("济源市大峪镇人民政府"), longest first."""
    pattern = re.compile(rf"[\u4e00-\u9fff]{{0,8}}?{re.escape(place)}(?:人民政府|管委会|管理委员会|办事处)")
    return sorted({m[0] for m in pattern.finditer(body[:3000])}, key=len, reverse=True)


def _dominant_place(body: str) -> str | None:
    """The place a text keeps naming when it names no agency ("大峪镇政务公开平台" …)."""
    text = re.sub(r"《[^》]*》", "", body[:3000])
    counts = Counter(m[0] for m in _PLACE_WORD.finditer(text) if m[0] not in _NOT_PLACES)
    if not counts:
        return None
    place, count = counts.most_common(1)[0]
    return place if count >= _DOMINANT else None


def _home(subject: str | None, evidence: Sequence[str | None]) -> str | None:
    """The first name that says where the document is from, to make relative names whole
    ("区财政金融局" on a 平潭综合实验区管委会 page -> 平潭综合实验区财政金融局)."""
    for name in (subject, *evidence):
        if name and (split_place(name)[0] or is_place(name)):
            return name
    return None


def title_subject(title: str) -> str | None:
    """The body a title names as its author: "平潭综合实验区管委会关于…" -> 平潭综合实验区管委会."""
    name = re.sub(r"\s+", "", title)
    for pattern in _SUBJECT_PATTERNS:
        match = pattern.match(name)
        if match and (is_organ(match[1]) or is_place(match[1])) and not _PRONOUN.match(match[1]):
            return match[1]
    note = _NOTE_SUBJECT.search(name)
    if note and (is_organ(note[1]) or is_place(note[1])):
        return note[1]
    return None


def _office_owner(office: str | None) -> str | None:
    """The body whose office compiled a report: 福州市晋安区人民政府信息公开办 -> 福州市晋安区人民政府."""
    if not office:
        return None
    parent = _OFFICE_OF.match(office)
    return parent[1] if parent else office


def as_agency(name: str, registry: AgencyRegistry, evidence: Iterable[str | None] = ()) -> str:
    """A known agency's canonical name; a bare place becomes the body that governs it."""
    known = registry.resolve(name) or registry.resolve(full_name(name))
    if known:
        return known.name
    if full_name(name) != name:
        return full_name(name)
    if name.endswith("街道"):
        return registry.canonical(name + "办事处")
    if not is_place(name):
        return name
    named = _government_named(name, evidence)
    if named:
        return registry.canonical(named)
    if GOVERNED_PLACE.search(name) and not MANAGED_AREA.search(name):
        return registry.canonical(name + "人民政府")
    return name


def _government_named(place: str, evidence: Iterable[str | None]) -> str | None:
    """The government of a place among the names a page gives (publisher, compiler, signature)."""
    for raw in evidence:
        if not raw:
            continue
        name = qualify(raw, place)
        where, rest = split_place(name)
        if not where.endswith(place):
            continue  # another place's body, or a body of a place inside this one
        if GOVERNMENT.search(rest) and not is_office(rest):
            return name
        if (government := office_of(name)) and GOVERNMENT.search(government):
            return government
    return None
