"""review.toml as a file a command changes: `review import` declares a source it has not seen.

The protocol is the reviewers' own file, read everywhere through `Project.protocol`
(`review_cli/protocol.py` parses it); this module is the one place that writes to it after
`review init`, by appending, so the user's comments and layout stay as they wrote them.
"""

from __future__ import annotations

import json
import tomllib

from review_cli.model import SourceKind
from review_cli.protocol import Protocol, parse_protocol
from review_cli.store.transaction import Transaction


def _text(tx: Transaction) -> str:
    """review.toml as this transaction will leave it: staged, or as it is on disk."""
    path = tx.project.protocol_path
    staged = tx.staged(path)
    return staged.decode("utf-8-sig") if staged is not None else path.read_text(
        encoding="utf-8-sig")


def append_source(tx: Transaction, name: str, fmt: str,
                  kind: SourceKind = SourceKind.DATABASE) -> Protocol:
    """Stage review.toml with an undeclared source appended; returns the protocol it now holds
    (the command reads that one from here on)."""
    text = _text(tx)
    if not text.endswith("\n"):
        text += "\n"
    quoted = json.dumps(name, ensure_ascii=False)  # a TOML basic string: the same escapes as JSON
    text += (
        f'\n# Added by `review import` (format {fmt}); set kind, platform, search_date and query.\n'
        f'[[sources]]\nname = {quoted}\nkind = "{kind.value}"\n'
    )
    tx.write_text(tx.project.protocol_path, text)
    return parse_protocol(tomllib.loads(text), tx.project.protocol_path)
