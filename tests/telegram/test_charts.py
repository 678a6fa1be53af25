"""Comparisons in Telegram: the chart as a photo, the answer as its caption, offline."""

from __future__ import annotations

from bot.answer import answer
from bot.channels.telegram.handlers.reply import reply_photo_html
from bot.channels.telegram.keyboards import answer_keyboard
from bot.channels.telegram.render import CAPTION_LIMIT, answer_html, caption_parts
from bot.charts import chart_png
from tests.telegram.factories import make_message, text_update

COMPARISON = "淮安和平潭2024年谁收到的申请多"


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_a_comparison_arrives_as_a_photo_captioned_with_the_answer(feed, recorder):
    await feed(text_update(COMPARISON))
    [photo] = recorder.sent("sendPhoto")
    assert "淮安市人民政府比平潭多2901件" in photo.caption and "📄 来源" in photo.caption
    assert photo.params["parse_mode"] == "HTML"
    labels = [label for label, _ in photo.buttons]
    assert labels[:2] == ["查看原文", "如何申请"] and "👍" in labels
    assert recorder.sent() == []  # the caption held it all: no text message besides


async def test_an_answer_without_a_comparison_is_text_only(feed, recorder):
    await feed(text_update("淮安2024年收到多少件申请"))
    assert recorder.sent("sendPhoto") == [] and len(recorder.sent()) == 1


async def test_a_caption_too_long_is_continued_in_messages_with_the_buttons_last(app, recorder, kb):
    reply = answer(kb, "平潭历年主动公开多少条")
    chart = chart_png(reply.series)
    assert chart is not None
    html = "\n\n".join([answer_html(reply)] * 5)  # more than a caption holds
    message = make_message("问题")
    message.set_bot(app.bot)
    await reply_photo_html(message, chart.png, html, answer_keyboard("abcdefgh"))
    [photo] = recorder.sent("sendPhoto")
    rest = recorder.sent()
    assert units(photo.caption) <= CAPTION_LIMIT and rest
    assert not photo.buttons and rest[-1].buttons and not any(m.buttons for m in rest[:-1])
    caption, remainder = caption_parts(html)
    assert photo.caption == caption and "".join(m.text for m in rest).replace("\n", "") == remainder.replace(
        "\n", ""
    )
