"""👍/👎 feedback, stored locally as JSON lines without personal data.

One line per vote: time, answer id, vote, whether the answer was found, and the
question with ID-card and phone numbers masked. No user or chat id is kept.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from bot.answer import Answer
from bot.privacy import mask_personal

log = logging.getLogger(__name__)


class Vote(StrEnum):
    """A citizen's verdict on one answer."""

    UP = "up"
    DOWN = "down"


class FeedbackStore:
    """Appends votes to `feedback.jsonl` in the data folder and counts them."""

    FILENAME = "feedback.jsonl"

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / self.FILENAME
        self._counts: Counter[Vote] = Counter(self._read_votes())

    def record(self, question: str, answer: Answer, vote: Vote) -> None:
        """Store one vote."""
        line = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "answer_id": answer.id,
            "vote": vote.value,
            "found": answer.found,
            "intent": answer.intent.value,
            "question": mask_personal(question),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._counts[vote] += 1

    def counts(self) -> dict[Vote, int]:
        """Votes so far, including earlier runs."""
        return {vote: self._counts[vote] for vote in Vote}

    def _read_votes(self) -> list[Vote]:
        if not self.path.is_file():
            return []
        votes = []
        for number, text in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                votes.append(Vote(json.loads(text)["vote"]))
            except (ValueError, KeyError, TypeError):
                log.warning("%s:%d: unreadable feedback line skipped", self.path, number)
        return votes
