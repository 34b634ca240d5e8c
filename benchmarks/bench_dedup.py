"""Dedup benchmark: our rules vs the true clusters of the shared sets, side by side with bib-dedupe.

    .venv/bin/python -m benchmarks.bench_dedup [--no-peer] [--runs N] [--no-synthetic] [--no-write]

For each set in ../shared/data/dedup/<set>/records.csv: records, predicted pairs, TP, FP, FN,
precision, sensitivity and seconds (median of --runs), fully automatic (uncertain pairs are not
merged). bib-dedupe 0.11.0 runs on the same files in its own virtualenv
(benchmarks/.venv-bibdedupe, created with pip when missing; never a project dependency).
Then a 100,000-record synthetic set built by perturbing realistic records (case, journal
abbreviations, author formats, missing fields, page formats, notes) is deduplicated once and
its time and peak memory are measured in a fresh process.

Exits 1 when our dedup makes a false-positive pair on any real set. Writes the `dedup` section
of BENCHMARKS.md unless --no-write.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, SHARED_DATA, machine, median_time, update_section
from benchmarks.dedup_labels import listed
from review_cli.io import normalise
from review_cli.model import Record
from review_cli.stages.dedup._match import dedup_records, make_keys

SETS = ("cytology_screening", "haematology", "respiratory", "diabetes", "special_cases")
PEER_VENV = ROOT / "benchmarks" / ".venv-bibdedupe"
PEER_VERSION = "0.11.0"
BASELINES = SHARED_DATA / "baselines" / "bibdedupe.json"

Pair = tuple[str, str]


def load_set(path: Path) -> tuple[list[Record], dict[str, str]]:
    """Records of one benchmark CSV (normalised as `review import` would) and the true group
    of each record id."""
    records = []
    truth = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            raw: dict[str, Any] = dict(row)
            raw["authors"] = [a for a in row.get("authors", "").split(" and ") if a.strip()]
            raw["type"] = row.get("entrytype", "")
            if not row.get("journal") and row.get("booktitle"):
                raw["journal"] = row["booktitle"]
            rid = row["record_id"]
            records.append(Record(id=rid, source="benchmark", **normalise.fields(raw)))
            truth[rid] = row["duplicate_group"]
    return records, truth


def pairs_of(groups: Iterable[Iterable[str]]) -> set[Pair]:
    out: set[Pair] = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(set(g)), 2):
            out.add((a, b))
    return out


def true_pairs(truth: dict[str, str]) -> set[Pair]:
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, g in truth.items():
        groups[g].append(rid)
    return pairs_of(groups.values())


def ours(records: list[Record]) -> set[Pair]:
    keys = make_keys(records)
    _, result = dedup_records(keys)
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, cid in result.cluster_of.items():
        groups[cid].append(rid)
    return pairs_of(groups.values())


def score(predicted: set[Pair], true: set[Pair]) -> dict[str, Any]:
    tp = len(predicted & true)
    fp = len(predicted - true)
    fn = len(true - predicted)
    return {
        "predicted": len(predicted), "tp": tp, "fp": fp, "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "sensitivity": tp / len(true) if true else 1.0,
    }


# --- the peer, in its own virtualenv -------------------------------------------------------
PEER_SCRIPT = """
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
df = df.rename(columns={"record_id": "ID", "authors": "author", "issue": "number", \
"entrytype": "ENTRYTYPE"})
if "ENTRYTYPE" not in df.columns:
    df["ENTRYTYPE"] = "article"
df["ENTRYTYPE"] = df["ENTRYTYPE"].replace("", "article")
keep = [c for c in ("ID", "ENTRYTYPE", "title", "author", "year", "journal", "booktitle", \
"volume", "number", "pages", "doi", "abstract") if c in df.columns]
df = df[keep]
t0 = time.perf_counter()
import resource
def _cpu():
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF), \
resource.getrusage(resource.RUSAGE_CHILDREN)))
c0 = _cpu()
records = prep(df, verbosity_level=0)
pairs = block(records, verbosity_level=0)
matched = match(pairs, verbosity_level=0)
groups = cluster(matched, verbosity_level=0)
seconds = time.perf_counter() - t0
cpu = _cpu() - c0
print(json.dumps({"seconds": seconds, "cpu": cpu, "groups": [sorted(map(str, g)) for g in groups]}))
"""


def peer_python() -> Path | None:
    py = PEER_VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {PEER_VENV} with bib-dedupe {PEER_VERSION} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
            subprocess.run(
                [str(py), "-m", "pip", "install", "--quiet", f"bib-dedupe=={PEER_VERSION}"],
                check=True,
            )
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"could not install bib-dedupe: {e}", file=sys.stderr)
            return None
    return py


def peer(py: Path, path: Path) -> tuple[set[Pair], float, float] | None:
    proc = subprocess.run([str(py), "-c", PEER_SCRIPT, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"bib-dedupe failed on {path}: {proc.stderr[-500:]}", file=sys.stderr)
        return None
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return pairs_of(data["groups"]), float(data["seconds"]), float(data["cpu"])


# --- the 100,000-record synthetic set ----------------------------------------------------
SYNTH_SCRIPT = """
import json, resource, sys, time
from benchmarks.synth_dedup import synthetic_set
from review_cli.stages.dedup._match import dedup_records, make_keys
records, truth = synthetic_set(int(sys.argv[1]), seed=7)
t0 = time.perf_counter()
r0 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
matches, result = dedup_records(make_keys(records))
seconds = time.perf_counter() - t0
r1 = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
cpu = sum(b.ru_utime + b.ru_stime - a.ru_utime - a.ru_stime for a, b in zip(r0, r1))
# peak resident memory of this process (building the set included); no worker processes
peak = (r1[0].ru_maxrss + r1[1].ru_maxrss) / 1024
pred = {}
for rid, cid in result.cluster_of.items():
    pred.setdefault(cid, []).append(rid)
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "compared": result.compared, \
"pred": list(pred.values()), "truth": truth}))
"""


def synthetic(n: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", SYNTH_SCRIPT, str(n)], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if proc.returncode != 0:
        raise SystemExit(f"synthetic run failed: {proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    s = score(pairs_of(data["pred"]), true_pairs(data["truth"]))
    return {
        "records": n, "seconds": data["seconds"], "cpu": data["cpu"], "peak_mb": data["peak_mb"],
        "compared": data["compared"], **s,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peer", action="store_true", help="skip bib-dedupe")
    ap.add_argument("--runs", type=int, default=3, help="timing runs per set (median)")
    ap.add_argument("--no-synthetic", action="store_true", help="skip the 100,000-record set")
    ap.add_argument("--synthetic-size", type=int, default=100_000)
    ap.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = ap.parse_args(argv)

    base = SHARED_DATA / "dedup"
    if not base.is_dir():
        print(f"{base} is absent: nothing to measure", file=sys.stderr)
        return 0
    baselines = json.loads(BASELINES.read_text()) if BASELINES.exists() else {}
    py = None if args.no_peer else peer_python()
    rows = []
    misses: list[str] = []
    failed = False
    header = (
        "| set | records | true pairs | tool | predicted | TP | FP | FN | precision | sensitivity "
        "| seconds |"
    )
    rule = "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    print(header)
    print(rule)
    for name in SETS:
        path = base / name / "records.csv"
        if not path.exists():
            continue
        records, truth = load_set(path)
        true = true_pairs(truth)
        cpu0 = time.process_time()
        seconds, predicted = median_time(lambda records=records: ours(records), runs=args.runs)
        cpu = (time.process_time() - cpu0) / max(1, args.runs)
        s = score(predicted, true)
        failed |= s["fp"] > 0
        line = _row(name, len(records), len(true), "review", s, seconds, cpu=cpu)
        rows.append(line)
        print(line, flush=True)
        got = None
        if py is not None:
            got = peer(py, path)
            if got is not None:
                line = _row(
                    name, len(records), len(true), f"bib-dedupe {PEER_VERSION}",
                    score(got[0], true), got[1], seconds, cpu=got[2],
                )
                rows.append(line)
                print(line, flush=True)
        elif name in baselines:
            b = baselines[name]
            peer_s = {"predicted": b["tp"] + b["fp"], "tp": b["tp"], "fp": b["fp"], "fn": b["fn"],
                      "precision": b["tp"] / max(1, b["tp"] + b["fp"]),
                      "sensitivity": b["sensitivity"]}
            line = _row(
                name, len(records), len(true), "bib-dedupe (published baseline)", peer_s,
                b["seconds"], seconds,
            )
            rows.append(line)
            print(line, flush=True)
        misses.append(_misses(name, predicted, true, got[0] if got else None))
    print(f"\n{MISS_HEADER}\n{MISS_RULE}\n" + "\n".join(misses))
    synth = None
    if not args.no_synthetic:
        synth = synthetic(args.synthetic_size)
        print(
            f"\nsynthetic {synth['records']:,} records: {synth['seconds']:.1f} s "
            f"({synth['cpu']:.1f} s CPU), peak {synth['peak_mb']:.0f} MB, "
            f"{synth['compared']:,} pairs compared, FP {synth['fp']}, "
            f"sensitivity {synth['sensitivity']:.3f}"
        )
    if not args.no_write:
        update_section("dedup", _section(rows, synth, header, rule, args.runs, misses))
    if failed:
        print("FAIL: false-positive pairs", file=sys.stderr)
    return 1 if failed else 0


MISS_HEADER = (
    "| set | missed pairs | label errors | doubtful | real misses | not yet classified | "
    "sensitivity without the label errors | bib-dedupe, same truth |"
)
MISS_RULE = "|---|---:|---:|---:|---:|---:|---:|---:|"


def _misses(
    name: str, predicted: set[Pair], true: set[Pair], peer_pred: set[Pair] | None = None
) -> str:
    """Our missed pairs by class (benchmarks/dedup_labels.py) and the sensitivity when the
    pairs that join two different documents are left out of the truth."""
    known = listed(name)
    fn = true - predicted
    by = {
        c: sum(1 for p in fn if known.get(p, ("",))[0] == c) for c in ("label", "doubtful", "miss")
    }
    unlisted = sum(1 for p in fn if p not in known)
    label = {p for p, (c, _) in known.items() if c == "label"} & true
    kept = true - label
    sens = len(predicted & kept) / len(kept) if kept else 1.0
    peer_sens = (
        f"{len(peer_pred & kept) / len(kept):.4f}" if peer_pred is not None and kept else "-"
    )
    return (
        f"| {name} | {len(fn)} | {by['label']} | {by['doubtful']} | {by['miss']} | {unlisted} | "
        f"{sens:.4f} ({len(predicted & kept)}/{len(kept)}) | {peer_sens} |"
    )


def _row(
    name: str, n: int, true: int, tool: str, s: dict[str, Any], seconds: float,
    ours_seconds: float | None = None, cpu: float | None = None,
) -> str:
    speed = f" ({seconds / ours_seconds:.0f}x ours)" if ours_seconds else ""
    if cpu is not None:
        speed = f" / {cpu:.2f} CPU" + speed
    return (
        f"| {name} | {n:,} | {true:,} | {tool} | {s['predicted']:,} | {s['tp']:,} "
        f"| {s['fp']} | {s['fn']} | "
        f"{s['precision']:.4f} | {s['sensitivity']:.4f} | {seconds:.2f}{speed} |"
    )


def _section(
    rows: list[str], synth: dict[str, Any] | None, header: str, rule: str, runs: int,
    misses: list[str],
) -> str:
    lines = [
        "## Dedup (`benchmarks/bench_dedup.py`)",
        "",
        (
            f"Machine: {machine()}. Fully automatic (uncertain pairs not merged), "
            "pair level against the"
        ),
        (
            f"true clusters of `shared/data/dedup`; our seconds are the median of {runs} runs "
            "of the whole"
        ),
        (
            "dedup (normalising, blocking, rules, clustering); bib-dedupe's are "
            "prep+block+match+cluster in"
        ),
        (
            "its own virtualenv on the same file, one run. Seconds are wall / CPU "
            "(user + system, the peer's"
        ),
        "worker processes included).",
        "",
        header,
        rule,
        *rows,
        "",
        (
            "Every pair we miss was read side by side and classed in "
            "`benchmarks/dedup_labels.py` (reasons in"
        ),
        (
            "docs/dedup.md): a label error joins two different documents "
            "(an erratum and its article, a letter"
        ),
        "and the reply, two trials, two meeting abstracts), which the guards must keep apart.",
        "",
        MISS_HEADER,
        MISS_RULE,
        *misses,
    ]
    if synth:
        lines += [
            "",
            f"Synthetic set: {synth['records']:,} records (perturbed realistic records, "
            "`benchmarks/synth_dedup.py`): "
            f"{synth['seconds']:.1f} s wall ({synth['cpu']:.1f} s CPU), "
            f"peak memory {synth['peak_mb']:.0f} MB "
            f"(whole process, including building the set), {synth['compared']:,} pairs compared, "
            f"{synth['fp']} false-positive pairs, sensitivity {synth['sensitivity']:.3f}.",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    t = time.perf_counter()
    code = main()
    print(f"({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    raise SystemExit(code)
