"""Free-text questions, and the polite replies to what is not a question."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType
from telegram.ext import filters

from bot.answer import Intent
from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.reply import reply_html, reply_photo_html
from bot.channels.telegram.keyboards import answer_keyboard


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
    await message.chat.send_action(ChatAction.TYPING)
    key, answer = await context.services.ask(question, message.chat_id)
    procedure = answer.intent is Intent.PROCEDURE or answer.procedure is not None
    keyboard = answer_keyboard(key, answer, draft=procedure)
    chart = await context.services.chart(answer)
    if chart is not None:
        await reply_photo_html(message, chart.png, render.answer_html(answer), keyboard)
    else:
        await reply_html(message, render.answer_html(answer), keyboard)


async def on_unsupported(update: Update, context: Context) -> None:
    """Stickers, photos, voice, files: say that only text is understood."""
    if update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.NON_TEXT))


def question_text(text: str, bot_username: str) -> str:
    """The question without the bot's @mention and surrounding blanks."""
    return re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE).strip()
