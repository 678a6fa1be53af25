"""Which agencies a question names, from the corpus registry.

Three strengths of mention, strongest first:
- a full name or alias (张店区安监局, 淮安市人民政府办公室 → 淮安市人民政府 by prefix);
- a place (平潭, 淮安市): every agency of that place, to be narrowed by what documents exist;
- a bare agency type (安监局) that only one agency of the registry has.
Places the registry does not know (北京市海淀区) are reported, so the engine can say
plainly that the records do not cover them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.corpus.models import AgencyRegistry
from bot.text import fold

# Place suffixes, longest first, so that 平潭综合实验区 stems to 平潭.
_PLACE_SUFFIXES = (
    "综合实验区",
    "经济开发区",
    "高新技术产业开发区",
    "示范区",
    "开发区",
    "自治州",
    "自治县",
    "新区",
    "街道",
    "省",
    "市",
    "区",
    "县",
    "州",
    "旗",
    "盟",
    "镇",
    "乡",
)
_PLACE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,12}?(?:" + "|".join(_PLACE_SUFFIXES) + r"))+",
)
_PLACE_TOKEN = re.compile(r"[\u4e00-\u9fff]{1,10}(?:省|市|区|县|州|旗|盟|镇|乡|街道)(?:政府|人民政府)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Place-like words that name no particular place.
_NOT_PLACES = frozenset(
    """
    本市 全市 我市 该市 本区 全区 我区 该区 各区 本县 全县 我县 市区
    城区 社区 小区 地区 辖区 园区 景区 片区 行政区 本省 全省 我省 全国
    中国 我国 国家 本镇 全镇 各市 各县 省市 市县 县区
    """.split()
)


@dataclass
class AgencyMentions:
    """What a question says about agencies."""

    named: list[str] = field(default_factory=list)  # canonical names, by name or alias
    places: dict[str, list[str]] = field(default_factory=dict)  # place → canonical names there
    unknown_places: list[str] = field(default_factory=list)  # places the registry does not know
    matched: list[str] = field(default_factory=list)  # the text that named them, folded
    related: list[str] = field(default_factory=list)  # offices and parents of the named agencies

    @property
    def candidates(self) -> list[str]:
        """Agencies the question may be about: named ones, else all of the named places."""
        if self.named:
            return list(self.named)
        seen: dict[str, None] = {}
        for names in self.places.values():
            seen.update(dict.fromkeys(names))
        return list(seen)

    @property
    def scope(self) -> list[str]:
        """Agencies whose documents may answer: the candidates first, then their family.

        A government's office publishes its annual report and guide (平潭综合实验区管委会
        → 管委会办公室), so a question naming either may be answered from the other's.
        """
        return list(dict.fromkeys([*self.candidates, *self.related]))


class AgencyMatcher:
    """Finds registry agencies in free text."""

    def __init__(self, registry: AgencyRegistry) -> None:
        self._names: dict[str, str] = {}
        self._abbreviations: list[tuple[re.Pattern[str], str]] = []
        self._family: dict[str, list[str]] = defaultdict(list)
        for agency in registry.agencies:
            if agency.parent:
                self._family[agency.name].append(agency.parent)
                self._family[agency.parent].append(agency.name)
        self._places: dict[str, set[str]] = defaultdict(set)
        self._types: dict[str, set[str]] = defaultdict(set)
        for agency in registry.agencies:
            for name in [agency.name, *agency.aliases]:
                key = fold(name)
                self._names.setdefault(key, agency.name)
                place, kind = split_place(key)
                for stem in place_forms(place):
                    self._places[stem].add(agency.name)
                if _distinctive_type(kind):
                    self._types[kind].add(agency.name)
                    if len(place) >= 4:
                        # "杨凌示范区审计局" for 杨凌农业高新技术产业示范区审计局: the place's
                        # first two characters, a short gap, then the agency's type.
                        shortened = re.compile(
                            re.escape(place[:2]) + r"[\u4e00-\u9fff]{0,8}?" + re.escape(kind)
                        )
                        self._abbreviations.append((shortened, agency.name))
            if agency.region:
                last = _last_place(fold(agency.region))
                for stem in place_forms(last):
                    self._places[stem].add(agency.name)
        self._name_keys = sorted(self._names, key=len, reverse=True)
        self._place_keys = sorted(self._places, key=len, reverse=True)
        self._type_keys = sorted(self._types, key=len, reverse=True)

    def canonical(self, name: str | None) -> str | None:
        """The registry's name for an agency name or alias, or None."""
        if not name:
            return None
        key = fold(name)
        if key in self._names:
            return self._names[key]
        prefixed = [k for k in self._name_keys if key.startswith(k)]
        return self._names[prefixed[0]] if prefixed else None

    def find(self, text: str, words: Sequence[tuple[str, str]] = ()) -> AgencyMentions:
        """Agencies and places named in a folded text; `words` are its (word, POS tag) pairs."""
        mentions = AgencyMentions()
        rest = text
        for key in self._name_keys:
            if key in rest:
                name = self._names[key]
                if name not in mentions.named:
                    mentions.named.append(name)
                mentions.matched.append(key)
                rest = rest.replace(key, "\x00")
        for key in self._place_keys:
            if key in rest:
                mentions.places[key] = sorted(self._places[key])
                mentions.matched.append(key)
                rest = rest.replace(key, "\x00")
        if not mentions.named:
            shortened = {
                name: m.group(0) for pattern, name in self._abbreviations if (m := pattern.search(rest))
            }
            if len(shortened) == 1:
                ((name, text),) = shortened.items()
                mentions.named.append(name)
                mentions.matched.append(text)
                rest = rest.replace(text, "\x00")
        if not mentions.named:
            for key in self._type_keys:
                if key in rest and len(self._types[key]) == 1:
                    mentions.named.extend(self._types[key])
                    mentions.matched.append(key)
                    break
        mentions.unknown_places = [w for w, tag in words if self._unknown_place(w, tag)]
        mentions.related = [r for a in mentions.candidates for r in self._family.get(a, [])]
        return mentions

    def _unknown_place(self, word: str, tag: str) -> bool:
        if word in _NOT_PLACES or len(word) < 2 or not _HAN.fullmatch(word):
            return False
        if any(key in word or word in key for key in (*self._name_keys, *self._place_keys)):
            return False
        # An administrative unit with a proper name: 北京市, 海淀区, 浦东新区 (not 港区, 社区).
        return len(word) >= 3 and bool(_PLACE_TOKEN.fullmatch(word)) and (tag.startswith("n") or tag == "")


def split_place(name: str) -> tuple[str, str]:
    """Split an agency name into its place and its type: 张店区应急管理局 → (张店区, 应急管理局)."""
    match = _PLACE.match(name)
    if not match:
        return "", name
    return match.group(0), name[match.end() :]


def place_forms(place: str) -> list[str]:
    """How a place is written in questions: 淮安市 → [淮安市, 淮安]; only its last level."""
    if not place:
        return []
    last = _last_place(place)
    forms = [last] if len(last) >= 2 else []
    for suffix in _PLACE_SUFFIXES:
        if last.endswith(suffix) and len(last) - len(suffix) >= 2:
            forms.append(last[: -len(suffix)])
            if len(last) - len(suffix) >= 4:  # 广东从化经济开发区 is also written 从化经济开发区
                forms.append(last[2:])
            break
    if place != last and len(place) > len(last):
        forms.append(place)
    return forms


def _last_place(place: str) -> str:
    parts = re.findall(r"[\u4e00-\u9fff]{2,}?(?:" + "|".join(_PLACE_SUFFIXES) + ")", place)
    return parts[-1] if parts else place


_GENERIC_TYPES = frozenset(
    ["人民政府", "政府", "办公室", "管委会", "管理委员会", "办事处", "街道办事处", "委员会"]
)


def _distinctive_type(kind: str) -> bool:
    """A bare agency type worth matching alone: 安监局 yes, 人民政府 no."""
    return len(kind) >= 3 and kind not in _GENERIC_TYPES and kind[-1] in "局委厅署办处室院"
