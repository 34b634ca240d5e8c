"""Copy the demo's report into the docs and its highlights into the README.

    python -m benchmarks.demo_report            # runs `review demo` in a temp folder
    python -m benchmarks.demo_report --check    # exit 1 when the docs differ

`docs/demo-report.md` and `docs/demo-report.docx` are the demo's report/ as `review demo`
writes it; the README shows its numbers, its line of argument and its Summary of Qualitative
Findings between `<!-- BEGIN demo-report -->` and `<!-- END demo-report -->`.
tests/test_demo.py checks all three against a fresh demo.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOC_MD = ROOT / "docs" / "demo-report.md"
DOC_DOCX = ROOT / "docs" / "demo-report.docx"
MARKER = "demo-report"


def _section(md: str, heading: str, stop: str) -> str:
    start = md.index(heading)
    end = md.index(stop, start + len(heading))
    return md[start:end].strip("\n")


def excerpt(md: str) -> str:
    """The report's numbers, line of argument and Summary of Qualitative Findings, with
    headings one level down (they sit under a README section)."""
    parts = [
        _section(md, "## 1. The review in numbers", "## 2. "),
        _section(md, "### 7.3 Line of argument", "## 8. "),
        _section(md, "### Summary of Qualitative Findings", "### Evidence Profile"),
    ]
    text = "\n\n".join(parts)
    return re.sub(r"^(#+) ", lambda m: "#" + m[1] + " ", text, flags=re.M) + "\n"


def with_excerpt(readme: str, md: str) -> str:
    begin, end = f"<!-- BEGIN {MARKER} -->", f"<!-- END {MARKER} -->"
    block = f"{begin}\n{excerpt(md)}{end}"
    return re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _m: block, readme,
                  flags=re.S)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo-review"
        subprocess.run([sys.executable, "-m", "review_cli", "demo", str(folder)], check=True,
                       capture_output=True)
        md = (folder / "report" / "report.md").read_text(encoding="utf-8")
        docx = (folder / "report" / "report.docx").read_bytes()
        readme = with_excerpt(README.read_text(encoding="utf-8"), md)
        if "--check" in sys.argv:
            same = (readme == README.read_text(encoding="utf-8")
                    and DOC_MD.read_text(encoding="utf-8") == md
                    and DOC_DOCX.read_bytes() == docx)
            return 0 if same else 1
        README.write_text(readme, encoding="utf-8")
        DOC_MD.write_text(md, encoding="utf-8")
        shutil.copyfile(folder / "report" / "report.docx", DOC_DOCX)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
