"""Peak memory of the everyday commands on a 100,000-record review made by the commands.

Generates a 100,000-record RIS export (the one `bench_import.py` uses), then builds the review
the way a reviewer does: `review init`, `review import`, `review dedup`, and every unit decided
by the first reviewer at title/abstract with `review decide --from` (so the decision log is
full size). Then runs each measured command as a subprocess and records its peak resident set
size: a one-id `review decide`, `review status` (text and `--json`), `review prisma` and
`review export`.

Peak RSS comes from `getrusage(RUSAGE_CHILDREN)` in a small wrapper process started per
measurement, so each figure is that one command's peak and nothing else's (Linux, macOS).

    .venv/bin/python -m benchmarks.bench_memory [--records 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import as_installed, machine, update_section
from benchmarks.bench_import import generate

TARGET_MB = 500  # a one-id decide and status at 100,000 records (issue 19)

# Runs the command given as argv[1:] and prints its wall seconds and peak RSS in KiB (Linux)
# or bytes (macOS): a fresh process, so RUSAGE_CHILDREN holds this command alone.
WRAPPER = """\
import resource, subprocess, sys, time
t0 = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t0
if done.returncode != 0:
    sys.exit(done.stderr.decode())
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(wall, rss * (1 if sys.platform == "darwin" else 1024))
"""


def peak(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one run of a command."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], cwd=cwd, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stderr}")
    wall, rss = done.stdout.split()
    return float(wall), int(rss) / 1e6


def build(root: Path, review: list[str], records: int) -> int:
    """A review made by the commands; returns the number of units the first reviewer decided."""
    export = root / "export.ris"
    generate(export, records)
    folder = root / "review"
    for argv in (
        [*review, "init", str(folder)],
        [*review, "import", str(export), "--source", "Scopus"],
        [*review, "dedup"],
    ):
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=folder if "init" not in argv else root, check=True,
                       capture_output=True)
        print(f"{' '.join(argv[3:])}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    units = _unit_ids(folder)
    sheet = root / "decisions.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for i, unit in enumerate(units):
            writer.writerow([unit, "include" if i % 12 == 0 else "exclude", ""])
    subprocess.run([*review, "decide", "--from", str(sheet), "--reviewer", "reviewer1"],
                   cwd=folder, check=True, capture_output=True)
    return len(units)


def _unit_ids(folder: Path) -> list[str]:
    """Every screenable unit's id: one per duplicate cluster."""
    clusters = folder / "dedup" / "clusters.jsonl"
    with clusters.open("rb") as f:
        return [json.loads(line)["id"] for line in f if line.strip()]


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    review = [sys.executable, "-m", "review_cli"]
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        root = Path(tmp)
        decided = build(root, review, args.records)
        folder = root / "review"
        one = _unit_ids(folder)[1]
        cases = [
            ("`review decide <one id> --include` (second reviewer)",
             [*review, "decide", one, "--include", "--reviewer", "reviewer2"], True),
            ("`review status`", [*review, "status"], True),
            ("`review status --json`", [*review, "status", "--json"], True),
            ("`review prisma --allow-pending`", [*review, "prisma", "--allow-pending"], False),
            ("`review export records` (CSV)",
             [*review, "export", "records", "--out", str(root / "out.csv")], False),
        ]
        rows = []
        for name, argv, targeted in cases:
            walls, peaks = [], []
            for _ in range(args.runs):
                if argv[3] == "decide":  # undo first so every run writes one decision
                    subprocess.run([*review, "decide", one, "--undo", "--reviewer", "reviewer2"],
                                   cwd=folder, capture_output=True)
                wall, mb = peak(argv, folder)
                walls.append(wall)
                peaks.append(mb)
            rows.append((name, statistics.median(walls), max(peaks), targeted))
            print(f"{name}: {statistics.median(walls):.2f} s, peak {max(peaks):.0f} MB",
                  file=sys.stderr)
    lines = [
        "## Memory of everyday commands",
        "",
        f"A {args.records:,}-record review made by the commands (`review import` of the "
        "generated RIS export above, `review dedup`, then every unit decided by one reviewer "
        f"with `review decide --from`: {decided:,} units). Each command runs as a subprocess; "
        f"peak RSS is the largest of {args.runs} runs, wall time the median "
        "(`benchmarks/bench_memory.py`).",
        "",
        "| command | median wall s | peak RSS MB | target |",
        "|---|---:|---:|---|",
    ]
    for name, wall, mb, targeted in rows:
        verdict = (
            (f"< {TARGET_MB} MB: " + ("met" if mb < TARGET_MB else "MISSED")) if targeted else ""
        )
        lines.append(f"| {name} | {wall:.2f} | {mb:.0f} | {verdict} |")
    lines += ["", f"Machine: {machine()}; load average at the end "
              f"{os.getloadavg()[0]:.1f}."]
    body = "\n".join(lines) + "\n"
    print(body)
    if not args.no_write:
        update_section("memory", body)


if __name__ == "__main__":
    main()
