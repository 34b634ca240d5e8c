"""Does this tree import exactly as another revision does? A check for speed work on the import.

Imports the same exports with the code of a git revision (default `main`, extracted with
`git archive`) and with this tree, each into fresh reviews, and compares every file the two
wrote (records, import report, review.lock, review.toml), byte for byte. Cases: every real
export in ../shared/data (when present), every fixture under tests/fixtures, a generated
RIS file (as the import benchmark makes it, also with CRLF line ends and with a BOM), a file of
generated RIS quirks, and a split export imported in one call and file by file, in both orders.

    .venv/bin/python -m benchmarks.check_import_same [--ref main] [--records 100000]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import ROOT, SHARED_DATA
from benchmarks.bench_import import generate

# Runs inside a subprocess with PYTHONPATH set to the tree under test.
DRIVER = """
import json, sys
from pathlib import Path
from review_cli.errors import ReviewError
from review_cli.project import Project
from review_cli.stages import import_, init
cases, out = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2])
for n, case in enumerate(cases):
    root = out / f"case{n:03d}"
    init.run(root)
    project = Project(root)
    for files in case["calls"]:
        try:
            import_.run(project, [Path(f) for f in files], case["source"])
        except ReviewError as e:
            (root / "error.txt").write_text(f"{e.message}\\n{e.hint}\\n")
            break
"""


def quirky_ris(path: Path, records: int, seed: int = 7) -> None:
    """RIS with the quirks the parser has slow paths for, mixed with clean records."""
    rng = random.Random(seed)
    tags = ["TI", "T1", "AU", "A1", "A2", "PY", "Y1", "DA", "JO", "T2", "JF", "J2", "VL", "IS", "SP", "EP",
            "AB", "N2", "KW", "DO", "M3", "L3", "UR", "AN", "ID", "SN", "LA", "DB", "DP", "C3", "N1", "AD"]
    values = ["", " ", "Plain value", "  padded  ", "Müller, A.", "Smith,  J.A.", "Copyright 2020 X",
              "10.1000/ABC.1", "https://doi.org/10.1/X", "PMID: 123", "NLM", "12345", "2019///",
              "a<i>b</i> &amp; c", "tab\there", "x\u2028y", "nbsp\u00a0z", "\x0cform", "ünï\u0301",
              "5795-813", "tail \x85", "ER", "TY  - JOUR"]
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
        lines = [rng.choice(["TY  - JOUR", "TY  -  BOOK", "\ufeffTY  - JOUR", " TY  - CHAP", "TY - JOUR"])]
        for _ in range(rng.randint(0, 10)):
            kind = rng.random()
            if kind < 0.6:
                lines.append(f"{rng.choice(tags)}{rng.choice(seps)}{rng.choice(values)}")
            elif kind < 0.8:
                lines.append(rng.choice(["", "   ", "continued text", "  indented more", "\t\ttabbed", "ty  - lower"]))
            else:
                lines.append(rng.choice(["ER  - ", "TY  - JOUR", f"{n}. ", "ER -", "ER  -x"]))
        if rng.random() < 0.9:
            lines.append(rng.choice(["ER  - ", "ER  -", " ER  - "]))
        out.extend(lines)
        out.append(rng.choice(["", "", "junk line"]))
    ends = rng.choice(["\n", "\n"])
    path.write_text(ends.join(out) + ends, encoding="utf-8", newline="")


def cases(tmp: Path, records: int) -> list[dict]:
    found: list[dict] = []
    if SHARED_DATA.is_dir():
        manifest = json.loads((SHARED_DATA / "manifest.json").read_text(encoding="utf-8"))["exports"]
        found += [{"name": e["file"], "source": "Shared", "calls": [[str(SHARED_DATA.parent / e["file"])]]} for e in manifest]
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if path.is_file():
            found.append({"name": str(path.relative_to(ROOT)), "source": "Fixture", "calls": [[str(path)]]})
    big = tmp / "generated.ris"
    generate(big, records)
    data = big.read_bytes()
    (tmp / "generated_crlf.ris").write_bytes(data.replace(b"\n", b"\r\n"))
    (tmp / "generated_bom.ris").write_bytes(b"\xef\xbb\xbf" + data[: len(data) // 4])
    cut = data.find(b"\nER  - \n", len(data) // 2) + 8
    (tmp / "part1.ris").write_bytes(data[:cut])
    (tmp / "part2.ris").write_bytes(data[cut:])
    del data
    for n, size in enumerate((300, 3000)):
        quirky_ris(tmp / f"quirks{n}.ris", size, seed=n)
        path = tmp / f"quirks{n}.ris"
        found.append({"name": path.name, "source": "Quirks", "calls": [[str(path)]]})
        crlf = tmp / f"quirks{n}_cr.ris"
        crlf.write_bytes(path.read_bytes().replace(b"\n", b"\r"))
        found.append({"name": crlf.name, "source": "Quirks", "calls": [[str(crlf)]]})
    for name in ("generated.ris", "generated_crlf.ris", "generated_bom.ris"):
        found.append({"name": name, "source": "Scopus", "calls": [[str(tmp / name)]]})
    p1, p2 = str(tmp / "part1.ris"), str(tmp / "part2.ris")
    found.append({"name": "split, one call", "source": "Scopus", "calls": [[p1, p2]]})
    found.append({"name": "split, file by file", "source": "Scopus", "calls": [[p1], [p2]]})
    found.append({"name": "split, reversed", "source": "Scopus", "calls": [[p2], [p1]]})
    return found


def run_tree(tree: Path, case_file: Path, out: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree))
    t0 = time.perf_counter()
    # Run from the case folder: with `-c`, the current folder comes first on sys.path.
    subprocess.run([sys.executable, "-c", DRIVER, str(case_file), str(out)], env=env, cwd=case_file.parent, check=True)
    probe = [sys.executable, "-c", "import review_cli; print(review_cli.__file__)"]
    found = subprocess.run(probe, env=env, cwd=case_file.parent, capture_output=True, text=True, check=True).stdout
    if not Path(found.strip()).is_relative_to(tree):
        sys.exit(f"the import ran {found.strip()}, not the code in {tree}")
    return time.perf_counter() - t0


def differences(a: Path, b: Path) -> list[str]:
    out = []
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()} | {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for rel in sorted(names):
        if not (a / rel).is_file() or not (b / rel).is_file():
            out.append(f"{rel}: only in one tree")
        elif not filecmp.cmp(a / rel, b / rel, shallow=False):
            out.append(f"{rel}: differs")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-import-") as name:
        tmp = Path(name)
        ref_tree = tmp / "ref"
        ref_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref, "review_cli", "protocols"], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(ref_tree)], input=archive.stdout, check=True)
        found = cases(tmp, args.records)
        case_file = tmp / "cases.json"
        case_file.write_text(json.dumps(found))
        t_ref = run_tree(ref_tree, case_file, tmp / "out-ref")
        t_new = run_tree(ROOT, case_file, tmp / "out-new")
        failed = 0
        for n, case in enumerate(found):
            diff = differences(tmp / "out-ref" / f"case{n:03d}", tmp / "out-new" / f"case{n:03d}")
            if diff:
                failed += 1
                print(f"DIFFERS {case['name']}: {'; '.join(diff)}")
        errors = sum((tmp / "out-new" / f"case{n:03d}" / "error.txt").exists() for n in range(len(found)))
        print(f"{len(found)} cases ({errors} refused by both), {failed} differ; {args.ref} {t_ref:.1f} s, this tree {t_new:.1f} s")
        shutil.rmtree(tmp / "out-ref", ignore_errors=True)
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
