"""`review demo` wall time: the generator alone, and the whole demo step by step.

Run: .venv/bin/python -m benchmarks.bench_demo [--runs N]
Rewrites the `demo` section of BENCHMARKS.md (median of N runs per figure).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks._common import machine, median_time, update_section
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gen, _ = median_time(lambda: generate(), runs=args.runs)
    per_step: dict[str, list[float]] = {}
    totals = []
    with tempfile.TemporaryDirectory() as tmp:
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
        "",
        "| what | seconds |",
        "|---|---:|",
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


if __name__ == "__main__":
    main()
