"""Stopping rules: is it safe to stop screening? Three opinions, each with an estimate.

See ../shared/reference/screening-metrics.md for the definitions: the statistical test of
Callaghan & Mueller-Hansen 2020, the knee method (Cormack & Grossman 2016) and the count of
irrelevant records since the last relevant one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class StopVerdict:
    rule: str  # "statistical", "knee", "heuristic"
    stop: bool
    remaining_estimate: float | None  # relevant records estimated still to find
    detail: str


def statistical(labels: Sequence[int], n_total: int, target: float = 0.95, confidence: float = 0.95) -> StopVerdict:
    """Reject "recall < target" at `confidence` using every window of the last m screened."""
    from scipy.stats import hypergeom

    n = len(labels)
    r = sum(labels)
    if n == 0 or r == 0 or n >= n_total:
        done = n >= n_total
        return StopVerdict("statistical", done, 0.0 if done else None, "all records screened" if done else "no relevant record yet")
    p_min = 1.0
    k_m = 0
    for m in range(1, n + 1):
        k_m += labels[n - m]
        pool = n_total - (n - m)
        big_k = math.floor(r / target + 1 - (r - k_m))
        if big_k > pool:
            continue
        p = float(hypergeom.cdf(k_m, pool, big_k, m))
        p_min = min(p_min, p)
    stop = p_min < 1 - confidence
    estimate = max(0.0, r / target - r) if not stop else 0.0
    return StopVerdict("statistical", stop, estimate, f"p = {p_min:.3f} (stop below {1 - confidence:.2f})")


def knee(labels: Sequence[int], min_screened: int = 150) -> StopVerdict:
    n = len(labels)
    r = sum(labels)
    if n == 0 or r == 0:
        return StopVerdict("knee", False, None, "no relevant record yet")
    cum = [0]
    for x in labels:
        cum.append(cum[-1] + x)
    best_k, best_d = 1, -1.0
    for k in range(1, n + 1):
        # distance from the line (0,0)-(n,r), up to a constant factor
        d = (r * k - n * cum[k]) * -1.0
        if d > best_d:
            best_d, best_k = d, k
    a = cum[best_k]
    b = r - a
    rho = (a / best_k) / ((1 + b) / max(1, n - best_k))
    threshold = 156 - min(r, 150)
    stop = rho >= threshold and n >= min_screened
    return StopVerdict("knee", stop, None, f"slope ratio {rho:.1f} (stop at {threshold})")


def heuristic(labels: Sequence[int], n_total: int, run: int | None = None) -> StopVerdict:
    since = 0
    for x in reversed(labels):
        if x:
            break
        since += 1
    limit = run if run is not None else max(50, math.ceil(0.05 * n_total))
    return StopVerdict("heuristic", since >= limit, None, f"{since} irrelevant in a row (stop at {limit})")


def evaluate(labels: Sequence[int], n_total: int, target: float = 0.95, confidence: float = 0.95) -> list[StopVerdict]:
    """All three rules for labels in screening order (1 relevant, 0 irrelevant)."""
    return [statistical(labels, n_total, target, confidence), knee(labels), heuristic(labels, n_total)]
