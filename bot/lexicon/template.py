"""The national report template (template.toml) as validated data.

    load_template() -> Template
    ├── tables       表二 proactive, 表三 applications, 表四 review_litigation
    ├── rows/columns per table, with label variants, `asked` words and examples
    ├── slots        row × column, e.g. "applications.new.total", with their editions
    └── identities   sum(left) = sum(right), expanded over rows or columns

The file is read once per process. Anything wrong in it raises LexiconError naming the
entry ("template.toml: rows[applications.partial]: …"), so an operator who edits it
learns what to fix before the corpus is read.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import LexiconError
from bot.text import fold

Edition = Literal["2021", "2019"]
EDITIONS: tuple[Edition, ...] = ("2021", "2019")
TEMPLATE_FILE = Path(__file__).with_name("template.toml")

_MARKER = re.compile(
    r"^\s*(?:[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．)）])\s*"
)
_NOT_WORD = re.compile(r"[\W_]+")


def label_key(label: str) -> str:
    """A label's matching form: folded, without its list marker, spaces or punctuation."""
    folded = fold(label)
    return _NOT_WORD.sub("", _MARKER.sub("", folded)) or _NOT_WORD.sub("", folded)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    """A citizen's question and the slot it asks for."""

    q: str = Field(min_length=2)
    slot: str


class TableSpec(_Strict):
    """One of the template's three tables."""

    number: str  # 二 三 四
    title: str
    titles: list[str] = Field(min_length=1)  # the heading as reports print it
    slot: str  # slot id pattern with {row} and {column}
    unit: str
    headers: list[str] = Field(default_factory=list)  # group labels that hold no number


class _Line(_Strict):
    """What rows and columns share: a labelled line of the template."""

    table: str
    id: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    path: list[str] = Field(min_length=1)
    path_2019: list[str] | None = None
    variants: list[str] = Field(default_factory=list)
    editions: list[Edition] = Field(default_factory=lambda: list(EDITIONS))
    asked: list[str] = Field(min_length=1)
    examples: list[Example] = Field(min_length=1)

    def path_in(self, edition: Edition) -> list[str]:
        """The template's wording of this line in an edition."""
        return self.path_2019 if edition == "2019" and self.path_2019 else self.path

    def labels(self) -> list[str]:
        """Every spelling of the line's own label: template wording and variants."""
        own = [self.path[-1], *(self.path_2019[-1:] if self.path_2019 else []), *self.variants]
        return list(dict.fromkeys(own))


class RowSpec(_Line):
    """A row: 一、本年新收… (表三), 规章 (表二), 行政复议 (a block of 表四)."""

    columns: list[str] | None = None  # 表二: its columns in the 2021 edition
    columns_2019: list[str] | None = None

    def columns_in(self, edition: Edition) -> list[str] | None:
        """Its own columns in an edition; None when it has every column of its table."""
        return self.columns_2019 if edition == "2019" else self.columns


class ColumnSpec(_Line):
    """A column: 自然人 (表三), 本年制发件数 (表二), 结果维持 (表四)."""

    unit: str | None = None  # None: the table's unit; "": the unit the report's header prints


class IdentitySpec(_Strict):
    """sum(left) = sum(right) over slot ids, repeated for each row or column."""

    id: str
    table: str
    each: Literal["row", "column"] | None = None
    editions: list[Edition] = Field(default_factory=lambda: list(EDITIONS))
    left: list[str] = Field(min_length=1)
    right: list[str] = Field(min_length=1)
    text: str


class TemplateFile(_Strict):
    """The file as written."""

    tables: dict[str, TableSpec]
    rows: list[RowSpec]
    columns: list[ColumnSpec]
    identities: list[IdentitySpec]


class Slot(_Strict):
    """One cell of the template: a row crossed with a column."""

    id: str
    table: str
    row: str
    column: str
    row_path: list[str]  # the template's wording (2021; the 2019 wording for a 2019-only slot)
    column_path: list[str]
    labels: list[str]  # the row's label as reports print it: wording and variants
    column_labels: list[str]
    editions: list[Edition]
    unit: str | None  # None: as the report's header prints it
    asked: list[str]  # the row's words
    column_asked: list[str]  # the column's words, for a breakdown
    examples: list[Example]  # questions that ask for this very slot

    def edition_only(self) -> bool:
        """True when the slot exists in one edition only (never joined across editions)."""
        return len(self.editions) == 1


class Identity(_Strict):
    """One instance of an identity: concrete slot ids and its warning text."""

    id: str  # "applications.row_total[new]"
    table: str
    editions: list[Edition]
    left: list[str]
    right: list[str]
    text: str  # with {left} and {right} still to fill

    def slots(self) -> list[str]:
        """Every slot the identity takes part in."""
        return [*self.left, *self.right]

    def describe(self, left: float, right: float) -> str:
        """The warning for printed sums that break the identity."""
        return self.text.format(left=f"{left:g}", right=f"{right:g}")


class Template:
    """The validated template: look-ups by id and by printed label."""

    def __init__(self, spec: TemplateFile) -> None:
        self.tables = spec.tables
        self.rows = {name: [r for r in spec.rows if r.table == name] for name in spec.tables}
        self.columns = {name: [c for c in spec.columns if c.table == name] for name in spec.tables}
        self.slots = {slot.id: slot for slot in _slots(self)}
        self.identities = _merged(identity for s in spec.identities for identity in _expand(self, s))
        self._row_keys = {name: _keys(self.rows[name]) for name in spec.tables}
        self._column_keys = {name: _keys(self.columns[name]) for name in spec.tables}

    def row(self, table: str, row_id: str) -> RowSpec:
        """A row by id (KeyError when there is none)."""
        return next(r for r in self.rows[table] if r.id == row_id)

    def column(self, table: str, column_id: str) -> ColumnSpec:
        """A column by id (KeyError when there is none)."""
        return next(c for c in self.columns[table] if c.id == column_id)

    def find_row(self, table: str, label: str) -> RowSpec | None:
        """The row a printed label names, if any."""
        return self._row_keys[table].get(label_key(label))

    def find_column(self, table: str, label: str) -> ColumnSpec | None:
        """The column a printed label names, if any."""
        return self._column_keys[table].get(label_key(label))

    def slot_id(self, table: str, row: str, column: str) -> str:
        """The slot id of a row and column (whether or not the slot exists)."""
        return self.tables[table].slot.format(row=row, column=column)

    def row_columns(self, table: str, row: RowSpec, edition: Edition) -> list[ColumnSpec]:
        """The columns a row has in an edition, in template order."""
        if edition not in row.editions:
            return []
        own = row.columns_in(edition)
        columns = [c for c in self.columns[table] if edition in c.editions]
        if own is None:
            return columns
        return [self.column(table, c) for c in own]

    def slots_in(self, table: str, edition: Edition) -> list[Slot]:
        """The slots of a table in an edition, in template order (row by row)."""
        return [s for s in self.slots.values() if s.table == table and edition in s.editions]

    def identities_in(self, table: str, edition: Edition) -> list[Identity]:
        """The identities that hold in a table of an edition."""
        return [i for i in self.identities if i.table == table and edition in i.editions]

    def edition_of(self, table: str, slot_ids: set[str]) -> Edition:
        """The edition a table was printed in, from the slots read: 2019 when a 2019-only slot is."""
        only_2019 = {s.id for s in self.slots.values() if s.table == table and s.editions == ["2019"]}
        return "2019" if slot_ids & only_2019 else "2021"

    def examples(self) -> Iterator[tuple[str, str, Example]]:
        """Every example with the row or column that carries it: ("rows[applications.new]", "new", …)."""
        for name in self.tables:
            for kind, lines in (("rows", self.rows[name]), ("columns", self.columns[name])):
                for line in lines:
                    for example in line.examples:
                        yield f"{kind}[{name}.{line.id}]", line.id, example


def _keys(lines: list[RowSpec] | list[ColumnSpec]) -> dict[str, Any]:
    return {label_key(label): line for line in lines for label in line.labels()}


def _slots(template: Template) -> Iterator[Slot]:
    for name, table in template.tables.items():
        for row in template.rows[name]:
            found: dict[str, list[Edition]] = {}
            for edition in EDITIONS:
                for column in template.row_columns(name, row, edition):
                    found.setdefault(column.id, []).append(edition)
            for column_id, editions in found.items():
                column = template.column(name, column_id)
                slot_id = template.slot_id(name, row.id, column_id)
                yield Slot(
                    id=slot_id,
                    table=name,
                    row=row.id,
                    column=column_id,
                    row_path=row.path_in(editions[0]),
                    column_path=column.path_in(editions[0]),
                    labels=row.labels(),
                    column_labels=column.labels(),
                    editions=editions,
                    unit=table.unit if column.unit is None else (column.unit or None),
                    asked=row.asked,
                    column_asked=column.asked,
                    examples=[e for e in [*row.examples, *column.examples] if e.slot == slot_id],
                )


def _expand(template: Template, spec: IdentitySpec) -> Iterator[Identity]:
    """One Identity per row or column the spec repeats over, in each of its editions."""
    for edition in spec.editions:
        lines: list[RowSpec] | list[ColumnSpec] | list[None]
        if spec.each == "row":
            lines = [r for r in template.rows[spec.table] if edition in r.editions]
        elif spec.each == "column":
            lines = [c for c in template.columns[spec.table] if edition in c.editions]
        else:
            lines = [None]
        for line in lines:
            names = {"row": "{row}", "column": "{column}"}
            ids = {"row": "{row}", "column": "{column}"}
            if line is not None and spec.each:
                names[spec.each] = line.path_in(edition)[-1]
                ids[spec.each] = line.id
            left = [part.format(**ids) for part in spec.left]
            right = [part.format(**ids) for part in spec.right]
            suffix = f"[{line.id}]" if line is not None else ""
            text = spec.text.replace("{row}", names["row"]).replace("{column}", names["column"])
            yield Identity(
                id=f"{spec.id}{suffix}",
                table=spec.table,
                editions=[edition],
                left=left,
                right=right,
                text=text,
            )


def _merged(identities: Iterable[Identity]) -> list[Identity]:
    """One Identity for the same sum in several editions."""
    merged: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Identity] = {}
    for identity in identities:
        key = (identity.id, tuple(identity.left), tuple(identity.right))
        if key in merged:
            editions = [*merged[key].editions, *identity.editions]
            merged[key] = merged[key].model_copy(update={"editions": editions})
        else:
            merged[key] = identity
    return list(merged.values())


@functools.cache
def load_template() -> Template:
    """The product's template, read and validated once."""
    return read_template(TEMPLATE_FILE)


def read_template(path: Path) -> Template:
    """Read and validate a template file; LexiconError names the entry at fault."""
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(name, f"cannot read: {exc}") from exc
    try:
        spec = TemplateFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise LexiconError(f"{name}: {_entry(data, error['loc'])}", error["msg"]) from exc
    problem = _references(spec)
    if problem:
        raise LexiconError(f"{name}: {problem[0]}", problem[1])
    template = Template(spec)
    problem = _consistency(template, spec)
    if problem:
        raise LexiconError(f"{name}: {problem[0]}", problem[1])
    return template


def _references(spec: TemplateFile) -> tuple[str, str] | None:
    """Tables, ids and column lists that the rest of the file refers to."""
    seen: set[tuple[str, str, str]] = set()
    for kind, lines in (("rows", spec.rows), ("columns", spec.columns)):
        for line in lines:
            entry = f"{kind}[{line.table}.{line.id}]"
            if line.table not in spec.tables:
                return entry, f"unknown table {line.table!r}"
            if (kind, line.table, line.id) in seen:
                return entry, "duplicate id"
            seen.add((kind, line.table, line.id))
    for row in spec.rows:
        for edition in EDITIONS:
            own = row.columns_in(edition)
            if own is None:
                continue
            if edition not in row.editions:
                return f"rows[{row.table}.{row.id}]", f"columns given for edition {edition} it is not in"
            for column in own:
                if ("columns", row.table, column) not in seen:
                    return f"rows[{row.table}.{row.id}]", f"unknown column {column!r}"
    for identity in spec.identities:
        if identity.table not in spec.tables:
            return f"identities[{identity.id}]", f"unknown table {identity.table!r}"
    return None


def _consistency(template: Template, spec: TemplateFile) -> tuple[str, str] | None:
    """Slots, labels, identities and examples agree with each other."""
    count = sum(1 for _ in _slots(template))
    if count != len(template.slots):
        return "slots", "two rows or columns give the same slot id"
    for name in template.tables:
        for kind, lines in (("rows", template.rows[name]), ("columns", template.columns[name])):
            owners: dict[str, str] = {}
            for line in lines:
                for label in line.labels():
                    other = owners.setdefault(label_key(label), line.id)
                    if other != line.id:
                        return f"{kind}[{name}.{line.id}]", f"label {label!r} also names {other!r}"
    for identity in template.identities:
        for slot_id in identity.slots():
            slot = template.slots.get(slot_id)
            missing = [e for e in identity.editions if slot is None or e not in slot.editions]
            if missing:
                return f"identities[{identity.id}]", f"no slot {slot_id!r} in edition {missing[0]}"
    for owner, line_id, example in template.examples():
        asked = template.slots.get(example.slot)
        if asked is None:
            return f"{owner}.examples", f"unknown slot {example.slot!r}"
        if f"[{asked.table}.{asked.row if owner.startswith('rows') else asked.column}]" not in owner:
            return f"{owner}.examples", f"{example.slot!r} is not a slot of {line_id!r}"
    return None


def _entry(data: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """An entry's name from a validation error's location: rows[applications.new].asked."""
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data.get(str(loc[0])), list):
        item = data[str(loc[0])][loc[1]]
        named = f"{item.get('table', '?')}.{item.get('id', '?')}" if isinstance(item, dict) else loc[1]
        rest = "".join(f".{part}" for part in loc[2:])
        return f"{loc[0]}[{named}]{rest}"
    return ".".join(str(part) for part in loc)
