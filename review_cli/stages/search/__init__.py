"""The search stage: run a query online, save the raw answer, import it, log the search.

Nothing is written until every page has arrived: a count comes first, so an empty search or
one larger than `max_records` is refused before downloading; the pages are parsed by the normal
import path (so online and downloaded results are treated alike); only then is one line
appended to the search log (`Project.search_log_path`, append-only JSON lines). Any error leaves
the review exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_cli import __version__
from review_cli.errors import ReviewError, UsageError
from review_cli.io import formats
from review_cli.io.writer import sha256_bytes
from review_cli.model import Record
from review_cli.progress import NULL, Progress
from review_cli.project import Project, slug
from review_cli.search.base import Client, Query, end_date, parse_date
from review_cli.search.http import Settings, scrub_all, secret_forms
from review_cli.stages import dedup, import_
from review_cli.stages.search import _report as report
from review_cli.store import clusters as clusters_store
from review_cli.store import lock, search_log
from review_cli.store import records as records_store
from review_cli.store.locking import locked
from review_cli.store.transaction import Transaction, transaction

STAGE = "search"
DEFAULT_MAX = 10_000


@dataclass
class SearchResult:
    entry: dict[str, Any]  # the line appended to the search log
    imported: import_.ImportResult | None  # None when an update found nothing new
    new_records: list[str]  # ids that were not in the review before this run
    dedup: str = ""  # what dedup did, or why it did not run


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def load_log(project: Project) -> list[dict[str, Any]]:
    """Every logged online search, oldest first."""
    return search_log.read(project)


@locked("search")
def run(
    project: Project,
    api: str,
    query: str,
    source: str | None = None,
    date_from: str = "",
    date_to: str = "",
    max_records: int | None = None,
    progress: Progress = NULL,
    settings: Settings | None = None,
    now: Callable[[], dt.datetime] = utc_now,
) -> SearchResult:
    """`review search API QUERY --source NAME [--from] [--to] [--max]`."""
    from review_cli.search import client as make_client

    if not query.strip():
        raise UsageError(
            "the query is empty",
            hint='give the search string in quotes, e.g. "sepsis AND children"',
        )
    client = make_client(api)
    name = (source or client.LABEL).strip()
    declared = project.protocol.source(name)
    if declared is not None:
        name = declared.name  # the protocol's spelling wins, as in `review import`
    lo = parse_date(date_from, "--from").isoformat() if date_from else ""
    hi = end_date(date_to, "--to").isoformat() if date_to else ""
    if lo and hi and lo > hi:
        raise UsageError(f"--from {date_from} is after --to {date_to}")
    q = Query(query.strip(), published_from=lo, published_to=hi)
    return _execute(project, client, q, name, _max(max_records), None, progress, settings, now)


@locked("search")
def update(
    project: Project,
    source: str,
    progress: Progress = NULL,
    settings: Settings | None = None,
    now: Callable[[], dt.datetime] = utc_now,
) -> SearchResult:
    """`review search --update NAME`: the last logged search of NAME, for records added since."""
    from review_cli.search import client as make_client

    runs = [
        e for e in load_log(project)
        if str(e.get("source", "")).casefold() == source.strip().casefold()
    ]
    if not runs:
        logged = sorted({str(e.get("source")) for e in load_log(project)})
        raise ReviewError(
            f"no online search of source `{source}` is logged",
            hint=("logged sources: " + ", ".join(logged)) if logged else
            "run `review search API QUERY --source NAME` first; searches imported "
            "from files are re-run by hand",
        )
    last = max(runs, key=lambda e: str(e.get("time", "")))
    if last.get("api") == "citations":
        raise ReviewError(
            f"`{last['source']}` is citation searching, which --update does not re-run",
            hint=f"run `review search citations --{last.get('direction', 'backward')}`: it "
            "searches from the studies included since the last run",
        )
    limits = last.get("limits") or {}
    q = Query(
        str(last["query"]),
        published_from=str(limits.get("published_from") or ""),
        published_to=str(limits.get("published_to") or ""),
        # The last run's day is included: records added later that day are not lost, and the
        # ones already imported come back with the same ids and are not new.
        added_from=str(last["time"])[:10],
    )
    client = make_client(str(last["api"]))
    return _execute(
        project, client, q, str(last["source"]), int(limits.get("max") or DEFAULT_MAX), last,
        progress, settings, now,
    )


@dataclass
class CitationsResult:
    entries: list[dict[str, Any]]  # the lines appended to the search log, one per direction
    new_records: list[str]  # ids that were not in the review before this run
    notes: list[str]  # what dedup did; why a direction had nothing to do

    def to_json(self) -> dict[str, Any]:
        return {"entries": self.entries, "new_records": self.new_records, "notes": self.notes}


@locked("search")
def citations(
    project: Project,
    directions: Sequence[str],
    ids: Sequence[str] = (),
    source: str | None = None,
    max_records: int | None = None,
    progress: Progress = NULL,
    settings: Settings | None = None,
    now: Callable[[], dt.datetime] = utc_now,
) -> CitationsResult:
    """`review search citations --backward|--forward [IDS]`: the included studies' references
    and the studies citing them, through OpenAlex (see `_citations`)."""
    from review_cli.stages.search import _citations

    if not directions:
        raise UsageError("say which way to search: --backward (the studies' references), "
                         "--forward (the studies citing them), or both",
                         hint="review search citations --backward")
    result = CitationsResult([], [], [])
    for direction in dict.fromkeys(directions):
        entry, new, note, why = _citations.run(
            project, direction, ids, source, _max(max_records), progress, settings, now
        )
        if entry is not None:
            result.entries.append(entry)
        result.new_records += new
        result.notes += [n for n in (note, why) if n]
    return result


def _max(value: int | None) -> int:
    if value is None:
        return DEFAULT_MAX
    if value < 1:
        raise UsageError(f"--max must be at least 1 (got {value})")
    return value


def _execute(
    project: Project,
    client: Client,
    query: Query,
    source: str,
    max_records: int,
    previous: dict[str, Any] | None,
    progress: Progress,
    settings: Settings | None,
    now: Callable[[], dt.datetime],
) -> SearchResult:
    formats.by_name(client.FORMAT)  # fail before any network traffic if the reader is missing
    started = now()
    with client.http(settings or Settings.from_env()) as http:
        count = client.count(http, query)
        if count.total == 0 and previous is None:
            said = "; ".join(count.details.get("warnings", []))
            raise ReviewError(
                f"{client.LABEL} found no records for {query.text!r}" + _limits_text(query)
                + (f" ({client.LABEL} said: {said})" if said else ""),
                hint="check the query (spelling, field tags, quotes) and the date limits; "
                "nothing was saved or logged",
            )
        if count.total > max_records:
            raise ReviewError(
                f"{client.LABEL} reports {count.total} records for this search, "
                f"more than --max {max_records}",
                hint=f"nothing was downloaded; pass --max {count.total} to fetch them all, or "
                "narrow the query (more terms, --from/--to)",
            )
        download = client.download(http, query, count, progress) if count.total else None

    this_run = run_id(project, source, started)
    # From here the search is kept: the raw answer saved and imported, its new records
    # deduplicated and the run logged, all in one commit, so a search is never imported without
    # its log line (nor logged without its records), whatever stops it.
    before = {r.id for r in records_store.summaries(project)}
    imported: import_.ImportResult | None = None
    records: list[Record] | None = None
    files: list[str] = []
    with transaction(project) as tx:
        if download is not None and download.received:
            with tempfile.TemporaryDirectory(prefix="review-search-") as tmp:
                path = Path(tmp) / (
                    f"{client.NAME}-{started.strftime('%Y%m%dT%H%M%SZ')}{client.SUFFIX}"
                )
                data = download.data
                for secret in secret_forms(http.secrets):  # a service may echo them back
                    data = data.replace(secret.encode("utf-8"), b"***")
                path.write_bytes(data)
                imported, records = import_.stage(tx, [path], source, client.FORMAT, progress)
            files = [f.file for f in imported.files] or _already_imported(project, data)
        new = sorted({r.id for r in records} - before) if records is not None else []
        dedup_note, dedup_counts = _dedup(tx, records or [], new, previous is not None, progress)

        details = {**count.details, **(download.details if download else {})}
        entry: dict[str, Any] = {
            "run": this_run,
            "source": source,
            "api": client.NAME,
            "database": client.LABEL,
            "platform": client.PLATFORM,
            "endpoint": client.endpoint,
            "query": query.text,
            "request": count.sent,
            "page_request": download.sent if download else {},
            "details": details,
            "limits": {**query.limits(), "max": max_records},
            "time": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "update_of": previous["run"] if previous else None,
            "previous_run": previous["time"] if previous else None,
            "reported": count.total,
            "received": download.received if download else 0,
            "files": files,
            "imported": sum(f.imported for f in imported.files) if imported else 0,
            "new_records": len(new),
            **dedup_counts,
            # For PRISMA's update variant: exactly which records this update added to the review.
            **({"new_ids": new} if previous else {}),
            "requests": http.requests,
            "retries": http.retried,
            "tool_version": __version__,
        }
        entry = scrub_all(entry, http.secrets)  # nothing from the environment reaches a file
        search_log.append(tx, entry)
        lock.record(tx, STAGE, inputs=[], outputs=[project.search_log_path],
                    params={"runs": len(load_log(project)) + 1})
    return SearchResult(entry, imported, new, dedup_note)


def run_id(project: Project, source: str, started: dt.datetime) -> str:
    """The log's name for a run: the source and its UTC start, numbered if taken already."""
    base = f"{slug(source)}-{started.strftime('%Y%m%dT%H%M%SZ')}"
    taken = {str(e.get("run")) for e in load_log(project)}
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def _already_imported(project: Project, data: bytes) -> list[str]:
    """The earlier file holding exactly these bytes (an update that brought nothing new)."""
    digest = sha256_bytes(data)
    return [e["file"] for e in records_store.read_report(project) if e.get("sha256") == digest]


def _dedup(
    tx: Transaction, records: list[Record], new: list[str], is_update: bool, progress: Progress
) -> tuple[str, dict[str, Any]]:
    """Match new records against everything already in the review (the dedup stage, staged in
    the search's transaction after its import).

    Runs after an update, and after any search once the review has been deduplicated, so only
    genuinely new studies become new screening units. Returns a note for the user and the
    counts for the log: `new_units` (clusters made only of new records) and
    `new_duplicates` (new records that joined an existing cluster).
    """
    project = tx.project
    if not new:
        return "", {}
    if not (is_update or clusters_store.exists(project)):
        return "Next: `review dedup` once every source is imported.", {}
    result = dedup.stage(tx, records, tx.hashes[project.records_path], progress)
    fresh = set(new)
    units = duplicates = 0
    staged = clusters_store.parse(project.clusters_path, tx.staged(project.clusters_path))
    for cluster in staged.values():
        joined = fresh.intersection(cluster["records"])
        if not joined:
            continue
        if len(joined) == len(cluster["records"]):
            units += 1
        else:
            duplicates += len(joined)
    counts = {"new_units": units, "new_duplicates": duplicates}
    note = (
        f"Dedup: {units} new studies to screen; {duplicates} new records duplicate "
        "ones already in the review"
        + (
            f"; {result.uncertain} uncertain pairs wait for `review dedup`."
            if result.uncertain else "."
        )
    )
    return note, counts


def _limits_text(query: Query) -> str:
    parts = []
    if query.published_from or query.published_to:
        parts.append(f"published {query.published_from or '…'} to {query.published_to or '…'}")
    if query.added_from:
        parts.append(f"added since {query.added_from}")
    return f" ({'; '.join(parts)})" if parts else ""


# report: `review report searches`
__all__ = [
    "CitationsResult", "SearchResult", "citations", "load_log", "report", "run", "run_id", "update",
]
