"""Regularised least squares in its dual form, updated in O(n^2) per decision.

Minimises sum_i d_i (y_i - f(x_i))^2 + lam * |w|^2 with f(x) = w . [x, sqrt(c)], y = +-1 and a
fixed weight d per class. In the dual, alpha = (K + lam D^-1)^-1 y with the linear kernel
K_ij = x_i . x_j + c, and f(x) = sum_i alpha_i (x . x_i + c). Appending one labelled record
appends one row to the Cholesky factor of K + lam D^-1 (a triangular solve), so a retrain after
each decision costs O(n^2) for n labelled records instead of a fit from scratch, plus one
sparse product to score every record.

The factor is a pure function of the labels in decision order: the same sequence of appends is
replayed from scratch whenever the labels are not an extension of the previous call's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REWEIGHT = 1.25  # rebuild with new class weights when the balance drifts by this factor
COLUMN_CACHE_BYTES = 256 * 2**20  # keep X . x_i for every labelled i while it fits in this


class DualRidge:
    """With `balanced`, relevant records weigh `ratio` * irrelevant / relevant (irrelevant: 1),
    so both classes count `ratio`:1 in total. Those weights change with every decision; they are
    refreshed (and the factor rebuilt from scratch) only when they drift by more than REWEIGHT,
    at points that depend on the label sequence alone, so the result stays a pure function of
    it. Without `balanced`, a relevant record weighs `ratio`.
    """

    def __init__(self, X: Any, lam: float, ratio: float, bias: float, balanced: bool = True, pseudo: Any = ()) -> None:
        import numpy as np

        # records presumed irrelevant (a fixed seeded sample), always first in the factor
        self.pseudo = [(int(i), 0) for i in pseudo]
        self.X = X
        self.lam = lam
        self.ratio = ratio
        self.bias = bias
        self.balanced = balanced
        self.sq_norms = np.asarray(X.multiply(X).sum(axis=1), dtype=np.float64).ravel()
        self.X64 = X.astype(np.float64)
        # Columns X . x_i of the labelled records: the kernel row of a new record is a lookup and
        # scoring every record is one dense product. Too big for very large sets: then sparse.
        self.max_columns = COLUMN_CACHE_BYTES // (8 * max(1, X.shape[0]))
        self.XT: Any = None
        self._reset()

    def _reset(self) -> None:
        import numpy as np

        self.keys: list[int] = []
        self.ys: list[int] = []
        self.L = np.zeros((64, 64))
        self.columns = np.zeros((0, self.X.shape[0]))  # row j: X . x_keys[j] (contiguous)
        self.counts = [0, 0]
        self.pos_weight = self.ratio if not self.balanced else 0.0

    def _scan(self, y: int) -> bool:
        """Count one more label; True when the class weights must be refreshed."""
        self.counts[y] += 1
        if not self.balanced or not (self.counts[0] and self.counts[1]):
            return False
        target = self.ratio * self.counts[0] / self.counts[1]
        if self.pos_weight and 1 / REWEIGHT < target / self.pos_weight < REWEIGHT:
            return False
        self.pos_weight = target
        return True

    def _columns(self, idx: list[int]) -> Any:
        """Rows X . x_i for the records `idx`: one sparse product, computed row by row the same
        way for one record or many, so a replay gives the very same numbers as the updates."""
        if self.XT is None:
            self.XT = self.X64.T.tocsr()
        return (self.X64[idx] @ self.XT).toarray()

    def _append(self, i: int, y: int, gram_row: Any = None, column: Any = None) -> None:
        import numpy as np
        from scipy.linalg import solve_triangular

        n = len(self.keys)
        if n == self.L.shape[0]:
            grown = np.zeros((2 * n, 2 * n))
            grown[:n, :n] = self.L[:n, :n]
            self.L = grown
        if n < self.max_columns:
            if n == self.columns.shape[0]:
                more = np.zeros((min(self.max_columns, max(64, 2 * n)), self.columns.shape[1]))
                more[:n] = self.columns[:n]
                self.columns = more
            self.columns[n] = column if column is not None else self._columns([i])[0]
            gram_row = self.columns[:n, i]
        d = (self.pos_weight or 1.0) if y else 1.0
        diag = self.sq_norms[i] + self.bias + self.lam / d
        if n:
            if gram_row is None:
                gram_row = np.asarray((self.X64[self.keys] @ self.X64[i].T).toarray()).ravel()
            k = gram_row + self.bias
            row = solve_triangular(self.L[:n, :n], k, lower=True, check_finite=False)
            self.L[n, :n] = row
            diag -= float(row @ row)
        self.L[n, n] = np.sqrt(max(diag, 1e-12))
        self.keys.append(i)
        self.ys.append(y)

    def fit(self, labels: Mapping[int, int]) -> None:
        items = self.pseudo + [(int(k), int(v)) for k, v in labels.items()]
        n = len(self.keys)
        if len(items) < n or [k for k, _ in items[:n]] != self.keys or [v for _, v in items[:n]] != self.ys:
            self._reset()
            n = 0
        rebuild = False
        for _, y in items[n:]:
            rebuild |= self._scan(y)
        if rebuild:  # new class weights: replay every append with them
            self.keys, self.ys = [], []
            n = 0
        new = items[n:]
        if len(new) > 8 and len(items) > self.max_columns:  # replaying: one product for all rows
            idx = [i for i, _ in items]
            gram = (self.X64[idx] @ self.X64[idx].T).toarray()
            for j in range(n, len(items)):
                self._append(items[j][0], items[j][1], gram[j, :j])
            return
        step = 64  # replaying many: their columns in blocks of one product each
        for start in range(0, len(new), step if len(new) > 8 else len(new) or 1):
            chunk = new[start : start + step] if len(new) > 8 else new
            cols = self._columns([i for i, _ in chunk]) if len(new) > 8 and n + start < self.max_columns else None
            for j, (i, y) in enumerate(chunk):
                self._append(i, y, column=None if cols is None else cols[j])

    def scores(self) -> Any:
        import numpy as np
        from scipy.linalg import solve_triangular

        n = len(self.keys)
        L = self.L[:n, :n]
        t = np.where(np.asarray(self.ys) == 1, 1.0, -1.0)
        alpha = solve_triangular(L.T, solve_triangular(L, t, lower=True, check_finite=False), lower=False, check_finite=False)
        if n <= self.max_columns:
            return alpha @ self.columns[:n] + self.bias * float(alpha.sum())
        w = self.X64[self.keys].T @ alpha
        return np.asarray(self.X64 @ w).ravel() + self.bias * float(alpha.sum())
