"""The words of a question and their parts of speech, from the index's own segmenter.

Documents and questions are cut by one segmenter: the one of the analyzer stored in
the index (index/analyzer.py), with the domain words and every agency name of the
corpus the index was built from. Nothing here loads a dictionary of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.segment import Segmenter

# Function words and question words: they say how something is asked, not what.
STOPWORDS = frozenset(
    """
    的 了 吗 呢 吧 啊 呀 么 嘛 是 有 在 和 与 及 或 对 向 把 给
    从 为 被 让 将 就 都 也 还 又 再 能 会 要 想 可以 可 能够 需要
    应该 应当 请问 请 问 一下 我 我们 你 你们 您 他 她 它 他们 这 那
    这个 那个 这些 那些 什么 哪些 哪个 哪 哪里 哪儿 怎么 怎样 怎么样
    如何 多少 几 多 是否 有没有 没有 有无 是不是 吗 呢 因为 所以 如果
    那么 然后 以及 并且 或者 还是 关于 对于 通过 根据 按照 之 其 中 里
    上 下 后 前 一 个 件 条 次 份 宗 项 年 年度 月 日 号 共 总共
    一共 大概 大约 左右 呢 哦 嗯 吧 着 过 去 来 知道 告诉 查 找 看
    说 讲 叫 谁 以后 之后 然后 后来 多久 多长时间 什么时候 何时 几天 几件 几条 几个 几次
    几份 几宗 几项 几家 几位 几人 几篇 几期 几场 多少件 多少条 多少个 多少份
    多少宗 多少项 多少家 多少人 多少篇 多少期 多少次 多少场
    经济开发区 开发区 示范区 综合实验区 实验区 新区 管委会 管理委员会 办事处 人民政府
    ？ ? ！ ! ， , 。 . 、 ： : ； ; （ ） (
    ) “ ”  ' 《 》
    """.split()
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
