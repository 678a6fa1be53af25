"""Word segmentation engines behind the analyzer.

An engine cuts folded text into words with character offsets (jieba's default mode,
HMM on) and answers whether a string is a dictionary word. Engines are created
lazily and shared per (engine, word list): creating one loads a 350k-word
dictionary, which takes about a second and tens of megabytes.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import warnings
from collections.abc import Iterable, Sequence
from importlib import resources
from types import ModuleType
from typing import Any, Protocol

# jieba cuts runs of letters and digits apart at every other character
# ("2024-05-14" -> 2024 / - / 05 / - / 14, but "96171.6" and "100%" whole, the rule of
# jieba.finalseg); jieba-rs keeps such runs whole.
_ASCII_PIECES = re.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?|.", re.DOTALL)

# jieba cuts only runs of these characters with its dictionary; a user word with any
# other character could never come out whole, so it is not added.
_SEGMENTABLE = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")

_engines: dict[tuple[str, str], Segmenter] = {}
_engines_lock = threading.Lock()


class Segmenter(Protocol):
    """A jieba-compatible word segmenter with a user dictionary."""

    longest: int  # the length of its longest dictionary word: no longer string is a word

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        """Words of text in order, with start and end offsets, covering the text."""
        ...

    def split(self, word: str) -> Sequence[tuple[str, int, int]]:
        """The tokens jieba would make of one of this engine's words, with offsets in it."""
        ...

    def has_word(self, word: str) -> bool:
        """Whether word is in the dictionary with a positive frequency."""
        ...

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs of text, jieba's tag set ("ns" place, "nr" person)."""
        ...


def segmentable(word: str) -> bool:
    """Whether word can come out of the segmenter as one token."""
    return bool(_SEGMENTABLE.fullmatch(word))


def words_digest(words: Sequence[str]) -> str:
    """A short, stable identity of a word list."""
    return hashlib.sha256("\n".join(words).encode()).hexdigest()[:16]


def get_segmenter(engine: str, words: Sequence[str], digest: str) -> Segmenter:
    """The shared segmenter of this engine with these extra words, created on first use."""
    key = (engine, digest)
    with _engines_lock:
        segmenter = _engines.get(key)
        if segmenter is None:
            segmenter = _create(engine, words)
            _engines[key] = segmenter
        return segmenter


def _create(engine: str, words: Sequence[str]) -> Segmenter:
    if engine == "jieba":
        return JiebaSegmenter(words)
    if engine == "rjieba":
        return RJiebaSegmenter(words)
    raise ValueError(f"unknown segmentation engine {engine!r}")


def import_jieba() -> ModuleType:
    """The jieba module, imported quietly: it tries pkg_resources, which newer setuptools deprecate."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter
    module: ModuleType = jieba
    return module


@functools.cache
def jieba_dictionary_longest() -> int:
    """The length of the longest word of jieba's main dictionary (dict.txt)."""
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    return max(len(line.split(" ", 1)[0]) for line in text.splitlines() if line)


class JiebaSegmenter:
    """jieba with its own Tokenizer instance, never the process-wide default."""

    def __init__(self, words: Sequence[str]) -> None:
        jieba = import_jieba()
        tokenizer = jieba.Tokenizer()  # its dictionary cache goes where jieba puts it (the temp dir)
        tokenizer.initialize()
        for word in words:
            tokenizer.add_word(word)
        self._user = frozenset(words)
        self._tokenizer = tokenizer
        self._freq: dict[str, int] = tokenizer.FREQ
        self.longest = max(len(word) for word, freq in self._freq.items() if freq > 0)
        self._pos: Any = None  # jieba.posseg over this tokenizer, made on first use (slow to load)

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        """Default-mode words with offsets."""
        result: Iterable[tuple[str, int, int]] = self._tokenizer.tokenize(text)
        return result

    def split(self, word: str) -> Sequence[tuple[str, int, int]]:
        """jieba's words are its tokens."""
        return ((word, 0, len(word)),)

    def has_word(self, word: str) -> bool:
        """Dictionary membership (prefix entries have frequency 0)."""
        return self._freq.get(word, 0) > 0

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Words with their parts of speech (jieba.posseg on this tokenizer)."""
        if self._pos is None:
            from jieba import posseg

            self._pos = posseg.POSTokenizer(self._tokenizer)
        # User words carry no tag, as in jieba-rs (posseg would say "x", as for punctuation).
        return [(pair.word, "" if pair.word in self._user else pair.flag) for pair in self._pos.cut(text)]


class RJiebaSegmenter:
    """jieba-rs (rjieba): jieba's dictionary, HMM and user-word rules, ~20x faster.

    The only difference measured on the corpus is that jieba-rs keeps runs such as
    "0591-23165385" or "www.example.cn" whole; they are cut apart here as jieba does.
    """

    def __init__(self, words: Sequence[str]) -> None:
        import rjieba

        engine = rjieba.Jieba()
        for word in words:
            engine.add_word(word, None, None)
        self._engine = engine
        # jieba-rs embeds jieba's dict.txt and does not list its words: measured there.
        self.longest = max([jieba_dictionary_longest(), *map(len, words)])

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        """Default-mode words with offsets (see split())."""
        words: Iterable[tuple[str, int, int]] = self._engine.tokenize(text, "default", True)
        return words

    def split(self, word: str) -> Sequence[tuple[str, int, int]]:
        """ASCII runs cut at punctuation as jieba cuts them; other words whole."""
        if word.isascii() and len(word) > 1 and not word.isalnum():
            return [(m.group(), m.start(), m.end()) for m in _ASCII_PIECES.finditer(word)]
        return ((word, 0, len(word)),)

    def has_word(self, word: str) -> bool:
        """Dictionary membership."""
        found: bool = self._engine.has_word(word)
        return found

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Words with their parts of speech; user words without a tag get ""."""
        return [(word, tag) for word, tag in self._engine.tag(text, True)]
