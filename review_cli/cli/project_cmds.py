"""init, import, status, export."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json, project_here, write_or_print


@command("init")
def init(
    folder: Path = typer.Argument(Path("."), help="Folder for the review (created if needed)."),
    protocol: str = typer.Option(None, "--protocol", help="A protocol .toml file, or a template name from protocols/."),
) -> None:
    """Create a review: review.toml (the protocol), searches/ and the stage folders.

    Example: review init covid-review --protocol coproduction-integrated-care
    """
    from review_cli.stages import init as stage
    from review_cli.ui.console import info

    result = stage.run(folder, protocol)
    info(f"Created a review in {result.root} (protocol from {result.protocol_from}).")
    info("Next: edit review.toml, then `review import FILE --source NAME` for each database export.")


@command("import")
def import_(
    files: list[Path] = typer.Argument(..., help="Export files (RIS, MEDLINE, WoS, CSV, XLSX, BibTeX, EndNote XML...)."),
    source: str = typer.Option(..., "--source", "-s", help="The database or source these records came from, as named in review.toml."),
    fmt: str = typer.Option(None, "--format", "-f", help="Force a format instead of detecting it from the content."),
    json_out: bool = typer.Option(False, "--json", help="Print the import report as JSON on stdout."),
) -> None:
    """Import database exports; the format is detected from the content, never the file name.

    Example: review import medline-1.txt medline-2.txt --source MEDLINE
    """
    from review_cli.lock import exclusive
    from review_cli.stages import import_ as stage
    from review_cli.ui.console import RichProgress, info, warn

    project = project_here()
    with exclusive(project, "import"):
        result = stage.run(project, files, source, fmt, progress=RichProgress())
    for name in result.added_sources:
        warn(f"source `{name}` was not in review.toml: added as a database; set its kind, platform and query there")
    for path in result.unchanged:
        info(f"{path}: already imported, nothing changed")
    for rep in result.files:
        info(
            f"{rep.file}: {rep.format}, {rep.encoding}; read {rep.read}, imported {rep.imported}, "
            f"skipped {len(rep.skipped)}"
            + (f", {rep.same_as_other_file} identical to records from other files of this source" if rep.same_as_other_file else "")
        )
        for skip in rep.skipped:
            warn(f"{rep.file}:{skip['line']}: skipped: {skip['reason']}")
        for w in rep.warnings:
            warn(f"{rep.file}: {w}")
    info(f"{result.records_total} records in the review.")
    if json_out:
        emit_json({"files": [r.to_json() for r in result.files], "unchanged": result.unchanged, "records": result.records_total})


@command("status")
def status(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Where the review stands: records per source, each stage's counts, and what is stale.

    Example: review status --json
    """
    from review_cli.stages import status as stage
    from review_cli.stages.decisions import torn_logs
    from review_cli.ui import status_view
    from review_cli.ui.console import warn

    project = project_here()
    result = stage.run(project)
    for w in torn_logs(project):
        warn(w)
    if json_out:
        emit_json(result.to_json())
    else:
        status_view.render(result)


@command("export")
def export(
    what: str = typer.Argument(..., help="What to export: records, or decisions (every line of every decision log)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, jsonl, ris or bibtex."),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Export the review's data for reference managers, spreadsheets and other tools.

    Example: review export records --format ris --out records.ris
    """
    from review_cli.stages import export as stage

    write_or_print(stage.run(project_here(), what, fmt), out)
