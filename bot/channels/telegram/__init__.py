"""The Telegram bot: python-telegram-bot handlers over the one answer engine.

app.py         build_application(settings): every handler, in order
context.py     typed shared state (Services) and the custom CallbackContext
handlers/      one module per concern: questions, buttons, commands, inline, admin, errors
render.py      the only place Telegram HTML is written
keyboards.py   inline keyboards and their short callback data
texts.py       fixed user-facing sentences and example questions
memory.py      recent answers by short key, so buttons carry only ids
feedback.py    👍/👎 store (JSON lines, no personal data)
ratelimit.py   per-user question limit
stats.py       counters for /stats
"""
