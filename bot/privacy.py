"""Mask personal data that citizens type before anything is stored or logged.

Questions are kept (feedback, unanswered-question statistics) without what identifies
a person: ID-card numbers, phone numbers (mobile or landline) and e-mail addresses.
"""

from __future__ import annotations

import re

from bot.text import to_halfwidth

# 18-digit resident ID (last character may be X) or the old 15-digit one.
_ID_CARD = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# Mobile numbers with an optional +86, and landlines with an optional area code.
_PHONE = re.compile(
    r"(?<![0-9])(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|(?:0\d{2,3}[- ]?)?\d{7,8})(?![0-9])"
)
# An e-mail address, ASCII or full-width ＠ (matched on the half-width form).
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

MASK = "*"


def mask_personal(text: str) -> str:
    """The text with ID-card numbers, phone numbers and e-mail addresses replaced by asterisks."""
    chars = list(text)
    # Match on the half-width form (same length) so full-width digits are caught too.
    for pattern in (_EMAIL, _ID_CARD, _PHONE):
        for match in pattern.finditer(to_halfwidth("".join(chars))):
            chars[match.start() : match.end()] = MASK * (match.end() - match.start())
    return "".join(chars)
