"""Helpers shared by the JSON clients: how pages are saved, and the shortfall check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from review_cli.errors import ReviewError
from review_cli.io.writer import dumps_line


def pages_bytes(pages: Sequence[Any]) -> bytes:
    """JSON lines, one API page per line, as the service returned it (compact, UTF-8)."""
    return b"".join(dumps_line(p) + b"\n" for p in pages)


def short_download(label: str, reported: int, received: int) -> None:
    """A download that ends before the reported total is an error, never a silent cut."""
    if received < reported:
        raise ReviewError(
            f"{label} reported {reported} records but the pages held only {received}",
            hint="the result set changed or paging broke off; run the search again. "
            "Nothing was saved.",
        )
