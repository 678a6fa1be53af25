"""The Telegram bot: python-telegram-bot handlers over the one answer engine.

app.py         build_application(settings): every handler, in order
context.py     typed shared state (Services) and the custom CallbackContext
handlers/      one module per concern: questions, buttons, commands, inline, admin, draft, errors
render.py      the only place Telegram HTML is written (htmlsplit.py cuts it under the limit)
keyboards.py   inline keyboards and their short callback data
texts.py       fixed user-facing sentences
examples.py    /start example questions, checked against the served index
memory.py      recent answers by short key, so buttons carry only ids
drafts.py      applications being drafted (/draft), in memory only
ratelimit.py   per-user question limit
stats.py       counters for /stats (feedback and unanswered questions: bot/records.py)
"""
