"""The readings of a printed row of numbers, and the one the template's arithmetic leaves.

A reading assigns the row's numbers to the template's columns, in order. The rule:

- tokens printed apart (spaces, pipes) are one cell each: as many tokens as columns is
  one reading; fewer tokens leave cells missing, each choice of missing cells a reading;
- one token of digits under several columns is run together: every cut of its digits
  into numbers is a reading, where no number but "0" starts with 0 ("002" under three
  columns is only 0, 0, 2; "4016" is 4, 0, 16 or 40, 1, 6 …), and cuts into fewer
  numbers than columns leave cells missing as above;
- where the table has identities, only readings with every cell present can hold them.

`choose` keeps, for rows of a table with identities, the readings under which every
identity that can be evaluated holds: first each row alone (its own total), then the
rows together (column totals), and takes a row's reading when every consistent
combination agrees on it. A row with one reading keeps it even when an identity fails:
its numbers are printed unambiguously, and the failure is reported, not hidden.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence

from bot.lexicon.template import Identity

Reading = tuple[float | None, ...]
LIMIT = 5000  # readings of one row, or combinations of rows, beyond which nothing is chosen
_DIGITS_PER_CELL = 12  # a run of digits longer than this per column is no table row


def readings(tokens: Sequence[str], width: int, *, complete: bool) -> list[Reading]:
    """Every reading of the printed tokens under `width` columns (empty when there are too many)."""
    if not tokens or len(tokens) > width or len(tokens[0]) > _DIGITS_PER_CELL * width:
        return []
    if len(tokens) == width:
        return [tuple(_number(token) for token in tokens)]
    if len(tokens) > 1:
        return [] if complete else _placed(tokens, width)
    found: list[Reading] = []
    for count in [width] if complete else range(width, 0, -1):
        for parts in _cuts(tokens[0], count):
            found += [tuple(_number(part) for part in parts)] if count == width else _placed(parts, width)
            if len(found) > LIMIT:
                return []
    return found


def _cuts(digits: str, count: int) -> Iterator[list[str]]:
    """Every way to cut a run of digits into `count` valid numbers."""
    if count == 1:
        if _valid(digits):
            yield [digits]
        return
    for cut in range(1, len(digits) - count + 2):
        head = digits[:cut]
        if _valid(head):
            for rest in _cuts(digits[cut:], count - 1):
                yield [head, *rest]


def _valid(part: str) -> bool:
    """A number as a table prints it: no leading zero (but "0" and "0.5"), no dangling point."""
    if part.startswith(".") or part.endswith(".") or part.count(".") > 1:
        return False
    return part == "0" or not part.startswith("0") or part.startswith("0.")


def _placed(parts: Sequence[str], width: int) -> list[Reading]:
    """The parts in order under `width` columns, the other cells missing, in every placement."""
    placements = []
    for columns in itertools.combinations(range(width), len(parts)):
        cells: list[float | None] = [None] * width
        for column, part in zip(columns, parts, strict=True):
            cells[column] = _number(part)
        placements.append(tuple(cells))
    return placements


def _number(token: str) -> float:
    return float(token.replace(",", ""))


def choose(
    rows: Sequence[tuple[list[str], list[Reading]]], identities: list[Identity]
) -> list[Reading | None]:
    """For each row (its slots, its readings), the reading the identities leave, or None."""
    kept = [_alone(slots, options, identities) for slots, options in rows]
    fixed: dict[str, float] = {}
    for (slots, _), options in zip(rows, kept, strict=True):
        if len(options) == 1:
            fixed.update(_cells(slots, options[0]))
    open_rows = [i for i, options in enumerate(kept) if len(options) > 1]
    chosen: list[Reading | None] = [options[0] if len(options) == 1 else None for options in kept]
    if not open_rows or math.prod(len(kept[i]) for i in open_rows) > LIMIT:
        return chosen
    open_slots = {slot for i in open_rows for slot in rows[i][0]}
    relevant = [identity for identity in identities if open_slots & set(identity.slots())]
    consistent = []
    for combination in itertools.product(*(kept[i] for i in open_rows)):
        values = dict(fixed)
        for i, reading in zip(open_rows, combination, strict=True):
            values.update(_cells(rows[i][0], reading))
        if all(_holds(identity, values) for identity in relevant):
            consistent.append(combination)
    for position, i in enumerate(open_rows):
        picked = {combination[position] for combination in consistent}
        chosen[i] = picked.pop() if len(picked) == 1 else None
    return chosen


def _alone(slots: list[str], options: list[Reading], identities: list[Identity]) -> list[Reading]:
    """The readings of one row that its own identities (all cells in the row) leave."""
    if len(options) <= 1:
        return options
    inner = [identity for identity in identities if set(identity.slots()) <= set(slots)]
    return [reading for reading in options if all(_holds(i, _cells(slots, reading)) for i in inner)]


def _cells(slots: list[str], reading: Reading) -> dict[str, float]:
    return {slot: value for slot, value in zip(slots, reading, strict=True) if value is not None}


def _holds(identity: Identity, values: dict[str, float]) -> bool:
    """True when the identity holds, or cannot be evaluated for want of a cell."""
    if not all(slot in values for slot in identity.slots()):
        return True
    left = sum(values[slot] for slot in identity.left)
    return abs(left - sum(values[slot] for slot in identity.right)) <= 1e-6
