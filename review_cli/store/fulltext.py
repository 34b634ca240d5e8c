"""`fulltext/`: the full-text reports, named by unit id, and `fulltext/index.jsonl`, where each
came from.

The index has one line per report, sorted by unit: the file, its kind (pdf, or html/xml for a
web full text where that is all there is), the source (unpaywall, europepmc, openalex,
attached), the URL and licence, its size and sha256, and when it was fetched or attached (an
audit trail, like a decision line). The index is versioned; the reports themselves follow
review.toml's `[fulltext] commit` ("no": git-ignored, as their licences differ; "git"; "lfs"),
through `fulltext/.gitignore` and `.gitattributes`, which this module writes.

A report is only ever written through a transaction: streamed into a temp file beside its
place (`.<name>.<random>.tmp`, which git ignores and the next writer sweeps away) and renamed
into place when the transaction commits, with the index line that describes it. A download
cut short, refused or interrupted leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.model import Record
from review_cli.project import Project
from review_cli.store.transaction import Transaction

KINDS = ("pdf", "html", "xml")
REQUIRED = ("unit", "file", "kind", "source", "size", "sha256", "time")
PDF_MAGIC = b"%PDF-"
HINT = "restore fulltext/index.jsonl from git (`git checkout -- fulltext/index.jsonl`): " \
    "review writes it"
_OURS = "# Written by `review` from review.toml's [fulltext] commit"

GITIGNORE = {
    "no": f"""{_OURS} = "no": the reports stay out of
# git (their licences differ); their index (index.jsonl) is committed. To commit the reports,
# set commit = "git" (or "lfs") under [fulltext] in review.toml; the next `review fulltext`
# fetch or attach rewrites this file.
*
!.gitignore
!.gitattributes
!index.jsonl
""",
    "git": f"""{_OURS} = "git": the reports are committed.
.*.tmp
""",
    "lfs": f"""{_OURS} = "lfs": the reports are committed
# through git LFS (.gitattributes; run `git lfs install` once per machine).
.*.tmp
""",
}
LFS_ATTRIBUTES = f"""{_OURS} = "lfs".
*.pdf filter=lfs diff=lfs merge=lfs -text
"""


@dataclass(frozen=True)
class Entry:
    """One report in the index."""

    unit: str
    file: str  # relative to the review root: fulltext/<unit>.<kind>
    kind: str  # pdf | html | xml
    source: str  # unpaywall | europepmc | openalex | attached
    url: str
    licence: str
    size: int
    sha256: str  # "sha256:<hex>", as review.lock writes hashes
    time: str  # when it was fetched or attached, UTC, ISO 8601

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit, "file": self.file, "kind": self.kind, "source": self.source,
            "url": self.url, "licence": self.licence, "size": self.size, "sha256": self.sha256,
            "time": self.time,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(
            str(data["unit"]), str(data["file"]), str(data["kind"]), str(data["source"]),
            str(data.get("url") or ""), str(data.get("licence") or ""), int(data["size"]),
            str(data["sha256"]), str(data["time"]),
        )


def read_index(project: Project) -> dict[str, Entry]:
    """Unit id -> its report's index line ({} before any report was fetched or attached)."""
    out: dict[str, Entry] = {}
    path = project.fulltext_index_path
    for line, obj in writer.iter_jsonl(path, require=REQUIRED, hint=HINT):
        try:
            entry = Entry.from_json(obj)
        except (TypeError, ValueError):
            raise ParseError(
                path, "`size` must be a number", line=line,
                hint=HINT,
            ) from None
        out[entry.unit] = entry
    return out


def present(project: Project, entry: Entry) -> bool:
    """The indexed report is in this checkout, whole (a fresh clone has the index only, as the
    reports are git-ignored by default)."""
    path = project.root / entry.file
    try:
        return path.stat().st_size == entry.size
    except OSError:
        return False


def report_file(project: Project, ids: Iterable[str]) -> Path | None:
    """The report in fulltext/ named by one of `ids` (the unit, then its records), whatever
    its extension: one fetched, attached, or put there by hand."""
    folder = project.fulltext_dir
    if not folder.is_dir():
        return None
    for rid in ids:
        for path in sorted(folder.glob(f"{rid}.*")):
            if path.is_file() and not writer.is_temp(path):
                return path
    return None


def location(project: Project, unit: Record, members: list[str]) -> str:
    """A file in fulltext/ named by the unit or a member id, else the record's URL or DOI link."""
    found = report_file(project, (unit.id, *members))
    if found is not None:
        return project.rel(found)
    if unit.url:
        return unit.url
    if unit.doi:
        return f"https://doi.org/{unit.doi}"
    return ""


def stage_report(
    tx: Transaction, unit: str, kind: str, chunks: Iterable[bytes]
) -> tuple[Path, str]:
    """Stage `fulltext/<unit>.<kind>` from `chunks` as they come (its path and sha256); a
    report of another kind of the same unit is removed with it. Nothing is staged if `chunks`
    raises."""
    project = tx.project
    path = project.report_path(unit, kind)
    digest = tx.write_chunks(path, chunks)
    for other in KINDS:
        if other != kind and project.report_path(unit, other).exists():
            tx.remove(project.report_path(unit, other))
    return path, digest


def file_chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(size):
            yield chunk


def stage_index(tx: Transaction, entries: dict[str, Entry]) -> None:
    tx.write_jsonl(
        tx.project.fulltext_index_path, [e.to_json() for e in entries.values()], sort_key="unit"
    )


def stage_policy(tx: Transaction, commit: str) -> None:
    """Stage fulltext/.gitignore (and .gitattributes for LFS) as review.toml's `[fulltext]
    commit` asks, when they differ from what is on disk."""
    folder = tx.project.fulltext_dir
    wanted = {folder / ".gitignore": GITIGNORE[commit]}
    attributes = folder / ".gitattributes"
    if commit == "lfs":
        wanted[attributes] = LFS_ATTRIBUTES
    elif _ours(attributes):
        tx.remove(attributes)
    for path, text in wanted.items():
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        tx.write_text(path, text)


def _ours(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8").startswith(_OURS)
    except (OSError, UnicodeDecodeError):
        return False
