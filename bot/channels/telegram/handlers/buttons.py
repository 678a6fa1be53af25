"""The buttons under answers, pages and /start; their state comes from AnswerMemory."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType

from bot.channels.telegram import render, texts
from bot.channels.telegram.context import Context
from bot.channels.telegram.handlers.questions import answer_question
from bot.channels.telegram.handlers.reply import reply_html
from bot.channels.telegram.keyboards import PAGE_SIZE, Action, Press, decode, draft_keyboard, page_keyboard
from bot.channels.telegram.memory import Entry
from bot.records import Vote


async def on_button(update: Update, context: Context) -> None:
    """Decode the pressed button and run its action; an expired one, or another chat's, asks to ask again."""
    query = update.callback_query
    press = decode(query.data or "") if query else None
    if query is None or press is None or not isinstance(query.message, Message):
        if query:  # empty, malformed or not ours: answered, nothing else
            await query.answer(texts.BAD_BUTTON)
        return
    if press.action is Action.EXAMPLE:
        await _example(query, query.message, context, press)
        return
    entry = context.services.memory.recall(press.key, chat_of(query, query.message))
    if entry is None:
        await query.answer(texts.EXPIRED, show_alert=True)
        return
    await ACTIONS[press.action](query, query.message, context, entry, press)


async def _example(query: CallbackQuery, message: Message, context: Context, press: Press) -> None:
    questions = await context.services.examples()
    await query.answer()
    if press.key.isdigit() and int(press.key) < len(questions):
        await answer_question(message, context, questions[int(press.key)])


async def _suggestion(
    query: CallbackQuery, message: Message, context: Context, entry: Entry, press: Press
) -> None:
    suggestions = entry.answer.suggestions if entry.answer else []
    await query.answer()
    if press.offset < len(suggestions):
        await answer_question(message, context, suggestions[press.offset])


async def _sources(query: CallbackQuery, message: Message, context: Context, entry: Entry, _: Press) -> None:
    await query.answer()
    if entry.answer:
        await reply_html(message, render.sources_html(entry.answer))


async def _procedure(
    query: CallbackQuery, message: Message, context: Context, entry: Entry, press: Press
) -> None:
    services = context.services
    answer = await services.holder.run(services.answers.procedure, _agency(entry))
    await query.answer()
    await reply_html(message, render.procedure_html(answer), draft_keyboard(press.key))


async def _contacts(query: CallbackQuery, message: Message, context: Context, entry: Entry, _: Press) -> None:
    services = context.services
    answer = await services.holder.run(services.answers.contact, _agency(entry))
    await query.answer()
    await reply_html(message, render.contacts_html(answer))


async def _related(
    query: CallbackQuery, message: Message, context: Context, entry: Entry, press: Press
) -> None:
    services = context.services
    page = await services.holder.run(services.answers.search, entry.question, press.offset, PAGE_SIZE)
    keyboard = page_keyboard(press.key, page.offset, page.total)
    await query.answer()
    html = render.split_html(render.page_html(page))[0]
    if press.action is Action.PAGE:
        await message.edit_text(html, reply_markup=keyboard)
    else:
        await message.reply_html(html, reply_markup=keyboard)


async def _vote(query: CallbackQuery, message: Message, context: Context, entry: Entry, press: Press) -> None:
    # One vote per user and answer: pressed again it is kept, the other button changes it.
    vote = Vote.UP if press.action is Action.UP else Vote.DOWN
    ballot, earlier = entry.vote(query.from_user.id, vote)
    if entry.answer and earlier is not vote:
        context.services.feedback.record(entry.question, entry.answer, vote, ballot.vote_id, earlier)
    await query.answer(texts.VOTE_CHANGED if earlier not in (None, vote) else texts.THANKS)


def chat_of(query: CallbackQuery, message: Message) -> int | None:
    """The chat a press comes from; None when a private chat is not the presser's own (a forged press)."""
    chat = message.chat
    return None if chat.type == ChatType.PRIVATE and chat.id != query.from_user.id else chat.id


def _agency(entry: Entry) -> str | None:
    # The agency the answer is about, else the one whose contact it carries.
    if entry.answer is None:
        return None
    contacts = entry.answer.contacts
    return entry.answer.agency or (contacts[0].agency if contacts else None)


_Handler = Callable[[CallbackQuery, Message, Context, Entry, Press], Awaitable[None]]

ACTIONS: dict[Action, _Handler] = {
    Action.SOURCES: _sources,
    Action.APPLY: _procedure,
    Action.CONTACT: _contacts,
    Action.RELATED: _related,
    Action.PAGE: _related,
    Action.UP: _vote,
    Action.DOWN: _vote,
    Action.ASK: _suggestion,
}
