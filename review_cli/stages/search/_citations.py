"""`review search citations --backward|--forward [IDS]`: citation searching from the included
studies, through OpenAlex (search/citations.py).

The seeds are the included studies (the flow's `included` units, `include.compute`), or the ids
given. Without ids, a study already searched in that direction (the search log says which and
when) is not searched again: re-running after new inclusions searches only the new ones. What
is found is saved under `searches/<source>/`, imported as a source of kind "citation
searching" (PRISMA 2020's other-methods column; declared in review.toml when new), deduplicated
against the review like any search, and logged with the seeds and the date (PRISMA-S), all in
one transaction.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from review_cli import __version__
from review_cli.errors import ReviewError, UsageError
from review_cli.model import Record, SourceKind
from review_cli.progress import Progress
from review_cli.project import Project
from review_cli.search.http import Settings, scrub_all, secret_forms
from review_cli.stages import import_, include
from review_cli.store import flow, lock, search_log
from review_cli.store import records as records_store
from review_cli.store import units as units_store
from review_cli.store.transaction import transaction

API = "citations"
DEFAULT_SOURCE = "Citation searching"
WHAT = {"backward": "the references of", "forward": "the studies citing"}


def searched(project: Project, direction: str) -> dict[str, str]:
    """Seed unit -> the date it was last searched in `direction` (from the search log)."""
    out: dict[str, str] = {}
    for e in search_log.read(project):
        if e.get("api") == API and e.get("direction") == direction:
            for s in e.get("seeds") or []:
                if isinstance(s, dict) and s.get("unit"):
                    out[str(s["unit"])] = str(e["time"])[:10]
    return out


def included_units(project: Project) -> list[str]:
    inc = include.compute(flow.read(project))
    return sorted(u.id for u in inc.units.values() if u.status == include.Status.INCLUDED)


def seeds_for(project: Project, direction: str, ids: Sequence[str]) -> tuple[list[str], str]:
    """The seed units of a run, and why there are none when so."""
    if ids:
        index = units_store.unit_index(project)
        unknown = [i for i in ids if i.strip() not in index]
        if unknown:
            raise ReviewError(
                f"not in the review: {', '.join(unknown)}",
                hint="give unit or record ids of the studies to search from (`review export "
                "included`); nothing was changed",
            )
        return sorted({index[i.strip()] for i in ids}), ""
    included = included_units(project)
    if not included:
        raise ReviewError(
            "no study is included yet, so there is nothing to search the citations of",
            hint="decide the full texts first (`review screen --stage full-text`), or give the "
            "ids of the studies to search from",
        )
    done = searched(project, direction)
    new = [u for u in included if u not in done]
    if not new:
        last = max(done[u] for u in included)
        return [], (f"every included study ({len(included)}) was searched {direction} already "
                    f"(last on {last}); nothing to do")
    return new, ""


def run(
    project: Project,
    direction: str,
    ids: Sequence[str],
    source: str | None,
    max_records: int,
    progress: Progress,
    settings: Settings | None,
    now: Callable[[], dt.datetime],
) -> tuple[dict[str, Any] | None, list[str], str, str]:
    """One direction's run: (the log entry or None, new record ids, dedup note, why nothing
    was done)."""
    from review_cli.search.citations import Citations, Seed

    if direction not in WHAT:
        raise UsageError(f"unknown direction `{direction}`", hint="--backward or --forward")
    name = _source(project, source)
    seeds, why = seeds_for(project, direction, ids)
    if not seeds:
        return None, [], "", why
    client = Citations()
    merged = {r.id: r for r in units_store.screening_records(project, set(seeds))}
    started = now()
    with client.http(settings or Settings.from_env()) as http:
        progress.start("OpenAlex: finding the seed studies", total=len(seeds))
        found = []
        for unit in seeds:
            r = merged[unit]
            found.append(client.find(http, Seed(unit, r.title, r.year, r.doi, r.pmid, r.url)))
            progress.advance()
        progress.done()
        located = [f for f in found if f.work]
        if not located:
            raise ReviewError(
                f"none of the {len(seeds)} seed studies was found in OpenAlex (by OpenAlex id, "
                "DOI, PMID or exact title)",
                hint="check their DOIs (`review audit ID`); nothing was saved or logged",
            )
        expected = (len({w for f in located for w in f.references}) if direction == "backward"
                    else sum(f.cited_by_count for f in located))
        if expected > max_records:
            raise ReviewError(
                f"OpenAlex lists {expected} works {direction} of these studies, more than "
                f"--max {max_records}",
                hint=f"nothing was downloaded; pass --max {expected} to fetch them all, or give "
                "fewer ids",
            )
        harvest = (client.backward(http, located, progress) if direction == "backward"
                   else client.forward(http, located, progress))

    from review_cli.stages.search import _dedup, run_id

    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    before = {r.id for r in records_store.summaries(project)}
    records: list[Record] | None = None
    imported: import_.ImportResult | None = None
    try:
        with transaction(project) as tx:
            if harvest.received:
                with tempfile.TemporaryDirectory(prefix="review-citations-") as tmp:
                    path = Path(tmp) / f"openalex-{direction}-{stamp}{client.SUFFIX}"
                    data = harvest.data
                    for secret in secret_forms(http.secrets):
                        data = data.replace(secret.encode("utf-8"), b"***")
                    path.write_bytes(data)
                    imported, records = import_.stage(
                        tx, [path], name, client.FORMAT, progress,
                        kind=SourceKind.CITATION_SEARCHING,
                    )
            new = sorted({r.id for r in records} - before) if records is not None else []
            note, counts = _dedup(tx, records or [], new, False, progress)
            entry: dict[str, Any] = {
                "run": run_id(project, name, started),
                "source": name,
                "api": API,
                "method": "citation searching",
                "direction": direction,
                "database": client.LABEL,
                "platform": client.PLATFORM,
                "endpoint": client.endpoint(direction),
                "query": f"{direction} citation searching: {WHAT[direction]} "
                         f"{len(seeds)} {'study' if len(seeds) == 1 else 'studies'}",
                "seeds": [
                    {"unit": f.seed.unit, "openalex": f.work, "found_by": f.by,
                     "records": harvest.per_seed.get(f.seed.unit, 0)}
                    for f in found
                ],
                "seeds_not_found": [f.seed.unit for f in found if not f.work],
                "request": harvest.first_request,
                "page_request": {},
                "details": {},
                "limits": {"max": max_records},
                "time": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "update_of": None,
                "previous_run": None,
                "reported": expected,
                "received": harvest.received,
                "files": [f.file for f in imported.files] if imported else [],
                "imported": sum(f.imported for f in imported.files) if imported else 0,
                "new_records": len(new),
                **counts,
                "requests": http.requests,
                "retries": http.retried,
                "tool_version": __version__,
            }
            entry = scrub_all(entry, http.secrets)
            search_log.append(tx, entry)
            lock.record(tx, "search", inputs=[], outputs=[project.search_log_path],
                        params={"runs": len(search_log.read(project)) + 1})
    except BaseException:
        project.__dict__.pop("protocol", None)  # a staged review.toml was not written after all
        raise
    return entry, new, note, ""


def _source(project: Project, source: str | None) -> str:
    """The citation-searching source's name; a source of another kind is refused (its records
    would be counted in the wrong PRISMA column)."""
    name = (source or DEFAULT_SOURCE).strip()
    if not name:
        raise UsageError("--source must name the source", hint=f'e.g. --source "{DEFAULT_SOURCE}"')
    declared = project.protocol.source(name)
    if declared is None:
        return name
    if declared.kind != SourceKind.CITATION_SEARCHING:
        raise ReviewError(
            f"source `{declared.name}` is a {declared.kind.value} in review.toml, not citation "
            "searching",
            hint=f"give another --source (default: {DEFAULT_SOURCE}), or set its kind to "
            '"citation searching" in review.toml',
        )
    return declared.name
