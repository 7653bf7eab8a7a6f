"""A minimal compressed-sparse-row matrix on numpy, because scipy is too big for the installer.

A TF-IDF matrix of 5,000 recommendations has a vocabulary of 10,000+ terms but about 40 non-zeros a row:
dense it would take hundreds of megabytes. Clustering needs only two products with a dense matrix of a
few hundred columns (X·B and Xᵀ·B, for the truncated SVD), so that is what this class does, plus the
three row helpers spherical k-means asks of any rows (``algorithms.Rows``), built on Xᵀ·B. The products are
computed from the non-zeros in row chunks, then summed per row (or per column) with a cumulative-sum
difference, which is exact for empty rows and several times faster than ``np.add.at``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

CHUNK_CELLS = 4_000_000  # non-zeros x columns per step: bounds the temporary to ~32 MB of float64


@dataclass(frozen=True)
class Csr:
    indptr: np.ndarray  # (rows + 1,) int64
    indices: np.ndarray  # (nnz,) int64, column of each non-zero
    data: np.ndarray  # (nnz,) float64
    shape: tuple[int, int]

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[Sequence[int], Sequence[float]]], columns: int) -> Csr:
        """Rows given as (column indices, values); indices within a row must be distinct."""
        lengths = np.fromiter((len(cols) for cols, _ in rows), dtype=np.int64, count=len(rows))
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.fromiter(_flat(cols for cols, _ in rows), dtype=np.int64, count=int(indptr[-1]))
        data = np.fromiter(_flat(vals for _, vals in rows), dtype=np.float64, count=int(indptr[-1]))
        return cls(indptr, indices, data, (len(rows), columns))

    @property
    def nnz(self) -> int:
        return int(self.indptr[-1])

    def row_of_each(self) -> np.ndarray:
        """The row index of every non-zero."""
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def row_norms(self) -> np.ndarray:
        return np.sqrt(_segment_sums(self.data**2, self.indptr))

    def scaled_rows(self, factors: np.ndarray) -> Csr:
        return Csr(self.indptr, self.indices, self.data * np.repeat(factors, np.diff(self.indptr)), self.shape)

    def normalized(self) -> Csr:
        """Rows scaled to unit L2 norm; all-zero rows stay zero."""
        norms = self.row_norms()
        return self.scaled_rows(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))

    def dot(self, dense: np.ndarray) -> np.ndarray:
        """self · dense, for dense of shape (columns, k)."""
        out = np.empty((self.shape[0], dense.shape[1]))
        for start, stop in self._row_chunks(dense.shape[1]):
            lo, hi = self.indptr[start], self.indptr[stop]
            products = self.data[lo:hi, None] * dense[self.indices[lo:hi]]
            out[start:stop] = _segment_sums(products, self.indptr[start : stop + 1] - lo)
        return out

    @cached_property
    def _by_column(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(column pointers, row of each non-zero, value) with the non-zeros sorted by column."""
        order = np.argsort(self.indices, kind="stable")
        colptr = np.zeros(self.shape[1] + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=self.shape[1]), out=colptr[1:])
        return colptr, self.row_of_each()[order], self.data[order]

    def t_dot(self, dense: np.ndarray) -> np.ndarray:
        """selfᵀ · dense, for dense of shape (rows, k): non-zeros taken column by column, then summed."""
        colptr, rows, data = self._by_column
        out = np.empty((self.shape[1], dense.shape[1]))
        step = max(1, CHUNK_CELLS // max(1, dense.shape[1]))
        start = 0
        while start < self.shape[1]:
            # whole columns per chunk, about ``step`` non-zeros each
            stop = int(np.searchsorted(colptr, colptr[start] + step, side="right")) - 1
            stop = min(self.shape[1], max(stop, start + 1))
            lo, hi = colptr[start], colptr[stop]
            products = data[lo:hi, None] * dense[rows[lo:hi]]
            out[start:stop] = _segment_sums(products, colptr[start : stop + 1] - lo)
            start = stop
        return out

    def rows_as_columns(self, indices: np.ndarray) -> np.ndarray:
        """The rows at ``indices`` as the columns of a dense (columns, len(indices)) matrix."""
        indices = np.asarray(indices, dtype=np.int64)
        pick = np.zeros((self.shape[0], len(indices)))
        pick[indices, np.arange(len(indices))] = 1.0
        return self.t_dot(pick)

    def group_sums(self, labels: np.ndarray, k: int) -> np.ndarray:
        """(columns, k): column g is the sum of the rows labelled g; rows labelled -1 count nowhere."""
        members = np.flatnonzero(labels >= 0)
        one_hot = np.zeros((self.shape[0], k))
        one_hot[members, labels[members]] = 1.0
        return self.t_dot(one_hot)

    def nonzero_rows(self) -> np.ndarray:
        return self.row_norms() > 0

    def _row_chunks(self, width: int) -> Iterable[tuple[int, int]]:
        step = max(1, CHUNK_CELLS // max(1, width))
        start = 0
        rows = self.shape[0]
        while start < rows:
            stop = int(np.searchsorted(self.indptr, self.indptr[start] + step, side="right")) - 1
            stop = min(rows, max(stop, start + 1))
            yield start, stop
            start = stop


def _flat(parts: Iterable[Sequence[float]]) -> Iterable[float]:
    for part in parts:
        yield from part


def _segment_sums(values: np.ndarray, pointers: np.ndarray) -> np.ndarray:
    """Sums of values[pointers[i]:pointers[i+1]] along axis 0, zero for empty segments."""
    totals = np.zeros((len(values) + 1, *values.shape[1:]))
    np.cumsum(values, axis=0, out=totals[1:])
    return totals[pointers[1:]] - totals[pointers[:-1]]
