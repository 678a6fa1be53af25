"""The analyzer: a stored format, pickled by whoosh into every index it builds.

Keep `GongkaiAnalyzer` at this path with this name: an index built today must open
after any refactoring. Its pickled state is only the engine name and the extra words
the index was built with, so a reopened index tokenises questions exactly as it
tokenised documents; the segmenter itself is created lazily and never pickled.

Tokens, for index and query alike:
- text is folded first (full-width to half-width, traditional to simplified, lower
  case; same length, so character offsets are offsets into the original text);
- each word of jieba's default cut gets the next position, skipping punctuation and
  question stopwords, so a phrase is a run of consecutive positions;
- every dictionary word inside a longer word is emitted too, at the same position
  (search mode, generalised), so "农业" finds "中国农业发展银行".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from whoosh.analysis.acore import Token
from whoosh.analysis.analyzers import Analyzer

from bot.text import fold
from index.segment import Segmenter, get_segmenter, segmentable, words_digest

# jieba-rs: the same dictionary, HMM and tokens as jieba on our text (tests/index
# test_analyzer.py checks it on the whole corpus), ~20x faster. "jieba" stays available.
DEFAULT_ENGINE = "rjieba"

_PIECES = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9]+")
_CJK = re.compile(r"[\u4E00-\u9FD5]")

USERDICT = Path(__file__).with_name("userdict.txt")
SYNONYMS = Path(__file__).with_name("synonyms.txt")

# Question words and particles: frequent in questions, useless for matching. Content
# words (公开, 申请, 电话 ...) are never listed here.
_STOPWORD_TEXT = """
怎么 怎样 怎么样 如何 吗 嘛 吧 呢 啊 呀 么 多少 几 哪些 哪个 哪里 哪儿 哪 什么 啥 请问 请
的 了 地 得 着 过 是 在 有 和 与 及 或 我 我们 你 你们 您 想 要 能 能否 可以 可否 是否 一下
为什么 为何 谁 该 这 那 这个 那个 么样 知道 告诉 一个 都 也 就 还
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


WORD_CACHE = 500_000  # words whose sub-words are remembered (the vocabulary is Zipfian)
# One token a segmenter word stands for: text, start, end (offsets in the word) and
# the dictionary words inside it as (text, start, end).
Part = tuple[str, int, int, tuple[tuple[str, int, int], ...]]


class Term(NamedTuple):
    """One token of analysed text."""

    text: str
    pos: int
    start: int
    end: int
    main: bool  # a word of the default cut, not a sub-word inside one


def read_word_file(path: Path) -> list[list[str]]:
    """The non-comment lines of a word file, split on whitespace."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def domain_words() -> list[str]:
    """The shipped user dictionary plus every synonym, as whole words."""
    words = [fields[0] for fields in read_word_file(USERDICT)]
    return words + [word for group in read_word_file(SYNONYMS) for word in group]


def _usable(word: str) -> bool:
    return len(word) > 1 and segmentable(word)


def _whole_words(words: Iterable[str]) -> set[str]:
    """Folded words that can be whole tokens; a name like "某局（某市）" gives its Chinese pieces."""
    out: set[str] = set()
    for word in map(fold, words):
        if _usable(word):
            out.add(word)
        else:
            out.update(p for p in _PIECES.findall(word) if _usable(p) and _CJK.search(p))
    return out


class GongkaiAnalyzer(Analyzer):
    """jieba words with real positions and offsets, folded, without question words."""

    def __init__(self, words: Iterable[str] = (), engine: str = DEFAULT_ENGINE) -> None:
        self.words: tuple[str, ...] = tuple(sorted(_whole_words(words)))
        self.engine = engine
        self._segmenter: Segmenter | None = None
        self._digest: str | None = None
        self._words_seen: dict[str, tuple[Part, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"words": self.words, "engine": self.engine}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.words = tuple(state["words"])
        self.engine = state["engine"]
        self._segmenter = None
        self._digest = None
        self._words_seen = {}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, GongkaiAnalyzer) and self.engine == other.engine and self.words == other.words
        )

    def __hash__(self) -> int:
        return hash((self.engine, self.digest))

    def __repr__(self) -> str:
        return f"GongkaiAnalyzer(engine={self.engine!r}, words={len(self.words)})"

    @property
    def digest(self) -> str:
        """Identity of this analyzer's word list."""
        if self._digest is None:
            self._digest = words_digest(self.words)
        return self._digest

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter, created (or shared) on first use."""
        if self._segmenter is None:
            self._segmenter = get_segmenter(self.engine, self.words, self.digest)
        return self._segmenter

    def terms(self, text: str) -> list[Term]:
        """The tokens of text: main words at consecutive positions, sub-words beside them."""
        return [Term(*token) for token in self._scan(text)]

    def _scan(self, text: str) -> Iterator[tuple[str, int, int, int, bool]]:
        known = self._words_seen
        if len(known) > WORD_CACHE:
            known.clear()
        pos = -1
        for word, start, _end in self.segmenter.tokenize(fold(text)):
            parts = known.get(word)
            if parts is None:
                parts = known[word] = self._describe(word)
            for piece, i, j, subs in parts:
                pos += 1
                for sub, a, b in subs:
                    yield sub, pos, start + a, start + b, False
                yield piece, pos, start + i, start + j, True

    def _describe(self, word: str) -> tuple[Part, ...]:
        """The tokens one segmenter word stands for, with the dictionary words inside each."""
        has_word = self.segmenter.has_word
        # No dictionary word is longer than the longest one: looking only that far keeps
        # the work linear in the word's length (a run of 4,000 digits was quadratic).
        longest = self.segmenter.longest
        parts = []
        for piece, i, j in self.segmenter.split(word):
            if piece in STOPWORDS or not any(ch.isalnum() for ch in piece):
                continue
            size = len(piece)
            subs = tuple(
                (piece[k : k + length], i + k, i + k + length)
                for length in range(2, min(size, longest + 1))
                for k in range(size - length + 1)
                if has_word(piece[k : k + length]) and piece[k : k + length] not in STOPWORDS
            )
            parts.append((piece, i, j, subs))
        return tuple(parts)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        if not tokenize:
            token.text = fold(value)
            token.pos, token.startchar, token.endchar = start_pos, start_char, start_char + len(value)
            yield token
            return
        for text, pos, start, end, _main in self._scan(value):
            token.text = text
            if keeporiginal:
                token.original = value[start:end]  # type: ignore[attr-defined]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def squeeze(text: str) -> str:
    """The folded letters and digits of text: what a phrase match compares."""
    return "".join(ch for ch in fold(text) if ch.isalnum())
