"""Pick the one or two sentences of the retrieved passages that answer a question."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answer.matching.overlap import Weights, coverage, grams, grams_with_synonyms, precision
from bot.lexicon.questions import question_lexicon
from index.backend import Hit

MAX_SENTENCE_CHARS = 160
RUNNER_UP = 0.85  # a second sentence is quoted only when it answers nearly as well
SHAPED_COVERAGE = 0.2
MAX_LIST_CHARS = 240
_EXCEPTION = ("但是", "但", "不过", "除外")
SHORT_LABEL = 10  # characters of a label that ends in "：" and belongs with what follows
MAX_QUOTE_CHARS = 300  # the main answer stays short; the citation holds the rest
_SPLIT = re.compile(r"(?<=[。！？；!?;：:])|\n+")
_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)")
_ITEM_INSIDE = re.compile(r"[：:]\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


@dataclass
class SentenceMatch:
    """A sentence of a hit and how well it answers the question."""

    hit: Hit
    sentence: str
    coverage: float
    score: float


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; a lead-in ending in "：" keeps its list; overlong ones are cut."""
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = part.strip()
        if len(part) < 2:
            continue
        if out and _continues_list(out[-1], part) and len(out[-1]) + len(part) <= MAX_LIST_CHARS:
            out[-1] += part
            continue
        out.append(part)
    return [piece for sentence in out if len(sentence) >= 4 for piece in _cut(sentence)]


def _continues_list(previous: str, part: str) -> bool:
    """Whether part is an item of a list that previous introduces ("…包括下列内容：" "（一）…"),
    or what a short label before it labels ("地址：", "二、春节：")."""
    if previous.endswith(("：", ":")) and len(_ITEM.sub("", previous)) <= SHORT_LABEL:
        return True  # "二、春节：" + "2月4日至10日放假调休": a label and what it labels
    if _ITEM.match(previous) and _ITEM.match(part) and _next_marker(previous, part):
        return True  # "1.申请人的姓名…；" + "2.证明本人身份的证件…": one list
    in_list = previous.endswith(("：", ":")) or bool(_ITEM_INSIDE.search(previous))
    return bool(_ITEM.match(part)) and in_list


def expected_shape(question: str) -> re.Pattern[str] | None:
    """What an answer to the question looks like, when its wording says: a duration, an amount…"""
    shape = question_lexicon().shape_of(question)
    return re.compile(shape.value) if shape else None


def required_shape(question: str) -> re.Pattern[str] | None:
    """What an answering sentence must contain: a date for 哪天, a number for 几件."""
    shape = question_lexicon().shape_of(question)
    return re.compile(shape.value) if shape and shape.required else None


def best_sentences(
    asked: str,
    hits: Sequence[Hit],
    *,
    limit: int = 2,
    bonus: Callable[[Hit], float] | None = None,
    shape: re.Pattern[str] | None = None,
) -> list[SentenceMatch]:
    """The sentences covering most of what is asked, best first; runners-up only if nearly as good."""
    asked_grams = grams(asked)
    pool = [(hit, s) for hit in hits for s in split_sentences(hit.text)]
    if not pool or not asked_grams:
        return []
    sentence_grams = [grams_with_synonyms(s) for _, s in pool]
    weights = Weights.over(sentence_grams)
    scored = []
    for rank, ((hit, sentence), sg) in enumerate(zip(pool, sentence_grams, strict=True)):
        cov = coverage(asked_grams, sg, weights)
        # Retrieval order breaks ties: the search engine saw headings and titles too.
        score = cov + 0.2 * precision(asked_grams, sg, weights) - 0.002 * rank
        score += bonus(hit) if bonus else 0.0
        scored.append(SentenceMatch(hit, sentence, cov, score))
    if shape:
        # The question says what its answer looks like (a duration, an amount, a list):
        # sentences of that shape answer it, if any of them is on topic at all.
        shaped = [m for m in scored if shape.search(m.sentence) and m.coverage >= SHAPED_COVERAGE]
        scored = shaped or scored
    scored.sort(key=lambda m: -m.score)
    chosen = scored[:1]
    for match in scored[1:]:
        if len(chosen) == limit or match.score < RUNNER_UP * chosen[0].score:
            break
        close = match.coverage >= RUNNER_UP * chosen[0].coverage
        short = len(match.sentence) + sum(len(c.sentence) for c in chosen) <= MAX_QUOTE_CHARS
        if close and short and not any(_same(match, c) for c in chosen):
            chosen.append(match)
    chosen = _with_exceptions(chosen)
    if len({(m.hit.doc_id, m.hit.text) for m in chosen}) == 1:
        # Sentences of one passage read in their own order ("不收取费用。但是，…").
        chosen.sort(key=lambda m: m.hit.text.find(m.sentence))
    return chosen


_OTHER_CASE = re.compile(r"^[^，。；]{1,24}的，")  # "逾期未作出答复的，…": the rule's other case


def _whole_rule(match: SentenceMatch) -> SentenceMatch:
    """A clause of a rule split at "；" with its other case joined: one sentence, as written."""
    following = split_sentences(match.hit.text)
    at = following.index(match.sentence) if match.sentence in following else -1
    if not (0 <= at < len(following) - 1) or not match.sentence.endswith(("；", ";")):
        return match
    other = following[at + 1]
    if not _OTHER_CASE.match(other) or len(match.sentence) + len(other) > MAX_QUOTE_CHARS // 2:
        return match
    return SentenceMatch(match.hit, match.sentence + other, match.coverage, match.score)


def _with_exceptions(chosen: list[SentenceMatch]) -> list[SentenceMatch]:
    """A rule is never quoted without the "但是…" sentence that qualifies it, nor without its
    other case ("以作出答复的机关为被告；逾期未作出答复的，以受理申请的机关为被告"), room permitting."""
    out = [_whole_rule(match) for match in chosen]
    for match in list(out):
        following = split_sentences(match.hit.text)
        at = following.index(match.sentence) if match.sentence in following else -1
        if 0 <= at < len(following) - 1 and following[at + 1].startswith(_EXCEPTION):
            extra = SentenceMatch(match.hit, following[at + 1], match.coverage, match.score)
            fits = sum(len(m.sentence) for m in out) + len(extra.sentence) <= MAX_QUOTE_CHARS
            if fits and all(extra.sentence != m.sentence for m in out):
                out.append(extra)
    return out


def _same(a: SentenceMatch, b: SentenceMatch) -> bool:
    """Whether two sentences say the same: one holds the other, or one paraphrases the other.

    Consecutive rules of one passage share much wording and are kept together; the
    same rule restated by another document (a guide quoting the 条例) is dropped.
    """
    if a.sentence in b.sentence or b.sentence in a.sentence:
        return True
    ga, gb = grams(a.sentence), grams(b.sentence)
    shared = len(ga & gb)
    paraphrase = a.hit.doc_id != b.hit.doc_id and shared >= 0.8 * min(len(ga), len(gb))
    return paraphrase or shared >= 0.7 * len(ga | gb)


def _cut(sentence: str) -> list[str]:
    if len(sentence) <= MAX_SENTENCE_CHARS or (
        _ITEM_INSIDE.search(sentence) and len(sentence) <= MAX_LIST_CHARS
    ):
        return [sentence]
    pieces, current = [], ""
    for clause in re.split(r"(?<=[，,：:])", sentence):
        if current and len(current) + len(clause) > MAX_SENTENCE_CHARS:
            pieces.append(current)
            current = ""
        current += clause
    if current:
        pieces.append(current)
    return pieces


_NUMBER = re.compile(r"^\s*[（(]?(\d+)[）).、．]")


def _next_marker(previous: str, part: str) -> bool:
    """Whether part's list number follows the last one in previous: 1. … then 2. …"""
    last = [int(n) for n in re.findall(r"(?:^|[；;。\s])[（(]?(\d+)[）).、．]", previous)]
    this = _NUMBER.match(part)
    return bool(last and this and int(this.group(1)) == last[-1] + 1)
