"""Inline mode: `@bot 关键词` in any chat offers the answer (when the records hold one) and documents."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.channels.telegram import render, texts
from bot.channels.telegram.bounds import MAX_INLINE_CHARS
from bot.channels.telegram.context import Context
from bot.channels.telegram.keyboards import PAGE_SIZE

CACHE_SECONDS = 300
TITLE_CHARS = 64


async def on_inline_query(update: Update, context: Context) -> None:
    """Answer the typed words as a question, and list documents that match them."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query.strip()
    limit = min(MAX_INLINE_CHARS, context.services.settings.max_question_chars)
    if len(text) > limit:  # Telegram's clients stop at 256; another client may not
        button = InlineQueryResultsButton(
            text=texts.INLINE_TOO_LONG.format(limit=limit), start_parameter="help"
        )
        await inline.answer([], cache_time=0, button=button)
        return
    if not text:
        await inline.answer([], cache_time=CACHE_SECONDS)
        return
    services = context.services
    answer = await services.holder.run(services.answers.answer, text)
    page = await services.holder.run(services.answers.search, text, 0, PAGE_SIZE)
    results = []
    if answer.found:
        fact, _, details = answer.answer.strip().partition("\n")
        preview = " ".join(details.split()) or (answer.citations[0].title if answer.citations else "")
        results.append(_article("answer", f"💡 {fact}", preview, render.answer_html(answer)))
    for number, citation in enumerate(page.items):
        details = " · ".join(str(p) for p in (citation.agency, citation.year, citation.section) if p)
        results.append(_article(f"doc-{number}", citation.title, details, render.document_html(citation)))
    await inline.answer(results, cache_time=CACHE_SECONDS)


def _article(result_id: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:TITLE_CHARS],
        description=description[:200],
        input_message_content=InputTextMessageContent(render.split_html(html)[0], parse_mode=ParseMode.HTML),
    )
