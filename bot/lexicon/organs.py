"""Agency types in text (organs.toml): find "…局", "…委", "…政府" and tell which agency they fit.

organ_mentions("张店区教育局信息公开电话")       -> [OrganMention("张店区教育局", 0, 6)]
type_fits("交建局", "交通与建设局")             -> True  (an abbreviation)
type_fits("教育局", "应急管理局")               -> False
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from bot.errors import LexiconError

ORGANS_FILE = Path(__file__).with_name("organs.toml")
MAX_MENTION = 10  # characters of an agency type before its suffix, at most
# Characters that end the words before an agency's name: 我想问问交建局, 向交建局申请.
_BOUNDARY = set("的向给在跟对问查找我你您请想要去到是了吗呢把被从由为或也都就还哪这那个年月日度")
_JOINING = ("和", "与", "及")  # inside a name (发展和改革局) or between two (交建局和公安局)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Suffixes written out in full and their short forms, as types compare: 发展和改革委员会 ~ 发改委.
_SHORT_SUFFIX = (("管理委员会", "管委会"), ("委员会", "委"), ("办公室", "办"), ("办公厅", "办"))


class Organs(BaseModel):
    """The contents of organs.toml."""

    suffixes: list[str]
    not_agencies: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    not_before: dict[str, list[str]] = Field(default_factory=dict)
    not_after: dict[str, list[str]] = Field(default_factory=dict)
    other_names: dict[str, list[str]] = Field(default_factory=dict)
    examples: list[tuple[str, str]] = Field(default_factory=list)


@dataclass(frozen=True)
class OrganMention:
    """An agency type named in a text, with the place words before it, if any."""

    text: str
    start: int
    end: int


@cache
def organs() -> Organs:
    """organs.toml, read and validated once."""
    return load_organs(ORGANS_FILE)


def load_organs(path: Path) -> Organs:
    """Read and validate an organs file (LexiconError, a ValueError, naming the problem)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Organs.model_validate(data)
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise LexiconError(path.name, str(exc)) from exc


def organ_mentions(text: str, lexicon: Organs | None = None) -> list[OrganMention]:
    """Agency types in a text, each with the words before it up to a boundary, left to right."""
    lexicon = lexicon or organs()
    suffixes = sorted(lexicon.suffixes, key=len, reverse=True)
    found: list[OrganMention] = []
    i = 0
    while i < len(text):
        suffix = next((s for s in suffixes if text.startswith(s, i)), None)
        if suffix is None or _continues(text, i + len(suffix), suffix, lexicon):
            i += 1
            continue
        end = i + len(suffix)
        start = i
        while start > 0 and i - start < MAX_MENTION and _in_name(text[start - 1]):
            start -= 1
        if found and start < found[-1].end:
            start = found[-1].end
        while text[start] in _JOINING and end - start > 3:
            start += 1
        mention = text[start:end]
        before = mention[: -len(suffix)]
        if any(mention.endswith(word) for word in lexicon.not_agencies) or any(
            before.endswith(word) for word in lexicon.not_after.get(suffix, ())
        ):
            i = end
            continue
        found.append(OrganMention(mention, start, end))
        i = end
    return found


def without_level(mention: str, lexicon: Organs | None = None) -> str:
    """A type without the level word before it (区应急局 -> 应急局), if anything is left."""
    lexicon = lexicon or organs()
    for level in sorted(lexicon.levels, key=len, reverse=True):
        if mention.startswith(level) and len(mention) - len(level) >= 2:
            return mention[len(level) :]
    return mention


def type_fits(mention: str, agency_type: str, lexicon: Organs | None = None) -> bool:
    """Whether an agency type as a citizen writes it can mean the agency's own type."""
    lexicon = lexicon or organs()
    if not mention or not agency_type:
        return False
    meant = [mention, *lexicon.other_names.get(mention, [])]
    own = _shortened(agency_type.removeprefix("人民") if agency_type.startswith("人民政府") else agency_type)
    for name in meant:
        name = _shortened(name.removeprefix("人民") if name.startswith("人民政府") else name)
        if name == own or _abbreviates(name, own):
            return True
    return False


def _abbreviates(short: str, full: str) -> bool:
    """short's characters appear in full in order, with the same first and last character."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    at = 0
    for ch in short:
        at = full.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _shortened(name: str) -> str:
    for long, short in _SHORT_SUFFIX:
        if name.endswith(long):
            return name[: -len(long)] + short
    return name


def _continues(text: str, at: int, suffix: str, lexicon: Organs) -> bool:
    """Whether the suffix is the start of a longer word here (政府信息), not an agency's end."""
    return any(text.startswith(word, at) for word in lexicon.not_before.get(suffix, []))


def _in_name(ch: str) -> bool:
    return bool(_HAN.match(ch)) and ch not in _BOUNDARY
