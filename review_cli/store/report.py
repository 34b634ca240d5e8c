"""`report/`: the review's report, `report.md` (Markdown that renders on GitHub, Mermaid
diagrams included) and `report.docx` (the same as a Word document). Written by `review report`
only, both at once; derived data that nothing reads back but `review report --check`.
"""

from __future__ import annotations

from pathlib import Path

from review_cli.project import Project
from review_cli.store.transaction import Transaction


def paths(project: Project) -> dict[str, Path]:
    """name -> path of each file, in the order they are written and compared."""
    return {"markdown": project.report_dir / "report.md",
            "word": project.report_dir / "report.docx"}


def write(tx: Transaction, path: Path, data: bytes) -> str:
    return tx.write(path, data)


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
