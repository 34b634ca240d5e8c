"""How long `review prisma` takes on a 100,000-record review.

Builds a synthetic review (records with realistic titles and abstracts, 5 sources incl. a
register and citation searching, ~18% duplicates, a date limit, two reviewers deciding every
screened unit at title/abstract, full-text decisions with three reasons), then times
`stages.prisma.run` (read everything, check the arithmetic, write the inclusion log and the four
PRISMA files, update review.lock) and `review prisma --check`, median of several runs.

    .venv/bin/python -m benchmarks.bench_prisma [--records 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import compileall
import ctypes
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import review_cli
from benchmarks._common import machine, median_time, update_section
from review_cli.io.writer import sha256_file, write_bytes, write_jsonl
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
SOURCES = [("MEDLINE", 0.38), ("Embase", 0.34), ("CINAHL", 0.18), ("ClinicalTrials.gov", 0.06), ("Citation searching", 0.04)]
WORDS = ("care integrated coproduction carers patients community health social outcomes trial qualitative "
         "services primary hospital discharge older adults participation design evaluation cohort").split()


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
            authors=tuple(f"Author{rng.randrange(5000)}, A" for _ in range(5)), year=rng.randrange(1990, 2025),
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
    write_jsonl(project.clusters_path, ({"id": cid, "records": m, "links": []} for cid, m in clusters.items()))
    years = {r["id"]: r["year"] for r in records}
    ta_lines: dict[str, list[str]] = {"alice": [], "bob": []}
    ft_lines: list[str] = []
    decided = 0
    for cid, members in clusters.items():
        if max(years[m] for m in members) < 2000:
            continue  # ineligible by the date limit
        include = rng.random() < 0.08
        for reviewer in ("alice", "bob"):
            d = Decision(cid, Verdict.INCLUDE if include else Verdict.EXCLUDE, Stage.TITLE_ABSTRACT, reviewer,
                         "2026-01-01T00:00:00Z", "" if include else "population")
            ta_lines[reviewer].append(_line(d))
        decided += 1
        if include:
            roll = rng.random()
            verdict, reason = ((Verdict.INCLUDE, "") if roll < 0.3 else (Verdict.NOT_RETRIEVED, "") if roll < 0.35
                               else (Verdict.EXCLUDE, rng.choice(["population", "design", "outcome"])))
            ft_lines.append(_line(Decision(cid, verdict, Stage.FULL_TEXT, "alice", "2026-02-01T00:00:00Z", reason)))
    for reviewer, lines in ta_lines.items():
        write_bytes(project.decisions_path(Stage.TITLE_ABSTRACT, reviewer), "".join(lines).encode())
    write_bytes(project.decisions_path(Stage.FULL_TEXT, "alice"), "".join(ft_lines).encode())
    return project, decided


def median_cpu(fn: Callable[[], Any], runs: int) -> float:
    """Median process (CPU) seconds: less sensitive than wall time to other load on the machine."""
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def adopt_orphans() -> None:
    """Become the parent of the processes a command leaves running (Linux), so that
    `median_command` can wait for them and count their CPU time."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def median_command(argv: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median wall seconds of a command, and CPU seconds (user + system) of it and of every
    process it started, including one left to finish in the background (see `adopt_orphans`)."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        while True:  # the background child of a cold `review prisma`, writing the cache
            try:
                os.waitpid(-1, 0)
            except ChildProcessError:
                break
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        assert done.returncode == 0, done.stderr
    return statistics.median(walls), statistics.median(cpus)


def median_cold(argv: list[str], project: Project, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a command run with no `.review/` cache each time. A cold
    `review prisma` returns before its child has written the cache (see stages/include.py):
    `median_command` waits for that child, so the next run starts on an idle second core."""
    cold = []
    for _ in range(runs):
        shutil.rmtree(project.cache_dir, ignore_errors=True)
        cold.append(median_command(argv, project.root, 1))  # waits for the cache to be written
        assert ("--check" in argv) != project.prisma_cache_path.exists()
        time.sleep(0.2)
    return statistics.median(c[0] for c in cold), statistics.median(c[1] for c in cold)


def load_average() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3]) + "."
    except OSError:
        return "load average unknown."


def _line(d: Decision) -> str:
    from review_cli.io.writer import dumps_line

    return dumps_line(d.to_json()) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from review_cli.stages import include, prisma
    from review_cli.stages.import_ import load_records

    # Bytecode for the package, as `pip install` compiles it: this environment sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would compile every module on each command.
    compileall.compile_dir(Path(review_cli.__file__).parent, quiet=1)
    adopt_orphans()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        project, decided = build(Path(tmp) / "review", args.records)
        size = project.records_path.stat().st_size
        print(f"built {args.records} records ({size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        run_s, result = median_time(lambda: prisma.run(project), args.runs)
        run_cpu = median_cpu(lambda: prisma.run(project), args.runs)
        check_s, checked = median_time(lambda: prisma.check(project), args.runs)
        check_cpu = median_cpu(lambda: prisma.check(project), args.runs)
        assert checked.ok
        cli_s, cli_cpu = median_command([sys.executable, "-m", "review_cli", "prisma"], project.root, args.runs)
        cli_check_s, cli_check_cpu = median_command([sys.executable, "-m", "review_cli", "prisma", "--check"], project.root, args.runs)
        # Cold: the first run after records.jsonl or clusters.jsonl changed (no cache in .review/),
        # and every `--check` in a fresh CI clone (the cache is not committed).
        cold_s, cold_cpu = median_cold([sys.executable, "-m", "review_cli", "prisma"], project, args.runs)
        cold_check_s, cold_check_cpu = median_cold([sys.executable, "-m", "review_cli", "prisma", "--check"], project, args.runs)
        # What `review dedup` adds to leave the cache warm for the first `review prisma` after it
        # (it has the records in memory and has just hashed records.jsonl and clusters.jsonl).
        records = load_records(project)
        hashes = {path: sha256_file(path) for path in (project.records_path, project.clusters_path)}
        clusters = include.cluster_rows(project)
        warm_s, _ = median_time(lambda: include.prepare_cache(project, records, clusters, hashes), args.runs)
        after_dedup_s, after_dedup_cpu = median_command([sys.executable, "-m", "review_cli", "prisma"], project.root, args.runs)
    c = result.flow.counts
    load = load_average()
    body = f"""## prisma

`benchmarks/bench_prisma.py`: a synthetic review of {args.records:,} records ({size / 1e6:.0f} MB of
records.jsonl, 5 sources incl. a register and citation searching), {c['duplicates'] + c['other_duplicates']:,}
duplicates, {c['excluded_automatic'] + c['other_excluded_automatic']:,} records outside the date limit, two reviewers deciding
all {decided:,} screened units at title/abstract and {c['dbr_sought_reports'] + c['other_sought_reports']:,} full texts decided.
Machine: {machine()}. Median of {args.runs} runs.

| step | wall seconds | CPU seconds |
|---|---|---|
| `review prisma` (stage function: read, check, write the inclusion log + 4 files, lock) | {run_s:.2f} | {run_cpu:.2f} |
| `review prisma --check` (stage function: regenerate in memory and compare) | {check_s:.2f} | {check_cpu:.2f} |
| `review prisma` as a command (incl. interpreter start-up) | {cli_s:.2f} | {cli_cpu:.2f} |
| `review prisma --check` as a command (incl. interpreter start-up) | {cli_check_s:.2f} | {cli_check_cpu:.2f} |
| `review prisma` as a command, cold (no `.review/` cache: a fresh clone, or records changed since the last dedup) | {cold_s:.2f} | {cold_cpu:.2f} |
| `review prisma --check` as a command, cold (a fresh CI clone: no `.review/` cache) | {cold_check_s:.2f} | {cold_check_cpu:.2f} |
| `review prisma` as a command, the first after `review dedup` (which left the cache warm) | {after_dedup_s:.2f} | {after_dedup_cpu:.2f} |
| what leaving the cache warm adds to `review dedup` (stage function) | {warm_s:.2f} | |

Target: under 2 s for 100,000 records, cold and warm, as commands. Record summaries, units and
the inclusion log's fixed parts are cached in `.review/` under the sha256 of records.jsonl and
clusters.jsonl, so a `review prisma` reads only the decisions unless the records or clusters
changed since; `review dedup` writes that cache itself, from the records it has in memory.
Cold (a fresh clone, or records changed without a dedup since), records.jsonl is mapped and
read once, and one forked child uses the second core: it decodes each line's head (id to
year) and language while the decisions are read, then makes the log's fixed parts while the
units are decided and counted, handing them over in chunks through shared memory, then
writes the cache (after the command has returned; its CPU time is counted above). `--check` writes nothing, not even that cache. The command does
not import pydantic, rich or scikit-learn; the package's bytecode is compiled first, as `pip
install` does. CPU seconds (user + system of the command and of the child it started) are
shown next to wall seconds because the machine is shared and noisy: {load}
"""
    print(body)
    if args.records == 100_000:
        update_section("prisma", body)


if __name__ == "__main__":
    main()
