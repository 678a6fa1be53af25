"""The bot's own small records: masking, rate limit, answer memory, feedback store."""

from __future__ import annotations

import pytest

from bot.answer import Answer, Intent
from bot.channels.telegram.feedback import FeedbackStore, Vote
from bot.channels.telegram.keyboards import Action, decode, encode
from bot.channels.telegram.memory import AnswerMemory, Entry
from bot.channels.telegram.ratelimit import RateLimiter, Verdict
from bot.privacy import mask_personal


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("身份证37030319900101123X", "身份证******************"),
        ("电话 138-1234-5678 或 0533-2270822", "电话 ************* 或 ************"),
        ("全角１３８１２３４５６７８", "全角***********"),
        ("+86 13812345678", "***************"),
        ("2017年收到申请255件，邮编255000", "2017年收到申请255件，邮编255000"),
    ],
)
def test_personal_numbers_are_masked(text, masked):
    assert mask_personal(text) == masked


def test_rate_limit_warns_once_then_drops_until_the_window_passes():
    now = [0.0]
    limiter = RateLimiter(limit=2, window=10, clock=lambda: now[0])
    assert [limiter.check(1) for _ in range(4)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    assert limiter.check(2) is Verdict.ALLOW  # other users are not affected
    now[0] = 10.5
    assert limiter.check(1) is Verdict.ALLOW


def test_answer_memory_forgets_the_least_recently_used():
    memory = AnswerMemory(capacity=2)
    first, second = memory.remember(Entry("一")), memory.remember(Entry("二"))
    assert memory.recall(first) == Entry("一")  # now the most recent
    memory.remember(Entry("三"))
    assert memory.recall(second) is None and memory.recall(first) is not None
    assert len(first) == 8


def test_callback_data_round_trips_and_stays_short():
    assert decode(encode(Action.PAGE, "abcdefgh", 15)).offset == 15
    assert decode(encode(Action.UP, "abcdefgh")).action is Action.UP
    assert decode("nonsense") is None and decode("pg:key:x") is None
    with pytest.raises(ValueError):
        encode(Action.SOURCES, "k" * 70)


def test_feedback_counts_survive_a_restart(tmp_path):
    answer = Answer(id="x1", answer="…", found=False, intent=Intent.GENERAL)
    store = FeedbackStore(tmp_path)
    store.record("电话13812345678", answer, Vote.DOWN)
    store.record("好", answer, Vote.UP)
    store.path.write_text(store.path.read_text() + "not json\n")
    assert FeedbackStore(tmp_path).counts() == {Vote.UP: 1, Vote.DOWN: 1}
    assert "13812345678" not in store.path.read_text()
