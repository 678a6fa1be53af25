"""Short names of government bodies, by the rule and the fixed forms of abbreviations.toml.

    平潭综合实验区交通与建设局 -> 平潭综合实验区交建局     two words: their first characters
    张店区应急管理局           -> 张店区应急局              a generic second word dropped
    淮安市住房和城乡建设局     -> 淮安市住建局              a fixed form

The agency registry adds them as generated aliases (bot/corpus/agencies.py).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.corpus.organs import split_place
from bot.errors import LexiconError


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid")

    long: str = Field(min_length=1)
    short: str = Field(min_length=1)
    informal: bool = False


class Example(BaseModel):
    """A name and the short names the rules must (and must not) give it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    short: list[str] = Field(default_factory=list)
    not_short: list[str] = Field(default_factory=list)
    full: str | None = None  # the official name an informal short name stands for


class Abbreviations(BaseModel):
    """The file: organ words, connectors, generic words, fixed forms and examples."""

    model_config = ConfigDict(extra="forbid")

    organs: list[_Form]
    connectors: list[str]
    generic: list[str]
    not_in_core: list[str]
    fixed: list[_Form] = Field(default_factory=list)
    example: list[Example] = Field(default_factory=list)


ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.toml")


@cache
def abbreviations() -> Abbreviations:
    """abbreviations.toml, read and validated once."""
    return load_abbreviations(ABBREVIATIONS_FILE)


def load_abbreviations(path: Path) -> Abbreviations:
    """Read and validate an abbreviations file (LexiconError names the file and the problem)."""
    try:
        return Abbreviations.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise LexiconError(path.name, str(exc)) from exc


def short_names(name: str) -> set[str]:
    """The short names of an agency name: its fixed forms, else the one the rule derives."""
    rules = abbreviations()
    fixed = {name.replace(f.long, f.short) for f in rules.fixed if f.long in name}
    if fixed:
        return fixed
    place, kind = split_place(name)
    organ = next((o for o in rules.organs if kind.endswith(o.long)), None)
    if organ is None or not place:
        return set()  # "张店应急局" is a nickname already, not a place and a type
    return {place + core + organ.short for core in _short_cores(kind[: -len(organ.long)], rules)}


def _short_cores(core: str, rules: Abbreviations) -> set[str]:
    """交通与建设 -> {交建}; 经济发展 -> {经发}; 应急管理 -> {应管, 应急}; one word -> none."""
    words = [w for w in re.split("|".join(map(re.escape, rules.connectors)), core) if w]
    if len(words) == 1 and len(core) == 4:
        words = [core[:2], core[2:]]
    if len(words) != 2 or not all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) for w in words):
        return set()
    if any(word in core for word in rules.not_in_core):
        return set()  # 政府办公厅 is a government's office, not a department "政办厅"
    cores = {words[0][0] + words[1][0]}
    if words[1] in rules.generic:
        cores.add(words[0])
    return cores


def full_name(name: str) -> str:
    """The official name behind an informal short one: 上海市科委 -> 上海市科学技术委员会."""
    for form in abbreviations().fixed:
        if form.informal and name.endswith(form.short) and not name.endswith(form.long):
            return name[: -len(form.short)] + form.long
    return name
