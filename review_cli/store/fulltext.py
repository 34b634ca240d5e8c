"""`fulltext/`: the full-text reports (PDFs), named by unit or record id, that the full-text
screen shows."""

from __future__ import annotations

from review_cli.model import Record
from review_cli.project import Project


def location(project: Project, unit: Record, members: list[str]) -> str:
    """A file in fulltext/ named by the unit or a member id, else the record's URL or DOI link."""
    folder = project.fulltext_dir
    if folder.is_dir():
        for rid in (unit.id, *members):
            for path in sorted(folder.glob(f"{rid}.*")):
                return project.rel(path)
    if unit.url:
        return unit.url
    if unit.doi:
        return f"https://doi.org/{unit.doi}"
    return ""
