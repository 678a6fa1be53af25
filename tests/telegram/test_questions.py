"""Free-text questions through the real Application and handlers, offline."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from bot.channels.telegram import texts
from tests.telegram.factories import (
    GROUP,
    bot_message,
    make_message,
    message_update,
    sticker_update,
    text_update,
)
from tests.telegram.offline import BOT_USERNAME


async def test_a_question_gets_the_answer_with_its_source_and_six_buttons(feed, recorder, scripted):
    await feed(text_update("张店区安监局的热线电话是多少？"))
    [reply] = recorder.sent()
    assert "0533-2270822" in reply.text
    assert "来源" in reply.text and "张店区安监局2017年政府信息公开工作年度报告" in reply.text
    labels = [label for label, _ in reply.buttons]
    assert labels == ["查看原文", "如何申请", "联系电话", "相关文件", "👍", "👎"]
    assert all(len(data.encode()) <= 64 for _, data in reply.buttons)
    assert recorder.sent("sendChatAction")


async def test_the_engine_runs_off_the_event_loop(feed, scripted):
    await feed(text_update("如何申请？"))
    [(_, _, thread)] = scripted.calls
    assert thread != threading.main_thread().name


async def test_document_text_is_escaped(feed, recorder, scripted):
    scripted.reply = "<b>假</b> & <script>alert(1)</script>"
    await feed(text_update("问题"))
    [reply] = recorder.sent()
    assert "&lt;b&gt;假&lt;/b&gt; &amp; &lt;script&gt;" in reply.text
    assert reply.params["parse_mode"] == "HTML"


async def test_a_long_answer_is_split_and_the_buttons_go_under_the_last_part(feed, recorder, scripted):
    scripted.reply = "\n".join(f"第{n}行：" + "政府信息公开" * 20 for n in range(200))
    await feed(text_update("问题"))
    parts = recorder.sent()
    assert len(parts) > 1
    assert all(len(p.text) <= 4096 for p in parts)
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  ", texts.EMPTY), (f"@{BOT_USERNAME}", texts.EMPTY), ("长" * 501, texts.TOO_LONG.split("，")[0][:4])],
)
async def test_empty_and_very_long_messages_get_a_short_polite_reply(
    feed, recorder, scripted, text, expected
):
    await feed(text_update(text))
    [reply] = recorder.sent()
    assert reply.text.startswith(expected[:4])
    assert scripted.calls == []


async def test_a_sticker_gets_a_polite_reply(feed, recorder):
    await feed(sticker_update())
    assert [c.text for c in recorder.sent()] == [texts.NON_TEXT]


async def test_in_groups_only_mentions_and_replies_are_answered(feed, recorder, scripted):
    await feed(text_update("大家好，今天开会", chat=GROUP))
    assert recorder.sent() == []
    await feed(text_update(f"@{BOT_USERNAME} 张店区安监局的电话？", chat=GROUP))
    await feed(message_update(make_message("那地址呢？", chat=GROUP, reply_to_message=bot_message(GROUP.id))))
    assert len(recorder.sent()) == 2
    assert [q for q, *_ in scripted.calls] == ["answer", "answer"]


async def test_a_flood_is_answered_once_politely_then_ignored(feed, recorder, settings):
    for n in range(settings.rate_limit_questions + 3):
        await feed(text_update(f"问题{n}"))
    replies = [c.text for c in recorder.sent()]
    assert replies.count(texts.RATE_LIMITED) == 1
    assert len(replies) == settings.rate_limit_questions + 1


async def test_updates_are_handled_concurrently(app, recorder, scripted):
    # The first question waits inside the engine until the second one reaches it:
    # handled one after another, the first would time out and get the apology.
    scripted.blocked = "第一个问题"
    await app.start()
    try:
        for text in ("第一个问题", "第二个问题"):
            update = text_update(text)
            await app.update_queue.put(update.de_json(update.to_dict(), app.bot))
        await _until(lambda: len(recorder.sent()) == 2)
    finally:
        await app.stop()
    replies = " ".join(c.text for c in recorder.sent())
    assert "第一个问题" in replies and "第二个问题" in replies  # neither got the apology


async def test_a_failure_is_logged_without_personal_data_and_the_citizen_gets_an_apology(
    feed, recorder, scripted, caplog
):
    scripted.error = RuntimeError("cannot answer 我的电话13812345678")
    with caplog.at_level(logging.ERROR):
        await feed(text_update("我的电话13812345678，帮我查一下"))
    [reply] = recorder.sent()
    assert reply.text == texts.ERROR and "12345" in reply.text
    assert "RuntimeError" in caplog.text
    assert "13812345678" not in caplog.text


async def _until(condition, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)
