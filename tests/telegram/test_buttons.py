"""The buttons under real answers: quotes, procedure, contacts, related documents, votes, expiry."""

from __future__ import annotations

import json

from bot.answer import search_documents
from bot.channels.telegram import texts
from bot.channels.telegram.keyboards import Action, decode
from bot.channels.telegram.memory import Entry
from tests.telegram.factories import CITIZEN, bot_message, callback_update, text_update


async def _ask(feed, recorder, question: str) -> dict[str, str]:
    await feed(text_update(question))
    reply = recorder.sent()[-1]
    recorder.clear()
    return dict(reply.buttons)


async def _press(feed, data: str) -> None:
    await feed(callback_update(data, bot_message(CITIZEN.id, "回答")))


async def test_view_source_quotes_the_cited_passage_with_title_and_section(feed, recorder):
    buttons = await _ask(feed, recorder, "张店区安监局的热线电话是多少？")
    await _press(feed, buttons["查看原文"])
    [reply] = recorder.sent()
    assert "《张店区应急管理局2017年度政府信息公开年报》" in reply.text
    assert "三、发布解读、回应社会关切以及互动交流情况" in reply.text
    assert "<blockquote>我局专门了设立热线电话（2270822）" in reply.text
    assert recorder.sent("answerCallbackQuery")


async def test_view_source_of_a_table_figure_links_to_the_page_when_known(feed, recorder):
    buttons = await _ask(feed, recorder, "平潭综合实验区2024年收到的申请有几件因属于国家秘密不予公开")
    await _press(feed, buttons["查看原文"])
    [reply] = recorder.sent()
    assert "表三" in reply.text and "总计：4件" in reply.text
    buttons = await _ask(feed, recorder, "平潭综合实验区受理政府信息公开申请的地址")
    await _press(feed, buttons["查看原文"])
    [reply] = recorder.sent()
    assert '<a href="https://www.pingtan.gov.cn/' in reply.text and "打开原文网页" in reply.text


async def test_apply_shows_the_guide_of_the_agency_the_answer_is_about(feed, recorder):
    buttons = await _ask(feed, recorder, "平潭综合实验区2024年收到多少件政府信息公开申请")
    await _press(feed, buttons["如何申请"])
    [card] = recorder.sent()
    assert "向平潭综合实验区管委会办公室申请政府信息公开" in card.text
    assert "申请渠道" in card.text and "在线申请" in card.text and "20个工作日" in card.text
    assert "《平潭综合实验区政府信息公开指南》" in card.plain


async def test_apply_without_a_guide_gives_the_law_and_the_agency_phone(feed, recorder):
    buttons = await _ask(feed, recorder, "张店区应急管理局2017年主动公开了多少条信息")
    await _press(feed, buttons["如何申请"])
    [reply] = recorder.sent()
    assert "第二十九条" in reply.text and "☎️ 张店区应急管理局：0533-2270822" in reply.text


async def test_contact_shows_the_card_of_the_agency_the_answer_is_about(feed, recorder):
    buttons = await _ask(feed, recorder, "淮安市2024年政府信息公开行政诉讼多少件")
    await _press(feed, buttons["联系电话"])
    [card] = recorder.sent()
    assert "☎️ <b>淮安市人民政府办公室</b>" in card.text  # the office the report names as its contact
    assert "0517-83605210" in card.text and "淮安市翔宇南道" in card.text


async def test_contact_cards_show_each_conflict_between_documents_once(feed, recorder):
    buttons = await _ask(feed, recorder, "平潭综合实验区的政府信息公开电话")
    await _press(feed, buttons["联系电话"])
    text = " ".join(c.text for c in recorder.sent())
    assert text.count("不同文件所载地址不一致") == 1
    assert "办理前请先电话确认" in text and "0591-23165385" in text


async def test_related_documents_are_the_search_results_paginated_in_place(feed, recorder, kb):
    question = "平潭有哪些规范性文件被废止了"
    expected = search_documents(kb, question, offset=0, limit=10)
    assert expected.total > 5  # the sample corpus has enough for two pages
    buttons = await _ask(feed, recorder, question)
    await _press(feed, buttons["相关文件"])
    [first] = recorder.sent()
    assert f"第 1–5 条，共 {expected.total} 条" in first.text
    assert all(c.title in first.plain for c in expected.items[:5])
    [(label, data)] = first.buttons
    assert label == "下一页 ▶" and decode(data).action is Action.PAGE
    await _press(feed, data)
    [edit] = recorder.sent("editMessageText")
    assert "第 6–10 条" in edit.text
    assert expected.items[5].title in edit.plain
    assert edit.buttons[0][0] == "◀ 上一页"


async def test_a_vote_is_stored_without_personal_data(feed, recorder, settings):
    buttons = await _ask(feed, recorder, "张店区安监局的热线电话是多少？我的手机13812345678")
    await _press(feed, buttons["👍"])
    await _press(feed, buttons["👎"])
    lines = (settings.data_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    votes = [json.loads(line) for line in lines]
    assert [(v["vote"], v["found"], v["intent"]) for v in votes] == [
        ("up", True, "contact"),
        ("down", True, "contact"),
    ]
    assert all("13812345678" not in line and str(CITIZEN.id) not in line for line in lines)
    assert all("user" not in v and "chat" not in v and str(CITIZEN.id) not in v["vote_id"] for v in votes)
    assert votes[0]["question"].endswith("我的手机***********")
    assert votes[0]["vote_id"] == votes[1]["vote_id"]  # the second changed the first
    assert [c.params.get("text") for c in recorder.sent("answerCallbackQuery")] == [
        texts.THANKS,
        texts.VOTE_CHANGED,
    ]


async def test_an_expired_button_asks_politely_to_ask_again(feed, recorder):
    await _press(feed, "src:gone1234")
    [answer] = recorder.sent("answerCallbackQuery")
    assert answer.params["text"] == texts.EXPIRED
    assert answer.params["show_alert"] is True
    assert recorder.sent() == []


async def test_forgotten_answers_expire(feed, recorder, app):
    buttons = await _ask(feed, recorder, "张店区安监局的热线电话是多少？")
    memory = app.bot_data.services.memory
    for n in range(app.bot_data.services.settings.answer_cache_size):
        memory.remember(Entry(f"后来的问题{n}"))
    await _press(feed, buttons["查看原文"])
    [answer] = recorder.sent("answerCallbackQuery")
    assert answer.params["text"] == texts.EXPIRED
