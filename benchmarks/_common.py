"""Shared helpers for benchmark scripts: the machine description and BENCHMARKS.md sections.

Each benchmark owns one section of BENCHMARKS.md between `<!-- BEGIN name -->` and
`<!-- END name -->` and rewrites only that section, so scripts never overwrite each other.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
SHARED_DATA = ROOT.parent / "shared" / "data"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}){mem}, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def as_installed() -> None:
    """Compile the package's bytecode, as installing it does (pip compiles every module of a
    wheel; a clone's first run writes __pycache__), so a command timed here starts as a user's
    does. Without this, a machine with PYTHONDONTWRITEBYTECODE set (this one, and some CI images)
    compiles every module from source on every command: 0.1-0.15 s more per `review` call,
    while the peers it is compared with were installed by pip, bytecode and all."""
    import compileall

    compileall.compile_dir(str(ROOT / "review_cli"), quiet=1)


def median_time(fn: Callable[[], Any], runs: int = 5) -> tuple[float, Any]:
    """Median wall seconds over `runs` calls, and the last call's result."""
    times = []
    result = None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def update_section(name: str, body: str) -> None:
    """Replace (or append) the section `name` in BENCHMARKS.md."""
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n"
    block = f"<!-- BEGIN {name} -->\n{body.rstrip()}\n<!-- END {name} -->"
    pattern = re.compile(
        rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.S
    )
    text = (
        pattern.sub(lambda _m: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block + "\n"
    )
    BENCHMARKS_MD.write_text(text, encoding="utf-8")
