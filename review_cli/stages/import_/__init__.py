"""The import stage: database exports in, normalised records out.

Every record read is either imported or reported as skipped with its line and reason
(read = imported + skipped, always). Nothing is written until every file parsed, so a bad file
leaves the review unchanged.
"""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import orjson

from review_cli.errors import ParseError, ReviewError
from review_cli.io import formats
from review_cli.io.document import Document, Parsed, Skip, decode
from review_cli.io.writer import (
    EDITED_HINT,
    copy_file,
    interrupts_deferred,
    iter_jsonl,
    read_json,
    sha256_bytes,
    write_bytes,
    write_json,
    write_text,
)
from review_cli.model import (
    LIST_FIELDS,
    TEXT_FIELDS,
    Origin,
    Record,
    best_value,
    fingerprint,
    record_id,
)
from review_cli.progress import NULL, Progress
from review_cli.project import Project
from review_cli.stages.import_ import _split as import_split
from review_cli.stages.import_._split import Line
from review_cli.store import lock

STAGE = "import"


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
class _Prepared:
    report: FileReport
    src: Path
    dest: Path
    records: list[Record | Line]


def load_records(project: Project) -> list[Record]:
    path = project.records_path
    out = []
    for number, obj in iter_jsonl(path, require=("id", "source")):
        try:
            out.append(Record.from_json(obj))
        except (KeyError, TypeError, ValueError) as e:  # a hand-edited line: a field of the wrong type
            raise ParseError(path, f"not a record line ({e})", line=number, hint=EDITED_HINT) from e
    return out


def load_report(project: Project) -> list[dict[str, Any]]:
    """The import report's entries, checked: a hand edit that breaks one names it."""
    path = project.import_report_path
    if not path.exists():
        return []
    data = read_json(path)
    files = data.get("files") if isinstance(data, dict) else None
    hint = "import/report.json is written by review: restore it from git, or re-import the exports"
    if not isinstance(files, list):
        raise ParseError(path, "not an import report (no `files` list)", hint=hint)
    for n, entry in enumerate(files):
        if not isinstance(entry, dict):
            raise ParseError(path, f"files[{n}] is not an object", hint=hint)
        for key, kind in (("file", str), ("source", str), ("sha256", str), ("format", str), ("skipped", list)):
            if not isinstance(entry.get(key), kind):
                raise ParseError(path, f"files[{n}] has no {kind.__name__} `{key}`", hint=hint)
    return files


def read_file(
    path: Path, data: bytes, fmt_name: str | None = None, doc: Document | None = None
) -> tuple[Document, ModuleType]:
    """Decode (unless `doc` is `data` decoded already) and detect (or force) the format;
    raises ParseError on an unreadable file."""
    if doc is None:
        doc = decode(path, data)
    fmt = formats.forced(doc, fmt_name) if fmt_name else formats.detect(doc)
    return doc, fmt


def parse_file(path: Path, data: bytes, fmt_name: str | None = None) -> tuple[Document, ModuleType, list[Parsed | Skip]]:
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


PROGRESS_EVERY = 2000  # records between progress updates: cheap, and smooth enough


def build_records(
    source: str,
    file_rel: str,
    items: Iterable[Parsed | Skip],
    report: FileReport,
    progress: Progress = NULL,
) -> list[Record]:
    """Normalise parsed items into records, filling `report`; advances `progress` by lines."""
    prepared = import_split.prepare(items, source, file_rel)
    return [as_record(r) for r in collect_records(source, file_rel, prepared, report, progress)]


def as_record(rec: Record | Line) -> Record:
    return rec.record() if isinstance(rec, Line) else rec


def collect_records(
    source: str,
    file_rel: str,
    prepared: Iterable[import_split.Prepared],
    report: FileReport,
    progress: Progress = NULL,
) -> list[Record | Line]:
    """Records from prepared items, in file order: positions, ids and the report. Each is the
    JSON line it will be written as, or a Record where orjson refused a value."""
    records: list[Record | Line] = []
    append = records.append
    # Identical records of one file are told apart by their rank; counted by the first id, not
    # by the fingerprint, which holds the whole folded abstract (100,000 of them is 200 MB).
    occurrences: dict[str, int] = {}
    position = read = empty_titles = empty_abstracts = 0
    shown_line = 0
    line_start = import_split.LINE_START
    for line, key, out, first, reason, empty in prepared:
        read += 1
        if read % PROGRESS_EVERY == 0 and line > shown_line:
            progress.advance(line - shown_line)
            shown_line = line
        if out is None or first is None:
            position += key is not None  # a parsed record without content still has a position
            report.skipped.append({"line": line, "reason": reason})
            continue
        position += 1
        rank = occurrences.get(first, 0)
        occurrences[first] = rank + 1
        rid = record_id(source, fingerprint(_values(out)), rank) if rank else first
        origin = Origin(source, file_rel, key or f"#{position}", line)  # key is a str here
        whole = type(out) is bytes and out.startswith(line_start)
        if whole and rank:  # made with the first id: take out the values
            out, whole = import_split.body_of(cast(bytes, out), first, source), False
        append(Line(rid, origin, cast(bytes, out)) if whole else _line(rid, source, out, origin))
        empty_titles += empty & 1
        empty_abstracts += empty >> 1
    report.read += read
    report.imported += len(records)
    report.empty_titles += empty_titles
    report.empty_abstracts += empty_abstracts
    return records


def _line(rid: str, source: str, out: bytes | tuple[Any, ...], origin: Origin) -> Record | Line:
    """The record from its values, as a line; a Record where orjson refused a value (the
    writer's own encoder writes it then)."""
    if type(out) is bytes:
        try:
            return Line(rid, origin, import_split.record_line(rid, source, out, origin))
        except TypeError:
            pass
    return Record.from_json({"id": rid, "source": source, **_values(out), "origins": [origin.to_json()]})


def _values(out: bytes | tuple[Any, ...]) -> dict[str, Any]:
    """The field values of a prepared record (its JSON, or the tuple where orjson failed)."""
    if type(out) is bytes:
        return dict(orjson.loads(out))
    return dict(zip(import_split.VALUE_FIELDS, out, strict=True))


def merge(a: Record, b: Record) -> Record:
    """The same record read from two files of one source: best value of each field."""
    values: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, *LIST_FIELDS, "year"):
        values[name] = best_value([getattr(a, name), getattr(b, name)])
    return Record(id=a.id, source=a.source, origins=tuple(sorted(set(a.origins) | set(b.origins))), **values)


def _destination(project: Project, source: str, src: Path, data_hash: str, taken: set[Path]) -> Path:
    if project.searches_dir.resolve() in src.resolve().parents:
        return src.resolve()
    folder = project.source_dir(source)
    dest = folder / src.name
    n = 2
    while (dest.exists() and sha256_bytes(dest.read_bytes()) != data_hash) or dest in taken:
        dest = folder / f"{src.stem}-{n}{src.suffix}"
        n += 1
    return dest


def run(
    project: Project,
    paths: Sequence[Path],
    source: str,
    fmt: str | None = None,
    progress: Progress = NULL,
) -> ImportResult:
    # Records hold no reference cycles; the cyclic collector would only re-walk the millions of
    # strings and tuples a big import allocates (a fifth of its time), so it waits till the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(project, paths, source, fmt, progress)
    finally:
        if collecting:
            gc.enable()
        progress.done()  # also when a file is refused half-way: never leave a bar running


def _run(project: Project, paths: Sequence[Path], source: str, fmt: str | None, progress: Progress) -> ImportResult:
    source = source.strip()
    if not source:
        raise ReviewError("--source must name the database or source", hint='e.g. --source "MEDLINE"')
    if any(not c.isprintable() for c in source):
        raise ReviewError(f"--source {source!r} holds a line break or another control character",
                          hint='name the source on one line, e.g. --source "Web of Science"')
    if fmt:
        formats.by_name(fmt)  # an unknown --format is bad usage, also when every file is imported already
    folders = [str(p) for p in paths if p.is_dir()]
    if folders:
        raise ReviewError(f"{', '.join(folders)}: a folder, not an export file",
                          hint="name the export files in it, e.g. `review import exports/*.ris --source NAME`")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ReviewError(f"no such file: {', '.join(missing)}", hint="check the path")
    protocol = project.protocol
    lock.load(project)  # a broken review.lock fails here, not after the records are written
    declared = protocol.source(source)
    if declared is not None:
        source = declared.name  # the protocol's spelling wins

    previous = load_report(project)
    by_hash = {entry["sha256"]: entry for entry in previous}
    prepared: list[_Prepared] = []
    unchanged: list[str] = []
    taken: set[Path] = set()
    for path in paths:
        data = path.read_bytes()
        decoded: Document | None = None
        if len(data) < import_split.MIN_SPLIT_CHARS:
            digest = sha256_bytes(data)
        else:
            # A big file is hashed while it is decoded (hashlib lets go of the GIL), even though
            # the decoding is wasted if the file turns out to be imported already.
            with ThreadPoolExecutor(max_workers=1) as hasher:
                hashing = hasher.submit(sha256_bytes, data)
                decoded = decode(path, data)
                digest = hashing.result()
        if digest in by_hash:
            entry = by_hash[digest]
            if entry["source"].casefold() != source.casefold():
                raise ReviewError(
                    f"{path} was already imported as source `{entry['source']}` ({entry['file']})",
                    hint=f"a file belongs to one source; to move it, `review import {entry['file']} --remove` first",
                )
            unchanged.append(str(path))
            continue
        if digest in {p.report.sha256 for p in prepared}:
            unchanged.append(str(path))
            continue
        doc, fmt_module = read_file(path, data, fmt, decoded)
        del data, decoded
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
        items = import_split.prepared_items(doc, fmt_module, source, report.file)  # may fork: before the bar
        lines = doc.line_count()  # while the worker, if any, is already parsing
        del doc  # the items hold what they still need (the export, or views of it)
        progress.start(f"Importing {path.name} (lines)", total=lines)
        records = collect_records(source, report.file, items, report, progress)
        if report.read == 0:
            raise _no_records(path, fmt_module)
        prepared.append(_Prepared(report, path, dest, records))
        progress.done()
    progress.start("Merging and writing records")
    existing: dict[str, Record | Line] = {r.id: r for r in load_records(project)} if prepared else {}
    for item in prepared:
        for rec in item.records:
            old = existing.get(rec.id)
            existing[rec.id] = rec if old is None else merge(as_record(old), as_record(rec))

    added_sources: list[str] = []
    if prepared:
        with interrupts_deferred():  # all files of this import, or none
            _commit(project, prepared, previous, existing, declared is None, source, added_sources)
    progress.done()
    return ImportResult(
        files=[p.report for p in prepared],
        unchanged=unchanged,
        added_sources=added_sources,
        records_total=len(existing) if prepared else sum(1 for _ in iter_jsonl(project.records_path)),
    )


def _commit(
    project: Project,
    prepared: list[_Prepared],
    previous: list[dict[str, Any]],
    existing: dict[str, Record | Line],
    undeclared: bool,
    source: str,
    added_sources: list[str],
) -> None:
    """Write everything one import changes: the copied exports, review.toml (a new source),
    the records, the report and the lock."""
    for item in prepared:
        if item.dest != item.src.resolve():
            item.dest.parent.mkdir(parents=True, exist_ok=True)
            if not item.dest.exists():
                copy_file(item.src, item.dest)  # atomic: never a half-copied export in searches/
    if undeclared:
        _declare_source(project, source, prepared[0].report.format)
        added_sources.append(source)
    # Ids are unique keys here, so sorting the records by id is the writer's own order,
    # and the lines stream out without being held in memory all at once.
    ordered = sorted(existing.values(), key=attrgetter("id"))
    known = {project.records_path: import_split.write_records(project.records_path, ordered)}
    del ordered
    # The exports of this run were hashed when read (and `dest` holds the same bytes).
    known.update((project.root / item.report.file, item.report.sha256) for item in prepared)
    reports = {e["file"]: e for e in previous}
    for item in prepared:
        reports[item.report.file] = item.report.to_json()
    # Counted from the merged records, not while merging, so import order never shows.
    shared: Counter[str] = Counter()
    for rec in existing.values():
        if type(rec) is Line:  # read once, from one file
            continue
        files = {o.file for o in rec.origins}
        if len(files) > 1:
            shared.update(files)
    for name, entry in reports.items():
        entry["same_as_other_file"] = shared[name]
    write_json(project.import_report_path, {"files": [reports[k] for k in sorted(reports)]})
    lock.record(
        project,
        STAGE,
        inputs=[project.root / k for k in reports],
        outputs=[project.records_path, project.import_report_path],
        params={"files": {k: {"source": v["source"], "format": v["format"]} for k, v in sorted(reports.items())}},
        known=known,
    )


def _declare_source(project: Project, name: str, fmt: str) -> None:
    """Append an undeclared source to review.toml (appending keeps the user's comments)."""
    text = project.protocol_path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    quoted = json.dumps(name, ensure_ascii=False)  # a TOML basic string: the same escapes as JSON
    text += (
        f'\n# Added by `review import` (format {fmt}); set kind, platform, search_date and query.\n'
        f'[[sources]]\nname = {quoted}\nkind = "database"\n'
    )
    write_text(project.protocol_path, text)
    project.__dict__.pop("protocol", None)


@dataclass
class RemoveResult:
    removed: list[str]  # the exports taken out (paths in searches/)
    records_before: int
    records_total: int
    emptied: list[str] = field(default_factory=list)  # sources left without any export


def remove(project: Project, names: Sequence[str | Path], progress: Progress = NULL) -> RemoveResult:
    """Take imported exports out of the review (a wrong file, or a file under the wrong source).

    The records are rebuilt from the exports that stay, as importing them alone would have
    made them (ids depend on content only, so every other record keeps its id); the removed
    copies are deleted from searches/. Dedup clusters and decisions are left as they are:
    the next `review dedup` compares what is left, and a decision on a record that is gone
    no longer counts anywhere.
    """
    report = load_report(project)
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
        raise ReviewError(f"not an imported export: {', '.join(unknown)}", hint=f"imported files: {imported}")
    before = _line_count(project.records_path)
    keep = [e for e in report if e not in wanted]
    saved = {p: p.read_bytes() for p in (project.records_path, project.import_report_path) if p.exists()}
    for p in saved:
        p.unlink()
    try:
        by_source: dict[str, list[dict[str, Any]]] = {}
        for e in keep:
            by_source.setdefault(e["source"], []).append(e)
        for source, entries in by_source.items():
            for fmt in sorted({e["format"] for e in entries}):
                paths = [project.root / e["file"] for e in entries if e["format"] == fmt]
                run(project, paths, source, fmt, progress)
        if not keep:
            write_json(project.import_report_path, {"files": []})
            import_split.write_records(project.records_path, [])
            lock.record(project, STAGE, inputs=[], outputs=[project.records_path, project.import_report_path], params={"files": {}})
    except BaseException:
        for p, data in saved.items():
            write_bytes(p, data)
        raise
    for e in wanted:
        copy = project.root / e["file"]
        copy.unlink(missing_ok=True)
        if copy.parent != project.searches_dir and not any(copy.parent.iterdir()):
            copy.parent.rmdir()
    total = _line_count(project.records_path)
    emptied = sorted({e["source"] for e in wanted} - {e["source"] for e in keep})
    return RemoveResult([e["file"] for e in wanted], before, total, emptied)


def _line_count(path: Path) -> int:
    """Records in records.jsonl, one per line as the writer puts them (no JSON decoding: the
    file may hold 100,000s of records)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _report_entry(project: Project, report: list[dict[str, Any]], path: Path) -> dict[str, Any] | None:
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
