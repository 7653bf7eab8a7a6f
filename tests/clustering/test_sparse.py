"""The CSR products agree with dense numpy, empty rows and columns included; k-means sees both kinds alike."""

from __future__ import annotations

import numpy as np

from tcdesk.clustering import sparse
from tcdesk.clustering.algorithms import Dense
from tcdesk.clustering.sparse import Csr


def _random(rng, rows=40, columns=30, density=0.15):
    dense = rng.random((rows, columns)) * (rng.random((rows, columns)) < density)
    dense[3] = 0.0  # an empty row
    dense[:, 5] = 0.0  # an empty column
    entries = [(list(np.flatnonzero(row)), list(row[np.flatnonzero(row)])) for row in dense]
    return dense, Csr.from_rows(entries, columns)


def test_products_match_dense(monkeypatch):
    rng = np.random.default_rng(1)
    dense, matrix = _random(rng)
    right = rng.standard_normal((30, 7))
    left = rng.standard_normal((40, 7))
    np.testing.assert_allclose(matrix.dot(right), dense @ right, atol=1e-12)
    np.testing.assert_allclose(matrix.t_dot(left), dense.T @ left, atol=1e-12)
    monkeypatch.setattr(sparse, "CHUNK_CELLS", 20)  # many small chunks give the same answer
    fresh = Csr(matrix.indptr, matrix.indices, matrix.data, matrix.shape)
    np.testing.assert_allclose(fresh.dot(right), dense @ right, atol=1e-12)
    np.testing.assert_allclose(fresh.t_dot(left), dense.T @ left, atol=1e-12)


def test_normalized_rows_have_unit_length_and_zero_rows_stay_zero():
    _, matrix = _random(np.random.default_rng(2))
    norms = matrix.normalized().row_norms()
    assert norms[3] == 0.0
    np.testing.assert_allclose(np.delete(norms, 3), 1.0)


def test_sparse_and_dense_rows_give_k_means_the_same_group_sums_and_picks():
    """k-means sees the TF-IDF rows (Csr) or the LSA embedding (Dense) through the same three helpers."""
    rng = np.random.default_rng(3)
    dense, matrix = _random(rng)
    labels = rng.integers(-1, 6, size=40)  # -1: rows in no group
    labels[labels == 4] = 5  # group 4 empty
    expected = np.zeros((30, 7))
    for row, group in enumerate(labels):
        if group >= 0:
            expected[:, group] += dense[row]
    picks = np.array([7, 3, 7, 0])
    for rows in (matrix, Dense(dense)):
        np.testing.assert_allclose(rows.group_sums(labels, 7), expected, atol=1e-12)
        np.testing.assert_allclose(rows.rows_as_columns(picks), dense[picks].T, atol=1e-12)
        assert rows.nonzero_rows().tolist() == (np.abs(dense).sum(axis=1) > 0).tolist()
    none = np.full(40, -1)
    assert not Dense(dense).group_sums(none, 3).any() and not matrix.group_sums(none, 3).any()
