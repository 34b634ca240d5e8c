"""`import/records.jsonl` and `import/report.json`: the imported records and how each export
was read. Written by `review import` only; read by every later stage through here.

records.jsonl holds one record per line, sorted by id. A line that is not a record (a hand edit,
a damaged file) is an error naming the file and line, never a traceback later on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.model import Record
from review_cli.project import Project
from review_cli.store.transaction import Transaction

HINT = "import/records.jsonl is written by review: restore it from git, or re-run `review import`"
REPORT_HINT = (
    "import/report.json is written by review: restore it from git, or re-import the exports"
)


def _objects(path: Path, data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every line of records.jsonl's bytes as a JSON object with an id and a source, with its
    line number: the one reader."""
    view = memoryview(data)  # lines are read as slices of it: 200 MB is not copied again
    find, loads = data.find, writer.loads
    number, pos, end = 0, 0, len(data)
    while pos < end:
        nl = find(b"\n", pos)
        if nl < 0:
            nl = end
        number += 1
        line, pos = view[pos:nl], nl + 1
        if not line:
            continue
        try:
            obj = loads(line)
        except writer.JSONDecodeError as e:
            writer.decode_utf8(path, data, HINT)  # names the line of a byte that is not UTF-8
            writer.refuse_merge_conflict(path, data.decode("utf-8", "replace"))
            raise ParseError(path, f"not a JSON line ({e.msg})", line=number, hint=HINT) from None
        if type(obj) is not dict:
            raise ParseError(
                path, f"not a JSON object (a {type(obj).__name__})", line=number, hint=HINT
            )
        for key in ("id", "source"):
            if key not in obj:
                raise ParseError(path, f"the line has no `{key}`", line=number, hint=HINT)
        yield number, obj


def _lines(path: Path, data: bytes) -> Iterator[tuple[int, Record]]:
    """Every record of records.jsonl's bytes, with its line number."""
    for number, obj in _objects(path, data):
        try:
            yield number, Record.from_json(obj)
        except ValueError as e:
            raise ParseError(path, f"not a record line ({e})", line=number, hint=HINT) from None


def read(project: Project) -> list[Record]:
    """Every imported record, in id order."""
    return list(each(project))


def each(project: Project) -> Iterator[Record]:
    """Every imported record, in id order, one at a time: for a command that passes them on
    (an export) and need not hold 100,000 of them (700 MB) at once."""
    path = project.records_path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    for _, record in _lines(path, data):
        yield record


def read_hashed(project: Project) -> tuple[list[Record], str]:
    """Every imported record, in id order, and the sha256 of the bytes they were read from
    ("missing" when there are none), for review.lock."""
    path = project.records_path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], "missing"
    return [record for _, record in _lines(path, data)], writer.sha256_bytes(data)


def exists(project: Project) -> bool:
    return project.records_path.is_file()


def count(project: Project) -> int:
    """How many records there are, without decoding them (one per line, as `write` puts them)."""
    try:
        return project.records_path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def write(tx: Transaction, records: Sequence[Record]) -> str:
    """Stage records.jsonl (sorted by id; ids are unique); returns its sha256."""
    ordered = sorted(records, key=lambda r: r.id)
    return tx.write_chunks(
        tx.project.records_path, writer.jsonl_chunks(r.to_json() for r in ordered)
    )


class Summary(NamedTuple):
    """The fields of a record that the PRISMA flow needs (100,000s are built per run)."""

    id: str
    source: str
    title: str
    year: int | None
    language: str


def summaries(project: Project) -> list[Summary]:
    """Every record's summary, in id order."""
    try:
        data = project.records_path.read_bytes()
    except FileNotFoundError:
        return []
    return summaries_of(project.records_path, data)


def summaries_of(path: Path, data: bytes) -> list[Summary]:
    """The summaries of records.jsonl's bytes (`data`, read from `path`). Only the fields a
    summary holds are checked (a whole Record is four times the work)."""
    out: list[Summary] = []
    append = out.append
    for number, obj in _objects(path, data):
        get = obj.get
        rid, source, title, year, language = (
            obj["id"], obj["source"], get("title", ""), get("year"), get("language", "")
        )
        if (type(rid) is not str or type(source) is not str or type(title) is not str
                or type(language) is not str
                or (year is not None and type(year) is not int)):
            try:  # the same message a whole Record gives
                Record.from_json(obj)
            except ValueError as e:
                raise ParseError(path, f"not a record line ({e})", line=number, hint=HINT) from None
        append(Summary(rid, source, title, year, language))
    return out


# --- the import report -----------------------------------------------------------------------

def read_report(project: Project) -> list[dict[str, Any]]:
    """The import report's entries (one per imported export), checked: a hand edit that
    breaks one names it."""
    path = project.import_report_path
    if not path.exists():
        return []
    data = writer.read_json(path)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise ParseError(path, "not an import report (no `files` list)", hint=REPORT_HINT)
    for n, entry in enumerate(files):
        if not isinstance(entry, dict):
            raise ParseError(path, f"files[{n}] is not an object", hint=REPORT_HINT)
        for key, kind in (
            ("file", str), ("source", str), ("sha256", str), ("format", str), ("skipped", list)
        ):
            if not isinstance(entry.get(key), kind):
                raise ParseError(
                    path, f"files[{n}] has no {kind.__name__} `{key}`", hint=REPORT_HINT
                )
    return files


def write_report(tx: Transaction, files: Sequence[dict[str, Any]]) -> str:
    return tx.write_json(tx.project.import_report_path, {"files": list(files)})
