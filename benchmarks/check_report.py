"""Check that the report `review report` writes opens in real readers, and time the command.

    .venv/bin/python -m benchmarks.check_report [--no-write] [--runs N]

Runs `review demo` in a temp folder (it ends with `review report`), then:

- Mermaid: every ```mermaid block of report/report.md (the PRISMA flow and the line of
  argument) and prisma/prisma.mmd is parsed by the official `mermaid` package (`mermaid.parse`,
  in Node with jsdom standing in for the browser), installed with npm into
  benchmarks/.node-mermaid/ on first use (never a project dependency); skipped when node or
  npm is missing;
- Word: report/report.docx is read back with python-docx (every paragraph and table), converted
  by LibreOffice headless (`soffice --convert-to pdf`, then to text) and by pandoc (to
  Markdown) when they are installed, each without an error and with the report's text in it;
- time: `review report` and `review report --check` in the demo folder, as subprocesses,
  median of N runs (default 5).

Writes the `report` section of BENCHMARKS.md (unless --no-write); exits 1 when a check fails.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import ROOT, machine, update_section

NODE_DIR = ROOT / "benchmarks" / ".node-mermaid"
PARSE_JS = """\
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
const blocks = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const [name, text] of blocks) {
  try {
    const r = await mermaid.parse(text);
    out.push([name, "ok", r.diagramType]);
  } catch (e) {
    out.push([name, "error", String(e.message || e).split("\\n").slice(0, 3).join(" ")]);
  }
}
console.log(JSON.stringify(out));
"""


def review(*args: str, cwd: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "review_cli", *args], cwd=cwd, check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def mermaid_blocks(folder: Path) -> list[tuple[str, str]]:
    md = (folder / "report" / "report.md").read_text(encoding="utf-8")
    blocks = [(f"report.md block {i}", b) for i, b in
              enumerate(re.findall(r"```mermaid\n(.*?)```", md, re.S), start=1)]
    return [*blocks, ("prisma/prisma.mmd",
                      (folder / "prisma" / "prisma.mmd").read_text(encoding="utf-8"))]


def check_mermaid(folder: Path) -> list[str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return ["Mermaid: skipped (node or npm not installed)"]
    if not (NODE_DIR / "node_modules" / "mermaid").is_dir():
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        (NODE_DIR / "package.json").write_text('{"private": true, "type": "module"}\n')
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "mermaid@11",
                        "jsdom@26"], cwd=NODE_DIR, check=True, capture_output=True)
    (NODE_DIR / "parse.mjs").write_text(PARSE_JS)
    blocks = mermaid_blocks(folder)
    with tempfile.TemporaryDirectory() as tmp:
        listed = Path(tmp) / "blocks.json"
        listed.write_text(json.dumps(blocks))
        done = subprocess.run([node, "parse.mjs", str(listed)], cwd=NODE_DIR, check=True,
                              capture_output=True, text=True)
    results = json.loads(done.stdout.strip().splitlines()[-1])
    version = json.loads((NODE_DIR / "node_modules" / "mermaid" / "package.json").read_text())
    bad = [f"{name}: {why}" for name, status, why in results if status != "ok"]
    if bad:
        raise AssertionError("Mermaid parse errors:\n  " + "\n  ".join(bad))
    node_version = subprocess.check_output([node, "--version"], text=True).strip()
    return [f"Mermaid {version['version']} (`mermaid.parse`, Node {node_version}): "
            f"{len(results)} of {len(results)} diagrams parse ("
            + ", ".join(f"{n}: {t}" for n, _, t in results) + ")"]


def check_word(folder: Path) -> list[str]:
    from docx import Document

    path = folder / "report" / "report.docx"
    doc = Document(str(path))
    title = doc.paragraphs[0].text
    cells = sum(len(row.cells) for t in doc.tables for row in t.rows)
    out = [f"python-docx: {len(doc.paragraphs)} paragraphs, {len(doc.tables)} tables "
           f"({cells} cells); title `{title[:40]}...`"]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            profile = Path(tmp) / "profile"
            args = [soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}"]
            done = subprocess.run([*args, "--convert-to", "pdf", "--outdir", tmp, str(path)],
                                  capture_output=True, text=True, timeout=300)
            pdf = Path(tmp) / "report.pdf"
            if done.returncode or not pdf.is_file() or "Error" in done.stderr:
                raise AssertionError(f"LibreOffice could not convert the report: {done.stderr}")
            subprocess.run([*args, "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp,
                            str(path)], capture_output=True, text=True, timeout=300)
            text = (Path(tmp) / "report.txt").read_text(encoding="utf-8", errors="replace")
            if title not in text or "Summary of Qualitative Findings" not in text:
                raise AssertionError("LibreOffice's text of the report lacks its headings")
            version = subprocess.run([soffice, "--version"], capture_output=True,
                                     text=True).stdout.split("\n")[0].strip()
            out.append(f"{version}: converted to PDF ({pdf.stat().st_size:,} bytes) and to text "
                       "without an error; the text has the report's title and headings")
    else:
        out.append("LibreOffice: skipped (not installed)")
    pandoc = shutil.which("pandoc")
    if pandoc:
        done = subprocess.run([pandoc, str(path), "-t", "gfm"], capture_output=True, text=True)
        if done.returncode or "Summary of Qualitative Findings" not in done.stdout:
            raise AssertionError(f"pandoc could not convert the report: {done.stderr}")
        out.append("pandoc: converted to Markdown without an error")
    else:
        out.append("pandoc: skipped (not installed)")
    return out


def main() -> int:
    write = "--no-write" not in sys.argv
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo-review"
        subprocess.run([sys.executable, "-m", "review_cli", "demo", str(folder)], check=True,
                       capture_output=True)
        lines = [*check_mermaid(folder), *check_word(folder)]
        write_times = [review("report", cwd=folder) for _ in range(runs)]
        check_times = [review("report", "--check", cwd=folder) for _ in range(runs)]
    for line in lines:
        print(line)
    timing = (f"`review report` on the demo (2,097 records, 10 studies, the whole synthesis): "
              f"median {statistics.median(write_times):.2f} s (min {min(write_times):.2f}); "
              f"`review report --check`: median {statistics.median(check_times):.2f} s "
              f"(min {min(check_times):.2f}); {runs} runs each, a subprocess each, interpreter "
              "start-up included")
    print(timing)
    if write:
        update_section("report", "\n".join([
            "## The report opens in real readers (`python -m benchmarks.check_report`)", "",
            f"Machine: {machine()}. The machine is shared and noisy: medians.", "",
            *(f"- {line}" for line in lines), f"- {timing}", ""]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
