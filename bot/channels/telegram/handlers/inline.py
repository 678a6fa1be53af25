"""Inline mode: `@bot 关键词` in any chat offers the answer and matching documents."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.keyboards import PAGE_SIZE

CACHE_SECONDS = 300


async def on_inline_query(update: Update, context: Context) -> None:
    """Answer the typed words as a question, and list documents that match them."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query.strip()
    if not text or len(text) > context.services.settings.max_question_chars:
        await inline.answer([], cache_time=CACHE_SECONDS)
        return
    services = context.services
    answer = await services.holder.run(services.engine.answer, text)
    page = await services.holder.run(services.engine.search, text, 0, PAGE_SIZE)
    results = [
        _article(f"a-{answer.id}"[:64], texts.INLINE_ANSWER, answer.answer, render.answer_html(answer))
    ]
    for number, citation in enumerate(page.items):
        html = render.citation_line(citation)
        results.append(_article(f"d-{number}", citation.title, citation.agency or "", html))
    await inline.answer(results, cache_time=CACHE_SECONDS)


def _article(result_id: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description[:200],
        input_message_content=InputTextMessageContent(render.split_html(html)[0], parse_mode=ParseMode.HTML),
    )
