"""report."""

from __future__ import annotations

import typer

from review_cli.cli.base import command, emit_json, project_here
from review_cli.errors import ReviewError


@command("report")
def report(
    what: str = typer.Argument(
        None, help="Nothing: write report/ (the whole report). `searches`: print the "
        "searches table (PRISMA-S) on stdout."),
    check: bool = typer.Option(
        False, "--check",
        help="Regenerate in memory; exit 1 with a diff when report/ differs (for CI)."),
    allow_pending: bool = typer.Option(
        False, "--allow-pending", help="An interim report while records await a decision."),
    json_out: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Write the review's report from its files: report/report.md (Markdown, Mermaid diagrams)
    and report/report.docx (Word).

    The PRISMA 2020 flow, the searches (PRISMA-S), the selection with agreement and the
    excluded full texts, the characteristics and appraisal tables, the meta-ethnography, the
    GRADE-CERQual tables and the PPI log (GRIPP2); then the PRISMA 2020, PRISMA-S and eMERGe
    checklists, every item the files answer filled in and the rest marked [to write].

    Example: review report --check

    Example: review report searches > searches.md
    """
    from review_cli.errors import UsageError
    from review_cli.ui.console import info, warn

    project = project_here()
    if what is not None:
        from review_cli.stages.search import report as searches

        if what != "searches":
            raise UsageError(f"unknown report `{what}`",
                             hint="`review report` writes report/; `review report searches` "
                             "prints the searches table")
        if check or allow_pending:
            raise UsageError("--check and --allow-pending are for `review report` (report/)")
        if json_out:
            emit_json([r.to_json() for r in searches.rows(project)])
        else:
            typer.echo(searches.markdown(project), nl=False)
        return
    from review_cli.stages import report as stage

    result = stage.check(project, allow_pending) if check else stage.run(project, allow_pending)
    for w in result.warnings:
        warn(w)
    if json_out:
        emit_json(result.to_json())
    if check:
        if not result.ok:
            typer.echo("".join(result.differences), nl=False, err=json_out)
            raise ReviewError(f"{len(result.differences)} report file(s) differ from what the "
                              "review's files give now",
                              hint="run `review report` and commit report/")
        info("The report is up to date.")
        return
    info(f"Wrote {', '.join(result.written)}; {result.prompts} item(s) left for the authors "
         "to write ([to write]).")
