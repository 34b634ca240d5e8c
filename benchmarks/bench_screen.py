"""Keypress -> next record drawn, on a 10,000-record project (`review screen`'s responsiveness).

Runs the real screening session (background ranking engine, fsynced decision log, resume
pointer) with an `ask` that renders each card exactly as the terminal view does (rich, 120x40,
ANSI colour) into memory. Latency = from the moment a key is returned to the loop until the
next card is fully rendered. Records: the first 10,000 of the shared screening datasets when
present (real titles and abstracts, answers from their labels), else synthetic ones.

Run: .venv/bin/python -m benchmarks.bench_screen [--decisions N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks._common import SHARED_DATA, as_installed, machine, update_section
from review_cli.io.writer import write_jsonl
from review_cli.model import Record, Stage
from review_cli.project import Project
from review_cli.stages import init
from review_cli.stages.screen import Card, Session
from review_cli.stages.screen._engine import BackgroundEngine, compute, make_ranker

N_RECORDS = 10_000
WIDTH, HEIGHT = 120, 40


def shared_records(n: int) -> tuple[list[Record], dict[str, int]] | None:
    folder = SHARED_DATA / "screening"
    if not folder.is_dir():
        return None
    records: list[Record] = []
    labels: dict[str, int] = {}
    for ds in sorted(folder.iterdir()):
        path = next((p for p in (ds / "records.csv", ds / "records.csv.gz") if p.exists()), None)
        if path is None:
            continue
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
            rid = f"{len(records):05d}x"
            year = row.get("year", "")
            records.append(Record(
                id=rid, source=ds.name, title=row.get("title", ""),
                abstract=row.get("abstract", ""),
                authors=tuple(a.strip() for a in row.get("authors", "").split(";") if a.strip()),
                year=int(float(year)) if year.replace(".", "", 1).isdigit() else None,
                journal=row.get("journal", ""),
            ))
            labels[rid] = int(row.get("label_included") or 0)
            if len(records) == n:
                return records, labels
    return (records, labels) if len(records) >= n // 2 else None


def synthetic_records(n: int, seed: int = 1) -> tuple[list[Record], dict[str, int]]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    topic = ["carers", "discharge", "hospital", "caregiver", "support", "planning"]
    records, labels = [], {}
    for i in range(n):
        relevant = rng.random() < 0.05
        words = rng.choices(vocab, k=180) + (rng.choices(topic, k=12) if relevant else [])
        rng.shuffle(words)
        rid = f"{i:05d}s"
        records.append(Record(id=rid, source="synthetic", title=" ".join(words[:12]).capitalize(),
                              abstract=" ".join(words[12:]), authors=("Doe, J", "Roe, R"),
                              year=2015, journal="Journal of Synthetic Records"))
        labels[rid] = int(relevant)
    return records, labels


def make_project(root: Path, records: list[Record], labels: dict[str, int]) -> Project:
    """A review of `records`, deduplicated by `review dedup` as a reviewer's is before screening
    (the screen asks before serving records no dedup has seen); a merged unit is relevant if a
    member is."""
    import json
    import subprocess
    import sys

    init.run(root)
    project = Project(root)
    write_jsonl(project.records_path, [r.to_json() for r in records])
    subprocess.run([sys.executable, "-m", "review_cli", "dedup", "--non-interactive"],
                   cwd=root, check=True, capture_output=True)
    with (root / "dedup" / "clusters.jsonl").open(encoding="utf-8") as f:
        for line in f:
            cluster = json.loads(line)
            labels[cluster["id"]] = max(labels.get(m, 0) for m in cluster["records"])
    return project


def run_session(
    project: Project, labels: dict[str, int], decisions: int, think: float
) -> dict[str, float]:
    from rich.console import Console

    from review_cli.ui.screen_view import render

    console = Console(
        file=io.StringIO(), width=WIDTH, height=HEIGHT,
        force_terminal=True, color_system="truecolor",
    )
    latencies: list[float] = []
    state = {"key_at": 0.0, "n": 0}
    t_open = time.perf_counter()
    first: list[float] = []

    def ask(card: Card) -> str:
        renderable, _ = render(card, WIDTH, HEIGHT, 0, "", console)
        console.print(renderable)
        console.file.seek(0)
        console.file.truncate()  # type: ignore[attr-defined]
        drawn = time.perf_counter()
        if state["n"] == 0:
            first.append(drawn - t_open)
        else:
            latencies.append(drawn - state["key_at"])
        state["n"] += 1
        if state["n"] > decisions:
            return "q"
        if think:
            time.sleep(think)
        state["key_at"] = time.perf_counter()
        return "i" if labels[card.record.id] else "e"

    session = Session(project, Stage.TITLE_ABSTRACT, "bench", engine=lambda s: BackgroundEngine(s))
    try:
        session.run(ask)
    finally:
        session.engine.close()
    latencies.sort()
    return {
        "first": first[0],
        "p50": statistics.median(latencies),
        "p95": latencies[int(0.95 * (len(latencies) - 1))],
        "max": latencies[-1],
        "n": len(latencies),
    }


def pty_session(
    project: Project, labels: dict[str, int], decisions: int, think: float
) -> dict[str, float]:
    """The real `review screen` in a pseudo-terminal: key written -> the next frame fully
    received."""
    import os
    import pty
    import re
    import select
    import sys

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS=str(WIDTH), LINES=str(HEIGHT))
    t_start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(project.root)
        os.execve(
            sys.executable,
            [sys.executable, "-m", "review_cli", "screen", "--reviewer", "reviewer1"],
            env,
        )
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", HEIGHT, WIDTH, 0, 0))
    ansi = re.compile(rb"\x1b\[[0-9;?]*[a-zA-Z]")
    header = re.compile(rb"title-abstract \xc2\xb7 reviewer1\s+(\w+)")

    def frame(timeout: float = 30.0) -> bytes:
        buf = b""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            if select.select([fd], [], [], 0.5)[0]:
                buf += os.read(fd, 1 << 16)
                if b"j/k scroll" in buf:
                    return ansi.sub(b"", buf)
        raise TimeoutError(buf[-500:])

    latencies: list[float] = []
    try:
        shown = frame()
        first = time.perf_counter() - t_start
        for _ in range(decisions):
            rid = header.findall(shown)[-1].decode()
            if think:
                time.sleep(think)
            t0 = time.perf_counter()
            os.write(fd, b"i" if labels[rid] else b"e")
            shown = frame()
            latencies.append(time.perf_counter() - t0)
        os.write(fd, b"q")
        time.sleep(0.5)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
    latencies.sort()
    return {"first": first, "p50": statistics.median(latencies),
            "p95": latencies[int(0.95 * (len(latencies) - 1))],
            "max": latencies[-1], "n": len(latencies)}


def retrain_time(
    project: Project, records: list[Record], labels: dict[str, int], k: int
) -> tuple[float, float]:
    texts = [f"{r.title}\n{r.abstract}".strip() for r in records]
    t0 = time.perf_counter()
    ranker = make_ranker(project, texts, 42, "default")
    build = time.perf_counter() - t0
    rng = random.Random(3)
    idx = rng.sample(range(len(records)), k)
    lab = {i: labels[records[i].id] for i in idx}
    if len(set(lab.values())) < 2:
        lab[next(i for i, r in enumerate(records) if labels[r.id])] = 1
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        compute(ranker, lab, list(lab.values()), len(texts), 0.95, 0.95)
        times.append(time.perf_counter() - t0)
    return build, statistics.median(times)


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument(
        "--think", type=float, default=0.25,
        help="seconds between a card and the key (reviewer pace)",
    )
    args = parser.parse_args()
    shared = shared_records(N_RECORDS)
    records, labels = shared if shared else synthetic_records(N_RECORDS)
    kind = (
        "the first 10,000 records of the shared screening datasets" if shared
        else "10,000 synthetic records"
    )
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for think in (args.think, 0.0):
            project = make_project(Path(tmp) / f"p{think}", records, labels)
            r = run_session(project, labels, args.decisions, think)
            rows.append((think, r))
            print(f"think {think}s: {r}")
        project = make_project(Path(tmp) / "pty", records, labels)
        real = pty_session(project, labels, args.decisions // 2, args.think)
        print(f"pty, think {args.think}s: {real}")
        project = make_project(Path(tmp) / "sync", records, labels)
        build, retrain = retrain_time(project, records, labels, 500)
        print(f"features {build:.2f}s, retrain+stopping with 500 labels {retrain * 1000:.0f} ms")
    lines = [
        "## screen",
        "",
        (
            f"`review screen` on a {len(records):,}-record project ({kind}, deduplicated by "
            f"`review dedup` first, as a reviewer's is); {args.decisions} decisions per run,"
        ),
        (
            "measured from the key reaching the loop to the next card fully rendered "
            "(rich, 120x40, colour),"
        ),
        (
            "including the fsynced decision line, the resume pointer and the background "
            "ranking engine."
        ),
        "",
        "| keys | p50 | p95 | max | first card after start |",
        "|---|---:|---:|---:|---:|",
    ]
    for think, r in rows:
        label = (
            f"one every {think:.2f} s (reviewer pace)" if think
            else "as fast as the machine takes them"
        )
        lines.append(
            f"| {label} | {r['p50'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms "
            f"| {r['max'] * 1000:.0f} ms | {r['first']:.2f} s |"
        )
    lines.append(
        f"| real `review screen` in a pty, one key every {args.think:.2f} s ({real['n']} keys; "
        f"key written -> whole frame read back) | {real['p50'] * 1000:.0f} ms "
        f"| {real['p95'] * 1000:.0f} ms | {real['max'] * 1000:.0f} ms "
        f"| {real['first']:.2f} s (process start) |"
    )
    lines += [
        "",
        (
            f"Ranking engine on the same project: features {build:.1f} s once "
            "(cached in .review/ when the"
        ),
        (
            "ranker supports it), retrain + all stopping rules with 500 labels "
            f"{retrain * 1000:.0f} ms, done in a"
        ),
        (
            "separate process between keypresses, so it never delays the next card. "
            "Target: p95 <= 100 ms."
        ),
        "",
        f"Machine: {machine()}.",
    ]
    update_section("screen", "\n".join(lines))


if __name__ == "__main__":
    main()
