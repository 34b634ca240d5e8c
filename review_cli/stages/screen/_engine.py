"""Ranking and stopping rules for a screening session, kept off the keypress path.

The loop asks an engine for its latest `Snapshot` (an order of the records and the stopping
rules' verdicts) and tells it about every new label. `SyncEngine` recomputes on demand, which
keeps unit tests deterministic. `BackgroundEngine` retrains in a separate process between
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
from review_cli.stages.rank.stopping import StopVerdict

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
    # The order is the similarity to the protocol's question (no model yet); `random` is True
    # then too, as the order is not the model's.
    protocol: bool = False


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
    ranker: Any, labels: Mapping[int, int], in_order: Sequence[int], n_total: int, target: float,
    confidence: float,
) -> Snapshot:
    from review_cli.stages.rank.stopping import evaluate

    ranking = ranker.rank(dict(labels))
    verdicts = evaluate(list(in_order), n_total, target, confidence)
    protocol = getattr(ranking, "protocol", False)
    return Snapshot(
        list(ranking.order), list(ranking.scores), ranking.random or protocol, verdicts,
        len(labels), protocol=protocol,
    )


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
                self._ranker, self._labels, self._in_order, len(self.s.texts), self.s.target,
                self.s.confidence,
            )
        return self._snap

    def close(self) -> None:
        pass


def _serve(inbox: Any, outbox: Any, settings: Settings, top: int) -> None:
    """The ranking process: read the latest labels, rank, send back the top of the order."""
    import time

    ranker = make_ranker(settings.project, settings.texts, settings.seed, settings.model)
    try:
        while True:
            msg = inbox.recv()
            while inbox.poll():  # only the newest labels matter
                msg = inbox.recv()
            if msg is None:
                return
            version, labels, in_order = msg
            t0 = time.perf_counter()
            snap = compute(
                ranker, labels, in_order, len(settings.texts), settings.target, settings.confidence
            )
            snap = Snapshot(
                snap.order[:top], snap.scores[:top], snap.random, snap.stopping, snap.labels,
                protocol=snap.protocol,
            )
            outbox.send((version, snap, time.perf_counter() - t0))
    except (EOFError, OSError, KeyboardInterrupt):  # the screen is gone (quit, crash or SIGKILL)
        return


class BackgroundEngine:
    """Ranks in a separate process, so neither the GIL nor a slow retrain delays the screen.

    `update` hands the labels to a sender thread (never blocks); a receiver thread keeps the
    newest ranking. `snapshot()` returns at once, or waits up to `wait` seconds for a fresher
    ranking when the last one took less than that to compute. The process reads its texts once
    (spawned, so it inherits no file descriptor such as the reviewer lock) and exits when the
    screen's end of the pipe closes, however the screen ended.
    """

    TOP = 2000  # the loop only ever needs the head of the order

    def __init__(self, settings: Settings, wait: float = 0.03) -> None:
        import multiprocessing as mp

        self.s = settings
        self.wait = wait
        n = len(settings.texts)
        self._cond = threading.Condition()
        self._snap = Snapshot(shuffled(n, settings.seed), [0.0] * n, True, training=True)
        self._pending: tuple[int, dict[int, int], list[int]] | None = None
        self._version = 0
        self._got = 0
        self._last_seconds = float("inf")
        self._closed = False
        self._starting = True
        ctx = mp.get_context("spawn")
        to_worker_r, self._to_worker = ctx.Pipe(duplex=False)
        self._from_worker, from_worker_w = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(
            target=_serve, args=(to_worker_r, from_worker_w, settings, self.TOP),
            name="review-ranker", daemon=True,
        )
        self._child_ends = (to_worker_r, from_worker_w)
        # Starting pickles every text into the child: done by the sender thread, off the
        # screen's path.
        threading.Thread(target=self._send, name="review-ranker-send", daemon=True).start()
        threading.Thread(target=self._receive, name="review-ranker-receive", daemon=True).start()

    def update(self, labels: Mapping[int, int], in_order: Sequence[int]) -> None:
        with self._cond:
            self._version += 1
            self._pending = (self._version, dict(labels), list(in_order))
            self._cond.notify_all()

    def snapshot(self) -> Snapshot:
        with self._cond:
            if self._got < self._version and self._last_seconds <= self.wait and not self._closed:
                self._cond.wait_for(lambda: self._got >= self._version or self._closed, self.wait)
            return self._snap

    def close(self) -> None:
        """Stop the ranker (it holds no state worth keeping) without waiting on its pipe."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        for _ in range(100):  # the sender thread may still be starting it
            if self._proc.pid is not None or not self._starting:
                break
            threading.Event().wait(0.02)
        if self._proc.pid is not None:
            self._proc.terminate()
            self._proc.join(timeout=2)

    def _send(self) -> None:
        try:
            self._proc.start()
        except Exception:  # no ranker: the session goes on in the seeded random order
            self._starting = False
            self._from_worker.close()
            return
        self._starting = False
        for end in self._child_ends:
            end.close()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._closed:
                    return
                msg, self._pending = self._pending, None
            try:
                self._to_worker.send(msg)
            except (OSError, ValueError):
                return

    def _receive(self) -> None:
        while True:
            try:
                version, snap, seconds = self._from_worker.recv()
            except (EOFError, OSError):
                with self._cond:  # the ranker died: keep the last ranking, stop waiting for it
                    self._last_seconds = float("inf")
                    self._cond.notify_all()
                return
            with self._cond:
                if version >= self._got:
                    self._snap, self._got, self._last_seconds = snap, version, seconds
                self._cond.notify_all()
