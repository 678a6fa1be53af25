"""The personal data the fault suite sends, and the sweep that proves none of it was kept.

Every fault test that types something a citizen might type uses these values, in any of
the forms below, and writes its data folders and logs under the suite's root folder
(the `fault_dir` fixture). When the session ends, `leaks()` reads every file there: a
digit run or address of a sent value, in any separator form, fails the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# 18-digit resident ID numbers with a valid check digit (GB 11643), a 15-digit old one.
ID_NUMBERS = ("370303199001011239", "110105198512030422", "44030619770615881X", "370303900101123")
MOBILES = ("13912345678", "15098765432", "18655501234")
LANDLINES = ("0531-86061234", "021-64871234")
EMAILS = ("zhang.san@example.com", "张三@example.com", "citizen+gk@mail.example.org")


def spellings(value: str) -> list[str]:
    """Forms a citizen may type the value in: as is, spaced, dotted, full-width, prefixed."""
    digits = value.replace("-", "")
    forms = [value]
    if digits.isdigit() or digits[:-1].isdigit():
        forms += [
            " ".join(_chunks(digits)),
            ".".join(_chunks(digits)),
            digits.translate(_FULLWIDTH),
            f"ID{digits}",
            f"号码{digits}谢谢",
        ]
    return forms


def _chunks(digits: str) -> list[str]:
    if len(digits) == 11:
        return [digits[:3], digits[3:7], digits[7:]]
    if len(digits) == 18:
        return [digits[:6], digits[6:14], digits[14:]]
    return [digits[:4], digits[4:]]


_FULLWIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789Xx"}


def sent_values() -> list[str]:
    return [*ID_NUMBERS, *MOBILES, *LANDLINES, *EMAILS]


def _needles() -> list[re.Pattern[str]]:
    """One pattern per value: its digits with any non-digit run between them, or the address."""
    needles = []
    for value in sent_values():
        if "@" in value:
            needles.append(re.compile(re.escape(value.split("@")[0]) + r"\s*[@＠]", re.I))
            continue
        digits = value.replace("-", "").translate({v: k for k, v in _FULLWIDTH.items()})
        needles.append(re.compile(r"\D{0,3}".join(re.escape(d) for d in digits)))
    return needles


def leaks(root: Path) -> list[str]:
    """`file: value` for every sent value found in a file under root (text or binary)."""
    found = []
    needles = _needles()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        text = _normalise(path.read_bytes().decode("utf-8", errors="replace"))
        found += [f"{path.relative_to(root)}: {n.pattern[:40]}" for n in needles if n.search(text)]
    return found


def _normalise(text: str) -> str:
    """Full-width digits and letters as half-width, so one pattern finds both."""
    return text.translate({ord(c) + 0xFEE0: ord(c) for c in "0123456789@XxABCDEFGHIJKLMNOPQRSTUVWYZ"})


def all_spellings() -> Iterable[str]:
    for value in sent_values():
        yield from spellings(value)
