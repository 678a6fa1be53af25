"""What operators learn from a running channel, kept as JSON lines without personal data.

    data_dir/feedback.jsonl     one 👍/👎 per line: time, answer id, vote, found, intent, question,
                                vote id (a changed vote is a new line with the same vote id: the last counts)
    data_dir/unanswered.jsonl   one line per question the records could not answer (found=false):
                                time, intent, agency, year, question

Questions lose ID-card numbers, phone numbers and e-mail addresses (bot.privacy) before
they are written, and again when they are read, so that what an earlier version kept
unmasked is masked in /stats and `gongkai export` too (and in the files, when a store
opens them); no user id, chat id or name is ever kept. A channel appends with
FeedbackStore and UnansweredLog; `gongkai export` reads with read_feedback and
read_unanswered.

These records are for operators, never part of an answer: a write that fails (disk full,
folder unwritable) loses that line only. It is counted (`lost`, shown by /stats) and
logged once, without what was asked, until writing works again (bot.records_files).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from bot.answer import Answer
from bot.privacy import mask_personal
from bot.records_files import Appender, read_lines, reason, scrub
from bot.text import clean_spaces, fold

log = logging.getLogger(__name__)

FEEDBACK_FILE = "feedback.jsonl"
UNANSWERED_FILE = "unanswered.jsonl"
# Half of a UTF-16 pair alone (Telegram's JSON may carry one): UTF-8 cannot write it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Distinct unanswered questions counted in memory; past this the rarest half is forgotten.
MAX_DISTINCT = 10_000


class Vote(StrEnum):
    """A citizen's verdict on one answer."""

    UP = "up"
    DOWN = "down"


class FeedbackLine(BaseModel):
    """One stored vote."""

    time: datetime
    answer_id: str
    vote: Vote
    found: bool
    intent: str
    question: str
    vote_id: str | None = None  # random per user and answer, never the user's id


class UnansweredLine(BaseModel):
    """One stored question that the records could not answer."""

    time: datetime
    intent: str
    agency: str | None = None
    year: int | None = None
    question: str


Q = TypeVar("Q", FeedbackLine, UnansweredLine)


class UnansweredCount(BaseModel):
    """A question as often as it was asked without an answer (read_unanswered)."""

    question: str
    count: int
    last: datetime
    intents: list[str]


def masked(question: str) -> str:
    """The question as it may be stored: personal numbers masked, blanks tidied, UTF-8 safe."""
    return clean_spaces(mask_personal(_LONE_SURROGATE.sub("\ufffd", question))).strip()


def question_key(question: str) -> str:
    """What makes two stored questions the same: 熱線 and 热线, Ａ and a fold together."""
    return fold(question)


class FeedbackStore:
    """Appends votes to feedback.jsonl and counts them, earlier runs included."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FEEDBACK_FILE
        self._out = Appender(self.path)
        scrub(self.path, masked)
        self._counts: Counter[Vote] = Counter(
            line.vote for line in _last_votes(_stored(self.path, FeedbackLine))
        )

    def record(
        self,
        question: str,
        answer: Answer,
        vote: Vote,
        vote_id: str | None = None,
        replaces: Vote | None = None,
    ) -> None:
        """Store one vote; with the `vote_id` of an earlier one, it `replaces` that vote."""
        line = FeedbackLine(
            time=_now(), answer_id=answer.id, vote=vote, found=answer.found,
            intent=answer.intent.value, question=masked(question), vote_id=vote_id,
        )  # fmt: skip
        self._out.append(line)
        self._counts[vote] += 1  # the vote was given, kept or not
        if replaces is not None:
            self._counts[replaces] -= 1

    def counts(self) -> dict[Vote, int]:
        """Votes so far."""
        return {vote: self._counts[vote] for vote in Vote}

    @property
    def lost(self) -> int:
        """Votes that could not be written since start."""
        return self._out.lost


class UnansweredLog:
    """Appends unanswered questions to unanswered.jsonl and knows the most frequent ones."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / UNANSWERED_FILE
        self._out = Appender(self.path)
        scrub(self.path, masked)
        self._counts: Counter[str] = Counter()
        self._shown: dict[str, str] = {}  # key -> the question as first stored
        for line in _stored(self.path, UnansweredLine):
            self._count(line.question)

    def record(self, question: str, answer: Answer) -> bool:
        """Count the question if the records lacked its answer and store it; say whether it counted."""
        if answer.found:
            return False
        line = UnansweredLine(
            time=_now(), intent=answer.intent.value, agency=answer.agency, year=answer.year,
            question=masked(question),
        )  # fmt: skip
        if not line.question:
            return False
        self._out.append(line)
        self._count(line.question)
        return True

    @property
    def lost(self) -> int:
        """Unanswered questions that could not be written since start."""
        return self._out.lost

    def top(self, n: int = 5) -> list[tuple[str, int]]:
        """The n most frequent unanswered questions, masked, with how often they were asked."""
        return [(self._shown[key], count) for key, count in self._counts.most_common(n)]

    def _count(self, question: str) -> None:
        key = question_key(question)
        self._shown.setdefault(key, question)
        self._counts[key] += 1
        if len(self._counts) > MAX_DISTINCT:
            self._counts = Counter(dict(self._counts.most_common(MAX_DISTINCT // 2)))
            self._shown = {k: self._shown[k] for k in self._counts}


def read_feedback(data_dir: Path, since: datetime | None = None) -> list[FeedbackLine]:
    """Stored votes, oldest first, from `since` on; a changed vote only as it was last cast."""
    return [
        line
        for line in _last_votes(_read(data_dir / FEEDBACK_FILE, FeedbackLine))
        if _after(line.time, since)
    ]


def _last_votes(lines: Iterable[FeedbackLine]) -> list[FeedbackLine]:
    # A line with the vote id of a later one was changed by it.
    every = list(lines)
    last = {line.vote_id: n for n, line in enumerate(every) if line.vote_id}
    return [line for n, line in enumerate(every) if not line.vote_id or last[line.vote_id] == n]


def read_unanswered(data_dir: Path, since: datetime | None = None) -> list[UnansweredCount]:
    """Unanswered questions from `since` on, the most frequent first (then the latest)."""
    groups: dict[str, UnansweredCount] = {}
    for line in _read(data_dir / UNANSWERED_FILE, UnansweredLine):
        if not _after(line.time, since):
            continue
        key = question_key(line.question)
        fresh = UnansweredCount(question=line.question, count=0, last=line.time, intents=[])
        group = groups.setdefault(key, fresh)
        group.count += 1
        group.last = max(group.last, line.time)
        if line.intent not in group.intents:
            group.intents.append(line.intent)
    return sorted(groups.values(), key=lambda g: (-g.count, -g.last.timestamp()))


def _read(path: Path, model: type[Q]) -> Iterator[Q]:
    """The stored lines, questions masked (whatever an earlier version kept)."""
    for line in read_lines(path, model):
        yield line.model_copy(update={"question": masked(line.question)})


def _stored(path: Path, model: type[Q]) -> list[Q]:
    """What earlier runs stored; nothing (said once) if the file cannot be read: the bot starts anyway."""
    try:
        return list(_read(path, model))
    except OSError as exc:
        log.error("cannot read %s (%s): counting starts from zero", path, reason(exc))
        return []


def _after(time: datetime, since: datetime | None) -> bool:
    if since is None:
        return True
    aware = time if time.tzinfo else time.replace(tzinfo=UTC)
    return aware >= since


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
