"""init, import, status, export."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json, project_here, write_or_print
from review_cli.errors import UsageError
from review_cli.project import Project


@command("init")
def init(
    folder: Path = typer.Argument(Path("."), help="Folder for the review (created if needed)."),
    protocol: str = typer.Option(
        None, "--protocol", help="A protocol .toml file, or a template name from protocols/."
    ),
) -> None:
    """Create a review: review.toml (the protocol), searches/ for the raw exports, .gitignore.

    Each stage makes its own folder (import/, dedup/, screen/ ...) when it first runs.

    Example: review init covid-review --protocol coproduction-integrated-care
    """
    from review_cli.stages import init as stage
    from review_cli.ui.console import info

    result = stage.run(folder, protocol)
    info(f"Created a review in {result.root} (protocol from {result.protocol_from}).")
    info(
        "Next: edit review.toml, then `review import FILE --source NAME` for each database export."
    )


@command("import")
def import_(
    files: list[Path] = typer.Argument(
        ..., help="Export files (RIS, MEDLINE, WoS, CSV, XLSX, BibTeX, EndNote XML...)."
    ),
    source: str = typer.Option(
        None, "--source", "-s",
        help="The database or source these records came from, as named in review.toml "
        "(required, except with --remove).",
    ),
    fmt: str = typer.Option(
        None, "--format", "-f", help="Force a format instead of detecting it from the content."
    ),
    remove: bool = typer.Option(
        False, "--remove",
        help="Take these imported exports out of the review again (a wrong file or source).",
    ),
    accept_losses: bool = typer.Option(
        False, "--accept-losses",
        help="Import the records that could be read from an export some of whose records "
        "could not be (they are listed as skipped); without it such an export is refused.",
    ),
    json_out: bool = typer.Option(
        False, "--json", help="Print the import report as JSON on stdout."
    ),
) -> None:
    """Import database exports; the format is detected from the content, never the file name.

    Example: review import medline-1.txt medline-2.txt --source MEDLINE

    Example: review import searches/scopus/wrong.csv --remove
    """
    from review_cli.stages import import_ as stage
    from review_cli.ui.console import RichProgress, info, warn

    project = project_here()
    if remove:
        if source or fmt:
            raise UsageError("--remove takes only the files: no --source or --format")
        removed = stage.remove(project, files, progress=RichProgress())
        for name in removed.removed:
            info(f"{name}: removed")
        for name in removed.emptied:
            info(
                f"Source `{name}` has no export left: delete its [[sources]] entry in review.toml "
                "if it was a mistake."
            )
        info(f"{removed.records_total} records in the review "
             f"({removed.records_before - removed.records_total} fewer); "
             "run `review dedup` again.")
        if json_out:
            emit_json({"removed": removed.removed, "records": removed.records_total})
        return
    if not source:
        raise UsageError(
            "missing option --source",
            hint='name the database these records came from, e.g. --source "MEDLINE"',
        )
    result = stage.run(project, files, source, fmt, progress=RichProgress(),
                       accept_losses=accept_losses)
    for name in result.added_sources:
        close = _close_source(project, name)
        warn(
            f"source `{name}` was not in review.toml: added as a database; set its "
            "kind, platform and query there"
            + (
                f" (did you mean `{close}`? a typo makes a separate source in the PRISMA counts)"
                if close else ""
            )
        )
    for path in result.unchanged:
        info(f"{path}: already imported, nothing changed")
    for rep in result.files:
        info(
            f"{rep.file}: {rep.format}, {rep.encoding}; read {rep.read}, imported {rep.imported}, "
            f"skipped {len(rep.skipped)}"
            + (
                f", {rep.same_as_other_file} identical to records from other files of this source"
                if rep.same_as_other_file else ""
            )
        )
        for skip in rep.skipped:
            warn(f"{rep.file}:{skip['line']}: skipped: {skip['reason']}")
        for w in rep.warnings:
            warn(f"{rep.file}: {w}")
    info(f"{result.records_total} records in the review.")
    if json_out:
        emit_json({
            "files": [r.to_json() for r in result.files],
            "unchanged": result.unchanged,
            "records": result.records_total,
        })


def _close_source(project: Project, name: str) -> str | None:
    """A declared source the new name is probably a typo of (`Scopsu`, `Web-of-Science`)."""
    import difflib

    from review_cli.project import slug

    others = [s.name for s in project.protocol.sources if s.name != name]
    same = [o for o in others if slug(o) == slug(name)]
    close = same or difflib.get_close_matches(
        name.casefold(), [o.casefold() for o in others], n=1, cutoff=0.8
    )
    if not close:
        return None
    return next(o for o in others if o.casefold() == close[0].casefold())


@command("status")
def status(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Where the review stands: records per source, each stage's counts, and what is stale.

    Example: review status --json
    """
    from review_cli.stages import status as stage
    from review_cli.store.decisions import torn_logs
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
    what: str = typer.Argument(
        ...,
        help="What to export: records (every imported record), included (the included studies), "
        "inclusion-log (every record's final status), decisions (every "
        "line of every decision log), characteristics (the characteristics of included studies, "
        "from the extraction) or appraisal (study x question, with the overall judgement).",
    ),
    fmt: str = typer.Option(
        "csv", "--format", "-f",
        help="csv, jsonl, ris, bibtex, md (Markdown) or xlsx (needs --out); ris and bibtex are "
        "for references; the tables are csv, md or xlsx.",
    ),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
    tool: str = typer.Option(
        None, "--tool", help="appraisal: the instrument (default: review.toml's [appraisal] tool)."
    ),
) -> None:
    """Export the review's data for reference managers, spreadsheets, other tools and the paper.

    Example: review export records --format ris --out records.ris

    Example: review export included --format bibtex --out included.bib

    Example: review export characteristics --format md --out characteristics.md
    """
    from review_cli.cli.base import write_binary
    from review_cli.stages import export as stage
    from review_cli.ui.console import warn

    if fmt == "xlsx" and out is None:
        raise UsageError("a workbook is not text: give --out FILE.xlsx")
    exported = stage.run(project_here(), what, fmt, tool)
    for w in exported.warnings:
        warn(w)
    if not exported.rows:  # a header alone looks like a failed export
        warn(stage.NOTHING_YET.get(what, f"nothing to export in {what} yet"))
    if exported.data is not None:
        write_binary(exported.data, out)
    else:
        write_or_print(exported.pieces(), out)
