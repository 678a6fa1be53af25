"""How citizens ask to compare (comparisons.toml): the words that only say how, and examples."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from bot.errors import LexiconError

COMPARISONS_FILE = Path(__file__).with_name("comparisons.toml")
PROSE = "prose"  # an example's figure when reports state it in a sentence, not a template cell


class ComparisonExample(BaseModel):
    """A comparison question and how it must be read."""

    q: str
    figure: str  # a template slot id, or PROSE
    years: list[int]  # [] when it asks for every year held (历年)
    parties: int = Field(ge=1)  # agencies or places compared


class ComparisonLexicon(BaseModel):
    """The contents of comparisons.toml."""

    words: frozenset[str]
    governments: frozenset[str]  # what ends the name of a place's government or its office
    examples: list[ComparisonExample] = Field(min_length=1)


@cache
def comparison_lexicon() -> ComparisonLexicon:
    """comparisons.toml, read and validated once."""
    return load_comparisons(COMPARISONS_FILE)


def load_comparisons(path: Path) -> ComparisonLexicon:
    """Read and validate a comparisons file (raises LexiconError naming the file)."""
    try:
        return ComparisonLexicon.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise LexiconError(path.name, str(exc)) from exc
