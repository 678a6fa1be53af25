"""Sending rendered HTML: split under the length limit, keyboard on the last part."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.channels.telegram.render import split_html

Keyboard = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


async def reply_html(message: Message, html: str, keyboard: Keyboard | None = None) -> Message:
    """Reply in as many messages as the text needs; return the last one."""
    chunks = split_html(html)
    sent = message
    for number, chunk in enumerate(chunks, 1):
        markup = keyboard if number == len(chunks) else None
        sent = await message.reply_html(chunk, reply_markup=markup)
    return sent
