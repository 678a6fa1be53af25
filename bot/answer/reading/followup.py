"""Follow-up questions: what a short question takes from the one before it.

    淮安2024年收到多少件申请？ → 那平潭呢？        the topic and the year carry over
    张店区安监局2017年公开了多少条？ → 那2024年呢？  the agency and the topic carry over
    平潭公安局怎么申请？ → 他们电话多少？            the agency carries over
    平潭公安局2022年行政处罚多少件？ → 那去年呢？    去年 is the year before 2022

A question that names no agency takes the previous one's; a figure question that names
no year takes its year; a question with nothing to ask but an agency or a year ("那平潭
呢") takes its topic. The answer then says what it assumed ("按上一问的平潭综合实验区").
The context lives only in memory, for one chat, and expires (CONTEXT_SECONDS).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from bot.answer.models import Intent
from bot.answer.reading.question import Question
from bot.answer.reading.years import strip_years

_FIGURES = (Intent.STATISTIC, Intent.COMPARE)  # questions whose years a follow-up keeps
CONTEXT_SECONDS = 600.0  # a follow-up after ten minutes starts afresh
_RELATIVE = re.compile(r"去年|前年|今年|上一年|上年度?|下一年")
# Words that only say "the same, but…": 那, 那么, 呢, 的呢, 还有.
_BARE = re.compile(r"^(?:那么?|还有|再问一下|另外)?|(?:的|他们的|它的)?呢?[?？。!！]*$")


@dataclass(frozen=True)
class Context:
    """What a follow-up may take from the question before it."""

    agencies: tuple[str, ...]  # the agencies it was about (canonical names)
    naming: str  # how it named them, as understood: "淮安", "平潭综合实验区公安局"
    shown: str  # how an answer names them: the agency's name, or the place as it was named
    years: tuple[int, ...]
    topic: str  # the question without its agencies and years: "收到多少件申请"
    intent: Intent
    slot: str | None = None  # the template cell its answer stated, which a follow-up may refine
    at: float = field(default_factory=time.monotonic)

    def expired(self, now: float | None = None) -> bool:
        """Whether the conversation has gone quiet for too long to carry anything over."""
        return (now if now is not None else time.monotonic()) - self.at > CONTEXT_SECONDS


def context_of(q: Question, previous: Context | None = None) -> Context | None:
    """What the next question may take from this one; None when it named nothing to carry.

    A question that only refined the one before (its `previous`) keeps that one's topic:
    after 淮安收到多少申请 → 其中律所呢, "那企业呢" asks about 企业 among the same 申请.
    """
    agencies = q.agencies.named or q.agencies.candidates
    naming = "".join(dict.fromkeys(q.agencies.matched)) if agencies else ""
    topic = q.folded
    for name in [*q.agencies.matched, *q.agencies.unknown_agencies, *q.agencies.unknown_places]:
        topic = topic.replace(name, "")
    topic = re.sub(r"\s+", "", strip_years(topic))
    if q.previous is not None and q.refines:
        topic = q.previous.topic
    if not agencies and not q.years and not q.terms:
        return None
    shown = agencies[0] if len(agencies) == 1 else "、".join(q.agencies.places) or "、".join(agencies)
    return Context(tuple(agencies), naming, shown, tuple(q.years), topic, q.intent)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up written out in full, and what was taken from the context."""

    text: str
    assumed: str
    year_anchor: int | None  # the year 今年 means in it (the conversation's), if re-anchored
    refines: bool = False  # a part of the previous topic: 其中律所呢, 维持了几件


def follow_up(q: Question, context: Context | None) -> FollowUp | None:
    """The question completed from the context, when it lacks an agency, a year or a topic."""
    if context is None or context.expired() or q.doc_no or q.index_no:
        return None  # a document number or 索引号 says what it is about by itself
    mentions = q.agencies
    names_agency = bool(
        mentions.named or mentions.places or mentions.unknown_agencies or mentions.unknown_places
    )
    bare = not q.terms and not q.doc_no and not q.index_no
    if names_agency and not bare:
        return None  # a question of its own
    taken: list[str] = []
    naming = ""
    if not names_agency and context.agencies:
        naming = context.naming
        taken.append(context.shown)
    anchor = context.years[0] if context.years and _RELATIVE.search(q.folded) else None
    year = ""
    figures = q.intent in _FIGURES or (bare and context.intent in _FIGURES)
    if not q.years and context.years and figures:
        year = "、".join(f"{y}年" for y in context.years)
        taken.append(year)
    # A part of the previous figure ("其中律所呢", "维持了几件"), not a question of another kind.
    own_kind = q.intent not in (*_FIGURES, Intent.GENERAL)
    refines = not bare and not names_agency and not own_kind and context.intent in _FIGURES
    if refines and not year and context.years and not q.years:
        year = "、".join(f"{y}年" for y in context.years)
        taken.append(year)
    if bare:  # "那平潭呢", "那2024年呢": its own agency or year, then the previous topic
        text = f"{naming}{year}{_BARE.sub('', q.folded)}{context.topic}"
    elif refines:  # "其中律所提的呢", "维持了几件": a part of the previous figure
        text = f"{naming}{year}{context.topic}，{q.folded}"
    elif taken:
        text = f"{naming}{year}{q.folded}"
    elif anchor is not None:
        text = q.folded
    else:
        return None
    assumed = f"按上一问的{'、'.join(taken)}" if taken else ""
    return FollowUp(text, assumed, anchor, refines)
