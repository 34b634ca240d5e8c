"""Ranking and stopping rules for a screening session, kept off the keypress path.

The loop asks an engine for its latest `Snapshot` (an order of the records and the stopping
rules' verdicts) and tells it about every new label. `SyncEngine` recomputes on demand, which
keeps unit tests deterministic. `BackgroundEngine` retrains in a worker thread between
keypresses: the next record is taken at once from the freshest ranking available, so a slow
retrain never delays the screen (a human reads for seconds, the model retrains in well under
one, so in practice the ranking is fresh).

Labels for the ranker and the stopping rules: include and maybe are relevant (1): a maybe is a
record someone could not rule out, and ranking its neighbours early protects recall; exclude is
0; not-retrieved and skip are not labels.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from review_cli.model import Verdict
from review_cli.project import Project
from review_cli.stages.stopping import StopVerdict

LABEL = {Verdict.INCLUDE: 1, Verdict.MAYBE: 1, Verdict.EXCLUDE: 0}


@dataclass(frozen=True)
class Snapshot:
    """One ranking of the records unlabelled when it was computed, and what the rules said."""

    order: list[int]
    scores: list[float]
    random: bool
    stopping: list[StopVerdict] = field(default_factory=list)
    labels: int = 0  # how many labels it was computed from
    training: bool = False  # True while the first model is still being built


class Engine(Protocol):
    def update(self, labels: Mapping[int, int], in_order: Sequence[int]) -> None: ...

    def snapshot(self) -> Snapshot: ...

    def close(self) -> None: ...


def shuffled(n: int, seed: int) -> list[int]:
    import numpy as np

    return [int(i) for i in np.random.default_rng(seed).permutation(n)]


def make_ranker(project: Project | None, texts: Sequence[str], seed: int, model: str) -> Any:
    from review_cli.stages import rank

    for_project = getattr(rank, "for_project", None)
    if project is not None and for_project is not None:
        return for_project(project, texts)
    return rank.Ranker(texts, seed, model)


def compute(
    ranker: Any, labels: Mapping[int, int], in_order: Sequence[int], n_total: int, target: float, confidence: float
) -> Snapshot:
    from review_cli.stages.stopping import evaluate

    ranking = ranker.rank(dict(labels))
    verdicts = evaluate(list(in_order), n_total, target, confidence)
    return Snapshot(list(ranking.order), list(ranking.scores), ranking.random, verdicts, len(labels))


@dataclass
class Settings:
    texts: Sequence[str]
    seed: int = 42
    model: str = "default"
    target: float = 0.95
    confidence: float = 0.95
    project: Project | None = None


class SyncEngine:
    """Recomputes on the caller's thread when asked after a change; deterministic."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self._ranker: Any = None
        self._labels: dict[int, int] = {}
        self._in_order: list[int] = []
        self._snap: Snapshot | None = None

    def update(self, labels: Mapping[int, int], in_order: Sequence[int]) -> None:
        self._labels, self._in_order, self._snap = dict(labels), list(in_order), None

    def snapshot(self) -> Snapshot:
        if self._snap is None:
            if self._ranker is None:
                self._ranker = make_ranker(self.s.project, self.s.texts, self.s.seed, self.s.model)
            self._snap = compute(
                self._ranker, self._labels, self._in_order, len(self.s.texts), self.s.target, self.s.confidence
            )
        return self._snap

    def close(self) -> None:
        pass


class BackgroundEngine:
    """Retrains in a daemon thread; `snapshot()` never waits longer than `wait` seconds."""

    def __init__(self, settings: Settings, wait: float = 0.03) -> None:
        self.s = settings
        self.wait = wait
        self._cond = threading.Condition()
        self._pending: tuple[dict[int, int], list[int]] | None = None
        self._snap = Snapshot(shuffled(len(settings.texts), settings.seed), [0.0] * len(settings.texts), True, training=True)
        self._version = 0  # bumped per update; the snapshot is fresh when it caught up
        self._done_version = -1
        self._closed = False
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="review-ranker", daemon=True)
        self._thread.start()

    def update(self, labels: Mapping[int, int], in_order: Sequence[int]) -> None:
        with self._cond:
            self._pending = (dict(labels), list(in_order))
            self._version += 1
            self._cond.notify_all()

    def snapshot(self) -> Snapshot:
        with self._cond:
            if self._done_version < self._version and self.wait > 0:
                self._cond.wait_for(lambda: self._done_version >= self._version or self._closed, self.wait)
            return self._snap

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _work(self) -> None:
        try:
            ranker = make_ranker(self.s.project, self.s.texts, self.s.seed, self.s.model)
            while True:
                with self._cond:
                    self._cond.wait_for(lambda: self._pending is not None or self._closed)
                    if self._closed:
                        return
                    assert self._pending is not None
                    labels, in_order = self._pending
                    version = self._version
                    self._pending = None
                snap = compute(ranker, labels, in_order, len(self.s.texts), self.s.target, self.s.confidence)
                with self._cond:
                    self._snap = snap
                    self._done_version = version
                    self._cond.notify_all()
        except BaseException as e:  # the session goes on with the last ranking; the UI says so
            with self._cond:
                self.error = e
                self._done_version = 1 << 62
                self._cond.notify_all()
