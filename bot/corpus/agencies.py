"""The agency registry: every agency of the corpus, with its names, region and area code.

Built from two sources:
- the operator's file `corpus/agencies.toml` (nicknames, former names after a reform,
  regions and telephone area codes), read with tomllib and validated;
- every document's agency and publisher.

Aliases are also generated from the names themselves, only where the short form is
sound: 淮安市人民政府 -> 淮安市, 淮安市政府, 淮安; 武汉市汉阳区人民政府办公室 ->
汉阳区人民政府办公室; 某某管理委员会 -> 某某管委会; and the short names citizens give
departments, by the rule of abbreviations.toml: 平潭综合实验区交通与建设局 ->
平潭综合实验区交建局. A generated alias that two agencies would share is dropped, so
a short name never points at the wrong body.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.corpus.abbreviations import short_names
from bot.corpus.models import Agency, AgencyRegistry, agency_key, strip_name_note
from bot.corpus.organs import GOVERNMENT, is_office, is_organ, office_of, split_place
from bot.errors import DocumentError
from bot.lexicon.places import gazetteer

AGENCY_FILE = "agencies.toml"


class Region(BaseModel):
    """A place and its telephone area code, so agencies named after it inherit the code."""

    model_config = ConfigDict(extra="forbid")

    name: str  # full name, e.g. "山东省淄博市张店区"
    aliases: list[str] = Field(default_factory=list)  # shorter names: "淄博市张店区", "张店区"
    area_code: str | None = Field(default=None, pattern=r"^0\d{2,3}$")


class _AgencyEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    aliases: list[str] = Field(default_factory=list)
    region: str | None = None
    area_code: str | None = Field(default=None, pattern=r"^0\d{2,3}$")
    parent: str | None = None


class AgencyFile(BaseModel):
    """The operator's agencies.toml: [[agency]] and [[region]] tables."""

    model_config = ConfigDict(extra="forbid")

    agency: list[_AgencyEntry] = Field(default_factory=list)
    region: list[Region] = Field(default_factory=list)


def read_agency_file(root: Path) -> AgencyFile:
    """The operator's agency file of a corpus (empty when absent); DocumentError when broken."""
    path = root / AGENCY_FILE
    if not path.is_file():
        return AgencyFile()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        return AgencyFile.model_validate(data)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DocumentError(AGENCY_FILE, f"unreadable agency file: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise DocumentError(AGENCY_FILE, f"invalid agency file: {problems}") from exc


def build_registry(
    file: AgencyFile,
    names: Iterable[str] = (),
    area_codes: Mapping[str, str] | None = None,
    parents: Mapping[str, str] | None = None,
    other_names: Mapping[str, str] | None = None,
) -> AgencyRegistry:
    """The registry of the operator's agencies plus the names documents use; `parents`
    (office -> government, see learned_parents) adds offices the operator did not relate,
    `other_names` (name -> agency, see learned_names) names agencies go by in their texts."""
    agencies: dict[str, Agency] = {}
    lookup: dict[str, str] = {}  # every tentative name key -> canonical name
    notes: list[str] = []
    for entry in file.agency:
        if entry.name not in agencies:
            agencies[entry.name] = _agency(entry, notes)
            _claim(lookup, agencies[entry.name])
    # Fuller names first, so 淮安市人民政府 is canonical and 淮安市政府 joins it.
    for name in sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True):
        clean = strip_name_note(name)
        owner = lookup.get(agency_key(name)) or lookup.get(agency_key(clean))
        if owner is None:
            agencies[clean] = Agency(name=clean, aliases=[name] if name != clean else [])
            _claim(lookup, agencies[clean])
        elif name != clean and name not in agencies[owner].aliases:
            agencies[owner].aliases.append(name)
            lookup.setdefault(agency_key(name), owner)
    for office, government in (parents or {}).items():
        owner = lookup.get(agency_key(office))
        if owner is None:
            agencies[office] = Agency(name=office, parent=lookup.get(agency_key(government), government))
            _claim(lookup, agencies[office])
        elif agencies[owner].parent is None and owner != lookup.get(agency_key(government)):
            agencies[owner].parent = lookup.get(agency_key(government), government)
    for name, agency in (other_names or {}).items():
        owner = lookup.get(agency_key(agency))
        if owner and agency_key(name) not in lookup:
            agencies[owner].aliases.append(name)
            lookup[agency_key(name)] = owner
    registry = _with_generated_aliases(list(agencies.values()))
    registry = _with_places(registry, file.region, area_codes or {})
    return registry.model_copy(update={"warnings": [*notes, *registry.warnings]})


def _agency(entry: _AgencyEntry, notes: list[str]) -> Agency:
    parent = entry.parent
    if parent and not is_office(entry.name):
        # The answer engine treats a parent and its child as one body: a department's
        # contacts and reports must never stand for its government's, nor the reverse.
        notes.append(
            f"{AGENCY_FILE}: {entry.name} is a department, not an office of {parent}; "
            "parent ignored (its contacts and reports stay its own)"
        )
        parent = None
    return Agency(
        name=entry.name,
        aliases=list(dict.fromkeys(entry.aliases)),
        region=entry.region,
        area_code=entry.area_code,
        parent=parent,
    )


def _claim(lookup: dict[str, str], agency: Agency) -> None:
    for name in (agency.name, *agency.aliases, *_all_generated(agency.name, agency.aliases)):
        lookup.setdefault(agency_key(name), agency.name)


def _with_generated_aliases(agencies: list[Agency]) -> AgencyRegistry:
    """Give every agency its sound short names; drop names two agencies would share."""
    canonical = {agency_key(a.name) for a in agencies}
    claims: dict[str, set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}
    explicit: dict[str, set[str]] = defaultdict(set)
    for agency in agencies:
        for alias in agency.aliases:
            explicit[agency_key(alias)].add(agency.name)
        for alias in {*agency.aliases, *_all_generated(agency.name, agency.aliases)}:
            key = agency_key(alias)
            claims[key].add(agency.name)
            written.setdefault((agency.name, key), alias)
    warnings = [
        f"{AGENCY_FILE}: alias {key!r} names {', '.join(sorted(owners))}; ignored"
        for key, owners in sorted(explicit.items())
        if len(owners) > 1 and key not in canonical
    ]
    kept = []
    for agency in agencies:
        # An alias the operator wrote wins over one generated for another agency.
        aliases = {
            written[(agency.name, key)]
            for key, owners in claims.items()
            if explicit.get(key, owners) == {agency.name} and key not in canonical
        }
        kept.append(agency.model_copy(update={"aliases": sorted(aliases)}))
    return AgencyRegistry(agencies=kept, warnings=warnings)


def _all_generated(name: str, aliases: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for source in (name, *aliases):
        found |= generated_aliases(source)
    return found


_CITY_PREFIX = re.compile(r"^([\u4e00-\u9fff]{2,4}[省市])([\u4e00-\u9fff]{1,6}?(?:新区|区|县|旗))(.+)$")
_GOV_DEPARTMENT = re.compile(r"^(.+?[省市区县])人民政府(.+(?:局|委员会|委))$")
_CITY_GOV = re.compile(r"^([\u4e00-\u9fff]{2,6})市人民政府$")
_PLACE_GOV = re.compile(r"^(.+?(?:省|市|区|县|旗))人民政府$")


def generated_aliases(name: str) -> set[str]:
    """Sound short names of an agency name (without the name itself)."""
    variants = {strip_name_note(name)}
    for _ in range(3):
        grown = set(variants)
        for variant in variants:
            grown |= _one_step(variant)
        if grown == variants:
            break
        variants = grown
    variants.discard(name)
    return {v for v in variants if len(v) >= 2}


def _one_step(name: str) -> set[str]:
    out = set()
    if match := _CITY_PREFIX.match(name):
        out.add(match[2] + match[3])
    if match := _GOV_DEPARTMENT.match(name):
        out.add(match[1] + match[2])
    if match := _PLACE_GOV.match(name):
        out |= {match[1], match[1] + "政府"}
    if (match := _CITY_GOV.match(name)) and len(match[1]) >= 2:
        out.add(match[1])
    return out | short_names(name)


def _with_places(
    registry: AgencyRegistry, regions: list[Region], learned: Mapping[str, str]
) -> AgencyRegistry:
    """Fill each agency's region and area code: its own, its region's, or learned from documents."""
    places = sorted(
        ((agency_key(n), r) for r in regions for n in (r.name, *r.aliases)),
        key=lambda p: len(p[0]),
        reverse=True,
    )
    agencies = []
    for agency in registry.agencies:
        region = next(
            (r for k, r in places if any(agency_key(n).startswith(k) for n in _names(agency))), None
        )
        if agency.region:
            region = next((r for r in regions if agency.region in (r.name, *r.aliases)), region)
        update = {
            "region": agency.region or (region.name if region else None),
            "area_code": agency.area_code
            or (region.area_code if region else None)
            or learned.get(agency.name),
        }
        agencies.append(agency.model_copy(update=update))
    return AgencyRegistry(agencies=agencies, warnings=registry.warnings)


def _names(agency: Agency) -> list[str]:
    return [agency.name, *agency.aliases]


def learned_parents(
    documents: Iterable[tuple[str | None, Sequence[str]]], registry: AgencyRegistry
) -> dict[str, str]:
    """Offices that compiled or signed their own government's documents, office -> government.

    "平潭综合实验区2012年…年度报告", by-line 平潭综合实验区管委会办公室: the office publishes
    for the 管委会, so the answer engine may treat the two as one body for its reports.
    Only an office named after the document's government counts (某政府办公室, 某管委会
    信息公开办): a department that signs its own report is no one's office.
    """
    found: dict[str, str] = {}
    for agency, authors in documents:
        if not agency:
            continue
        government = registry.canonical(agency)
        for author in authors:
            owner = office_of(author)
            if owner and registry.canonical(owner) == government and registry.canonical(author) != government:
                found.setdefault(author, government)
    return found


def learned_names(
    reports: Iterable[tuple[str | None, str | None]], registry: AgencyRegistry
) -> dict[str, str]:
    """Other names departments give themselves in their own reports, name -> agency.

    A report titled 张店区应急管理局2017年度…年报 that says "由区安监局编制" was compiled
    under the bureau's name before the 2019 reform: 张店区安监局 is the same body. Only a
    department of the same place and the same kind of organ counts; an office, a
    government, or a name the registry already knows as another body never does (a
    government's report compiled by its 政务服务管理局 does not make them one).
    """
    found: dict[str, str] = {}
    for agency, compiler in reports:
        if not agency or not compiler or registry.resolve(compiler) is not None:
            continue
        canonical = registry.canonical(agency)
        (place, kind), (other_place, other_kind) = split_place(canonical), split_place(compiler)
        if (
            place
            and place == other_place
            and kind[-1:] == other_kind[-1:]
            and _is_department(canonical)
            and _is_department(compiler)
        ):
            found.setdefault(compiler, canonical)
    return found


def misprinted_places(names: Iterable[str]) -> dict[str, str]:
    """Names whose place is no division at all but one character off a place another name
    of the corpus spells right, printed name -> name as meant.

    A report printed "沐阳县人民政府" throughout, beside 沭阳县发展和改革局's report: there is
    no 沐阳县, and 沭阳县 is the one real county of the corpus a character away, so the
    report is 沭阳县人民政府's. Nothing changes when the place is a division (钟楼区 and 鼓楼区
    are both real), when any part of it is (平潭综合实验区 holds 平潭), or when two
    places of the corpus would fit.
    """
    places = gazetteer()
    unique = set(names)
    spelled = {place for n in unique if (place := split_place(n)[0]) and places.named(place)}
    found: dict[str, str] = {}
    for name in unique:
        place, kind = split_place(name)
        if not place or not kind or places.mentions(place) or not _DIVISION.search(place):
            continue
        near = [known for known in spelled if _one_off(place, known)]
        if len(near) == 1:
            found[name] = near[0] + kind
    return found


def misprint_notes(misprints: Mapping[str, str]) -> list[str]:
    """What `gongkai check` says of each name read as another."""
    notes = []
    for printed, meant in sorted(misprints.items()):
        place = split_place(meant)[0]
        chain = "".join(p.name for p in gazetteer().chain(gazetteer().named(place)[0]))
        notes.append(f"{printed}: no such place as {split_place(printed)[0]}; read as {meant} ({chain})")
    return notes


_DIVISION = re.compile(r"(省|市|县|区|旗|州|盟)$")


def _one_off(printed: str, known: str) -> bool:
    """Same length, same last character (县, 区…), exactly one other character different."""
    if len(printed) != len(known) or printed[-1] != known[-1]:
        return False
    return sum(a != b for a, b in zip(printed, known, strict=True)) == 1


def _is_department(name: str) -> bool:
    return is_organ(name) and not is_office(name) and not GOVERNMENT.search(name)


def learned_area_codes(phones_by_agency: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """The area code each agency's documents print on every phone, where they agree."""
    learned = {}
    for agency, codes in phones_by_agency.items():
        counts = Counter(codes)
        if len(counts) == 1:
            learned[agency] = next(iter(counts))
    return learned
