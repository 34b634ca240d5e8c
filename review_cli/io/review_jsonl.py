"""Records `review` wrote itself: `review export records|included --format jsonl`, or another
review's `import/records.jsonl`. One JSON object per line, each field under its own name, so a
review's records can be carried into another one (an update of the review, a split of it).

Key = the record's id in the review it comes from, so each imported record names its origin
there. Imported under the same source name, a record gets the same id again (ids come from the
source and the content). The other review's own origins, clusters and statuses are not carried:
the new review has its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from review_cli.io import jsonpages
from review_cli.io.document import Document, Parsed, Skip
from review_cli.model import LIST_FIELDS, TEXT_FIELDS

NAME = "review-jsonl"
LABEL = "review JSON lines"

# `Record.to_json` writes id and source first; the exports keep that order.
_HEAD = re.compile(r'\{\s*"id"\s*:\s*"[^"\\]*"\s*,\s*"source"\s*:\s*"[^"\\]*"\s*,\s*"title"\s*:')
_FIELDS = (*TEXT_FIELDS, *LIST_FIELDS, "year")


def sniff(doc: Document) -> bool:
    return bool(_HEAD.match(doc.text[:6000].lstrip("\ufeff \t\r\n")))


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    return jsonpages.records(doc, lambda page: None, _record)


def _record(row: dict[str, Any], line: int) -> Parsed:
    return Parsed(
        line=line, key=str(row.get("id") or ""), fields={k: row[k] for k in _FIELDS if k in row}
    )
