"""dedup: merge sure duplicates, queue and review uncertain pairs, manual merge and split."""

from __future__ import annotations

import typer

from review_cli.cli.base import command, emit_json, project_here
from review_cli.errors import ReviewError, UsageError


@command("dedup")
def dedup(
    ids: list[str] = typer.Argument(
        None, help="Record or cluster ids for --merge (two or more) or --split (one)."
    ),
    non_interactive: bool = typer.Option(
        False, "--non-interactive",
        help="Never ask: leave uncertain pairs unmerged and say how many wait.",
    ),
    review_: bool = typer.Option(
        False, "--review", help="Decide the uncertain pairs now, one key per pair (d/n/s/u/q)."
    ),
    merge: bool = typer.Option(
        False, "--merge", help="Merge the clusters of the given ids, for good."
    ),
    split: bool = typer.Option(
        False, "--split", help="Take the given record out of its cluster, for good."
    ),
    reviewer: str = typer.Option(
        None, "--reviewer", "-r",
        help="Who decides (written with each manual decision; default as for screen).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print what was done as JSON on stdout."),
) -> None:
    """Find duplicate records: merge the sure ones, queue the uncertain pairs for a person.

    Only records that are in no cluster yet are compared, so adding an export later never
    merges existing clusters or re-opens decided pairs; a merge the new records disprove (a
    title they show recurs, a DOI they show on a second item) is undone and queued.

    Example: review dedup --non-interactive --json
    """
    from review_cli.stages import dedup as stage
    from review_cli.ui import dedup_view
    from review_cli.ui.console import RichProgress, interactive

    ids = ids or []
    if merge and split:
        raise UsageError("use --merge or --split, not both")
    if merge and len(ids) < 2:
        raise UsageError(
            "--merge needs two or more ids", hint="e.g. review dedup --merge abc123 def456"
        )
    if split and len(ids) != 1:
        raise UsageError(
            "--split needs exactly one record id", hint="e.g. review dedup --split abc123"
        )
    if ids and not (merge or split):
        raise UsageError("ids are only for --merge or --split")
    if review_ and non_interactive:
        raise UsageError("--review and --non-interactive contradict each other")
    ask = None
    if review_ or (interactive() and not non_interactive and not json_out):
        ask = dedup_view.asker(keyboard=interactive())
    project = project_here()
    if merge or split or ask is not None:
        # Every manual pair decision names who made it: the audit trail of a merge or split.
        from review_cli.stages.screen import resolve_reviewer

        try:
            reviewer = resolve_reviewer(project, reviewer, strict=False)
        except ReviewError as e:
            listed = ", ".join(project.protocol.reviewers)
            if not (ask is not None and interactive()):
                raise ReviewError("who decides these pairs? no --reviewer given",
                                  hint=e.hint) from None
            reviewer = input(f"Who decides the uncertain pairs{f' ({listed})' if listed else ''}"
                             "? ").strip()
            if not reviewer:
                raise ReviewError("who decides these pairs? no name given",
                                  hint=e.hint) from None
    result = stage.session(
        project,
        ask=ask,
        merge_ids=ids if merge else (),
        split_id=ids[0] if split else "",
        reviewer=reviewer or "",
        progress=RichProgress(),
    )
    if json_out:
        emit_json(result.to_json())
    else:
        dedup_view.summary(result)
