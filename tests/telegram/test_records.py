"""The bot's own small records: masking, rate limit, answer memory, feedback and unanswered questions."""

from __future__ import annotations

import pytest

from bot.answer import Answer, Intent
from bot.channels.telegram.keyboards import Action, decode, encode
from bot.channels.telegram.memory import AnswerMemory, Entry
from bot.channels.telegram.ratelimit import RateLimiter, Verdict
from bot.privacy import mask_personal
from bot.records import FeedbackStore, UnansweredLog, Vote, read_unanswered


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("身份证37030319900101123X", "身份证******************"),
        ("电话 138-1234-5678 或 0533-2270822", "电话 ************* 或 ************"),
        ("全角１３８１２３４５６７８", "全角***********"),
        ("+86 13812345678", "***************"),
        ("2017年收到申请255件，邮编255000", "2017年收到申请255件，邮编255000"),
        ("回复到li.ming+gk@example.com谢谢", "回复到" + "*" * 22 + "谢谢"),
        ("邮箱ｐｚ＠１６３．ｃｏｍ", "邮箱" + "*" * 10),
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
    assert decode(encode(Action.ASK, "abcdefgh", 2)) == decode("ask:abcdefgh:2")
    assert decode("ask:abcdefgh:2").offset == 2
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


def test_unanswered_questions_are_stored_masked_and_counted_across_restarts(tmp_path):
    declined = Answer(id="x1", answer="抱歉", found=False, intent=Intent.CONTACT, agency="北京市")
    answered = Answer(id="x2", answer="…", found=True, intent=Intent.CONTACT)
    log = UnansweredLog(tmp_path)
    assert log.record("北京市的热线电话？我的手机13812345678", declined)
    assert not log.record("张店区安监局的电话", answered)
    log.record("北京市的熱線電話？我的手机13912345678", declined)  # the same, in traditional script
    log.record("  ", declined)
    text = log.path.read_text(encoding="utf-8")
    assert "1381234" not in text and "1391234" not in text and "张店" not in text
    assert len(text.splitlines()) == 2 and '"agency": "北京市"' in text
    assert UnansweredLog(tmp_path).top() == [("北京市的热线电话？我的手机***********", 2)]
    [group] = read_unanswered(tmp_path)
    assert (group.count, group.intents) == (2, ["contact"])
