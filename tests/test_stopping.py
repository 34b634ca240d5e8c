"""Stopping rules checked against hand-computed cases and a direct scipy implementation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import hypergeom

from review_cli.stages.rank import stopping


def naive_pvalues(labels: list[int], n_total: int, target: float) -> list[float]:
    """The definition, one window at a time, with scipy's hypergeometric cdf."""
    n, r = len(labels), sum(labels)
    out = []
    for m in range(1, n + 1):
        k = sum(labels[n - m :])
        pool = n_total - (n - m)
        big_k = math.floor(r / target + 1 - (r - k))
        out.append(0.0 if big_k > pool else float(hypergeom.cdf(k, pool, big_k, m)))
    return out


def test_hand_computed_windows() -> None:
    # N = 10, screened [1, 0, 0], target 0.5: recall < 0.5 needs >= 3 relevant in total.
    # m=1: pool 8 holds 2, P(X<=0 | 1 draw) = 6/8; m=2: pool 9 holds 2, C(7,2)/C(9,2) = 21/36;
    # m=3: pool 10 holds 3, P(X<=1 | 3 draws) = (C(7,3) + 3 * C(7,2)) / C(10,3) = 98/120 (>= 0.5:
    # reported as the lower bound 0.5, since such windows can never decide a stop).
    p = stopping.window_pvalues([1, 0, 0], 10, target=0.5)
    assert p[0] == pytest.approx(6 / 8)
    assert p[1] == pytest.approx(21 / 36)
    assert p[2] == 0.5
    verdict = stopping.statistical([1, 0, 0], 10, target=0.5, confidence=0.95)
    assert not verdict.stop and verdict.detail.startswith("p >= 0.5")
    loose = stopping.statistical([1, 0, 0], 10, target=0.5, confidence=0.3)  # alpha 0.7 > 21/36
    assert loose.stop and loose.detail.startswith("p = 0.583 over the last 2")


def test_impossible_hypothesis_gives_zero() -> None:
    # Every record screened: the pool before any window cannot hold the missing relevant ones.
    assert stopping.window_pvalues([1, 0, 1, 0], 4, 0.95).max() == 0.0
    assert stopping.statistical([1, 0, 1, 0], 4).stop


def test_long_run_of_irrelevant_records_stops() -> None:
    # 20 relevant in the first 100 of 2,000, then 900 irrelevant. Window of the last 900: the
    # pool of 1,900 must hold >= 2 relevant (floor(20/.95) + 1 - 20), and
    # P(X = 0 | 900 draws) = C(1898, 900) / C(1900, 900) = (1000 * 999) / (1900 * 1899) = 0.277:
    # two missing records could easily hide in 1,000 unscreened ones, so no stop.
    labels = [1] * 20 + [0] * 80 + [0] * 900
    p = stopping.window_pvalues(labels, 2000, 0.95)
    assert p[899] == pytest.approx(1000 * 999 / (1900 * 1899))
    assert not stopping.statistical(labels, 2000).stop
    # 100 relevant in the first 200, then 1,500 irrelevant: the pool of 1,800 must hold 6
    # (floor(100/.95) + 1 - 100); P(X = 0 | 1500 draws) = prod_{i<6} (300 - i) / (1800 - i).
    labels = [1, 0] * 100 + [0] * 1500
    p = stopping.window_pvalues(labels, 2000, 0.95)
    assert p[1499] == pytest.approx(math.prod((300 - i) / (1800 - i) for i in range(6)))
    verdict = stopping.statistical(labels, 2000)
    assert verdict.stop and verdict.detail.startswith("p = ")


@pytest.mark.parametrize("seed", range(6))
def test_matches_scipy_on_random_orders(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_total = int(rng.integers(30, 200))
    n = int(rng.integers(5, n_total))
    labels = [int(v) for v in (rng.random(n) < np.linspace(0.6, 0.0, n))]
    if not sum(labels):
        labels[0] = 1
    target = float(rng.choice([0.8, 0.9, 0.95]))
    mine = stopping.window_pvalues(labels, n_total, target)
    ref = naive_pvalues(labels, n_total, target)
    for a, b in zip(mine, ref, strict=True):
        if b < 0.5:
            assert a == pytest.approx(b, abs=1e-9)
        else:
            assert a >= 0.5 - 1e-12
    for alpha in (0.05, 0.1):
        fast = stopping.window_pvalues(labels, n_total, target, alpha=alpha)
        assert (fast.min() < alpha) == (min(ref) < alpha)


def test_knee_hand_case() -> None:
    labels = [1] * 10 + [0] * 190  # knee at 10: rho = (10/10) / (1/190) = 190 >= 156 - 10
    verdict = stopping.knee(labels, n_total=1000)
    assert verdict.stop and "190.0" in verdict.detail
    assert not stopping.knee(labels[:140]).stop  # fewer than 150 screened
    assert not stopping.knee([1, 0] * 100).stop  # no knee: constant rate


def test_heuristic_counts_irrelevant_since_last_relevant() -> None:
    verdict = stopping.heuristic([1, 0, 1] + [0] * 60, 1000)
    assert verdict.stop and verdict.detail.startswith("60 irrelevant in a row")
    assert not stopping.heuristic([0] * 60 + [1], 1000).stop


def test_evaluate_gives_three_rules_with_estimates() -> None:
    verdicts = stopping.evaluate([1] * 30 + [0] * 170, 1000)
    assert [v.rule for v in verdicts] == ["statistical", "knee", "heuristic"]
    assert all(isinstance(v.remaining_estimate, float) for v in verdicts)
    assert [v.upper_bound for v in verdicts] == [False, False, True]
    none = stopping.evaluate([], 100)
    assert not any(v.stop for v in none)
    assert [v.needs for v in none] == [
        "a first relevant record", "a first relevant record", "4 more irrelevant in a row"]


def test_a_rule_that_cannot_estimate_yet_says_what_it_needs() -> None:
    # The knee said "~0 left" from the first decisions: its slopes mean nothing before 150.
    early = stopping.evaluate([1, 1, 0, 1, 0, 0], 1310)
    by = {v.rule: v for v in early}
    assert by["knee"].remaining_estimate is None and by["knee"].needs == "144 more decisions"
    assert by["statistical"].remaining_estimate is None
    assert by["statistical"].needs == "94 more decisions"
    assert by["heuristic"].remaining_estimate is None
    assert by["heuristic"].needs == "2 more irrelevant in a row"


@pytest.mark.parametrize("seed", range(5))
def test_no_estimate_exceeds_what_is_unscreened(seed: int) -> None:
    # The heuristic once said ~1,311 relevant left with 1,310 records unscreened.
    rng = np.random.default_rng(seed)
    n_total = int(rng.integers(200, 2000))
    n = int(rng.integers(1, n_total))
    labels = [int(v) for v in rng.random(n) < rng.uniform(0.0, 1.0)]
    for v in stopping.evaluate(labels, n_total):
        assert v.remaining_estimate is None or 0 <= v.remaining_estimate <= n_total - n, v


def test_first_stops_matches_evaluate() -> None:
    labels = [1, 0] * 100 + [0] * 1800
    stops = stopping.first_stops(labels, 2000)
    at = stops["statistical"]
    assert at is not None and 200 < at < 2000
    assert stopping.statistical(labels[:at], 2000).stop
    assert not stopping.statistical(labels[: at - 1], 2000).stop
    assert stops["heuristic"] == 199 + stopping.heuristic_limit(2000)


def _first_statistical_by_scan(labels: list[int], n_total: int, target: float,
                               confidence: float) -> int | None:
    alpha = 1 - confidence
    for n in range(1, len(labels) + 1):
        if sum(labels[:n]) and (
                n >= n_total
                or stopping.window_pvalues(labels[:n], n_total, target, alpha).min() < alpha):
            return n
    return None


@pytest.mark.slow
def test_first_stops_bisection_equals_testing_every_decision() -> None:
    rng = np.random.default_rng(7)
    stopped = 0
    for _ in range(25):
        n = int(rng.integers(40, 600))
        n_total = n + int(rng.integers(0, 120))
        labels = [int(v) for v in rng.random(n) < np.linspace(rng.uniform(0.05, 0.5), 0.0, n)]
        for target, confidence in ((0.95, 0.95), (0.8, 0.9)):
            expected = _first_statistical_by_scan(labels, n_total, target, confidence)
            assert (stopping.first_stops(labels, n_total, target, confidence)["statistical"]
                    == expected)
            stopped += expected is not None
    assert stopped > 10  # the comparison covered runs that stop, not only runs that never do


def test_first_stops_knee_equals_testing_every_decision() -> None:
    rng = np.random.default_rng(11)
    stopped = 0
    for _ in range(20):
        n, head = int(rng.integers(200, 900)), int(rng.integers(10, 80))
        rate = np.where(np.arange(n) < head, 0.8, rng.uniform(0.001, 0.02))
        labels = [int(v) for v in rng.random(n) < rate]
        expected = next(
            (k for k in range(stopping.KNEE_MIN_SCREENED, n + 1)
             if sum(labels[:k]) and stopping.knee(labels[:k]).stop),
            None,
        )
        assert stopping.first_stops(labels, n + 500)["knee"] == expected
        stopped += expected is not None
    assert stopped > 5
