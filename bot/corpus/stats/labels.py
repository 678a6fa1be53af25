"""Labels and numbers of the national annual-report template, from bot/lexicon/template.toml.

Printed labels vary in spacing, bracket width and list punctuation ("结 果维持",
"(四)无法提供", "1、申请人…"); `canonical` maps every such spelling of a template
label to the template's own, so statistics of different reports compare, and leaves
any other label cleaned but as printed. Which slot a label names (variants, old
wording, typos) is the template's business: `template().find_row(...)`.
"""

from __future__ import annotations

import functools
import re

from bot.lexicon.template import Template, load_template
from bot.text import fold

_NOT_WORD = re.compile(r"[\W_]+")
_BLANKS = frozenset({"", "-", "—", "--", "——", "－", "/", "／", "无", "空"})
_NUMBER = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$")


def template() -> Template:
    """The national template (read once)."""
    return load_template()


@functools.cache
def titles() -> dict[str, str]:
    """Each table's heading: {"applications": "三、收到和处理政府信息公开申请情况", …}."""
    return {name: table.title for name, table in template().tables.items()}


@functools.cache
def applicant_columns() -> list[list[str]]:
    """The 申请 table's column paths in template order, 自然人 … 总计."""
    return [list(column.path) for column in template().columns["applications"]]


@functools.cache
def table_labels(table: str) -> list[str]:
    """Every label a table prints in its row or column headers, both editions, in template order."""
    spec = template()
    labels = list(spec.tables[table].headers)
    for line in [*spec.rows[table], *spec.columns[table]]:
        labels += [*line.path, *(line.path_2019 or [])]
    return list(dict.fromkeys(labels))


@functools.cache
def row_labels(table: str) -> list[str]:
    """The labels a table prints left of its rows (and its group headers), both editions."""
    spec = template()
    labels = list(spec.tables[table].headers)
    for row in spec.rows[table]:
        labels += [*row.path, *(row.path_2019 or [])]
    return list(dict.fromkeys(labels))


def key(label: str) -> str:
    """The matching form of a label: folded, without spaces or punctuation."""
    return _NOT_WORD.sub("", fold(label))


def clean_label(label: str) -> str:
    """A printed label without layout spaces, with full-width brackets and colons."""
    label = re.sub(r"\s+", "", label)
    return label.replace("(", "（").replace(")", "）").replace(":", "：")


@functools.cache
def _canonical() -> dict[str, str]:
    return {key(label): label for table in template().tables for label in table_labels(table)}


def canonical(label: str) -> str:
    """The template's spelling of a label when it is one, else the cleaned label."""
    return _canonical().get(key(label), clean_label(label))


def is_template_label(label: str) -> bool:
    """True when the label is one of the template's own."""
    return key(label) in _canonical()


def parse_cell(text: str) -> float | None:
    """A cell's number; 0.0 for a printed blank; None when the cell holds no number."""
    folded = fold(text).replace("，", ",").replace(" ", "")
    if folded in _BLANKS:
        return 0.0
    return float(folded.replace(",", "")) if _NUMBER.match(folded) else None


def is_blank(text: str) -> bool:
    """True for a cell printed blank (or a dash), which the template counts as 0."""
    return fold(text).replace(" ", "") in _BLANKS
