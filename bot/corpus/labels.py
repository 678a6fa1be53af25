"""The metadata labels disclosure pages print (索引号, 发布机构, 责任部门 ...), from labels.toml.

One table serves the format readers (which lift labelled lines into fields) and the
header reader (which maps printed labels to the keys the metadata parsers use).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import LexiconError

_SPACES = re.compile(r"[\s\u00a0\u2002-\u200b\u3000]+")


class Label(BaseModel):
    """One metadata field: its key, the ways it is printed, and example lines."""

    model_config = ConfigDict(extra="forbid")

    key: str
    printed: list[str] = Field(min_length=1)
    examples: list[str] = Field(min_length=1)


class _LabelFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: list[Label]


LABELS_FILE = Path(__file__).with_name("labels.toml")


@cache
def labels() -> tuple[Label, ...]:
    """Every label of labels.toml, read and validated once."""
    return load_labels(LABELS_FILE)


def load_labels(path: Path) -> tuple[Label, ...]:
    """Read and validate a labels file (LexiconError names the file and the problem)."""
    try:
        parsed = _LabelFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise LexiconError(path.name, str(exc)) from exc
    printed = [p for label in parsed.label for p in label.printed]
    twice = sorted({p for p in printed if printed.count(p) > 1})
    if twice:
        raise LexiconError(path.name, f"printed label listed twice: {'、'.join(twice)}")
    return tuple(parsed.label)


@cache
def label_keys() -> dict[str, str]:
    """Printed label (spaces removed) -> key: "索引号" -> "索引号", "生成日期" -> "成文日期"."""
    return {printed: label.key for label in labels() for printed in label.printed}


def despace(label: str) -> str:
    """A label without the spaces used to stretch it: "索 引 号" -> "索引号"."""
    return _SPACES.sub("", label)


def label_key(printed: str) -> str | None:
    """The key of a printed label, spaces ignored; None when it is not a metadata label."""
    return label_keys().get(despace(printed))
