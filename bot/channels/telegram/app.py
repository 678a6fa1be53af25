"""Wire the Telegram bot: `build_application(settings)` registers every handler, in order.

Usage (what `gongkai serve` does):

    app = build_application(load_settings())
    app.run_polling(allowed_updates=Update.ALL_TYPES)

The index opens in `post_init` and closes in `post_shutdown`; importing this module
opens nothing. Tests pass their own `request` (no network) and, where the answer
engine is not what is under test, their own `engine`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.backends import open_knowledge
from bot.channels.telegram import texts
from bot.channels.telegram.context import CONTEXT_TYPES, Context, GongkaiApplication, Services
from bot.channels.telegram.handlers import admin, buttons, commands, draft, errors, gate, inline, questions
from bot.channels.telegram.logs import guard_library_logs
from bot.channels.telegram.memory import AnswerMemory
from bot.channels.telegram.pacing import FairRateLimiter
from bot.channels.telegram.ratelimit import RateLimiter
from bot.channels.telegram.updates import UpdatesRequest
from bot.errors import SettingsError
from bot.records import FeedbackStore, UnansweredLog
from bot.serving import AnswerFunctions, KnowledgeHolder
from bot.settings import Settings, env_name
from index.backend import KnowledgeBase

log = logging.getLogger(__name__)

# How many updates are handled at once; answers run in worker threads meanwhile.
CONCURRENT_UPDATES = 64

# Non-text messages worth a reply in a private chat (status updates are not).
_NOT_TEXT = filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL


def handlers(settings: Settings) -> list[tuple[int, BaseHandler[Update, Context, Any]]]:
    """Every handler with its group, in the order they are tried."""
    return [
        # Group -1 runs first for every update: a flooding user stops here.
        (-1, TypeHandler(Update, gate.gate)),
        # Citizens' commands.
        (0, CommandHandler("start", commands.start)),
        (0, CommandHandler("help", commands.help_command)),
        (0, CommandHandler("hotline", commands.hotline)),
        (0, CommandHandler("apply", commands.apply)),
        (0, CommandHandler("search", commands.search)),
        (0, CommandHandler("about", commands.about)),
        # /draft and the 起草申请 button; while it runs, the citizen's texts answer the draft
        # (before the buttons and the free-text questions, which would take them otherwise).
        (0, draft.conversation(settings.draft_timeout_seconds)),
        # Operators' commands; the handlers refuse non-admins politely and log it.
        (0, CommandHandler("reload", admin.reload_index)),
        (0, CommandHandler("stats", admin.show_stats)),
        # Buttons under answers, pages and /start.
        (0, CallbackQueryHandler(buttons.on_button)),
        # @bot 关键词 in any chat.
        (0, InlineQueryHandler(inline.on_inline_query)),
        # Free text: every private message, and group messages addressed to the bot.
        (0, MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & questions.ADDRESSED,
                           questions.on_question)),
        # Unknown commands in a private chat get the help text.
        (0, MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.COMMAND,
                           commands.help_command)),
        # Stickers, photos, voice, files in a private chat.
        (0, MessageHandler(filters.UpdateType.MESSAGE & _NOT_TEXT, questions.on_unsupported)),
    ]  # fmt: skip


def build_application(
    settings: Settings,
    *,
    opener: Callable[[], KnowledgeBase] | None = None,
    answers: AnswerFunctions | None = None,
    request: BaseRequest | None = None,
) -> GongkaiApplication:
    """The bot with every handler registered; it opens the index when it starts."""
    if settings.bot_token is None:
        raise SettingsError(env_name("bot_token"), "is not set; get a token from @BotFather")
    # PTB logs updates (at DEBUG; a batch it cannot parse, at CRITICAL) and httpx the token:
    # whoever runs this bot, those records are cleaned before any handler sees them.
    guard_library_logs(s.get_secret_value() for s in (settings.bot_token, settings.webhook_secret) if s)
    builder = (
        Application.builder()
        .token(settings.bot_token.get_secret_value())
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .concurrent_updates(CONCURRENT_UPDATES)
        .rate_limiter(FairRateLimiter())  # the Bot API's 30 calls/s, in arrival order
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:  # one connection, as PTB's own default, that skips updates PTB cannot read
        builder = builder.get_updates_request(UpdatesRequest(connection_pool_size=1))
    app: GongkaiApplication = builder.build()
    app.bot_data.services = Services(
        settings=settings,
        holder=KnowledgeHolder(opener or _index_opener(settings)),
        answers=answers or AnswerFunctions(),
        memory=AnswerMemory(settings.answer_cache_size),
        feedback=FeedbackStore(settings.data_dir),
        unanswered=UnansweredLog(settings.data_dir),
        limiter=RateLimiter(settings.rate_limit_questions, settings.rate_limit_seconds),
        buttons=RateLimiter(settings.rate_limit_buttons, settings.rate_limit_seconds),
    )
    for group, handler in handlers(settings):
        app.add_handler(handler, group=group)
    app.add_error_handler(errors.on_error)
    return app


async def _post_init(app: GongkaiApplication) -> None:
    """Open the index, announce the commands, and reload on SIGHUP."""
    info = await app.bot_data.services.holder.start()
    log.info("serving index version %s (%d documents)", info.version, info.documents)
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in texts.COMMANDS.items()])
    with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGHUP, lambda: app.create_task(_reload_on_signal(app))
        )


async def _post_shutdown(app: GongkaiApplication) -> None:
    """Stop reloading on SIGHUP and close the index once running answers finish."""
    with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
    await app.bot_data.services.holder.close()


async def _reload_on_signal(app: GongkaiApplication) -> None:
    log.info("SIGHUP: reloading the index")
    await admin.reload_and_describe(app.bot_data.services)


def _index_opener(settings: Settings) -> Callable[[], KnowledgeBase]:
    started = False

    def open_served_index() -> KnowledgeBase:
        # At start an intact older version beats no bot; a reload keeps what is served instead.
        nonlocal started
        kb = open_knowledge(settings, fallback=not started)
        started = True
        return kb

    return open_served_index
