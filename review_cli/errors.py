"""The one error type that reaches users.

Every failure a user can cause or fix is a `ReviewError`: the CLI prints its message and hint on
stderr and exits 1. Anything else is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path

EXIT_ERROR = 1
EXIT_USAGE = 2


class ReviewError(Exception):
    """A user-facing error: what went wrong, and what to do about it."""

    exit_code: int = EXIT_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ParseError(ReviewError):
    """A file could not be read; names the file and, where known, the line."""

    def __init__(
        self, path: str | Path, message: str, line: int | None = None, hint: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}", hint)
        self.path = str(path)
        self.line = line


class ProtocolError(ReviewError):
    """review.toml is invalid; the message names the key."""


class NotAReviewError(ReviewError):
    """The current folder is not inside a review project."""


class UsageError(ReviewError):
    """Options that cannot work together; exits 2 like a usage error."""

    exit_code = EXIT_USAGE


_OS_HINTS = {
    errno.EACCES: "check that you may read and write the review folder and the files named",
    errno.EPERM: "check that you may read and write the review folder and the files named",
    errno.EROFS: "the disk is mounted read-only: copy the review to a writable folder",
    errno.ENOSPC: "free some disk space, then run the command again",
    errno.EDQUOT: "free some disk space (you are over quota), then run the command again",
    errno.ENOENT: "check the path",
    errno.EISDIR: "name a file, not a folder",
}


def from_os_error(e: OSError) -> ReviewError:
    """A failed read or write (permissions, read-only disk, full disk) as a user-facing error.
    Files are replaced atomically and logs appended whole, so what was written before stays."""
    where = " -> ".join(str(f) for f in (e.filename, e.filename2) if f is not None)
    what = e.strerror or str(e)
    return ReviewError(f"{where}: {what}" if where else what,
                       hint=_OS_HINTS.get(
                           e.errno or 0, "check the file and the disk, then run the command again"
                       ))
