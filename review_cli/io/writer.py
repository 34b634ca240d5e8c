"""The one canonical writer: every file a stage writes goes through here.

Sorted rows, fixed key order (the caller's dict order), UTF-8 without escapes, LF, a final
newline, and an atomic replace so a crash never leaves a half-written file. One JSON encoder
(orjson) for every data file: it writes non-ASCII unescaped and control characters as
`\\n`/`\\u001f`, as `json.dumps(ensure_ascii=False)` does (tests/test_writer_orjson.py).
Reading JSON lines splits on "\\n" only: titles contain U+2028 and U+0085, which
`str.splitlines()` would split on.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from review_cli.errors import ParseError

_UMASK = os.umask(0)
os.umask(_UMASK)
TEMP_SUFFIX = ".tmp"  # every temp file the writer makes is `.<name>.<random>.tmp`


def dumps_line(row: Mapping[str, Any]) -> bytes:
    """One JSON line (without its LF), compact, keys in the row's order."""
    return orjson.dumps(row)


def dumps_json(data: Any) -> str:
    """A JSON document indented by two spaces, with a final newline (prisma.json, review.lock)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def jsonl_bytes(rows: Iterable[Mapping[str, Any]], sort_key: str | None = "id") -> bytes:
    """JSON lines sorted by `sort_key` (None keeps the given order, encoding rows as they come)."""
    if sort_key is not None:
        # By key, then by the line itself, so input order never shows in the output (UTF-8
        # bytes sort as their code points do).
        keyed = sorted((str(r[sort_key]), orjson.dumps(r)) for r in rows)
        return b"".join(line + b"\n" for _, line in keyed)
    return b"".join(jsonl_chunks(rows))


def jsonl_chunks(rows: Iterable[Mapping[str, Any]], size: int = 4096) -> Iterator[bytes]:
    """JSON lines in the given order, `size` lines at a time. Joined a few thousand at a time:
    one list of 100,000 lines joined at once cost a third of a second more, most of it in the
    kernel handing out and taking back memory."""
    chunk: list[bytes] = []
    for row in rows:
        chunk.append(orjson.dumps(row))
        if len(chunk) == size:
            chunk.append(b"")
            yield b"\n".join(chunk)
            chunk = []
    if chunk:
        chunk.append(b"")
        yield b"\n".join(chunk)


def temp_path(path: Path) -> tuple[int, Path]:
    """An open descriptor and the name of a new temp file beside `path` (same file system, so
    `os.replace` onto `path` is atomic)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as e:  # name the file the user knows, not the temp file
        raise OSError(e.errno, e.strerror, str(path)) from e
    # mkstemp makes 0600 files; review files are shared through git like any other file.
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)
    except OSError:
        pass  # a file system without modes (some network mounts): the file is still written
    return fd, Path(tmp)


def is_temp(path: Path) -> bool:
    """A temp file the writer made (left behind by a process that was killed)."""
    return (
        path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)
        and path.name.count(".") >= 3
    )


@contextmanager
def staged_file(path: Path, sync: bool = True) -> Iterator[tuple[BinaryIO, Path]]:
    """A temp file beside `path`, written and (with `sync`) flushed to disk when the block
    ends; the caller renames it. Removed if the block fails."""
    f: BinaryIO | None = None
    tmp: Path | None = None
    try:
        # A Ctrl-C landing after the temp file exists but before this block could remove it
        # left the file behind (seen under load): it waits until the file is in hand.
        with interrupts_deferred():
            fd, tmp = temp_path(path)
            f = os.fdopen(fd, "wb")
        with f:
            yield f, tmp
            f.flush()
            if sync:
                os.fsync(f.fileno())
    except BaseException:
        if f is not None:
            f.close()  # Windows removes no open file
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


def replace(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as e:  # e.g. `--out` names a folder: name it, not the temp file
        tmp.unlink(missing_ok=True)
        raise OSError(e.errno, e.strerror, str(path)) from e


@contextmanager
def atomic_file(path: Path, sync: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` atomically when the block ends without error.
    `sync=False`: no fsync first, for rebuildable caches (a torn cache is just not used)."""
    with staged_file(path, sync) as (f, tmp):
        yield f
    replace(tmp, path)


SIGNALS_HELD = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    if hasattr(signal, name)
)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP (a closed terminal) wait until the block ends, then interrupt
    as usual, so a short run of renames is not cut half-way by a signal Python can catch (a
    SIGKILL is handled by the store's journal instead). Only the main thread can handle
    signals; elsewhere the block just runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        caught.append(signum)

    previous = {}
    for sig in SIGNALS_HELD:
        try:
            previous[sig] = signal.signal(sig, hold)
        except (OSError, ValueError):  # not supported here
            pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
    if caught:
        # The block is complete on disk: deliver the signal as it would have been delivered.
        signal.raise_signal(caught[0])


def write_bytes(path: Path, data: bytes, sync: bool = True) -> None:
    """Atomically replace `path` with `data` (temp file in the same folder + os.replace)."""
    with atomic_file(path, sync) as f:
        f.write(data)


def text_bytes(text: str) -> bytes:
    """Text as a data file holds it: LF line ends, a final newline, UTF-8."""
    return b"".join(_lf_pieces([text]))


def _lf_pieces(pieces: Iterable[str]) -> Iterator[bytes]:
    """`text_bytes` of the pieces joined, piece by piece: a CR that ends a piece waits for the
    next one, in case that starts with the LF of a CRLF."""
    held = ""  # a trailing "\r", until what follows it is known
    end = ""  # the last character given out
    for piece in pieces:
        text = held + piece
        held = "\r" if text.endswith("\r") else ""
        text = text[:-1] if held else text
        if text:
            yield text.replace("\r\n", "\n").encode("utf-8")
            end = text[-1]
    if held or (end and end != "\n"):
        yield b"\n"


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text_bytes(text))


def write_pieces(path: Path, pieces: Iterable[str]) -> None:
    """`write_text` of the pieces joined, written as they come: the same bytes (LF line ends, a
    final newline), never the whole text in memory."""
    with atomic_file(path) as f:
        for data in _lf_pieces(pieces):
            f.write(data)


def write_json(path: Path, data: Any) -> None:
    write_text(path, dumps_json(data))


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]], sort_key: str | None = "id") -> None:
    """Write JSON lines sorted by `sort_key` (None keeps the given order)."""
    write_bytes(path, jsonl_bytes(list(rows), sort_key))


# Every JSON-lines file of a review is written by review (or appended to, for the logs):
# a bad line in one was edited by hand, or the file was damaged.
EDITED_HINT = (
    "fix or remove that line (`git diff` shows what changed), or restore the file from git"
)


def decode_utf8(path: Path, data: bytes, hint: str | None = EDITED_HINT) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise not_utf8(path, data, e, hint) from None


def loads(line: str | bytes | memoryview) -> Any:
    """One JSON value (orjson: no recursion error on deep nesting, a JSONDecodeError instead)."""
    return orjson.loads(line)


JSONDecodeError = orjson.JSONDecodeError


def iter_jsonl(
    path: Path, require: tuple[str, ...] = (), hint: str = EDITED_HINT
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) of a JSON-lines file (nothing if it does not exist). A line
    that is not a JSON object, or lacks one of the `require`d keys, is a ParseError naming the
    file and line (never a KeyError later on)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    yield from iter_jsonl_text(path, decode_utf8(path, data, hint), require, hint)


def iter_jsonl_text(path: Path, text: str, require: tuple[str, ...] = (), hint: str = EDITED_HINT,
                    ) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or line.isspace():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            refuse_merge_conflict(path, text)
            raise ParseError(path, f"not a JSON line ({e.msg})", line=number, hint=hint) from None
        if type(obj) is not dict:
            raise ParseError(
                path, f"not a JSON object (a {type(obj).__name__})", line=number, hint=hint
            )
        for key in require:
            if key not in obj:
                raise ParseError(path, f"the line has no `{key}`", line=number, hint=hint)
        yield number, obj


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [obj for _, obj in iter_jsonl(path)]


def not_utf8(path: Path, data: bytes, e: UnicodeDecodeError, hint: str | None = None) -> ParseError:
    """The error for a file written as UTF-8 that a hand edit (or another editor) broke."""
    return ParseError(
        path, f"not UTF-8 (byte 0x{data[e.start]:02x})",
        line=data[: e.start].count(b"\n") + 1, hint=hint,
    )


def read_json(path: Path) -> Any:
    data = path.read_bytes()
    text = decode_utf8(path, data, None)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as e:
        refuse_merge_conflict(path, text)
        raise ParseError(path, f"not valid JSON ({e.msg})", line=e.lineno) from None


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
            hint="resolve it: in a decision log keep the lines of both sides and delete the "
                 "marker lines; for a file a stage writes, take either side and run that "
                 "stage again",
        )


def append_lines(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Append JSON lines in one write and one fsync: a batch is durable as a whole on return.

    Every byte is checked: a short write (a full disk, a quota) is an OSError naming the file,
    so nothing is reported as saved that is not on disk. The bytes that did get written form
    a torn last line, which the readers report and the next append of that log moves aside."""
    data = b"".join(dumps_line(r) + b"\n" for r in rows)
    if not data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
            view = view[written:]
        os.fsync(fd)
    except OSError as e:
        raise OSError(e.errno, e.strerror, str(path)) from e
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
