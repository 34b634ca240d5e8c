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


def median_command(argv: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU (user + system of the child) seconds of a command."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        assert done.returncode == 0, done.stderr
    return statistics.median(walls), statistics.median(cpus)


def median_cold(argv: list[str], project: Project, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a command run with no `.review/` cache each time. A cold
    `review prisma` returns before its child has written the cache (see stages/include.py):
    wait for the cache, so that the next run starts with none and on an idle second core."""
    cold = []
    for _ in range(runs):
        shutil.rmtree(project.cache_dir, ignore_errors=True)
        cold.append(median_command(argv, project.root, 1))
        if "--check" not in argv:
            deadline = time.monotonic() + 10
            while not project.prisma_cache_path.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
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
    from review_cli.stages import prisma

    # Bytecode for the package, as `pip install` compiles it: this environment sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would compile every module on each command.
    compileall.compile_dir(Path(review_cli.__file__).parent, quiet=1)
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
| `review prisma` as a command, cold (no `.review/` cache: records.jsonl or clusters.jsonl changed) | {cold_s:.2f} | {cold_cpu:.2f} |
| `review prisma --check` as a command, cold (a fresh CI clone: no `.review/` cache) | {cold_check_s:.2f} | {cold_check_cpu:.2f} |

Target: under 2 s for 100,000 records, cold and warm, as commands. Cold, records.jsonl is mapped
and read once, and two forked children use the second core: one decodes each line's head (id
to year) and language while the decisions are read, one writes the inclusion log's fixed parts
while the units are decided and counted. Record summaries, units and those fixed parts are
then cached in `.review/` under the sha256 of records.jsonl and clusters.jsonl, so every
`review prisma` but the first after an import or a dedup reads only the decisions; `--check`
writes nothing, not even that cache. The command does not import pydantic, rich or
scikit-learn; the package's bytecode is compiled first, as `pip install` does. CPU seconds
(user + system of the command and of the children it waits for) are shown next to wall seconds
because the machine is shared and noisy: {load} A cold `review prisma` returns before its
second child has finished writing the cache (about 0.25 CPU seconds more, not counted above).
"""
    print(body)
    if args.records == 100_000:
        update_section("prisma", body)


if __name__ == "__main__":
    main()
