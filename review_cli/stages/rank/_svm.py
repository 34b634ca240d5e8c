"""LinearSVC's model, solved in the kernel space and warm-started from the previous decision.

scikit-learn's `LinearSVC` (liblinear, squared hinge, `intercept_scaling=1`) minimises
    1/2 |w|^2 + sum_i C s_i max(0, 1 - y_i f(x_i))^2,   f(x) = w . [x, 1],
the intercept being a regularised constant feature. At the optimum w = sum_i beta_i [x_i, 1],
and with the active set A = {i : y_i f(x_i) < 1},
    (K_AA + D_A) beta_A = y_A,   D = diag(1 / (2 C s_i)),   beta = 0 outside A,
with the linear kernel K_ij = x_i . x_j + 1 (Keerthi & DeCoste 2005, finite Newton). Each
decision adds one row to K; the class weights move a little; the active set barely changes. So
instead of a fit from scratch, the previous beta is the starting point of a few conjugate
gradient steps (Jacobi preconditioned) on the new system, and the active set is iterated until it
is stable. The result is the same optimum liblinear approximates (to the solver tolerances).

Kept up to date per decision: the Gram matrix of the labelled records (m x m) and, while they fit
in COLUMN_CACHE_BYTES, the products X . x_i of every record with each labelled one (m x n), so
scoring every record is one dense product. The state is a pure function of the labels in
decision order: when the labels given are not an extension of the previous call's, the same
steps are replayed from scratch, so results never depend on the call history.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

COLUMN_CACHE_BYTES = 256 * 2**20
COLUMNS_UP_TO = 20_000
COMPACT_FROM = 256  # kept products of fewer records are never compacted
TOLERANCE = 1e-4  # conjugate gradients stop at |residual| <= TOLERANCE * |y_A|
MAX_NEWTON = 25  # active-set iterations before falling back to liblinear for that decision
MAX_CG = 400


BLOCK_ROWS = 8192


def _f64(X: Any) -> Any:
    import numpy as np

    return X if X.dtype == np.float64 else X.astype(np.float64)


class KernelSVM:
    """Squared-hinge L2 SVM on TF-IDF rows, retrained exactly after each label.

    `ratio`: relevant records weigh `ratio` times the irrelevant ones in total (ASReview's
    `Balanced`), weights rescaled to sum to the number of labels when `normalise`.
    """

    def __init__(
        self, X: Any, C: float, ratio: float, normalise: bool = True, pseudo: Any = ()
    ) -> None:
        import numpy as np

        self.pseudo = [(int(i), 0) for i in pseudo]
        # Kept in its own (single) precision, shared with the ranker: products take slices of it
        # to float64, which gives the same numbers as a float64 copy of the whole matrix
        # without its memory (at 100,000 records, the copies and their transposes were GBs).
        self.X = X
        self.C = C
        self.ratio = ratio
        self.normalise = normalise
        self.n = X.shape[0]
        self.sq_norms = np.concatenate([
            np.asarray(part.multiply(part).sum(axis=1), dtype=np.float64).ravel()
            for part in self._blocks()
        ]) if self.n else np.zeros(0)
        # Kept products: scoring is then a dense product over the unlabelled records. Beyond
        # COLUMNS_UP_TO records, computing them costs more than scoring from the sparse rows.
        self.max_columns = (
            COLUMN_CACHE_BYTES // (4 * max(1, self.n)) if self.n <= COLUMNS_UP_TO else 0
        )
        self.XT: Any = None
        self.compact_from = COMPACT_FROM
        self.cg_steps = 0
        self.fallbacks = 0  # decisions where the active set did not settle (liblinear used)
        self._reset()

    def _blocks(self) -> Any:
        """The rows of X in float64, a block at a time (bounded memory, same products).

        Each block is made on slices of X's own arrays: only its values are converted. A row
        slice of the matrix (`X[lo:hi]`) copies the indices too, which at 100,000 records cost
        more than the product itself (scoring is one pass over every block at each decision)."""
        import numpy as np
        import scipy.sparse as sp

        X = self.X
        for lo in range(0, self.n, BLOCK_ROWS):
            hi = min(lo + BLOCK_ROWS, self.n)
            a, b = int(X.indptr[lo]), int(X.indptr[hi])
            yield sp.csr_matrix(
                (X.data[a:b].astype(np.float64), X.indices[a:b], X.indptr[lo : hi + 1] - a),
                shape=(hi - lo, X.shape[1]),
            )

    def _reset(self) -> None:
        import numpy as np

        self.keys: list[int] = []
        self.ys: list[int] = []
        # x_i . x_j + 1 of the labelled records, single precision: the products with it dominate
        # the time and the solution only needs to rank records, not 15 exact digits
        self.G = np.zeros((64, 64), dtype=np.float32)
        self.key_array = np.zeros(64, dtype=np.int64)
        self.labelled = np.zeros(self.n, dtype=bool)
        self.live = np.arange(self.n)  # the records whose products are kept in `columns`
        self.columns = np.zeros((0, self.n), dtype=np.float32)  # [j, k]: x_keys[j] . x_live[k]
        self.beta = np.zeros(64)
        self.t = np.zeros(64)  # +1 relevant, -1 irrelevant
        self.n_pos = 0
        self.f = np.zeros(64)  # f(x_i) = (G beta)_i of the labelled records
        self.liblinear: Any = None  # scores of this decision, when the fallback was used

    # --- bookkeeping -----------------------------------------------------------------------
    def _column(self, i: int) -> Any:
        """X . x_i over every record: the postings of x_i's terms, summed (no scipy overhead
        for a single row, which would cost more than the product itself)."""
        import numpy as np

        if self.XT is None:
            self.XT = self.X.T.tocsr()
        X, XT = self.X, self.XT
        terms = X.indices[X.indptr[i] : X.indptr[i + 1]]
        weights = X.data[X.indptr[i] : X.indptr[i + 1]].astype(np.float64)
        starts, lengths = XT.indptr[terms], XT.indptr[terms + 1] - XT.indptr[terms]
        total = int(lengths.sum())
        if not total:
            return np.zeros(self.n)
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        return np.bincount(
            XT.indices[offsets],
            weights=XT.data[offsets].astype(np.float64) * np.repeat(weights, lengths),
            minlength=self.n,
        )

    def _grow(self, m: int) -> None:
        import numpy as np

        if m < self.G.shape[0]:
            return
        size = 2 * self.G.shape[0]
        G = np.zeros((size, size), dtype=np.float32)
        G[:m, :m] = self.G[:m, :m]
        self.G = G
        self.key_array = np.concatenate(
            [self.key_array, np.zeros(size - len(self.key_array), dtype=np.int64)]
        )
        self.beta = np.concatenate([self.beta, np.zeros(size - len(self.beta))])
        self.t = np.concatenate([self.t, np.zeros(size - len(self.t))])
        self.f = np.concatenate([self.f, np.zeros(size - len(self.f))])

    def _append(self, i: int, y: int) -> None:
        import numpy as np

        m = len(self.keys)
        self._grow(m)
        if self.max_columns:
            col = self._column(i)
            row = col[self.key_array[:m]]
        else:  # too many records to keep their products: the new Gram row alone
            row = (
                (_f64(self.X[self.keys]) @ _f64(self.X[i]).T).toarray().ravel() if m
                else np.zeros(0)
            )
        if m < self.max_columns:
            if m == self.columns.shape[0]:
                more = np.zeros(
                    (min(self.max_columns, max(64, 2 * m)), len(self.live)), dtype=np.float32
                )
                more[:m] = self.columns[:m]
                self.columns = more
            self.columns[m] = col[self.live]
        self.G[m, :m] = row + 1.0
        self.G[:m, m] = row + 1.0
        self.G[m, m] = self.sq_norms[i] + 1.0
        self.beta[m] = 0.0  # so f of the new record is w . x_m
        self.f[m] = float(self.G[m, :m].astype(np.float64) @ self.beta[:m]) if m else 0.0
        self.key_array[m] = i
        self.t[m] = 1.0 if y else -1.0
        self.n_pos += 1 if y else 0
        self.labelled[i] = True
        self.keys.append(i)
        self.ys.append(y)
        self._compact()

    def _compact(self) -> None:
        """Drop the columns of labelled records once they are half of those kept: nobody asks
        for their scores (f holds them), and late in a screening most records are labelled."""
        m = len(self.keys)
        keep = ~self.labelled[self.live]
        if len(self.live) < self.compact_from or 2 * int(keep.sum()) > len(self.live):
            return
        self.live = self.live[keep]
        if m <= self.max_columns:
            self.columns = self.columns[:m, keep].copy()

    def _d(self) -> Any:
        """1 / (2 C s_i) for the labelled records, s the class weights."""
        import numpy as np

        m, pos = len(self.keys), self.n_pos
        neg = m - pos
        if not pos or not neg:
            return np.full(m, 1 / (2 * self.C))
        w_pos, w_neg = self.ratio * m / (2.0 * pos), m / (2.0 * neg)
        if self.normalise:
            scale = m / (w_pos * pos + w_neg * neg)
            w_pos, w_neg = w_pos * scale, w_neg * scale
        return np.where(self.t[:m] > 0, 1 / (2 * self.C * w_pos), 1 / (2 * self.C * w_neg))

    # --- the solver ------------------------------------------------------------------------
    def _solve(self) -> bool:
        """Bring beta to the optimum for the current labels; False if the active set cycles."""
        import numpy as np

        m = len(self.keys)
        G = self.G[:m, :m]
        beta, f = self.beta[:m], self.f[:m]
        t = self.t[:m]
        D = self._d()
        diag = np.diagonal(G).astype(np.float64) + D
        for _ in range(MAX_NEWTON):
            active = t * f < 1
            dropped = ~active & (beta != 0)
            if dropped.any():  # leaving the active set: beta_i = 0
                f -= G[:, dropped].astype(np.float64) @ beta[dropped]
                beta[dropped] = 0.0
            r = np.where(active, t - f - D * beta, 0.0)
            limit = TOLERANCE * np.sqrt(active.sum())
            # Preconditioner: the diagonal plus the constant feature's all-ones block (inverted
            # with Sherman-Morrison), the one large eigenvalue plain Jacobi leaves to the CG.
            a = np.where(active, 1.0 / (diag - 1.0), 0.0)
            a_norm = a / (1.0 + a.sum())
            p, rz_old = np.zeros(m), 0.0
            for _ in range(MAX_CG):
                if np.sqrt(r @ r) <= limit:
                    break
                z = a * r - a_norm * (a @ r)
                rz = r @ z
                p = z + (rz / rz_old) * p if rz_old else z
                q = (G @ p.astype(np.float32)).astype(np.float64)
                qa = np.where(active, q + D * p, 0.0)
                alpha = rz / (p @ qa)
                beta += alpha * p
                f += alpha * q
                r -= alpha * qa
                rz_old = rz
                self.cg_steps += 1
            if np.array_equal(t * f < 1, active):
                return True
        return False

    def fit(self, labels: Mapping[int, int]) -> None:
        keys = [i for i, _ in self.pseudo] + list(labels)
        ys = [0] * len(self.pseudo) + list(labels.values())
        m = len(self.keys)
        if len(keys) < m or keys[:m] != self.keys or ys[:m] != self.ys:
            self._reset()
            m = 0
        for i, y in zip(keys[m:], ys[m:], strict=True):
            self._append(int(i), int(y))
            self.liblinear = None
            if 0 < self.n_pos < len(self.keys) and not self._solve():
                self.fallbacks += 1
                self.liblinear = True

    @property
    def both_classes(self) -> bool:
        """At least one relevant and one irrelevant label (presumed irrelevant ones aside)."""
        return 0 < self.n_pos < len(self.keys) - len(self.pseudo)

    def scores(self) -> Any:
        """Decision values of every record (those of labelled records from the solver's f)."""
        import numpy as np

        m = len(self.keys)
        if self.liblinear is not None:
            return self._liblinear()
        beta = self.beta[:m]
        if m <= self.max_columns:
            out = np.empty(self.n)
            out[self.live] = beta.astype(np.float32) @ self.columns[:m]
            out[self.live] += float(beta.sum())
            out[self.key_array[:m]] = self.f[:m]
            return out
        w = _f64(self.X[self.keys]).T @ beta
        out = np.concatenate([np.asarray(part @ w).ravel() for part in self._blocks()])
        return out + float(beta.sum())

    def _liblinear(self) -> Any:
        import numpy as np
        from sklearn.svm import LinearSVC

        y = np.asarray(self.ys)
        D = self._d()
        clf = LinearSVC(C=self.C, random_state=0, dual="auto", max_iter=5000)
        X = _f64(self.X)
        clf.fit(X[self.keys], y, sample_weight=1 / (2 * self.C * D))
        return np.asarray(clf.decision_function(X), dtype=np.float64)
