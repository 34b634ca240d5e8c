"""Check that the workbooks `review` writes open in real spreadsheet readers, drop-downs and all.

    .venv/bin/python -m benchmarks.check_xlsx [--peers] [--no-write]

Runs `review demo` in a temp folder, then, as a user would, `review extract export --reviewer
reviewer1` (the extraction workbook) and `review export characteristics|appraisal --format
xlsx`, and opens them with:

- openpyxl (the library review writes them with), reading the data validations back;
- review's own standard-library XLSX reader (io/xlsx.py, which imports exports);
- the raw sheet XML (`<dataValidation type="list">` in the file itself);
- pandas with the calamine engine (a Rust reader, independent of openpyxl), from the separate
  virtualenv benchmarks/.venv-xlsx (created with `--peers`; never a project dependency);
- LibreOffice headless (`soffice`), when installed: the workbook converted to ODS keeps its
  drop-downs (`table:content-validation` with the form's choices) and to CSV gives the rows.

Writes the `xlsx` section of BENCHMARKS.md (unless --no-write); exits 1 when a check fails.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks._common import ROOT, machine, update_section

PEER_VENV = ROOT / "benchmarks" / ".venv-xlsx"
CHOICES = ["co-production", "co-design", "experience-based co-design", "co-creation", "other"]


def review(*args: str, cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "review_cli", *args], cwd=cwd, check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def check_openpyxl(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["extraction", "quotations", "guide", "lists"], wb.sheetnames
    ws = wb["extraction"]
    header = [c.value for c in ws[1]]
    col = ws.cell(row=1, column=header.index("approach") + 1).column_letter
    rules = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(col)]
    assert rules and rules[0].type == "list", rules
    ref = rules[0].formula1.split("!")[1].replace("$", "")
    listed = [c.value for row in wb["lists"][ref] for c in row]
    assert listed == CHOICES, listed
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == 10 and all(r[header.index("approach")] in CHOICES for r in rows)
    quotes = [r for r in wb["quotations"].iter_rows(min_row=2, values_only=True) if r[0]]
    lists = len(ws.data_validations.dataValidation)
    return (f"10 study rows, {len(quotes)} quotation rows, {lists} validations; the `approach` "
            f"drop-down lists {len(listed)} choices")


def check_stdlib(path: Path) -> str:
    from review_cli.io.xlsx import read_rows

    rows = [r for r in read_rows(path.read_bytes()) if r]
    assert rows[0][:3] == ["study", "study_label", "title"] and len(rows) == 11, rows[:2]
    return "first sheet: header + 10 rows"


def check_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode("utf-8")
    found = re.findall(r'<dataValidation [^>]*type="list"', sheet)
    assert found, "no list validation in sheet1.xml"
    return f"{len(found)} list validations in xl/worksheets/sheet1.xml"


def check_pandas(path: Path, tables: list[Path]) -> str:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        return "skipped (run with --peers to create benchmarks/.venv-xlsx)"
    code = (
        "import sys, pandas as pd\n"
        "for p in sys.argv[1:]:\n"
        "    book = pd.read_excel(p, sheet_name=None, engine='calamine')\n"
        "    print(p.rsplit('/', 1)[-1], {k: v.shape for k, v in book.items()})\n"
        "    assert all(len(v) >= 1 for v in book.values())\n"
        "print('pandas', pd.__version__)\n"
    )
    done = subprocess.run([str(python), "-c", code, str(path), *map(str, tables)],
                          capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def check_libreoffice(path: Path, tmp: Path) -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return "skipped (LibreOffice is not installed)"
    out = tmp / "lo"
    out.mkdir()
    for fmt in ("ods", "csv"):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile",
                        "--convert-to", fmt, "--outdir", str(out), str(path)], check=True,
                       capture_output=True, timeout=300)
    with zipfile.ZipFile(out / (path.stem + ".ods")) as zf:
        content = zf.read("content.xml").decode("utf-8")
    validations = re.findall(r"<table:content-validation [^>]*>", content)
    assert validations, "no content validation after conversion"
    assert any("lists" in v and "cell-content-is-in-list" in v for v in validations), validations
    csv_rows = (out / (path.stem + ".csv")).read_text(encoding="utf-8").strip().split("\n")
    assert len(csv_rows) >= 11, len(csv_rows)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout
    return (f"{' '.join(version.split()[:2])}: converted to ODS with {len(validations)} "
            f"content validations (drop-downs from the `lists` sheet), CSV {len(csv_rows)} rows")


def main() -> int:
    if "--peers" in sys.argv and not PEER_VENV.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "pandas", "python-calamine"], check=True)
    results: dict[str, str] = {}
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        review("demo", "demo-review", cwd=tmp)
        demo = tmp / "demo-review"
        book = tmp / "extraction.xlsx"
        times = [review("extract", "export", "--reviewer", "reviewer1", "--out", str(book),
                        cwd=demo) for _ in range(3)]
        tables = []
        for what in ("characteristics", "appraisal"):
            tables.append(tmp / f"{what}.xlsx")
            review("export", what, "--format", "xlsx", "--out", str(tables[-1]), cwd=demo)
        checks = {
            "openpyxl (writer's own reader)": lambda: check_openpyxl(book),
            "review's stdlib reader (io/xlsx.py)": lambda: check_stdlib(book),
            "raw sheet XML": lambda: check_xml(book),
            "pandas + calamine": lambda: check_pandas(book, tables),
            "LibreOffice headless": lambda: check_libreoffice(book, tmp),
        }
        for name, check in checks.items():
            try:
                found = check()
                results[name] = found if found.startswith("skipped") else "ok: " + found
            except (AssertionError, subprocess.CalledProcessError, OSError, KeyError) as e:
                failed = True
                results[name] = f"FAILED: {e!r}"[:300]
        size = book.stat().st_size
    lines = [
        "## The extraction workbook in spreadsheet readers",
        "",
        f"`python -m benchmarks.check_xlsx --peers` on {machine()}: the demo's extraction "
        f"workbook (filled with reviewer1's values, {size:,} bytes; `review extract export`, "
        f"median {statistics.median(times):.2f} s of 3 runs as a subprocess on this shared, "
        "noisy 2-core machine) and the two tables.",
        "",
        "| reader | result |",
        "|---|---|",
        *(f"| {name} | {text.replace('|', '/')} |" for name, text in results.items()),
    ]
    print("\n".join(lines))
    if "--no-write" not in sys.argv:
        update_section("xlsx", "\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
