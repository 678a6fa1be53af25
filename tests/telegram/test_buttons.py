"""The buttons under answers: state kept server-side, short callback data, expiry."""

from __future__ import annotations

import json

from bot.channels.telegram import texts
from bot.channels.telegram.keyboards import Action, decode
from bot.channels.telegram.memory import Entry
from tests.telegram.factories import CITIZEN, bot_message, callback_update, text_update


async def _ask(feed, recorder) -> dict[str, str]:
    await feed(text_update("张店区安监局的热线电话是多少？我的手机13812345678"))
    [reply] = recorder.sent()
    recorder.clear()
    return dict(reply.buttons)


async def _press(feed, data: str) -> None:
    await feed(callback_update(data, bot_message(CITIZEN.id, "回答")))


async def test_view_source_quotes_the_cited_passage(feed, recorder):
    buttons = await _ask(feed, recorder)
    await _press(feed, buttons["查看原文"])
    [reply] = recorder.sent()
    assert "<blockquote>咨询电话：2270822</blockquote>" in reply.text
    assert recorder.sent("answerCallbackQuery")


async def test_apply_and_contact_use_the_agency_of_the_answer(feed, recorder, scripted):
    buttons = await _ask(feed, recorder)
    await _press(feed, buttons["如何申请"])
    await _press(feed, buttons["联系电话"])
    procedure, contact = recorder.sent()
    assert "当面提交" in procedure.text and "20个工作日" in procedure.text
    assert "0533-2270822" in contact.text
    assert ("procedure:张店区安监局", "v1") in [(c, v) for c, v, _ in scripted.calls]
    assert ("contact:张店区安监局", "v1") in [(c, v) for c, v, _ in scripted.calls]


async def test_related_documents_are_paginated_in_place(feed, recorder):
    buttons = await _ask(feed, recorder)
    await _press(feed, buttons["相关文件"])
    [first] = recorder.sent()
    assert "第 1–5 条，共 12 条" in first.text
    [(label, data)] = first.buttons
    assert label == "下一页 ▶" and decode(data).action is Action.PAGE
    await _press(feed, data)
    [edit] = recorder.sent("editMessageText")
    assert "第 6–10 条" in edit.text
    assert [label for label, _ in edit.buttons] == ["◀ 上一页", "下一页 ▶"]


async def test_a_vote_is_stored_without_personal_data(feed, recorder, settings):
    buttons = await _ask(feed, recorder)
    await _press(feed, buttons["👍"])
    await _press(feed, buttons["👎"])
    lines = (settings.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    votes = [json.loads(line) for line in lines]
    assert [v["vote"] for v in votes] == ["up", "down"]
    assert all("13812345678" not in line and str(CITIZEN.id) not in line for line in lines)
    assert "***********" in votes[0]["question"]
    assert [c.params.get("text") for c in recorder.sent("answerCallbackQuery")] == [texts.THANKS] * 2


async def test_an_expired_button_asks_politely_to_ask_again(feed, recorder):
    await _press(feed, "src:gone1234")
    [answer] = recorder.sent("answerCallbackQuery")
    assert answer.params["text"] == texts.EXPIRED
    assert answer.params["show_alert"] is True
    assert recorder.sent() == []


async def test_forgotten_answers_expire(feed, recorder, app):
    buttons = await _ask(feed, recorder)
    memory = app.bot_data.services.memory
    for n in range(app.bot_data.services.settings.answer_cache_size):
        memory.remember(Entry(f"后来的问题{n}"))
    await _press(feed, buttons["查看原文"])
    [answer] = recorder.sent("answerCallbackQuery")
    assert answer.params["text"] == texts.EXPIRED
