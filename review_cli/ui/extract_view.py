"""Rendering `review extract`: what a save changed, the disagreements, agreement per field, and
the reconcile walk-through."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.markup import escape
from rich.table import Table

from review_cli.forms import Form, show
from review_cli.stages.extract import Change, Disagreement, FieldAgreement, Resolution
from review_cli.ui.console import err, info, out


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def render_changes(changes: Sequence[Change], form: Form) -> None:
    for c in changes:
        info(c.text(form))


def render_disagreements(found: Sequence[Disagreement], form: Form) -> None:
    if not found:
        out.print("No disagreements: every extracted value is agreed or reconciled.")
        return
    names = sorted({n for d in found for n in d.values})
    table = Table("study", "field", *names, title=f"{len(found)} disagreement(s) in extraction")
    for d in found:
        f = form.field(d.field)
        cells = [escape(_short(show(f, d.values.get(n)) if f else str(d.values.get(n))) or
                        "(empty)") for n in names]
        table.add_row(escape(f"{d.label} {d.study}"), escape(d.field), *cells)
    out.print(table)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def render_agreement(rows: Sequence[FieldAgreement]) -> None:
    if not rows:
        out.print("No study has been extracted by two reviewers yet.")
        return
    table = Table(title="Agreement per field (raw; Cohen's kappa for choices)")
    for name in ("field", "reviewers"):
        table.add_column(name)
    for name in ("both", "agree", "raw", "kappa"):
        table.add_column(name, justify="right")
    for r in rows:
        table.add_row(escape(r.field), escape(f"{r.a} / {r.b}"), str(r.both), str(r.agree),
                      _fmt(r.raw), _fmt(r.kappa))
    out.print(table)


def prompt_disagreement(form: Form, read: Callable[[str], str]
                        ) -> Callable[[Disagreement, int, int], Resolution | str | None]:
    """An `ask` for `extract.walk`: shows one disagreement, reads a line."""
    from review_cli.forms import Invalid, from_text

    def ask(d: Disagreement, i: int, n: int) -> Resolution | str | None:
        f = form.field(d.field)
        names = sorted(d.values)
        err.print(f"\n[bold]Disagreement {i}/{n}[/]  {escape(d.label)} ({escape(d.study)})  "
                  f"field {escape(d.field)}", markup=True, highlight=False)
        for k, name in enumerate(names, start=1):
            value = show(f, d.values[name]) if f else str(d.values[name])
            err.print(f"  {k}. {name}: {value or '(empty)'}", markup=False, highlight=False)
        while True:
            answer = read("Take reviewer number, w to write the value, s skip, q quit: ").strip()
            if answer == "q":
                return None
            if answer == "s":
                return "skip"
            if answer.isdigit() and 1 <= int(answer) <= len(names):
                name = names[int(answer) - 1]
                return Resolution(d.study, d.field, d.values[name], name)
            if answer == "w" and f is not None and f.type != "blocks":
                try:
                    return Resolution(d.study, d.field, from_text(f, read("Value: ")))
                except Invalid as e:
                    err.print(str(e), markup=False, highlight=False)
                    continue
            err.print("Not understood.", markup=False, highlight=False)

    return ask
