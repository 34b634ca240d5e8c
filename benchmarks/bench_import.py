"""Import speed: a 100,000-record RIS file through `review init` + `review import`.

The file is generated in a temp dir (never committed): records shaped like real database
exports (Scopus-, Ovid- and EBSCO-style tags, 2-40 authors, 150-350 word abstracts, keywords,
DOIs, non-ASCII names, wrapped lines), perturbed with a fixed seed, 3% exact repeats. Each run
is a fresh review and a `review import` subprocess; the median wall time and the peak RSS of
the import process (getrusage of the children) are written to BENCHMARKS.md.

    .venv/bin/python -m benchmarks.bench_import [--records N] [--runs K]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import as_installed, machine, update_section

TARGET_SECONDS = 15.0  # one process
TARGET_MB = 1024

WORDS = (
    "integrated care co-production service users unpaid carers staff design transformation "
    "qualitative study interviews focus groups hospital discharge community health social "
    "primary secondary older people frailty dementia mental illness outcomes evaluation "
    "randomised controlled trial cohort systematic review meta-analysis patients nurses "
    "general practitioners pathway implementation barriers facilitators experience quality "
    "safety cost effectiveness intervention programme policy partnership engagement "
    "participatory action research framework theory realist process outcome measure survey "
    "questionnaire thematic analysis findings suggest results indicate significant improvement "
    "reduction admissions readmissions length of stay satisfaction wellbeing burden support "
    "self-management chronic disease diabetes heart failure stroke cancer palliative end life"
).split()
SURNAMES = (
    "Smith Jones Okafor Lindqvist Müller García Nakamura Petrov O'Brien Haddad Dlamini Kowalski "
    "Eriksson Moreau Rossi Novak Adeyemi Brennan Kaur Chen Wang Li Zhang Kim Nguyen Silva Santos "
    "Fernández Sørensen Ó Briain Łukasiewicz Çelik Dubois Schmidt Andersson Virtanen Papadopoulos"
).split()
JOURNALS = (
    "International Journal of Integrated Care",
    "Health Expectations",
    "BMC Health Services Research",
    "Journal of Advanced Nursing",
    "Health & Social Care in the Community",
    "The Lancet",
    "BMJ Open",
    "Age and Ageing",
)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _record(rng: random.Random, n: int) -> str:
    style = n % 3  # 0 Scopus-like, 1 Ovid-like (numbered, T1/A1/N2), 2 EBSCO-like (two AB)
    title = _sentence(rng, rng.randint(6, 18)).capitalize()
    authors = [
        f"{rng.choice(SURNAMES)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}."
        f"{rng.choice(['', ' ' + rng.choice('ABCDEJKLM') + '.'])}"
        for _ in range(rng.choice((1, 2, 3, 4, 5, 6, 8, 12, 40)))
    ]
    year = rng.randint(1995, 2024)
    abstract = ". ".join(
        _sentence(rng, rng.randint(12, 30)).capitalize() for _ in range(rng.randint(6, 12))
    ) + "."
    doi = f"10.{rng.randint(1000, 9999)}/{rng.choice(('ijic', 'hex', 'bmj', 'jan'))}.{year}.{n:06d}"
    first_page = rng.randint(1, 2000)
    lines = []
    if style == 1:
        lines.append(f"{n + 1}. ")
    lines.append("TY  - JOUR")
    lines.append(f"{'T1' if style == 1 else 'TI'}  - {title}")
    lines += [f"{'A1' if style == 1 else 'AU'}  - {a}" for a in authors]
    lines.append(f"{'Y1' if style == 1 else 'PY'}  - {year}")
    lines.append(f"{'JF' if style == 1 else 'T2'}  - {rng.choice(JOURNALS)}")
    lines += [f"VL  - {rng.randint(1, 80)}", f"IS  - {rng.randint(1, 12)}"]
    lines += [f"SP  - {first_page}", f"EP  - {first_page + rng.randint(1, 20)}"]
    if style == 1:
        # Ovid wraps long abstracts onto untagged continuation lines.
        half = len(abstract) // 2
        cut = abstract.rfind(" ", 0, half)
        lines += [f"N2  - {abstract[:cut]}", f"      {abstract[cut + 1:]}"]
    else:
        lines.append(f"AB  - {abstract}")
    if style == 2:
        lines.append("AB  - Copyright of the journal is the property of its publisher.")
    lines += [f"KW  - {_sentence(rng, rng.randint(1, 3))}" for _ in range(rng.randint(3, 8))]
    lines.append(f"DO  - {doi}" if style != 2 else f"L3  - {doi}")
    lines.append(f"SN  - {rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}")
    lines.append(f"UR  - https://www.example.org/record?eid=2-s2.0-{n:011d}")
    lines.append(f"AN  - {70000000 + n}")
    lines.append("LA  - English")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n\n"


def generate(path: Path, records: int, seed: int = 20240601) -> int:
    rng = random.Random(seed)
    repeats = max(1, records * 3 // 100)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        written: list[str] = []
        for n in range(records - repeats):
            rec = _record(rng, n)
            f.write(rec)
            if n < repeats:
                written.append(rec)
        for rec in written:  # exact repeats, as when a database export overlaps itself
            f.write(rec)
    return path.stat().st_size


def run_once(
    review: Path, export: Path, exe: Path, env: dict[str, str]
) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB."""
    if review.exists():
        shutil.rmtree(review)
    subprocess.run([str(exe), "init", str(review)], check=True, capture_output=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "import", str(export), "--source", "Scopus"],
        cwd=review, capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"review import failed:\n{proc.stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest child so far (the import is the largest process
    # this script starts), in KiB on Linux.
    return elapsed, cpu, after.ru_maxrss / 1024


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone"
    )
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("review")
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        export = Path(tmp) / "scopus_100k.ris"
        size = generate(export, args.records)
        times, cpus, peaks, loads = [], [], [], []
        for i in range(args.runs):
            loads.append(os.getloadavg()[0])
            t, cpu, mb = run_once(Path(tmp) / "review", export, exe, env)
            times.append(t)
            cpus.append(cpu)
            peaks.append(mb)
            print(
                f"run {i + 1}: {t:.2f} s wall, {cpu:.2f} s CPU, peak RSS so far {mb:.0f} MB",
                file=sys.stderr,
            )
    median = statistics.median(times)
    peak = max(peaks)
    verdict = "meets" if median < TARGET_SECONDS and peak < TARGET_MB else "MISSES"
    body = (
        "## import\n\n"
        f"`review import` of one generated {args.records:,}-record RIS file ({size / 1e6:.0f} MB; "
        "Scopus/Ovid/EBSCO-style records, 3% exact repeats) into a fresh review, as a subprocess "
        f"(`benchmarks/bench_import.py`, {args.runs} runs), one process.\n\n"
        "| records | file MB | median wall s | min wall s | median CPU s | peak RSS MB "
        "| load avg at start | target |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---|\n"
        f"| {args.records:,} | {size / 1e6:.0f} | {median:.2f} | {min(times):.2f} | "
        f"{statistics.median(cpus):.2f} | "
        f"{peak:.0f} | {statistics.median(loads):.1f} | "
        f"< {TARGET_SECONDS:.0f} s, < {TARGET_MB} MB: {verdict} |\n\n"
        f"Machine: {machine()}. CPU s is user + system of the import; with a load average above "
        "the core count, wall time is mostly waiting for a core.\n"
    )
    print(body)
    if not args.no_write:
        update_section("import", body)


if __name__ == "__main__":
    main()
