"""Word segmentation of questions: jieba-rs with the domain vocabulary and agency names."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence

import rjieba

from index.analyzer import domain_words

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
_DICT_LOCK = threading.Lock()
# jieba parts of speech that never carry what a question is about.
_NO_TOPIC_TAGS = frozenset("r c p u uj ul uz ug uv ud y e o d m q mq f x".split())


class Words:
    """Question words and their parts of speech, from our own jieba-rs engine.

    jieba-rs (rjieba) carries jieba's dictionary, tags and user-word rules (the index
    checks its tokens against jieba's) and loads in a tenth of a second; the domain
    words and every agency name are added so they stay whole words. Never jieba's
    process-wide default tokenizer.
    """

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._extra = sorted({w for w in [*domain_words(), *extra_words] if w and len(w) >= 2})
        self._engine: rjieba.Jieba | None = None

    def warm(self) -> None:
        """Load the dictionary now rather than at the first question."""
        self._rjieba()

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech) pairs; place names are tagged "ns", people "nr"."""
        return [(word, tag) for word, tag in self._rjieba().tag(text, True)]

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

    def _rjieba(self) -> rjieba.Jieba:
        if self._engine is None:
            with _DICT_LOCK:
                if self._engine is None:
                    engine = rjieba.Jieba()
                    for word in self._extra:
                        engine.add_word(word, None, "nt")
                    self._engine = engine
        return self._engine
