"""Suggest clusters for a list of recommendations: tokens → features → LSA → spherical k-means → words.

The whole run is deterministic: items are taken in uid order whatever order they come in, the vocabulary
is sorted, and every random draw comes from one generator seeded with ``seed``. It reports progress and
checks ``cancelled`` between steps (and between k-means restarts), so the GUI can run it on a worker
thread and stop it; a cancelled run raises :class:`tcdesk.sync.errors.Cancelled` and leaves nothing behind.

Method and the measurements behind every setting: docs/performance.md, "Assisted clustering".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tcdesk.clustering import algorithms, describe, features
from tcdesk.clustering.model import Item, Suggestion
from tcdesk.clustering.sparse import Csr
from tcdesk.clustering.text import Tokenizer
from tcdesk.sync.errors import Cancelled

Progress = Callable[[float, str], None]

SEED = 20_240_601
LSA_DIMS = 50  # measured: 40-60 best on UPR Info countries, 50-150 equal on a 5,000 sample
LSA_ITEMS_PER_DIM = 8  # measured: 8 beat 4 and 6 on 150-text UPR Info samples and on three-topic lists
RESTARTS = 8
LSA_FROM = 12  # below this many items LSA has nothing to compress: cluster the TF-IDF rows directly
CHECK_EVERY = 500  # items tokenized between two looks at ``cancelled``


def lsa_dims(n: int) -> int:
    """Directions kept by LSA: ``LSA_DIMS``, fewer for a short list (one per 8 items, 2 at least), which
    would otherwise keep nearly every direction and so compress nothing (a 24-text list with three topics
    was split perfectly with 3 directions, and one text in 24 went astray with 6)."""
    return max(2, min(LSA_DIMS, n // LSA_ITEMS_PER_DIM))


def suggest(
    items: Sequence[Item],
    *,
    k: int | None = None,
    progress: Progress = lambda fraction, message: None,
    cancelled: Callable[[], bool] = lambda: False,
    seed: int = SEED,
) -> list[Suggestion]:
    """Groups covering every item exactly once, largest first; ``k`` groups, or :func:`auto_k` of them.

    Items with no usable word and no tag (e.g. a text of stop words only) form a last group of their own.
    """

    def check() -> None:
        if cancelled():
            raise Cancelled("suggesting clusters was cancelled")

    check()
    ordered = sorted(items, key=lambda item: item.uid)
    if len({item.uid for item in ordered}) != len(ordered):
        raise ValueError("two items share a uid")
    if not ordered:
        progress(1.0, "nothing to group")
        return []
    if k is not None and k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    n = len(ordered)
    wanted = min(k if k is not None else algorithms.auto_k(n), n)

    progress(0.0, f"reading {n} recommendations")
    tokenizer = Tokenizer()
    texts: list[list[str]] = []
    phrases: list[list[str]] = []
    for i, item in enumerate(ordered):
        if i % CHECK_EVERY == 0:
            check()
        terms, bridged = tokenizer.analyse(item.text)
        texts.append(terms)
        phrases.append(bridged)
    progress(0.15, "weighing words and tags")
    built = features.build(
        texts,
        themes=[item.themes for item in ordered],
        persons=[item.affected_persons for item in ordered],
        targets=[item.sdg_targets for item in ordered],
    )
    check()
    rng = np.random.default_rng(seed)
    rows: algorithms.Rows = built.matrix
    if n >= LSA_FROM:
        progress(0.25, "finding the main topics (LSA)")
        embedding = algorithms.lsa(built.matrix, lsa_dims(n), rng)
        embedding[built.matrix.row_norms() == 0] = 0.0  # rounding leaves dust where there was nothing
        rows = algorithms.Dense(embedding)
        check()

    progress(0.4, f"grouping into {wanted} clusters")
    labels, _ = algorithms.spherical_kmeans(
        rows,
        wanted,
        rng,
        restarts=RESTARTS,
        check=check,
        step=lambda done: progress(0.4 + 0.5 * done / RESTARTS, f"grouping: try {done} of {RESTARTS}"),
    )
    check()
    progress(0.9, "naming the groups")
    suggestions = _described(ordered, labels, [t + p for t, p in zip(texts, phrases, strict=True)], tokenizer)
    progress(1.0, f"{len(suggestions)} clusters suggested")
    return suggestions


def _described(items: list[Item], labels: np.ndarray, texts: list[list[str]], tokenizer: Tokenizer) -> list[Suggestion]:
    """Suggestions for the groups found, words weighed on the texts with their phrases across stop words."""
    groups = sorted({int(g) for g in labels if g >= 0})
    compact = {g: i for i, g in enumerate(groups)}
    dense = np.array([compact.get(int(g), -1) for g in labels])
    rows, text_terms = features.tfidf_rows(texts, min_df=features.min_df_for(len(texts)))
    scores, counts = describe.distinctive_terms(Csr.from_rows(rows, len(text_terms)), dense, len(groups))
    members = [[items[i] for i in np.flatnonzero(dense == g)] for g in range(len(groups))]
    # largest first; equal sizes by the smallest uid, so the order never depends on label numbers
    order = sorted(range(len(groups)), key=lambda g: (-len(members[g]), members[g][0].uid))
    taken: set[str] = set()
    out = [
        describe.describe(members[g], describe.pick_terms(scores[:, g], counts[:, g], text_terms), tokenizer, taken)
        for g in order
    ]
    leftovers = [items[i] for i in np.flatnonzero(dense < 0)]
    if leftovers:
        out.append(describe.describe(leftovers, [], tokenizer, taken))
    return out
