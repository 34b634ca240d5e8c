"""`review report searches`: the searches as a PRISMA-S style Markdown table.

Online searches come from the search log (PRISMA-S items 1, 8, 9, 12, 13, 15 filled by the
tool); sources searched by hand and imported from files come from the protocol's [[sources]]
entries (name, platform, search_date, query) and the import report (records imported).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from review_cli.project import Project
from review_cli.store import records as records_store
from review_cli.store.search_log import read as load_log


@dataclass
class Row:
    source: str
    platform: str
    date: str
    strategy: str
    limits: str
    reported: str
    retrieved: str
    run: str  # "initial", "update of <date>", "from file"
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "platform": self.platform,
            "date": self.date,
            "strategy": self.strategy,
            "limits": self.limits,
            "reported": self.reported,
            "retrieved": self.retrieved,
            "run": self.run,
            "notes": self.notes,
        }


def rows(project: Project) -> list[Row]:
    out: list[Row] = []
    logged_sources: set[str] = set()
    for e in load_log(project):
        logged_sources.add(str(e["source"]).casefold())
        notes = []
        translation = (e.get("details") or {}).get("query_translation")
        if translation:
            notes.append(f"PubMed translated the query as: {translation}")
        databases = (e.get("details") or {}).get("databases") or {}
        if databases:
            listed = ", ".join(f"{k} {v}" for k, v in databases.items())
            notes.append(
                f"{e['database']} searched several databases at once; "
                f"records retrieved per database: {listed}"
            )
        for w in (e.get("details") or {}).get("warnings") or []:
            notes.append(f"{e['database']} said: {w}")
        if e.get("new_records") is not None and e.get("update_of"):
            notes.append(f"{e['new_records']} records new to the review")
        if e.get("api") == "citations":
            notes += _seed_notes(e)
        out.append(
            Row(
                source=str(e["source"]),
                platform=f"{e['platform']} ({e['endpoint'].split(' ')[0]})",
                date=str(e["time"]).replace("T", " ").replace("Z", " UTC"),
                strategy=_strategy(e),
                limits=_limits(e.get("limits") or {}),
                reported=str(e.get("reported", "")),
                retrieved=str(e.get("received", "")),
                run=(
                    f"update (previous run {str(e['previous_run'])[:10]})" if e.get("update_of")
                    else f"citation searching ({e.get('direction')})" if e.get("api") == "citations"
                    else "initial"
                ),
                notes=notes,
            )
        )
    # Records imported from files the user exported by hand (not saved by `review search`).
    logged_files = {f for e in load_log(project) for f in e.get("files") or []}
    imported = Counter[str]()
    for f in records_store.read_report(project):
        if f["file"] not in logged_files:
            imported[str(f["source"]).casefold()] += int(f.get("imported", 0))
    protocol = project.protocol
    for s in protocol.sources:
        if s.name.casefold() in logged_sources and not imported[s.name.casefold()]:
            continue
        out.append(
            Row(
                source=s.name,
                platform=s.platform or "not recorded",
                date=s.search_date or "not recorded",
                strategy=s.query or "not recorded (add `query` to this source in review.toml)",
                limits=_protocol_limits(project),
                reported="",
                retrieved=str(imported[s.name.casefold()]) if imported[s.name.casefold()] else "",
                run="from file" if imported[s.name.casefold()] else "not imported",
                notes=[s.notes] if s.notes else [],
            )
        )
    return out


def _seed_notes(e: dict[str, Any]) -> list[str]:
    """Which studies a citation search started from (PRISMA-S item 4: citation searching)."""
    seeds = [s for s in e.get("seeds") or [] if isinstance(s, dict)]
    found = [f"{s.get('unit')} ({s.get('openalex')})" for s in seeds if s.get("openalex")]
    notes = [f"{e.get('direction', '').capitalize()} citation searching from "
             f"{len(seeds)} studies: " + (", ".join(found) or "none found in OpenAlex")]
    missing = e.get("seeds_not_found") or []
    if missing:
        notes.append("not found in OpenAlex: " + ", ".join(map(str, missing)))
    return notes


def _strategy(e: dict[str, Any]) -> str:
    """The query exactly as sent: the search parameter the service received."""
    req = e.get("request") or {}
    for key in ("term", "query", "search"):
        if req.get(key):
            return str(req[key])
    return str(e["query"])


def _limits(limits: dict[str, Any]) -> str:
    parts = []
    if limits.get("published_from") or limits.get("published_to"):
        parts.append(
            f"published {limits.get('published_from') or '…'} "
            f"to {limits.get('published_to') or '…'}"
        )
    if limits.get("added_from") or limits.get("added_to"):
        parts.append(
            f"added to the database {limits.get('added_from') or '…'} "
            f"to {limits.get('added_to') or 'run date'}"
        )
    return "; ".join(parts) or "none"


def _protocol_limits(project: Project) -> str:
    lim = project.protocol.limits
    return "see protocol" if (lim.year_from or lim.year_to or lim.languages) else "not recorded"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|") or "–"


def markdown(project: Project) -> str:
    table = rows(project)
    head = [
        "## Searches (PRISMA-S)",
        "",
        "| # | Source | Platform / interface | Date searched | Search strategy (as run) | Limits | "
        "Records found | Records retrieved | Run |",
        "|---|---|---|---|---|---|---:|---:|---|",
    ]
    lines = list(head)
    notes: list[str] = []
    for n, r in enumerate(table, start=1):
        strategy = r.strategy if r.strategy.startswith("not recorded") else f"`{r.strategy}`"
        cells = [
            str(n), r.source, r.platform, r.date, strategy, r.limits, r.reported, r.retrieved, r.run
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        notes.extend(f"- Row {n}: {note}" for note in r.notes)
    if not table:
        lines.append("| – | no searches logged and no sources in review.toml | | | | | | | |")
    if notes:
        lines += ["", "Notes:", "", *notes]
    lines += [
        "",
        "Records found = the total the database reported; records retrieved = records downloaded "
        "(online searches) or imported from the export file. Online searches were run and logged "
        "by review (`search/log.jsonl`); the other rows come from review.toml.",
    ]
    return "\n".join(lines) + "\n"
