"""Write the demo's characteristics and appraisal tables into docs/extraction.md.

    python -m benchmarks.demo_tables            # runs `review demo` in a temp folder
    python -m benchmarks.demo_tables --check    # exit 1 when the docs differ

The tables are what `review export characteristics --format md` and `review export appraisal
--format md` print in the demo folder; tests/test_demo.py checks the docs against them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "extraction.md"
MARKERS = {"characteristics": "demo-characteristics", "appraisal": "demo-appraisal"}


def with_tables(doc: str, tables: dict[str, str]) -> str:
    for what, marker in MARKERS.items():
        begin, end = f"<!-- BEGIN {marker} -->", f"<!-- END {marker} -->"
        block = f"{begin}\n{tables[what]}{end}"
        doc = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _m, b=block: b, doc,
                     flags=re.S)
    return doc


def tables(folder: Path) -> dict[str, str]:
    out = {}
    for what in MARKERS:
        done = subprocess.run([sys.executable, "-m", "review_cli", "export", what, "--format",
                               "md"], cwd=folder, capture_output=True, text=True, check=True)
        out[what] = done.stdout
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo-review"
        subprocess.run([sys.executable, "-m", "review_cli", "demo", str(folder)], check=True,
                       capture_output=True)
        new = with_tables(DOC.read_text(encoding="utf-8"), tables(folder))
    if "--check" in sys.argv:
        return 0 if new == DOC.read_text(encoding="utf-8") else 1
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
