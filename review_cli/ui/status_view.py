"""Rendering `review status` for a person."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from review_cli.stages.status import Status
from review_cli.ui.console import out


def render(status: Status) -> None:
    out.print(f"[bold]{escape(status.title)}[/]")  # user text: never markup
    out.print(str(status.root), markup=False)
    table = Table("source", "kind", "files", "records", "skipped", title="Sources")
    for s in status.sources:
        table.add_row(
            escape(s.name), escape(str(s.kind)), str(s.files), str(s.records), str(s.skipped)
        )
    table.add_row("[bold]total[/]", "", "", f"[bold]{status.records}[/]", "")
    out.print(table)
    for stage, counts in status.stages.items():
        out.print(
            f"[bold]{escape(stage)}[/]: " + escape(", ".join(f"{k} {v}" for k, v in counts.items()))
        )
    for f in status.unimported:
        out.print(f"[yellow]not imported:[/] {escape(str(f))}")
    for entry in status.stale:
        out.print(f"[yellow]stale:[/] {escape(entry['stage'])}: {escape(entry['reason'])}")
    for w in status.warnings:
        out.print(f"[yellow]warning:[/] {escape(w)}")
    if not status.stale and not status.unimported and not status.warnings:
        out.print("[green]Everything is up to date.[/]")
