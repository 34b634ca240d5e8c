"""The screen's ranker at 10,000 and 100,000 records, measured as the command: peak memory and
decision-to-next-record latency.

For each size, a review made by the commands: `review init`, `review import` of a generated RIS
export (titles and abstracts of Zipf-distributed words, 2 % of the records relevant, marked by
topic words: bench_rank.synthetic_texts), `review dedup`. Then, per run, `review screen` in a
pseudo-terminal, started cold (the feature cache in .review/ removed, a new reviewer each run):
a key every `--think` seconds, answered from the records' labels, until the status line says
"model ranking" and `--after` decisions more. Measured:

- peak memory: the ranker process's high-water mark (VmHWM in /proc, read just before the
  screen quits) and the screen process's; and the command's peak as getrusage reports it to a
  wrapper process that runs `review screen` (the largest process of the command);
- key written -> next frame read back, in the model-ranking phase (the screen never waits for
  the ranker more than 30 ms: this is what a reviewer feels);
- what each decision costs the ranker, as the screen's ranker process does it (retrain and rank
  every unscreened record, then the three stopping rules), in this process on the same texts:
  300 decisions replayed, then 50 timed one after another (bench_rank.latency).

Linux only (pty, /proc). The machine is shared and noisy: medians of the runs.

    .venv/bin/python -m benchmarks.bench_rank_scale [--records 10000,100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._common import as_installed, machine, update_section
from benchmarks.bench_rank import latency, synthetic_texts

TARGETS = {10_000: 100, 100_000: 500}  # decision -> next record p95, ms
MEMORY_TARGET_MB = 1000
WIDTH, HEIGHT = 120, 40

# Runs `review screen` (argv[2:]) on the terminal it was given and writes its exit code, wall
# seconds, the largest peak RSS among its processes (bytes) and their CPU seconds to argv[1].
WRAPPER = """\
import resource, subprocess, sys, time
t0 = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = ru.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
with open(sys.argv[1], "w") as f:
    f.write(f"{code} {wall} {rss} {ru.ru_utime + ru.ru_stime}")
"""


def write_ris(path: Path, n: int) -> dict[str, int]:
    """The export, and each record's label by its title."""
    texts, labels = synthetic_texts(n)
    by_title = {}
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for i, (text, y) in enumerate(zip(texts, labels, strict=True)):
            words = text.split()
            title = f"Record {i} " + " ".join(words[:12])
            by_title[title] = y
            f.write(
                f"TY  - JOUR\nTI  - {title}\nAU  - Doe, J.\nPY  - {2000 + i % 25}\n"
                f"T2  - Journal of Synthetic Records\nAB  - {' '.join(words[12:])}\n"
                f"AN  - {i}\nER  - \n\n"
            )
    return by_title


def build(root: Path, n: int, runs: int) -> tuple[Path, dict[str, int]]:
    """A review made by the commands, with a reviewer per run (screening on their own);
    returns it and each record id's label."""
    review = [sys.executable, "-m", "review_cli"]
    export = root / "export.ris"
    by_title = write_ris(export, n)
    folder = root / "review"
    for argv, cwd in (
        ([*review, "init", str(folder)], root),
        ([*review, "import", str(export), "--source", "Scopus"], folder),
        ([*review, "dedup", "--non-interactive"], folder),
    ):
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
        print(f"{n:,}: {argv[3]} {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    with (folder / "review.toml").open("a", encoding="utf-8") as f:
        f.writelines(f'\n[[reviewers]]\nname = "bench{k + 1}"\n' for k in range(runs))
    labels = {}
    with (folder / "import" / "records.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            labels[rec["id"]] = by_title[rec["title"]]
    return folder, labels


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def screen_run(
    folder: Path, labels: dict[str, int], reviewer: str, think: float, after: int
) -> dict[str, Any]:
    import fcntl
    import pty
    import struct
    import termios

    for cached in (folder / ".review").glob("*.np*"):  # a cold start: features built again
        cached.unlink()
    result = folder.parent / f"result-{reviewer}.txt"
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS=str(WIDTH), LINES=str(HEIGHT))
    argv = [sys.executable, "-c", WRAPPER, str(result),
            sys.executable, "-m", "review_cli", "screen", "--reviewer", reviewer]
    t_start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(folder)
        os.execve(sys.executable, argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    ansi = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]")
    header = re.compile(rb"title-abstract \xc2\xb7 " + reviewer.encode() + rb"\s+(\w+)")

    def frame(timeout: float = 120.0) -> bytes:
        buf = b""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if select.select([fd], [], [], 0.5)[0]:
                try:
                    buf += os.read(fd, 1 << 16)
                except OSError:  # the screen ended: say what it printed
                    said = ansi.sub(b"", buf)[-2000:].decode(errors="replace")
                    raise RuntimeError(said) from None
                if b"j/k scroll" in buf:
                    return ansi.sub(b"", buf)
        raise TimeoutError(buf[-500:])

    training: list[float] = []
    ranking: list[float] = []
    memory: dict[str, float] = {}
    try:
        shown = frame()
        first = time.perf_counter() - t_start
        model_at = None
        decisions = 0
        while len(ranking) < after:
            rid = header.findall(shown)[-1].decode()
            time.sleep(think)
            t0 = time.perf_counter()
            os.write(fd, b"i" if labels[rid] else b"e")
            shown = frame()
            (ranking if model_at is not None else training).append(time.perf_counter() - t0)
            decisions += 1
            if model_at is None and b"model ranking" in shown:
                model_at = time.perf_counter() - t_start
        (screen,) = _children(pid)
        ranker = [c for c in _children(screen)
                  if b"multiprocessing" in Path(f"/proc/{c}/cmdline").read_bytes()]
        memory = {"screen": _hwm_mb(screen), "ranker": max(map(_hwm_mb, ranker), default=0.0)}
        os.write(fd, b"q")
        end = time.perf_counter() + 30
        while time.perf_counter() < end and os.waitpid(pid, os.WNOHANG) == (0, 0):
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    os.read(fd, 1 << 16)
                except OSError:
                    pass
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    code, wall, rss, cpu = result.read_text().split()
    ranking.sort()
    return {
        "first": first, "model_at": model_at, "decisions": decisions,
        "p50": statistics.median(ranking), "p95": ranking[int(0.95 * (len(ranking) - 1))],
        "training_p95": sorted(training)[int(0.95 * (len(training) - 1))] if training else 0.0,
        "ranker_mb": memory["ranker"], "screen_mb": memory["screen"],
        "command_mb": int(rss) / 2**20, "cpu": float(cpu), "wall": float(wall),
    }


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--records", default="10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--think", type=float, default=0.25, help="seconds before each key")
    ap.add_argument("--after", type=int, default=40,
                    help="decisions timed once the model ranks")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args()
    if not sys.platform.startswith("linux"):
        sys.exit("this benchmark reads /proc: Linux only")
    rows = []
    for n in (int(x) for x in args.records.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-rank-scale-") as tmp:
            folder, labels = build(Path(tmp), n, args.runs)
            runs = []
            for k in range(args.runs):
                r = screen_run(folder, labels, f"bench{k + 1}", args.think, args.after)
                runs.append(r)
                print(f"{n:,} run {k + 1}: {r}", file=sys.stderr, flush=True)
            shutil.rmtree(folder)
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        lat = latency(n, decisions=50, warm=300)
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        print(f"{n:,} ranker per decision: {lat}", file=sys.stderr, flush=True)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        rows.append((n, runs, lat, cpu))
    body = section(rows, args)
    print(body)
    if not args.no_write:
        update_section("rank-scale", body)


def section(rows: list[tuple[int, list[dict[str, Any]], dict[str, float], float]],
            args: argparse.Namespace) -> str:
    def med(runs: list[dict[str, Any]], key: str) -> float:
        return float(statistics.median(r[key] for r in runs))

    mem = [
        "| records | ranker process peak MB | screen process peak MB | command's largest process "
        "(getrusage) MB | target | met |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    lat = [
        "| records | first card after start, s | model ranking after, s (decisions) | key -> next "
        "frame p50 / p95, ms | ranker per decision: rank p50 / p95, stopping p95, total p95, ms "
        "| target p95, ms | met |",
        "|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, runs, la, _cpu in rows:
        peak = max(med(runs, "ranker_mb"), med(runs, "command_mb"))
        mem.append(
            f"| {n:,} | {med(runs, 'ranker_mb'):.0f} | {med(runs, 'screen_mb'):.0f} "
            f"| {med(runs, 'command_mb'):.0f} | < {MEMORY_TARGET_MB} "
            f"| {'yes' if peak < MEMORY_TARGET_MB else 'no'} |"
        )
        worst = max(la["total_p95"] * 1000, med(runs, "p95") * 1000)
        target = TARGETS.get(n)
        lat.append(
            f"| {n:,} | {med(runs, 'first'):.2f} | {med(runs, 'model_at'):.0f} "
            f"({med(runs, 'decisions') - args.after:.0f}) "
            f"| {med(runs, 'p50') * 1000:.0f} / {med(runs, 'p95') * 1000:.0f} "
            f"| {la['p50'] * 1000:.0f} / {la['p95'] * 1000:.0f}, {la['stop_p95'] * 1000:.0f}, "
            f"{la['total_p95'] * 1000:.0f} | {target or ''} "
            f"| {('yes' if worst <= target else 'no') if target else ''} |"
        )
    features = ", ".join(f"{n:,}: {la['build']:.1f} s" for n, _r, la, _c in rows)
    return f"""\
## Ranking at scale: the screen's ranker at 10,000 and 100,000 records (`bench_rank_scale.py`)

Machine: {machine()};
shared with other work and noisy (load average at the end {os.getloadavg()[0]:.1f} on 2 cores):
medians of {args.runs} runs per size. A review made by the commands (`review init`,
`review import` of a generated RIS export of titles and abstracts of Zipf-distributed words,
2 % relevant, `review dedup`); `review screen` in a pseudo-terminal,
started cold each run (no feature cache in .review/, a new reviewer), a key every
{args.think} s answered from the labels until the model ranks, then {args.after} more.

Memory: the ranker process's peak (VmHWM, read before the screen quits; the features built by
blocks of records, the single-precision kernel solver), the screen process's, and the command's
largest process as getrusage reports it to a wrapper running `review screen`.

{chr(10).join(mem)}

Latency: key written -> the next frame read back in the model-ranking phase (the screen takes
the freshest ranking and waits for the ranker 30 ms at most); and what one decision costs the
ranker (retrain and rank every unscreened record, then the three stopping rules; the same
texts, 300 decisions replayed, then 50 timed), which is how stale the ranking can get. Features
built in one process: {features}. "met": both p95s (the frame's and the ranker's total) within
the target.

{chr(10).join(lat)}
"""


if __name__ == "__main__":
    main()
