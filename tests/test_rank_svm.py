"""The warm-started kernel SVM and the numpy TF-IDF: both must equal what they replace."""

from __future__ import annotations

import csv

import pytest

from review_cli.stages import rank
from review_cli.stages.rank._svm import KernelSVM
from review_cli.stages.rank._tfidf import tfidf

from .conftest import FIXTURES, shared_data_or_skip


def _fixture() -> tuple[list[str], list[int]]:
    with open(FIXTURES / "simulate" / "synthetic.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return ([rank.text_of(r["title"], r["abstract"]) for r in rows],
            [int(r["label_included"]) for r in rows])


def _same_up_to_columns(a: object, b: object) -> bool:
    """Two TF-IDF matrices equal up to the order of their columns: same Gram matrix and the
    same multiset of (row, value) entries."""
    import numpy as np

    A, B = a.tocsr(), b.tocsr()  # type: ignore[attr-defined]
    if A.shape != B.shape or A.nnz != B.nnz:
        return False
    gram = np.allclose((A @ A.T).toarray(), (B @ B.T).toarray(), atol=1e-5)
    rows = all(np.allclose(np.sort(A[i].data), np.sort(B[i].data), atol=1e-6)
               for i in range(A.shape[0]))
    return bool(gram and rows)


@pytest.mark.parametrize("stop_words", [False, True])
@pytest.mark.parametrize("max_df", [1.0, 0.5])
def test_tfidf_equals_scikit_learn(stop_words: bool, max_df: float) -> None:
    import numpy as np
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    texts, _ = _fixture()
    texts = [*texts, "", "Émile's café: x y naïve ÜBER-test 2020", "the the the of"]
    ours = tfidf(texts, 2, 1, max_df, True,
                 frozenset(ENGLISH_STOP_WORDS) if stop_words else frozenset())
    ref = TfidfVectorizer(ngram_range=(1, 2), max_df=max_df, sublinear_tf=True,
                          stop_words="english" if stop_words else None,
                          dtype=np.float32).fit_transform(texts)
    assert ours.dtype == np.float32 and _same_up_to_columns(ours, ref)
    plain = tfidf(texts, 1, 2, 1.0, False)
    ref_plain = TfidfVectorizer(min_df=2, dtype=np.float32).fit_transform(texts)
    assert _same_up_to_columns(plain, ref_plain)
    with pytest.raises(ValueError):
        tfidf(["", "a b"], 2)  # no token of two characters or more


@pytest.mark.parametrize("block", [1, 3, 7])
def test_tfidf_by_blocks_is_the_same_matrix_byte_for_byte(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    from review_cli.stages.rank import _tfidf

    texts, _ = _fixture()
    texts = [*texts, "", "the the the of", texts[0]]
    queries = ["aspirin and migraine, an unknown word", ""]
    whole = [tfidf(texts, 2, 2, 0.9, True, queries=queries), tfidf(texts, 1, 1, 1.0, False)]
    monkeypatch.setattr(_tfidf, "BLOCK", block)
    blocks = [tfidf(texts, 2, 2, 0.9, True, queries=queries), tfidf(texts, 1, 1, 1.0, False)]
    for a, b in zip(whole, blocks, strict=True):
        assert a.shape == b.shape
        for x, y in ((a.data, b.data), (a.indices, b.indices), (a.indptr, b.indptr)):
            assert x.dtype == y.dtype and np.array_equal(x, y)


def test_kernel_svm_reproduces_linear_svc_decision_values() -> None:
    import numpy as np
    from sklearn.svm import LinearSVC

    texts, truth = _fixture()
    X = rank.features(texts, rank.MODEL_SPECS["elas"].features)
    rng = np.random.default_rng(3)
    labels: dict[int, int] = {}
    svm = KernelSVM(X, C=0.11, ratio=9.8)
    for i in [*np.flatnonzero(truth)[:1], *rng.permutation(len(texts))[:40]]:
        labels[int(i)] = truth[int(i)]
    svm.fit(labels)
    idx = np.array(list(labels))
    y = np.array([labels[int(i)] for i in idx])
    w = rank._weights(y, 9.8)
    w *= len(y) / w.sum()
    ref = (LinearSVC(C=0.11, dual=True, tol=1e-8, max_iter=100_000)
           .fit(X[idx], y, sample_weight=w).decision_function(X))
    assert np.abs(svm.scores() - ref).max() < 1e-4
    assert svm.fallbacks == 0


def test_kernel_svm_replay_is_bit_identical() -> None:

    texts, truth = _fixture()
    spec = rank.MODEL_SPECS["elas-fast"]
    grown = rank.Ranker(texts, seed=1, model=spec)
    labels: dict[int, int] = {}
    order = [3, 0, 1, 2, 11, 4, 5, 6, 7, 8, 9, 10, 19, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23,
             24, 25]
    for i in order:
        labels[i] = truth[i]
        step = grown.rank(dict(labels))
    assert rank.Ranker(texts, seed=1, model=spec).rank(labels) == step  # replayed from scratch



def test_compacting_the_kept_products_changes_no_score(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from review_cli.stages.rank import _svm as rank_svm

    texts, truth = _fixture()
    X = rank.features(texts, rank.MODEL_SPECS["elas"].features)
    order = list(range(len(texts)))[::-1][: len(texts) * 3 // 4]
    a = KernelSVM(X, 0.11, 9.8)
    monkeypatch.setattr(rank_svm, "COMPACT_FROM", 0)
    b = KernelSVM(X, 0.11, 9.8)
    labels: dict[int, int] = {}
    for i in order:
        labels[i] = truth[i]
        a.fit(labels)
        b.fit(labels)
        assert np.allclose(a.scores(), b.scores(), atol=1e-5)
    assert len(b.live) < len(texts) // 2 and len(a.live) == len(texts)


def test_kernel_svm_without_kept_products_scores_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from review_cli.stages.rank import _svm as rank_svm

    texts, truth = _fixture()
    X = rank.features(texts, rank.MODEL_SPECS["elas"].features)
    labels = {i: truth[i] for i in [0, 1, 2, 3, 4, 5, 6, 7, 30, 31]}
    kept = KernelSVM(X, 0.11, 9.8)
    kept.fit(labels)
    monkeypatch.setattr(rank_svm, "COLUMNS_UP_TO", 0)
    sparse = KernelSVM(X, 0.11, 9.8)
    assert sparse.max_columns == 0
    sparse.fit(labels)
    assert np.allclose(kept.scores(), sparse.scores(), atol=1e-5)


def test_scoring_blocks_are_the_rows_of_the_matrix_byte_for_byte(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The blocks scored beyond the kept products are made on slices of X's arrays: the same
    float64 rows as slicing the matrix, also when X is itself a view of a larger matrix."""
    import numpy as np

    from review_cli.stages.rank import _svm as rank_svm

    texts, _ = _fixture()
    monkeypatch.setattr(rank_svm, "BLOCK_ROWS", 7)
    settings = rank.MODEL_SPECS["elas"].features
    for X in (rank.features(texts, settings),
              rank.features_and_start(texts, settings, "a question")[0]):
        blocks = list(KernelSVM(X, 0.11, 9.8)._blocks())
        assert len(blocks) == -(-X.shape[0] // 7)
        for k, block in enumerate(blocks):
            want = X[7 * k : 7 * k + 7].astype(np.float64)
            assert block.dtype == np.float64 and block.shape == want.shape
            for part in ("data", "indices", "indptr"):
                assert np.array_equal(getattr(block, part), getattr(want, part))


def test_kernel_svm_falls_back_to_liblinear_when_the_active_set_cycles(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    from review_cli.stages.rank import _svm as rank_svm

    texts, truth = _fixture()
    X = rank.features(texts, rank.MODEL_SPECS["elas"].features)
    labels = {i: truth[i] for i in range(12)}
    exact = KernelSVM(X, 0.11, 9.8)
    exact.fit(labels)
    monkeypatch.setattr(rank_svm, "MAX_NEWTON", 0)
    svm = KernelSVM(X, 0.11, 9.8)
    svm.fit(labels)
    assert svm.fallbacks > 0
    assert np.abs(svm.scores() - exact.scores()).max() < 1e-3  # liblinear's own tolerance


def test_elas_fast_matches_asreview_on_a_baseline_run() -> None:
    import json

    data = shared_data_or_skip()
    from review_cli.stages import simulate

    run = (json.loads((data / "baselines" / "asreview_elas_u4.json").read_text())
           ["datasets"]["Sep_2021"]["runs"][0])
    ds = simulate.read_dataset(next((data / "screening" / "Sep_2021").glob("records.csv*")))
    sim = simulate.run(ds, seed=run["seed"], priors=[str(r + 1) for r in run["prior_rows"]],
                       model="elas-fast")
    assert sim.metrics["wss@95"] == pytest.approx(run["wss95"], abs=0.01)
