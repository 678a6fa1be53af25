"""Names typed with a character that sounds the same: 淮按 for 淮安, 平谭 for 平潭, 章店 for 张店.

Citizens type with a pinyin input method, so a wrong character usually has the right
sound. A run of the question that sounds like a name the records hold, but is written
otherwise and is no real place of its own (怀安 is a county: never corrected to 淮安),
is read as that name, and the answer says so ("按“淮安”理解"). pypinyin's dictionaries
take a second or more to load: a one-off question loads them when it needs them, a
server when it starts (`warm`).
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.lexicon.places import Gazetteer

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_LOCK = threading.Lock()
_pinyin: Any = None


@dataclass(frozen=True)
class Correction:
    """A run of the question read as a name the records hold."""

    typed: str
    meant: str


class SoundAlikes:
    """Names of the records by their sound, to correct what a question wrote."""

    def __init__(self, names: Iterable[str], gazetteer: Gazetteer) -> None:
        self._names = sorted({n for n in names if 2 <= len(n) <= 8 and _HAN.match(n)}, key=len, reverse=True)
        self._gazetteer = gazetteer
        self._by_sound: dict[tuple[str, ...], list[str]] | None = None

    def corrections(self, text: str) -> list[Correction]:
        """Runs of text that sound like a held name but are written otherwise, longest first."""
        by_sound = self._index()
        sounds = _sounds(text)
        found: list[Correction] = []
        taken: set[int] = set()
        for size in sorted({len(n) for n in self._names}, reverse=True):
            for i in range(len(text) - size + 1):
                run = text[i : i + size]
                if taken & set(range(i, i + size)) or not _HAN.match(run) or self._gazetteer.named(run):
                    continue
                meant = [n for n in by_sound.get(tuple(sounds[i : i + size]), []) if n != run]
                if len(meant) == 1 and _differs_little(run, meant[0]):
                    found.append(Correction(run, meant[0]))
                    taken |= set(range(i, i + size))
        return found

    def warm(self) -> None:
        """Load pypinyin and index the names now, not in the first citizen's answer."""
        self._index()

    def _index(self) -> dict[tuple[str, ...], list[str]]:
        if self._by_sound is None:
            index: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for name in self._names:
                index[tuple(_sounds(name))].append(name)
            self._by_sound = dict(index)
        return self._by_sound


def _differs_little(typed: str, meant: str) -> bool:
    """One character in two differs at most: 淮按/淮安 yes, 怀按/淮安 no."""
    wrong = sum(1 for a, b in zip(typed, meant, strict=True) if a != b)
    return 0 < wrong <= max(1, len(meant) // 3)


def _sounds(text: str) -> list[str]:
    """The toneless pinyin of each character (the character itself where it has none)."""
    global _pinyin
    if _pinyin is None:
        with _LOCK:
            if _pinyin is None:
                from pypinyin import lazy_pinyin

                _pinyin = lazy_pinyin
    sounds: list[str] = []
    for ch in text:
        sounds += _pinyin(ch, errors=lambda chars: list(chars)) or [ch]
    return sounds
