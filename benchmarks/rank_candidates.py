"""Ranking candidates that a ModelSpec cannot express (benchmarks/rank_select.py), none adopted.

Each is a Ranker subclass handed to `simulate.run(..., ranker=...)`, so the replay, the priors,
the seeded shuffle (random phase, tie-breaks) and the metrics are the package's own; only how
the next record is chosen differs.

- FusionRanker: rank fusion of the default kernel SVM (`fast-svm`) with scikit-learn models on
  the same TF-IDF matrix. Every member is retrained on the same labels at every decision; each
  ranks the unlabelled records (ties in the session's shuffle order), and the next record is
  the top of the fused order: the lowest mean normalised rank (`borda`) or the highest
  reciprocal-rank sum 1 / (k + rank) (`rrf`).
- QueryRanker: the default model with query-time choices: the weight of relevant records as a
  function of the number of labels (a schedule instead of the fixed 9.8), or, after a run of
  `after` irrelevant decisions in a row, one decision in `every` taking the unlabelled record
  nearest the SVM's boundary (uncertainty sampling) instead of the most likely relevant one.
- char_block: a char_wb 3-5-gram TF-IDF of the texts (sublinear tf, fitted on the set itself,
  rows L2-normalised), appended to the word features like the dense blocks of rank_dense.py;
  CHAR_BLOCKS: its variants (3-grams only, pruned vocabularies, titles only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from review_cli.stages.rank import MODEL_SPECS, ModelSpec, Ranker, _weights

# The members' settings are the package's `logreg` (C 10, classes balanced) and `nb` (complement
# naive Bayes, alpha 1, unweighted) specs, on the matrix the candidate is given (fast-svm's
# TF-IDF). Logistic regression is solved in liblinear's dual (the same optimum, to its
# tolerance: 4x faster with fewer labels than terms; the primal made one replay take minutes).
# At C 10 the dual sometimes stops at liblinear's 100 iterations (not converged), silently.
LOGREG_C = MODEL_SPECS["logreg"].C
CNB_ALPHA = MODEL_SPECS["nb"].C


class FusionRanker(Ranker):
    def __init__(
        self, texts: Sequence[str], seed: int, model: ModelSpec, *, matrix: Any,
        members: Sequence[str], fusion: str = "borda", k: float = 60.0,
        alpha: float = CNB_ALPHA,
    ) -> None:
        super().__init__(texts, seed, model, matrix=matrix)
        self.members = tuple(members)
        self.fusion = fusion
        self.k = k
        self.alpha = alpha

    def scores(self, labels: Mapping[int, int]) -> Any | None:
        import numpy as np

        if not labels:
            return None
        outs = [super().scores(labels)] if "svm" in self.members else []
        if any(o is None for o in outs):
            return None
        idx = np.fromiter(labels.keys(), dtype=np.int64, count=len(labels))
        y = np.fromiter(labels.values(), dtype=np.int64, count=len(labels))
        if y.min() == y.max():
            return None
        sort = np.argsort(idx, kind="stable")  # as Ranker.scores: order-free training rows
        idx, y = idx[sort], y[sort]
        with self._one_blas_thread():
            outs += [self._member(m, idx, y) for m in self.members if m != "svm"]
        unl = np.ones(self.n, dtype=bool)
        unl[np.fromiter(labels.keys(), dtype=np.int64, count=len(labels))] = False
        cand = self._shuffle[unl[self._shuffle]]  # unlabelled, in shuffle order
        u = len(cand)
        fused = np.zeros(u)
        for o in outs:
            order = np.argsort(-o[cand], kind="stable")  # ties: shuffle order
            rank = np.empty(u)
            rank[order] = np.arange(u)
            fused += -rank / u if self.fusion == "borda" else 1.0 / (self.k + rank + 1.0)
        out = np.full(self.n, -np.inf)
        out[cand] = fused
        return out

    def _member(self, name: str, idx: Any, y: Any) -> Any:
        import numpy as np

        if name == "logreg":
            import warnings

            from sklearn.exceptions import ConvergenceWarning
            from sklearn.linear_model import LogisticRegression

            lr = LogisticRegression(C=LOGREG_C, solver="liblinear", dual=True, random_state=0)
            with warnings.catch_warnings():  # some decisions stop at liblinear's 100 iterations
                warnings.simplefilter("ignore", ConvergenceWarning)
                lr.fit(self.X[idx], y, sample_weight=_weights(y))
            return np.asarray(lr.decision_function(self.X), dtype=np.float64).ravel()
        from sklearn.naive_bayes import ComplementNB

        nb = ComplementNB(alpha=self.alpha).fit(self.X[idx], y)
        p = nb.predict_log_proba(self.X)
        return np.asarray(p[:, 1] - p[:, 0], dtype=np.float64)


def decay(low: float, start: int = 100) -> Callable[[int], float]:
    """9.8 up to `start` labels, then falling as 1/sqrt(labels) down to `low`."""
    return lambda m: 9.8 if m <= start else max(low, 9.8 * (start / m) ** 0.5)


def grow(high: float, start: int = 100) -> Callable[[int], float]:
    """9.8 up to `start` labels, then rising as sqrt(labels) up to `high`."""
    return lambda m: 9.8 if m <= start else min(high, 9.8 * (m / start) ** 0.5)


class QueryRanker(Ranker):
    def __init__(
        self, texts: Sequence[str], seed: int, model: ModelSpec, *, matrix: Any,
        ratio: Callable[[int], float] | None = None, after: int = 0, every: int = 10,
    ) -> None:
        super().__init__(texts, seed, model, matrix=matrix)
        self.ratio = ratio
        self.after = after
        self.every = every
        self._counted = (0, 0)  # (labels seen, irrelevant decisions in a row at the end)

    def _kernel_svm(self, labels: Mapping[int, int]) -> Any | None:
        # the first call (the priors) creates the solver with the spec's 9.8 = ratio(2)
        if self.ratio is not None and self._kernel is not None:
            self._kernel.ratio = self.ratio(len(labels))
        return super()._kernel_svm(labels)

    def _run_of_irrelevant(self, labels: Mapping[int, int]) -> int:
        seen, run = self._counted
        if len(labels) == seen + 1:
            run = run + 1 if next(reversed(labels.values())) == 0 else 0
        elif len(labels) != seen:
            run = 0
            for y in reversed(list(labels.values())):
                if y:
                    break
                run += 1
        self._counted = (len(labels), run)
        return run

    def next_record(self, labels: Mapping[int, int], unlabelled: Any) -> int:
        import numpy as np

        if self.after:
            run = self._run_of_irrelevant(labels)
            if run >= self.after and (run - self.after) % self.every == 0:
                scores = self.scores(labels)
                if scores is not None:
                    cand = self._shuffle[unlabelled[self._shuffle]]
                    return int(cand[int(np.argmin(np.abs(scores[cand])))])
        return super().next_record(labels, unlabelled)


# Character n-gram blocks, by the block kind rank_select names them with: the TfidfVectorizer
# settings and the field they are made of ("text": title and abstract, "title": the title alone).
# "char" is round 2's block; the others are round 3's cheaper (or lighter) variants. The kernel
# solver's cost per labelled record is the sum of its n-grams' document frequencies (`postings`,
# which rank_select prints when it builds a block): min_df and max_features drop rare n-grams
# and barely change it; max_df drops the common ones, which make it.
CHAR_BLOCKS: dict[str, dict[str, Any]] = {
    "char": {},
    "char3": {"ngram_range": (3, 3)},
    "char-df3": {"min_df": 3, "max_features": 2**16},
    "char-maxdf0.1": {"max_df": 0.1},
    "chartitle": {"field": "title"},
}


def char_block(
    texts: Sequence[str], ngram_range: tuple[int, int] = (3, 5), min_df: int = 1,
    max_df: float = 1.0, max_features: int | None = None,
) -> Any:
    """char_wb n-grams (3-5 by default), sublinear tf, smoothed idf, rows L2-normalised (CSR
    float32); min_df, max_df and max_features as TfidfVectorizer's."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True, dtype=np.float32,
        min_df=min_df, max_df=max_df, max_features=max_features,
    )
    return vec.fit_transform(texts).tocsr()


def postings(X: Any) -> float:
    """The mean, over the rows, of the summed document frequencies of a row's columns: what one
    product X . x_i costs the kernel solver (KernelSVM._column walks those postings)."""
    import numpy as np

    X = X.tocsr()
    if not X.nnz:
        return 0.0
    df = np.bincount(X.indices, minlength=X.shape[1])
    starts = X.indptr[:-1][np.diff(X.indptr) > 0]
    return float(np.add.reduceat(df[X.indices], starts).sum() / X.shape[0])


def with_sparse(X: Any, Z: Any, weight: float) -> Any:
    """[X, sqrt(weight) Z]: the kernel X X^T + weight Z Z^T, as rank_dense.with_dense (the rows
    are not re-normalised: both blocks have unit rows, so every row has norm sqrt(1 + weight))."""
    import numpy as np
    import scipy.sparse as sp

    return sp.hstack([X, Z * np.float32(np.sqrt(weight))], format="csr", dtype=np.float32)


def unit_rows(X: Any) -> Any:
    """X with every non-empty row scaled to unit length (CSR float32)."""
    import numpy as np
    import scipy.sparse as sp

    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags((1.0 / norms).astype(np.float32)) @ X, dtype=np.float32)
