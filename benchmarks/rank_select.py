"""Honest model selection for the ranker: leave-datasets-out over the shared screening sets.

    .venv/bin/python -m benchmarks.rank_select run NAME... [--runs 1] [--datasets A,B]
    .venv/bin/python -m benchmarks.rank_select report [NAME...] [--runs N]
    .venv/bin/python -m benchmarks.rank_select list

`run` replays every ASReview baseline run (its seed and its two priors; `--runs 1`: the first
run of each set only, to screen candidates cheaply) with a candidate model, until the last
relevant record is found, and caches WSS@95, recall at 10 % screened and CPU seconds per run in
benchmarks/out/rank-select/NAME.json (so a candidate is never run twice). `report` reads those
results and does the selection:

- Folds: the 20 sets in 5 groups (FOLDS); the two duplicated reviews (Chou_2004 with
  Cohen_2006_SkeletalMuscleRelaxants, Nelson_2002 with Cohen_2006_Estrogens) share a fold.
- Per candidate: its mean WSS@95 on each held-out fold, and on how many folds it beats
  `fast-svm`.
- Per family (a candidate with settings to tune, e.g. the weight of the LSA block): for each
  fold, the setting with the best mean on the four other folds, scored on the held-out fold.
  The family's held-out mean is what tuning that family would have given on sets it never saw.
- The whole selection (any family, any setting) the same way: choose on four folds, score on
  the fifth, rotate.
A candidate is adopted only if it beats `fast-svm` on held-out folds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks._common import ROOT, SHARED_DATA

BASELINES = SHARED_DATA / "baselines" / "asreview_elas_u4.json"
SCREENING = SHARED_DATA / "screening"
OUT = ROOT / "benchmarks" / "out" / "rank-select"
CACHE = ROOT / "benchmarks" / "out" / "rank-cache"

# Five folds, each mixing Cohen 2006 drug reviews with SYNERGY sets and sizes; the duplicated
# reviews stay together.
FOLDS: tuple[tuple[str, ...], ...] = (
    ("Bannach-Brown_2019", "Cohen_2006_ADHD", "Cohen_2006_NSAIDS", "Sep_2021"),
    ("Chou_2004", "Cohen_2006_SkeletalMuscleRelaxants", "Cohen_2006_Antihistamines",
     "Jeyaraman_2020"),
    ("Cohen_2006_BetaBlockers", "Cohen_2006_Estrogens", "Nelson_2002", "Meijboom_2021",
     "Donners_2021"),
    ("Wahono_2015_upto2008", "Cohen_2006_CalciumChannelBlockers", "Cohen_2006_Triptans"),
    ("Cohen_2006_AtypicalAntipsychotics", "Cohen_2006_OralHypoglycemics",
     "Cohen_2006_UrinaryIncontinence", "van_der_Valk_2021"),
)
REFERENCE = "fast-svm"


# A block mixed into the kernel: ("emb", 0, weight) for the word embeddings, ("lsa", dims,
# weight) for LSA (benchmarks/rank_dense.py), ("char", 0, weight) for character n-grams
# (benchmarks/rank_candidates.py).
Block = tuple[str, int, float]
# A candidate's own Ranker (benchmarks/rank_candidates.py): (texts, seed, spec, matrix) -> Ranker;
# None: the package's Ranker for the spec.
Make = Callable[[Sequence[str], int, Any, Any], Any] | None
Candidate = tuple[str, Any, tuple[Block, ...], Make]


def candidates() -> dict[str, Candidate]:
    """name -> (family, ModelSpec, blocks, ranker). A family groups the settings of one idea."""
    from benchmarks import rank_candidates as rc
    from review_cli.stages.rank import MODEL_SPECS

    base = MODEL_SPECS["fast-svm"]
    out: dict[str, Candidate] = {"fast-svm": ("fast-svm", base, (), None)}
    # the settings fast-svm was chosen from (on all 20 sets): how much of its gain holds out?
    for c in (0.11, 0.18, 0.22):
        out[f"svm-C{c}"] = ("svm C", replace(base, C=c), (), None)
    out["svm-ratio7"] = ("svm C", replace(base, pos_weight=7.0), (), None)
    for w in (0.05, 0.1, 0.25, 0.5, 1.0):
        out[f"emb-{w}"] = ("embeddings", base, (("emb", 0, w),), None)
    for dims in (100, 300):
        for w in (0.1, 0.25, 0.5):
            out[f"lsa{dims}-{w}"] = ("lsa", base, (("lsa", dims, w),), None)

    # Rank fusion: fast-svm with logistic regression (C 10, balanced) and complement naive
    # Bayes (alpha 1), every member trained on the same labels, on fast-svm's TF-IDF.
    # (Borda: the mean normalised rank; "rrf" is there, not measured: time.)
    def fusion(members: tuple[str, ...], how: str = "borda", alpha: float = 1.0) -> Make:
        return lambda texts, seed, spec, X: rc.FusionRanker(
            texts, seed, spec, matrix=X, members=members, fusion=how, alpha=alpha
        )

    for members in (("svm", "logreg"), ("svm", "cnb"), ("svm", "logreg", "cnb")):
        out["fuse-" + "+".join(members)] = ("fusion", base, (), fusion(members))
    # Added after the screening pass of fuse-svm+cnb (alpha 1 smooths a few relevant records'
    # counts over ~10^5 terms away: CNB alone scored WSS@95 -0.02 on Triptans).
    out["fuse-svm+cnb-a0.01"] = ("fusion", base, (), fusion(("svm", "cnb"), alpha=0.01))
    # Character 3-5-grams (char_wb, sublinear tf) beside the word features.
    for w in (0.25, 0.5, 1.0):
        out[f"char-{w}"] = ("char n-grams", base, (("char", 0, w),), None)
    # Controls: the block makes every row's norm sqrt(1 + w), which alone acts like a larger C
    # (C (1 + w), the intercept's share smaller). Rows scaled back to unit length, and C 0.3
    # (char-1.0's scale without the block).
    out["char-1.0-unit"] = ("char n-grams, unit rows", base, (("charunit", 0, 1.0),), None)
    out["ctl-C0.3"] = ("control: C 0.3", replace(base, C=0.3), (), None)

    # Round 3: cheaper, lighter character blocks (rank_candidates.CHAR_BLOCKS). Round 2's block
    # at a lighter weight (char-0.25 measured again beside it); 3-grams only; rare n-grams
    # pruned (min_df 3, at most 2^16); common n-grams pruned (max_df 0.1: what cuts the CPU);
    # the title alone.
    out["char-0.1"] = ("char n-grams", base, (("char", 0, 0.1),), None)
    for w in (0.1, 0.25):
        out[f"char3-{w}"] = ("char 3-grams", base, (("char3", 0, w),), None)
    out["char-df3-0.25"] = ("char n-grams, rare pruned", base, (("char-df3", 0, 0.25),), None)
    for w in (0.25, 0.5):
        out[f"char-maxdf0.1-{w}"] = (
            "char n-grams, common pruned", base, (("char-maxdf0.1", 0, w),), None
        )
    out["chartitle-0.25"] = ("char n-grams of titles", base, (("chartitle", 0, 0.25),), None)

    # Query-time choices on fast-svm.
    def query(**kw: Any) -> Make:
        return lambda texts, seed, spec, X: rc.QueryRanker(texts, seed, spec, matrix=X, **kw)

    out["q-unc-100-10"] = ("query", base, (), query(after=100, every=10))
    out["q-ratio-decay3"] = ("query", base, (), query(ratio=rc.decay(3.0)))
    out["q-ratio-grow20"] = ("query", base, (), query(ratio=rc.grow(20.0)))
    return out


def dataset_path(name: str) -> Path:
    return next(p for p in sorted((SCREENING / name).glob("records.csv*")))


_DATA: dict[str, Any] = {}


def _data(name: str) -> Any:
    from review_cli.stages import simulate

    if name not in _DATA:
        _DATA[name] = simulate.read_dataset(dataset_path(name))
    return _DATA[name]


_X: dict[tuple[str, str], Any] = {}


def _features(name: str, spec: Any, blocks: tuple[Block, ...]) -> Any:
    """The TF-IDF matrix (kept in memory), with the dense blocks appended as scaled columns
    (embeddings and LSA cached on disk): the kernel the candidate's solver sees."""
    import numpy as np

    from benchmarks import rank_dense
    from review_cli.stages.rank import features

    ds = _data(name)
    s = spec.features
    key = (name, s.key())
    if key not in _X:
        _X[key] = features(ds.texts, s)
    X = _X[key]
    if not blocks:
        return X
    dense = []
    CACHE.mkdir(parents=True, exist_ok=True)
    for kind, dims, weight in blocks:
        if _is_char(kind):  # sparse: appended on its own below
            continue
        if kind == "lsa":
            tag = hashlib.md5(s.key().encode()).hexdigest()[:8]
            path = CACHE / f"{name}-lsa{dims}-{tag}.npy"
            if not path.exists():
                np.save(path, rank_dense.lsa(X, dims))
        else:
            path = CACHE / f"{name}-emb.npy"
            if not path.exists():
                np.save(path, rank_dense.embed(ds.texts))
        dense.append((np.load(path), weight))
    X = rank_dense.with_dense(X, dense)
    for kind, _, weight in blocks:
        if _is_char(kind):
            from benchmarks import rank_candidates

            X = rank_candidates.with_sparse(X, _char(name, kind), weight)
            if kind == "charunit":
                X = rank_candidates.unit_rows(X)
    return X


def _is_char(kind: str) -> bool:
    from benchmarks.rank_candidates import CHAR_BLOCKS

    return kind == "charunit" or kind in CHAR_BLOCKS


def _char(name: str, kind: str) -> Any:
    """The character n-gram block `kind` of a set (rank_candidates.CHAR_BLOCKS; "charunit" uses
    "char"), cached on disk; on a cache miss, its size and cost are printed."""
    import scipy.sparse as sp

    from benchmarks import rank_candidates as rc

    kind = "char" if kind == "charunit" else kind
    path = CACHE / (f"{name}-char3-5.npz" if kind == "char" else f"{name}-{kind}.npz")
    if not path.exists():
        settings = dict(rc.CHAR_BLOCKS[kind])
        ds = _data(name)
        texts = ds.titles if settings.pop("field", "text") == "title" else ds.texts
        cpu = time.process_time()
        Z = rc.char_block(texts, **settings)
        print(
            f"{kind} {name}: {Z.shape[1]} n-grams, {Z.nnz / max(1, Z.shape[0]):.0f} per record, "
            f"postings {rc.postings(Z):.0f} per record, built in "
            f"{time.process_time() - cpu:.1f} s",
            file=sys.stderr, flush=True,
        )
        CACHE.mkdir(parents=True, exist_ok=True)
        sp.save_npz(path, Z, compressed=False)
    return sp.load_npz(path).tocsr()


def run(
    name: str, spec: Any, blocks: tuple[Block, ...], datasets: list[str], runs: int | None,
    make: Make = None,
) -> dict[str, Any]:
    from review_cli.stages import simulate

    path = OUT / f"{name}.json"
    done: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    base = json.loads(BASELINES.read_text())["datasets"]
    for ds_name in datasets:
        rows = done.setdefault(ds_name, {})
        todo = [r for r in base[ds_name]["runs"][:runs] if str(r["seed"]) not in rows]
        if not todo:
            continue
        X = _features(ds_name, spec, blocks)
        for r in todo:
            cpu = time.process_time()
            ranker = make(_data(ds_name).texts, r["seed"], spec, X) if make else None
            sim = simulate.run(
                _data(ds_name), seed=r["seed"], priors=[str(p + 1) for p in r["prior_rows"]],
                model=spec, matrix=X, with_stopping=False, ranker=ranker,
            )
            rows[str(r["seed"])] = {
                "wss95": sim.metrics["wss@95"], "recall10": sim.metrics["recall"]["10%"],
                "cpu": round(time.process_time() - cpu, 3), "asreview": r["wss95"],
            }
            print(
                f"{name} {ds_name} seed {r['seed']}: {sim.metrics['wss@95']:.4f} "
                f"(ASReview {r['wss95']:.4f}) {rows[str(r['seed'])]['cpu']:.1f} s",
                file=sys.stderr, flush=True,
            )
        OUT.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(done, indent=1, sort_keys=True))
    return done


# --- the selection ------------------------------------------------------------------------------
def load(name: str) -> dict[str, Any]:
    path = OUT / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def per_set(results: dict[str, Any], seeds: dict[str, list[str]], key: str = "wss95") -> dict[
    str, float
]:
    """Mean of `key` per dataset over the given seeds (a set missing a seed is left out)."""
    out = {}
    for ds_name, want in seeds.items():
        rows = results.get(ds_name, {})
        if all(s in rows for s in want):
            out[ds_name] = statistics.mean(rows[s][key] for s in want)
    return out


def fold_mean(scores: dict[str, float], fold: tuple[str, ...]) -> float:
    return statistics.mean(scores[d] for d in fold)


def select(
    scores: dict[str, dict[str, float]], names: list[str]
) -> tuple[dict[str, float], list[str]]:
    """Leave-one-fold-out: for each fold the name with the best mean over the other folds'
    sets; returns the chosen name's score on every held-out set, and the choice per fold."""
    held: dict[str, float] = {}
    chosen = []
    for k, fold in enumerate(FOLDS):
        train = [d for j, f in enumerate(FOLDS) if j != k for d in f]
        best = max(
            names, key=lambda n: (statistics.mean(scores[n][d] for d in train), n == REFERENCE)
        )
        chosen.append(best)
        for d in fold:
            held[d] = scores[best][d]
    return held, chosen


def report(names: list[str], runs: int | None) -> str:
    base = json.loads(BASELINES.read_text())["datasets"]
    seeds = {d: [str(r["seed"]) for r in base[d]["runs"][:runs]] for f in FOLDS for d in f}
    peer = {d: statistics.mean(r["wss95"] for r in base[d]["runs"][:runs]) for d in seeds}
    fams = candidates()
    scores, recall, cpu = {}, {}, {}
    for n in names:
        res = load(n)
        s = per_set(res, seeds)
        if len(s) == len(seeds):
            scores[n] = s
            recall[n] = per_set(res, seeds, "recall10")
            cpu[n] = per_set(res, seeds, "cpu")
    if REFERENCE not in scores:
        return f"{REFERENCE} has no complete results for these runs: run it first"
    ref = scores[REFERENCE]
    lines = [
        f"runs per set: {'all' if runs is None else runs}; WSS@95 means per set, then over sets",
        "",
        "| candidate | family | mean (20) | vs ASReview | "
        + " | ".join(f"fold {k + 1}" for k in range(len(FOLDS)))
        + " | folds won vs fast-svm | worst set vs ASReview | recall@10% | CPU s |",
        "|---|---|---:|---:|" + "---:|" * len(FOLDS) + "---:|---|---:|---:|",
    ]
    peer_mean = statistics.mean(peer.values())
    for n, s in sorted(scores.items(), key=lambda kv: -statistics.mean(kv[1].values())):
        folds = [fold_mean(s, f) for f in FOLDS]
        won = sum(1 for f in FOLDS if fold_mean(s, f) > fold_mean(ref, f) + 1e-9)
        worst = min(seeds, key=lambda d: s[d] - peer[d])
        lines.append(
            f"| {n} | {fams.get(n, ('?',))[0]} | {statistics.mean(s.values()):.4f} "
            f"| {statistics.mean(s.values()) - peer_mean:+.4f} | "
            + " | ".join(f"{v:.4f}" for v in folds)
            + f" | {won}/{len(FOLDS)} | {worst} {s[worst] - peer[worst]:+.3f} "
            f"| {statistics.mean(recall[n].values()):.3f} | {sum(cpu[n].values()):.0f} |"
        )
    lines += [
        "",
        "| family: settings tuned on 4 folds, scored on the 5th | held-out mean "
        "| fast-svm | difference | folds won | chosen per fold |",
        "|---|---:|---:|---:|---:|---|",
    ]
    families: dict[str, list[str]] = {}
    for n in scores:
        families.setdefault(fams.get(n, (n,))[0], []).append(n)
    for fam, members in sorted(families.items()):
        if fam != REFERENCE:  # fast-svm itself is a setting of every family (weight 0)
            members = [*members, REFERENCE]
        held, chosen = select(scores, members)
        won = sum(1 for f in FOLDS if fold_mean(held, f) > fold_mean(ref, f) + 1e-9)
        m = statistics.mean(held.values())
        lines.append(
            f"| {fam} ({len(members)}) | {m:.4f} | {statistics.mean(ref.values()):.4f} "
            f"| {m - statistics.mean(ref.values()):+.4f} | {won}/{len(FOLDS)} "
            f"| {', '.join(chosen)} |"
        )
    held, chosen = select(scores, list(scores))
    m = statistics.mean(held.values())
    lines.append(
        f"| **any candidate** ({len(scores)}) | {m:.4f} | {statistics.mean(ref.values()):.4f} "
        f"| {m - statistics.mean(ref.values()):+.4f} "
        f"| {sum(1 for f in FOLDS if fold_mean(held, f) > fold_mean(ref, f) + 1e-9)}/{len(FOLDS)} "
        f"| {', '.join(chosen)} |"
    )
    return "\n".join(lines)


def per_set_table(names: list[str], runs: int | None) -> str:
    """WSS@95 (mean over the runs), recall at 10 % screened and CPU seconds per set."""
    base = json.loads(BASELINES.read_text())["datasets"]
    seeds = {d: [str(r["seed"]) for r in base[d]["runs"][:runs]] for f in FOLDS for d in f}
    results = {n: load(n) for n in names}
    head = "| fold | dataset | ASReview WSS@95 | " + " | ".join(
        f"{n} WSS@95 / recall@10% / CPU s" for n in names
    ) + " |"
    lines = [head, "|---:|---|---:|" + "---:|" * len(names)]
    for k, fold in enumerate(FOLDS):
        for d in fold:
            peer = statistics.mean(r["wss95"] for r in base[d]["runs"][:runs])
            cells = []
            for n in names:
                rows = results[n].get(d, {})
                if not all(s in rows for s in seeds[d]):
                    cells.append("")
                    continue
                got = [rows[s] for s in seeds[d]]
                cells.append(
                    f"{statistics.mean(g['wss95'] for g in got):.3f} / "
                    f"{statistics.mean(g['recall10'] for g in got):.3f} / "
                    f"{statistics.mean(g['cpu'] for g in got):.2f}"
                )
            lines.append(f"| {k + 1} | {d} | {peer:.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("action", choices=("run", "report", "list"))
    ap.add_argument("names", nargs="*")
    ap.add_argument("--runs", type=int, default=None, help="baseline runs per set (default all)")
    ap.add_argument("--datasets", help="comma-separated sets (default all 20)")
    ap.add_argument(
        "--write", action="store_true", help="report: also write the rank-select section of "
        "BENCHMARKS.md (the screening pass, --runs 1, and the candidates run on every run)"
    )
    ap.add_argument(
        "--round", type=int, default=1, help="--write: the section of that round of candidates "
        "(round 1: embeddings, LSA, SVM C; round 2: fusion, character n-grams, query-time; "
        "round 3: cheaper character n-grams)"
    )
    args = ap.parse_args()
    cands = candidates()
    if args.action == "list":
        for n, (fam, *_) in cands.items():
            print(n, fam)
        return
    if args.action == "run":
        datasets = args.datasets.split(",") if args.datasets else [d for f in FOLDS for d in f]
        for n in args.names:
            run(n, cands[n][1], cands[n][2], datasets, args.runs, cands[n][3])
        return
    names = args.names or sorted(p.stem for p in OUT.glob("*.json"))
    if args.write:
        write_section(names, args.round)
        return
    print(report(names, args.runs))
    print()
    print(per_set_table(names, args.runs))


# Each round of candidates has its own BENCHMARKS.md section, so writing one round keeps the
# other's tables (their result files need not be on the machine that writes).
ROUNDS = {
    1: ("rank-select", "", "Dense blocks (embeddings, LSA) come from `benchmarks/rank_dense.py`."),
    2: ("rank-select-2", ", round 2: rank fusion, character n-grams, query-time choices",
        "The candidates come from `benchmarks/rank_candidates.py`."),
    3: ("rank-select-3", ", round 3: cheaper and lighter character n-grams",
        "The character blocks are `CHAR_BLOCKS` in `benchmarks/rank_candidates.py`."),
}


def write_section(names: list[str], round_: int = 1) -> None:
    from benchmarks._common import machine, update_section

    full = [n for n in names if per_set(load(n), {
        d: [str(r["seed"]) for r in json.loads(BASELINES.read_text())["datasets"][d]["runs"]]
        for f in FOLDS for d in f
    }).keys() == {d for f in FOLDS for d in f}]
    n_runs = sum(len(v["runs"]) for v in json.loads(BASELINES.read_text())["datasets"].values())
    section, title, where = ROUNDS[round_]
    body = f"""\
## Ranking: model selection on held-out folds{title} (`benchmarks/rank_select.py`)

Machine: {machine()}. Each candidate replays the ASReview `elas_u4` baseline runs (same seeds
and priors) until the last relevant record; WSS@95 excludes the priors. Folds: {len(FOLDS)}
groups of the 20 shared sets, the duplicated reviews (Chou_2004 with
Cohen_2006_SkeletalMuscleRelaxants, Nelson_2002 with Cohen_2006_Estrogens) in one fold. "folds
won" compares a candidate's mean on each held-out fold with `fast-svm`'s; a family's held-out
mean tunes its setting on four folds (fast-svm, i.e. weight 0, is always one of the choices)
and scores it on the fifth. CPU seconds: the replays of one run per set, summed over the sets,
on a busy shared machine. {where}
Adopted: none (docs/rank.md says why); the default stays `fast-svm`.

### Screening pass: every candidate, first baseline run of each set

{report(names, 1)}

### Every baseline run ({n_runs} runs), the candidates that passed the screening

{report(full, None)}

Per set (mean over the runs):

{per_set_table(full, None)}
"""
    update_section(section, body)
    print(body)


if __name__ == "__main__":
    main()
