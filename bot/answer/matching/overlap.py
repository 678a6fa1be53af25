"""How much of what a question asks a candidate text says: weighted character-bigram overlap.

Bigrams of Chinese characters match across word-segmentation differences (申请公开 /
公开申请 share 申请, 公开), which matters more for short labels and sentences than
ranking finesse. Weights are inverse document frequencies over the candidates at hand,
so words every candidate shares (政府信息公开) count little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.lexicon.words import word_lexicon
from bot.text import fold

_RUNS = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9%]+")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*"
)

# Words of every disclosure text, and the verbs any count is asked with: they tell
# candidates apart poorly, so they weigh little whether or not a candidate has them.
_BACKGROUND = (
    "政府信息公开",
    "工作",
    "情况",
    "年度",
    "本年",
    "全年",
    "数量",
    "相关",
    "有关",
    "收到",
    "发生",
    "涉及",
    "产生",
    "共计",
    "累计",
    "总共",
    "各类",
    "开展",
    "进行",
    "全区",
    "全市",
    "全县",
    "全省",
    "本区",
    "本市",
    "我区",
    "我市",
)


def grams(text: str) -> set[str]:
    """Character bigrams of the Chinese runs and ASCII words; lone characters carry no topic."""
    out: set[str] = set()
    for run in _RUNS.findall(fold(text)):
        if not "\u4e00" <= run[0] <= "\u9fff":
            out.add(run)
        else:
            out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def strip_numbering(label: str) -> str:
    """A table or heading label without its list marker: "（三）不予公开" -> "不予公开"."""
    return _NUMBERING.sub("", label)


_BACKGROUND_GRAMS = frozenset().union(*(grams(w) for w in _BACKGROUND))
BACKGROUND_WEIGHT = 0.1

# Words that name the same thing in citizens' questions and in the documents' wording.
SYNONYMS: tuple[tuple[str, ...], ...] = tuple(tuple(group.words) for group in word_lexicon().synonyms)


def grams_with_synonyms(text: str) -> set[str]:
    """A candidate's bigrams plus those of the synonyms of the words it contains."""
    out = grams(text)
    folded = fold(text)
    for group in SYNONYMS:
        if any(word in folded for word in group):
            for word in group:
                out |= grams(word)
    return out


@dataclass
class Weights:
    """Inverse document frequency of bigrams over a set of candidate texts."""

    idf: dict[str, float]
    default: float

    @classmethod
    def over(cls, texts: Iterable[set[str]]) -> Weights:
        """Weights from the bigram sets of the candidates."""
        counts: Counter[str] = Counter()
        n = 0
        for gram_set in texts:
            counts.update(gram_set)
            n += 1
        idf = {g: math.log(1 + (n + 1) / (c + 0.5)) for g, c in counts.items()}
        for g in _BACKGROUND_GRAMS:
            idf[g] = min(idf.get(g, 1.0), BACKGROUND_WEIGHT)
        # A bigram no candidate has weighs as much as one only a single candidate has.
        return cls(idf=idf, default=math.log(1 + (n + 1) / 1.5))

    def of(self, gram: str) -> float:
        """The weight of one bigram."""
        return self.idf.get(gram, self.default)

    def total(self, gram_set: Iterable[str]) -> float:
        """The summed weight of a bigram set."""
        return sum(self.of(g) for g in gram_set)


def informative(asked: set[str]) -> set[str]:
    """The asked bigrams without the domain's background words, unless nothing else was asked."""
    return (asked - _BACKGROUND_GRAMS) or asked


def coverage(asked: set[str], candidate: set[str], weights: Weights) -> float:
    """Share (0..1) of the asked bigrams' weight that the candidate contains."""
    asked = informative(asked)
    total = weights.total(asked)
    return weights.total(asked & candidate) / total if total else 0.0


def precision(asked: set[str], candidate: set[str], weights: Weights) -> float:
    """Share (0..1) of the candidate's weight that was asked for: favours specific candidates."""
    asked = informative(asked)
    total = weights.total(candidate - _BACKGROUND_GRAMS)
    return weights.total(asked & candidate) / total if total else 0.0


def best(
    asked: set[str], candidates: Sequence[set[str]], weights: Weights, *, precision_weight: float = 0.25
) -> list[tuple[float, int]]:
    """(score, index) of the candidates, best first; score mixes coverage and precision."""
    scored = [
        (coverage(asked, c, weights) + precision_weight * precision(asked, c, weights), i)
        for i, c in enumerate(candidates)
    ]
    return sorted(scored, key=lambda pair: (-pair[0], pair[1]))
