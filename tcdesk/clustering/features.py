"""The vector of each recommendation: TF-IDF of its text, plus its themes, affected persons and SDG links.

Text: sublinear term frequency (1 + log tf: a word said three times is not three times the topic), smooth
inverse document frequency, rows scaled to unit length so that long and short texts weigh the same.
Terms found in a single text are dropped once there are enough texts (they cannot bring two texts
together and only add noise to the distances).

Metadata, when the records have it (UHRI-tagged lists do; the UPR Info export does not): each kind is its
own block of indicator columns, weighted by IDF (a rare theme says more than "General") and scaled to
unit length, then multiplied by the kind's weight, so that e.g. sharing a theme counts about as much as
sharing a few distinctive words. SDG targets also count through their goal, so "16.3" and "16.10" are
close. Blocks nobody has are left out, which makes "text alone" the same code path as the full one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tcdesk.clustering.sparse import Csr

TEXT, THEME, PERSON, TARGET, GOAL = "text", "theme", "person", "target", "goal"
# Measured on the demo country against its hand-made clusters (docs/performance.md).
WEIGHTS: dict[str, float] = {TEXT: 1.0, THEME: 1.0, PERSON: 0.5, TARGET: 0.5, GOAL: 0.3}
MIN_DF_FROM = 50  # with fewer texts every term is kept: a small country list has few repeats


@dataclass(frozen=True)
class Features:
    matrix: Csr  # rows of unit length (or zero for a row with no term and no tag at all)
    columns: list[tuple[str, str]]  # (kind, term) of each column


def tfidf_rows(
    documents: Sequence[Sequence[str]], *, min_df: int = 1, max_df: float = 1.0, sublinear: bool = True
) -> tuple[list[tuple[list[int], list[float]]], list[str]]:
    """Unit-length TF-IDF rows (column indices, values) and the vocabulary, sorted for determinism."""
    n = len(documents)
    counts = [Counter(doc) for doc in documents]
    df: Counter[str] = Counter()
    for count in counts:
        df.update(count.keys())
    ceiling = max_df * n
    vocabulary = sorted(t for t, d in df.items() if d >= min_df and (d <= ceiling or max_df >= 1.0))
    index = {term: i for i, term in enumerate(vocabulary)}
    idf = {t: math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocabulary}
    rows: list[tuple[list[int], list[float]]] = []
    for count in counts:
        kept = sorted((index[t], c) for t, c in count.items() if t in index)
        values = [(1.0 + math.log(c) if sublinear else float(c)) * idf[vocabulary[i]] for i, c in kept]
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        rows.append(([i for i, _ in kept], [v / norm for v in values]))
    return rows, vocabulary


def build(
    texts: Sequence[Sequence[str]],
    *,
    themes: Sequence[Sequence[str]] = (),
    persons: Sequence[Sequence[str]] = (),
    targets: Sequence[Sequence[str]] = (),
    weights: dict[str, float] | None = None,
    min_df: int | None = None,
) -> Features:
    """Combined features of n texts (already tokenized) and their optional metadata lists."""
    weights = WEIGHTS | (weights or {})
    n = len(texts)
    if min_df is None:
        min_df = min_df_for(n)
    blocks: list[tuple[str, list[tuple[list[int], list[float]]], list[str]]] = []
    text_rows, text_vocabulary = tfidf_rows(texts, min_df=min_df)
    blocks.append((TEXT, text_rows, text_vocabulary))
    goals = [[str(_goal(t)) for t in row if _goal(t)] for row in targets]
    for kind, lists in ((THEME, themes), (PERSON, persons), (TARGET, targets), (GOAL, goals)):
        if weights.get(kind, 0.0) > 0 and any(lists):
            rows, vocabulary = tfidf_rows([sorted(set(items)) for items in lists], sublinear=False)
            blocks.append((kind, rows, vocabulary))
    combined: list[tuple[list[int], list[float]]] = [([], []) for _ in range(n)]
    columns: list[tuple[str, str]] = []
    for kind, rows, vocabulary in blocks:
        offset, weight = len(columns), weights[kind]
        for (cols, vals), (into_cols, into_vals) in zip(rows, combined, strict=True):
            into_cols.extend(offset + c for c in cols)
            into_vals.extend(weight * v for v in vals)
        columns.extend((kind, term) for term in vocabulary)
    return Features(matrix=Csr.from_rows(combined, len(columns)).normalized(), columns=columns)


def min_df_for(n: int) -> int:
    """Texts a term must occur in to be kept: 2 once there are ``MIN_DF_FROM`` texts, else 1."""
    return 2 if n >= MIN_DF_FROM else 1


def _goal(code: str) -> int | None:
    head = code.strip().partition(".")[0]
    return int(head) if head.isdigit() and 1 <= int(head) <= 17 else None
