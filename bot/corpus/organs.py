"""What the names of government bodies look like: organs, places, offices of a government.

平潭综合实验区 + 交通与建设局      place + organ type      (split_place)
平潭综合实验区管委会 + 办公室      a government's office   (office_of)
区 + 管委会办公室                  a name relative to its document's place (qualify)
"""

from __future__ import annotations

import re

ORGAN = re.compile(
    r"(?:局|委员会|委|办公室|办公厅|政府|管委会|办事处|中心|院|厅|部|署|所|站|队|处|科|馆|小组|办)$"
)
PLACE = re.compile(r"(?:省|市|区|县|镇|乡|街道|新区|示范区|实验区)$")
# Places with a people's government; 实验区, 新区, 开发区 ... are run by a 管委会 instead.
GOVERNED_PLACE = re.compile(r"(?:省|市|县|镇|乡|区)$")
MANAGED_AREA = re.compile(r"(?:实验区|示范区|开发区|园区|片区|景区|保税区|新区|合作区)$")
# The bodies that govern a place (as opposed to its departments).
GOVERNMENT = re.compile(r"(?:人民政府|政府|管委会|管理委员会|办事处)$")
# A government's own office, which compiles and publishes for it.
_OFFICE = re.compile(
    r"^(?P<government>.+?(?:人民政府|政府|管委会|管理委员会|办事处))"
    r"(?P<office>(?:[\u4e00-\u9fff]{0,16}?)(?:办公室|办公厅|办))$"
)
_PLACE_PREFIX = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,12}?"
    r"(?:省|自治区|市|自治州|州|盟|地区|新区|实验区|示范区|开发区|合作区|区|自治县|县|旗|街道|镇|乡))+"
)
_OFFICE_END = re.compile(r"(?:办公室|办公厅|办)$")
_RELATIVE = re.compile(r"^([省市区县镇乡])(?=[\u4e00-\u9fff]{2,})")
# A CJK run ending with an organ word: a candidate agency name inside text.
ORGAN_NAME = (
    r"[\u4e00-\u9fff]{2,40}?"
    r"(?:局|委员会|办公室|办公厅|人民政府|政府|管委会|管理委员会|办事处|中心|调查队|院|厅|署|小组|办)"
)


def is_organ(name: str) -> bool:
    """Whether a name ends the way a government body's name ends ("县政府网站" does not)."""
    return bool(ORGAN.search(name)) and not name.endswith(("网站", "网"))


def is_place(name: str) -> bool:
    """Whether a name is a bare place (平潭综合实验区, 淮安市), not a body."""
    return bool(PLACE.search(name)) and not is_organ(name)


def split_place(name: str) -> tuple[str, str]:
    """A name's place and organ type: 万载县统计局 -> (万载县, 统计局); ("", name) without a place."""
    match = _PLACE_PREFIX.match(name)
    if not match or match.end() == len(name):
        return "", name
    return match[0], name[match.end() :]


def office_of(name: str) -> str | None:
    """The government an office belongs to: 平潭综合实验区管委会办公室 -> 平潭综合实验区管委会."""
    match = _OFFICE.match(name)
    return match["government"] if match else None


def is_office(name: str) -> bool:
    """Whether a body is an office (办公室, 办公厅, 信息公开办), which may publish for another,
    rather than a department with its own remit (公安局, 交通与建设局)."""
    return office_of(name) is not None or bool(_OFFICE_END.search(name))


def is_relative(name: str) -> bool:
    """Whether a name only means something next to its document's place: 区人民政府办公室,
    市公安局 (but not 镇巴县人民政府 or 市中区人民政府, whose first character begins a place)."""
    return bool(_RELATIVE.match(name)) and not split_place(name)[0]


def qualify(name: str, home: str | None) -> str:
    """A name relative to its document's place made whole: 区管委会办公室 in a 平潭综合实验区
    document -> 平潭综合实验区管委会办公室; other names unchanged."""
    match = _RELATIVE.match(name)
    if not match or not home or not is_relative(name):
        return name
    place, _ = split_place(home)
    if not place and is_place(home):
        place = home
    return place + name[1:] if place.endswith(match[1]) else name
