"""`review fulltext fetch | attach | missing`: the full-text reports of the units sought for
retrieval (those included at title/abstract), in `fulltext/<unit id>.pdf`, indexed in
`fulltext/index.jsonl` (store/fulltext.py).

`fetch` looks each unit up by DOI, PMID or OpenAlex id (Unpaywall, Europe PMC, OpenAlex:
search/fulltext.py), downloads the first candidate that really is a PDF (a web full text in
HTML or JATS XML only where no PDF can be had; search/download.py) and commits each report
with its index line as one transaction, so an interrupted run keeps every report it finished
and no partial file; a re-run skips the units whose report is there. `attach` stores a report
obtained another way (a library, the authors). `missing` lists the units still without one,
with the ids to request. A report that cannot be had stays a reviewer's decision:
`review decide ID --not-retrieved --stage full-text`, counted in PRISMA's "reports not
retrieved" box as before.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.model import Record, Stage, Verdict
from review_cli.progress import NULL, Progress
from review_cli.project import Project
from review_cli.search.http import Settings, scrub
from review_cli.store import decisions as decisions_store
from review_cli.store import fulltext as store
from review_cli.store import lock
from review_cli.store import units as units_store
from review_cli.store.locking import locked
from review_cli.store.transaction import transaction

STAGE = "fulltext"
SOURCES = ("unpaywall", "europepmc", "openalex")
EMAIL_HINT = ('add `[fulltext]` with `email = "you@example.org"` to review.toml, or set '
              "REVIEW_EMAIL; or leave Unpaywall out: --from europepmc,openalex")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _stamp(now: Callable[[], dt.datetime]) -> str:
    return now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Outcome:
    """What happened to one unit's report."""

    unit: str
    status: str  # fetched | present | not-found | no-ids
    file: str = ""
    source: str = ""
    url: str = ""
    licence: str = ""
    kind: str = ""
    tried: list[str] = field(default_factory=list)  # each URL tried and why it was refused

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "status": self.status, "file": self.file,
                "source": self.source, "url": self.url, "licence": self.licence,
                "kind": self.kind, "tried": self.tried}


@dataclass
class FetchResult:
    outcomes: list[Outcome]
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0

    def counts(self) -> dict[str, int]:
        c = Counter(o.status for o in self.outcomes)
        return {k: c.get(k, 0) for k in ("fetched", "present", "not-found", "no-ids")}

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts(), "requests": self.requests, "retries": self.retries,
                "warnings": self.warnings, "units": [o.to_json() for o in self.outcomes]}


def contact(project: Project) -> str:
    """The e-mail Unpaywall is asked with: $REVIEW_EMAIL, else review.toml's [fulltext] email."""
    return os.environ.get("REVIEW_EMAIL", "").strip() or project.protocol.fulltext.email


def resolve(project: Project, ids: Sequence[str]) -> list[str]:
    """Unit ids for the ids given (a unit's id or any of its records'); an unknown id is an
    error naming it."""
    index = units_store.unit_index(project)
    unknown = [i for i in ids if i.strip() not in index]
    if unknown:
        raise ReviewError(
            f"not in the review: {', '.join(unknown)}",
            hint="give unit or record ids (`review fulltext missing` lists the units sought; "
            "`review export records` every record); nothing was changed",
        )
    return sorted({index[i.strip()] for i in ids})


def sought(project: Project) -> list[str]:
    """The units whose report is sought: included at title/abstract."""
    return sorted(units_store.stage_ids(project, Stage.FULL_TEXT))


def _targets(project: Project, ids: Sequence[str]) -> list[str]:
    if ids:
        return resolve(project, ids)
    units = sought(project)
    if not units:
        raise ReviewError(
            "no unit is included at title/abstract yet, so no report is sought",
            hint="screen titles and abstracts first, or give the ids to fetch",
        )
    return units


def _report_of(project: Project, unit: str, members: Sequence[str]) -> Path | None:
    """The unit's report in this checkout, however it got there: a file put in fulltext/ by
    hand is never overwritten by a download. An indexed report that is not here (a fresh
    clone: reports are git-ignored by default) is fetched again."""
    return store.report_file(project, (unit, *members))


@locked("fulltext")
def fetch(
    project: Project,
    ids: Sequence[str] = (),
    sources: Sequence[str] = SOURCES,
    progress: Progress = NULL,
    settings: Settings | None = None,
    now: Callable[[], dt.datetime] = utc_now,
    host_interval: float = 1.0,
) -> FetchResult:
    """`review fulltext fetch [IDS] [--from SOURCES]`."""
    from review_cli.search.download import Downloader
    from review_cli.search.fulltext import Finder

    sources = _sources(sources)
    units = _targets(project, ids)
    groups = units_store.groups(project)
    index = store.read_index(project)
    outcomes = {}
    for u in units:
        found = _report_of(project, u, groups.get(u, []))
        if found is not None:
            outcomes[u] = Outcome(u, "present", file=project.rel(found))
    todo = [u for u in units if u not in outcomes]
    result = FetchResult([])
    if todo:
        email = contact(project)
        if "unpaywall" in sources and not email:
            raise ReviewError("Unpaywall needs a contact e-mail, and none is configured",
                              hint=EMAIL_HINT + "; nothing was fetched")
        settings = settings or Settings.from_env()
        records = {r.id: r for r in units_store.screening_records(project, set(todo))}
        finder = Finder(sources, email, settings)
        # The e-mail goes to the three APIs, never to the publishers' servers.
        downloader = Downloader(settings, host_interval, finder.secrets)
        progress.start("Fetching full texts", total=len(todo))
        try:
            with finder, downloader:
                for unit in todo:
                    outcomes[unit] = _fetch_one(project, records[unit], finder, downloader,
                                                index, now)
                    progress.advance()
        finally:
            progress.done()
            result.requests = finder.requests + downloader.requests
            result.retries = finder.retried + downloader.retried
        result.warnings = [
            f"{label} failed ({problem}); it was not asked for the remaining reports"
            for label, problem in finder.failed.items()
        ]
    result.outcomes = [outcomes[u] for u in units]
    sync_policy(project)  # also when nothing was fetched: how an existing review opts in
    return result


def sync_policy(project: Project) -> None:
    """fulltext/.gitignore and .gitattributes as review.toml's [fulltext] commit asks now
    (nothing is written when they already are)."""
    with transaction(project) as tx:
        store.stage_policy(tx, project.protocol.fulltext.commit)


def _sources(sources: Sequence[str]) -> tuple[str, ...]:
    out = tuple(dict.fromkeys(s.strip().casefold().replace(" ", "") for s in sources if s.strip()))
    unknown = [s for s in out if s not in SOURCES]
    if unknown or not out:
        raise UsageError(f"unknown full-text source `{unknown[0] if unknown else ''}`",
                         hint=f"--from takes some of: {','.join(SOURCES)}")
    return out


def _fetch_one(project: Project, record: Record, finder: Any, downloader: Any,
               index: dict[str, store.Entry], now: Callable[[], dt.datetime]) -> Outcome:
    from review_cli.search.download import Unavailable
    from review_cli.search.fulltext import LABELS, Ids, openalex_id

    ids = Ids(record.doi, record.pmid, openalex_id(record.url))
    if not ids:
        return Outcome(record.id, "no-ids")
    unit = record.id
    tried: list[str] = []
    for cand in finder.candidates(ids):
        url = scrub(cand.url, finder.secrets)
        try:
            entry = _download(project, unit, cand, url, downloader, index, now)
        except Unavailable as e:
            tried.append(f"{LABELS[cand.source]}: {url}: {e}")
            continue
        return Outcome(unit, "fetched", entry.file, cand.source, url, cand.licence, entry.kind,
                       tried)
    return Outcome(unit, "not-found", tried=tried)


def _download(project: Project, unit: str, cand: Any, url: str, downloader: Any,
              index: dict[str, store.Entry], now: Callable[[], dt.datetime]) -> store.Entry:
    """One candidate downloaded and committed with its index line, or `Unavailable`."""
    accept = ("pdf",) if cand.kind == "pdf" else ("pdf", cand.kind)
    with transaction(project) as tx:
        staged: list[Path] = []

        def write(kind: str, chunks: Iterator[bytes]) -> str:
            path, digest = store.stage_report(tx, unit, kind, chunks)
            staged.append(path)
            return digest

        got = downloader.get(cand.url, accept, write)
        entry = store.Entry(unit, project.rel(staged[-1]), got.kind, cand.source, url,
                            cand.licence, got.size, got.digest, _stamp(now))
        _stage_index(tx, {**index, unit: entry})
    index[unit] = entry  # committed
    return entry


def _stage_index(tx: Any, index: dict[str, store.Entry]) -> None:
    """The index, the git policy files and review.lock, staged with the reports."""
    project = tx.project
    store.stage_index(tx, index)
    store.stage_policy(tx, project.protocol.fulltext.commit)
    lock.record(tx, STAGE, inputs=[], outputs=[project.fulltext_index_path],
                params={"reports": len(index)})


@dataclass
class AttachResult:
    unit: str
    file: str
    size: int
    sha256: str
    replaced: bool
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "file": self.file, "size": self.size, "sha256": self.sha256,
                "replaced": self.replaced, "unchanged": self.unchanged,
                "warnings": self.warnings}


@locked("fulltext")
def attach(
    project: Project, uid: str, path: Path, licence: str = "", replace: bool = False,
    now: Callable[[], dt.datetime] = utc_now,
) -> AttachResult:
    """`review fulltext attach ID FILE`: a report obtained another way, checked to be a PDF."""
    return attach_many(project, [(uid, path)], licence, replace, now)[0]


@locked("fulltext")
def attach_many(
    project: Project, items: Sequence[tuple[str, Path]], licence: str = "",
    replace: bool = False, now: Callable[[], dt.datetime] = utc_now,
) -> list[AttachResult]:
    """Several reports attached in one commit (the demo's); every file is checked first, so
    one that is refused leaves the review unchanged."""
    from review_cli.io.writer import sha256_file

    resolve(project, [uid for uid, _ in items])  # an unknown id is refused before anything
    index_of = units_store.unit_index(project)
    index = store.read_index(project)
    results: list[AttachResult] = []
    todo: list[tuple[str, Path, int, list[str]]] = []
    for uid, path in items:
        unit = index_of[uid.strip()]
        size, warnings = _check_pdf(path)
        old = index.get(unit)
        digest = sha256_file(path)
        if old is not None and old.sha256 == digest and store.present(project, old):
            results.append(AttachResult(unit, old.file, size, digest, False, True, warnings))
            continue
        existing = store.report_file(project, (unit,))
        if existing is not None and not replace:
            raise ReviewError(
                f"{unit} already has a report: {project.rel(existing)}",
                hint="pass --replace to put this file in its place; nothing was changed",
            )
        todo.append((unit, path, size, warnings))
    with transaction(project) as tx:
        for unit, path, size, warnings in todo:
            replaced = store.report_file(project, (unit,)) is not None
            staged, digest = store.stage_report(tx, unit, "pdf", store.file_chunks(path))
            entry = store.Entry(unit, project.rel(staged), "pdf", "attached", "",
                                licence.strip(), size, digest, _stamp(now))
            index[unit] = entry
            results.append(AttachResult(unit, entry.file, size, digest, replaced,
                                        warnings=warnings))
        if todo:
            _stage_index(tx, index)
        else:
            store.stage_policy(tx, project.protocol.fulltext.commit)
    return results


def _check_pdf(path: Path) -> tuple[int, list[str]]:
    """The file's size, and a warning when it looks cut short; a file that is not a PDF is an
    error naming it."""
    from review_cli.search.download import PDF_TAIL

    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1024)
            f.seek(max(0, size - PDF_TAIL))
            tail = f.read()
    except FileNotFoundError:
        raise ReviewError(f"no such file: {path}", hint="check the path; nothing was changed")\
            from None
    except IsADirectoryError:
        raise ReviewError(f"{path} is a folder, not a PDF",
                          hint="name the report's PDF file; nothing was changed") from None
    if store.PDF_MAGIC not in head:
        raise ReviewError(
            f"{path} is not a PDF (it does not start with %PDF-)",
            hint="attach the report as a PDF (print or export it to PDF first); nothing was "
            "changed",
        )
    if b"%%EOF" in tail:
        return size, []
    return size, [f"{path.name} has no PDF end-of-file marker: it may be incomplete (open it "
                  "to check)"]


@dataclass
class Missing:
    unit: str
    title: str
    first_author: str
    year: int | None
    doi: str
    pmid: str
    url: str
    decision: str  # the final full-text decision so far ("" = none)
    indexed: bool  # fetched or attached before, but not in this checkout

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "title": self.title, "first_author": self.first_author,
                "year": self.year, "doi": self.doi, "pmid": self.pmid, "url": self.url,
                "decision": self.decision, "indexed": self.indexed}


@dataclass
class MissingResult:
    sought: int
    with_report: int
    missing: list[Missing]

    def to_json(self) -> dict[str, Any]:
        return {"sought": self.sought, "with_report": self.with_report,
                "missing": [m.to_json() for m in self.missing]}


def missing(project: Project) -> MissingResult:
    """`review fulltext missing`: the units sought whose report is not in fulltext/."""
    units = sought(project)
    groups = units_store.groups(project)
    index = store.read_index(project)
    lacking = [u for u in units if _report_of(project, u, groups.get(u, [])) is None]
    finals = decisions_store.final_decisions(project, Stage.FULL_TEXT)
    records = {r.id: r for r in units_store.screening_records(project, set(lacking))}
    rows = []
    for u in lacking:
        r = records[u]
        final = finals.get(u)
        decision = ""
        if final is not None:
            decision = "conflict" if final.conflict else str(final.verdict or "undecided")
        rows.append(Missing(u, r.title, r.authors[0] if r.authors else "", r.year, r.doi,
                            r.pmid, r.url, decision, u in index))
    return MissingResult(len(units), len(units) - len(lacking), rows)


NOT_RETRIEVED = str(Verdict.NOT_RETRIEVED)

__all__ = [
    "NOT_RETRIEVED", "SOURCES", "AttachResult", "FetchResult", "Missing", "MissingResult",
    "Outcome", "attach", "attach_many", "contact", "fetch", "missing", "resolve", "sought",
    "sync_policy",
]
