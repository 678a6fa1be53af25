"""Which cells of the national report template a question asks for, from the template's own words.

Every row and column of bot/lexicon/template.toml lists the words citizens use for it
(`asked`) beside the labels reports print. A question asks for a row when it holds one
of the row's words (律所 → 法律服务机构 is a column, 转到明年 → 结转下年度 a row); the
longest word wins where words overlap ("复议后起诉" is a row of its own, not 复议). A
breakdown column is asked for only when its words are there; otherwise a 表三 or 表四
row means its total, and a 表二 row with several measures asks for all of them.

A follow-up that only names a column ("那企业呢") keeps the row of the slot before it;
one that names a row ("转到明年的呢") starts from that row's total.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from bot.lexicon.template import ColumnSpec, RowSpec, Template, label_key, load_template
from bot.lexicon.words import word_lexicon
from bot.text import fold

TOTAL = "total"


@dataclass(frozen=True)
class _Word:
    """One word of a row or column, and where it stands in the question."""

    key: str
    start: int
    end: int

    @property
    def weak(self) -> bool:
        """A word that only says "how many applications" (多少件申请): it names a row only alone."""
        return any(q in self.key for q in _QUESTION_WORDS)


@dataclass(frozen=True)
class SlotAsk:
    """The template cells a question asks for, in the order it names them."""

    slots: tuple[str, ...]
    table: str
    named_column: bool  # a breakdown column was named (律所), not only a row
    summed: bool = False  # rows asked for together by their heading (行政诉讼): their sum leads
    words: tuple[str, ...] = ()  # the words and labels of the rows and columns asked for
    heading: str = ""  # what summed rows are together: 不予公开, 行政诉讼结果纠正
    parts: tuple[str, ...] = ()  # each slot's own name within the heading: 属于国家秘密

    @property
    def first(self) -> str:
        """The first cell asked for."""
        return self.slots[0]

    def covers(self, terms: list[str], generic: frozenset[str]) -> bool:
        """Whether these cells are what a question's content words ask about.

        "通过12345平台受理了多少件群众诉求" holds 受理 (新收) but is about 12345 and 诉求:
        when most of its words are neither the cells' words nor words every figure
        question uses, the cells do not answer it.
        """
        uncovered = [t for t in terms if not _within(t, self.words) and not _within(t, generic)]
        return len(uncovered) < 2 or len(uncovered) * 3 <= len(terms)


class SlotReader:
    """Reads template cells from questions, by the template's words."""

    def __init__(self, template: Template) -> None:
        self.template = template
        # A row's words that are also a column's ("（七）总计" → 总计) do not name the row.
        column_words = {k for columns in template.columns.values() for c in columns for k in _keys(c)}
        self._rows = [
            (row, [k for k in _keys(row) if k not in column_words])
            for rows in template.rows.values()
            for row in rows
        ]
        self._columns = [
            (column, _keys(column)) for columns in template.columns.values() for column in columns
        ]
        # Rows under one heading, asked for together by it: 行政诉讼 → both its blocks,
        # 不予公开 → its eight reasons.
        groups: dict[str, list[RowSpec]] = {}
        for row, _ in self._rows:
            for heading in row.path[:-1]:
                groups.setdefault(label_key(heading), []).append(row)
        self._groups = {key: rows for key, rows in groups.items() if len(rows) > 1 and len(key) >= 2}
        # Columns under one heading, asked for together by it: 法人或其他组织 → its five kinds.
        column_groups: dict[tuple[str, str], list[ColumnSpec]] = {}
        for column, _ in self._columns:
            for heading in column.path[:-1]:
                column_groups.setdefault((column.table, label_key(heading)), []).append(column)
        self._column_groups = {
            key: columns
            for key, columns in column_groups.items()
            if len(columns) > 1 and len(key[1]) >= 2 and all(c.id != TOTAL for c in columns)
        }

    def read(self, text: str, previous: str | None = None) -> SlotAsk | None:
        """The cells a question asks for; `previous` is the slot a follow-up refines."""
        folded = label_key(word_lexicon().rephrase(fold(text)))
        rows, grouped = _asked_last(_found(self._rows, folded), self._group(folded), folded)
        rows, grouped = self._both_editions(rows, grouped, folded)
        heading = rows[0][1].key if grouped and rows else ""
        if not rows and previous:
            return self._refine(folded, previous)
        if not rows:
            rows = self._by_column(folded)  # "律所提了多少件": the applicants of new applications
            grouped = False
        if not rows:
            return None
        table = rows[0][0].table
        rows = [(row, word) for row, word in rows if row.table == table]
        kinds = self._column_group(table, folded) if len(rows) == 1 else None
        if kinds is not None:  # "法人或其他组织提了几件": the sum of its columns
            return self._column_sum(table, rows[0][0], *kinds)
        columns = self._columns_named(table, folded, [w for _, w in [*rows, *self._group(folded)]])
        slots: list[str] = []
        for row, _ in rows:
            slots += self._cells(table, row, columns)
        if not slots:
            return None
        # Several rows asked "一共": their sum leads, as for a heading's rows.
        grouped = grouped or (len(rows) > 1 and any(w in folded for w in _ALTOGETHER))
        words = [w for r, _ in rows for w in _said(r)] + [w for c in columns for w in _said(c)]
        words += _keys_of(self.template.tables[table].title)
        breakdown = _breakdown(columns)
        column = _plain(breakdown[0].path[-1]) if breakdown else ""
        heading = (heading or "、".join(_plain(r.path[-1]) for r, _ in rows)) + column
        parts = tuple(_plain(r.path[-1]) for r, _ in rows for _ in self._cells(table, r, columns))
        return SlotAsk(
            tuple(dict.fromkeys(slots)), table, bool(breakdown), grouped, tuple(words), heading, parts
        )

    def _column_group(self, table: str, folded: str) -> tuple[str, list[ColumnSpec]] | None:
        """The column heading the text names (the longest), with the columns under it."""
        named = [(key, columns) for (t, key), columns in self._column_groups.items() if t == table]
        return next(((k, c) for k, c in sorted(named, key=lambda g: -len(g[0])) if k in folded), None)

    def _column_sum(
        self, table: str, row: RowSpec, heading: str, columns: list[ColumnSpec]
    ) -> SlotAsk | None:
        """A row's cells under a column heading, asked for as their sum."""
        slots = self._cells(table, row, columns)
        if len(slots) < 2:
            return None
        words = [*_said(row), heading, *(w for c in columns for w in _said(c))]
        label = f"{_plain(row.path[-1])}（{heading}）"
        parts = tuple(
            _plain(c.path[-1]) for c in columns if self.template.slot_id(table, row.id, c.id) in slots
        )
        return SlotAsk(
            tuple(slots),
            table,
            True,
            True,
            (*words, *_keys_of(self.template.tables[table].title)),
            label,
            parts,
        )

    def _columns_named(self, table: str, folded: str, row_words: list[_Word]) -> list[ColumnSpec]:
        """The table's columns the text names outside its row words (个人 in 个人隐私 is no 自然人).

        A breakdown named beside 一共 asks for the breakdown: "一共…律所提了多少件".
        """
        found = _found([(c, k) for c, k in self._columns if c.table == table], folded)
        named = [c for c, w in found if not any(r.start <= w.start and w.end <= r.end for r in row_words)]
        breakdown = _breakdown(named)
        return breakdown if breakdown and len(breakdown) < len(named) else named

    def _by_column(self, folded: str) -> list[tuple[RowSpec, _Word]]:
        """A breakdown named without its row: the new applications' applicants (表三), the rows
        that have that measure (表二), every block of 表四."""
        columns = [c for c, _ in _found(self._columns, folded) if c.id != TOTAL]
        if not columns:
            return []
        table, column = columns[0].table, columns[0]
        if table == "applications":
            return [(self.template.row(table, "new"), _Word("", 0, 0))]
        if table == "review_litigation":
            return []  # 维持, 撤回 without 复议 or 诉讼: not said of which, maybe not of 表四 at all
        rows = [
            row
            for row in self.template.rows[table]
            if self.template.slot_id(table, row.id, column.id) in self.template.slots
        ]
        return [(row, _Word("", 0, 0)) for row in rows]

    def _both_editions(
        self, rows: list[tuple[RowSpec, _Word]], grouped: bool, folded: str
    ) -> tuple[list[tuple[RowSpec, _Word]], bool]:
        """A 2019 row whose 2021 counterpart is a heading's rows (（六）其他处理) asks for both:
        a report of either format then has the cells."""
        if len(rows) != 1 or rows[0][0].editions != ["2019"]:
            return rows, grouped
        heading = [(row, word) for row, word in self._group(folded) if row.editions != ["2019"]]
        if not heading:
            return rows, grouped
        return [*rows, *heading], True

    def _group(self, folded: str) -> list[tuple[RowSpec, _Word]]:
        """The rows under the heading the text names (the longest heading named)."""
        for key in sorted(self._groups, key=len, reverse=True):
            at = folded.find(key)
            if at >= 0:
                return [(row, _Word(key, at, at + len(key))) for row in self._groups[key]]
        return []

    def _refine(self, folded: str, previous: str) -> SlotAsk | None:
        """A follow-up naming only a column: the previous slot's row, that column."""
        table, row = self._owner(previous)
        if table is None or row is None:
            return None
        kinds = self._column_group(table, folded)
        if kinds is not None:
            return self._column_sum(table, row, *kinds)
        columns = [c for c, _ in _found([(c, k) for c, k in self._columns if c.table == table], folded)]
        if not _breakdown(columns) and not columns:
            return None
        slots = self._cells(table, row, columns)
        words = (*_said(row), *(w for c in columns for w in _said(c)))
        return SlotAsk(tuple(slots), table, bool(_breakdown(columns)), False, words) if slots else None

    def _cells(self, table: str, row: RowSpec, columns: list[ColumnSpec]) -> list[str]:
        own = [*self.template.row_columns(table, row, "2021"), *self.template.row_columns(table, row, "2019")]
        own_ids = [
            c
            for c in dict.fromkeys(c.id for c in own)
            if self.template.slot_id(table, row.id, c) in self.template.slots
        ]
        wanted = [c.id for c in columns if c.id in own_ids]
        if not wanted:
            # No column named: the row's total, or every measure of a 表二 row (2021's first).
            wanted = (
                [TOTAL] if TOTAL in own_ids else [c.id for c in self.template.row_columns(table, row, "2021")]
            )
            wanted = [c for c in wanted if c in own_ids] or own_ids
        return [self.template.slot_id(table, row.id, column) for column in wanted]

    def _owner(self, slot: str) -> tuple[str | None, RowSpec | None]:
        known = self.template.slots.get(slot)
        if known is None:
            return None, None
        return known.table, self.template.row(known.table, known.row)


@cache
def slot_reader() -> SlotReader:
    """The reader of the template in bot/lexicon/template.toml."""
    return SlotReader(load_template())


def slot_table(slot: str, template: Template | None = None) -> str | None:
    """The table a slot belongs to: applications, proactive or review_litigation."""
    known = (template or load_template()).slots.get(slot)
    return known.table if known else None


def slot_label(slot: str, template: Template | None = None) -> str:
    """A slot in words, as an answer's lead says it: 本年新收政府信息公开申请数量（法律服务机构）."""
    known = (template or load_template()).slots.get(slot)
    if known is None:
        return slot
    rows = [_plain(p) for p in known.row_path if not p.startswith("第二十条")]
    columns = [_plain(p) for p in known.column_path if p not in ("申请人情况", "法人或其他组织")]
    if known.table == "applications":
        row = f"{rows[-2]}（{rows[-1]}）" if len(rows) >= 3 else rows[-1]
        return row if known.column == TOTAL else f"{row}（{columns[-1]}）"
    return "".join(rows) + "".join(columns)


def _plain(label: str) -> str:
    """A label as an answer says it: without its list marker and notes.

    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "部分公开".
    """
    bare = re.sub(r"[（(][^（()）]*[)）]$", "", re.sub(r"^\s*[（(][一二三四五六七八九十\d]+[)）]", "", label))
    return label_key(bare) or label_key(label) or label


def _within(term: str, words: Iterable[str]) -> bool:
    key = label_key(term)
    return any(key in word or (len(word) >= 2 and word in key) for word in words)


def _said(line: RowSpec | ColumnSpec) -> list[str]:
    """Everything that says what a line counts: its words, labels and the headings above it."""
    return [*_keys(line), *(key for heading in line.path for key in _keys_of(heading))]


def _keys_of(label: str) -> list[str]:
    key = label_key(label)
    return [key] if key else []


def _keys(line: RowSpec | ColumnSpec) -> list[str]:
    """The matching forms of a line's words and labels, longest first."""
    words = {label_key(w) for w in [*line.asked, *line.labels()]}
    return sorted((w for w in words if len(w) >= 2), key=len, reverse=True)


Line = TypeVar("Line", RowSpec, ColumnSpec)


def _found(lines: list[tuple[Line, list[str]]], text: str) -> list[tuple[Line, _Word]]:
    """The lines whose words the text holds, each at its longest word, in order of appearance.

    A word inside a longer word of another line does not count (复议 inside 复议后起诉).
    """
    hits: list[tuple[Line, _Word]] = []
    for line, keys in lines:
        for key in keys:
            at = _find(text, key)
            if at >= 0:
                hits.append((line, _Word(key, at, at + len(key))))
                break
    kept = [
        (line, word)
        for line, word in hits
        if not any(_covers(o, word) for other, o in hits if other is not line)
    ]
    if any(not word.weak for _, word in kept):
        kept = [(line, word) for line, word in kept if not word.weak]
    return sorted(kept, key=lambda pair: pair[1].start)


def _find(text: str, key: str) -> int:
    """Where a key stands in text, not counting a measure word's tail: 个人 in 几个人 is no 个人."""
    at = text.find(key)
    while at > 0 and key[0] in _MEASURES and text[at - 1] in "几少":
        at = text.find(key, at + 1)
    return at


def _covers(other: _Word, word: _Word) -> bool:
    """Whether another line's word takes this word's place: it holds it and is longer, or it
    overlaps it and starts first (答复了多少|件申请: the verb before the noun names the row)."""
    inside = other.start <= word.start and word.end <= other.end and len(other.key) > len(word.key)
    overlapping = other.start < word.start < other.end < word.end
    return inside or overlapping


_JOINED = ("和", "及", "与", "以及", "还有", "跟", "、", "加")
_QUESTION_WORDS = ("多少", "几")
_MEASURES = "个件条项次名位"
_ALTOGETHER = ("一共", "总共", "合计", "共计", "加起来", "加在一起")


def _asked_last(
    rows: list[tuple[RowSpec, _Word]], group: list[tuple[RowSpec, _Word]], text: str
) -> tuple[list[tuple[RowSpec, _Word]], bool]:
    """What a question asks for when it names several rows: the last one, unless it lists them.

    "收到的申请里有多少件不予公开" asks for 不予公开 (收到 only says which 申请);
    "予以公开和部分公开各多少" asks for both. A heading over a row already named
    (行政诉讼 over 复议后起诉) only says where that row is.
    """
    if any(row is other for row, _ in rows for other, _ in group):
        group = []
    named = rows + [(row, w) for row, w in group if not any(o.start <= w.start < o.end for _, o in rows)]
    spans = sorted({(w.start, w.end) for _, w in named})
    if len(spans) <= 1:
        return named, bool(group) and not rows
    keep = [spans[-1]]
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        if any(j in text[end:next_start] for j in _JOINED):
            keep.append((start, end))
    chosen = [(row, w) for row, w in named if (w.start, w.end) in keep]
    return sorted(chosen, key=lambda pair: pair[1].start), any(pair in group for pair in chosen)


def _breakdown(columns: list[ColumnSpec]) -> list[ColumnSpec]:
    return [c for c in columns if c.id != TOTAL]
