"""Sending rendered HTML: split under the length limit, keyboard on the last part."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, InputFile, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove

from bot.channels.telegram.render import caption_parts, split_html

Keyboard = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove
PHOTO_NAME = "chart.png"


async def reply_html(message: Message, html: str, keyboard: Keyboard | None = None) -> Message:
    """Reply in as many messages as the text needs; return the last one."""
    chunks = split_html(html)
    sent = message
    for number, chunk in enumerate(chunks, 1):
        markup = keyboard if number == len(chunks) else None
        sent = await message.reply_html(chunk, reply_markup=markup)
    return sent


async def reply_photo_html(
    message: Message, png: bytes, html: str, keyboard: Keyboard | None = None
) -> Message:
    """Reply with a photo captioned by the text; what the caption cannot hold follows it."""
    caption, rest = caption_parts(html)
    photo = InputFile(png, filename=PHOTO_NAME)
    sent = await message.reply_photo(photo, caption=caption, reply_markup=None if rest else keyboard)
    return await reply_html(message, rest, keyboard) if rest else sent
