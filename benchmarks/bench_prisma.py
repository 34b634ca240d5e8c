"""How long `review prisma` takes on a 100,000-record review.

Builds a synthetic review (records with realistic titles and abstracts, 5 sources incl. a
register and citation searching, ~18% duplicates, a date limit, two reviewers deciding every
screened unit at title/abstract, full-text decisions with three reasons), then times the
commands `review prisma` and `review prisma --check` (read everything, check the arithmetic,
write the inclusion log and the four PRISMA files, update review.lock), with and without the
records' summary cache, median of several runs.

    .venv/bin/python -m benchmarks.bench_prisma [--records 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks._common import as_installed, machine, update_section
from review_cli.io.writer import write_bytes, write_jsonl
from review_cli.model import Decision, Origin, Record, Stage, Verdict
from review_cli.project import Project

PROTOCOL = """\
schema = 1
[review]
title = "Synthetic benchmark review"
[[exclusion_reasons]]
code = "population"
label = "Wrong population"
[[exclusion_reasons]]
code = "design"
label = "Wrong study design"
[[exclusion_reasons]]
code = "outcome"
label = "No relevant outcome"
[[sources]]
name = "MEDLINE"
[[sources]]
name = "Embase"
[[sources]]
name = "CINAHL"
[[sources]]
name = "ClinicalTrials.gov"
kind = "register"
[[sources]]
name = "Citation searching"
kind = "citation searching"
[limits]
year_from = 2000
[[reviewers]]
name = "alice"
[[reviewers]]
name = "bob"
[screening]
final = "single"
"""
SOURCES = [
    ("MEDLINE", 0.38), ("Embase", 0.34), ("CINAHL", 0.18), ("ClinicalTrials.gov", 0.06),
    ("Citation searching", 0.04),
]
WORDS = ("care integrated coproduction carers patients community health social outcomes trial "
         "qualitative services primary hospital discharge older adults participation design "
         "evaluation cohort").split()


def build(root: Path, n: int, seed: int = 7) -> tuple[Project, int]:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "review.toml").write_text(PROTOCOL, encoding="utf-8")
    project = Project(root)
    names = [s for s, _ in SOURCES]
    weights = [w for _, w in SOURCES]
    records = []
    for i in range(n):
        source = rng.choices(names, weights)[0]
        rid = f"r{i:07d}"
        records.append(Record(
            id=rid, source=source, title=" ".join(rng.choices(WORDS, k=14)).capitalize(),
            authors=tuple(f"Author{rng.randrange(5000)}, A" for _ in range(5)),
            year=rng.randrange(1990, 2025),
            journal="Journal of Integrated Care", abstract=" ".join(rng.choices(WORDS, k=170)),
            keywords=("care", "integration"), language="English",
            origins=(Origin(source, f"searches/{source.lower()}/export.ris", f"#{i}", 40 * i + 1),),
        ).to_json())
    write_jsonl(project.records_path, records)
    # ~18% of records are duplicates of an earlier one.
    clusters: dict[str, list[str]] = {}
    order: list[str] = []
    for row in records:
        if order and rng.random() < 0.18:
            clusters[rng.choice(order[-5000:])].append(row["id"])
        else:
            clusters[row["id"]] = [row["id"]]
            order.append(row["id"])
    write_jsonl(
        project.clusters_path,
        ({"id": cid, "records": m, "links": []} for cid, m in clusters.items()),
    )
    years = {r["id"]: r["year"] for r in records}
    ta_lines: dict[str, list[str]] = {"alice": [], "bob": []}
    ft_lines: list[str] = []
    decided = 0
    for cid, members in clusters.items():
        if max(years[m] for m in members) < 2000:
            continue  # ineligible by the date limit
        include = rng.random() < 0.08
        for reviewer in ("alice", "bob"):
            d = Decision(cid, Verdict.INCLUDE if include else Verdict.EXCLUDE, Stage.TITLE_ABSTRACT,
                         reviewer, "2026-01-01T00:00:00Z", "" if include else "population")
            ta_lines[reviewer].append(_line(d))
        decided += 1
        if include:
            roll = rng.random()
            verdict, reason = (
                (Verdict.INCLUDE, "") if roll < 0.3
                else (Verdict.NOT_RETRIEVED, "") if roll < 0.35
                else (Verdict.EXCLUDE, rng.choice(["population", "design", "outcome"]))
            )
            ft_lines.append(_line(Decision(
                cid, verdict, Stage.FULL_TEXT, "alice", "2026-02-01T00:00:00Z", reason
            )))
    for reviewer, lines in ta_lines.items():
        write_bytes(project.decisions_path(Stage.TITLE_ABSTRACT, reviewer), "".join(lines).encode())
    write_bytes(project.decisions_path(Stage.FULL_TEXT, "alice"), "".join(ft_lines).encode())
    return project, decided


def median_command(
    argv: list[str], cwd: Path, runs: int, before: Callable[[], None] = lambda: None
) -> tuple[float, float]:
    """Median wall seconds of a command, and its median CPU seconds (user + system); `before`
    runs ahead of each run (e.g. removing the cache)."""
    walls, cpus = [], []
    for _ in range(runs):
        before()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)
        assert done.returncode == 0, done.stderr
    return statistics.median(walls), statistics.median(cpus)


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3]) + "."
    except OSError:
        return "load average unknown."


def _line(d: Decision) -> str:
    from review_cli.io.writer import dumps_line

    return dumps_line(d.to_json()).decode("utf-8") + "\n"


TARGETS = {"warm": 2.0, "cold": 4.0}  # seconds at 100,000 records; a 20,000-record review: 1 s


def measure(
    root: Path, n: int, runs: int
) -> tuple[list[tuple[str, float, float, float]], dict[str, int], int]:
    """(case, wall, CPU, target) rows for a review of `n` records, its counts and decided units."""
    project, decided = build(root, n)
    review = [sys.executable, "-m", "review_cli", "prisma"]
    subprocess.run(review, cwd=project.root, capture_output=True, check=True)
    counts = json.loads(project.prisma_json_path.read_text())["counts"]

    def no_cache() -> None:
        project.flow_cache_path.unlink(missing_ok=True)

    rows = []
    for case, argv, before in (
        ("`review prisma`, no cache (a fresh clone, or new records)", review, no_cache),
        ("`review prisma --check`, no cache (a fresh CI clone)", [*review, "--check"], no_cache),
        ("`review prisma`, with the cache", review, lambda: None),
        ("`review prisma --check`, with the cache", [*review, "--check"], lambda: None),
    ):
        if "with the cache" in case:
            # leaves the cache
            subprocess.run(review, cwd=project.root, capture_output=True, check=True)
        wall, cpu = median_command(argv, project.root, runs, before)
        target = 1.0 if n <= 20_000 else TARGETS["warm" if "with the cache" in case else "cold"]
        rows.append((case, wall, cpu, target))
        print(f"{n:,} records: {case}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    return rows, counts, decided


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = []
        for n in (args.records, args.small):
            rows, counts, decided = measure(Path(tmp) / f"review-{n}", n, args.runs)
            if n == args.records:
                c, big_decided = counts, decided
                size = (Path(tmp) / f"review-{n}" / "import" / "records.jsonl").stat().st_size
            table += [(n, *row) for row in rows]
    lines = "\n".join(
        f"| {n:,} | {case} | {wall:.2f} | {cpu:.2f} | "
        f"< {target:.0f} s: {'met' if wall < target else 'MISSED'} |"
        for n, case, wall, cpu, target in table
    )
    body = f"""## prisma

`benchmarks/bench_prisma.py`: `review prisma` and `review prisma --check` run as commands (a
subprocess each, interpreter start-up included) on a synthetic review of {args.records:,} records
({size / 1e6:.0f} MB of records.jsonl, 5 sources incl. a register and citation searching),
{c['duplicates'] + c['other_duplicates']:,} duplicates, \
{c['excluded_automatic'] + c['other_excluded_automatic']:,} records
outside the date limit, two reviewers deciding all {big_decided:,} screened units at title/abstract
and {c['dbr_sought_reports'] + c['other_sought_reports']:,} full texts decided; \
and on one of {args.small:,} records built the same way.
One process, no child. Machine: {machine()}. Median of {args.runs} runs.

| records | command | wall s | CPU s | target |
|---:|---|---:|---:|---|
{lines}

The cache is the records' summaries (id, source, title, year, language) and the units the clusters
make of them, in `.review/`, keyed by the sha256 of records.jsonl and clusters.jsonl and the
sources' kinds, written by the `review prisma` that first needs it (not by `--check`, which
writes nothing). Without it, every line of records.jsonl is decoded. CPU
seconds are shown next to wall seconds because the machine is shared: {load_average()}
"""
    print(body)
    if args.records == 100_000:
        update_section("prisma", body)


if __name__ == "__main__":
    main()
