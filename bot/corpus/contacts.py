"""Contacts: which office to reach, by which phone, fax, address, e-mail and hours.

Guides and reports list them as labelled values, often run together on one line:

    受理机构：平潭综合实验区管委会政府信息公开领导小组办公室地址：…14层邮政编码：350400
    咨询电话：0591-23165385电子邮箱：pzxxgkb＠163.com(仅供答复使用)咨询时间：周一至周五…
    请与淮安市人民政府办公室联系（地址：…，邮编：223001，电话：0517-83605210，电子邮箱：…）
    我局专门设立了热线电话（2270822）

Labelled values that follow each other make one contact; a repeated label, a new
paragraph, a new section or a new name between them starts the next one (a label
repeated with the same value, 通信地址 then 受理地址, does not). The office is the
受理机构 value, or the name just before the values ("请与X联系", "区档案馆地址：").

A contact belongs to the agency whose document prints it, unless it names another
known agency as its office (`owner`): a department's report that says "请联系某局办公室"
gives that department's phone, never its government's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.corpus.models import Agency, AgencyRegistry, Contact, Phone
from bot.corpus.organs import qualify
from bot.corpus.phones import LabelKind, parse_phones
from bot.corpus.sections import SectionTree
from bot.text import fold

_LABELS = (
    ("office", r"受理(?:机构|单位|部门|窗口)"),
    ("phone_fax", r"电\s*话\s*/\s*传\s*真"),
    ("hotline", r"(?:服务|咨询|投诉|举报|监督)?热线(?:电话)?"),
    ("fax", r"传\s*真(?:号码)?"),
    ("phone", r"(?:联系|咨询|办公|值班|服务|监督|投诉|举报|查询)?电\s*话(?:号码)?"),
    ("postcode", r"邮\s*政\s*编\s*码|邮\s*编"),
    ("email", r"电子邮箱|电子信箱|电子邮件|邮\s*箱|e-?mail"),
    ("address", r"(?:通信|通讯|联系|办公|单位|详细|收件|受理|邮寄)?地\s*址"),
    ("hours", r"(?:咨询|受理|办公|工作|接待|服务|开放)时间"),
)
_LABEL = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _LABELS))
_PHONE_LABELS: dict[str, LabelKind] = {
    "phone": "phone",
    "fax": "fax",
    "phone_fax": "phone_fax",
    "hotline": "hotline",
}
_COLON = re.compile(r"\s*:\s*")
_DIGITS_FOLLOW = re.compile(r"\s*\(?\s*\d")
_POSTCODE = re.compile(r"\s*(\d{6})(?!\d)")
_EMAIL = re.compile(r"\s*([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)")
_ENDS = {
    kind: re.compile(f"[{chars}]")
    for kind, chars in (("address", ",;。\n"), ("hours", "。;\n"), ("office", ",;。\n("))
}
_NOTES = re.compile(r"\([^()]*\)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_VERB_ORG = re.compile(
    r"(?:请与|直接与|可与|或与|致电|请联系|联系)([^，。,；;（(：:\s]{3,40}?)(?=\s*(?:联系|[,，。(（]|$))"
)
_BOUNDARY = re.compile(
    r"[。；;，,、：:！？!?\n]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)"
)
_STOP_PHRASES = re.compile(r"^.*(?:请与|直接与|可与|或与|致电|联系|通过|其他形式|等|即)")
# What a guide calls an office before naming it: "受理政府信息公开申请的机构平潭…局办公室".
_ROLE_WORDS = re.compile(
    r"^[（(【\[]?(?:(?:主动公开|政府信息公开|依申请公开|受理(?:政府信息公开)?申请的?|政府信息公开申请的?受理"
    r"|受理)?(?:工作)?机构|查阅场所|查阅点)?"
)
OFFICE_END = re.compile(
    r"(?:办公室|小组|局|馆|中心|大厅|厅|委员会|管委会|政府|办事处|科|处|室|站|所|部|院|办|窗口)$"
)
_LOOK_BACK = 80
_MAX_GAP = 40  # more text than a note between two values: they are not one contact
_WEB = re.compile(r"(?:网站|网页|门户|网)$")
_URL = re.compile(r"\s*(?:https?:|www\.)")


@dataclass
class _Field:
    kind: str
    start: int  # label start
    end: int  # value end
    value: str = ""
    phones: list[Phone] = field(default_factory=list)


def extract_contacts(body: str, tree: SectionTree, agency: str | None) -> list[Contact]:
    """Every contact a body lists, with the section it stands in."""
    folded = fold(body)
    contacts: list[Contact] = []
    floor = 0
    for cluster in _clusters(_fields(body, folded), body, tree):
        contacts.append(_contact(cluster, body, tree, agency, floor))
        floor = cluster[-1].end
    return contacts


def _fields(body: str, folded: str) -> list[_Field]:
    """Every labelled contact value of the body, in order."""
    matches = _outside_notes(list(_LABEL.finditer(folded)), folded)
    found = []
    for match, nxt in zip(matches, [*matches[1:], None][: len(matches)], strict=True):
        kind = match.lastgroup or ""
        limit = nxt.start() if nxt else len(folded)
        pos = _value_start(kind, folded, match.end())
        if pos is not None and (item := _value(kind, body, folded, match.start(), pos, limit)):
            found.append(item)
    return found


def _outside_notes(matches: list[re.Match[str]], folded: str) -> list[re.Match[str]]:
    """Labels except one repeating the label before it inside a bracketed note of its value:
    in "咨询时间：8:00-12:00（夏令工作时间:8:00-12:00，…）" the second is part of the first."""
    kept: list[re.Match[str]] = []
    for match in matches:
        last = kept[-1] if kept else None
        before = folded[last.end() : match.start()] if last else ""
        in_note = before.count("(") > before.count(")") and len(before) <= 2 * _MAX_GAP
        if not (in_note and last and last.lastgroup == match.lastgroup):
            kept.append(match)
    return kept


def _value_start(kind: str, folded: str, pos: int) -> int | None:
    """Where a label's value starts, or None when the word is not used as a label here."""
    if colon := _COLON.match(folded, pos):
        return colon.end()
    if kind in _PHONE_LABELS and _DIGITS_FOLLOW.match(folded, pos):
        return pos
    if kind in ("hours", "address") and folded.startswith("为", pos):
        return pos + 1
    return None


def _value(kind: str, body: str, folded: str, start: int, pos: int, limit: int) -> _Field | None:
    if kind in _PHONE_LABELS:
        phones, end = parse_phones(folded, pos, _PHONE_LABELS[kind])
        return _Field("phone" if kind != "fax" else "fax", start, end, phones=phones) if phones else None
    if kind in ("postcode", "email"):
        match = (_POSTCODE if kind == "postcode" else _EMAIL).match(folded, pos)
        return _Field(kind, start, match.end(), value=match[1]) if match else None
    stop = _ENDS[kind].search(folded, pos, limit)
    end = stop.start() if stop else limit
    value = body[pos:end].strip()
    if kind == "address" and (_WEB.search(folded[max(0, start - 4) : start]) or _URL.match(folded, pos)):
        return None  # 网站地址：http://…
    return _Field(kind, start, end, value=value) if value else None


def _clusters(fields: list[_Field], body: str, tree: SectionTree) -> list[list[_Field]]:
    """Labelled values that belong to one office."""
    clusters: list[list[_Field]] = []
    for item in fields:
        current = clusters[-1] if clusters else None
        if current is None or _starts_new(current, item, body, tree):
            clusters.append([item])
        else:
            current.append(item)
    return clusters


def _starts_new(cluster: list[_Field], item: _Field, body: str, tree: SectionTree) -> bool:
    if item.start - cluster[-1].end > _MAX_GAP:
        return True
    gap = _NOTES.sub("", fold(body[cluster[-1].end : item.start]))
    return (
        bool(_CJK_RUN.search(gap))
        or any(f.kind == item.kind and (f.value != item.value or f.phones != item.phones) for f in cluster)
        or tree.path_at(cluster[0].start) != tree.path_at(item.start)
    )


def _contact(cluster: list[_Field], body: str, tree: SectionTree, agency: str | None, floor: int) -> Contact:
    values = {f.kind: f.value for f in cluster if f.value}
    path = tree.path_at(cluster[0].start)
    office = values.get("office") or _office_before(body, cluster[0].start, floor)
    evidence = _evidence(body, cluster[0].start, cluster[-1].end, tree)
    before = body[max(floor, cluster[0].start - _LOOK_BACK) : cluster[0].start]
    return Contact(
        agency=agency,
        office=office,
        role=_role(values, before + evidence, path, office, cluster),
        phones=[p for f in cluster for p in f.phones],
        address=values.get("address"),
        postcode=values.get("postcode"),
        email=values.get("email"),
        hours=values.get("hours"),
        evidence=evidence,
        section=path,
    )


def _office_before(body: str, pos: int, floor: int) -> str | None:
    """The office named just before the values: "请与X联系（…", "区档案馆地址：…"."""
    window = body[max(floor, pos - _LOOK_BACK) : pos]
    named = [
        m[1] for m in _VERB_ORG.finditer(window) if len(window) - m.end() <= 12 and OFFICE_END.search(m[1])
    ]
    if named:
        return named[-1]
    chunk = window.rstrip(" ,，:：、\u3000\n")  # the name may stand on the line above its values
    cuts = list(_BOUNDARY.finditer(chunk))
    chunk = chunk[cuts[-1].end() :] if cuts else chunk
    chunk = _ROLE_WORDS.sub("", _STOP_PHRASES.sub("", chunk)).strip(" （(【[")
    return chunk if 3 <= len(chunk) <= 40 and OFFICE_END.search(chunk) else None


def _role(
    values: dict[str, str], evidence: str, path: list[str], office: str | None, cluster: list[_Field]
) -> str | None:
    """What the office is for: 受理机构, 主动公开工作机构, 查阅场所, 年报联系, 热线."""
    context = " ".join([*path, evidence, office or ""])
    if "office" in values or "受理" in " ".join(path):
        return "受理机构"
    if "主动公开工作机构" in context:
        return "主动公开工作机构"
    if re.search(r"档案馆|图书馆|查阅", office or "") or "查阅" in " ".join(path):
        return "查阅场所"
    if "本报告" in evidence or "年度报告" in evidence:
        return "年报联系"
    if any(p.kind == "hotline" for f in cluster for p in f.phones) or "热线" in evidence:
        return "热线"
    return None


def _evidence(body: str, start: int, end: int, tree: SectionTree) -> str:
    """The sentence(s) the contact was read from, within its section."""
    lo, hi = next(((s, e) for s, e, _ in tree.spans if s <= start < e), (0, len(body)))
    left = max(body.rfind("。", lo, start) + 1, body.rfind("\n", lo, start) + 1, lo, start - 150)
    stops = [i for i in (body.find("。", end, hi), body.find("\n", end, hi)) if i >= 0]
    right = min([*stops, hi, end + 60])
    if right < len(body) and body[right : right + 1] == "。":
        right += 1
    return body[left:right].strip()


def owner(contact: Contact, registry: AgencyRegistry, agency: str | None) -> Agency | None:
    """The agency a contact belongs to: the office it names when the registry knows that office
    as an agency ("受理机构：平潭综合实验区管委会办公室"), else its document's agency; never the
    parent or a sibling of either (a department's 办公室 is the department's)."""
    if contact.office and (named := registry.resolve(qualify(contact.office, agency))):
        return named
    return registry.resolve(agency) if agency else None
