"""Protocol-started ranking: the order before the first relevant and irrelevant labels."""

from __future__ import annotations

import numpy as np
import pytest

from review_cli.project import Project
from review_cli.stages import rank

from .test_rank import TEXTS

QUERY = "Does aspirin relieve migraine headache? Randomised placebo-controlled trials."


def test_queries_do_not_change_the_records_rows() -> None:
    spec = rank.model_spec("fast-svm").features
    alone = rank.features(TEXTS, spec)
    both = rank.features(TEXTS, spec, [QUERY, "zebra"])
    assert both.shape == (len(TEXTS) + 2, alone.shape[1])
    head = both[: len(TEXTS)]
    assert (head != alone).nnz == 0
    assert both[len(TEXTS) + 1].nnz == 0  # a word no record has is no column


def test_protocol_order_until_both_classes_then_the_model() -> None:
    ranker = rank.Ranker(TEXTS, seed=5, query=QUERY)
    first = ranker.rank({})
    assert first.protocol and not first.random
    assert set(first.order[:4]) == {0, 2, 4, 7}  # the aspirin / migraine / trial records
    assert first.scores == sorted(first.scores, reverse=True)
    # unrelated records (similarity 0) follow in the seeded shuffle, as without a protocol
    shuffle = rank.Ranker(TEXTS, seed=5).rank({}).order
    assert first.order[4:] == [i for i in shuffle if i in {1, 3, 5, 6}]
    # only irrelevant labels: still the protocol's order
    assert ranker.rank({first.order[0]: 0}).protocol
    mask = np.ones(len(TEXTS), dtype=bool)
    assert ranker.next_record({}, mask) == first.order[0]
    model = ranker.rank({0: 1, 1: 0})
    assert not model.protocol and not model.random
    # the model's ranking is the same with or without a protocol
    assert model == rank.Ranker(TEXTS, seed=5).rank({0: 1, 1: 0})


def test_a_query_sharing_no_word_keeps_the_random_start() -> None:
    ranking = rank.Ranker(TEXTS, seed=5, query="zebra okapi").rank({})
    assert ranking.random and not ranking.protocol
    assert ranking.order == rank.Ranker(TEXTS, seed=5).rank({}).order


def test_protocol_query_from_review_toml(review: Project) -> None:
    p = review.protocol
    query = rank.protocol_query(p)
    assert p.question and p.question in query
    for criterion in p.include:
        assert criterion in query
    for text in p.exclude:  # exclusion criteria would pull excluded records up
        assert text not in query


def test_for_project_caches_the_protocol_similarity(
    review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranker = rank.for_project(review, TEXTS)
    assert len(list(review.cache_dir.glob("start-*.npy"))) == 1
    assert len(list(review.cache_dir.glob("features-*.npz"))) == 1

    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("rebuilt although the texts and the protocol did not change")

    monkeypatch.setattr(rank, "features", boom)
    again = rank.for_project(review, TEXTS)
    assert again.rank({}) == ranker.rank({})
