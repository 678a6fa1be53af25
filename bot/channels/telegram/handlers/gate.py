"""The gate, run before every other handler: per-user limits and the length of what was sent.

Questions (messages addressed to the bot) and taps (button presses, inline queries) have
separate allowances, so paging through results never costs a question. A question over
the limit is told when to ask again, once until the user is allowed again (a flooder
would otherwise make the bot spend its own API allowance on refusals); a refused tap is
answered every time, since Telegram waits for that answer anyway.
"""

from __future__ import annotations

import math

from telegram import InlineQueryResultsButton, Update
from telegram.ext import ApplicationHandlerStop

from bot.channels.telegram import render, texts
from bot.channels.telegram.bounds import MAX_TEXT_CHARS
from bot.channels.telegram.context import Context, Services
from bot.channels.telegram.handlers.questions import ADDRESSED
from bot.channels.telegram.ratelimit import Verdict

# Where the button of a refused inline query leads: the private chat, /start <this>.
_START_PARAMETER = "limited"


async def gate(update: Update, context: Context) -> None:
    """Let an update through, or stop it politely: too fast, or longer than Telegram allows."""
    services = context.services
    user = update.effective_user
    counted = user is not None and not services.is_admin(user.id)
    addressed = bool(update.message and ADDRESSED.check_update(update))  # edits are not answered
    if counted and user and (update.callback_query or update.inline_query):
        await _limit_tap(update, services, user.id)
    elif counted and user and addressed and not services.drafts.answers(update):
        await _limit_question(update, services, user.id)  # answers to a draft cost the engine nothing
    message = None if update.callback_query else update.effective_message  # not the bot's own message
    length = len(message.text or message.caption or "") if message else 0
    if message and length > MAX_TEXT_CHARS:
        if addressed:  # group chatter not meant for the bot is ignored, long or not
            await message.reply_html(
                render.plain(texts.TEXT_TOO_LONG.format(length=length, limit=MAX_TEXT_CHARS))
            )
        raise ApplicationHandlerStop


async def _limit_question(update: Update, services: Services, user_id: int) -> None:
    verdict = services.limiter.check(user_id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN and update.effective_message:
        text = texts.RATE_LIMITED.format(seconds=_seconds(services.limiter.wait(user_id)))
        await update.effective_message.reply_html(render.plain(text))
    raise ApplicationHandlerStop


async def _limit_tap(update: Update, services: Services, user_id: int) -> None:
    verdict = services.buttons.check(user_id, warn=False)
    if verdict is Verdict.ALLOW:
        return
    text = texts.BUTTONS_LIMITED.format(seconds=_seconds(services.buttons.wait(user_id)))
    if update.callback_query:
        await update.callback_query.answer(text)
    elif update.inline_query:
        button = InlineQueryResultsButton(text=text, start_parameter=_START_PARAMETER)
        await update.inline_query.answer([], cache_time=0, button=button)
    raise ApplicationHandlerStop


def _seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
