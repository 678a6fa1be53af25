"""Free-text questions, and the polite replies to what is not a question."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Chat, Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import TelegramError
from telegram.ext import filters

from bot.answer import Intent
from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.reply import reply_html, reply_photo_html
from bot.channels.telegram.keyboards import answer_keyboard

log = logging.getLogger(__name__)

# "typing…" only for an answer still not ready after this long: most take milliseconds, and
# each action is one more call under the Bot API's 30 calls/s shared by every citizen.
TYPING_AFTER_SECONDS = 1.0
# Telegram shows an action for about 5 s; an answer that takes longer renews it.
TYPING_RENEW_SECONDS = 4.5


class _Addressed(filters.MessageFilter):
    """Every private message; in groups, messages that mention the bot or reply to it."""

    def filter(self, message: Message) -> bool:
        if message.chat.type == ChatType.PRIVATE:
            return True
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        mentions = message.parse_entities([MessageEntity.MENTION]).values()
        return any(text.lower() == mention for text in mentions)


ADDRESSED = _Addressed(name="addressed to the bot")


async def on_question(update: Update, context: Context) -> None:
    """Answer a free-text question with its sources and the answer buttons."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = question_text(message.text, context.bot.username)
    limit = context.services.settings.max_question_chars
    if not question:
        await message.reply_html(render.plain(texts.EMPTY))
    elif len(question) > limit:
        await message.reply_html(render.plain(texts.TOO_LONG.format(length=len(question), limit=limit)))
    else:
        await answer_question(message, context, question)


async def answer_question(message: Message, context: Context, question: str) -> None:
    """Ask the engine (off the event loop) and reply with the answer, its chart and its keyboard."""
    async with typing_while_slow(message.chat):
        key, answer = await context.services.ask(question, message.chat_id)
        chart = await context.services.chart(answer)
    procedure = answer.intent is Intent.PROCEDURE or answer.procedure is not None
    keyboard = answer_keyboard(key, answer, draft=procedure)
    if chart is not None:
        await reply_photo_html(message, chart.png, render.answer_html(answer), keyboard)
    else:
        await reply_html(message, render.answer_html(answer), keyboard)


@asynccontextmanager
async def typing_while_slow(chat: Chat, delay: float = TYPING_AFTER_SECONDS) -> AsyncIterator[None]:
    """Show "typing…" in `chat` while the block runs, once it has run for `delay` seconds."""
    typing = asyncio.create_task(_type_after(chat, delay))
    try:
        yield
    finally:
        typing.cancel()  # an action still waiting for the rate limiter is never sent


async def _type_after(chat: Chat, delay: float) -> None:
    await asyncio.sleep(delay)
    while True:
        try:
            await chat.send_action(ChatAction.TYPING)
        except TelegramError as exc:  # only a courtesy: the answer still goes out
            log.warning("typing action not sent: %s", exc)
            return
        await asyncio.sleep(TYPING_RENEW_SECONDS)


async def on_unsupported(update: Update, context: Context) -> None:
    """Stickers, photos, voice, files: say that only text is understood."""
    if update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.NON_TEXT))


def question_text(text: str, bot_username: str) -> str:
    """The question without the bot's @mention and surrounding blanks."""
    return re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE).strip()
