"""include, prisma, audit."""

from __future__ import annotations

import typer

from review_cli.cli.base import command, emit_json, project_here
from review_cli.errors import ReviewError


@command("include")
def include_(
    json_out: bool = typer.Option(False, "--json", help="Print the counts per status as JSON."),
) -> None:
    """Write the inclusion log: every record's final status across the stages (include/log.jsonl).

    Example: review include --json
    """
    from review_cli.stages import include as stage
    from review_cli.store.decisions import torn_logs
    from review_cli.ui.console import info, warn

    project = project_here()
    result = stage.run(project)
    for w in torn_logs(project):
        warn(w)
    for w in result.warnings:
        warn(w)
    if json_out:
        emit_json(result.to_json())
        return
    info(f"Wrote {result.path}: " + ", ".join(f"{k} {v}" for k, v in result.counts.items() if v))


@command("prisma")
def prisma(
    check: bool = typer.Option(
        False, "--check",
        help="Regenerate in memory; exit 1 with a diff when the files on disk differ (for CI).",
    ),
    allow_pending: bool = typer.Option(
        False, "--allow-pending",
        help="Draw an interim diagram when records still await a decision.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print prisma.json on stdout."),
) -> None:
    """Regenerate the PRISMA 2020 flow diagram (SVG, Mermaid, PRISMA2020-app CSV, prisma.json)
    and the inclusion log.

    The counts are checked (identified - duplicates - automation - other = screened, and so on
    down the diagram) and an error names the records that break them.

    Example: review prisma --check
    """
    from review_cli.stages import prisma as stage
    from review_cli.store.decisions import torn_logs
    from review_cli.ui.console import info, warn

    project = project_here()
    if check:  # reads only: CI may check while nothing else runs, or while a reviewer screens
        result = stage.check(project, allow_pending)
    else:
        result = stage.run(project, allow_pending)
    for w in torn_logs(project):
        warn(w)
    for w in result.warnings:
        warn(w)
    if json_out:
        emit_json(result.flow.to_json())
    if check:
        if not result.ok:
            # The diff is the command's data, unless stdout already carries the JSON.
            typer.echo("".join(result.differences), nl=False, err=json_out)
            raise ReviewError(
                f"{len(result.differences)} PRISMA file(s) differ from what "
                "the review's files give now",
                hint="run `review prisma` and commit the regenerated files",
            )
        info("PRISMA files are up to date.")
        return
    c = result.flow.counts
    identified = (
        c["database_results"] + c["register_results"] + c["website_results"]
        + c["organisation_results"] + c["citations_results"]
    )
    info(
        f"Identified {identified}, "
        f"screened {c['records_screened'] + c['other_records_screened']}, "
        f"included {c['new_studies']}."
    )
    info("Wrote " + ", ".join(result.written) + ".")


@command("audit")
def audit(
    record: str = typer.Argument(..., help="A record id or a screening unit (cluster) id."),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """The full history of one record: sources, duplicate links, every decision, final status.

    Example: review audit 4kq2x7m1ab
    """
    from review_cli.stages import audit as stage

    result = stage.run(project_here(), record)
    if json_out:
        emit_json(result.to_json())
    else:
        typer.echo(result.to_text(), nl=False)
