"""The ranking engine: which record to screen next. The only scikit-learn user.

Pure and deterministic for (texts, labels, seed): TF-IDF features are built once, a classifier
is retrained on the labels so far, and unlabelled records are ordered by predicted relevance.
Until there is at least one relevant and one irrelevant label, the order is a seeded shuffle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

MODELS = ("default",)


@dataclass(frozen=True)
class Ranking:
    order: list[int]  # unlabelled record indexes, most likely relevant first
    scores: list[float]  # the model's score for each, same order (0.0 when random)
    random: bool  # True while the order is the seeded shuffle


def features(texts: Sequence[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, stop_words="english")
    return vec.fit_transform(texts)


class Ranker:
    """Ranks the unlabelled records of one project (or simulation) given the labels so far."""

    def __init__(self, texts: Sequence[str], seed: int = 42, model: str = "default") -> None:
        if model not in MODELS:
            raise ValueError(f"unknown model {model}")
        self.n = len(texts)
        self.seed = seed
        self.model = model
        self.X: Any = features(texts) if self.n else None
        self._shuffle = np.random.default_rng(seed).permutation(self.n)

    def rank(self, labels: Mapping[int, int]) -> Ranking:
        """labels: record index -> 1 relevant / 0 irrelevant."""
        unlabelled = np.array([i for i in self._shuffle if i not in labels], dtype=int)
        values = set(labels.values())
        if not (0 in values and 1 in values) or len(unlabelled) == 0:
            return Ranking([int(i) for i in unlabelled], [0.0] * len(unlabelled), True)
        from sklearn.linear_model import LogisticRegression

        idx = np.fromiter(labels.keys(), dtype=int)
        y = np.fromiter(labels.values(), dtype=int)
        clf = LogisticRegression(C=10.0, class_weight="balanced", max_iter=1000)
        clf.fit(self.X[idx], y)
        scores = clf.decision_function(self.X[unlabelled])
        order = np.argsort(-scores, kind="stable")
        return Ranking([int(unlabelled[i]) for i in order], [float(scores[i]) for i in order], False)
