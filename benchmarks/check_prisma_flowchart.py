"""Does another PRISMA2020-CSV client draw what `review` draws? A check of `prisma/PRISMA.csv`.

Installs `prisma-flowchart` (PyPI, pinned below; it needs matplotlib) in a virtualenv of its
own, `benchmarks/.venv-prisma-flowchart` (never a dependency of `review`), and for two reviews
made by `review`'s own commands:

- the demo (`review demo`): nine databases, two organisations, a website and citation
  searching, duplicates across both arms, automation (date and language limits);
- a review built here from the demo's exports with other-methods sources of every kind, a
  register, a database searched with no results, screening stopped early by the reviewers
  (`review stop`) and reports not retrieved in both arms,

it runs `prisma-flow render PRISMA.csv out.png --other` on the review's PRISMA.csv, unmodified,
and compares, box by box, the numbers prisma-flowchart draws (its layout's box labels, the text
of the PNG) with the numbers in `review`'s own prisma.svg. prisma-flowchart draws the
per-database lines of "Records identified" only with --detail-databases / --detail-registers,
so the check runs with those flags too: then every box must hold the same numbers; with the
plain command, every box but those per-database lines.

    .venv/bin/python -m benchmarks.check_prisma_flowchart [--keep DIR]

Prints a table per review and writes the `prisma-flowchart` section of BENCHMARKS.md; exits 1
when a box differs or the client fails.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from benchmarks._common import ROOT, machine, update_section

CLIENT = "prisma-flowchart==0.1.1"
VENV = ROOT / "benchmarks" / ".venv-prisma-flowchart"
SVG_NS = "{http://www.w3.org/2000/svg}"
# review's SVG box id -> the node prisma-flowchart draws for it
BOXES = {
    "box-identified": "database_results", "box-removed": "duplicates",
    "box-screened": "records_screened", "box-excluded": "records_excluded",
    "box-sought": "dbr_sought_reports", "box-not-retrieved": "dbr_notretrieved_reports",
    "box-assessed": "dbr_assessed", "box-ft-excluded": "dbr_excluded",
    "box-included": "new_studies", "box-previous": "previous_studies", "box-total": "total_studies",
    "box-o-identified": "website_results", "box-o-sought": "other_sought_reports",
    "box-o-not-retrieved": "other_notretrieved_reports", "box-o-assessed": "other_assessed",
    "box-o-ft-excluded": "other_excluded",
}
# Run inside the client's virtualenv: the labels of the boxes `prisma-flow render` draws (the
# CLI's own calls: load_prisma_csv, then render_prisma with its defaults and the given flags).
LABELS = """
import json, sys
from prisma_flow_diagram import load_prisma_csv, render_prisma
detail = sys.argv[2] == "detail"
diagram = render_prisma(load_prisma_csv(sys.argv[1]), other=True, detail_databases=detail,
                        detail_registers=detail)
print(json.dumps({node.key: node.label for node in diagram.layout.nodes}))
"""
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> Counter[str]:
    return Counter(n.replace(",", "") for n in NUMBER.findall(text))


def client_venv() -> Path:
    python = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", CLIENT], check=True)
    return python


def review(*args: str, cwd: Path) -> str:
    """`review ARGS` as a user runs it (this tree's code, no terminal)."""
    env = dict(os.environ, CI="1", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "review_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise SystemExit(f"review {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def build_other_methods(root: Path, demo: Path) -> Path:
    """A review of the demo's exports: MEDLINE and Embase (databases), HMIC as a register,
    ASSIA searched with no results, King's Fund and SCIE (organisations), OpenGrey (website)
    and citation searching; screened by two reviewers from the demo's truth until 150 units
    of it were left undecided and the reviewers stopped; full text as the truth says."""
    review("init", root.name, "--protocol", "coproduction-integrated-care", cwd=root.parent)
    toml = root / "review.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('name = "HMIC"\nkind = "database"', 'name = "HMIC"\nkind = "register"')
    text = text.replace('name = "ASSIA"\nkind = "database"',
                        'name = "ASSIA"\nkind = "database"\nsearch_date = "2022-03-01"')
    toml.write_text(text, encoding="utf-8")
    searches = demo / "searches"
    for source, path in (
        ("MEDLINE", "medline/ovid-medline.txt"), ("Embase", "embase/embase-ovid.ris"),
        ("HMIC", "hmic/hmic-ovid.ris"), ("King's Fund", "king-s-fund/kings-fund-zotero.ris"),
        ("Social Care Institute for Excellence",
         "social-care-institute-for-excellence/scie-zotero.csv"),
        ("OpenGrey", "opengrey/opengrey.ris"),
        ("Citation searching", "citation-searching/citation-searching-zotero.csv"),
    ):
        review("import", str(searches / path), "--source", source, cwd=root)
    review("dedup", "--non-interactive", cwd=root)

    truth: dict[tuple[str, str, str], dict[str, str]] = {}
    for line in (demo / "demo" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        study = json.loads(line)
        for r in study["records"]:
            truth[(r["source"], r["file"], r["key"] or f"#{r['position']}")] = study
    unit_truth: dict[str, dict[str, str]] = {}
    rows = csv.DictReader(io.StringIO(review("export", "records", "--format", "csv", cwd=root)))
    for row in rows:
        study = truth.get((row["source"], Path(row["origin_file"]).name, row["origin_key"]))
        if study is not None:
            unit_truth.setdefault(row["cluster"], study)
    review("include", cwd=root)
    log = csv.DictReader(io.StringIO(review("export", "inclusion-log", "--format", "csv",
                                            cwd=root)))
    eligible = sorted({r["unit"] for r in log if r["status"] == "pending-title-abstract"})
    left = set(eligible[-150:])  # never screened: screening stops before them
    ta = [(u, unit_truth.get(u, {}).get("title_abstract", "exclude")) for u in eligible
          if u not in left]
    ta = [(u, "include" if v == "include" else "exclude") for u, v in ta]
    for reviewer in ("reviewer1", "reviewer2"):
        decide(root, ta, reviewer, "title-abstract")
    review("stop", "--reviewer", "reviewer1", "--note", "checked by the script", cwd=root)
    ft = []
    for unit, verdict in ta:
        if verdict != "include":
            continue
        study = unit_truth.get(unit, {})
        outcome = study.get("full_text") or "exclude"
        reason = study.get("reason") or "not-qualitative"
        ft.append((unit, outcome, reason if outcome == "exclude" else ""))
    # one report not retrieved in each arm, whatever the truth says
    arms = {r["unit"]: r["arm"] for r in csv.DictReader(io.StringIO(
        review("export", "inclusion-log", "--format", "csv", cwd=root)))}
    for arm in ("databases-registers", "other-methods"):
        k = next((i for i, (u, o, _) in enumerate(ft) if arms.get(u) == arm and o != "include"),
                 None)
        if k is not None:
            ft[k] = (ft[k][0], "not-retrieved", "")
    for reviewer in ("reviewer1", "reviewer2"):
        decide(root, ft, reviewer, "full-text")
    review("prisma", cwd=root)
    return root


def decide(root: Path, rows: list[tuple[str, ...]], reviewer: str, stage: str) -> None:
    path = root.parent / f"decisions-{stage}-{reviewer}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    review("decide", "--from", str(path), "--reviewer", reviewer, "--stage", stage, cwd=root)


def review_boxes(svg: Path) -> dict[str, Counter[str]]:
    root = ET.fromstring(svg.read_bytes())
    out = {}
    for g in root.iter(f"{SVG_NS}g"):
        key = g.get("id", "")
        if key in BOXES:
            text = " ".join(t.text or "" for t in g.iter(f"{SVG_NS}text"))
            out[BOXES[key]] = numbers(text.replace("\u00a0", " "))
    return out


def client_boxes(python: Path, csv_path: Path, detail: bool) -> dict[str, Counter[str]]:
    done = subprocess.run([str(python), "-c", LABELS, str(csv_path),
                           "detail" if detail else "plain"],
                          capture_output=True, text=True, check=True)
    labels = json.loads(done.stdout)
    return {key: numbers(label) for key, label in labels.items()
            if key in BOXES.values() and numbers(label)}


def compare(ours: dict[str, Counter[str]], theirs: dict[str, Counter[str]]) -> list[str]:
    """The boxes whose numbers differ, with what each side draws."""
    out = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key, Counter()), theirs.get(key, Counter())
        if a != b:
            out.append(f"{key}: review {sorted(a.elements())}, prisma-flowchart "
                       f"{sorted(b.elements())}")
    return out


def check(name: str, root: Path, python: Path, out: Path) -> tuple[list[str], list[str]]:
    csv_path = root / "prisma" / "PRISMA.csv"
    before = csv_path.read_bytes()
    png = out / f"{name}.png"
    bin_dir = python.parent
    client = bin_dir / ("prisma-flow.exe" if os.name == "nt" else "prisma-flow")
    subprocess.run([str(client), "render", str(csv_path), str(png), "--other", "--overwrite"],
                   check=True, capture_output=True)
    if not png.read_bytes().startswith(b"\x89PNG") or csv_path.read_bytes() != before:
        raise SystemExit(f"{name}: prisma-flow did not draw a PNG from the unmodified CSV")
    ours = review_boxes(root / "prisma" / "prisma.svg")
    plain = compare(ours, client_boxes(python, csv_path, detail=False))
    detail = compare(ours, client_boxes(python, csv_path, detail=True))
    return plain, detail


def plain_note(differences: list[str]) -> str:
    if all(d.startswith("database_results") for d in differences):
        return ("same, but for the per-database and per-register lines of \"Records "
                "identified\" (prisma-flowchart draws them only with the detail flags)")
    return "; ".join(differences)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="Build the reviews here and keep them.")
    args = parser.parse_args()
    python = client_venv()
    base = args.keep or Path(tempfile.mkdtemp(prefix="review-prisma-flowchart-"))
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    out = ROOT / "benchmarks" / "out" / "prisma-flowchart"
    out.mkdir(parents=True, exist_ok=True)
    demo = base / "demo-review"
    review("demo", str(demo), cwd=base)
    other = build_other_methods(base / "other-methods-review", demo)
    rows, failed = [], False
    for name, root in (("demo", demo), ("other-methods review", other)):
        counts = json.loads((root / "prisma" / "prisma.json").read_text(encoding="utf-8"))
        plain, detail = check(name.split()[0], root, python, out)
        only_per_source = all(d.startswith("database_results") for d in plain)
        failed |= bool(detail) or not only_per_source
        c = counts["counts"]
        rows.append(
            f"| {name} | {c['database_results'] + c['register_results']} / "
            f"{c['website_results'] + c['organisation_results'] + c['citations_results']} | "
            f"{c['other_sought_reports']} | {c['excluded_other']} | "
            f"{'same' if not plain else plain_note(plain)} | "
            f"{'same' if not detail else '; '.join(detail)} |")
        for line in plain + detail:
            print(f"{name}: {line}", file=sys.stderr)
    table = "\n".join([
        "| review | identified (databases+registers / other methods) | other methods: reports "
        "sought | removed for other reasons (a recorded stop) | `prisma-flow render PRISMA.csv "
        "out.png --other` | with `--detail-databases --detail-registers` |",
        "|---|---:|---:|---:|---|---|",
        *rows,
    ])
    print(table)
    update_section("prisma-flowchart", f"""## PRISMA.csv read by another client \
(`benchmarks/check_prisma_flowchart.py`)

`{CLIENT}` (PyPI, in its own virtualenv) draws each review's `prisma/PRISMA.csv`, unmodified;
its boxes' numbers are compared with those of `review`'s own `prisma/prisma.svg`, box by box.
Without `--detail-databases`, prisma-flowchart leaves out the per-database lines of "Records
identified", which `review` draws as PRISMA 2020 recommends; with it, every number is the same.
Machine: {machine()}.

{table}
""")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
