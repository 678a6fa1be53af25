"""Issue 15, failure 11 and the bounds on user text: floods, foreign buttons, votes, over-long input.

The real Application over the offline Bot API, its data in `fault_dir`.
"""

from __future__ import annotations

import os
import re
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from telegram import User

from tests.faults.personal import ID_NUMBERS, LANDLINES, MOBILES
from tests.telegram.factories import CITIZEN as CITIZEN_USER
from tests.telegram.factories import GROUP, bot_message, callback_update, inline_update, text_update
from tests.telegram.offline import BOT_USERNAME, RecordingRequest, offline_settings

STRANGER = User(id=4202, first_name="路人", is_bot=False)
HOTLINE_QUESTION = "张店区安监局的热线电话是多少？"
PERSONAL_TEXT = f"我的电话{MOBILES[0]}，身份证{ID_NUMBERS[0]}，座机{LANDLINES[0]}"


# --- failure 11: the limiter, buttons, votes (the real Application, offline Bot API) --------

LIMIT = 3


@pytest.fixture
async def offline(fault_dir: Path, small_index: Path, monkeypatch: pytest.MonkeyPatch):
    """The real Application over the small index, its data in fault_dir; yields (app, recorder)."""
    from bot.channels.telegram.app import build_application

    for name in [n for n in os.environ if n.startswith("GONGKAI_")]:
        monkeypatch.delenv(name)
    settings = offline_settings(small_index, fault_dir / "data", rate_limit_questions=LIMIT)
    recorder = RecordingRequest()
    app = build_application(settings, request=recorder)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        recorder.clear()
        yield app, recorder
        await app.post_shutdown(app)


async def _feed(app: Any, update: Any) -> None:
    from telegram import Update

    await app.process_update(Update.de_json(update.to_dict(), app.bot))


def _texts(recorder: RecordingRequest) -> list[str]:
    return [call.plain for call in recorder.sent()]


def _alerts(recorder: RecordingRequest) -> list[str]:
    return [str(call.params.get("text", "")) for call in recorder.sent("answerCallbackQuery")]


async def _ask(app: Any, recorder: RecordingRequest, question: str, **where: Any) -> dict[str, str]:
    await _feed(app, text_update(question, **where))
    reply = recorder.sent()[-1]
    recorder.clear()
    return dict(reply.buttons)


def test_the_limiter_forgets_users_whose_window_is_over_and_caps_the_rest():
    from bot.channels.telegram.ratelimit import RateLimiter

    now = [0.0]
    limiter = RateLimiter(limit=10, window=60, clock=lambda: now[0])
    tracemalloc.start()
    for user in range(100_000):  # one new user a second: at most 60 inside a window
        now[0] += 1
        limiter.check(user)
    kept, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert kept < 200_000, f"{kept / 100_000:.0f} bytes kept per user id"  # it was 858
    capped = RateLimiter(limit=10, window=60, clock=lambda: 0.0, max_users=10_000)
    started = time.perf_counter()
    for user in range(1_000_000):  # a million users at once: only the most recent are tracked
        capped.check(user)
    assert len(capped) == 10_000 and time.perf_counter() - started < 20


async def test_a_question_over_the_limit_is_told_when_to_ask_again(offline):
    app, recorder = offline
    await _feed(app, inline_update("申请公开"))  # inline queries do not spend the questions' warning
    for _ in range(LIMIT + 1):
        await _feed(app, text_update(HOTLINE_QUESTION))
    *answers, refusal = _texts(recorder)
    assert len(answers) == LIMIT and all("2270822" in a for a in answers)
    wait = re.fullmatch(r".*请在 (\d+) 秒后再问.*", refusal)
    assert wait and 1 <= int(wait.group(1)) <= 60, refusal


async def test_button_presses_do_not_count_against_questions(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, HOTLINE_QUESTION)
    for _ in range(3 * LIMIT):
        await _feed(app, callback_update(buttons["查看原文"], bot_message(CITIZEN_USER.id, "回答")))
    recorder.clear()
    for _ in range(LIMIT - 1):
        await _feed(app, text_update(HOTLINE_QUESTION))
    assert [("2270822" in text) for text in _texts(recorder)] == [True] * (LIMIT - 1)


async def test_a_button_key_works_only_in_the_chat_that_received_the_answer(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, f"{PERSONAL_TEXT}。{HOTLINE_QUESTION}")
    for label in ("查看原文", "相关文件", "如何申请", "👍"):
        await _feed(app, callback_update(buttons[label], bot_message(STRANGER.id, "回答"), user=STRANGER))
        # A client may also claim the citizen's private chat as the message it pressed under.
        await _feed(app, callback_update(buttons[label], bot_message(CITIZEN_USER.id, "回答"), user=STRANGER))
    assert recorder.sent() == [] and recorder.sent("editMessageText") == []
    assert all(text for text in _alerts(recorder))  # each press answered politely
    assert not (app.bot_data.services.feedback.path).exists()
    recorder.clear()
    group_buttons = await _ask(app, recorder, f"@{BOT_USERNAME} {HOTLINE_QUESTION}", chat=GROUP)
    await _feed(app, callback_update(group_buttons["查看原文"], bot_message(GROUP.id, "回答"), user=STRANGER))
    assert "2270822" in _texts(recorder)[0]  # anyone in the chat that received it may press


async def test_one_vote_per_user_and_answer(offline):
    from bot.records import FeedbackStore, Vote, read_feedback

    app, recorder = offline
    services = app.bot_data.services
    buttons = await _ask(app, recorder, f"@{BOT_USERNAME} {HOTLINE_QUESTION}", chat=GROUP)
    message = bot_message(GROUP.id, "回答")
    for label in ("👍", "👍", "👎", "👎"):
        await _feed(app, callback_update(buttons[label], message))
    await _feed(app, callback_update(buttons["👍"], message, user=STRANGER))
    assert services.feedback.counts() == {Vote.UP: 1, Vote.DOWN: 1}
    assert FeedbackStore(services.settings.data_dir).counts() == {Vote.UP: 1, Vote.DOWN: 1}
    assert sorted(line.vote for line in read_feedback(services.settings.data_dir)) == [Vote.DOWN, Vote.UP]
    assert str(CITIZEN_USER.id) not in services.feedback.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "data", ["", "drf", "x" * 200, "pg:abc:notanumber", "ask:abc:-1", "ex:99999999999999999999", "\x00:\x00"]
)
async def test_empty_or_malformed_callback_data_does_nothing_but_answer(offline, data):
    app, recorder = offline
    await _feed(app, callback_update(data, bot_message(CITIZEN_USER.id, "回答")))
    assert recorder.sent() == []  # no draft started, no apology for an error
    assert len(recorder.sent("answerCallbackQuery")) == 1
    assert len(app.bot_data.services.drafts) == 0


async def test_a_valid_key_with_a_malformed_number_does_nothing_but_answer(offline):
    app, recorder = offline
    buttons = await _ask(app, recorder, HOTLINE_QUESTION)
    key = buttons["查看原文"].split(":")[1]
    for data in (f"pg:{key}:-5", f"ask:{key}:-1", f"pg:{key}:{10**30}"):
        await _feed(app, callback_update(data, bot_message(CITIZEN_USER.id, "回答")))
    assert recorder.sent() == [] and recorder.sent("editMessageText") == []
    assert len(recorder.sent("answerCallbackQuery")) == 3


# --- bounds on every text a user sends -------------------------------------------------------


async def test_an_over_long_search_is_refused_politely_before_it_is_searched(offline):
    app, recorder = offline
    started = time.perf_counter()
    await _feed(app, text_update("/search " + "1234567890" * 400))
    [reply] = _texts(recorder)
    assert "上限" in reply and "4000" in reply and time.perf_counter() - started < 1
    recorder.clear()
    await _feed(app, text_update("/search 热线电话"))  # a short one is still searched
    assert "第 1" in _texts(recorder)[0]


async def test_an_over_long_inline_query_gets_a_button_saying_so(offline):
    app, recorder = offline
    await _feed(app, inline_update("热线" * 300))
    [answer] = recorder.sent("answerInlineQuery")
    assert answer.params["results"] == []
    assert "256" in answer.params["button"]["text"]


@pytest.mark.parametrize("start", [None, "/draft"])
async def test_a_message_longer_than_telegram_allows_is_refused_even_while_drafting(offline, start):
    app, recorder = offline
    if start:
        await _feed(app, text_update(start))
    recorder.clear()
    await _feed(app, text_update(PERSONAL_TEXT * 500))
    [reply] = _texts(recorder)
    assert "4096" in reply and MOBILES[0] not in reply
