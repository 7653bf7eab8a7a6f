"""Agreement between two groupings: adjusted Rand index and normalized mutual information.

Used by the quality benchmark and the tests, so that measuring tcdesk's suggestions never needs
scikit-learn. Both are computed from the contingency table and match scikit-learn's
``adjusted_rand_score`` and ``normalized_mutual_info_score`` (arithmetic mean normalisation); a test
checks that whenever scikit-learn is installed.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np


def contingency(truth: Sequence[Hashable], found: Sequence[Hashable]) -> np.ndarray:
    if len(truth) != len(found):
        raise ValueError(f"{len(truth)} true labels but {len(found)} found ones")
    _, t = np.unique(np.asarray(truth, dtype=object).astype(str), return_inverse=True)
    _, f = np.unique(np.asarray(found, dtype=object).astype(str), return_inverse=True)
    table = np.zeros((t.max(initial=-1) + 1, f.max(initial=-1) + 1))
    np.add.at(table, (t, f), 1.0)
    return table


def _pairs(x: np.ndarray) -> float:
    return float((x * (x - 1) / 2).sum())


def adjusted_rand_index(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """1 for identical groupings, about 0 for chance, negative below chance."""
    table = contingency(truth, found)
    n = table.sum()
    if n < 2:
        return 1.0
    index = _pairs(table)
    rows, cols = _pairs(table.sum(axis=1)), _pairs(table.sum(axis=0))
    expected = rows * cols / _pairs(np.array([n]))
    maximum = (rows + cols) / 2
    if maximum == expected:  # both groupings trivial (one group each, or all singletons)
        return 1.0
    return (index - expected) / (maximum - expected)


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def normalized_mutual_information(truth: Sequence[Hashable], found: Sequence[Hashable]) -> float:
    """Mutual information over the mean of the two entropies: 1 identical, 0 independent."""
    table = contingency(truth, found)
    n = table.sum()
    if n == 0:
        return 1.0
    h_truth, h_found = _entropy(table.sum(axis=1)), _entropy(table.sum(axis=0))
    if h_truth == 0 and h_found == 0:
        return 1.0
    joint = table[table > 0] / n
    outer = np.outer(table.sum(axis=1), table.sum(axis=0))[table > 0] / (n * n)
    mutual = float((joint * np.log(joint / outer)).sum())
    denominator = (h_truth + h_found) / 2
    return max(0.0, mutual / denominator) if denominator > 0 else 0.0
