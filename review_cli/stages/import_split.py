"""Large text exports are parsed and normalised in two halves, one in a forked worker.

Parsing, normalising and fingerprinting are pure per-record work, about 90% of an import. A
text format that names its record boundary (`RECORD_END`, a regex on the text) can be cut
between two records; the second half runs in a child process started with `fork` (it inherits
the decoded export, so nothing is copied in) while the first half runs here. Results come back
in file order, so ids, positions and line numbers are exactly those of a serial run. Anything
unusual (no fork, one core, a small file, no boundary found) takes the serial path;
`REVIEW_IMPORT_WORKERS=1` forces it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from types import ModuleType
from typing import Any

from review_cli.errors import ReviewError
from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip
from review_cli.model import fingerprint, record_id

MIN_SPLIT_CHARS = 8 << 20  # below ~8 MB (3,000 records) a fork costs more than it saves

# (line, key, values, first id, skip reason): one parsed item, normalised. A Skip from the parser
# has key None; a record without content has values and first id None and a reason.
Prepared = tuple[int, str | None, dict[str, Any] | None, str | None, str]


def prepare(items: Iterable[Parsed | Skip], source: str, line_offset: int = 0) -> Iterator[Prepared]:
    """Normalise and fingerprint each item; the part of an import that runs in parallel."""
    fields = normalise.fields
    for item in items:
        line = item.line + line_offset
        if isinstance(item, Skip):
            yield line, None, None, None, item.reason
            continue
        values = fields(item.fields)
        fp = fingerprint(values)
        if not fp.replace("\x1f", ""):
            yield line, item.key, None, None, "record has no bibliographic content"
            continue
        yield line, item.key, values, record_id(source, fp, 0), ""


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
    m = regex.search(source, len(source) // 2)
    return m.end() if m and m.end() < len(source) else 0


def _lines_before(source: str | bytes, end: int) -> int:
    """Lines `Document.iter_lines` gives for source[:end], which ends just after a LF."""
    if isinstance(source, str):
        lf, cr, crlf = source.count("\n", 0, end), source.count("\r", 0, end), source.count("\r\n", 0, end)
    else:
        lf, cr, crlf = source.count(b"\n", 0, end), source.count(b"\r", 0, end), source.count(b"\r\n", 0, end)
    return lf + cr - crlf  # a lone CR ends a line too


def _part(doc: Document, start: int, end: int | None) -> Document:
    if doc.text:
        return Document(doc.path, b"", doc.text[start:end], doc.encoding)
    return Document(doc.path, doc.data[start:end], "", doc.encoding)


_CHILD: dict[str, Any] = {}  # what the forked worker inherits


def _second_half() -> list[Prepared]:
    doc, fmt, source, offset = _CHILD["doc"], _CHILD["fmt"], _CHILD["source"], _CHILD["offset"]
    return list(prepare(fmt.parse(doc), source, offset))


def prepared_items(doc: Document, fmt: ModuleType, source: str) -> Iterator[Prepared]:
    """Every item of `doc`, prepared, in file order; in two processes when that pays."""
    cut = _split_point(doc, fmt) if _workers_allowed() else 0
    if not cut:
        yield from prepare(fmt.parse(doc), source)
        return
    whole: str | bytes = doc.text or doc.data
    doc_path = doc.path
    first, second = _part(doc, 0, cut), _part(doc, cut, None)
    offset = _lines_before(whole, cut)
    del whole, doc  # (the caller let go of its reference: the halves are all that is kept)
    _CHILD.update(doc=second, fmt=fmt, source=source, offset=offset)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        future: Future[list[Prepared]] = pool.submit(_second_half)
        _CHILD.clear()
        del second  # the worker has its own copy now
        yield from prepare(fmt.parse(first), source)
        del first
        try:
            rest = future.result()
        except Exception as e:
            raise ReviewError(
                f"{doc_path}: the import worker for the second half of the file failed ({type(e).__name__})",
                hint="set REVIEW_IMPORT_WORKERS=1 to import in one process",
            ) from e
        rest.reverse()
        while rest:  # popped one by one, so each item is freed once it became a record
            yield rest.pop()
    finally:
        _CHILD.clear()
        pool.shutdown(wait=True, cancel_futures=True)
