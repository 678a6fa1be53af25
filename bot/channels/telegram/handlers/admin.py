"""The operators' commands: /reload (also on SIGHUP) and /stats, for admins only."""

from __future__ import annotations

import logging

from telegram import Update

from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context, Services
from bot.channels.telegram.handlers.reply import reply_html
from bot.errors import IndexUnavailable

log = logging.getLogger(__name__)


async def reload_index(update: Update, context: Context) -> None:
    """Switch the running bot to the newest built index."""
    if await _refused(update, context, "reload"):
        return
    html = await reload_and_describe(context.services)
    if update.effective_message:
        await reply_html(update.effective_message, html)


async def show_stats(update: Update, context: Context) -> None:
    """Index version and age, questions, declines, unanswered questions, feedback, lost records."""
    if await _refused(update, context, "stats"):
        return
    services = context.services
    html = render.stats_html(
        services.holder.info,
        services.stats,
        services.feedback.counts(),
        services.unanswered.top(),
        lost=services.feedback.lost + services.unanswered.lost,
    )
    if update.effective_message:
        await reply_html(update.effective_message, html)


async def reload_and_describe(services: Services) -> str:
    """Reload the index; describe the swap, or why the current index keeps serving."""
    try:
        swap = await services.holder.reload()
    except IndexUnavailable as exc:
        log.error("reload failed, still serving the current index: %s", exc)
        current = services.holder.info if services.holder.started else None
        return render.reload_failed_html(current, str(exc))
    log.info("reloaded the index: %s -> %s", swap.old.version if swap.old else None, swap.new.version)
    return render.swap_html(swap)


async def _refused(update: Update, context: Context, command: str) -> bool:
    user = update.effective_user
    if context.services.is_admin(user.id if user else None):
        return False
    log.warning("user %s tried /%s without being an admin", user.id if user else "?", command)
    if update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.NOT_ADMIN))
    return True
