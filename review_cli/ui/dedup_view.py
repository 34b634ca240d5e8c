"""The dedup screens: an uncertain pair side by side with its differences highlighted, and the
summary of a run. The review loop itself lives in stages.dedup and gets `ask` from here."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from review_cli.model import Record
from review_cli.stages.dedup import KEYS, PairCard, Session
from review_cli.ui.console import err, info

FIELDS = (
    "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "source",
    "abstract",
)
PROMPT = "[d] duplicate  [n] not duplicate  [s] skip  [u] undo  [q] quit"
_WORD = re.compile(r"\S+")


def _value(r: Record, name: str) -> str:
    if name == "authors":
        return "; ".join(r.authors)
    if name == "source":
        return ", ".join(sorted({o.source for o in r.origins} | {r.source}))
    value = getattr(r, name)
    text = "" if value is None else str(value)
    return text[:600] + ("…" if len(text) > 600 else "") if name == "abstract" else text


def _norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word.casefold())


def highlight(a: str, b: str) -> tuple[Text, Text]:
    """Both values with the words the other lacks in bold yellow (case and punctuation ignored)."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    matcher = difflib.SequenceMatcher(
        a=[_norm(w) for w in wa], b=[_norm(w) for w in wb], autojunk=False
    )
    same_a: set[int] = set()
    same_b: set[int] = set()
    for block in matcher.get_matching_blocks():
        same_a.update(range(block.a, block.a + block.size))
        same_b.update(range(block.b, block.b + block.size))
    return _styled(wa, same_a), _styled(wb, same_b)


def _styled(words: list[str], same: set[int]) -> Text:
    text = Text()
    for i, w in enumerate(words):
        if i:
            text.append(" ")
        text.append(w, style=None if i in same else "bold yellow")
    return text


def render_card(card: PairCard, console: Console) -> None:
    scores = "  ".join(f"{k} {v:.2f}" for k, v in sorted(card.scores.items()))
    table = Table(
        "", card.a.id, card.b.id,
        title=f"Pair {card.position} of {card.total}: rule {card.rule}  {scores}",
        caption=card.why or None, caption_justify="left", show_lines=True, expand=True,
    )
    for name in FIELDS:
        va, vb = _value(card.a, name), _value(card.b, name)
        if not va and not vb:
            continue
        ta, tb = highlight(va, vb) if va != vb else (Text(va), Text(vb))
        table.add_row(name, ta, tb)
    console.print(table)
    console.print(PROMPT, markup=False, highlight=False)


def asker(keyboard: bool, console: Console = err) -> Callable[[PairCard], str]:
    """`ask` for stages.dedup.review: one key press in a terminal, else one line of stdin
    (so `--review` can be scripted); end of input quits."""

    def ask(card: PairCard) -> str:
        render_card(card, console)
        if keyboard:
            import typer

            answer = typer.getchar()
        else:
            line = sys.stdin.readline()
            answer = line.strip() or ("q" if not line else "")
        if answer.strip() and answer.strip().lower()[:1] not in KEYS:
            # The pair is shown again: say why, or a script's wrong answer loops unexplained.
            console.print(f"Unknown answer {answer.strip()!r}: use "
                          + ", ".join(f"{k} {v}" for k, v in KEYS.items()),
                          markup=False, highlight=False)
        return answer

    return ask


def summary(session: Session) -> None:
    d = session.dedup
    info(
        f"{d.records} records in {d.clusters} clusters: {d.merged} duplicates merged"
        f" ({d.new_records} records compared as new, {d.compared} pairs)."
    )
    if d.undone:
        info(
            f"{d.undone} earlier merges undone: the new records show those pairs are not sure "
            "(a title that recurs, a DOI on a second item); the uncertain ones wait."
        )
    if session.review is not None:
        r = session.review
        info(f"Reviewed: {r.decided} decided, {r.skipped} skipped, {r.undone} undone.")
    waiting = session.counts["uncertain_pairs"]
    if waiting:
        info(
            f"{waiting} uncertain pairs wait, unmerged: run `review dedup --review` to decide them."
        )
    else:
        info("No uncertain pairs wait.")
