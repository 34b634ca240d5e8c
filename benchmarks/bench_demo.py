"""`review demo` time: the command as `make demo` runs it (a fresh demo folder, then again over
the existing one), and in process the generator alone and the demo step by step.

Run: .venv/bin/python -m benchmarks.bench_demo [--runs N]
Rewrites the `demo` section of BENCHMARKS.md (median of N runs per figure).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import as_installed, machine, median_time, update_section
from review_cli.stages import demo
from review_cli.stages.demo._generate import generate


def timed_steps(folder: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    steps = []
    for step in demo.STEPS:
        def run(ctx: demo.DemoRun, step: demo.Step = step) -> demo.StepReport:
            t0 = time.perf_counter()
            report = step.run(ctx)
            times[step.name] = time.perf_counter() - t0
            return report
        steps.append(demo.Step(step.name, run, step.needs))
    result = demo.run(folder, force=True, steps=tuple(steps))
    statuses = {s.name: s.status for s in result.steps}
    return {
        name: (times.get(name, 0.0) if statuses[name] in ("done", "partial") else -1.0)
        for name in statuses
    }


def command_time(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one `review` command run as a subprocess."""
    exe = Path(sys.executable).parent / "review"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gen, _ = median_time(lambda: generate(), runs=args.runs)
    per_step: dict[str, list[float]] = {}
    totals = []
    fresh: list[tuple[float, float]] = []
    again: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):  # as `make demo` runs it: first, then over the folder it left
            folder = Path(tmp) / "demo-review"
            fresh.append(command_time(["demo", str(folder)]))
            again.append(command_time(["demo", str(folder)]))
            shutil.rmtree(folder)
        for _ in range(args.runs):
            folder = Path(tmp) / "demo-review"
            t0 = time.perf_counter()
            times = timed_steps(folder)
            totals.append(time.perf_counter() - t0)
            for name, t in times.items():
                per_step.setdefault(name, []).append(t)
            shutil.rmtree(folder)
    lines = [
        "## `review demo`",
        "",
        f"Machine: {machine()}. Median of {args.runs} runs (`python -m benchmarks.bench_demo`).",
        "The command as `make demo` runs it, after the virtualenv exists (a subprocess, start-up",
        "included), then in process the generator and each step of a fresh demo.",
        "",
        "| what | seconds |",
        "|---|---:|",
        f"| `review demo demo-review`, no folder yet: wall (CPU) | {median(fresh, 0):.2f} "
        f"({median(fresh, 1):.2f}) |",
        f"| `review demo demo-review` again, the folder kept: wall (CPU) | {median(again, 0):.2f} "
        f"({median(again, 1):.2f}) |",
        f"| generate 13 exports, 2,097 records | {gen:.2f} |",
    ]
    for name, values in per_step.items():
        value = statistics.median(values)
        lines.append(
            f"| step `{name}` | {value:.2f} |"
            if value >= 0
            else f"| step `{name}` | pending in this build |"
        )
    lines.append(f"| **whole demo** | **{statistics.median(totals):.2f}** |")
    body = "\n".join(lines)
    print(body)
    update_section("demo", body)


def median(runs: list[tuple[float, float]], which: int) -> float:
    return statistics.median(run[which] for run in runs)


if __name__ == "__main__":
    main()
