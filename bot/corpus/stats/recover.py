"""Template tables recovered from text that lost their grid (see flow, pieces, readings).

- 表三: printed rows are placed on the template's rows by their labels, in template
  order; rows whose label was lost or displaced take the place between two labelled
  rows when exactly as many rows are missing there (and any label fragment they carry
  belongs to that row; see order.py). Each row's numbers are read as the readings rule says, and the
  identities choose among readings.
- 表四: the first printed row of numbers after the heading holds the table's 15 cells,
  or each block (行政复议, 未经复议直接起诉, 复议后起诉) is printed as a row of its own.
- 表二: rows are found by their labels only (each is unique); their columns are the
  header printed above them in their block, or, without one, the columns of the format
  (2021 or 2019) the table's other headers show; a row neither tells is not read. No
  identity covers 表二, so only an unambiguous layout gives a value.

A row no reading is left for keeps its numbers as printed (`printed`, no slot,
`verified` False) and a warning says so; numbers that fit no row are a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.corpus.models import Location, Statistic
from bot.corpus.raw import RawDocument
from bot.corpus.stats.flow import Flow, build_flow, label_pattern, regions
from bot.corpus.stats.labels import template
from bot.corpus.stats.order import align
from bot.corpus.stats.pieces import Piece, cut_pieces
from bot.corpus.stats.readings import Reading, choose, readings
from bot.lexicon.template import Edition, RowSpec

_MIN_ANCHORS = 2  # labelled rows that show a 表三 is printed in the text at all


@dataclass
class FlowReading:
    """The statistics recovered for one template table, and what could not be read."""

    kind: str
    statistics: list[Statistic] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Row:
    """A printed row placed on a template row, with the slots its numbers fill."""

    piece: Piece
    line: RowSpec
    slots: list[str]
    options: list[Reading]


def read_flow_tables(raw: RawDocument) -> list[FlowReading]:
    """Every template table that can be recovered from the document's text."""
    flow = build_flow(raw)
    found = []
    for name, (start, end) in regions(flow).items():
        pieces = cut_pieces(flow, name, start, end)
        if name == "applications":
            rows = _ordered(name, pieces)
        elif name == "review_litigation":
            rows = _review(flow, name, pieces, start, end)
        else:
            rows = _labelled(name, pieces)
        if rows is not None:
            found.append(_statistics(flow, name, *rows))
    return found


def _ordered(name: str, pieces: list[Piece]) -> tuple[list[_Row], list[Piece]] | None:
    """表三: printed rows on template rows by label and order."""
    anchors = [p.row for p in pieces if p.row]
    if len(anchors) < _MIN_ANCHORS:
        return None
    spec = template()
    only_2019 = "other" in anchors and not any(anchor.startswith("other.") for anchor in anchors)
    edition: Edition = "2019" if only_2019 else "2021"
    return _placed(name, pieces, [row for row in spec.rows[name] if edition in row.editions], edition)


def _placed(
    name: str, pieces: list[Piece], order: list[RowSpec], edition: Edition
) -> tuple[list[_Row], list[Piece]]:
    """Pieces on the rows of `order`; an unlabelled piece too short for any reading is no row."""
    width = len(template().row_columns(name, order[0], edition))
    rows = [p for p in pieces if p.row or len(p.tokens) >= width or len("".join(p.tokens)) >= width]
    placed = align([p.row for p in rows], [p.fragments for p in rows], order)
    kept = [_row(name, piece, line, edition) for piece, line in zip(rows, placed, strict=True) if line]
    taken = {id(row.piece) for row in kept}
    return kept, [piece for piece in pieces if id(piece) not in taken]


def _review(
    flow: Flow, name: str, pieces: list[Piece], start: int, end: int
) -> tuple[list[_Row], list[Piece]] | None:
    """表四 under its block labels: one printed row of every block's cells, or a row per block."""
    spec = template()
    blocks = spec.rows[name]
    if not pieces or not all(
        label_pattern(block.path[-1]).search(flow.folded, start, end) for block in blocks
    ):
        return None
    slots = [spec.slot_id(name, b.id, c.id) for b in blocks for c in spec.row_columns(name, b, "2021")]
    first = pieces[0]
    width = len(spec.row_columns(name, blocks[0], "2021"))
    if len(first.tokens) > width or (len(first.tokens) == 1 and len(first.tokens[0]) > width):
        return [_Row(first, blocks[0], slots, readings(first.tokens, len(slots), complete=True))], []
    return _placed(name, pieces, blocks, "2021")


def _labelled(name: str, pieces: list[Piece]) -> tuple[list[_Row], list[Piece]] | None:
    """表二: rows by their own labels, columns from the header above each."""
    labelled = [piece for piece in pieces if piece.row]
    if not labelled:
        return None
    spec = template()
    shown = {e for p in pieces for c in p.header if len(es := spec.column(name, c).editions) == 1 for e in es}
    rows, unread = [], [piece for piece in pieces if not piece.row]
    for piece in labelled:
        line = spec.row(name, piece.row or "")
        editions = [e for e in line.editions if line.columns_in(e) == piece.header]
        if not editions and len(shown) == 1 and shown <= set(line.editions):
            editions = list(shown)  # no header of its own: the format the table's other headers show
        if editions:
            rows.append(_row(name, piece, line, editions[0]))
        else:
            unread.append(piece)
    return rows, unread


def _row(name: str, piece: Piece, line: RowSpec, edition: Edition) -> _Row:
    spec = template()
    slots = [spec.slot_id(name, line.id, column.id) for column in spec.row_columns(name, line, edition)]
    complete = any(spec.identities_in(name, edition))
    return _Row(piece, line, slots, readings(piece.tokens, len(slots), complete=complete))


def _statistics(flow: Flow, name: str, rows: list[_Row], unplaced: list[Piece]) -> FlowReading:
    """Statistics of the chosen readings; warnings for the rows and numbers left unread."""
    spec = template()
    table = spec.tables[name]
    edition = spec.edition_of(name, {slot for row in rows for slot in row.slots})
    chosen = choose([(row.slots, row.options) for row in rows], spec.identities_in(name, edition))
    result = FlowReading(name)
    for row, reading in zip(rows, chosen, strict=True):
        offset, number = flow.origin(row.piece.start)
        location = Location(offset=offset, table=number, table_title=table.title)
        if reading is None:
            result.warnings.append(
                f"表{table.number}“{row.line.path[-1]}”行印作“{row.piece.printed}”，"
                "无法确定各数所在的列，未作为表格数字读取"
            )
            result.statistics += _as_printed(row, location, name)
            continue
        for slot_id, value in zip(row.slots, reading, strict=True):
            if value is not None:
                result.statistics.append(_cell(name, slot_id, value, row.piece.printed, location, edition))
    for piece in unplaced:
        result.warnings.append(f"表{table.number}中的一行数字无法对应到模板的行：“{piece.printed}”")
    return result


def _cell(
    name: str, slot_id: str, value: float, printed: str, location: Location, edition: Edition
) -> Statistic:
    spec = template()
    slot = spec.slots[slot_id]
    row, column = spec.row(name, slot.row), spec.column(name, slot.column)
    row_path, column_path = row.path_in(edition), column.path_in(edition)
    if name == "review_litigation":  # 表四 has no row labels: the block heads the column path
        row_path, column_path = [], [*row_path, *column_path]
    return Statistic(
        source="table",
        table=name,
        row=list(row_path),
        column=list(column_path),
        value=value,
        unit=slot.unit,
        location=location.model_copy(),
        slot=slot_id,
        printed=printed,
    )


def _as_printed(row: _Row, location: Location, name: str) -> list[Statistic]:
    """The numbers of a row with no reading, as printed apart: row known, column not."""
    if len(row.piece.tokens) < 2 or name == "review_litigation":
        return []
    path = row.line.path
    return [
        Statistic(
            source="table",
            table=name,
            row=list(path),
            column=[],
            value=float(token.replace(",", "")),
            unit=template().tables[name].unit,
            location=location.model_copy(),
            printed=row.piece.printed,
        )
        for token in row.piece.tokens
    ]
