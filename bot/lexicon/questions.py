"""How citizens ask (questions.toml): intent cues and contact fields, validated on load."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from bot.errors import LexiconError

QUESTIONS_FILE = Path(__file__).with_name("questions.toml")


def _compiles(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a valid pattern: {exc}") from exc
    return patterns


class IntentCues(BaseModel):
    """The cues of one intent and the questions that show it."""

    cues: list[str]
    examples: list[str] = Field(min_length=1)

    _valid = field_validator("cues")(_compiles)


class ContactField(BaseModel):
    """One field of a contact card: its label, the cues asking for it, what its value looks like."""

    label: str
    cues: list[str]
    value: str
    examples: list[str] = Field(min_length=1)

    _valid = field_validator("cues")(_compiles)

    @field_validator("value")
    @classmethod
    def _value_compiles(cls, value: str) -> str:
        _compiles([value])
        return value


class Shape(BaseModel):
    """What an answer to questions of some wording contains."""

    asks: str
    value: str
    required: bool = False
    examples: list[tuple[str, str]] = Field(min_length=1)

    @field_validator("asks", "value")
    @classmethod
    def _pattern(cls, value: str) -> str:
        _compiles([value])
        return value


class QuestionLexicon(BaseModel):
    """The contents of questions.toml."""

    order: list[str]
    domain: str
    reported: str
    collected: str
    yes_no: str
    intents: dict[str, IntentCues]
    contact_fields: dict[str, ContactField]
    shapes: list[Shape] = Field(default_factory=list)

    def shape_of(self, question: str) -> Shape | None:
        """What an answer to this question looks like, when its wording says."""
        return next((s for s in self.shapes if re.search(s.asks, question)), None)

    @field_validator("domain", "reported", "collected", "yes_no")
    @classmethod
    def _pattern(cls, value: str) -> str:
        _compiles([value])
        return value


@cache
def question_lexicon() -> QuestionLexicon:
    """questions.toml, read and validated once."""
    return load_questions(QUESTIONS_FILE)


def load_questions(path: Path) -> QuestionLexicon:
    """Read and validate a questions file (LexiconError, a ValueError, naming the file and the entry)."""
    try:
        return QuestionLexicon.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise LexiconError(path.name, str(exc)) from exc
