"""The import stage: database exports in, normalised records out.

Every record read is either imported or reported as skipped with its line and reason
(read = imported + skipped, always). Nothing is written until every file parsed, so a bad file
leaves the review unchanged; the copied exports, review.toml (a new source), the records, the
report and review.lock then commit together (store/transaction.py).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from review_cli.errors import ParseError, ReviewError
from review_cli.io import formats, normalise
from review_cli.io.document import Document, Parsed, Skip, decode
from review_cli.io.writer import sha256_bytes
from review_cli.model import (
    LIST_FIELDS,
    TEXT_FIELDS,
    Origin,
    Record,
    SourceKind,
    best_value,
    fingerprint,
    fold,
    record_id,
    short_hash,
)
from review_cli.progress import NULL, Progress
from review_cli.project import Project
from review_cli.store import lock, protocol_file
from review_cli.store import records as records_store
from review_cli.store.locking import locked
from review_cli.store.transaction import Transaction, transaction

STAGE = "import"
PROGRESS_EVERY = 2000  # records between progress updates: cheap, and smooth enough


@dataclass
class FileReport:
    file: str  # where the export is kept, relative to the review root
    source: str
    format: str
    encoding: str
    sha256: str
    read: int = 0
    imported: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)  # {"line", "reason"}
    empty_titles: int = 0
    empty_abstracts: int = 0
    same_as_other_file: int = 0  # records identical to one from another file of this source
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ImportResult:
    files: list[FileReport]
    unchanged: list[str]  # files whose exact bytes were already imported
    added_sources: list[str]
    records_total: int


@dataclass
class _Read:
    """One export, read and turned into records, not written yet."""

    report: FileReport
    src: Path
    dest: Path
    records: list[Record]


def read_file(path: Path, data: bytes, fmt_name: str | None = None) -> tuple[Document, ModuleType]:
    """Decode and detect (or force) the format; raises ParseError on an unreadable file."""
    doc = decode(path, data)
    fmt = formats.forced(doc, fmt_name) if fmt_name else formats.detect(doc)
    return doc, fmt


def parse_file(
    path: Path, data: bytes, fmt_name: str | None = None
) -> tuple[Document, ModuleType, list[Parsed | Skip]]:
    """Decode, detect (or force) the format and parse; raises ParseError on an unreadable file."""
    doc, fmt = read_file(path, data, fmt_name)
    items = list(fmt.parse(doc))
    if not items:
        raise _no_records(path, fmt)
    return doc, fmt, items


def _no_records(path: Path, fmt: ModuleType) -> ParseError:
    return ParseError(
        path,
        f"read as {fmt.LABEL} but holds no records",
        hint="check that the export finished and contains records",
    )


def build_records(
    source: str,
    file_rel: str,
    items: Iterable[Parsed | Skip],
    report: FileReport,
    progress: Progress = NULL,
) -> list[Record]:
    """Normalise parsed items into records, in file order, filling `report` (read, imported,
    skipped); advances `progress` by lines."""
    records: list[Record] = []
    append = records.append
    fields = normalise.fields
    folded_source = fold(source)
    new = tuple.__new__
    # Identical records of one file are told apart by their rank; counted by the first id, not
    # by the fingerprint, which holds the whole folded abstract (100,000 of them is 200 MB).
    occurrences: dict[str, int] = {}
    position = read = empty_titles = empty_abstracts = shown_line = 0
    for item in items:
        read += 1
        line = item.line
        if read % PROGRESS_EVERY == 0 and line > shown_line:
            progress.advance(line - shown_line)
            shown_line = line
        if isinstance(item, Skip):
            skip = {"line": line, "reason": item.reason}
            if item.damaged:
                skip["damaged"] = True
            report.skipped.append(skip)
            continue
        position += 1  # a parsed record without content still has a position
        values = fields(item.fields)
        fp = fingerprint(values, squashed=True)
        if not fp.strip("\x1f"):  # only separators (strip copies nothing when a field is set)
            report.skipped.append({"line": line, "reason": "record has no bibliographic content"})
            continue
        first = short_hash(folded_source, fp, "0")  # record_id(source, fp, 0)
        rank = occurrences.get(first, 0)
        occurrences[first] = rank + 1
        rid = record_id(source, fp, rank) if rank else first
        origin = new(Origin, (source, file_rel, item.key or f"#{position}", line))
        # `values` holds every other field, in Record order (normalise.FIELD_ORDER).
        append(new(Record, (rid, source, *values.values(), (origin,))))
        empty_titles += not values["title"]
        empty_abstracts += not values["abstract"]
    report.read += read
    report.imported += len(records)
    report.empty_titles += empty_titles
    report.empty_abstracts += empty_abstracts
    return records


def merge(a: Record, b: Record) -> Record:
    """The same record read from two files of one source: best value of each field."""
    values: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, *LIST_FIELDS, "year"):
        values[name] = best_value([getattr(a, name), getattr(b, name)])
    return Record(
        id=a.id, source=a.source, origins=tuple(sorted(set(a.origins) | set(b.origins))), **values
    )


def _destination(
    project: Project, source: str, src: Path, data_hash: str, taken: set[Path]
) -> Path:
    if project.searches_dir.resolve() in src.resolve().parents:
        return src.resolve()
    folder = project.source_dir(source)
    dest = folder / src.name
    n = 2
    while (dest.exists() and sha256_bytes(dest.read_bytes()) != data_hash) or dest in taken:
        dest = folder / f"{src.stem}-{n}{src.suffix}"
        n += 1
    return dest


def _check_source(source: str) -> str:
    source = source.strip()
    if not source:
        raise ReviewError(
            "--source must name the database or source", hint='e.g. --source "MEDLINE"'
        )
    if any(not c.isprintable() for c in source):
        raise ReviewError(f"--source {source!r} holds a line break or another control character",
                          hint='name the source on one line, e.g. --source "Web of Science"')
    return source


def _check_paths(paths: Sequence[Path]) -> None:
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise ReviewError(f"{', '.join(folders)}: a folder, not an export file",
                          hint="name the export files in it, e.g. "
                               "`review import exports/*.ris --source NAME`")
    for path in paths:
        try:
            path.stat()
        except FileNotFoundError:
            raise ReviewError(f"no such file: {path}", hint="check the path") from None
        except OSError as e:  # a link that loops, a folder we may not enter
            raise ReviewError(f"{path}: {e.strerror or e}", hint="check the path") from None
        if not path.is_file():  # a FIFO, a socket, a device: nothing to read an export from
            raise ReviewError(f"{path}: not a regular file (a pipe, socket or device)",
                              hint="save the export as a file and import that")


def _read_exports(
    project: Project,
    paths: Sequence[Path],
    source: str,
    fmt: str | None,
    previous: Sequence[dict[str, Any]],
    progress: Progress,
    accept_losses: bool = False,
) -> tuple[list[_Read], list[str]]:
    """Every export not imported before, read into records (nothing written); and the files
    whose exact bytes were imported already. `accept_losses`: import what could be read of an
    export whose other records could not be read (else that is an error)."""
    by_hash = {entry["sha256"]: entry for entry in previous}
    done: list[_Read] = []
    unchanged: list[str] = []
    taken: set[Path] = set()
    for path in paths:
        data = path.read_bytes()
        digest = sha256_bytes(data)
        if digest in by_hash:
            entry = by_hash[digest]
            if entry["source"].casefold() != source.casefold():
                raise ReviewError(
                    f"{path} was already imported as source `{entry['source']}` ({entry['file']})",
                    hint="a file belongs to one source; to move it, "
                    f"`review import {entry['file']} --remove` first",
                )
            unchanged.append(str(path))
            continue
        if digest in {d.report.sha256 for d in done}:
            unchanged.append(str(path))
            continue
        doc, fmt_module = _guarded_read(path, data, fmt)
        del data
        dest = _destination(project, source, path, digest, taken)
        taken.add(dest)
        report = FileReport(
            file=project.rel(dest),
            source=source,
            format=fmt_module.NAME,
            encoding=doc.encoding,
            sha256=digest,
            warnings=list(doc.warnings),
        )
        if getattr(fmt_module, "TEXT_ONLY", False):
            doc.compact()  # a text parser needs the text or the bytes, never both
        progress.start(f"Importing {path.name} (lines)", total=doc.line_count())
        place = _Place()
        try:
            items = _tracked(fmt_module.parse(doc), place)
            records = build_records(source, report.file, items, report, progress)
        except ReviewError:
            raise
        except Exception as e:  # a reader met input it was not written for: say where
            raise _unreadable(path, place.line, e) from None
        del doc
        if report.read == 0:
            raise _no_records(path, fmt_module)
        if not accept_losses:
            _refuse_losses(path, items_damaged(report))
        done.append(_Read(report, path, dest, records))
        progress.done()
    return done, unchanged


class _Place:
    """The line of the last item a reader gave (where an unexpected error happened)."""

    line = 0


def _tracked(items: Iterable[Parsed | Skip], place: _Place) -> Iterator[Parsed | Skip]:
    for item in items:
        place.line = item.line
        yield item


def _guarded_read(path: Path, data: bytes, fmt: str | None) -> tuple[Document, ModuleType]:
    try:
        return read_file(path, data, fmt)
    except ReviewError:
        raise
    except Exception as e:
        raise _unreadable(path, 0, e) from None


def _unreadable(path: Path, line: int, e: Exception) -> ParseError:
    where = f"after line {line}" if line else "at its start"
    return ParseError(
        path, f"could not be read {where} ({type(e).__name__}: {e})",
        hint="the export may be damaged: download it again from the database; if it opens "
             "elsewhere, please report this with the file",
    )


def items_damaged(report: FileReport) -> list[dict[str, Any]]:
    return [s for s in report.skipped if s.get("damaged")]


def _refuse_losses(path: Path, damaged: list[dict[str, Any]]) -> None:
    """An export with records that could not be read is not imported short of them unless the
    user says so: a lost record is a lost study."""
    if not damaged:
        return
    shown = "; ".join(f"line {s['line']}: {s['reason']}" for s in damaged[:5])
    more = f" and {len(damaged) - 5} more" if len(damaged) > 5 else ""
    raise ParseError(
        path,
        f"{len(damaged)} record(s) could not be read, so nothing was imported: {shown}{more}",
        hint="export the file again from the database; or import the records that could be "
             "read with --accept-losses (the lost ones are listed in import/report.json)",
    )


def _merged(existing: dict[str, Record], read: Sequence[_Read]) -> dict[str, Record]:
    for item in read:
        for rec in item.records:
            old = existing.get(rec.id)
            existing[rec.id] = rec if old is None else merge(old, rec)
    return existing


@locked("import")
def run(
    project: Project,
    paths: Sequence[Path],
    source: str,
    fmt: str | None = None,
    progress: Progress = NULL,
    accept_losses: bool = False,
) -> ImportResult:
    try:
        with transaction(project) as tx:
            return stage(tx, paths, source, fmt, progress, accept_losses)[0]
    except BaseException:
        project.__dict__.pop("protocol", None)  # a staged review.toml was not written after all
        raise


def stage(
    tx: Transaction,
    paths: Sequence[Path],
    source: str,
    fmt: str | None = None,
    progress: Progress = NULL,
    accept_losses: bool = False,
    kind: SourceKind = SourceKind.DATABASE,
) -> tuple[ImportResult, list[Record] | None]:
    """An import staged in `tx` (committed with it), and the review's records after it (None:
    nothing new was imported). Another stage that goes on from these records in the same
    transaction (a search's dedup) commits with the import, as one unit. `kind`: what a source
    not in review.toml yet is declared as (citation searching declares its own)."""
    # Records hold no reference cycles; the cyclic collector would only re-walk the millions of
    # strings and tuples a big import allocates (a fifth of its time), so it waits till the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _stage(tx, paths, source, fmt, progress, accept_losses, kind)
    finally:
        if collecting:
            gc.enable()
        progress.done()  # also when a file is refused half-way: never leave a bar running


def _stage(
    tx: Transaction, paths: Sequence[Path], source: str, fmt: str | None, progress: Progress,
    accept_losses: bool, kind: SourceKind = SourceKind.DATABASE,
) -> tuple[ImportResult, list[Record] | None]:
    project = tx.project
    source = _check_source(source)
    if fmt:
        # an unknown --format is bad usage, also when every file is imported already
        formats.by_name(fmt)
    _check_paths(paths)
    protocol = project.protocol
    lock.load(project)  # a broken review.lock fails here, not after the records are read
    declared = protocol.source(source)
    if declared is not None:
        source = declared.name  # the protocol's spelling wins

    previous = records_store.read_report(project)
    read, unchanged = _read_exports(
        project, paths, source, fmt, previous, progress, accept_losses
    )
    if not read:
        return ImportResult([], unchanged, [], records_store.count(project)), None
    progress.start("Merging and writing records")
    records = _merged({r.id: r for r in records_store.read(project)}, read)
    added_sources: list[str] = []
    for item in read:
        if item.dest != item.src.resolve() and not item.dest.exists():
            tx.copy(item.src, item.dest)  # never a half-copied export in searches/
    if declared is None:
        # review.toml is staged: read the protocol with the new source from now on
        project.__dict__["protocol"] = protocol_file.append_source(
            tx, source, read[0].report.format, kind)
        added_sources.append(source)
    _write(tx, records, {e["file"]: e for e in previous}, read)
    result = ImportResult([r.report for r in read], unchanged, added_sources, len(records))
    return result, sorted(records.values(), key=lambda r: r.id)


def _write(
    tx: Transaction, records: dict[str, Record], reports: dict[str, dict[str, Any]],
    read: Sequence[_Read],
) -> None:
    """Stage the records, the report and review.lock of an import."""
    project = tx.project
    records_store.write(tx, list(records.values()))
    for item in read:
        reports[item.report.file] = item.report.to_json()
    # Counted from the merged records, not while merging, so import order never shows.
    shared: Counter[str] = Counter()
    for rec in records.values():
        if len(rec.origins) > 1:
            files = {o.file for o in rec.origins}
            if len(files) > 1:
                shared.update(files)
    for name, entry in reports.items():
        entry["same_as_other_file"] = shared[name]
    for item in read:  # what `review import` prints and its --json say, too
        item.report.same_as_other_file = shared[item.report.file]
    records_store.write_report(tx, [reports[k] for k in sorted(reports)])
    lock.record(
        tx,
        STAGE,
        inputs=[project.root / k for k in reports],
        outputs=[project.records_path, project.import_report_path],
        params={"files": {
            k: {"source": v["source"], "format": v["format"]} for k, v in sorted(reports.items())
        }},
        # The exports were hashed when read (a copy in searches/ holds the same bytes).
        known={project.root / k: v["sha256"] for k, v in reports.items()},
    )


@dataclass
class RemoveResult:
    removed: list[str]  # the exports taken out (paths in searches/)
    records_before: int
    records_total: int
    emptied: list[str] = field(default_factory=list)  # sources left without any export


@locked("import")
def remove(
    project: Project, names: Sequence[str | Path], progress: Progress = NULL
) -> RemoveResult:
    """Take imported exports out of the review (a wrong file, or a file under the wrong source).

    The records are rebuilt from the exports that stay, as importing them alone would have
    made them (ids depend on content only, so every other record keeps its id); the removed
    copies are deleted from searches/, in the same commit. Dedup clusters and decisions are
    left as they are: the next `review dedup` compares what is left, and a decision on a record
    that is gone no longer counts anywhere.
    """
    report = records_store.read_report(project)
    wanted: list[dict[str, Any]] = []
    unknown: list[str] = []
    for name in names:
        entry = _report_entry(project, report, Path(name))
        if entry is None:
            unknown.append(str(name))
        elif entry not in wanted:
            wanted.append(entry)
    if unknown:
        imported = ", ".join(e["file"] for e in report) or "none"
        raise ReviewError(
            f"not an imported export: {', '.join(unknown)}", hint=f"imported files: {imported}"
        )
    lock.load(project)
    before = records_store.count(project)
    keep = [e for e in report if e not in wanted]
    # Re-read what stays, source by source and format by format, as separate imports would.
    records: dict[str, Record] = {}
    reports: dict[str, dict[str, Any]] = {}
    try:
        for source in dict.fromkeys(e["source"] for e in keep):
            entries = [e for e in keep if e["source"] == source]
            for fmt in sorted({e["format"] for e in entries}):
                paths = [project.root / e["file"] for e in entries if e["format"] == fmt]
                _check_paths(paths)
                # Losses were accepted (and reported) when these exports were imported.
                read, _ = _read_exports(
                    project, paths, source, fmt, [], progress, accept_losses=True
                )
                _merged(records, read)
                reports.update((r.report.file, r.report.to_json()) for r in read)
    finally:
        progress.done()
    with transaction(project) as tx:
        _write(tx, records, reports, [])
        for e in wanted:
            tx.remove(project.root / e["file"])
    emptied = sorted({e["source"] for e in wanted} - {e["source"] for e in keep})
    return RemoveResult([e["file"] for e in wanted], before, len(records), emptied)


def _report_entry(
    project: Project, report: list[dict[str, Any]], path: Path
) -> dict[str, Any] | None:
    """The report line of an export named by its copy in searches/ or by the original file."""
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, project.root / path]
    for c in candidates:
        if c.exists() and c.resolve().is_relative_to(project.root.resolve()):
            rel = c.resolve().relative_to(project.root.resolve()).as_posix()
            found = next((e for e in report if e["file"] == rel), None)
            if found is not None:
                return found
    as_given = path.as_posix()
    found = next((e for e in report if e["file"] == as_given), None)
    if found is None and path.is_file():
        digest = sha256_bytes(path.read_bytes())
        found = next((e for e in report if e["sha256"] == digest), None)
    return found
