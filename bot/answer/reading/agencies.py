"""Which agencies a question names, from the corpus registry; and which it names that we lack.

Strengths of mention, strongest first:
- a full name or alias (张店区安监局, 淮安市人民政府办公室 → 淮安市人民政府 by prefix);
- a place and an agency type (平潭交建局, 上海市府办): the agency of that place whose type
  the words fit (bot/lexicon/organs.py), or, when none does, an agency the records lack;
- a place (平潭, 淮安市): every agency of that place, to be narrowed by what documents exist;
- an agency type alone (区应急局, 安监局): the agencies of that type, if any.
Places the records do not cover (临淄区, 福清市, 淮安区 beside 淮安市) and agencies they do
not hold (张店区教育局) are reported, so the engine says so plainly and never answers
with a neighbour's facts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.corpus.models import AgencyRegistry
from bot.lexicon.organs import organ_mentions, type_fits, without_level
from bot.lexicon.places import Gazetteer, Place, PlaceMention, gazetteer
from bot.text import fold

MAX_TYPE_MATCHES = 3  # an agency type alone that fits more agencies than this names none

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
    unknown_agencies: list[str] = field(default_factory=list)  # agencies named that the registry lacks
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
        names = {agency.name for agency in registry.agencies}
        for agency in registry.agencies:
            # An office is its government's (上海市人民政府办公厅 → 上海市人民政府), by parent or by name.
            government = agency.parent or _government_of(agency.name, names)
            if government:
                self._family[agency.name].append(government)
                self._family[government].append(agency.name)
        self._places: dict[str, set[str]] = defaultdict(set)
        for agency in registry.agencies:
            for name in [agency.name, *agency.aliases]:
                key = fold(name)
                self._names.setdefault(key, agency.name)
                place, kind = split_place(key)
                for stem in place_forms(place):
                    self._places[stem].add(agency.name)
                if _distinctive_type(kind) and len(place) >= 4:
                    # "杨凌示范区审计局" for 杨凌农业高新技术产业示范区审计局: the place's
                    # first two characters, a short gap, then the agency's type.
                    shortened = re.compile(re.escape(place[:2]) + r"[\u4e00-\u9fff]{0,8}?" + re.escape(kind))
                    self._abbreviations.append((shortened, agency.name))
            if agency.region and not split_place(fold(agency.name))[0]:
                # The region places an agency whose name holds no place (政务服务管理局), and
                # only then: 福州市晋安区人民政府 is in 晋安区, not at 福州市.
                last = _last_place(fold(agency.region))
                for stem in place_forms(last):
                    self._places[stem].add(agency.name)
        self._name_keys = sorted(self._names, key=len, reverse=True)
        self._place_keys = sorted(self._places, key=len, reverse=True)
        self._all = {agency.name for agency in registry.agencies}
        # Each agency's types: its name and its aliases without their place (公安局, 安监局).
        self._kinds: dict[str, set[str]] = defaultdict(set)
        for agency in registry.agencies:
            for name in [agency.name, *agency.aliases]:
                kind = split_place(fold(name))[1]
                if kind:
                    self._kinds[agency.name].add(kind)
        self._gazetteer: Gazetteer = gazetteer()
        # The gazetteer's places the registry covers (平潭 → 平潭县, 淮安市 → 淮安市).
        self._known_places = [place for key in self._place_keys for place in self._gazetteer.named(key)[:1]]

    def spoken_names(self) -> list[str]:
        """Every name and place a question may use for the agencies held (for sound-alikes)."""
        return [*self._name_keys, *self._place_keys]

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
        # A place of the gazetteer that holds a registry place's short name is another place:
        # 淮安区 (a district) is not 淮安 (the city), whatever the registry calls 淮安.
        for mention in self._gazetteer.mentions(rest):
            if mention.full and self._shadows(mention):
                mentions.unknown_places.append(mention.text)
                rest = rest[: mention.start] + "\x01" * len(mention.text) + rest[mention.end :]
        at: dict[int, str] = {}  # where a place mention ends -> the place
        for key in self._name_keys:
            if key in rest:
                name = self._names[key]
                if name not in mentions.named:
                    mentions.named.append(name)
                mentions.matched.append(key)
                if key in self._places:  # a place standing for its government (淮安市, 平潭县)
                    at.update({m.end(): key for m in re.finditer(re.escape(key), rest)})
                rest = _mask(rest, key)
        for key in self._place_keys:
            for match in re.finditer(re.escape(key), rest):
                mentions.places[key] = sorted(self._places[key])
                at[match.end()] = key
            if key in mentions.places:
                mentions.matched.append(key)
                rest = _mask(rest, key)
        if not mentions.named:
            shortened = {
                name: m.group(0) for pattern, name in self._abbreviations if (m := pattern.search(rest))
            }
            if len(shortened) == 1:
                ((name, text),) = shortened.items()
                mentions.named.append(name)
                mentions.matched.append(text)
                rest = _mask(rest, text)
        self._organs(rest, at, mentions)
        unknown = [w for w, tag in words if self._unknown_place(w, tag)]
        unknown += self._unknown_gazetteer_places(rest, words)
        named_places = [
            place
            for key in mentions.matched
            for form in place_forms(split_place(key)[0] or key)
            for place in self._gazetteer.named(form)[:1]
        ]
        new = [
            w
            for w in dict.fromkeys(unknown)
            if w not in mentions.unknown_places and not self._above(w, named_places)
        ]
        mentions.unknown_places += new
        if any(self._below(w, named_places) for w in new):
            # "上海浦东新区": a district of a place held is what is asked about, not that place.
            mentions.named, mentions.places = [], {}
        mentions.related = [r for a in mentions.candidates for r in self._family.get(a, [])]
        return mentions

    def _organs(self, rest: str, at: dict[int, str], mentions: AgencyMentions) -> None:
        """Agency types named in what is left: the agency of their place they fit, or one we lack."""
        for organ in organ_mentions(rest):
            place = at.get(organ.start)
            inner = [m for m in self._gazetteer.mentions(organ.text) if m.start == 0 and m.full]
            if place is None and inner:  # "临淄区应急管理局": a place the registry lacks, then a type
                mentions.unknown_agencies.append(organ.text)
                continue
            asked = without_level(organ.text)
            pool = self._places[place] if place else self._all
            fitting = sorted(a for a in pool if any(type_fits(asked, t) for t in self._kinds[a]))
            if not fitting and place and asked in _GOVERNMENTS:
                # "连云港市政府" where only its office publishes: the office speaks for it.
                fitting = sorted(a for a in pool if any(type_fits("府办", t) for t in self._kinds[a]))
            if place is not None and self._names.get(place) in mentions.named:
                # "淮安市发改委": 淮安市 named a place, not its government.
                mentions.named.remove(self._names[place])
                mentions.places[place] = sorted(self._places[place])
            if not fitting:
                if place is not None or not mentions.named:
                    mentions.unknown_agencies.append(f"{place or ''}{organ.text}")
                continue
            if place is None and len(fitting) > MAX_TYPE_MATCHES:
                continue  # "区政府": one of many; the engine asks which
            for name in fitting:
                if name not in mentions.named:
                    mentions.named.append(name)
            mentions.matched.append(organ.text)
            if place is not None:
                mentions.places.pop(place, None)

    def _shadows(self, mention: PlaceMention) -> bool:
        """A gazetteer place whose full name holds a registry place stem but is not that place."""
        if mention.text in self._places:
            return False
        return any(key in mention.text for key in self._place_keys if len(key) >= 2)

    def _unknown_gazetteer_places(self, rest: str, words: Sequence[tuple[str, str]]) -> list[str]:
        """Places of the gazetteer named in what is left, which the registry does not cover."""
        places = {w for w, tag in words if tag == "ns"}
        return [
            m.text
            for m in self._gazetteer.mentions(rest)
            if m.full or m.text in places or _followed_by_name(rest, m.end)
        ]

    def _below(self, name: str, named: list[Place]) -> bool:
        """A county or district inside a place the question also names: the more specific place."""
        return any(
            self._gazetteer.within(place, known) and known.code != place.code
            for place in self._gazetteer.named(name)
            for known in named
        )

    def _above(self, name: str, named: list[Place]) -> bool:
        """A province or city above a place the question also names is context: 福建省平潭."""
        return any(
            self._gazetteer.within(known, place) and known.code != place.code
            for place in self._gazetteer.named(name)
            for known in named
        )

    def _unknown_place(self, word: str, tag: str) -> bool:
        if word in _NOT_PLACES or len(word) < 2 or not _HAN.fullmatch(word):
            return False
        if any(key in word or word in key for key in (*self._name_keys, *self._place_keys)):
            return False
        # An administrative unit with a proper name: 北京市, 海淀区, 浦东新区 (not 港区, 社区).
        return len(word) >= 3 and bool(_PLACE_TOKEN.fullmatch(word)) and (tag.startswith("n") or tag == "")


def _mask(text: str, key: str) -> str:
    """The text with every occurrence of key blanked out, positions kept."""
    return text.replace(key, "\x00" * len(key))


def _followed_by_name(text: str, at: int) -> bool:
    """A short place name followed by a digit or a place or agency word is a place: 临淄区, 洪泽2023年."""
    return bool(re.match(r"\s*(?:\d|[省市区县镇乡]|人民政府|政府|\x00)", text[at:]))


_GOVERNMENTS = ("政府", "人民政府", "市政府", "县政府", "区政府")
_OFFICE_SUFFIX = re.compile(r"(?:办公室|办公厅)$")


def _government_of(name: str, names: set[str]) -> str | None:
    """The government an office belongs to, when the registry holds it: X人民政府办公厅 → X人民政府."""
    if not _OFFICE_SUFFIX.search(name):
        return None
    government = _OFFICE_SUFFIX.sub("", name)
    return government if government != name and government in names else None


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
