"""The ranking engine: pure, deterministic, seeded, and its feature cache."""

from __future__ import annotations

import pytest

from review_cli.errors import ReviewError
from review_cli.project import Project
from review_cli.stages import rank

from .conftest import shared_data_or_skip

TEXTS = [
    "aspirin migraine randomised trial",
    "wheat yield irrigation soil",
    "aspirin headache placebo trial",
    "classroom teaching curriculum",
    "migraine headache aspirin dose",
    "coral reef bleaching",
    "soil nitrogen crop",
    "placebo controlled migraine trial",
]


def test_random_phase_until_both_classes_are_seen() -> None:
    ranker = rank.Ranker(TEXTS, seed=5)
    first = ranker.rank({})
    assert first.random and sorted(first.order) == list(range(8)) and first.scores == [0.0] * 8
    only_relevant = ranker.rank({0: 1})
    assert only_relevant.random and 0 not in only_relevant.order
    # the same seeded shuffle, minus the labelled record
    assert only_relevant.order == [i for i in first.order if i != 0]
    assert rank.Ranker(TEXTS, seed=6).rank({}).order != first.order


def test_ranking_puts_similar_records_first_and_is_pure() -> None:
    labels = {0: 1, 1: 0}
    a = rank.Ranker(TEXTS, seed=1).rank(labels)
    assert not a.random and set(a.order[:3]) == {2, 4, 7}
    assert a.scores == sorted(a.scores, reverse=True)
    # same texts, labels and seed: identical ranking, whatever the ranker's call history
    fresh = rank.Ranker(TEXTS, seed=1)
    assert fresh.rank(labels) == a
    warm = rank.Ranker(TEXTS, seed=1)
    warm.rank({0: 1, 1: 0, 3: 0})
    warm.rank({0: 1, 1: 0, 3: 0, 5: 0})
    assert warm.rank(labels) == a  # a changed history is replayed from scratch
    # labels in another decision order: the same ranking up to rounding
    b = rank.Ranker(TEXTS, seed=1).rank({1: 0, 0: 1})
    assert b.order == a.order and b.scores == pytest.approx(a.scores, abs=1e-6)


def test_incremental_update_equals_a_fresh_fit() -> None:
    grown = rank.Ranker(TEXTS, seed=1)
    labels: dict[int, int] = {}
    for i, y in [(0, 1), (1, 0), (3, 0), (2, 1), (5, 0)]:
        labels[i] = y
        step = grown.rank(dict(labels))
    assert rank.Ranker(TEXTS, seed=1).rank(labels) == step


def test_next_record_agrees_with_rank() -> None:
    import numpy as np

    ranker = rank.Ranker(TEXTS, seed=2)
    labels = {0: 1, 3: 0}
    mask = np.ones(8, dtype=bool)
    mask[[0, 3]] = False
    assert ranker.next_record(labels, mask) == ranker.rank(labels).order[0]
    assert ranker.next_record({}, mask) == ranker.rank({}).order[0]


@pytest.mark.parametrize("model", rank.MODELS)
def test_every_model_ranks(model: str) -> None:
    ranking = rank.Ranker(TEXTS, seed=1, model=model).rank({0: 1, 1: 0, 3: 0})
    assert not ranking.random and len(ranking.order) == 5 and ranking.order[0] in {2, 4, 7}


def test_char3_links_spelling_variants_that_share_no_word() -> None:
    texts = ["randomised haemorrhage trial", "randomized hemorrhage study", "coral reef survey"]
    words = rank.features(texts, rank.MODEL_SPECS["fast-svm"].features)
    chars = rank.features(texts, rank.MODEL_SPECS["char3"].features)
    assert (words[0] @ words[1].T).toarray()[0, 0] == 0  # no word in common
    assert (chars[0] @ chars[1].T).toarray()[0, 0] > (chars[0] @ chars[2].T).toarray()[0, 0] > 0
    # the word block is the word-only matrix; the characters are added beside it at weight 0.1
    assert (chars[:, : words.shape[1]] != words).nnz == 0
    assert (chars.multiply(chars).sum(axis=1) == pytest.approx(1.1, abs=1e-5))


def test_char3_keeps_the_word_models_cache_keys() -> None:
    word_key = rank.MODEL_SPECS["fast-svm"].features.key()
    assert "char" not in word_key  # caches of the word-only models are not rebuilt
    assert rank.MODEL_SPECS["char3"].features.key() != word_key


def test_char3_features_are_cached_for_the_screen(review: Project) -> None:
    ranker = rank.for_project(review, TEXTS, model="char3")
    cached = list(review.cache_dir.glob("features-*.npz"))
    assert len(cached) == 1
    again = rank.for_project(review, TEXTS, model="char3")  # read back from the cache
    assert again.X.shape == ranker.X.shape and (again.X != ranker.X).nnz == 0
    assert again.rank({0: 1, 1: 0}) == rank.Ranker(TEXTS, 42, "char3").rank({0: 1, 1: 0})


def test_char3_ranks_from_the_protocol_query() -> None:
    ranker = rank.Ranker(TEXTS, seed=1, model="char3", query="migraine aspirin trials")
    first = ranker.rank({})
    assert first.protocol and set(first.order[:3]) <= {0, 2, 4, 7}


def test_unknown_model_and_empty_input() -> None:
    with pytest.raises(ReviewError, match="unknown ranking model"):
        rank.Ranker(TEXTS, model="bert")
    assert rank.Ranker([], seed=1).rank({}).order == []
    assert rank.Ranker(["", "", ""], seed=1).rank({0: 1, 1: 0}).order == [2]


def test_for_project_caches_features(review: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    ranker = rank.for_project(review, TEXTS)
    assert ranker.seed == review.protocol.screening.seed
    cached = list(review.cache_dir.glob("features-*.npz"))
    assert len(cached) == 1

    def boom(*_a, **_k):
        raise AssertionError("features rebuilt although the texts did not change")

    monkeypatch.setattr(rank, "features", boom)
    again = rank.for_project(review, TEXTS)
    assert again.rank({0: 1, 1: 0}) == ranker.rank({0: 1, 1: 0})
    monkeypatch.undo()
    rank.for_project(review, [*TEXTS, "one more record"])
    assert [p.name for p in review.cache_dir.glob("features-*.npz")] != [cached[0].name]
    assert len(list(review.cache_dir.glob("features-*.npz"))) == 1


def test_replay_equals_incremental_on_a_longer_history() -> None:
    import csv

    from .conftest import FIXTURES

    with open(FIXTURES / "simulate" / "synthetic.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    texts = [rank.text_of(r["title"], r["abstract"]) for r in rows]
    truth = [int(r["label_included"]) for r in rows]
    # warm-started after each label: the same ranking as a cold fit
    spec = rank.MODEL_SPECS["fast-svm"]
    grown = rank.Ranker(texts, seed=1, model=spec)
    labels: dict[int, int] = {}
    for i in [3, 0, 1, 2, 11, 4, 5, 6, 7, 8, 9, 10, 19, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23,
              24, 25]:
        labels[i] = truth[i]
        step = grown.rank(dict(labels))
    fresh = rank.Ranker(texts, seed=1, model=spec).rank(labels)
    assert fresh == step  # bit for bit


def test_elas_weights_follow_asreview_balanced() -> None:
    # ASReview's Balanced(ratio=9.8): relevant records weigh 9.8 times the irrelevant ones in
    # total, and the weights sum to the number of labels.
    import numpy as np

    y = np.array([1, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    w = rank._weights(y, rank.MODEL_SPECS["elas"].pos_weight)
    w = w * (len(y) / w.sum())
    assert w.sum() == pytest.approx(10.0)
    assert w[y == 1].sum() / w[y == 0].sum() == pytest.approx(9.8)
    ref_neg = 2 / (9.8 * 8)  # asreview: {1: 1, 0: n1 / (ratio * n0)}, rescaled
    ref = np.where(y == 1, 1.0, ref_neg)
    assert np.allclose(w, ref * (10 / ref.sum()))


@pytest.mark.slow
def test_elas_reproduces_asreview_wss_on_a_baseline_run() -> None:
    import json

    data = shared_data_or_skip()
    from review_cli.stages import simulate

    run = (json.loads((data / "baselines" / "asreview_elas_u4.json").read_text())
           ["datasets"]["Sep_2021"]["runs"][0])
    ds = simulate.read_dataset(next((data / "screening" / "Sep_2021").glob("records.csv*")))
    sim = simulate.run(ds, seed=run["seed"], priors=[str(r + 1) for r in run["prior_rows"]],
                       model="elas")
    assert sim.metrics["wss@95"] == pytest.approx(run["wss95"], abs=1e-4)
