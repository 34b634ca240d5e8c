"""search, report."""

from __future__ import annotations

import typer

from review_cli.cli.base import command, emit_json, project_here


@command("search")
def search(
    api: str = typer.Argument(
        None, help="Online source: pubmed, europepmc, openalex or crossref; or citations."),
    query: list[str] = typer.Argument(
        None, help="The search string, in the source's own syntax (quote it); for citations, "
        "the ids of the studies to search from (default: the included studies not searched "
        "yet).",
    ),
    source: str = typer.Option(
        None, "--source", "-s",
        help="The source's name in the review (review.toml); default: the database's name.",
    ),
    date_from: str = typer.Option(
        None, "--from", help="Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    date_to: str = typer.Option(
        None, "--to", help="Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)."
    ),
    max_records: int = typer.Option(
        None, "--max",
        help="Refuse (before downloading) a search with more records than this [default: 10000].",
    ),
    update: str = typer.Option(
        None, "--update",
        help="Re-run the last logged search of this source for records added since it ran.",
    ),
    backward: bool = typer.Option(
        False, "--backward", help="citations: the works the studies cite (their references)."),
    forward: bool = typer.Option(
        False, "--forward", help="citations: the works citing the studies."),
    json_out: bool = typer.Option(
        False, "--json", help="Print the search log entry as JSON on stdout."
    ),
) -> None:
    """Run a search online, save the raw answer under searches/, import it and log it (PRISMA-S).

    Keys and contact come from the environment: NCBI_API_KEY, OPENALEX_API_KEY,
    CROSSREF_PLUS_TOKEN, REVIEW_EMAIL; they are never written into the review.

    `review search citations --backward|--forward [IDS]` is citation searching through
    OpenAlex, from the included studies: their references and the works citing them are
    imported as a citation-searching source (PRISMA's other-methods column), deduplicated and
    logged with the studies searched from; a re-run searches only studies included since.

    Example: review search pubmed '"integrated care"[tiab] AND carers[tiab]' --source PubMed
    --from 2012

    Example: review search citations --backward --forward
    """
    from review_cli.errors import UsageError
    from review_cli.stages import search as stage
    from review_cli.ui.console import RichProgress, info, warn

    project = project_here()
    if (api or "").strip().casefold() == "citations":
        if update or date_from or date_to:
            raise UsageError("citation searching takes no --update, --from or --to",
                             hint="review search citations --backward")
        directions = [d for d, on in (("backward", backward), ("forward", forward)) if on]
        found = stage.citations(project, directions, query or [], source, max_records,
                                progress=RichProgress())
        for e in found.entries:
            info(f"{e['direction'].capitalize()} citation searching from {len(e['seeds'])} "
                 f"studies: {e['received']} works received, {e['new_records']} records new "
                 "to the review" + (f"; not found in OpenAlex: {', '.join(e['seeds_not_found'])}"
                                    if e["seeds_not_found"] else ""))
        for note in found.notes:
            info(note)
        if json_out:
            emit_json(found.to_json())
        return
    if backward or forward:
        raise UsageError("--backward and --forward go with `review search citations`",
                         hint="review search citations --backward")
    if query and len(query) > 1:
        raise UsageError(f"the query must be one argument (got {len(query)} words)",
                         hint="quote the search string: review search pubmed 'asthma AND "
                         "children'")
    text = query[0] if query else ""
    if update:
        if api or text or date_from or date_to or max_records is not None or source:
            raise UsageError("--update NAME re-runs a logged search: give no source, query or "
                             "limits with it",
                             hint="review search --update PubMed")
        result = stage.update(project, update, progress=RichProgress())
    else:
        if not api or not text:
            raise UsageError("give the online source and the query, or --update NAME",
                             hint="review search pubmed 'asthma AND children' --source PubMed")
        result = stage.run(project, api, text, source, date_from or "", date_to or "",
                           max_records, progress=RichProgress())
    e = result.entry
    info(f"{e['database']}: {e['reported']} records reported, {e['received']} received"
         + (f" ({e['retries']} retried requests)" if e["retries"] else ""))
    for w in e["details"].get("warnings", []):
        warn(f"{e['database']}: {w}")
    if e["files"]:
        info(f"Saved {', '.join(e['files'])}; {e['new_records']} records new to the review.")
    elif e["update_of"]:
        info(f"No new records since {str(e['previous_run'])[:10]}.")
    if result.dedup:
        info(result.dedup)
    if json_out:
        emit_json(e)


@command("report")
def report(
    what: str = typer.Argument(..., help="What to report: searches."),
    json_out: bool = typer.Option(
        False, "--json", help="Print the rows as JSON instead of Markdown."
    ),
) -> None:
    """Print a report for the methods section (Markdown on stdout).

    Example: review report searches > searches.md
    """
    from review_cli.errors import UsageError
    from review_cli.stages.search import report as stage

    if what != "searches":
        raise UsageError(f"unknown report `{what}`", hint="available: searches")
    project = project_here()
    if json_out:
        emit_json([r.to_json() for r in stage.rows(project)])
    else:
        typer.echo(stage.markdown(project), nl=False)
