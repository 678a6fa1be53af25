"""The per-user flood gate, run before every other handler."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.questions import ADDRESSED
from bot.channels.telegram.ratelimit import Verdict


async def gate(update: Update, context: Context) -> None:
    """Let a user's update through, or stop it politely when the user floods the bot."""
    user = update.effective_user
    services = context.services
    if user is None or services.is_admin(user.id) or not _counts(update) or services.drafts.answers(update):
        return  # answers to a draft are not questions: they cost the engine nothing
    verdict = services.limiter.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN:
        await _tell(update)
    elif update.callback_query:
        await update.callback_query.answer()
    elif update.inline_query:
        await update.inline_query.answer([])
    raise ApplicationHandlerStop


def _counts(update: Update) -> bool:
    # Group chatter not meant for the bot must not use up anybody's allowance.
    if update.message:
        return bool(ADDRESSED.check_update(update))
    return bool(update.callback_query or update.inline_query)


async def _tell(update: Update) -> None:
    if update.callback_query:
        await update.callback_query.answer(texts.RATE_LIMITED, show_alert=True)
    elif update.inline_query:
        await update.inline_query.answer([], cache_time=0)
    elif update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.RATE_LIMITED))
