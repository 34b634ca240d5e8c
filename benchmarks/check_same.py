"""Does this tree write exactly the files another revision writes? A check for restructuring.

Runs the `review` command line with the code of a git revision (default f6a8282, extracted with
`git archive`) and with this working tree, the same commands in a fresh review folder per tree,
and compares every file the two reviews hold afterwards, byte for byte (all but `.review/`, the
machine-local cache), and the exit code of every command. Groups of cases (import and dedup
cases start from a copy of their tree's `review init` folder, itself compared as a case):

- import: every file under ../shared/data/exports (when present), every file under
  tests/fixtures, a generated RIS export as the import benchmark makes it (also with CRLF line
  ends and with a BOM), files of generated RIS quirks, and a split export imported in one call
  and file by file, in both orders;
- dedup: `import` + `dedup --non-interactive` of each set under ../shared/data/dedup and of a
  synthetic set from benchmarks/synth_dedup.py written as RIS (--dedup-records, 10,000);
- demo: `review demo`, the whole example review;
- prisma: `include`, `prisma` and `prisma --check` on the synthetic review of
  benchmarks/bench_prisma.py, built once and copied for each tree.

--records sets the size of the generated import export (default 20,000) and of the prisma
review (default 100,000).

The tool runs only as subprocesses (`python -m review_cli ...` with PYTHONPATH set to the tree,
CI=1, stdin from /dev/null), never imported here, so the check holds while modules move. When
both trees are the same code, any DIFF is a command that is not deterministic.

    .venv/bin/python -m benchmarks.check_same [--ref REV] [--records 100000]
        [--only import,dedup,demo,prisma] [--keep DIR]

Prints one line per case (`same`, or `DIFF: <first differing file> (<n> files differ)`) and a
summary; exits 1 when anything differs or a case could not run. Progress and timings go to
stderr.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks._common import ROOT, SHARED_DATA
from benchmarks.bench_import import generate
from benchmarks.bench_prisma import build
from review_cli.model import Record
from review_cli.project import Project

DEFAULT_REF = "f6a8282"  # the last commit before the restructuring
GROUPS = ("import", "dedup", "demo", "prisma")
IMPORT_RECORDS = 20_000  # the generated export, unless --records
PRISMA_RECORDS = 100_000  # the synthetic review, unless --records
DEDUP_RECORDS = 10_000  # the synthetic dedup set
TREES = ("ref", "new")
REVIEW = "review"  # the review folder's name inside each case folder, the same for both trees
CACHE = Project(Path(REVIEW)).cache_dir.name  # `.review`: machine-local, never compared
INIT_FOLDER = Path("init") / "000-review_init"  # each tree's `review init`, copied by most cases
COMMAND_TIMEOUT = 3600.0
# A command may leave a forked child finishing in the background (a cold `review prisma`
# writes its cache so); the files are compared only once every such process has exited.
LEFTOVER_TIMEOUT = 600.0


@dataclass
class Case:
    """The same commands for both trees. The review folder is made by `create` (`init` or
    `demo`, run in the case folder), or copied: from `seed`, a prepared review, or with
    `from_init`, from the tree's own `review init` result (one `init` per tree, compared as a
    case of its own, instead of one per case: it is most of the time of a small import).
    `commands` then run inside the review."""

    group: str
    name: str
    create: list[str] | None = None
    seed: Path | None = None
    from_init: bool = False
    commands: list[list[str]] = field(default_factory=list)


@dataclass
class Outcome:
    codes: list[str]  # exit code of each command, or "timeout"
    seconds: float
    started: float
    ended: float


def progress(message: str) -> None:
    # One write: print() writes the newline apart, and two worker threads interleave them.
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------------------------
# Inputs

def quirky_ris(path: Path, records: int, seed: int = 7) -> None:
    """RIS with the quirks the parser has slow paths for, mixed with clean records."""
    rng = random.Random(seed)
    tags = ["TI", "T1", "AU", "A1", "A2", "PY", "Y1", "DA", "JO", "T2", "JF", "J2", "VL", "IS",
            "SP", "EP", "AB", "N2", "KW", "DO", "M3", "L3", "UR", "AN", "ID", "SN", "LA", "DB",
            "DP", "C3", "N1", "AD"]
    values = ["", " ", "Plain value", "  padded  ", "Müller, A.", "Smith,  J.A.",
              "Copyright 2020 X", "10.1000/ABC.1", "https://doi.org/10.1/X", "PMID: 123", "NLM",
              "12345", "2019///", "a<i>b</i> &amp; c", "tab\there", "x\u2028y", "nbsp\u00a0z",
              "\x0cform", "ünï\u0301", "5795-813", "tail \x85", "ER", "TY  - JOUR"]
    seps = ["  - ", "  - ", "  - ", " - ", "  -  ", "  -", "\t- ", "  -\t", "  -x"]
    out: list[str] = ["Record #1 of 2", "Provider: X", "", "1. "]
    for n in range(records):
        if rng.random() < 0.8:  # mostly clean records
            out.append("TY  - JOUR")
            for _ in range(rng.randint(0, 12)):
                out.append(f"{rng.choice(tags)}  - {rng.choice(values)}")
            out.append(rng.choice(["ER  - ", "ER  -", "ER  - ", "ER  -  "]))
            out.append("")
            continue
        starts = ["TY  - JOUR", "TY  -  BOOK", "\ufeffTY  - JOUR", " TY  - CHAP", "TY - JOUR"]
        lines = [rng.choice(starts)]
        for _ in range(rng.randint(0, 10)):
            kind = rng.random()
            if kind < 0.6:
                lines.append(f"{rng.choice(tags)}{rng.choice(seps)}{rng.choice(values)}")
            elif kind < 0.8:
                lines.append(rng.choice(["", "   ", "continued text", "  indented more",
                                         "\t\ttabbed", "ty  - lower"]))
            else:
                lines.append(rng.choice(["ER  - ", "TY  - JOUR", f"{n}. ", "ER -", "ER  -x"]))
        if rng.random() < 0.9:
            lines.append(rng.choice(["ER  - ", "ER  -", " ER  - "]))
        out.extend(lines)
        out.append(rng.choice(["", "", "junk line"]))
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="")


def records_ris(path: Path, records: list[Record]) -> None:
    """Records as a plain RIS export (one AU line per author, pages as SP/EP)."""
    lines: list[str] = []
    for r in records:
        first, _, last = r.pages.partition("-")
        fields = [("TI", r.title), *(("AU", a) for a in r.authors),
                  ("PY", str(r.year) if r.year else ""), ("T2", r.journal),
                  ("J2", r.journal_abbrev), ("VL", r.volume), ("IS", r.issue), ("SP", first),
                  ("EP", last), ("DO", r.doi), ("AB", r.abstract)]
        lines.append(f"TY  - {r.type or 'JOUR'}")
        lines += [f"{tag}  - {value}" for tag, value in fields if value]
        lines += ["ER  - ", ""]
    path.write_text("\n".join(lines), encoding="utf-8", newline="")


def import_case(name: str, source: str, calls: list[list[Path]]) -> Case:
    commands = [["import", *map(str, files), "--source", source] for files in calls]
    return Case("import", name, from_init=True, commands=commands)


def import_cases(inputs: Path, records: int) -> Iterator[Case]:
    """The cases of the old check_import_same.py, with its source names; the format is always
    detected, as a user's import would."""
    exports = SHARED_DATA / "exports"
    if exports.is_dir():
        for path in sorted(p for p in exports.rglob("*") if p.is_file()):
            name = path.relative_to(SHARED_DATA).as_posix()
            yield import_case(name, "Shared", [[path]])
    else:
        print(f"note: {exports} is absent: the real exports are not checked")
    for path in sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file()):
        yield import_case(path.relative_to(ROOT).as_posix(), "Fixture", [[path]])
    for n, size in enumerate((300, 3000)):
        path = inputs / f"quirks{n}.ris"
        quirky_ris(path, size, seed=n)
        cr_only = inputs / f"quirks{n}_cr.ris"
        cr_only.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
        yield import_case(path.name, "Quirks", [[path]])
        yield import_case(cr_only.name, "Quirks", [[cr_only]])
    progress(f"generating a {records:,}-record RIS export")
    big = inputs / "generated.ris"
    generate(big, records)
    data = big.read_bytes()
    (inputs / "generated_crlf.ris").write_bytes(data.replace(b"\n", b"\r\n"))
    (inputs / "generated_bom.ris").write_bytes(b"\xef\xbb\xbf" + data[: len(data) // 4])
    # Cut at a record boundary past the middle, so each part is a valid export.
    cut = data.find(b"\nER  - \n", len(data) // 2) + 8
    part1, part2 = inputs / "part1.ris", inputs / "part2.ris"
    part1.write_bytes(data[:cut])
    part2.write_bytes(data[cut:])
    del data
    for name in ("generated.ris", "generated_crlf.ris", "generated_bom.ris"):
        yield import_case(f"{name} ({records:,} records)", "Scopus", [[inputs / name]])
    yield import_case("split export, one call", "Scopus", [[part1, part2]])
    yield import_case("split export, file by file", "Scopus", [[part1], [part2]])
    yield import_case("split export, reversed", "Scopus", [[part2], [part1]])


def dedup_cases(inputs: Path, records: int) -> Iterator[Case]:
    dedup = ["dedup", "--non-interactive"]
    sets = sorted((SHARED_DATA / "dedup").glob("*/records.csv"))
    if not sets:
        print(f"note: no sets under {SHARED_DATA / 'dedup'}: only the synthetic set is checked")
    for path in sets:
        yield Case("dedup", path.parent.name, from_init=True,
                   commands=[["import", str(path), "--source", "Benchmark"], dedup])
    # Imported here, not at the top: synth_dedup uses review_cli.io.normalise, a module that
    # may move; then only this case fails to be made, not the whole check.
    from benchmarks.synth_dedup import synthetic_set

    progress(f"generating a {records:,}-record synthetic dedup set")
    path = inputs / "synthetic_dedup.ris"
    records_ris(path, synthetic_set(records)[0])
    yield Case("dedup", f"synthetic ({records:,} records)", from_init=True,
               commands=[["import", str(path), "--source", "Synthetic"], dedup])


def demo_cases(inputs: Path, records: int) -> Iterator[Case]:
    yield Case("demo", "review demo", create=["demo", REVIEW])


def prisma_cases(inputs: Path, records: int) -> Iterator[Case]:
    progress(f"building the {records:,}-record synthetic review for prisma")
    seed = inputs / "prisma-review"
    build(seed, records)
    yield Case("prisma", f"synthetic review ({records:,} records)", seed=seed,
               commands=[["include"], ["prisma"], ["prisma", "--check"]])


BUILDERS: dict[str, Callable[[Path, int], Iterator[Case]]] = {
    "import": import_cases, "dedup": dedup_cases, "demo": demo_cases, "prisma": prisma_cases,
}


# ---------------------------------------------------------------------------------------------
# Running

def extract(rev: str, dest: Path) -> str:
    """The tree of `rev` in `dest` (git archive | tar -x); its full commit id."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                            capture_output=True, text=True, check=True).stdout.strip()
    dest.mkdir(parents=True)
    archive = subprocess.Popen(["git", "-C", str(ROOT), "archive", commit], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(dest)], stdin=archive.stdout, check=True)
    assert archive.stdout is not None
    archive.stdout.close()
    if archive.wait() != 0:
        sys.exit(f"git archive {rev} failed")
    return commit


def prepare_tree(tree: Path, scratch: Path) -> None:
    """Compile the package (the environment sets PYTHONDONTWRITEBYTECODE, so otherwise every
    command would compile every module it imports) and make sure the tree's package is the one
    that runs, not the editable install's."""
    compileall.compile_dir(tree / "review_cli", quiet=1, workers=2)
    probe = [sys.executable, "-c", "import review_cli; print(review_cli.__file__)"]
    found = subprocess.run(probe, env=tool_env(tree, None), cwd=scratch, capture_output=True,
                           text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        sys.exit(f"PYTHONPATH={tree} runs {found}, not the code in {tree}")


def tool_env(tree: Path, review: Path | None) -> dict[str, str]:
    # The user's own REVIEW_* settings (workers, reviewer, ...) must not reach one tree only.
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVIEW_")}
    env.update(PYTHONPATH=str(tree), CI="1")
    if review is not None:
        env["REVIEW_DIR"] = str(review)
    return env


def run_review(tree: Path, args: list[str], cwd: Path, review: Path, log_path: Path) -> str:
    """Run `review <args>`; return its exit code once it and every process it started have
    exited. Each of them holds the write end of a pipe (a fork keeps it open), so the read end
    sees end-of-file only when the last one is gone."""
    read, write = os.pipe()
    with log_path.open("ab") as log:
        log.write(f"$ review {' '.join(args)}\n".encode())
        log.flush()
        try:
            done = subprocess.run([sys.executable, "-m", "review_cli", *args], cwd=cwd,
                                  env=tool_env(tree, review), stdin=subprocess.DEVNULL,
                                  stdout=log, stderr=subprocess.STDOUT, pass_fds=(write,),
                                  timeout=COMMAND_TIMEOUT)
            code = str(done.returncode)
        except subprocess.TimeoutExpired:
            code = "timeout"
        finally:
            os.close(write)
        log.write(f"[exit {code}]\n".encode())
    try:
        ready, _, _ = select.select([read], [], [], LEFTOVER_TIMEOUT)
        if not ready:
            raise RuntimeError(f"`review {' '.join(args)}` in {review} left a process running "
                               f"for over {LEFTOVER_TIMEOUT:.0f} s")
    finally:
        os.close(read)
    return code


def run_case(case: Case, tree_name: str, tree: Path, folder: Path, init: Path) -> Outcome:
    """Run the case's commands with `tree` in `folder`; `init` is the tree's `review init`."""
    started = time.perf_counter()
    folder.mkdir(parents=True)
    review = folder / REVIEW
    log = folder / "commands.log"  # outside the review: it names the tree's paths
    start = init if case.from_init else case.seed
    if start is not None:
        shutil.copytree(start, review, symlinks=True)
    steps = ([(case.create, folder)] if case.create else []) + [(c, review) for c in case.commands]
    codes: list[str] = []
    command_seconds = 0.0
    for args, cwd in steps:
        # Every command runs even after one failed: both trees must fail alike, and go on alike.
        t0 = time.perf_counter()
        codes.append(run_review(tree, args, cwd, review, log))
        command_seconds += time.perf_counter() - t0
    progress(f"  {tree_name}: {case.group}/{case.name}: {command_seconds:.1f} s, "
             f"exit {','.join(codes)}")
    return Outcome(codes, command_seconds, started, time.perf_counter())


# ---------------------------------------------------------------------------------------------
# Comparing

def listing(review: Path) -> dict[str, Path]:
    """Every file under `review` (and every empty folder, as `name/`), but the cache."""
    found: dict[str, Path] = {}
    for dirpath, dirnames, filenames in os.walk(review):
        here = Path(dirpath)
        if here == review:
            dirnames[:] = [d for d in dirnames if d != CACHE]
        rel = here.relative_to(review)
        if not dirnames and not filenames and here != review:
            found[rel.as_posix() + "/"] = here
        for name in filenames:
            found[(rel / name).as_posix()] = here / name
    return found


def same_bytes(a: Path, b: Path) -> bool:
    if a.is_dir() or b.is_dir():
        return a.is_dir() and b.is_dir()
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def differing(ref: Path, new: Path) -> list[str]:
    """Relative names that differ, or are in one review only, sorted."""
    a, b = listing(ref), listing(new)
    out = []
    for name in sorted(a.keys() | b.keys()):
        if name not in a or name not in b:
            out.append(f"{name} (only in {'ref' if name in a else 'new'})")
        elif not same_bytes(a[name], b[name]):
            out.append(name)
    return out


def verdict(ref: Outcome, new: Outcome, files: list[str]) -> str:
    parts = []
    if ref.codes != new.codes:
        parts.append(f"exit codes {','.join(ref.codes)} vs {','.join(new.codes)}")
    if files:
        parts.append(f"{files[0]} ({len(files)} files differ)")
    if parts:
        return "DIFF: " + "; ".join(parts)
    if any(code != "0" for code in ref.codes):
        return f"same (exit codes {','.join(ref.codes)} in both)"
    return "same"


# ---------------------------------------------------------------------------------------------

def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text)[-60:]


@dataclass
class GroupTime:
    cases: int = 0
    ref_seconds: float = 0.0  # the commands' wall time, summed over the group's cases
    new_seconds: float = 0.0
    first: float = float("inf")  # when the group's first command started, its last ended
    last: float = 0.0

    def add(self, ref: Outcome, new: Outcome) -> None:
        self.cases += 1
        self.ref_seconds += ref.seconds
        self.new_seconds += new.seconds
        self.first = min(self.first, ref.started, new.started)
        self.last = max(self.last, ref.ended, new.ended)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=DEFAULT_REF,
                        help=f"the revision to compare with (default {DEFAULT_REF})")
    parser.add_argument("--records", type=int,
                        help=f"records of the generated export to import (default "
                        f"{IMPORT_RECORDS:,}) and of the prisma review "
                        f"(default {PRISMA_RECORDS:,})")
    parser.add_argument("--dedup-records", type=int, default=DEDUP_RECORDS,
                        help=f"records of the synthetic dedup set (default {DEDUP_RECORDS:,})")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help="comma-separated groups to run (default all: %(default)s)")
    parser.add_argument("--keep", type=Path, help="keep both trees' review folders here")
    args = parser.parse_args()
    args.groups = [g.strip() for g in args.only.split(",") if g.strip()]
    if unknown := set(args.groups) - set(GROUPS):
        parser.error(f"unknown group {', '.join(sorted(unknown))}; "
                     f"choose from {', '.join(GROUPS)}")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty")
    return args


def main() -> None:
    args = parse_args()
    sizes = {"import": args.records or IMPORT_RECORDS, "dedup": args.dedup_records,
             "demo": 0, "prisma": args.records or PRISMA_RECORDS}
    t_start = time.perf_counter()
    same = diffs = errors = failing_both = 0
    times: dict[str, GroupTime] = {}
    with tempfile.TemporaryDirectory(prefix="check-same-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            commit = extract(args.ref, tmp / "ref-tree")
        except subprocess.CalledProcessError as e:
            sys.exit(f"cannot extract {args.ref}: {(e.stderr or '').strip() or e}")
        trees = {"ref": tmp / "ref-tree", "new": ROOT}
        for tree in trees.values():
            prepare_tree(tree, tmp)
        progress(f"ref: {args.ref} ({commit[:12]}); new: the working tree {ROOT}")
        work = args.keep.resolve() if args.keep else tmp / "reviews"
        inputs = tmp / "inputs"  # one path for both trees: the same import arguments
        inputs.mkdir()

        # Two workers: the two trees of a case run side by side, one per core, while this
        # thread builds the next group's inputs (the prisma review takes a while).
        pending: list[tuple[Case, Path, dict[str, Future[Outcome]]]] = []
        pool = ThreadPoolExecutor(max_workers=2)
        try:

            def submit(case: Case, folder: Path) -> dict[str, Future[Outcome]]:
                futures = {t: pool.submit(run_case, case, t, trees[t], work / t / folder,
                                          work / t / INIT_FOLDER / REVIEW) for t in TREES}
                pending.append((case, folder, futures))
                return futures

            if {"import", "dedup"} & set(args.groups):
                # The folder those cases start from: made before any of them runs.
                for future in submit(Case("init", "review init", create=["init", REVIEW]),
                                     INIT_FOLDER).values():
                    future.exception()
            for group in (g for g in GROUPS if g in args.groups):
                try:
                    for n, case in enumerate(BUILDERS[group](inputs, sizes[group])):
                        submit(case, Path(group) / f"{n:03d}-{slug(case.name)}")
                except Exception as e:  # e.g. a helper broken by a moved module: check the rest
                    errors += 1
                    print(f"{group}: ERROR making its cases: {e!r}", flush=True)

            for case, folder, futures in pending:
                try:
                    ref, new = futures["ref"].result(), futures["new"].result()
                except Exception as e:  # the check itself failed: it proves nothing
                    errors += 1
                    print(f"{case.group}/{case.name}: ERROR: {e}", flush=True)
                    continue
                files = differing(work / "ref" / folder / REVIEW, work / "new" / folder / REVIEW)
                line = verdict(ref, new, files)
                same += line.startswith("same")
                diffs += line.startswith("DIFF")
                failing_both += line.startswith("same (")
                print(f"{case.group}/{case.name}: {line}", flush=True)
                times.setdefault(case.group, GroupTime()).add(ref, new)
                # The prisma reviews take ~300 MB each; the init folder is still copied.
                if not args.keep and folder != INIT_FOLDER:
                    for t in TREES:
                        shutil.rmtree(work / t / folder, ignore_errors=True)
        finally:  # on Ctrl-C, do not start the cases still queued
            pool.shutdown(wait=True, cancel_futures=True)

    for group, g in times.items():
        progress(f"{group}: {g.cases} cases in {g.last - g.first:.1f} s wall; the commands took "
                 f"{g.ref_seconds:.1f} s with {args.ref}, {g.new_seconds:.1f} s with this tree")
    print(f"{len(pending)} cases: {same} same ({failing_both} with a failing command in both), "
          f"{diffs} differ, {errors} errors; {args.ref} vs the working tree, "
          f"{time.perf_counter() - t_start:.0f} s")
    if args.keep:
        print(f"review folders kept in {work}/ref and {work}/new")
    sys.exit(1 if diffs or errors else 0)


if __name__ == "__main__":
    main()
