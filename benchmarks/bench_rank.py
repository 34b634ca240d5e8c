"""Ranking benchmark: WSS@95 against ASReview elas_u4, stopping, speed and latency.

    .venv/bin/python -m benchmarks.bench_rank [--quick] [--no-peer] [--datasets A,B] [--no-write]

- For every shared screening dataset and every ASReview baseline run (its seed and its two
  prior records), a full simulation with our default model: WSS@95 (priors excluded) against
  the baseline's, per dataset and overall (with and without the two duplicated reviews).
- Stopping at 95 % target recall and 95 % confidence: share of runs reaching >= 95 % recall,
  and the work saved there; the knee and the heuristic for comparison.
- ASReview 3.0.8 side by side from a separate venv (benchmarks/.venv-asreview, created with pip
  when missing, never a project dependency) against `review simulate`, same dataset and priors.
- Decision -> next record latency (p95) at 10,000 and 100,000 synthetic records.
Writes the `rank` section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, SHARED_DATA, as_installed, machine, update_section

BASELINES = SHARED_DATA / "baselines" / "asreview_elas_u4.json"
SCREENING = SHARED_DATA / "screening"
# same reviews as Cohen SkeletalMuscleRelaxants / Estrogens
DUPLICATES = ("Chou_2004", "Nelson_2002")
QUICK = (
    "Sep_2021", "Donners_2021", "Cohen_2006_Antihistamines", "Cohen_2006_NSAIDS", "Cohen_2006_ADHD"
)
PEER_VENV = ROOT / "benchmarks" / ".venv-asreview"
# every shared set of 1,500 records or more (the speed target), and a small one
PEER_DATASETS = (
    "Bannach-Brown_2019", "Chou_2004", "Cohen_2006_BetaBlockers",
    "Cohen_2006_SkeletalMuscleRelaxants", "Wahono_2015_upto2008", "Cohen_2006_ADHD",
)
PEER_TARGET = 20  # times faster than ASReview on the sets of 1,500 records or more


def dataset_path(name: str) -> Path:
    return next(p for p in sorted((SCREENING / name).glob("records.csv*")))


# --- WSS and stopping over the baseline runs ----------------------------------------------------
def simulations(
    names: list[str], model: str, runs_per_dataset: int | None
) -> dict[str, list[dict[str, Any]]]:
    from review_cli.stages import simulate

    base = json.loads(BASELINES.read_text())["datasets"]
    out: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        ds = simulate.read_dataset(dataset_path(name))
        rows = []
        for run in base[name]["runs"][:runs_per_dataset]:
            priors = [str(r + 1) for r in run["prior_rows"]]
            cpu = time.process_time()
            sim = simulate.run(ds, seed=run["seed"], priors=priors, model=model)
            cpu = time.process_time() - cpu
            rows.append({
                "seed": run["seed"], "ours": sim.metrics["wss@95"], "asreview": run["wss95"],
                "seconds": sim.seconds, "cpu": cpu, "asreview_seconds": run["seconds"],
                "stopping": sim.stopping, "n": len(sim.order),
            })
            print(
                f"{name} seed {run['seed']}: WSS@95 {sim.metrics['wss@95']:.4f} "
                f"(ASReview {run['wss95']:.4f}), {sim.seconds:.1f} s, "
                f"stop {sim.stopping['statistical']}",
                file=sys.stderr, flush=True,
            )
        out[name] = rows
    return out


def wss_table(results: dict[str, list[dict[str, Any]]]) -> tuple[str, dict[str, float]]:
    base = json.loads(BASELINES.read_text())["datasets"]
    lines = [
        (
            "| dataset | records | relevant | runs | WSS@95 ours | WSS@95 ASReview | difference "
            "| our seconds / run, wall (CPU) |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ours_all, peer_all, diffs = {}, {}, {}
    for name, rows in results.items():
        ours = statistics.mean(r["ours"] for r in rows)
        peer = statistics.mean(r["asreview"] for r in rows)
        ours_all[name], peer_all[name], diffs[name] = ours, peer, ours - peer
        secs = statistics.mean(r["seconds"] for r in rows)
        cpu = statistics.mean(r["cpu"] for r in rows)
        lines.append(
            f"| {name} | {base[name]['records']} | {base[name]['included']} | {len(rows)} "
            f"| {ours:.3f} | {peer:.3f} | {ours - peer:+.3f} | {secs:.2f} ({cpu:.2f}) |"
        )
    unique = [n for n in results if n not in DUPLICATES]
    summary = {
        "ours_mean": statistics.mean(ours_all.values()),
        "asreview_mean": statistics.mean(peer_all.values()),
        "ours_mean_unique": statistics.mean(ours_all[n] for n in unique),
        "asreview_mean_unique": statistics.mean(peer_all[n] for n in unique),
        "worst_diff": min(diffs.values()),
        "worst_dataset": min(diffs, key=lambda n: diffs[n]),
        "datasets_worse_than_0.02": sum(1 for d in diffs.values() if d < -0.02),
    }
    lines.append(
        f"| **mean, all {len(results)} datasets** | | | | **{summary['ours_mean']:.3f}** "
        f"| **{summary['asreview_mean']:.3f}** "
        f"| **{summary['ours_mean'] - summary['asreview_mean']:+.3f}** | |"
    )
    lines.append(
        f"| **mean without Chou_2004 and Nelson_2002 ({len(unique)})** | | | "
        f"| **{summary['ours_mean_unique']:.3f}** | **{summary['asreview_mean_unique']:.3f}** "
        f"| **{summary['ours_mean_unique'] - summary['asreview_mean_unique']:+.3f}** | |"
    )
    return "\n".join(lines), summary


def stopping_table(results: dict[str, list[dict[str, Any]]]) -> tuple[str, dict[str, float]]:
    from review_cli.stages.rank.stopping import RULES

    runs = [r for rows in results.values() for r in rows]
    lines = [
        (
            "| rule | runs that stopped | runs reaching >= 95 % recall at the stop "
            "| mean recall at the stop | mean work saved at the stop |"
        ),
        "|---|---:|---:|---:|---:|",
    ]
    summary = {}
    for rule in RULES:
        stops = [r["stopping"][rule] for r in runs]
        stopped = [s for s in stops if s["stopped_at"] is not None]
        # a rule that never stops screens everything: recall 1, nothing saved
        recalls = [s["recall"] if s["stopped_at"] is not None else 1.0 for s in stops]
        saved = [s["work_saved"] if s["stopped_at"] is not None else 0.0 for s in stops]
        reach = sum(1 for v in recalls if v >= 0.95) / len(runs)
        summary[f"{rule}_reach"] = reach
        summary[f"{rule}_saved"] = statistics.mean(saved)
        lines.append(
            f"| {rule} | {len(stopped)}/{len(runs)} | {reach:.1%} "
            f"| {statistics.mean(recalls):.3f} | {statistics.mean(saved):.3f} |"
        )
    return "\n".join(lines), summary


# --- ASReview side by side ------------------------------------------------------------------
def ensure_peer() -> Path | None:
    exe = PEER_VENV / "bin" / "asreview"
    if exe.exists():
        return exe
    print("creating benchmarks/.venv-asreview with asreview==3.0.8 ...", file=sys.stderr)
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", "asreview==3.0.8"], check=True
        )
    except (subprocess.CalledProcessError, OSError) as e:
        print(f"cannot install ASReview: {e}", file=sys.stderr)
        return None
    return exe if exe.exists() else None


def _timed(
    cmd: list[str], env: dict[str, str]
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall and CPU seconds (user + system, of the child) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def peer_speed(
    names: tuple[str, ...], runs: int, model: str,
    speedups: dict[str, tuple[float, float]] | None = None,
) -> str:
    """The side-by-side table; each set's speed-up (wall, CPU) goes into `speedups` when given."""
    exe = ensure_peer()
    if exe is None:
        return "ASReview could not be installed here: no side-by-side timing."
    base = json.loads(BASELINES.read_text())["datasets"]
    review = ROOT / ".venv" / "bin" / "review"
    lines = [
        (
            "| dataset | records | ASReview 3.0.8 elas_u4: wall s (CPU s) "
            "| review simulate: wall s (CPU s) | speed-up wall (CPU) |"
        ),
        "|---|---:|---:|---:|---:|",
    ]
    env = {
        **os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"
    }
    for name in names:
        run = base[name]["runs"][0]
        path = dataset_path(name)
        priors = [str(r) for r in run["prior_rows"]]
        peer_t: list[tuple[float, float]] = []
        ours_t: list[tuple[float, float]] = []
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(runs):  # alternate, so both see the same machine load
                out = Path(tmp) / f"sim{i}.asreview"
                # ASReview 3.0.8 stops after the last relevant record when --n-stop is not given
                # (its `--stop last_relevant`): like for like with our replay.
                peer_cmd = [
                    str(exe), "simulate", str(path), "-o", str(out), "--prior-idx", *priors,
                    "--seed", str(run["seed"]),
                ]
                wall, cpu, done = _timed(peer_cmd, env)
                peer_t.append((wall, cpu))
                if done.returncode != 0:
                    return f"ASReview failed on {name}: {done.stderr.strip()[-500:]}"
                ours_cmd = [
                    str(review), "simulate", str(path), "--seed", str(run["seed"]),
                    "--model", model,
                    *[a for r in run["prior_rows"] for a in ("--prior", str(r + 1))],
                    "--json", str(Path(tmp) / "ours.json"),
                ]
                wall, cpu, done = _timed(ours_cmd, env)
                ours_t.append((wall, cpu))
                if done.returncode != 0:
                    return f"review simulate failed on {name}: {done.stderr.strip()[-500:]}"
        pw, pc = statistics.median(t[0] for t in peer_t), statistics.median(t[1] for t in peer_t)
        ow, oc = statistics.median(t[0] for t in ours_t), statistics.median(t[1] for t in ours_t)
        lines.append(
            f"| {name} | {base[name]['records']} | {pw:.1f} ({pc:.1f}) | {ow:.2f} ({oc:.2f}) "
            f"| {pw / ow:.1f}x ({pc / oc:.1f}x) |"
        )
        if speedups is not None:
            speedups[name] = (pw / ow, pc / oc)
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines)


# --- latency at 10k / 100k records ----------------------------------------------------------
def synthetic_texts(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    import numpy as np

    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(30000)])
    zipf = 1 / np.arange(1, 30001)
    zipf /= zipf.sum()  # word frequencies of natural text
    topic = np.array([f"t{i}" for i in range(200)])
    labels = (rng.random(n) < 0.02).astype(int).tolist()
    texts = []
    for y in labels:
        text = " ".join(vocab[rng.choice(30000, size=150, p=zipf)])  # title + abstract length
        if y:
            text += " " + " ".join(topic[rng.choice(200, size=20)])
        texts.append(text)
    return texts, labels


def latency(n: int, decisions: int, warm: int) -> dict[str, float]:
    import numpy as np

    from review_cli.stages.rank import Ranker, stopping

    texts, truth = synthetic_texts(n)
    t0 = time.perf_counter()
    ranker = Ranker(texts, seed=1)
    build = time.perf_counter() - t0
    labels: dict[int, int] = {}
    order = list(ranker.rank({}).order)
    for i in order[:warm]:
        labels[i] = truth[i]
    pos = next(i for i, y in enumerate(truth) if y)
    labels.setdefault(pos, 1)
    t0 = time.perf_counter()
    ranking = ranker.rank(labels)
    cold = time.perf_counter() - t0
    times, stop_times = [], []
    for _ in range(decisions):
        nxt = ranking.order[0]
        labels[nxt] = truth[nxt]
        t0 = time.perf_counter()
        ranking = ranker.rank(labels)
        t1 = time.perf_counter()
        stopping.evaluate(list(labels.values()), n)
        stop_times.append(time.perf_counter() - t1)
        times.append(t1 - t0)
    return {
        "build": build,
        "cold": cold,
        "p50": float(np.percentile(times, 50)),
        "p95": float(np.percentile(times, 95)),
        "stop_p95": float(np.percentile(stop_times, 95)),
        "total_p95": float(np.percentile(np.add(times, stop_times), 95)),
    }


def ranker_process(n: int, decisions: int = 300) -> None:
    """What the screen's ranker process does at n records: build the features, take
    `decisions` labels one by one, rank after each (run in its own process to measure it)."""
    from review_cli.stages.rank import Ranker

    texts, truth = synthetic_texts(n)
    ranker = Ranker(texts, seed=1)
    del texts
    labels: dict[int, int] = {}
    order = ranker.rank({}).order
    labels[next(i for i, y in enumerate(truth) if y)] = 1
    for i in order[:decisions]:
        labels[i] = truth[i]
        ranker.rank(labels)


def ranker_memory(n: int, decisions: int = 300) -> float:
    """Peak resident memory (MB) of a process doing `ranker_process(n)`: the ranker measured as
    the process the screen starts, with every import."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [sys.executable, "-c",
         f"from benchmarks.bench_rank import ranker_process; ranker_process({n}, {decisions})"],
        check=True, cwd=ROOT,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


# --- protocol-started ranking ------------------------------------------------------------------
PROTOCOLS = ROOT / "benchmarks" / "protocols.toml"


def protocol_start(model: str, seeds: tuple[int, ...] = (1, 2, 3, 4, 5)) -> tuple[str, dict[
    str, float
]]:
    """Records screened before the first relevant one: the seeded random order against the
    order by similarity to the protocol (question, inclusion criteria, include terms), as
    `review screen` shows them before the first include and exclude."""
    import tomllib

    import numpy as np

    from review_cli.protocol import parse_protocol
    from review_cli.stages import simulate
    from review_cli.stages.rank import Ranker, features_and_start, model_spec, protocol_query

    questions = tomllib.loads(PROTOCOLS.read_text(encoding="utf-8"))
    spec = model_spec(model)
    lines = [
        "| dataset | records | relevant | random order: median (expected) | protocol-started: "
        "median | first 10 screened: relevant found, random / protocol |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rnd_all, pro_all = [], []
    for name, q in questions.items():
        protocol = parse_protocol(
            {"review": {"title": name}, "question": {"text": q["question"]},
             "criteria": {"include": q["include"]},
             "screening": {"highlight": {"include": q["terms"]}}},
            PROTOCOLS,
        )
        ds = simulate.read_dataset(dataset_path(name))
        y = np.asarray(ds.labels)
        X, start = features_and_start(ds.texts, spec.features, protocol_query(protocol))
        rnd: list[int] = []
        pro: list[int] = []
        top_r: list[int] = []
        top_p: list[int] = []
        for seed in seeds:
            for target, out, top in (
                (Ranker(ds.texts, seed, spec, matrix=X), rnd, top_r),
                (Ranker(ds.texts, seed, spec, matrix=X, start=start), pro, top_p),
            ):
                order = np.asarray(target.rank({}).order)
                out.append(int(np.argmax(y[order] == 1)))
                top.append(int(y[order[:10]].sum()))
        n, r = len(y), int(y.sum())
        rnd_all.append(statistics.median(rnd))
        pro_all.append(statistics.median(pro))
        lines.append(
            f"| {name} | {n} | {r} | {statistics.median(rnd):.0f} ({(n - r) / (r + 1):.1f}) "
            f"| {statistics.median(pro):.0f} | {statistics.mean(top_r):.1f} / "
            f"{statistics.mean(top_p):.1f} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    summary = {
        "random_median": statistics.median(rnd_all), "protocol_median": statistics.median(pro_all),
        "random_mean": statistics.mean(rnd_all), "protocol_mean": statistics.mean(pro_all),
        "sets_better": sum(1 for a, b in zip(pro_all, rnd_all, strict=True) if a < b),
        "sets_worse": sum(1 for a, b in zip(pro_all, rnd_all, strict=True) if a > b),
        "sets": len(rnd_all),
    }
    lines.append(
        f"| **median over the {len(rnd_all)} sets** | | | **{summary['random_median']:.1f}** "
        f"| **{summary['protocol_median']:.1f}** | |"
    )
    return "\n".join(lines), summary


# --- main ---------------------------------------------------------------------------------
def peer_section(args: argparse.Namespace) -> str:
    names = tuple(args.datasets.split(",")) if args.datasets else PEER_DATASETS
    base = json.loads(BASELINES.read_text())["datasets"]
    speedups: dict[str, tuple[float, float]] = {}
    load0 = os.getloadavg()[0]
    table = peer_speed(names, args.peer_runs, args.model, speedups)
    load1 = os.getloadavg()[0]
    big = {k: v for k, v in speedups.items() if base[k]["records"] >= 1500}

    def verdict(col: int, what: str) -> str:
        if not big:
            return f"by {what}: no set of 1,500 records or more was timed"
        low = min(big, key=lambda k: big[k][col])
        met = "met" if big[low][col] >= PEER_TARGET else "**not met**"
        return (
            f"by {what} {met}: lowest {big[low][col]:.1f}x ({low}), range "
            f"{min(v[col] for v in big.values()):.1f}-{max(v[col] for v in big.values()):.1f}x"
        )

    command = f"benchmarks/bench_rank.py --peer-only --peer-runs {args.peer_runs}"
    return f"""\
## Ranking: speed against ASReview, like for like (`{command}`)

Machine: {machine()}; shared with other work and noisy (load average {load0:.1f} at the start,
{load1:.1f} at the end, on 2 cores): the CPU columns are the steadier comparison.
ASReview 3.0.8 `asreview simulate` with `elas_u4`, the baseline's seed and priors
(`--prior-idx`), and its default stop: after the last relevant record is found (no `--n-stop`,
what `--stop last_relevant` means); `review simulate` with the model `{args.model}` stops
retraining at the same record. One process each (no extra processes, one BLAS thread),
interleaved: ASReview then ours on each set, {args.peer_runs} runs each, medians. Seconds of
the whole command (start-up, reading the CSV, features, the replay, stopping rules, report);
both start from compiled bytecode, as pip-installed packages do.

{table}

Target (issue 21): at least {PEER_TARGET}x on every shared set of 1,500 records or more;
{verdict(1, "CPU time")}; {verdict(0, "wall time")}.
"""


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--quick", action="store_true",
        help="five small datasets, two runs each, 10k latency only, one peer dataset",
    )
    ap.add_argument("--no-peer", action="store_true", help="skip the ASReview side-by-side timing")
    ap.add_argument("--datasets", help="comma-separated dataset names")
    ap.add_argument("--model", default="default")
    ap.add_argument(
        "--no-write", action="store_true", help="print instead of writing BENCHMARKS.md"
    )
    ap.add_argument(
        "--latency-only", action="store_true", help="only the latency measurement (printed)"
    )
    ap.add_argument(
        "--peer-only", action="store_true", help="only the ASReview side-by-side timing (printed)"
    )
    ap.add_argument("--peer-runs", type=int, default=3, help="runs of each side (--peer-only)")
    ap.add_argument(
        "--memory-only", action="store_true", help="only the ranker's peak memory (printed)"
    )
    ap.add_argument(
        "--protocol-only", action="store_true", help="only the protocol-started order (printed)"
    )
    args = ap.parse_args()
    if not BASELINES.exists():
        sys.exit("../shared/data is absent: nothing to benchmark")
    if args.latency_only:
        for n in (10_000, 100_000):
            print(n, latency(n, decisions=20, warm=300), flush=True)
        return
    if args.memory_only:
        print(f"ranker peak memory at 100,000 records: {ranker_memory(100_000):.0f} MB")
        return
    if args.protocol_only:
        table, summary = protocol_start(args.model)
        body = f"""\
## Ranking: protocol-started order (`benchmarks/bench_rank.py --protocol-only`)

Before the first include and exclude, `review screen` orders the records by their TF-IDF cosine
similarity to the protocol's question ([question] text and fields), inclusion criteria and
include terms ([screening.highlight] include), with the corpus's own vocabulary and idf;
records sharing no word with it follow in the seeded random order. Measured on the 20 shared
sets, whose reviews are known (manifest.json), with each question written as its reviewers
would put it (benchmarks/protocols.toml: from the review's topic, not from the records).
Records screened before the first relevant one, median over seeds 1-5 (the protocol order
only changes with the seed through ties); "expected" is (N - R) / (R + 1) for a random order.

{table}

Protocol-started: fewer records before the first relevant one on {summary['sets_better']} of
{summary['sets']} sets, more on {summary['sets_worse']}; mean {summary['random_mean']:.1f} ->
{summary['protocol_mean']:.1f} records.
"""
        if args.no_write:
            print(body)
        else:
            update_section("rank-protocol", body)
            print(body)
        return
    if args.peer_only:
        body = peer_section(args)
        if not args.no_write:
            update_section("rank-speed", body)
        print(body)
        return
    base = json.loads(BASELINES.read_text())["datasets"]
    names = (
        args.datasets.split(",") if args.datasets
        else (list(QUICK) if args.quick else sorted(base))
    )
    results = simulations(names, args.model, 2 if args.quick else None)
    wss, summary = wss_table(results)
    stops, stop_summary = stopping_table(results)
    peer = "skipped (--no-peer)." if args.no_peer else peer_speed(
        PEER_DATASETS[:1] if args.quick else PEER_DATASETS, 1 if args.quick else 3, args.model
    )
    lat_lines = [
        (
            "| records | features built (s) | first rank, cold (s) | rank p50 (ms) "
            "| rank p95 (ms) | stopping p95 (ms) | decision -> next record p95 (ms) | target |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, target in ((10_000, 100), (100_000, 500)):
        if args.quick and n > 10_000:
            continue
        lat = latency(n, decisions=20 if args.quick else 50, warm=300)
        lat_lines.append(
            f"| {n:,} | {lat['build']:.1f} | {lat['cold']:.2f} | {lat['p50'] * 1000:.0f} "
            f"| {lat['p95'] * 1000:.0f} | {lat['stop_p95'] * 1000:.0f} "
            f"| {lat['total_p95'] * 1000:.0f} | {target} |"
        )
        print(lat_lines[-1], file=sys.stderr, flush=True)
    n_runs = sum(len(r) for r in results.values())
    body = f"""\
## Ranking and stopping (`benchmarks/bench_rank.py`{' --quick' if args.quick else ''})

Machine: {machine()}. Model `{args.model}`. Each run uses the seed and the two prior records of
an ASReview 3.0.8 `elas_u4` baseline run (../shared/data/baselines/asreview_elas_u4.json; 3-5
runs per dataset, as many as the baseline has), {n_runs} runs in all. WSS@95 excludes the priors
(Cohen 2006). Timings were taken on a shared, busy machine: compare them side by side only.

### WSS@95 against ASReview elas_u4

{wss}

Worst dataset: {summary['worst_dataset']} ({summary['worst_diff']:+.3f}); datasets more than 0.02
worse than ASReview: {summary['datasets_worse_than_0.02']}.

### Stopping (target recall 0.95, confidence 0.95)

Recall is over all relevant records (priors included) at the first record where each rule says
stop; work saved = 1 - screened / records. A rule that never stops counts as recall 1, saved 0.

{stops}

### Speed: full simulation, side by side (median of runs, wall clock of the whole command)

On the machine named above. ASReview's run ends after the last relevant record, as ours
does. The side-by-side on every set of 1,500 records or more, interleaved, CPU beside wall, is
the section "Ranking: speed against ASReview, like for like" below.

{peer}

### Decision -> next record latency, the ranker in process (synthetic texts, 2 % relevant)

The ranker alone, in this process. As reviewers meet it (`review screen` in a terminal, the
ranker in its own process) it is the section "Ranking at scale" below.

`rank` = retrain and rank every unscreened record after one more decision; `stopping` = all three
rules; 300 decisions made before timing, then one after another.

{chr(10).join(lat_lines)}
"""
    if args.no_write:
        print(body)
    else:
        update_section("rank", body)
        print(body)
    json.dump({"summary": summary, "stopping": stop_summary}, sys.stderr)


if __name__ == "__main__":
    main()
