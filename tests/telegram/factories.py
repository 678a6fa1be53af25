"""Factories for Telegram objects, in the manner of python-telegram-bot's tests/auxil."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

from telegram import CallbackQuery, Chat, InlineQuery, Message, MessageEntity, Sticker, Update, User
from telegram.constants import ChatType

from tests.telegram.offline import BOT_ID, BOT_USERNAME

CITIZEN = User(id=1001, first_name="群众", is_bot=False)
ADMIN = User(id=9001, first_name="管理员", is_bot=False)
BOT_USER = User(id=BOT_ID, first_name="Gongkai", is_bot=True, username=BOT_USERNAME)
GROUP = Chat(id=-100200, type=ChatType.GROUP, title="街道居民群")

_ids = itertools.count(1)
_COMMAND = re.compile(r"^/[\da-z_]{1,32}(?:@\w{1,32})?")


def private_chat(user: User) -> Chat:
    """The private chat of a user with the bot."""
    return Chat(id=user.id, type=ChatType.PRIVATE, first_name=user.first_name)


def make_message(
    text: str | None = None, *, user: User = CITIZEN, chat: Chat | None = None, **kwargs: object
) -> Message:
    """A message from a user; a leading /command gets its bot_command entity, @mentions theirs."""
    entities = []
    if text:
        if match := _COMMAND.match(text):
            entities.append(MessageEntity(MessageEntity.BOT_COMMAND, 0, match.end()))
        for match in re.finditer(r"@\w+", text):
            entities.append(MessageEntity(MessageEntity.MENTION, match.start(), match.end() - match.start()))
    return Message(
        message_id=next(_ids),
        date=datetime.now(UTC),
        chat=chat or private_chat(user),
        from_user=user,
        text=text,
        entities=entities or None,
        **kwargs,  # type: ignore[arg-type]
    )


def message_update(message: Message) -> Update:
    """An update carrying a new message."""
    return Update(next(_ids), message=message)


def text_update(text: str, **kwargs: object) -> Update:
    """An update with a text message (or command) from a user."""
    return message_update(make_message(text, **kwargs))  # type: ignore[arg-type]


def sticker_update(user: User = CITIZEN) -> Update:
    """A sticker in a private chat."""
    sticker = Sticker("file", "unique", 512, 512, False, False, Sticker.REGULAR)
    return message_update(make_message(None, user=user, sticker=sticker))


def callback_update(data: str, message: Message, user: User = CITIZEN) -> Update:
    """A press of an inline button under a message of the bot."""
    query = CallbackQuery(str(next(_ids)), user, chat_instance="ci", data=data, message=message)
    return Update(next(_ids), callback_query=query)


def bot_message(chat_id: int, text: str = "") -> Message:
    """A message the bot sent earlier (what a button press refers to)."""
    chat = Chat(id=chat_id, type=ChatType.PRIVATE if chat_id > 0 else ChatType.GROUP)
    return Message(next(_ids), datetime.now(UTC), chat, from_user=BOT_USER, text=text)


def inline_update(query: str, user: User = CITIZEN) -> Update:
    """An inline query `@bot query` typed in any chat."""
    return Update(next(_ids), inline_query=InlineQuery(str(next(_ids)), user, query, ""))
