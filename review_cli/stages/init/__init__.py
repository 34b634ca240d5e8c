"""`review init`: a new review folder with its protocol."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from review_cli.errors import ReviewError
from review_cli.project import PROTOCOL_FILE, Project
from review_cli.protocol import load_protocol
from review_cli.store import fulltext as fulltext_store
from review_cli.store.transaction import transaction

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "protocols"

GITIGNORE = """\
# Machine-local state written by `review` (caches, process locks); safe to delete.
.review/
# Temp files of a write that was cut short; the next command that writes there removes them.
.*.tmp
# Full-text reports are kept out of git by fulltext/.gitignore (their licences differ), which
# `review fulltext` rewrites when review.toml's [fulltext] commit is "git" or "lfs".
"""


def templates() -> dict[str, Path]:
    return {p.stem: p for p in sorted(TEMPLATES_DIR.glob("*.toml"))}


@dataclass
class InitResult:
    root: Path
    protocol_from: str


def resolve_template(protocol: str | None) -> Path:
    if protocol is None:
        return templates()["generic"]
    path = Path(protocol)
    if path.is_file():
        return path
    known = templates()
    if protocol in known:
        return known[protocol]
    raise ReviewError(
        f"no protocol file or template named `{protocol}`",
        hint="give a path to a .toml file or one of the templates: " + ", ".join(known),
    )


def run(folder: Path, protocol: str | None = None) -> InitResult:
    folder = folder.resolve()
    if (folder / PROTOCOL_FILE).exists():
        raise ReviewError(
            f"{folder / PROTOCOL_FILE} already exists",
            hint="this folder is already a review; edit review.toml instead",
        )
    source = resolve_template(protocol)
    checked = load_protocol(source)  # refuse an invalid protocol before creating anything
    project = Project(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with transaction(project) as tx:  # a review with all of its first files, or none
        tx.write_text(project.protocol_path, source.read_text(encoding="utf-8-sig"))
        tx.write_text(project.searches_dir / "README.md", SEARCHES_README)
        gitignore = folder / ".gitignore"
        if not gitignore.exists():
            tx.write_text(gitignore, GITIGNORE)
        fulltext_store.stage_policy(tx, checked.fulltext.commit)
    return InitResult(folder, str(source))


SEARCHES_README = """\
# searches/

The raw database exports, one folder per source, exactly as downloaded. `review import` copies
each file here and never modifies it; every other stage is computed from these files.
"""
