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

from bot.corpus.models import AgencyRegistry, DocKind
from bot.corpus.organs import (
    GOVERNED_PLACE,
    GOVERNMENT,
    MANAGED_AREA,
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
)
_NOTE_SUBJECT = re.compile(r"[（(]([^（）()]{2,40})[)）]$")
# "X信息公开办", "X政务公开领导小组办公室": the office of X that compiles X's report.
_OFFICE_OF = re.compile(r"^(.+?(?:人民政府|政府|局|委员会|管委会))(?:信息公开|政府信息公开|政务公开).*$")
_ITEM_LABELS = ("发文机关", "责任部门", "发布机构", "来源")


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
        candidates = [*(fields.get(k) for k in _ITEM_LABELS), organ, *authors, subject]
    else:
        compiler = compiled_by(body)
        candidates = [subject, fields.get("发布机构"), fields.get("来源"), _office_owner(compiler), *authors]
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
    return None


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
    known = registry.resolve(name)
    if known:
        return known.name
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
        if not name.startswith(place) or split_place(name[len(place) :])[0]:
            continue  # another place's body, or a body of a place inside this one
        if GOVERNMENT.search(name):
            return name
        if (government := office_of(name)) and GOVERNMENT.search(government):
            return government
    return None
