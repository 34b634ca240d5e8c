"""A stage's writes commit as a unit: all of its files are replaced, or none.

Each file is first written in full to a temp file beside it and flushed to disk. Commit then
writes a journal (`.review/journal.json`, itself atomic) listing every rename and removal, does
them, and deletes the journal. A process killed before the journal exists leaves the review as
it was (its temp files are swept away later); one killed after leaves a journal, which the next
command holding the write lock completes (`recover`). So every state a reader can find after
a crash is the review before the stage ran or after it, never a mix (a clusters file without
its queue, records without their lock entry).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from review_cli.errors import ParseError
from review_cli.io import writer
from review_cli.project import Project


class Transaction:
    """The files one stage run writes, staged until `commit`."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._staged: dict[Path, Path | None] = {}  # file -> its staged temp file (None: remove it)
        self.hashes: dict[Path, str] = {}  # sha256 of each staged file, for review.lock

    def write(self, path: Path, data: bytes) -> str:
        """Stage `data` as the new content of `path`; returns its sha256."""
        with writer.staged_file(path) as (f, tmp):
            f.write(data)
        return self._stage(path, tmp, writer.sha256_bytes(data))

    def write_chunks(self, path: Path, chunks: Iterable[bytes]) -> str:
        """Stage the concatenation of `chunks` as `path`, written as they come (a 200 MB file is
        never held whole); returns its sha256."""
        digest = hashlib.sha256()
        with writer.staged_file(path) as (f, tmp):
            for chunk in chunks:
                digest.update(chunk)
                f.write(chunk)
        return self._stage(path, tmp, "sha256:" + digest.hexdigest())

    def write_text(self, path: Path, text: str) -> str:
        return self.write(path, writer.text_bytes(text))

    def write_json(self, path: Path, data: Any) -> str:
        return self.write_text(path, writer.dumps_json(data))

    def write_jsonl(
        self, path: Path, rows: Sequence[Mapping[str, Any]], sort_key: str | None = "id"
    ) -> str:
        return self.write(path, writer.jsonl_bytes(rows, sort_key))

    def copy(self, src: Path, dest: Path) -> None:
        """Stage a copy of `src` (an export, maybe 200 MB: not held in memory, not hashed)."""
        with src.open("rb") as f, writer.staged_file(dest, sync=False) as (out, tmp):
            shutil.copyfileobj(f, out, 1 << 20)
        self._stage(dest, tmp, "")

    def remove(self, path: Path) -> None:
        self._discard(path)
        self._staged[path] = None

    def staged(self, path: Path) -> bytes | None:
        """What this transaction will write to `path` (None: it writes nothing there)."""
        tmp = self._staged.get(path)
        return tmp.read_bytes() if tmp is not None else None

    def _stage(self, path: Path, tmp: Path, digest: str) -> str:
        self._discard(path)
        self._staged[path] = tmp
        if digest:
            self.hashes[path] = digest
        return digest

    def _discard(self, path: Path) -> None:
        old = self._staged.pop(path, None)
        if old is not None:
            old.unlink(missing_ok=True)
        self.hashes.pop(path, None)

    def abort(self) -> None:
        for tmp in self._staged.values():
            if tmp is not None:
                tmp.unlink(missing_ok=True)
        self._staged.clear()
        self.hashes.clear()

    def commit(self) -> None:
        if not self._staged:
            return
        if len(self._staged) == 1 and None not in self._staged.values():
            # One file: its rename is atomic by itself, no journal needed.
            [(path, tmp)] = self._staged.items()
            assert tmp is not None
            with writer.interrupts_deferred():
                writer.replace(tmp, path)
            self._staged.clear()
            return
        rel = self.project.rel
        journal = {
            "replace": [
                [rel(tmp), rel(path)] for path, tmp in self._staged.items() if tmp is not None
            ],
            "remove": [rel(path) for path, tmp in self._staged.items() if tmp is None],
        }
        with writer.interrupts_deferred():
            # From here on the new state is decided: a crash is completed by `recover`.
            writer.write_json(self.project.journal_path, journal)
            _apply(self.project, journal)
            self.project.journal_path.unlink()
        self._staged.clear()


@contextmanager
def transaction(project: Project) -> Iterator[Transaction]:
    """`with transaction(project) as tx:` stage writes on `tx`; they commit when the block ends
    without an error, and are dropped otherwise."""
    tx = Transaction(project)
    try:
        yield tx
    except BaseException:
        tx.abort()
        raise
    tx.commit()


def _apply(project: Project, journal: Mapping[str, Any]) -> None:
    root = project.root
    for tmp_rel, path_rel in journal.get("replace", []):
        tmp, path = root / tmp_rel, root / path_rel
        if tmp.exists():  # else renamed already, before a crash
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, path)
    for path_rel in journal.get("remove", []):
        path = root / path_rel
        path.unlink(missing_ok=True)
        folder = path.parent
        # An export's folder under searches/ goes with its last file.
        if folder != project.searches_dir and project.searches_dir in folder.parents:
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty


def _valid(journal: Any) -> bool:
    if not isinstance(journal, dict):
        return False
    replace, remove = journal.get("replace", []), journal.get("remove", [])
    return (
        isinstance(replace, list) and isinstance(remove, list)
        and all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in replace
        )
        and all(isinstance(x, str) for x in remove)
    )


def recover(project: Project) -> None:
    """Complete a commit a killed process left half-done, and sweep away the temp files of
    writes that never committed. Call while holding the write lock."""
    path = project.journal_path
    if path.exists():
        try:
            journal = writer.read_json(path)
        except (ParseError, OSError):
            journal = None  # it is written atomically: only a hand edit or a damaged disk breaks it
        if _valid(journal):
            _apply(project, journal)
        path.unlink(missing_ok=True)
    for folder in _written_folders(project):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if writer.is_temp(entry) and entry.is_file():
                entry.unlink(missing_ok=True)


def pending(project: Project) -> bool:
    """A commit was cut short and waits to be completed."""
    return project.journal_path.exists()


def _written_folders(project: Project) -> list[Path]:
    """Folders whose files only commands holding the write lock write. Not `screen/`: a
    reviewer's log is written under that reviewer's own lock, at any time."""
    fixed = [project.root,
             *(project.root / name
               for name in ("import", "dedup", "include", "prisma", "search", "demo", "fulltext")),
             project.cache_dir]
    searches = project.searches_dir
    nested = [p for p in searches.rglob("*") if p.is_dir()] if searches.is_dir() else []
    return [*fixed, *([searches] if searches.is_dir() else []), *nested]
