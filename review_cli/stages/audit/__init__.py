"""`review audit ID`: the full history of one record, from its export to its final status.

Where it came from (every source and origin), which records it was merged with and by which
rule and score, every decision every reviewer made on it (time, verdict, reason, note), the
reconciliation, the final decision per stage under the protocol's rule, and its line in the
inclusion log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from review_cli.errors import ReviewError
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import include
from review_cli.store import appraisal as appraisal_store
from review_cli.store import clusters as clusters_store
from review_cli.store import extraction as extraction_store
from review_cli.store import flow
from review_cli.store import records as records_store
from review_cli.store.decisions import reconciled_log, reviewer_logs

MIN_PREFIX = 4


@dataclass
class AuditResult:
    query: str
    unit: str
    arm: str
    records: list[dict[str, Any]]
    cluster: dict[str, Any] | None
    dedup_decisions: list[dict[str, Any]]
    decisions: dict[str, list[dict[str, Any]]]
    reconciled: dict[str, list[dict[str, Any]]]
    final: dict[str, dict[str, Any] | None]
    status: list[dict[str, Any]] = field(default_factory=list)
    # after inclusion: every extraction and appraisal line on the unit (its values' history)
    extraction: list[dict[str, Any]] = field(default_factory=list)
    appraisal: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "unit": self.unit,
            "arm": self.arm,
            "records": self.records,
            "cluster": self.cluster,
            "dedup_decisions": self.dedup_decisions,
            "decisions": self.decisions,
            "reconciled": self.reconciled,
            "final": self.final,
            "status": self.status,
            "extraction": self.extraction,
            "appraisal": self.appraisal,
        }

    def to_text(self) -> str:
        out = [f"Unit {self.unit} ({self.arm} arm)", ""]
        out.append("Records:")
        for r in self.records:
            out.append(
                f"  {r['id']}  {r['source']} ({r['kind']})  {r.get('year') or ''}  {r['title']}"
            )
            for o in r["origins"]:
                out.append(f"      from {o['file']} line {o['line']}, key {o['key']}")
        if self.cluster and len(self.cluster.get("records", [])) > 1:
            out.append("")
            out.append(f"Duplicate links (cluster {self.cluster['id']}):")
            for link in self.cluster.get("links", []):
                out.append("  " + _link_text(link))
        if self.dedup_decisions:
            out.append("Manual duplicate decisions:")
            out.extend("  " + _pair_decision_text(d) for d in self.dedup_decisions)
        for stage in Stage:
            key = str(stage)
            out.append("")
            out.append(f"{key}:")
            for d in self.decisions[key]:
                out.append("  " + _decision_text(d))
            for d in self.reconciled[key]:
                out.append("  reconciled: " + _decision_text(d))
            if not self.decisions[key] and not self.reconciled[key]:
                out.append("  no decisions")
            fin = self.final[key]
            if fin is None:
                out.append("  final: none")
            else:
                verdict = fin["verdict"] or ("conflict" if fin["conflict"] else "undecided")
                reason = f", {fin['reason_label']}" if fin["reason"] else ""
                out.append(f"  final: {verdict}{reason} (by {', '.join(fin['by'])})")
        out.append("")
        out.append("Final status:")
        for row in self.status:
            extra = "; ".join(x for x in (row["reason_label"] or row["reason"], row["detail"]) if x)
            out.append(f"  {row['id']}: {row['status']}" + (f" ({extra})" if extra else ""))
        out.extend(_after_inclusion_text(self.extraction, self.appraisal))
        return "\n".join(out) + "\n"


def _after_inclusion_text(extraction: list[dict[str, Any]],
                          appraisal: list[dict[str, Any]]) -> list[str]:
    out = []
    if extraction:
        out += ["", "Extraction (every value as saved, oldest first):"]
        for e in extraction:
            value = json.dumps(e["value"], ensure_ascii=False)
            out.append(f"  {e['time']}  {e['reviewer']}  {e['field']} = "
                       f"{value if len(value) <= 80 else value[:77] + '...'}  ({e['via']})")
    if appraisal:
        out += ["", "Appraisal (every answer as saved, oldest first):"]
        for a in appraisal:
            note = f"  comment: {a['comment']}" if a["comment"] else ""
            out.append(f"  {a['time']}  {a['reviewer']}  {a['tool']} {a['item']} = "
                       f"{a['answer']}{note}  ({a['via']})")
    return out


def _link_text(link: Any) -> str:
    if not isinstance(link, dict):
        return json.dumps(link, ensure_ascii=False)
    pair = " ~ ".join(str(link[k]) for k in ("a", "b") if k in link) or ""
    rest = {k: v for k, v in link.items() if k not in ("a", "b")}
    return (pair + "  " if pair else "") + ", ".join(f"{k} {v}" for k, v in sorted(rest.items()))


def _decision_text(d: dict[str, Any]) -> str:
    parts = [d["time"], d["reviewer"], d["verdict"]]
    if d["reason"]:
        parts.append(f"reason {d['reason']} ({d['reason_label']})")
    if d["note"]:
        parts.append(f"note: {d['note']}")
    if d["record"] != d.get("unit"):
        parts.append(f"on record {d['record']}")
    return "  ".join(parts)


def _resolve(inc: include.Inclusion, query: str) -> include.Unit:
    unit_of = inc.unit_of()
    if query in inc.units:
        return inc.units[query]
    if query in unit_of:
        return unit_of[query]
    if len(query) >= MIN_PREFIX:
        matches = sorted(
            {u.id for rid, u in unit_of.items() if rid.startswith(query)}
            | {u for u in inc.units if u.startswith(query)}
        )
        if len(matches) == 1:
            return inc.units[matches[0]]
        if len(matches) > 1:
            raise ReviewError(
                f"`{query}` matches {len(matches)} units: {', '.join(matches[:5])}",
                hint="give more characters of the id",
            )
    raise ReviewError(
        f"no record or screening unit `{query}` in this review",
        hint="ids are in import/records.jsonl and include/log.jsonl",
    )


def run(project: Project, query: str) -> AuditResult:
    inc = include.compute(flow.read(project))
    unit = _resolve(inc, query.strip())
    ids = {unit.id, *unit.members}

    records: list[dict[str, Any]] = []
    for rec in records_store.read(project):
        if rec.id in unit.members:
            records.append(
                {
                    "id": rec.id, "source": rec.source, "kind": str(inc.records[rec.id].kind),
                    "title": rec.title, "year": rec.year, "doi": rec.doi,
                    "origins": [o.to_json() for o in rec.origins],
                }
            )
    records.sort(key=lambda r: r["id"])

    cluster = None
    for c in clusters_store.read(project).values():
        if c["id"] == unit.id or ids & set(c["records"]):
            cluster = dict(c)
            break
    dedup_decisions = [
        obj for obj in clusters_store.read_decision_lines(project)
        if ids & {v for v in obj.values() if isinstance(v, str)}
        or ids & {x for v in obj.values() if isinstance(v, list) for x in v if isinstance(x, str)}
    ]

    def row(d: Any, file: str) -> dict[str, Any]:
        out: dict[str, Any] = d.to_json()
        out["reason_label"] = inc.reason_label(d.reason) if d.reason else ""
        out["unit"] = unit.id
        out["file"] = file
        return out

    decisions: dict[str, list[dict[str, Any]]] = {}
    reconciled: dict[str, list[dict[str, Any]]] = {}
    final: dict[str, dict[str, Any] | None] = {}
    for stage in Stage:
        rows: list[dict[str, Any]] = []
        for log in reviewer_logs(project, stage).values():
            rows.extend(row(d, project.rel(log.path)) for d in log.decisions if d.record in ids)
        # stable: file order kept
        decisions[str(stage)] = sorted(rows, key=lambda r: (r["time"], r["reviewer"]))
        rec_log = reconciled_log(project, stage)
        reconciled[str(stage)] = [
            row(d, project.rel(rec_log.path)) for d in rec_log.decisions if d.record in ids
        ]
        finals = inc.ta if stage == Stage.TITLE_ABSTRACT else inc.ft
        f = finals.get(unit.id)
        final[str(stage)] = None if f is None else {
            "verdict": str(f.verdict) if f.verdict else None,
            "reason": f.reason,
            "reason_label": inc.reason_label(f.reason) if f.reason else "",
            "by": list(f.by),
            "conflict": f.conflict,
        }
    status = [r for r in inc.rows() if r["unit"] == unit.id]
    extraction, appraisal = _after_inclusion(project, unit.id)
    return AuditResult(
        query, unit.id, str(unit.arm), records, cluster, dedup_decisions, decisions, reconciled,
        final, status, extraction, appraisal,
    )


def _after_inclusion(project: Project, uid: str) -> tuple[list[dict[str, Any]],
                                                          list[dict[str, Any]]]:
    """Every extraction and appraisal line on one study, in time order (a stable sort)."""
    extraction = []
    for log in [*extraction_store.reviewer_logs(project).values(),
                extraction_store.reconciled_log(project)]:
        extraction += [{**e.to_json(), "file": project.rel(log.path), "line": e.line}
                       for e in log.entries if e.study == uid]
    appraisal = []
    for tool in appraisal_store.tools(project):
        for alog in [*appraisal_store.reviewer_logs(project, tool).values(),
                     appraisal_store.reconciled_log(project, tool)]:
            appraisal += [{**a.to_json(), "tool": tool, "file": project.rel(alog.path),
                           "line": a.line} for a in alog.answers if a.study == uid]
    return (sorted(extraction, key=lambda e: e["time"]),
            sorted(appraisal, key=lambda a: a["time"]))


def _pair_decision_text(d: dict[str, Any]) -> str:
    """`2024-05-01T10:00:00Z  alice  a ~ b: duplicate (review)`, like the decision lines."""
    who = d.get("reviewer") or "?"
    return (
        f"{d.get('time', '')}  {who}  {d.get('a', '')} ~ {d.get('b', '')}: "
        f"{d.get('verdict', '')} ({d.get('source', '')})"
    )
