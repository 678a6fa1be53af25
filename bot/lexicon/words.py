"""Everyday words and the records' words (words.toml): paraphrases, synonyms, stopwords."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from bot.errors import LexiconError

WORDS_FILE = Path(__file__).with_name("words.toml")


class Paraphrase(BaseModel):
    """Phrasings citizens use, and the records' wording for the same thing."""

    says: list[str] = Field(min_length=1)
    means: str
    examples: list[str] = Field(min_length=1)

    @field_validator("says")
    @classmethod
    def _compiles(cls, says: list[str]) -> list[str]:
        for pattern in says:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a valid pattern: {exc}") from exc
        return says

    def pattern(self) -> re.Pattern[str]:
        """One pattern for every phrasing, longest first."""
        return re.compile("|".join(sorted(self.says, key=len, reverse=True)))

    def apply(self, text: str) -> str:
        """The text with these phrasings replaced, except where it says the records' word already."""
        spans = [m.span() for m in re.finditer(re.escape(self.means), text)]
        return self.pattern().sub(lambda m: m.group(0) if _inside(m.span(), spans) else self.means, text)


class Synonyms(BaseModel):
    """Words the documents use for the same thing."""

    words: list[str] = Field(min_length=2)


class WordLexicon(BaseModel):
    """The contents of words.toml."""

    stopwords: frozenset[str]
    figure_words: frozenset[str] = frozenset()
    paraphrase: list[Paraphrase] = Field(default_factory=list)
    synonyms: list[Synonyms] = Field(default_factory=list)

    @field_validator("stopwords", "figure_words", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return frozenset(value.split()) if isinstance(value, str) else value

    def rephrase(self, text: str) -> str:
        """The text with citizens' phrasings replaced by the records' words (要不要钱 → 收费)."""
        for family in self.paraphrase:
            text = family.apply(text)
        return text


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether a match lies within a place that already says the records' word (商业企业)."""
    return any(start <= span[0] and span[1] <= end for start, end in spans)


@cache
def word_lexicon() -> WordLexicon:
    """words.toml, read and validated once."""
    return load_words(WORDS_FILE)


def load_words(path: Path) -> WordLexicon:
    """Read and validate a words file (LexiconError, a ValueError, naming the file and the entry)."""
    try:
        return WordLexicon.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise LexiconError(path.name, str(exc)) from exc
