"""Small synthetic screening projects shared by the screen tests."""

from __future__ import annotations

from pathlib import Path

from review_cli.io.writer import write_jsonl, write_text
from review_cli.model import Origin, Record
from review_cli.project import Project
from review_cli.stages import init

PROTOCOL = """\
schema = 1

[review]
title = "Carers and hospital discharge"

[criteria]
include = ["Adult unpaid carers", "Hospital discharge"]
exclude = ["Animal studies"]

[[exclusion_reasons]]
code = "population"
label = "Wrong population"

[[exclusion_reasons]]
code = "design"
label = "Wrong study design"

[[exclusion_reasons]]
code = "outcome"
label = "No relevant outcome"
stages = ["full-text"]

[limits]
year_from = 2000

{reviewers}

[screening]
seed = 7
final = "{final}"

[screening.highlight]
include = ["carers"]
exclude = ["mice"]
"""

TOPICS = [
    ("Unpaid carers and hospital discharge planning",
     "carers discharge hospital family caregiver support planning"),
    ("Mice models of liver fibrosis", "mice liver fibrosis animal model rodent"),
    ("Caregiver burden after stroke discharge", "carers caregiver burden discharge stroke family"),
    ("Quantum dots in solar cells", "quantum dots photovoltaic efficiency semiconductor"),
]


def records(n: int, old: int = 0) -> list[Record]:
    out = []
    for i in range(n):
        title, words = TOPICS[i % len(TOPICS)]
        out.append(
            Record(
                id=f"r{i:04d}",
                source="MEDLINE",
                title=f"{title} {i}",
                authors=(f"Author{i}, A", "Other, B"),
                year=1990 if i < old else 2010 + i % 10,
                journal="Journal of Things",
                abstract=f"{words} study number {i}. " * 3,
                keywords=("care", "discharge"),
                origins=(Origin("MEDLINE", "searches/medline/x.ris", f"#{i + 1}", i + 1),),
            )
        )
    return out


def make_project(root: Path, n: int = 12, reviewers: tuple[str, ...] = ("alice",),
                 final: str = "single", old: int = 0, deduplicated: bool = True) -> Project:
    """`n` records; `deduplicated`: as `review dedup` leaves them (each its own cluster)."""
    init.run(root)
    project = Project(root)
    block = "\n".join(f'[[reviewers]]\nname = "{r}"\n' for r in reviewers)
    write_text(project.protocol_path, PROTOCOL.format(reviewers=block, final=final))
    rows = records(n, old)
    write_jsonl(project.records_path, [r.to_json() for r in rows])
    if deduplicated:
        write_jsonl(project.clusters_path,
                    [{"id": r.id, "records": [r.id], "links": []} for r in rows])
    return project


def relevant(record_title: str) -> bool:
    return "carers" in record_title.casefold() or "caregiver" in record_title.casefold()
