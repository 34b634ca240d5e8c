"""The one error type that reaches users.

Every failure a user can cause or fix is a `ReviewError`: the CLI prints its message and hint on
stderr and exits 1. Anything else is a bug and is allowed to show a traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_CHECK_FAILED = 1


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
