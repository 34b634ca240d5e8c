"""The dedup stage's files: `dedup/clusters.jsonl` (duplicate clusters, with the rule and
scores that linked each pair), `dedup/uncertain.jsonl` (pairs waiting for a person) and
`dedup/decisions.jsonl` (a person's pair decisions, append-only; the last word on a pair wins).

A cluster's id is the id of its earliest member when it formed and never changes: it is the id
of the screening unit, which decisions refer to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict, cast

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.project import Project
from review_cli.store.transaction import Transaction

HINT = "dedup/clusters.jsonl is written by review: restore it from git, or re-run `review dedup`"
MANUAL_VERDICTS = ("duplicate", "different")

Pair = tuple[str, str]


def pair(a: str, b: str) -> Pair:
    """A pair of record ids in one order, whichever way it was named."""
    return (a, b) if a < b else (b, a)


class Cluster(TypedDict):
    """One line of clusters.jsonl: its id, its member ids (sorted) and the links that joined
    them (`{"a", "b", "rule", "scores"}`)."""

    id: str
    records: list[str]
    links: list[dict[str, Any]]


def read(project: Project) -> dict[str, Cluster]:
    """cluster id -> its line, in file order (by id). A line without an `id` and a list of
    record ids in `records` names the file and line."""
    path = project.clusters_path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    return parse(path, data)


def parse(path: Path, data: bytes | None) -> dict[str, Cluster]:
    """The clusters in `data`, the bytes of clusters.jsonl read from `path` (None: no file)."""
    if data is None:
        return {}
    out: dict[str, Cluster] = {}
    text = writer.decode_utf8(path, data, HINT)
    for number, obj in writer.iter_jsonl_text(path, text, require=("id", "records"), hint=HINT):
        members, links = obj["records"], obj.get("links", [])
        if type(obj["id"]) is not str:
            raise ParseError(path, "`id` must be a record id", line=number, hint=HINT)
        if type(members) is not list or not all(type(m) is str for m in members):
            raise ParseError(path, "`records` must be a list of record ids", line=number, hint=HINT)
        if type(links) is not list:
            raise ParseError(path, "`links` must be a list", line=number, hint=HINT)
        obj.setdefault("links", links)
        out[obj["id"]] = cast(Cluster, obj)  # checked above: the line is a Cluster
    return out


def exists(project: Project) -> bool:
    return project.clusters_path.is_file()


def write(tx: Transaction, clusters: Sequence[Cluster]) -> str:
    return tx.write_jsonl(tx.project.clusters_path, clusters)


# --- the queue of uncertain pairs ------------------------------------------------------------

def read_queue(project: Project) -> list[dict[str, Any]]:
    """The uncertain pairs: `{"id", "a", "b", "rule", "scores"}` each."""
    hint = (
        "dedup/uncertain.jsonl is written by review: restore it from git, or re-run `review dedup`"
    )
    rows = []
    path = project.dedup_queue_path
    for number, obj in writer.iter_jsonl(path, require=("a", "b"), hint=hint):
        if (
            type(obj["a"]) is not str or type(obj["b"]) is not str
            or type(obj.get("scores", {})) is not dict
        ):
            raise ParseError(
                path, "`a` and `b` must be record ids and `scores` an object", line=number,
                hint=hint,
            )
        rows.append(obj)
    return rows


def write_queue(tx: Transaction, rows: Sequence[dict[str, Any]]) -> str:
    return tx.write_jsonl(tx.project.dedup_queue_path, rows)


# --- a person's pair decisions ---------------------------------------------------------------

@dataclass(frozen=True)
class PairDecision:
    """One line of dedup/decisions.jsonl."""

    a: str
    b: str
    verdict: str  # duplicate | different | skip | undo
    time: str
    reviewer: str = ""
    source: str = "review"  # review | merge | split

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a, "b": self.b, "verdict": self.verdict, "time": self.time,
            "reviewer": self.reviewer, "source": self.source,
        }


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def append_decision(
    project: Project, a: str, b: str, verdict: str, reviewer: str = "", source: str = "review"
) -> PairDecision:
    """Append one pair decision, on disk before this returns."""
    x, y = pair(a, b)
    decision = PairDecision(x, y, verdict, now(), reviewer, source)
    writer.append_lines(project.dedup_decisions_path, [decision.to_json()])
    return decision


@dataclass
class Decisions:
    """The standing pair decisions."""

    same: set[Pair] = field(default_factory=set)
    apart: set[Pair] = field(default_factory=set)
    skipped: set[Pair] = field(default_factory=set)

    @property
    def decided(self) -> set[Pair]:
        return self.same | self.apart


def read_decisions(project: Project) -> Decisions:
    """Per pair, the last duplicate/different line wins; skipped pairs come last in review. An
    undo takes back the pair's last answer, a skip too: an undone `s` that still counted as
    skipped sent the pair to the end of the queue, which the undo was meant to restore."""
    lines: dict[Pair, list[str]] = {}
    for _, obj in writer.iter_jsonl(project.dedup_decisions_path, require=("a", "b")):
        p = pair(str(obj["a"]), str(obj["b"]))
        verdict = str(obj.get("verdict"))
        if verdict == "undo":
            if lines.get(p):
                lines[p].pop()
        elif verdict == "skip" or verdict in MANUAL_VERDICTS:
            lines.setdefault(p, []).append(verdict)
    out = Decisions()
    for p, said in lines.items():
        if "skip" in said:
            out.skipped.add(p)
        verdict = next((v for v in reversed(said) if v != "skip"), "")
        if verdict == "duplicate":
            out.same.add(p)
        elif verdict == "different":
            out.apart.add(p)
    return out


def read_decision_lines(project: Project) -> list[dict[str, Any]]:
    """Every line of dedup/decisions.jsonl, in file order (for `review audit`)."""
    return writer.read_jsonl(project.dedup_decisions_path)
