"""How much text a user may send through Telegram before the bot reads it.

Telegram's clients cannot send more than these, but a modified client or a Bot API
emulator can; every handler's work grows with its input, so nothing longer is read.
The question's own cap is a setting (`max_question_chars`): it is about answers, not
about defence.
"""

from __future__ import annotations

from telegram.constants import InlineKeyboardButtonLimit, InlineQueryLimit, MessageLimit

# Any message text or caption: Telegram's own limit (4096). Longer is refused in the gate,
# before any handler (a draft's answer, a command's argument) reads it.
MAX_TEXT_CHARS = MessageLimit.MAX_TEXT_LENGTH
# The words after /search: keywords, not prose; the analyzer's work grows with them.
MAX_SEARCH_CHARS = 100
# An inline query: Telegram's own limit (256).
MAX_INLINE_CHARS = InlineQueryLimit.MAX_QUERY_LENGTH
# Callback data: Telegram's own limit (64 bytes); ours are always shorter (keyboards.encode).
MAX_CALLBACK_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
# A page offset or suggestion number in callback data: no page of results lies further.
MAX_CALLBACK_NUMBER = 10_000
