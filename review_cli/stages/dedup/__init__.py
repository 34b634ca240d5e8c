"""The dedup stage: sure duplicates merged into clusters, uncertain pairs queued for a person.

Files (all through the canonical writer):
- `dedup/clusters.jsonl`: one line per cluster, singletons included, sorted by id:
  `{"id", "records": [...sorted], "links": [{"a", "b", "rule", "scores"}...]}`.
- `dedup/uncertain.jsonl`: pairs the rules could not decide and nobody has decided yet.
- `dedup/decisions.jsonl`: manual decisions, append-only; the last word on a pair wins.

Stability: a cluster's id is the id of its earliest (smallest-id) member when it was formed and
never changes when records join it. A re-run compares only records that are in no cluster yet
(new exports) against everything else; existing clusters are never merged by the rules, only by
a person (`--merge`, `--split`, `--review`). A rule link that the new records disprove (the
context a verdict reads changed) is undone and its pair queued (`_match.recheck`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from review_cli.errors import ReviewError
from review_cli.model import Record
from review_cli.progress import NULL, Progress
from review_cli.project import Project
from review_cli.stages.dedup._match import (
    candidate_pairs,
    cluster,
    decide_pairs,
    keys_and_changes,
    recheck,
)
from review_cli.stages.dedup._rules import Match, Verdict
from review_cli.stages.dedup._why import why_queued
from review_cli.store import clusters as clusters_store
from review_cli.store import flow, lock
from review_cli.store import records as records_store
from review_cli.store.clusters import MANUAL_VERDICTS, Cluster, Pair, pair
from review_cli.store.locking import locked
from review_cli.store.transaction import Transaction, transaction

STAGE = "dedup"
RULES_VERSION = "14"  # bump when the rules change meaning; recorded in review.lock


# --- the files ---------------------------------------------------------------------------
def _link(p: Pair, m: Match) -> dict[str, Any]:
    return {
        "a": p[0], "b": p[1], "rule": m.rule,
        "scores": {k: round(v, 3) for k, v in sorted(m.scores.items())},
    }


def _queue_row(p: Pair, m: Match) -> dict[str, Any]:
    return {"id": f"{p[0]}-{p[1]}", **_link(p, m)}


@dataclass
class DedupResult:
    records: int
    clusters: int
    new_records: int
    compared: int
    merged: int  # records merged away: records - clusters
    uncertain: int  # pairs waiting for a person
    rules: dict[str, int]  # how many links each rule made in this run
    undone: int = 0  # links of earlier runs that the new records disproved (`recheck`)

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "clusters": self.clusters,
            "duplicates_removed": self.merged,
            "new_records": self.new_records,
            "pairs_compared": self.compared,
            "uncertain_pairs": self.uncertain,
            "links_by_rule": dict(sorted(self.rules.items())),
            "links_undone": self.undone,
        }


@locked("dedup")
def run(project: Project, progress: Progress = NULL) -> DedupResult:
    """Cluster every record that is in no cluster yet; rewrite clusters and queue."""
    lock.load(project)  # a broken review.lock fails here, not after the records are compared
    records, records_hash = records_store.read_hashed(project)
    with transaction(project) as tx:  # clusters, queue and lock of one run, or none of them
        return stage(tx, records, records_hash, progress)


def stage(tx: Transaction, records: list[Record], records_hash: str, progress: Progress = NULL,
          ) -> DedupResult:
    """A dedup of `records` (the review's, or those an import staged in `tx` before it, whose
    records.jsonl has the sha256 `records_hash`), staged in `tx`."""
    project = tx.project
    if not records:
        raise ReviewError(
            "no records to deduplicate", hint="run `review import FILE --source NAME` first"
        )
    progress.start("Preparing records")
    previous = clusters_store.read(project)
    ids = {r.id for r in records}
    keys_list, changed = keys_and_changes(
        records, {m for c in previous.values() for m in c["records"] if m in ids}
    )
    keys = {k.id: k for k in keys_list}
    existing = {cid: [m for m in c["records"] if m in keys] for cid, c in previous.items()}
    existing = {cid: ms for cid, ms in existing.items() if ms}
    assigned = {m for ms in existing.values() for m in ms}
    new = set(keys) - assigned
    decisions = clusters_store.read_decisions(project)
    stale: dict[Pair, Match] = {}
    # New records change what the review says about the old ones; records taken out (`import
    # --remove`) can take away the one link that held a cluster together.
    removed = any(m not in ids for c in previous.values() for m in c["records"])
    if (new or removed) and existing:
        existing, stale, split_ = recheck(
            keys, existing, {cid: c["links"] for cid, c in previous.items()}, decisions.same
        )
        changed |= split_

    progress.start("Blocking")
    # Old records whose context the new ones changed are compared again too (they stay in
    # their clusters: a pair of two clusters the rules now find sure waits for a person).
    pairs = candidate_pairs(list(keys.values()), new | changed if existing else None)
    decided = decisions.decided
    progress.start("Comparing pairs", total=len(pairs))
    matches = decide_pairs(keys, pairs, lambda p: p in decided, progress)
    result = cluster(keys, existing, matches, decisions.same, decisions.apart, new)
    progress.done()

    members: dict[str, list[str]] = {}
    for rid, cid in result.cluster_of.items():
        members.setdefault(cid, []).append(rid)
    old_cluster_of = {m: cid for cid, c in previous.items() for m in c["records"] if m in keys}
    # This run's links, by the cluster both their records are in (one pass over the links).
    new_links: dict[str, list[tuple[Pair, Match]]] = {}
    for p, m in result.links.items():
        cid = result.cluster_of[p[0]]
        if result.cluster_of[p[1]] == cid:
            new_links.setdefault(cid, []).append((p, m))
    rows: list[Cluster] = []
    for cid, ms in members.items():
        inside = set(ms)
        links: dict[Pair, dict[str, Any]] = {}
        for old in sorted({old_cluster_of[m] for m in ms if m in old_cluster_of}):
            for link in previous[old]["links"]:
                p = pair(link["a"], link["b"])
                if (
                    p[0] in inside and p[1] in inside and p not in decisions.apart
                    and p not in stale
                ):
                    links[p] = link
        for p, m in new_links.get(cid, ()):
            links[p] = _link(p, m)
        rows.append(Cluster(id=cid, records=sorted(ms), links=[links[p] for p in sorted(links)]))

    queue: dict[Pair, dict[str, Any]] = {}
    for obj in clusters_store.read_queue(project):
        queue[pair(obj["a"], obj["b"])] = obj
    for p, m in [*stale.items(), *matches.items()]:
        if m.verdict is Verdict.UNCERTAIN:
            queue[p] = _queue_row(p, m)
    for p, m in result.blocked.items():
        queue[p] = _queue_row(
            p, Match(Verdict.UNCERTAIN, m.rule + "+would-join-clusters", m.scores)
        )
    cluster_of = result.cluster_of
    # A pair across two clusters that a person has kept apart (a record that joined one of them
    # later, against a record of the other) asks the decided question again, and a `d` on it
    # would merge what the person kept apart: it is decided.
    apart = {
        pair(cluster_of[x], cluster_of[y]) for x, y in decisions.apart
        if x in cluster_of and y in cluster_of
    }
    waiting = [
        row for p, row in queue.items()
        if p[0] in keys and p[1] in keys and p not in decided
        and cluster_of[p[0]] != cluster_of[p[1]]
        and pair(cluster_of[p[0]], cluster_of[p[1]]) not in apart
    ]
    clusters_store.write(tx, rows)
    clusters_store.write_queue(tx, waiting)
    lock.record(
        tx,
        STAGE,
        inputs=[project.records_path, project.dedup_decisions_path],
        outputs=[project.clusters_path, project.dedup_queue_path],
        params={"rules_version": RULES_VERSION},
        known={project.records_path: records_hash},
    )
    by_rule = Counter(m.rule for p, m in result.links.items())
    return DedupResult(
        records=len(keys),
        clusters=len(rows),
        new_records=len(new),
        compared=sum(1 for p in pairs if p not in decided),
        merged=len(keys) - len(rows),
        uncertain=len(waiting),
        rules=dict(by_rule),
        undone=len(stale),
    )


# --- manual merge and split --------------------------------------------------------------
def _cluster_members(project: Project) -> tuple[dict[str, list[str]], dict[str, str]]:
    clusters_ = {cid: list(c["records"]) for cid, c in clusters_store.read(project).items()}
    cluster_of = {m: cid for cid, ms in clusters_.items() for m in ms}
    return clusters_, cluster_of


@locked("dedup")
def merge(
    project: Project, ids: Iterable[str], reviewer: str = "", progress: Progress = NULL
) -> DedupResult:
    """Merge the clusters (or records) named by `ids` into one, and keep it that way."""
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise ReviewError(
            "--merge needs at least two ids", hint="e.g. review dedup --merge abc123 def456"
        )
    known = {r.id for r in records_store.read(project)}
    for i in ids:
        if i not in known:
            raise ReviewError(
                f"no record or cluster `{i}`",
                hint="ids are in `review export records` (columns id and cluster)",
            )
    for other in ids[1:]:
        clusters_store.append_decision(
            project, ids[0], other, "duplicate", reviewer, source="merge"
        )
    # The merge is the person's latest word on the whole of these clusters: an earlier `n`
    # between two of their records (CENTRAL kept apart from WoS, then `--merge` of CENTRAL with
    # Scopus, WoS's DOI twin) left the merged cluster holding a pair decided different, and
    # the next dedup split it again, another way (WoS alone, its DOI pair never asked).
    clusters_, cluster_of = _cluster_members(project)
    group = {m for i in ids for m in clusters_.get(cluster_of.get(i, ""), [i])}
    for x, y in sorted(clusters_store.read_decisions(project).apart):
        if x in group and y in group:
            clusters_store.append_decision(project, x, y, "duplicate", reviewer, source="merge")
    return run(project, progress)


@locked("dedup")
def split(
    project: Project, record: str, reviewer: str = "", progress: Progress = NULL
) -> DedupResult:
    """Take `record` out of its cluster for good: it is kept apart from every other member."""
    clusters_, cluster_of = _cluster_members(project)
    if record not in cluster_of:
        raise ReviewError(
            f"no record `{record}` in any cluster",
            hint="run `review dedup` first; ids are in `review export records`",
        )
    others = [m for m in clusters_[cluster_of[record]] if m != record]
    if not others:
        raise ReviewError(f"record `{record}` is already on its own", hint="nothing to split")
    for other in others:
        clusters_store.append_decision(
            project, record, other, "different", reviewer, source="split"
        )
    return run(project, progress)


# --- counts for PRISMA -------------------------------------------------------------------
def counts(project: Project) -> dict[str, Any]:
    """Records before and after dedup, duplicates removed, per source. See docs/dedup.md.

    The record kept for a cluster is the one `review prisma` keeps (`model.arm_and_kept`): the
    cluster id's record if it comes from a database or register, else the first such record
    by id, and in a cluster with none of them the cluster id's (or first) record. Every other
    member counts as a duplicate removed from its own source, so these counts and the PRISMA
    diagram credit the same sources. Records imported after the last `review dedup` count as
    kept and `current` is False.
    """
    shaped, _ = flow.read_units(project)
    source_of = {r.id: r.source for r in shaped.records.values()}
    kept = {u.kept for u in shaped.units}
    clustered = {m for c in clusters_store.read(project).values() for m in c["records"]}
    unclustered = [rid for rid in source_of if rid not in clustered]
    by_source: dict[str, dict[str, int]] = {}
    for rid, src in sorted(source_of.items()):
        entry = by_source.setdefault(
            src, {"records": 0, "duplicates_removed": 0, "records_after": 0}
        )
        entry["records"] += 1
        if rid in kept:
            entry["records_after"] += 1
        else:
            entry["duplicates_removed"] += 1
    return {
        "records_before": len(source_of),
        "duplicates_removed": len(source_of) - len(kept),
        "records_after": len(kept),
        "uncertain_pairs": len(clusters_store.read_queue(project)),
        "current": not unclustered and clusters_store.exists(project),
        "by_source": dict(sorted(by_source.items())),
    }


# --- the interactive review of uncertain pairs -------------------------------------------
@dataclass(frozen=True)
class PairCard:
    """What the review screen shows for one uncertain pair."""

    a: Record
    b: Record
    rule: str
    scores: dict[str, float]
    position: int  # 1-based among the pairs still waiting when the session started
    total: int
    why: str = ""  # why the rules could not decide, and what to look at


KEYS = {"d": "duplicate", "n": "different", "s": "skip", "u": "undo", "q": "quit"}


@dataclass
class ReviewResult:
    decided: int = 0
    skipped: int = 0
    undone: int = 0
    remaining: int = 0
    finished: bool = False
    dedup: DedupResult | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "decided": self.decided, "skipped": self.skipped, "undone": self.undone,
            "remaining": self.remaining, "finished": self.finished,
            "dedup": self.dedup.to_json() if self.dedup else None,
        }


def pending(project: Project) -> list[dict[str, Any]]:
    """Uncertain pairs still waiting, in review order: never-skipped first, then most similar."""
    decisions = clusters_store.read_decisions(project)
    rows = [
        r for r in clusters_store.read_queue(project)
        if pair(r["a"], r["b"]) not in decisions.decided
    ]
    rows.sort(key=lambda r: (
        pair(r["a"], r["b"]) in decisions.skipped, -float(r["scores"].get("title", 0)), r["id"]
    ))
    return rows


@locked("dedup")
def review(
    project: Project, ask: Callable[[PairCard], str], reviewer: str = "",
    progress: Progress = NULL,
) -> ReviewResult:
    """Show each waiting pair to `ask` until the queue is empty or it answers `q`.

    `ask` returns one key of KEYS. Every answer is appended to dedup/decisions.jsonl at once,
    so quitting (or a crash) loses nothing and the next session resumes at the next pair.
    """
    rows = pending(project)
    records = {r.id: r for r in records_store.read(project)}
    rows = [r for r in rows if r["a"] in records and r["b"] in records]
    cluster_of = {m: cid for cid, c in clusters_store.read(project).items() for m in c["records"]}
    result = ReviewResult()
    history: list[int] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if _answered(project, cluster_of, row):
            i += 1  # not asked: an `n` earlier in this session kept its two clusters apart
            continue
        card = PairCard(
            records[row["a"]], records[row["b"]], row["rule"], dict(row["scores"]), i + 1,
            len(rows), why_queued(row["rule"]),
        )
        answer = KEYS.get(ask(card).strip().lower()[:1], "")
        if answer == "quit":
            break
        if answer == "undo":
            if history:
                i = history.pop()
                prev = rows[i]
                clusters_store.append_decision(project, prev["a"], prev["b"], "undo", reviewer)
                result.undone += 1
            continue
        if answer in MANUAL_VERDICTS:
            clusters_store.append_decision(project, row["a"], row["b"], answer, reviewer)
            result.decided += 1
        elif answer == "skip":
            clusters_store.append_decision(project, row["a"], row["b"], "skip", reviewer)
            result.skipped += 1
        else:
            continue  # an unknown key: ask again
        history.append(i)
        i += 1
    result.finished = i >= len(rows)
    if result.decided or result.undone:
        result.dedup = run(project, progress)
    result.remaining = len(pending(project))
    return result


def _answered(project: Project, cluster_of: dict[str, str], row: dict[str, Any]) -> bool:
    """Whether a person has answered this pair already: kept the clusters of its records apart
    (a later pair of the same two clusters, a record merged with one side against the other,
    asks that question again, and a `d` on it would merge what the `n` kept apart), or put them
    in one cluster with a `d` earlier in this session (an `n` on the later pair then kept a
    record apart from the cluster it had just joined, and a dedup of that split the cluster
    where the rules had merged it). Read at each pair: an undo takes the answer back."""
    decisions = clusters_store.read_decisions(project)
    joined: dict[str, str] = {}

    def end(rid: str) -> str:
        x = cluster_of.get(rid, rid)
        while joined.get(x, x) != x:
            x = joined[x]
        return x

    for x, y in sorted(decisions.same):
        ex, ey = end(x), end(y)
        if ex != ey:
            joined[max(ex, ey)] = min(ex, ey)
    ends = pair(end(row["a"]), end(row["b"]))
    return ends[0] == ends[1] or any(
        pair(end(x), end(y)) == ends for x, y in decisions.apart
    )


@dataclass
class Session:
    """What `review dedup` did: the automatic run and, when a person was there, the review."""

    dedup: DedupResult
    review: ReviewResult | None
    counts: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.dedup.to_json(),
            "review": self.review.to_json() if self.review else None,
            "counts": self.counts,
        }


@locked("dedup")
def session(
    project: Project,
    ask: Callable[[PairCard], str] | None = None,
    merge_ids: Iterable[str] = (),
    split_id: str = "",
    reviewer: str = "",
    progress: Progress = NULL,
) -> Session:
    """One `review dedup` call: a manual merge or split if asked, the automatic run, and the
    review of uncertain pairs when `ask` is given (a person is at the keyboard)."""
    merge_ids = list(merge_ids)
    if merge_ids:
        result = merge(project, merge_ids, reviewer, progress)
    elif split_id:
        result = split(project, split_id, reviewer, progress)
    else:
        result = run(project, progress)
    reviewed = None
    if ask is not None and result.uncertain:
        reviewed = review(project, ask, reviewer, progress)
        if reviewed.dedup is not None:
            result = reviewed.dedup
    return Session(result, reviewed, counts(project))
