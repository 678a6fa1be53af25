"""The one error handler: log first (without personal data), then apologise with the hotline."""

from __future__ import annotations

import logging

from telegram import Update

from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.errors import IndexUnavailable
from bot.privacy import masked_traceback

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the failure, then tell the citizen we are sorry and where to call."""
    error = context.error
    kind = _kind(update)
    if error is not None:
        # Exception messages may quote the question, or a /draft's name and address.
        log.error("failed to handle %s:\n%s", kind, masked_traceback(error))
    if not isinstance(update, Update):
        return
    text = texts.UNAVAILABLE if isinstance(error, IndexUnavailable) else texts.ERROR
    if update.callback_query:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_chat:
        await context.bot.send_message(update.effective_chat.id, render.plain(text))


def _kind(update: object) -> str:
    if isinstance(update, Update):
        fields = [name for name in ("message", "callback_query", "inline_query") if getattr(update, name)]
        return f"update {update.update_id} ({', '.join(fields) or 'other'})"
    return "a job" if update is None else type(update).__name__
