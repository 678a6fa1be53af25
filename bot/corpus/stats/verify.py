"""The template's identities checked on a report's cells, and each cell's `verified` flag.

A cell is verified when an identity it takes part in holds: a failing identity then
points at its other cells (a report printing 3120 for a row whose parts sum to 3119
breaks that row's total and its column's balance; the other cells of the column still
add up along their own rows). When no identity covers a cell (表二), it is verified when
it was read from an unambiguous labelled cell: every slotted cell is, since ambiguous
readings never get a slot. A cell whose slot is read
twice with different numbers is never verified. An identity with a cell missing is not
checked. A failing identity is a report error: a warning naming the cells, never a
parser failure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from bot.corpus.models import Statistic
from bot.corpus.stats.labels import template
from bot.lexicon.template import Identity

_TOLERANCE = 1e-6


@dataclass(frozen=True)
class IdentityCheck:
    """One identity evaluated on a report's printed numbers."""

    identity: Identity
    left: float
    right: float
    values: dict[str, float]  # slot -> printed value, for every slot of the identity

    @property
    def holds(self) -> bool:
        """True when the two sums agree."""
        return abs(self.left - self.right) <= _TOLERANCE

    def describe(self) -> str:
        """The warning, in the template file's words."""
        return self.identity.describe(self.left, self.right)

    def cells(self) -> str:
        """The cells and their printed numbers: "applications.new.total=3120 …"."""
        left = " + ".join(f"{slot}={self.values[slot]:g}" for slot in self.identity.left)
        right = " + ".join(f"{slot}={self.values[slot]:g}" for slot in self.identity.right)
        return f"{left} ≠ {right}"


def check_identities(statistics: list[Statistic]) -> tuple[list[IdentityCheck], set[str]]:
    """Every identity whose cells were all read, and the slots read with conflicting numbers."""
    values, conflicts = _values(statistics)
    tables: dict[str, set[str]] = defaultdict(set)
    for slot in [*values, *conflicts]:
        tables[template().slots[slot].table].add(slot)
    checks = []
    for name, present in tables.items():
        for identity in template().identities_in(name, template().edition_of(name, present)):
            if all(slot in values for slot in identity.slots()):
                checks.append(
                    IdentityCheck(
                        identity=identity,
                        left=sum(values[slot] for slot in identity.left),
                        right=sum(values[slot] for slot in identity.right),
                        values={slot: values[slot] for slot in identity.slots()},
                    )
                )
    return checks, conflicts


def verify(statistics: list[Statistic]) -> list[IdentityCheck]:
    """Set each table cell's `verified` flag; return the identities checked."""
    checks, conflicts = check_identities(statistics)
    holding: dict[str, bool] = {}
    for check in checks:
        for slot in check.identity.slots():
            holding[slot] = holding.get(slot, False) or check.holds
    covered = {slot for identity in template().identities for slot in identity.slots()}
    for stat in statistics:
        if stat.slot is None or stat.slot in conflicts:
            stat.verified = False
        elif stat.slot in holding:
            stat.verified = holding[stat.slot]
        else:
            stat.verified = stat.slot not in covered
    return checks


def conflict_warnings(statistics: list[Statistic]) -> list[str]:
    """A warning for each slot read twice with different numbers."""
    _, conflicts = _values(statistics)
    found = defaultdict(list)
    for stat in statistics:
        if stat.slot in conflicts:
            found[stat.slot].append(stat.display_value)
    return [f"统计表同一格（{slot}）读到不同的数：{'、'.join(numbers)}" for slot, numbers in found.items()]


def _values(statistics: list[Statistic]) -> tuple[dict[str, float], set[str]]:
    seen: dict[str, set[float]] = defaultdict(set)
    for stat in statistics:
        if stat.slot is not None:
            seen[stat.slot].add(stat.value)
    conflicts = {slot for slot, numbers in seen.items() if len(numbers) > 1}
    return {slot: next(iter(numbers)) for slot, numbers in seen.items() if slot not in conflicts}, conflicts
