"""Text normalisation shared by the corpus, the index and the answer engine.

Two rules hold everywhere:
- matching uses `fold()` (full-width to half-width, traditional to simplified, lower
  case), which keeps the string's length so that character offsets stay valid;
- quoting uses the original text, so a citizen reads what the document says.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import opencc

# U+FF01..U+FF5E are the full-width forms of ASCII U+0021..U+007E.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20  # ideographic space

# The longest question the engine reads: Telegram's own message limit. Channels set a
# lower limit (GONGKAI_MAX_QUESTION_CHARS); the engine holds this one whatever they do.
MAX_QUESTION_CHARS = 4096

# Spaces that documents use as layout: no-break, en/em spaces, zero-width, BOM.
_SPACE_LIKE = re.compile(r"[\u00a0\u2002-\u200b\u2028\u2029\u202f\u205f\ufeff]")

# Document-number brackets in their printed variants; 〔〕 is the official form.
_OPEN_BRACKETS = "〔[［【(（"
_CLOSE_BRACKETS = "〕]］】)）"
_DOC_NO_YEAR = re.compile(rf"[{re.escape(_OPEN_BRACKETS)}]\s*(\d{{4}})\s*[{re.escape(_CLOSE_BRACKETS)}]")


# What a question never needs and what breaks the code that reads, stores or prints it:
# C0 and C1 controls (tab and newline kept), and the bidirectional marks, embeddings,
# overrides and isolates that reorder what a reader sees.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_input(text: str) -> str:
    """Text a person sent, safe to read, store and print: a surrogate pair joined, a lone
    surrogate (a bad byte decoded with surrogateescape) as U+FFFD, controls as spaces,
    bidirectional controls removed."""
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _BIDI.sub("", _CONTROLS.sub(" ", text))


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (＠, ０-９, Ａ-Ｚ, ［］) to their half-width forms."""
    return text.translate(_HALFWIDTH)


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese, keeping the length of the text."""
    try:
        converted: str = _t2s().convert(text)
    except UnicodeEncodeError:  # a lone surrogate: OpenCC reads UTF-8
        return to_simplified(_SURROGATE.sub("\ufffd", text))
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert character by character instead.
    return "".join(ch if len(out := _t2s().convert(ch)) != 1 else out for ch in text)


def fold(text: str) -> str:
    """The matching form of a text: half-width, simplified, lower case; same length."""
    folded = to_simplified(to_halfwidth(text))
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded


def clean_spaces(text: str) -> str:
    """Layout spaces (no-break, zero-width, BOM) to plain spaces; runs of spaces to one."""
    text = _SPACE_LIKE.sub(" ", unicodedata.normalize("NFC", text))
    return re.sub(r"[ \t]+", " ", text)


def normalize_doc_no(doc_no: str) -> str:
    """One spelling for a document number: 岚综管规[2024]4号 -> 岚综管规〔2024〕4号."""
    compact = re.sub(r"\s+", "", to_halfwidth(doc_no))
    return _DOC_NO_YEAR.sub(r"〔\1〕", compact)


CN_DIGITS = {ch: n for n, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL = "〇零一二两三四五六七八九十百千"


def cn_to_int(numeral: str) -> int | None:
    """Chinese numerals to a number; None when the text is not one.

    Counted (一 1, 十一 11, 二十九 29, 一百零一 101) or read digit by digit, as years
    are (二〇二六 2026, 一七 17).
    """
    if not numeral or any(ch not in CN_DIGITS and ch not in _CN_UNITS for ch in numeral):
        return None
    if not any(ch in _CN_UNITS for ch in numeral):
        return int("".join(str(CN_DIGITS[ch]) for ch in numeral))
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)
