"""A big input file read once: mapped read-only and hashed on a background thread.

`review prisma` needs both the sha256 of records.jsonl (200 MB at 100,000 records; its cache key
and review.lock) and, when its cache is cold, the records themselves. Mapping the file avoids
copying it out of the page cache, and hashlib releases the GIL while it hashes a large buffer,
so the hash runs on another core while the caller reads other files.
"""

from __future__ import annotations

import hashlib
import mmap
import threading
from pathlib import Path
from types import TracebackType


class MappedFile:
    """`with MappedFile(path) as f:` `f.data` is the file's bytes (b"" if it is missing or
    empty), `f.sha256()` their `sha256:...` digest, as `writer.sha256_file` gives it
    (`hashed`: start hashing at once, on another thread)."""

    def __init__(self, path: Path, hashed: bool = True) -> None:
        self.path = path
        self.exists = path.is_file()
        self._map: mmap.mmap | None = None
        data: bytes | mmap.mmap = b""
        if self.exists and path.stat().st_size:
            with path.open("rb") as f:  # the mapping stays valid after the file is closed
                self._map = data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        self.data = data
        self.view = memoryview(data)  # slices of it are views too, never copies
        self._hash = hashlib.sha256()
        self._digest: str | None = None
        self._thread: threading.Thread | None = None
        self.hashed = hashed
        if hashed:
            self._thread = threading.Thread(target=self._hash.update, args=(self.view,), daemon=True)
            self._thread.start()

    def sha256(self) -> str:
        if self._digest is None:
            if self._thread is None:
                self._hash.update(self.view)
            else:
                self._thread.join()
            self._digest = "sha256:" + self._hash.hexdigest()
        return self._digest

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()
        try:
            self.view.release()
            if self._map is not None:
                self._map.close()
        except BufferError:
            pass  # a slice is still referenced (by an error's traceback): unmapped when it goes

    def __enter__(self) -> MappedFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
