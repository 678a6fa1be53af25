"""/draft and the 起草申请 button: the drafting conversation, one per user, in private chats.

    /draft [机关] or 起草申请 → one question per message (suggested answers as reply
    buttons, 返回 / 取消 on every question) → the preview (ID masked), the .docx and
    how to submit it.

The draft lives in `services.drafts` while the conversation runs and is dropped when it
is done, cancelled (取消, /cancel) or left unanswered for `draft_timeout_seconds`.
Answers are not questions: they bypass the engine, the rate limit and the records.
"""

from __future__ import annotations

import warnings

from telegram import InputFile, Message, ReplyKeyboardRemove, Update
from telegram.constants import ChatType
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.assist.draft import NAVIGATION, DraftReply
from bot.channels.drafting import DOCX_NAME, china_today, finish, start_draft
from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.drafts import ANSWER
from bot.channels.telegram.handlers import buttons, questions
from bot.channels.telegram.handlers.reply import reply_html
from bot.channels.telegram.keyboards import Action, decode, options_keyboard

DRAFTING = 1
END = ConversationHandler.END
_NOT_TEXT = filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL


def conversation(timeout: float) -> ConversationHandler[Context]:
    """The drafting conversation; abandoned drafts are dropped after `timeout` seconds."""
    with warnings.catch_warnings():
        # The 起草申请 button starts a per-user conversation on purpose: no per-message tracking.
        warnings.filterwarnings("ignore", "If 'per_message=False'", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("draft", start_command),
                _DraftButton(start_button, pattern=f"^{Action.DRAFT.value}:"),
            ],
            states={
                DRAFTING: [MessageHandler(ANSWER, on_answer)],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, on_timeout)],
            },
            fallbacks=[CommandHandler("cancel", on_cancel), MessageHandler(_NOT_TEXT, on_not_text)],
            allow_reentry=True,  # /draft again starts afresh
            conversation_timeout=timeout,
            name="draft",
        )


class _DraftButton(CallbackQueryHandler[Context, object]):
    """The 起草申请 button; PTB matches a press without callback data to any pattern, this does not."""

    def check_update(self, update: object) -> bool | object | None:
        if isinstance(update, Update) and update.callback_query and not update.callback_query.data:
            return None
        return super().check_update(update)


async def start_command(update: Update, context: Context) -> int:
    """/draft [机关]: start drafting, to the named agency if any."""
    message = update.effective_message
    if message is None:
        return END
    agency = " ".join(context.args or []).strip() or None
    return await _start(message, update, context, agency)


async def start_button(update: Update, context: Context) -> int:
    """The 起草申请 button: start drafting to the agency of the answer above it."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return END
    await query.answer()
    press = decode(query.data or "")
    chat = buttons.chat_of(query, query.message)
    entry = context.services.memory.recall(press.key, chat) if press and press.key else None
    agency = entry.answer.agency if entry and entry.answer else None
    return await _start(query.message, update, context, agency)


async def on_answer(update: Update, context: Context) -> int:
    """Hand the citizen's message to the draft and show what comes next."""
    message, user = update.effective_message, update.effective_user
    draft = context.services.drafts.get(user.id) if user else None
    if message is None or message.text is None or user is None:
        return END
    if draft is None:  # finished or timed out while this message was on its way: a question again
        await questions.on_question(update, context)
        return END
    # Updates are handled concurrently: handle() runs before the first await, so a citizen's
    # answers reach the draft in the order they were sent.
    reply = draft.handle(message.text)
    if reply.done:
        context.services.drafts.close(user.id)
        result = finish(draft)
        await reply_html(message, render.plain(result.preview), ReplyKeyboardRemove())
        document = InputFile(result.docx, filename=DOCX_NAME)
        await message.reply_document(document, caption=render.plain(texts.DRAFT_CAPTION))
        await reply_html(message, render.plain(reply.text))
        return END
    if reply.cancelled:
        context.services.drafts.close(user.id)
        await reply_html(message, render.plain(reply.text), ReplyKeyboardRemove())
        return END
    await _ask(message, reply)
    return DRAFTING


async def on_cancel(update: Update, context: Context) -> int:
    """/cancel: drop the draft and everything typed into it."""
    user, message = update.effective_user, update.effective_message
    draft = context.services.drafts.get(user.id) if user else None
    if user is not None:
        context.services.drafts.close(user.id)
    if message is not None:
        text = draft.handle("取消").text if draft else "已取消。"
        await reply_html(message, render.plain(text), ReplyKeyboardRemove())
    return END


async def on_not_text(update: Update, context: Context) -> int:
    """A sticker, photo or file while drafting: ask for text."""
    if update.effective_message:
        await update.effective_message.reply_html(render.plain(texts.DRAFT_NOT_TEXT))
    return DRAFTING


async def on_timeout(update: Update, context: Context) -> None:
    """No reply for too long: drop the draft and say so."""
    user, chat = update.effective_user, update.effective_chat
    if user is not None:
        context.services.drafts.close(user.id)
    if chat is not None:
        minutes = max(1, round(context.services.settings.draft_timeout_seconds / 60))
        text = texts.DRAFT_TIMEOUT.format(minutes=minutes)
        await context.bot.send_message(chat.id, render.plain(text), reply_markup=ReplyKeyboardRemove())


async def _start(message: Message, update: Update, context: Context, agency: str | None) -> int:
    user = update.effective_user
    if user is None or message.chat.type != ChatType.PRIVATE:
        await message.reply_html(render.plain(texts.DRAFT_PRIVATE))
        return END
    services = context.services
    draft, reply = await services.holder.run(start_draft, agency, today=china_today())
    services.drafts.open(user.id, draft)
    await _ask(message, reply)
    return DRAFTING


async def _ask(message: Message, reply: DraftReply) -> None:
    await reply_html(message, render.plain(reply.text), options_keyboard(reply.options, NAVIGATION))
