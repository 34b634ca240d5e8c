"""Import speed and peak memory for the table and markup formats (CSV, XLSX, BibTeX, EndNote XML).

Synthetic exports in the Scopus CSV / Embase XLSX / Zotero BibTeX / EndNote XML layouts, with
abstracts of realistic length, are imported into a fresh review with the real import stage
(parse, normalise, ids, write). Each format runs in its own child process so its peak RSS is its
own. Usage: python -m benchmarks.bench_import_table [RECORDS] [RUNS]
"""

from __future__ import annotations

import csv
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from benchmarks._common import as_installed, machine, median_time, update_section

WORDS = (
    "integrated care co-production service users carers staff design transformation primary "
    "community health social hospital discharge pathway qualitative study interviews outcomes "
    "older people mental workforce commissioning partnership evaluation implementation"
).split()


def _records(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        out.append({
            "title": " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + f" {i}",
            "authors": [
                f"Author{rng.randrange(5000)}, {chr(65 + rng.randrange(26))}."
                for _ in range(rng.randrange(1, 8))
            ],
            "year": str(2000 + rng.randrange(24)),
            "journal": "Journal of " + " ".join(rng.choice(WORDS) for _ in range(2)).title(),
            "volume": str(rng.randrange(1, 90)),
            "issue": str(rng.randrange(1, 12)),
            "start": str(rng.randrange(1, 900)),
            "doi": f"10.{1000 + rng.randrange(9000)}/bench.{i}",
            "abstract": " ".join(rng.choice(WORDS) for _ in range(180)),
            "key": f"2-s2.0-{85000000000 + i}",
        })
    return out


def write_csv(recs: list[dict[str, str]], path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow([
        "Authors", "Title", "Year", "Source title", "Volume", "Issue", "Page start", "Page end",
        "DOI", "Abstract", "EID",
    ])
    for r in recs:
        w.writerow([
            "; ".join(r["authors"]), r["title"], r["year"], r["journal"], r["volume"], r["issue"],
            r["start"], str(int(r["start"]) + 9), r["doi"], r["abstract"], r["key"],
        ])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def write_bibtex(recs: list[dict[str, str]], path: Path) -> None:
    parts = []
    for i, r in enumerate(recs):
        parts.append(
            f"@article{{key{i},\n\ttitle = {{{r['title']} in {{M}}{{\\\"u}}nchen}},\n"
            f"\tauthor = {{{' and '.join(r['authors'])}}},\n"
            f"\tjournal = {{{r['journal']}}},\n\tyear = {{{r['year']}}},\n"
            f"\tvolume = {{{r['volume']}}},\n\tnumber = {{{r['issue']}}},\n"
            f"\tpages = {{{r['start']}--{int(r['start']) + 9}}},\n\tdoi = {{{r['doi']}}},\n"
            f"\tabstract = {{{r['abstract']}}},\n}}\n"
        )
    path.write_text("\n".join(parts), encoding="utf-8")


def write_endnote_xml(recs: list[dict[str, str]], path: Path) -> None:
    def st(t: str) -> str:
        return f'<style face="normal" font="default" size="100%">{escape(t)}</style>'

    parts = ['<?xml version="1.0" encoding="UTF-8" ?><xml><records>']
    for i, r in enumerate(recs):
        authors = "".join(f"<author>{st(a)}</author>" for a in r["authors"])
        parts.append(
            f"<record><rec-number>{i + 1}</rec-number>"
            '<ref-type name="Journal Article">17</ref-type>'
            f"<contributors><authors>{authors}</authors></contributors>"
            f"<titles><title>{st(r['title'])}</title></titles>"
            f"<periodical><full-title>{st(r['journal'])}</full-title></periodical>"
            f"<pages>{st(r['start'])}</pages>"
            f"<volume>{st(r['volume'])}</volume><number>{st(r['issue'])}</number>"
            f"<dates><year>{st(r['year'])}</year></dates>"
            f"<electronic-resource-num>{st(r['doi'])}</electronic-resource-num>"
            f"<abstract>{st(r['abstract'])}</abstract></record>\n"
        )
    parts.append("</records></xml>\n")
    path.write_text("".join(parts), encoding="utf-8")


def write_xlsx(recs: list[dict[str, str]], path: Path) -> None:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    header = [
        "Title", "Author Names", "Source title", "Publication Year", "Volume", "Issue",
        "First Page", "DOI", "Abstract",
    ]
    rows = [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        '<row r="2"/>',
        '<row r="3"/>',
    ]
    shared = ["SEARCH QUERY", "'co-production':ti", *header]
    rows.append(
        '<row r="4">'
        + "".join(f'<c r="{chr(65 + j)}4" t="s"><v>{2 + j}</v></c>' for j in range(len(header)))
        + "</row>"
    )
    for i, r in enumerate(recs):
        n = i + 5
        values = [
            r["title"], ", ".join(r["authors"]), r["journal"], r["year"], r["volume"], r["issue"],
            r["start"], r["doi"], r["abstract"],
        ]
        cells = []
        for j, v in enumerate(values):
            if v.isdigit():
                cells.append(f'<c r="{chr(65 + j)}{n}"><v>{v}</v></c>')
            else:
                shared.append(v)
                cells.append(f'<c r="{chr(65 + j)}{n}" t="s"><v>{len(shared) - 1}</v></c>')
        rows.append(f'<row r="{n}">{"".join(cells)}</row>')
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {ns}><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>',
        )
        z.writestr("xl/sharedStrings.xml", f"<sst {ns}>{sst}</sst>")
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(rows)}</sheetData></worksheet>",
        )


WRITERS = {
    "csv": (write_csv, "scopus.csv"),
    "xlsx": (write_xlsx, "embase.xlsx"),
    "bibtex": (write_bibtex, "zotero.bib"),
    "endnote-xml": (write_endnote_xml, "endnote.xml"),
}


def one(fmt: str, n: int, runs: int) -> dict[str, object]:
    """Runs inside a child process: import one synthetic file `runs` times into fresh reviews."""
    from review_cli.io import formats
    from review_cli.io.document import decode
    from review_cli.project import Project
    from review_cli.stages import import_, init

    with tempfile.TemporaryDirectory() as tmp:
        writer, name = WRITERS[fmt]
        export = Path(tmp) / name
        writer(_records(n), export)
        counter = iter(range(runs))

        def run() -> int:
            root = Path(tmp) / f"review{next(counter)}"
            init.run(root)
            result = import_.run(Project(root), [export], "Bench")
            return result.files[0].imported

        def parse_only() -> int:
            doc = decode(export, export.read_bytes())
            return sum(1 for _ in formats.detect(doc).parse(doc))

        parse_seconds, _ = median_time(parse_only, runs=runs)
        seconds, imported = median_time(run, runs=runs)
        size = export.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "format": fmt, "records": imported, "bytes": size, "parse_seconds": parse_seconds,
        "seconds": seconds, "peak_mib": peak,
    }


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    results: list[dict[str, Any]] = []
    for fmt in WRITERS:
        out = subprocess.run(
            [
                sys.executable, "-m", "benchmarks.bench_import_table",
                "--one", fmt, str(n), str(runs),
            ],
            check=True, capture_output=True, text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], file=sys.stderr)
    lines = [
        "## Import: table and markup formats",
        "",
        (
            f"`python -m benchmarks.bench_import_table {n} {runs}`: "
            f"a synthetic export of {n:,} records per format"
        ),
        (
            "(abstracts of 180 words) imported into a fresh review by `review import`'s stage; "
            f"median of {runs} runs,"
        ),
        "peak RSS of the process that ran them. *Parse* is the format reader alone (decode, sniff,",
        "parse); *import* adds the shared normalisation, record ids and writing.",
        "Machine: " + machine() + ".",
        "",
        (
            "| format | records | file size | parse | import (wall) | records/s (import) "
            "| peak memory |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        secs = float(r["seconds"])
        lines.append(
            f"| {r['format']} | {r['records']:,} | {int(r['bytes']) / 2**20:.1f} MiB | "
            f"{float(r['parse_seconds']):.2f} s | {secs:.2f} s | "
            f"{int(r['records']) / secs:,.0f} | {float(r['peak_mib']):.0f} MiB |"
        )
    update_section("import-table", "\n".join(lines))


if __name__ == "__main__":
    main()
