"""Counters for the operators' /stats: what was asked since start, and what was not found."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.answer import Answer
from bot.privacy import mask_personal
from bot.text import clean_spaces, fold

MAX_UNANSWERED = 10_000


@dataclass
class Stats:
    """Questions answered and declined since the bot started."""

    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    answered: int = 0
    declined: int = 0
    unanswered: Counter[str] = field(default_factory=Counter)

    def record(self, question: str, answer: Answer) -> None:
        """Count one answered question; remember it (masked) if the records lacked the answer."""
        self.answered += 1
        if not answer.found:
            self.declined += 1
            # Fold so that 熱線 and 热线, Ａ and a count as the same question.
            self.unanswered[fold(clean_spaces(mask_personal(question)).strip())] += 1
            if len(self.unanswered) > MAX_UNANSWERED:
                # Keep memory bounded on a long run: forget the rarest half.
                self.unanswered = Counter(dict(self.unanswered.most_common(MAX_UNANSWERED // 2)))

    @property
    def declined_share(self) -> float:
        """Share of questions the records could not answer, 0..1."""
        return self.declined / self.answered if self.answered else 0.0

    def top_unanswered(self, n: int = 5) -> list[tuple[str, int]]:
        """The most frequent questions without an answer, masked."""
        return self.unanswered.most_common(n)
