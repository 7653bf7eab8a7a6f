"""Grouping unit vectors: truncated SVD (LSA) and spherical k-means, in numpy alone.

Why these: recommendation texts are short (20-40 words), so two texts on the same topic often share only
one or two words. Projecting TF-IDF onto its ~100 main directions (latent semantic analysis) lets
"execution", "death penalty" and "moratorium" count as one direction, and k-means in that space then
groups by topic rather than by a shared word. Spherical k-means (cosine similarity, centroids re-scaled to
unit length) is k-means for directions, which is what TF-IDF rows are. k-means++ seeding with several
restarts, keeping the tightest result, avoids most bad local optima; all randomness comes from one seeded
generator, so the same data always gives the same groups.

What was measured and dropped is listed in docs/performance.md ("Assisted clustering").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from tcdesk.clustering.sparse import Csr

Check = Callable[[], None]  # raises Cancelled when the user has cancelled


class Rows(Protocol):
    """What spherical k-means needs of its rows, for both the sparse TF-IDF and the dense LSA embedding."""

    shape: tuple[int, int]

    def dot(self, dense: np.ndarray) -> np.ndarray: ...

    def rows_as_columns(self, indices: np.ndarray) -> np.ndarray: ...

    def group_sums(self, labels: np.ndarray, k: int) -> np.ndarray: ...

    def nonzero_rows(self) -> np.ndarray: ...


class Dense:
    """The LSA embedding as k-means rows.

    Written without any product by an indicator matrix: the frozen app's numpy has no BLAS (26 MB of
    OpenBLAS and gfortran saved, docs/install.md), where ``values.T @ one_hot`` took 11 ms for 5,000 x 50 rows; the
    sorted ``add.reduceat`` below takes 0.3 ms, with or without BLAS.
    """

    def __init__(self, values: np.ndarray):
        self.values = values
        self.shape = values.shape

    def dot(self, dense: np.ndarray) -> np.ndarray:
        return self.values @ dense

    def rows_as_columns(self, indices: np.ndarray) -> np.ndarray:
        """The rows at ``indices`` as the columns of a (d, len(indices)) matrix."""
        return self.values[np.asarray(indices, dtype=np.int64)].T

    def group_sums(self, labels: np.ndarray, k: int) -> np.ndarray:
        """(d, k): column g is the sum of the rows labelled g; rows labelled -1 count nowhere."""
        out = np.zeros((k, self.shape[1]))
        members = np.flatnonzero(labels >= 0)
        if len(members):
            order = members[np.argsort(labels[members], kind="stable")]
            counts = np.bincount(labels[members], minlength=k)
            present = np.flatnonzero(counts)
            starts = np.concatenate(([0], np.cumsum(counts)))[present]
            out[present] = np.add.reduceat(self.values[order], starts, axis=0)
        return out.T

    def nonzero_rows(self) -> np.ndarray:
        return np.any(self.values != 0, axis=1)


def lsa(matrix: Csr, dims: int, rng: np.random.Generator, *, power_iterations: int = 3) -> np.ndarray:
    """Rows projected on the top ``dims`` singular directions (U·Σ), then scaled to unit length.

    Randomized range finder (Halko, Martinsson and Tropp 2011) with a few power iterations: only products
    with the sparse matrix are needed, so 5,000 × 10,000 TF-IDF takes a fraction of a second.
    """
    n, v = matrix.shape
    dims = max(1, min(dims, n - 1, v - 1))
    width = min(dims + 10, n, v)
    sample = matrix.dot(rng.standard_normal((v, width)))
    basis, _ = np.linalg.qr(sample)
    for _ in range(power_iterations):
        back, _ = np.linalg.qr(matrix.t_dot(basis))
        basis, _ = np.linalg.qr(matrix.dot(back))
    small = matrix.t_dot(basis).T  # (width, v) = basisᵀ · matrix
    u_small, singular, _ = np.linalg.svd(small, full_matrices=False)
    embedding = (basis @ u_small[:, :dims]) * singular[:dims]
    return unit_rows(embedding)


def unit_rows(values: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(values, axis=1, keepdims=True)
    return np.divide(values, norms, out=np.zeros_like(values), where=norms > 0)


def seed_plus_plus(rows: Rows, k: int, rng: np.random.Generator, live: np.ndarray) -> np.ndarray:
    """k-means++ seeds (indices of rows) with cosine distance 1 - similarity; zero rows are never seeds."""
    candidates = np.flatnonzero(live)
    first = candidates[rng.integers(len(candidates))]
    seeds = [first]
    best = _similarity_to(rows, first)
    for _ in range(1, k):
        distance = np.clip(1.0 - best, 0.0, None) * live
        total = distance.sum()
        if total <= 0:  # every live row already sits on a seed: take any unused one
            unused = np.setdiff1d(candidates, seeds)
            if not len(unused):
                break
            chosen = int(unused[rng.integers(len(unused))])
        else:
            chosen = int(np.searchsorted(np.cumsum(distance), rng.random() * total, side="right"))
            chosen = min(chosen, len(distance) - 1)
        seeds.append(chosen)
        best = np.maximum(best, _similarity_to(rows, chosen))
    return np.array(seeds)


def _similarity_to(rows: Rows, index: int) -> np.ndarray:
    return rows.dot(rows.rows_as_columns(np.array([index])))[:, 0]


def spherical_kmeans(
    rows: Rows,
    k: int,
    rng: np.random.Generator,
    *,
    restarts: int = 8,
    max_iter: int = 60,
    check: Check = lambda: None,
    step: Callable[[int], None] = lambda done: None,
) -> tuple[np.ndarray, float]:
    """(labels, total cosine similarity to the own centroid) of the best of ``restarts`` runs.

    Rows must have unit length or be zero; zero rows (texts with no known term) get label -1.
    """
    n = rows.shape[0]
    live = rows.nonzero_rows()
    best_labels, best_score = np.full(n, -1), -np.inf
    if not live.any():
        return best_labels, 0.0
    for attempt in range(restarts):
        check()
        seeds = seed_plus_plus(rows, min(k, int(live.sum())), rng, live)
        k = len(seeds)
        centroids = unit_rows(rows.rows_as_columns(seeds).T).T  # (d, k), unit columns
        labels = np.full(n, -1)
        similarity = rows.dot(centroids)  # (n, k), always that of the current centroids
        for _ in range(max_iter):
            new = np.where(live, similarity.argmax(axis=1), -1)
            if np.array_equal(new, labels):
                break
            labels = new
            sums = rows.group_sums(labels, k)  # (d, k)
            empty = np.flatnonzero(np.bincount(labels[live], minlength=k) == 0)
            if len(empty):  # refill an empty group with the rows that fit their group worst
                fit = similarity[np.arange(n), np.maximum(labels, 0)] + (~live) * 10
                worst = np.argsort(fit, kind="stable")[: len(empty)]
                sums[:, empty[: len(worst)]] = rows.rows_as_columns(worst)
            centroids = unit_rows(sums.T).T
            similarity = rows.dot(centroids)
        score = float(similarity[np.arange(n), np.maximum(labels, 0)][live].sum())
        if score > best_score + 1e-9:
            best_labels, best_score = labels, score
        step(attempt + 1)
    return best_labels, best_score


def auto_k(n: int, *, low: int = 2, high: int = 40) -> int:
    """How many groups to suggest when the user does not say: about √(n/2), as a reader can take in.

    A country's 150-500 recommendations give 9-16 groups, close to the dozen or two thematic clusters of an
    OHCHR matrix; 5,000 give 40 (the cap).
    """
    if n <= 2:
        return max(1, n)
    return int(min(high, max(low, round((n / 2) ** 0.5))))
