"""The one canonical writer: every file a stage writes goes through here.

Sorted rows, fixed key order (the caller's dict order), UTF-8 without escapes, LF, a final
newline, and an atomic replace so a crash never leaves a half-written file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from review_cli.errors import ParseError

# One encoder for every line: json.dumps with options builds a new encoder per call.
_UMASK = os.umask(0)
os.umask(_UMASK)
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps_line(row: Mapping[str, Any]) -> str:
    return _LINE_ENCODER.encode(row)


def dumps_line_bytes(row: Mapping[str, Any]) -> bytes:
    """`dumps_line(row)` encoded as UTF-8, byte for byte, about ten times faster.

    orjson writes non-ASCII (U+2028, U+0085 included) unescaped, control characters as
    `\\n`/`\\u001f`, keys in dict order, tuples as lists: what `dumps_line` writes (tested over
    every code point in tests/test_writer_orjson.py). What it refuses (integers beyond 64 bits,
    str subclasses it does not know, lone surrogates) goes through `dumps_line`, as before.
    """
    try:
        return orjson.dumps(row)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return dumps_line(row).encode("utf-8")


def dumps_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@contextmanager
def atomic_file(path: Path, sync: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` atomically when the block ends without error.
    `sync=False`: no fsync first, for rebuildable caches (a torn cache is just not used)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:  # name the file the user knows, not the temp file
        raise OSError(e.errno, e.strerror, str(path)) from e
    try:
        # mkstemp makes 0600 files; review files are shared through git like any other file.
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            if sync:
                os.fsync(f.fileno())
        try:
            os.replace(tmp, path)
        except OSError as e:  # e.g. `--out` names a folder: name it, not the temp file
            raise OSError(e.errno, e.strerror, str(path)) from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C (SIGINT) and SIGTERM wait until the block ends, then interrupt as usual.

    A stage writes several files (records, report, lock; clusters, queue, lock), each one
    atomically; around the writes this makes the set atomic against an interrupt too, so a
    review is left as it was or complete, never with some files of a run written. Only the
    main thread can handle signals; elsewhere the block just runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        caught.append(signum)

    previous = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
    if caught:
        # The run is complete on disk: deliver the signal as it would have been delivered.
        signal.raise_signal(caught[0])


def copy_file(src: Path, dest: Path) -> None:
    """Copy `src` to `dest` atomically: a copy interrupted half-way leaves no partial file.
    Not fsynced (a 200 MB export would wait on the disk); the files written after it are."""
    with src.open("rb") as f, atomic_file(dest, sync=False) as out:
        shutil.copyfileobj(f, out, 1 << 20)


def write_bytes(path: Path, data: bytes, sync: bool = True) -> None:
    """Atomically replace `path` with `data` (temp file in the same folder + os.replace)."""
    with atomic_file(path, sync) as f:
        f.write(data)


def write_text(path: Path, text: str) -> None:
    if text and not text.endswith("\n"):
        text += "\n"
    write_bytes(path, text.replace("\r\n", "\n").encode("utf-8"))


def write_json(path: Path, data: Any) -> None:
    write_text(path, dumps_json(data))


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]], sort_key: str | None = "id") -> None:
    """Write JSON lines sorted by `sort_key` (None keeps the given order, streaming the rows)."""
    if sort_key is not None:
        # Sort by key, then by the line itself, so input order never shows in the output.
        decorated = sorted((str(r[sort_key]), dumps_line(r)) for r in rows)
        write_bytes(path, "".join(line + "\n" for _, line in decorated).encode("utf-8"))
        return
    with atomic_file(path) as f:
        chunk: list[bytes] = []
        for row in rows:
            chunk.append(dumps_line_bytes(row))
            if len(chunk) >= 4096:
                chunk.append(b"")
                f.write(b"\n".join(chunk))
                chunk = []
        if chunk:
            chunk.append(b"")
            f.write(b"\n".join(chunk))


# Every JSON-lines file of a review is written by review (or appended to, for the logs):
# a bad line in one was edited by hand, or the file was damaged.
EDITED_HINT = "fix or remove that line (`git diff` shows what changed), or restore the file from git"


def iter_jsonl(path: Path, require: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object). Splits on "\\n" only: titles contain U+2028 and U+0085.
    A line that is not a JSON object, or lacks one of the `require`d keys, is a ParseError
    naming the file and line (never a KeyError later on)."""
    if not path.exists():
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise not_utf8(path, data, e, EDITED_HINT) from None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            refuse_merge_conflict(path, text)
            raise ParseError(path, f"not a JSON line ({e.msg})", line=number, hint=EDITED_HINT) from e
        if not isinstance(obj, dict):
            raise ParseError(path, f"not a JSON object (a {type(obj).__name__})", line=number, hint=EDITED_HINT)
        for key in require:
            if key not in obj:
                raise ParseError(path, f"the line has no `{key}`", line=number, hint=EDITED_HINT)
        yield number, obj


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [obj for _, obj in iter_jsonl(path)]


def not_utf8(path: Path, data: bytes, e: UnicodeDecodeError, hint: str | None = None) -> ParseError:
    """The error for a file written as UTF-8 that a hand edit (or another editor) broke."""
    return ParseError(path, f"not UTF-8 (byte 0x{data[e.start]:02x})", line=data[: e.start].count(b"\n") + 1, hint=hint)


def read_json(path: Path) -> Any:
    data = path.read_bytes()
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise not_utf8(path, data, e) from None
    except json.JSONDecodeError as e:
        refuse_merge_conflict(path, e.doc)
        raise ParseError(path, f"not valid JSON ({e.msg})", line=e.lineno) from e


_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7})(?: |$)", re.MULTILINE)


def refuse_merge_conflict(path: Path, text: str) -> None:
    """A ParseError naming the first git merge conflict marker line in `text`, if it has one
    (called when `path` did not parse: the marker is then the likely reason)."""
    found = _CONFLICT.search(text)
    if found is not None:
        raise ParseError(
            path,
            "an unresolved git merge conflict (a <<<<<<< / ======= / >>>>>>> line)",
            line=text.count("\n", 0, found.start()) + 1,
            hint="resolve it: in a decision log keep the lines of both sides and delete the marker lines; "
                 "for a file a stage writes, take either side and run that stage again",
        )


def append_line(path: Path, row: Mapping[str, Any]) -> None:
    """Append one JSON line and make it durable before returning (decision logs)."""
    append_lines(path, [row])


def append_lines(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Append JSON lines in one write and one fsync: a batch is durable as a whole on return."""
    data = "".join(dumps_line(r) + "\n" for r in rows).encode("utf-8")
    if not data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def sha256_bytes(data: bytes | memoryview) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()
