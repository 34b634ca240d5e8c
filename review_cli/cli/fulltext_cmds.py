"""fulltext: fetch, attach, missing."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json, group, project_here

fulltext_app = group(
    "fulltext",
    "Full-text reports: fetch open-access copies, attach the others, list what is missing.\n\n"
    "Reports are stored as fulltext/<unit id>.pdf and indexed in fulltext/index.jsonl "
    "(source, URL, licence, size, sha256, when); the index is committed, the reports are "
    "git-ignored unless review.toml's [fulltext] commit says \"git\" or \"lfs\".\n\n"
    "Example: review fulltext fetch",
    default=False,
)


@command("fetch", parent=fulltext_app)
def fetch(
    ids: list[str] = typer.Argument(
        None, help="Unit or record ids; default: every unit included at title/abstract."),
    sources: str = typer.Option(
        "unpaywall,europepmc,openalex", "--from",
        help="Where to look, in this order (comma-separated)."),
    json_out: bool = typer.Option(False, "--json", help="Print what happened to each unit."),
) -> None:
    """Download the open-access reports of the units sought for retrieval.

    Each unit is looked up by DOI, PMID or OpenAlex id in Unpaywall, Europe PMC and OpenAlex;
    the first copy that really is a PDF is kept (an HTML or XML full text only where no PDF can
    be had; a landing page never). Downloads are checked (PDF signature, whole length) and kept
    only when complete; reports already there are not downloaded again. Unpaywall needs a
    contact e-mail: [fulltext] email in review.toml, or $REVIEW_EMAIL.

    Example: review fulltext fetch

    Example: review fulltext fetch 4f2k9x1qzp --from europepmc,openalex
    """
    from review_cli.stages import fulltext as stage
    from review_cli.ui import fulltext_view
    from review_cli.ui.console import RichProgress, info, warn

    project = project_here()
    result = stage.fetch(project, ids or [], sources.split(","), progress=RichProgress())
    for line in fulltext_view.fetch_summary(result):
        info(line)
    for w in result.warnings:
        warn(w)
    if json_out:
        emit_json(result.to_json())


@command("attach", parent=fulltext_app)
def attach(
    unit: str = typer.Argument(..., metavar="ID", help="The unit (or one of its records)."),
    file: Path = typer.Argument(..., help="The report, as a PDF."),
    licence: str = typer.Option("", "--licence", help="Its licence, if known (e.g. cc-by)."),
    replace: bool = typer.Option(False, "--replace", help="Replace the unit's report."),
    json_out: bool = typer.Option(False, "--json", help="Print the index line as JSON."),
) -> None:
    """Store a report obtained another way (a library, the authors) as the unit's full text.

    The file must be a PDF; it is copied to fulltext/<unit id>.pdf and indexed.

    Example: review fulltext attach 4f2k9x1qzp ~/Downloads/okafor-2019.pdf
    """
    from review_cli.stages import fulltext as stage
    from review_cli.ui.console import info, warn

    project = project_here()
    result = stage.attach(project, unit, file, licence, replace)
    for w in result.warnings:
        warn(w)
    if result.unchanged:
        info(f"{result.unit}: {result.file} is already this file; nothing changed.")
    else:
        info(f"{result.unit}: {'replaced' if result.replaced else 'attached'} {result.file} "
             f"({result.size:,} bytes).")
    if json_out:
        emit_json(result.to_json())


@command("missing", parent=fulltext_app)
def missing(
    json_out: bool = typer.Option(False, "--json", help="Print the list as JSON."),
) -> None:
    """List the units sought for retrieval whose report is not in fulltext/, with the ids to
    request them by (tab-separated on stdout).

    Example: review fulltext missing > to-request.tsv
    """
    from review_cli.stages import fulltext as stage
    from review_cli.ui import fulltext_view
    from review_cli.ui.console import info

    project = project_here()
    result = stage.missing(project)
    if json_out:
        emit_json(result.to_json())
    else:
        typer.echo("\n".join(fulltext_view.missing_lines(result)))
    info(fulltext_view.missing_summary(result))
