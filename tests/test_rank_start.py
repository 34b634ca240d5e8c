"""Protocol-started ranking and the dense features mixed into the kernel (LSA, embeddings)."""

from __future__ import annotations

import socket
from dataclasses import replace

import numpy as np
import pytest

from review_cli.errors import ReviewError
from review_cli.project import Project
from review_cli.stages import rank
from review_cli.stages.rank import _dense

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


def test_lsa_block_is_mixed_in() -> None:
    base = rank.model_spec("fast-svm")
    spec = replace(base, features=replace(base.features, lsa_dims=3, lsa_weight=0.5))
    a = rank.Ranker(TEXTS, seed=1, model=spec)
    b = rank.Ranker(TEXTS, seed=1, model=spec)
    assert a.Z is not None and a.Z.shape == (len(TEXTS), 3)
    norms = np.linalg.norm(a.Z / np.sqrt(0.5), axis=1)
    assert norms == pytest.approx(1.0, abs=1e-5)
    ranking = a.rank({0: 1, 1: 0})
    # ARPACK's vectors may differ in their last bits from run to run (LSA is not adopted)
    assert set(ranking.order[:3]) == set(b.rank({0: 1, 1: 0}).order[:3]) == {2, 4, 7}


def test_embedding_models_need_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_dense, "embeddings_available", lambda: False)
    base = rank.model_spec("fast-svm")
    spec = replace(base, features=replace(base.features, embedding_weight=0.1))
    with pytest.raises(ReviewError, match="embedding model") as e:
        rank.Ranker(TEXTS, seed=1, model=spec)
    assert "review-cli[embeddings]" in (e.value.hint or "")
    # the default never needs it
    assert not rank.model_spec("default").features.dense


@pytest.mark.skipif(not _dense.embeddings_available(), reason="review-cli[embeddings] absent")
def test_embeddings_load_with_the_network_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    E = _dense.embed([*TEXTS, ""])
    assert E.shape == (len(TEXTS) + 1, 256) and not E[-1].any()
    sims = E[:-1] @ E[0]
    assert sims[4] > sims[5]  # aspirin/migraine is closer to aspirin/migraine than to coral


def test_dense_block_is_cached_with_the_features(tmp_path: object) -> None:
    from pathlib import Path

    cache = Path(str(tmp_path)) / "cache"
    base = rank.model_spec("fast-svm").features
    settings = replace(base, lsa_dims=2, lsa_weight=0.5)
    X, start, Z = rank.cached_features(cache, TEXTS, settings, QUERY)
    assert Z is not None and Z.shape == (len(TEXTS), 2) and start is not None
    assert [len(list(cache.glob(p))) for p in ("features-*", "start-*", "dense-*")] == [1, 1, 1]
    X2, start2, Z2 = rank.cached_features(cache, TEXTS, settings, QUERY)
    assert np.array_equal(Z, Z2) and np.array_equal(start, start2) and (X != X2).nnz == 0
