"""Pick the report figure a question asks for, from a report's statistics.

A figure is chosen by how much of the question its row and column labels (or, for a
number stated in prose, its sentence) cover, never by position: a question about
something no label mentions (GDP) finds nothing, and the engine says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer.overlap import Weights, best, grams, strip_numbering
from bot.corpus.models import Statistic
from bot.text import fold

MIN_COVERAGE = 0.5

# How citizens say what the template's labels say.
_EXPANSIONS: tuple[tuple[str, str], ...] = (
    (r"受理|收到|接到|接收|收了", "新收 受理"),
    (r"复议", "行政复议"),
    (r"诉讼|起诉|打官司", "行政诉讼"),
    (r"同意公开|公开了?的申请|给公开", "予以公开"),
    (r"不掌握|没有这个信息|不存在", "本机关不掌握相关政府信息 无法提供"),
    (r"结转|转到下一?年", "结转下年度继续办理"),
    (r"拒绝公开|不公开", "不予公开"),
    (r"费用|收了多少钱|收费", "收费 信息处理费"),
)
_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织")
_SUBTOTALS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "本年制发", "本年废止", "现行有效")


@dataclass
class FigureMatch:
    """A statistic and how well it answers the question."""

    statistic: Statistic
    score: float


def expand(question: str) -> str:
    """The question plus the template's words for what it says."""
    folded = fold(question)
    extra = [words for pattern, words in _EXPANSIONS if re.search(pattern, folded)]
    return " ".join([folded, *extra])


def label(stat: Statistic) -> str:
    """The words that describe a statistic: its row and column path, or its sentence."""
    parts = [strip_numbering(p) for p in (*stat.row, *stat.column)]
    if stat.source == "prose" and stat.evidence:
        parts.append(stat.evidence)
    return " ".join(parts)


def match_figures(question: str, stats: Sequence[Statistic]) -> list[FigureMatch]:
    """Statistics that answer the question, best first; empty when none does."""
    if not stats:
        return []
    asked = grams(expand(question))
    labels = [grams(label(s)) for s in stats]
    weights = Weights.over(labels)
    matches = []
    for score, i in best(asked, labels, weights):
        stat = stats[i]
        coverage_only = weights.total(asked & labels[i]) / max(weights.total(asked), 1e-9)
        if coverage_only < MIN_COVERAGE:
            continue
        matches.append(FigureMatch(stat, score * _preference(stat, question)))
    return sorted(matches, key=lambda m: -m.score)


def _preference(stat: Statistic, question: str) -> float:
    """Totals unless a breakdown is asked for; tables over prose on a tie."""
    folded = fold(question)
    factor = 1.0
    leaf_columns = [strip_numbering(c) for c in stat.column]
    for name in _APPLICANTS + _SUBTOTALS:
        if any(name in c for c in leaf_columns) and not _asks(folded, name):
            factor *= 0.8
    if stat.row and "总计" in stat.row[-1] and "总计" not in folded and "一共" not in folded:
        factor *= 0.9
    if stat.source == "prose":
        factor *= 0.97
    return factor


def _asks(folded: str, name: str) -> bool:
    return name in folded or (len(name) > 2 and name[:2] in folded)
