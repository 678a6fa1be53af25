"""The citizens' commands: /start /help /hotline /apply /search /about."""

from __future__ import annotations

from telegram import Update

from bot.channels.telegram import render, texts
from bot.channels.telegram.bounds import MAX_SEARCH_CHARS
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.reply import reply_html
from bot.channels.telegram.keyboards import PAGE_SIZE, draft_keyboard, examples_keyboard, page_keyboard
from bot.channels.telegram.memory import Entry


async def start(update: Update, context: Context) -> None:
    """Say what the bot can do and offer three example questions as buttons."""
    questions = await context.services.examples()
    intro = f"{texts.INTRO}\n\n{texts.EXAMPLES_LEAD}" if questions else texts.INTRO
    if update.effective_message:
        await reply_html(update.effective_message, render.plain(intro), examples_keyboard(questions))


async def help_command(update: Update, context: Context) -> None:
    """Explain how to ask and list the commands."""
    if update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.HELP))


async def hotline(update: Update, context: Context) -> None:
    """The contact card of the agency named after /hotline, or of every agency."""
    services = context.services
    answer = await services.holder.run(services.answers.contact, _argument(context))
    if update.effective_message:
        await reply_html(update.effective_message, render.contacts_html(answer))


async def apply(update: Update, context: Context) -> None:
    """How to apply to the agency named after /apply."""
    services = context.services
    agency = _argument(context)
    message = update.effective_message
    if message is None:
        return
    answer = await services.holder.run(services.answers.procedure, agency)
    # 起草申请 under the card drafts to its agency.
    key = services.memory.remember(Entry(agency or "", answer, message.chat_id))
    await reply_html(message, render.procedure_html(answer), draft_keyboard(key))


async def search(update: Update, context: Context) -> None:
    """The first page of documents and items matching the words after /search."""
    message = update.effective_message
    query = _argument(context)
    if message is None:
        return
    if not query:
        await message.reply_html(render.plain(texts.SEARCH_USAGE))
        return
    if len(query) > MAX_SEARCH_CHARS:
        await message.reply_html(
            render.plain(texts.SEARCH_TOO_LONG.format(length=len(query), limit=MAX_SEARCH_CHARS))
        )
        return
    services = context.services
    page = await services.holder.run(services.answers.search, query, 0, PAGE_SIZE)
    key = services.memory.remember(Entry(query, chat=message.chat_id))
    await reply_html(message, render.page_html(page), page_keyboard(key, 0, page.total))


async def about(update: Update, context: Context) -> None:
    """Which agencies and years the corpus covers."""
    services = context.services
    coverage = await services.holder.run(services.answers.coverage)
    if update.effective_message:
        await reply_html(update.effective_message, render.coverage_html(coverage))


def _argument(context: Context) -> str | None:
    return " ".join(context.args or []).strip() or None
