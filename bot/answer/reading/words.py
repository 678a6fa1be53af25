"""The words of a question and their parts of speech, from the index's own segmenter.

Documents and questions are cut by one segmenter: the one of the analyzer stored in
the index (index/analyzer.py), with the domain words and every agency name of the
corpus the index was built from. Nothing here loads a dictionary of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.lexicon.words import word_lexicon
from index.segment import Segmenter

# Function words and question words: they say how something is asked, not what.
STOPWORDS = word_lexicon().stopwords | frozenset(
    "？ ? ！ ! ， , 。 . 、 ： : ； ; （ ） ( ) “ ” ' 《 》".split()
)
_NUMBER = re.compile(r"^[\d.%％]+$|^[〇零一二三四五六七八九十百千万两]+$")
# jieba parts of speech that never carry what a question is about.
_NO_TOPIC_TAGS = frozenset("r c p u uj ul uz ug uv ud y e o d m q mq f x".split())


class Words:
    """Question words and their parts of speech, cut by the index's segmenter."""

    def __init__(self, segmenter: Segmenter) -> None:
        self._segmenter = segmenter

    def warm(self) -> None:
        """Load the dictionary now rather than at the first question."""
        self._segmenter.tag("政府信息公开")

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech) pairs; place names are tagged "ns", people "nr"."""
        return self._segmenter.tag(text)

    def topic(self, text: str, skip: Sequence[str] = ()) -> str:
        """The content words of a text, in order, space-separated.

        Stopwords, numbers, the skipped names and every word whose part of speech
        carries no topic (pronouns, particles, prepositions, adverbs, measure words:
        那边, 一下, 可以, 多少个) are left out, so a colloquial question asks what a
        plain one asks.
        """
        for name in filter(None, skip):
            text = text.replace(name, " ")
        kept = []
        for word, tag in self.tag(text):
            word = word.strip()
            if word and word not in STOPWORDS and not _NUMBER.match(word) and tag not in _NO_TOPIC_TAGS:
                kept.append(word)
        return " ".join(kept)
