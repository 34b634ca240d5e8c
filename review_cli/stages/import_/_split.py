"""Large imports use both cores: parsing in two halves, each record serialised where it is parsed.

Parsing, normalising, fingerprinting and serialising are pure per-record work, nearly all of an
import. A text format that names its record boundary (`RECORD_END`, a regex on the text) can
be cut between two records; the second part runs in a child process started with `fork` (it
shares the one copy of the export in memory, `Document.span`) while the first part runs here.
Each record comes out of `prepare` as the JSON line `records.jsonl` will hold for it, so the
worker's results cross as bytes and this process only numbers, ranks and writes them. Results
come back in file order, so ids, positions and line numbers are exactly those of a serial run.
Anything unusual (no fork, one core, a small file, no boundary found) takes the serial path;
`REVIEW_IMPORT_WORKERS=1` forces it. `write_records` serialises Records read from an earlier
import in two halves: a forked worker serialises the second half while this process writes the
first."""

from __future__ import annotations

import hashlib
import multiprocessing
import operator
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

import orjson

from review_cli.errors import ReviewError
from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip
from review_cli.io.writer import atomic_file, dumps_line_bytes
from review_cli.model import Origin, Record, fingerprint, fold, short_hash

MIN_SPLIT_CHARS = 8 << 20  # below ~8 MB (3,000 records) a fork costs more than it saves

# (line, key, json, first id, skip reason, empty): one parsed item, normalised. `json` is the
# line `write_jsonl` writes for the record when its key is known (the usual case: only the
# main process knows the position of a record without a key), else the JSON of its fields
# (VALUE_FIELDS, in Record order; see `record_line`). It crosses between processes as one
# bytes object, and most records are written just as they are, never becoming a Record. Where
# orjson refuses a value, `json` is the tuple of values instead. `empty` is 1 for an empty
# title plus 2 for an empty abstract. A Skip from the parser has key None; a record without
# content has json and first id None and a reason.
Prepared = tuple[int, str | None, bytes | tuple[Any, ...] | None, str | None, str, int]
VALUE_FIELDS = normalise.FIELD_ORDER
_values = operator.itemgetter(*VALUE_FIELDS)
LINE_START = b'{"id":'  # a whole line; the JSON of the fields alone starts with its title


def prepare(items: Iterable[Parsed | Skip], source: str, file_rel: str = "", line_offset: int = 0) -> Iterator[Prepared]:
    """Normalise, fingerprint and serialise each item; the part of an import that runs in
    parallel."""
    fields = normalise.fields
    folded_source = fold(source)
    dumps = orjson.dumps
    for item in items:
        line = item.line + line_offset
        if isinstance(item, Skip):
            yield line, None, None, None, item.reason, 0
            continue
        values = fields(item.fields)
        fp = fingerprint(values, squashed=True)
        if not fp.strip("\x1f"):  # only separators (strip copies nothing when a field is set)
            yield line, item.key, None, None, "record has no bibliographic content", 0
            continue
        first = short_hash(folded_source, fp, "0")  # record_id(source, fp, 0)
        empty = (not values["title"]) + 2 * (not values["abstract"])
        out: bytes | tuple[Any, ...]
        try:
            out = dumps(values)  # its keys are VALUE_FIELDS, in that order
            if item.key:
                out = record_line(first, source, out, Origin(source, file_rel, item.key, line))
        except TypeError:  # orjson.JSONEncodeError: the writer's slower encoder will do it
            out = _values(values)
        yield line, item.key, out, first, "", empty


@dataclass(frozen=True, slots=True)
class Line:
    """A record read from one file, kept as the line `write_jsonl` writes for it."""

    id: str
    origin: Origin
    json: bytes

    @property
    def origins(self) -> tuple[Origin, ...]:
        return (self.origin,)

    def record(self) -> Record:
        return Record.from_json(orjson.loads(self.json))


def record_line(rid: str, source: str, body: bytes, origin: Origin) -> bytes:
    """`dumps_line_bytes(Record(rid, source, **values, origins=(origin,)).to_json())`, from
    `body`, the JSON of the values: orjson writes JSON objects compactly, so the line is the
    record's first two keys, the body's keys and the origins, joined (tested to be identical).
    Raises TypeError where orjson refuses a value."""
    dumps = orjson.dumps
    return b"".join(
        (LINE_START, dumps(rid), b',"source":', dumps(source), b",", body[1:-1], b',"origins":[', dumps(origin.to_json()), b"]}")
    )


def body_of(line: bytes, rid: str, source: str) -> bytes:
    """The JSON of the values in a line that `record_line(rid, source, ...)` made."""
    start = len(LINE_START) + len(orjson.dumps(rid)) + len(b',"source":') + len(orjson.dumps(source)) + 1
    # The last `,"origins":[` is the key: inside a string, a quote is always escaped.
    return b"{" + line[start : line.rfind(b',"origins":[')] + b"}"


def _workers_allowed() -> bool:
    if os.environ.get("REVIEW_IMPORT_WORKERS", "") == "1":
        return False
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def _split_point(doc: Document, fmt: ModuleType) -> int:
    """Offset (in doc.text, or doc.data after compact()) just after a record near the middle."""
    pattern = getattr(fmt, "RECORD_END", None)
    source: str | bytes = doc.text or doc.data
    if pattern is None or len(source) < MIN_SPLIT_CHARS:
        return 0
    regex = re.compile(pattern if isinstance(source, str) else pattern.encode("ascii"))
    # Cut a little before the middle: besides parsing, this process counts the lines for the
    # progress bar and the positions and ranks of its part (the worker only pickles its
    # results), and it can use none of the worker's results before all of them arrive.
    m = regex.search(source, len(source) * 46 // 100)
    return m.end() if m and m.end() < len(source) else 0


def _lines_before(source: str | bytes, end: int) -> int:
    """Lines `Document.iter_lines` gives for source[:end], which ends just after a LF."""
    # Most files have no CR at all: one count then (three counts of 100 MB take a quarter second).
    if isinstance(source, str):
        if source.find("\r", 0, end) == -1:
            return source.count("\n", 0, end)
        lf, cr, crlf = source.count("\n", 0, end), source.count("\r", 0, end), source.count("\r\n", 0, end)
    else:
        if source.find(b"\r", 0, end) == -1:
            return source.count(b"\n", 0, end)
        lf, cr, crlf = source.count(b"\n", 0, end), source.count(b"\r", 0, end), source.count(b"\r\n", 0, end)
    return lf + cr - crlf  # a lone CR ends a line too


def _part(doc: Document, start: int, end: int | None) -> Document:
    return Document(doc.path, doc.data, doc.text, doc.encoding, span=(start, end))


_CHILD: dict[str, Any] = {}  # what the forked worker inherits


def _second_half() -> list[Prepared]:
    doc, fmt, source, file_rel, offset = (_CHILD[k] for k in ("doc", "fmt", "source", "file_rel", "offset"))
    return list(prepare(fmt.parse(doc), source, file_rel, offset))


def prepared_items(doc: Document, fmt: ModuleType, source: str, file_rel: str = "") -> Iterator[Prepared]:
    """Every item of `doc`, prepared, in file order; in two processes when that pays.

    The worker is forked here, before the caller starts its progress bar: a fork copies only
    the calling thread, and no terminal-drawing thread should be caught half-way in a lock.
    """
    cut = _split_point(doc, fmt) if _workers_allowed() else 0
    if not cut:
        return prepare(fmt.parse(doc), source, file_rel)
    # Two views of the one copy of the export in memory, which the forked worker shares.
    first, second = _part(doc, 0, cut), _part(doc, cut, None)
    offset = _lines_before(doc.text or doc.data, cut)
    _CHILD.update(doc=second, fmt=fmt, source=source, file_rel=file_rel, offset=offset)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        future: Future[list[Prepared]] = pool.submit(_second_half)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        _CHILD.clear()
    return _both_halves(doc.path, first, fmt, source, file_rel, future, pool)


def _both_halves(
    path: Path,
    first: Document,
    fmt: ModuleType,
    source: str,
    file_rel: str,
    future: Future[list[Prepared]],
    pool: ProcessPoolExecutor,
) -> Iterator[Prepared]:
    try:
        yield from prepare(fmt.parse(first), source, file_rel)
        del first
        try:
            rest = future.result()
        except Exception as e:
            raise ReviewError(
                f"{path}: the import worker for the second half of the file failed ({type(e).__name__})",
                hint="set REVIEW_IMPORT_WORKERS=1 to import in one process",
            ) from e
        rest.reverse()
        while rest:  # popped one by one, so each item is freed once it became a record
            yield rest.pop()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


MIN_SPLIT_RECORDS = 20_000  # below this, writing the records takes well under a second


def write_records(path: Path, records: Sequence[Record | Line]) -> str:
    """`write_jsonl(path, (r.to_json() for r in records), sort_key=None)`, byte for byte (a
    `Line` is written as it is), with the second half serialised by a forked worker into a part
    file that is appended at the end when there are many Records to turn into JSON (a review
    imported before). Returns the file's hash (as `sha256_file` gives it), computed on the way
    out."""
    digest = hashlib.sha256()
    half = len(records) // 2
    many = sum(type(r) is Record for r in records) >= MIN_SPLIT_RECORDS
    if not many or not _workers_allowed():
        with atomic_file(path) as f:
            _write_rows(f, records, digest)
        return "sha256:" + digest.hexdigest()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, part_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    part = Path(part_name)
    try:
        worker = multiprocessing.get_context("fork").Process(target=_write_part, args=(records, half, part))
        worker.start()
        with atomic_file(path) as f:
            _write_rows(f, records[:half], digest)
            worker.join()
            if worker.exitcode == 0:
                with part.open("rb") as src:
                    while block := src.read(1 << 20):
                        digest.update(block)
                        f.write(block)
            else:  # the worker failed: write the second half here
                _write_rows(f, records[half:], digest)
    finally:
        part.unlink(missing_ok=True)
    return "sha256:" + digest.hexdigest()


def _write_rows(f: BinaryIO, records: Sequence[Record | Line], digest: Any = None) -> None:
    for start in range(0, len(records), 4096):
        lines = [r.json if isinstance(r, Line) else dumps_line_bytes(r.to_json()) for r in records[start : start + 4096]]
        lines.append(b"")
        block = b"\n".join(lines)
        if digest is not None:
            digest.update(block)
        f.write(block)


def _write_part(records: Sequence[Record | Line], half: int, part: Path) -> None:
    # os._exit: a forked child leaves without flushing inherited streams or running handlers.
    try:
        with part.open("wb") as f:
            _write_rows(f, records[half:])
    except BaseException:
        os._exit(1)
    os._exit(0)
