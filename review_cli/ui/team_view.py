"""Rendering `review conflicts`, `review agreement` and the `review reconcile` walk-through."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from review_cli.model import Verdict
from review_cli.protocol import ExclusionReason
from review_cli.stages.team import Agreement, Conflict, Resolution
from review_cli.ui.console import err, out


def render_conflicts(stage: str, conflicts: Sequence[Conflict]) -> None:
    if not conflicts:
        out.print(f"No conflicts at {stage}.")
        return
    names = sorted({n for c in conflicts for n in c.votes})
    table = Table("record", "title", *names, title=f"{len(conflicts)} conflict(s) at {stage}")
    for c in conflicts:
        cells = []
        for n in names:
            d = c.votes.get(n)
            cells.append(
                "" if d is None
                else escape(f"{d.verdict}{' (' + d.reason + ')' if d.reason else ''}")
            )
        table.add_row(escape(c.record), escape(c.title[:70]), *cells)  # titles hold [brackets]
    out.print(table)


def _fmt(x: float | None) -> str:
    if x is None:
        return "n/a"
    text = f"{x:.3f}"
    return "0.000" if text == "-0.000" else text  # a kappa of -0.0001 is no disagreement


def render_agreement(rows: Sequence[Agreement]) -> None:
    """One table laid out for 80 columns: a row per pair and stage, names on a line of their
    own above it when they would not fit beside the figures."""
    if not rows:
        out.print("No stage has decisions from two reviewers yet.")
        return
    table = Table(title="Agreement (include or maybe vs exclude)", title_justify="left",
                  caption="both: screened by both; only: screened by one of them only",
                  caption_justify="left", show_lines=True)
    table.add_column("stage / reviewers", overflow="fold", ratio=1, min_width=14)
    for name in ("both", "agree", "raw", "kappa", "PABAK"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("only", overflow="fold", min_width=8)
    for a in rows:
        table.add_row(Text(f"{a.stage}\n{a.a} / {a.b}"), str(a.both), str(a.agree),
                      _fmt(a.raw), _fmt(a.kappa), _fmt(a.pabak),
                      Text(f"{a.a} {a.only_a}\n{a.b} {a.only_b}"))
    out.print(table)


def prompt_conflict(
    reasons: Sequence[ExclusionReason], read: Callable[[str], str]
) -> Callable[[Conflict, int, int], Resolution | None]:
    """An `ask` for `team.walk`: shows one conflict, reads a line from the person."""

    def ask(c: Conflict, i: int, n: int) -> Resolution | None:
        names = sorted(c.votes)
        err.print(
            f"\n[bold]Conflict {i}/{n}[/]  {escape(c.record)}  {escape(c.title)}", markup=True,
            highlight=False,
        )
        err.print(Text(c.abstract or "(no abstract)"), highlight=False)
        for k, name in enumerate(names, start=1):
            d = c.votes[name]
            extra = f" ({d.reason})" if d.reason else ""
            note = f"  note: {d.note}" if d.note else ""
            err.print(f"  {k}. {name}: {d.verdict}{extra}{note}", markup=False, highlight=False)
        codes = ", ".join(r.code for r in reasons)
        while True:
            answer = read(
                "Take reviewer number, or i include / e CODE exclude / m maybe / s skip / q quit: "
            ).strip()
            if answer == "q":
                return None
            if answer == "s":
                return Resolution(c.record, None)
            if answer.isdigit() and 1 <= int(answer) <= len(names):
                d = c.votes[names[int(answer) - 1]]
                return Resolution(c.record, d.verdict, d.reason, took=names[int(answer) - 1])
            if answer in ("i", "m"):
                return Resolution(c.record, Verdict.INCLUDE if answer == "i" else Verdict.MAYBE)
            if answer.startswith("e"):
                code = answer[1:].strip()
                if not code or any(r.code == code for r in reasons):
                    return Resolution(c.record, Verdict.EXCLUDE, code)
            err.print(f"Not understood. Reason codes: {codes}", markup=False, highlight=False)

    return ask
