"""Names from outside shown on a terminal: a file name cannot move the cursor or start a line.

A corpus file may be named "x\\nok    forged.txt" or carry ANSI escapes; printed raw, it
forges an `ok`/`FAIL` line of `gongkai check` or rewrites the one above. `shown` is the
one way the commands print a path (and any line that may hold one): control characters,
line and paragraph separators, bidirectional overrides and the bytes of a name that is
not UTF-8 become visible escapes; everything else, Chinese included, is left alone.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udcff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """text with every character that could forge or hide terminal output escaped."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
