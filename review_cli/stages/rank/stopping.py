"""Stopping rules: is it safe to stop screening? Three opinions, each with an estimate.

See ../shared/reference/screening-metrics.md for the definitions: the statistical test of
Callaghan & Mueller-Hansen 2020, the knee method (Cormack & Grossman 2016) and the count of
irrelevant records since the last relevant one.

The statistical test looks at every window of the last m screened records (m = 1..n) at once:
cumulative sums give k_m, log-gamma gives the hypergeometric probability of exactly k_m, and the
lower tail P(X <= k_m) is summed downwards from k_m with the pmf ratio recursion, vectorised over
the windows. That costs a few milliseconds at 100,000 screened records, where scipy's
`hypergeom.cdf` takes seconds, so the test can run after every decision.

The log-gammas are looked up in a table of log(k!) built once per review size with
`math.lgamma`: every argument is a whole number of records. scipy.special.gammaln gives the same
values, but importing scipy.special costs 0.1-0.15 s of every command that checks stopping
(`review simulate`, `review status`, the screen's first decision).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

RULES = ("statistical", "knee", "heuristic")
KNEE_MIN_SCREENED = 150
# The statistical rule's estimate reads the rate of the last 100 screened (or a tenth of them):
# from fewer, it would read the first, most relevant records of the ranking.
ESTIMATE_MIN_SCREENED = 100
BOUND_MIN_RUN = 4  # below 4 irrelevant in a row, the rule-of-three bound is every record left


@dataclass(frozen=True)
class StopVerdict:
    """One rule's opinion. `remaining_estimate`: relevant records still unscreened, never more
    than are unscreened; None while the rule cannot estimate, and then `needs` says what it is
    waiting for ("23 more decisions"). `upper_bound`: the figure is a 95 % upper bound, not a
    point estimate."""

    rule: str  # "statistical", "knee", "heuristic"
    stop: bool
    remaining_estimate: float | None  # relevant records estimated still to find
    detail: str
    needs: str = ""
    upper_bound: bool = False


# --- the statistical test ----------------------------------------------------------------------
def _lower_tail(k: Any, pool: Any, big_k: Any, m: Any, alpha: float | None = None) -> Any:
    """P(X <= k) for X ~ Hypergeom(pool, big_k, m), elementwise over int arrays.

    Exact (to ~1e-12) where k is below the mean m * big_k / pool, the only windows that can
    give a small p. Where k >= mean the true value is at least 0.5 (the median of a
    hypergeometric lies within one of its mean), and 0.5 is returned as that lower bound. With
    `alpha`, windows whose partial sum reaches alpha stop early: their value is then a lower
    bound >= alpha, which is all a stop decision needs; with alpha >= 0.5 (confidence below
    50 %, unusual) the windows with k >= mean are computed exactly with scipy instead.
    """
    import numpy as np

    k = np.asarray(k, dtype=np.float64)
    pool = np.asarray(pool, dtype=np.float64)
    big_k = np.asarray(big_k, dtype=np.float64)
    m = np.asarray(m, dtype=np.float64)
    out = np.full(k.shape, 0.5)
    below = k * pool < m * big_k
    if alpha is not None and alpha >= 0.5:  # the 0.5 lower bound cannot decide: use scipy there
        from scipy.stats import hypergeom

        above = np.nonzero(~below)[0]
        out[above] = hypergeom.cdf(k[above], pool[above], big_k[above], m[above])
    idx = np.nonzero(below)[0]
    if len(idx) == 0:
        return out
    kk, pp, KK, mm = k[idx], pool[idx], big_k[idx], m[idx]
    log_fact = _log_factorials(int(pp.max()))

    def log_comb(a: Any, b: Any) -> Any:
        """log C(a, b); -inf where b < 0 or b > a (no way to choose: probability 0)."""
        a, b = a.astype(np.int64), b.astype(np.int64)
        ok = (b >= 0) & (b <= a)
        a, b = np.where(ok, a, 0), np.where(ok, b, 0)
        return np.where(ok, log_fact[a] - log_fact[b] - log_fact[a - b], -np.inf)

    term = np.exp(log_comb(KK, kk) + log_comb(pp - KK, mm - kk) - log_comb(pp, mm))
    total = term.copy()
    j = kk.copy()
    more = j > 0
    if alpha is not None:  # P(X = k) alone already reaches alpha: the tail can only be larger
        more &= total < alpha
    active = np.nonzero(more)[0]
    while len(active):
        jj = j[active]
        num = jj * (pp[active] - KK[active] - mm[active] + jj)
        den = (KK[active] - jj + 1) * (mm[active] - jj + 1)
        ratio = np.where(num > 0, num / den, 0.0)
        term[active] *= ratio
        total[active] += term[active]
        j[active] -= 1
        keep = (j[active] > 0) & (term[active] > 1e-13 * total[active])
        if alpha is not None:
            keep &= total[active] < alpha
        active = active[keep]
    out[idx] = np.minimum(total, 1.0)
    return out


_LOG_FACTORIALS: Any = None


def _log_factorials(n: int) -> Any:
    """log(k!) for k = 0 to at least n, each within an ulp.

    One table that only grows: the largest pool asked for changes from one decision to the
    next, and rebuilding 100,000 entries each time would cost the screen 15-20 ms a key."""
    import numpy as np

    global _LOG_FACTORIALS
    table = _LOG_FACTORIALS
    if table is None or len(table) <= n:
        size = max(n + 1, 2 * len(table) if table is not None else 1024)
        table = np.array([math.lgamma(k + 1) for k in range(size)])
        _LOG_FACTORIALS = table  # one assignment: a reader in another thread sees either table
    return table


def window_pvalues(
    labels: Sequence[int] | Any, n_total: int, target: float = 0.95, alpha: float | None = None
) -> Any:
    """p_m for every window of the last m = 1..n screened records (index m - 1)."""
    import numpy as np

    x = np.asarray(labels, dtype=np.int64)
    n = len(x)
    r = int(x.sum())
    m = np.arange(1, n + 1)
    k_m = np.cumsum(x[::-1])
    pool = n_total - (n - m)
    big_k = math.floor(r / target) + 1 - (r - k_m)  # relevant the pool must hold if recall < target
    p = np.zeros(n)
    possible = big_k <= pool  # otherwise "recall < target" is impossible: p = 0
    if possible.any():
        p[possible] = _lower_tail(
            k_m[possible], pool[possible], big_k[possible], m[possible], alpha
        )
    return p


def statistical(
    labels: Sequence[int], n_total: int, target: float = 0.95, confidence: float = 0.95
) -> StopVerdict:
    """Reject "recall < target" at `confidence` using every window of the last m screened."""
    n = len(labels)
    r = int(sum(labels))
    if n >= n_total and n:
        return StopVerdict("statistical", True, 0.0, "all records screened")
    if n == 0 or r == 0:
        return StopVerdict("statistical", False, None, "no relevant record yet",
                           needs="a first relevant record")
    alpha = 1 - confidence
    p = window_pvalues(labels, n_total, target, alpha=alpha if alpha >= 0.5 else None)
    best = int(p.argmin())
    p_min = float(p[best])
    stop = p_min < alpha
    shown = (
        f"p = {p_min:.3g}" if p_min < 0.5 or stop
        else f"p >= {max(0.5, p_min) if alpha < 0.5 else alpha:.2g}"
    )
    detail = f"{shown} over the last {best + 1} screened (stop below {alpha:.2g})"
    if n < ESTIMATE_MIN_SCREENED:
        more = ESTIMATE_MIN_SCREENED - n
        return StopVerdict("statistical", stop, None, detail, needs=f"{more} more decisions")
    return StopVerdict("statistical", stop, _tail_estimate(labels, n_total), detail)


def _tail_estimate(labels: Sequence[int], n_total: int) -> float:
    """Relevant records still unscreened if the rate of the recent records held for the rest
    (at most every unscreened record)."""
    n = len(labels)
    window = min(n, max(ESTIMATE_MIN_SCREENED, n // 10))
    recent = sum(labels[n - window :]) if window else 0
    left = max(0, n_total - n)
    return min(float(left), round(float(recent / window if window else 0.0) * left, 1))


# --- knee -----------------------------------------------------------------------------------
def knee(
    labels: Sequence[int] | Any, min_screened: int = KNEE_MIN_SCREENED, n_total: int | None = None
) -> StopVerdict:
    """Cormack & Grossman's knee: slope before the knee / slope after it, against 156 - r.
    It neither stops nor estimates before `min_screened` records: its slopes mean nothing on
    the first, most relevant records of a ranking."""
    s = len(labels)
    r = int(sum(labels))
    if s == 0 or r == 0:
        return StopVerdict("knee", False, None, "no relevant record yet",
                           needs="a first relevant record")
    import numpy as np

    x = np.asarray(labels, dtype=np.int64)
    kn, a, rho = _knee_point(np.cumsum(x), s, r)
    b = r - a
    threshold = 156 - min(r, 150)
    stop = rho >= threshold and s >= min_screened
    detail = (f"slope ratio {rho:.1f} at knee {kn} (stop at {threshold}, "
              f"after {min_screened} screened)")
    if s < min_screened:
        return StopVerdict("knee", False, None, detail, needs=f"{min_screened - s} more decisions")
    estimate = None
    if n_total is not None:
        left = max(0, n_total - s)
        estimate = min(float(left), round(b / max(1, s - kn) * left, 1))
    return StopVerdict("knee", bool(stop), estimate, detail)


def _knee_point(cum: Any, s: int, r: int) -> tuple[int, int, float]:
    """The knee of the first s decisions (cum: their prefix sums, or longer), the relevant
    found by it, and the slope ratio before / after it."""
    import numpy as np

    # distance of (k, cum_k) above the line (0,0)-(s,r), up to a constant factor
    best = int(np.argmax(s * cum[:s] - r * np.arange(1, s + 1)))
    kn, a = best + 1, int(cum[best])
    return kn, a, (a / kn) / ((1 + r - a) / max(1, s - kn))


# --- irrelevant since the last relevant -----------------------------------------------------
def heuristic_limit(n_total: int) -> int:
    return max(50, math.ceil(0.05 * n_total))


def heuristic(labels: Sequence[int], n_total: int, run: int | None = None) -> StopVerdict:
    since = 0
    for x in reversed(labels):
        if x:
            break
        since += 1
    limit = run if run is not None else heuristic_limit(n_total)
    detail = f"{since} irrelevant in a row (stop at {limit})"
    left = max(0, n_total - len(labels))
    if since < BOUND_MIN_RUN and left:
        return StopVerdict("heuristic", since >= limit, None, detail,
                           needs=f"{BOUND_MIN_RUN - since} more irrelevant in a row")
    # Rule of three: after `since` irrelevant in a row the rate is below 3 / since (95 %), so
    # at most that share of the unscreened records is relevant: an upper bound, not an estimate.
    bound = round(min(1.0, 3 / since) * left, 1) if since else 0.0
    return StopVerdict("heuristic", since >= limit, bound, detail, upper_bound=True)


def evaluate(
    labels: Sequence[int], n_total: int, target: float = 0.95, confidence: float = 0.95
) -> list[StopVerdict]:
    """All three rules for labels in screening order (1 relevant, 0 irrelevant)."""
    return [
        statistical(labels, n_total, target, confidence),
        knee(labels, n_total=n_total),
        heuristic(labels, n_total),
    ]


# --- replay: where would each rule first stop? ---------------------------------------------
def first_stops(
    labels: Sequence[int], n_total: int, target: float = 0.95, confidence: float = 0.95,
    start: int = 1,
) -> dict[str, int | None]:
    """For a complete screening order, the number screened when each rule first says stop."""
    import numpy as np

    x = np.asarray(labels, dtype=np.int64)
    cum = np.cumsum(x)
    alpha = 1 - confidence
    found: dict[str, int | None] = {rule: None for rule in RULES}
    limit = heuristic_limit(n_total)
    since = 0
    for n in range(1, len(x) + 1):
        since = 0 if x[n - 1] else since + 1
        if n < start:
            continue
        r = int(cum[n - 1])
        if found["heuristic"] is None and since >= limit:
            found["heuristic"] = n
        if found["knee"] is None and n >= KNEE_MIN_SCREENED and r:
            # knee(x[:n]).stop on the prefix sums at hand (this runs for every n)
            if _knee_point(cum, n, r)[2] >= 156 - min(r, 150):
                found["knee"] = n
        if found["heuristic"] is not None and found["knee"] is not None:
            break
    found["statistical"] = _first_statistical_stop(x, n_total, target, alpha, start)
    return found


def _first_statistical_stop(
    x: Any, n_total: int, target: float, alpha: float, start: int
) -> int | None:
    """The first n >= start at which the statistical rule says stop, without testing every n.

    While irrelevant records are added the smallest p can only fall: window m after n records is
    window m + 1 after n + 1 (same k, pool and K, one more draw, so P(X <= k) is no larger), and
    a new window only adds a candidate. So within each run that starts at a relevant record and
    ends before the next one, the test is monotone: look at the run's end, then bisect.
    """
    import numpy as np

    def stops(n: int) -> bool:
        return n >= n_total or float(window_pvalues(x[:n], n_total, target, alpha).min()) < alpha

    relevant = np.flatnonzero(x) + 1  # 1-based positions where a run starts
    ends = [*(relevant[1:] - 1).tolist(), len(x)]
    for first, last in zip(relevant.tolist(), ends, strict=True):
        lo = max(first, start)
        if lo > last or not stops(last):
            continue
        hi = last
        while lo < hi:
            mid = (lo + hi) // 2
            if stops(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo
    return None
