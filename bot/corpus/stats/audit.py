"""How much of the template a report's statistics fill and prove: what `gongkai check` prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.corpus.models import Statistic
from bot.corpus.stats.labels import template
from bot.corpus.stats.verify import IdentityCheck, check_identities


@dataclass(frozen=True)
class Audit:
    """The template tables of one report, counted."""

    slots_found: int  # distinct template slots read
    slots_expected: int  # slots of the three tables in the edition the report was printed in
    verified: int  # table cells proven by an identity or an unambiguous labelled cell
    unverified: int  # table cells that are not (failing identities, printed text, no slot)
    failed: list[IdentityCheck] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # slots read twice with different numbers


def audit(statistics: list[Statistic]) -> Audit:
    """Count a report's table cells against the template and list the identities that fail."""
    cells = [s for s in statistics if s.source == "table"]
    found = {s.slot for s in cells if s.slot}
    spec = template()
    expected = 0
    for name in spec.tables:
        in_table = {slot for slot in found if spec.slots[slot].table == name}
        expected += len(spec.slots_in(name, spec.edition_of(name, in_table)))
    checks, conflicts = check_identities(cells)
    verified = sum(1 for s in cells if s.verified)
    return Audit(
        slots_found=len(found),
        slots_expected=expected,
        verified=verified,
        unverified=len(cells) - verified,
        failed=[check for check in checks if not check.holds],
        conflicts=sorted(conflicts),
    )
