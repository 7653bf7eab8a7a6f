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
    shape: tuple[int, int]

    def dot(self, dense: np.ndarray) -> np.ndarray: ...

    def t_dot(self, dense: np.ndarray) -> np.ndarray: ...


class Dense:
    """A dense matrix with the two products spherical k-means needs, like ``Csr``."""

    def __init__(self, values: np.ndarray):
        self.values = values
        self.shape = values.shape

    def dot(self, dense: np.ndarray) -> np.ndarray:
        return self.values @ dense

    def t_dot(self, dense: np.ndarray) -> np.ndarray:
        return self.values.T @ dense


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


def _one_hot(labels: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros((len(labels), k))
    out[np.arange(len(labels)), labels] = 1.0
    return out


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
    pick = np.zeros((rows.shape[0], 1))
    pick[index, 0] = 1.0
    return rows.dot(rows.t_dot(pick))[:, 0]


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
    live = _nonzero(rows)
    best_labels, best_score = np.full(n, -1), -np.inf
    if not live.any():
        return best_labels, 0.0
    for attempt in range(restarts):
        check()
        seeds = seed_plus_plus(rows, min(k, int(live.sum())), rng, live)
        k = len(seeds)
        centroids = unit_rows(rows.t_dot(_pick(n, seeds)).T).T  # (d, k), unit columns
        labels = np.full(n, -1)
        for _ in range(max_iter):
            similarity = rows.dot(centroids)  # (n, k)
            new = np.where(live, similarity.argmax(axis=1), -1)
            if np.array_equal(new, labels):
                break
            labels = new
            sums = rows.t_dot(_one_hot(np.where(live, labels, 0), k) * live[:, None])  # (d, k)
            empty = np.flatnonzero(np.bincount(labels[live], minlength=k) == 0)
            if len(empty):  # refill an empty group with the rows that fit their group worst
                fit = similarity[np.arange(n), np.maximum(labels, 0)] + (~live) * 10
                for group, worst in zip(empty, np.argsort(fit, kind="stable"), strict=False):
                    sums[:, group] = rows.t_dot(_pick(n, [worst]))[:, 0]
            centroids = unit_rows(sums.T).T
        score = float(rows.dot(centroids)[np.arange(n), np.maximum(labels, 0)][live].sum())
        if score > best_score + 1e-9:
            best_labels, best_score = labels, score
        step(attempt + 1)
    return best_labels, best_score


def _pick(n: int, indices) -> np.ndarray:  # type: ignore[no-untyped-def]
    out = np.zeros((n, len(indices)))
    out[np.asarray(indices), np.arange(len(indices))] = 1.0
    return out


def _nonzero(rows: Rows) -> np.ndarray:
    if isinstance(rows, Dense):
        return np.any(rows.values != 0, axis=1)
    if isinstance(rows, Csr):
        return rows.row_norms() > 0
    return np.zeros(rows.shape[0], dtype=bool)


def auto_k(n: int, *, low: int = 2, high: int = 40) -> int:
    """How many groups to suggest when the user does not say: about √(n/2), as a reader can take in.

    A country's 150-500 recommendations give 9-16 groups, close to the dozen or two thematic clusters of an
    OHCHR matrix; 5,000 give 40 (the cap).
    """
    if n <= 2:
        return max(1, n)
    return int(min(high, max(low, round((n / 2) ** 0.5))))
