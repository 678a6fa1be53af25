"""Pick the report figure a question asks for, from a report's statistics.

A figure is chosen by how much of the question its row and column labels (or, for a
number stated in prose, its sentence) cover, never by position: a question about
something no label mentions (GDP) finds nothing, and the engine says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answer.matching.overlap import Weights, best, coverage, grams, grams_with_synonyms, strip_numbering
from bot.corpus.models import Statistic
from bot.text import fold

MIN_COVERAGE = 0.5

_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织")
_SUBTOTALS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "本年制发", "本年废止", "现行有效")


@dataclass
class FigureMatch:
    """A statistic and how well it answers the question."""

    statistic: Statistic
    score: float


def label_grams(stat: Statistic) -> set[str]:
    """The bigrams of a statistic's label, plus those of the synonyms of what it names."""
    return grams_with_synonyms(label(stat))


def label(stat: Statistic) -> str:
    """The words that describe a statistic: its row and column path, or its clause of prose."""
    parts = [strip_numbering(p) for p in (*stat.row, *stat.column)]
    if stat.source == "prose" and stat.evidence:
        parts.append(_clause(stat.evidence, stat.row[-1] if stat.row else ""))
    return re.sub(r"[\d.,%]+", " ", " ".join(parts))


def _clause(sentence: str, anchor: str) -> str:
    """The clause of a sentence that holds the counted noun phrase, with its subject after 其中."""
    clauses = re.split(r"[，,；;。（）()]", sentence)
    holding = [i for i, c in enumerate(clauses) if anchor and anchor in c]
    counted = [i for i in holding if re.search(r"\d", clauses[i])] or holding
    if not counted:
        return ""
    i = counted[0]
    own = _listed(clauses[i], anchor)
    return f"{clauses[i - 1]} {own}" if clauses[i].startswith("其中") and i else own


def _listed(clause: str, anchor: str) -> str:
    """In a list ("其中环境监管54条、空气质量预测预报322条"), the item of the anchor alone."""
    items = clause.split("、")
    return next((item for item in items if anchor in item), clause) if len(items) > 1 else clause


def match_figures(question: str, stats: Sequence[Statistic]) -> list[FigureMatch]:
    """Statistics that answer the question, best first; empty when none does."""
    if not stats:
        return []
    asked = grams(question)
    labels = [label_grams(s) for s in stats]
    weights = Weights.over(labels)
    matches = []
    for score, i in best(asked, labels, weights, precision_weight=0.5):
        stat = stats[i]
        if coverage(asked, labels[i], weights) < MIN_COVERAGE:
            continue
        matches.append(FigureMatch(stat, score * _preference(stat, question)))
    return sorted(matches, key=lambda m: (-m.score, m.statistic.source != "table"))


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
    if stat.row and "本年新收" in stat.row[0]:
        factor *= 1.1  # the headline of the applications table: "how many applications"
    return factor


def _asks(folded: str, name: str) -> bool:
    return name in folded or (len(name) > 2 and name[:2] in folded)
