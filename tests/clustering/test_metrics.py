"""ARI and NMI of our own, checked on known cases and against scikit-learn when it is installed."""

from __future__ import annotations

import numpy as np
import pytest

from tcdesk.clustering.metrics import adjusted_rand_index, normalized_mutual_information


def test_identical_groupings_score_one_whatever_the_names():
    truth = ["a", "a", "b", "b", "c"]
    found = [2, 2, 0, 0, 1]
    assert adjusted_rand_index(truth, found) == pytest.approx(1.0)
    assert normalized_mutual_information(truth, found) == pytest.approx(1.0)


def test_a_known_value():
    # scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714...
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx(0.571428571)
    assert normalized_mutual_information([0, 0, 1, 1], [1, 1, 0, 0]) == pytest.approx(1.0)


def test_independent_groupings_score_about_zero():
    rng = np.random.default_rng(0)
    truth, found = rng.integers(0, 5, 5000), rng.integers(0, 5, 5000)
    assert abs(adjusted_rand_index(truth, found)) < 0.01
    assert normalized_mutual_information(truth, found) < 0.01


def test_matches_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics", reason="scikit-learn is a benchmark-only tool (extra 'bench')")
    rng = np.random.default_rng(3)
    for size, groups in ((10, 3), (200, 8), (1000, 40)):
        truth, found = rng.integers(0, groups, size), rng.integers(0, groups + 2, size)
        found[: size // 2] = truth[: size // 2]  # half agree, so the scores are far from 0 and 1
        assert adjusted_rand_index(truth, found) == pytest.approx(metrics.adjusted_rand_score(truth, found))
        assert normalized_mutual_information(truth, found) == pytest.approx(
            metrics.normalized_mutual_info_score(truth, found)
        )
