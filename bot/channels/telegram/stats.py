"""Counters for the operators' /stats: how many questions since start, and how many declined."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.answer import Answer


@dataclass
class Stats:
    """Questions answered and declined since the bot started (the unanswered ones are in records)."""

    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    answered: int = 0
    declined: int = 0

    def record(self, answer: Answer) -> None:
        """Count one answered question."""
        self.answered += 1
        if not answer.found:
            self.declined += 1

    @property
    def declined_share(self) -> float:
        """Share of questions the records could not answer, 0..1."""
        return self.declined / self.answered if self.answered else 0.0
