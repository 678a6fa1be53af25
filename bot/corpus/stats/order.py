"""Printed rows placed on template rows: by label, and by the template's fixed order where a label is lost.

Rows whose label names a template row are anchors; the longest run of anchors in
template order is kept (a label out of order is not trusted). Between two anchors,
the printed rows without a usable label take the template rows between them, in
order, when there are exactly as many of each and every label fragment a printed
row still carries belongs to the template row it would take. Anything else stays
unplaced: the position of a row is never guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bot.lexicon.template import RowSpec, label_key


def align(
    labels: Sequence[str | None], fragments: Sequence[list[str]], order: list[RowSpec]
) -> list[RowSpec | None]:
    """For each printed row (its template row id by label, its label fragments), its template row."""
    index = {row.id: i for i, row in enumerate(order)}
    anchors = _increasing([(k, index[label]) for k, label in enumerate(labels) if label in index])
    placed: dict[int, RowSpec] = {k: order[i] for k, i in anchors}
    bounds = [(-1, -1), *anchors, (len(labels), len(order))]
    for (k0, i0), (k1, i1) in itertools.pairwise(bounds):
        between, rows = list(range(k0 + 1, k1)), order[i0 + 1 : i1]
        pairs = list(zip(between, rows, strict=False))
        if len(between) == len(rows) and all(_fits(labels[k], fragments[k], row) for k, row in pairs):
            placed.update(pairs)
    return [placed.get(k) for k in range(len(labels))]


def _increasing(anchors: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of anchors whose template rows increase."""
    best: list[list[tuple[int, int]]] = []
    for anchor in anchors:
        longest = max((run for run in best if run[-1][1] < anchor[1]), key=len, default=[])
        best.append([*longest, anchor])
    return max(best, key=len, default=[])


def _fits(label: str | None, fragments: list[str], row: RowSpec) -> bool:
    """A printed row can stand for `row`: no other row's label, and its fragments are that row's."""
    if label is not None and label != row.id:
        return False
    words = [label_key(text) for text in [*row.labels(), *row.path[:-1]]]
    return all(any(fragment in word for word in words) for fragment in fragments)
