"""The metadata labels disclosure pages print (索引号, 发布机构, 责任部门 ...), from labels.toml.

One table serves the format readers (which lift labelled lines into fields) and the
header reader (which maps printed labels to the keys the metadata parsers use).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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


@cache
def labels() -> tuple[Label, ...]:
    """Every label of labels.toml, validated (a broken file is a programming error)."""
    text = resources.files("bot.corpus").joinpath("labels.toml").read_text(encoding="utf-8")
    try:
        parsed = _LabelFile.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise RuntimeError(f"bot/corpus/labels.toml is invalid: {exc}") from exc
    printed = [p for label in parsed.label for p in label.printed]
    if len(printed) != len(set(printed)):
        raise RuntimeError("bot/corpus/labels.toml lists a printed label twice")
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
