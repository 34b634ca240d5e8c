"""`prisma/`: the PRISMA 2020 counts (`prisma.json`), the diagram (`prisma.svg`, `prisma.mmd`)
and the counts in the CSV layout the PRISMA2020 R package and Shiny app read (`PRISMA.csv`).
Written by `review prisma` only, all at once.
"""

from __future__ import annotations

from pathlib import Path

from review_cli.project import Project
from review_cli.store.transaction import Transaction


def paths(project: Project) -> dict[str, Path]:
    """name -> path of each file, in the order they are written and compared."""
    return {
        "json": project.prisma_json_path,
        "svg": project.prisma_svg_path,
        "mermaid": project.prisma_mermaid_path,
        "csv": project.prisma_csv_path,
    }


def write(tx: Transaction, path: Path, data: bytes) -> str:
    return tx.write(path, data)


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
