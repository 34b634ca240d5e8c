"""screen, decide, conflicts, reconcile, agreement."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json, project_here
from review_cli.errors import ReviewError, UsageError

STAGE_HELP = "title-abstract or full-text."


def _verdict(include: bool, exclude: bool, maybe: bool, not_retrieved: bool = False) -> str | None:
    chosen = [name for name, flag in (("include", include), ("exclude", exclude), ("maybe", maybe),
                                      ("not-retrieved", not_retrieved)) if flag]
    if len(chosen) > 1:
        raise UsageError(
            "choose one of --include, --exclude, --maybe"
            + (", --not-retrieved" if not_retrieved else "")
        )
    return chosen[0] if chosen else None


@command("screen")
def screen(
    reviewer: str = typer.Option(
        None, "--reviewer", "-r",
        help="Who is screening (default: $REVIEW_REVIEWER, git user.name or the "
        "protocol's only reviewer).",
    ),
    stage: str = typer.Option("title-abstract", "--stage", help=STAGE_HELP),
    maybe: bool = typer.Option(
        False, "--maybe", help="Show only the records you marked maybe, to decide them."
    ),
) -> None:
    """Screen records one at a time in a full-screen terminal view, most likely relevant first.

    Keys (configurable in review.toml [screening.keys]): i include, e exclude, m maybe, s skip,
    u undo, n note, r reason, c criteria, x not retrieved (full text), o open the report (full
    text), ? help, q quit. Every decision is on disk before the next record appears; run it
    again to resume.

    Example: review screen --reviewer alice
    """
    from review_cli.stages import screen as stage_mod
    from review_cli.ui import screen_view, viewer
    from review_cli.ui.console import confirm, info, interactive, out, warn

    if not interactive():
        raise ReviewError(
            "`review screen` needs a terminal (stdin and stdout are not a TTY, or CI is set)",
            hint="for scripts use `review decide ID... --include|--exclude [--reason CODE]` or "
            "`review decide --from FILE.csv`",
        )
    project = project_here()
    st = stage_mod.parse_stage(stage)
    name = stage_mod.resolve_reviewer(project, reviewer)
    notice = stage_mod.dedup_notice(project)
    if notice:
        warn(notice)
        if not confirm("Screen them anyway?"):
            info("Not started. Run `review dedup`, then `review screen` again.")
            return
    outcome = stage_mod.run(
        project, st, name, lambda loop: screen_view.run(out, loop),
        engine=stage_mod.BackgroundEngine, only_maybe=maybe, opener=viewer.open_report,
    )
    for m in outcome.messages:
        warn(m)
    info(
        f"{name}: {outcome.decided} decision(s) this session"
        + (f" ({outcome.undone} undone)" if outcome.undone else "")
        + f"; {outcome.screened}/{outcome.total} screened at {st}. "
        + stage_mod.ending(outcome, maybe)
    )


@command("stop")
def stop(
    rule: str = typer.Option(
        None, "--rule",
        help="The stopping rule whose verdict you stop on: statistical, knee or heuristic "
        "(default: the first that says stop). One that has not said stop is recorded as your "
        "decision, never as the rule's.",
    ),
    note: str = typer.Option("", "--note", help="Why, in your words (saved with the stop)."),
    reviewer: str = typer.Option(
        None, "--reviewer", "-r", help="Who decides to stop (default as for screen)."
    ),
    resume: bool = typer.Option(
        False, "--resume", help="Take the stop back: the unscreened records wait again."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the recorded stop as JSON."),
) -> None:
    """Stop screening titles and abstracts before every record is screened, and say so.

    Records who stopped, when, on which stopping rule's verdict and the rules' figures at that
    moment (screen/stopped.jsonl). PRISMA then counts the records nobody screened as removed
    before screening: by an automation tool when a rule said stop, for other reasons (the
    reviewers' decision) when none had.

    Example: review stop --rule statistical --reviewer alice
    """
    from review_cli.stages import screen as stage_mod
    from review_cli.store.stopping import describe
    from review_cli.ui.console import info, warn

    project = project_here()
    name = stage_mod.resolve_reviewer(project, reviewer)
    if resume:
        if rule:
            raise UsageError("--resume takes a stop back: give it without --rule")
        result = stage_mod.resume(project, name, note)
        info(f"{name}: the stop is taken back; the unscreened records wait for a decision again.")
    else:
        result = stage_mod.stop(project, name, rule, note)
        for w in result.warnings:
            warn(w)
        info(f"{name}: {describe(result.line)}; {len(result.line.unscreened):,} record(s) left "
             "unscreened. `review prisma` counts them.")
    if json_out:
        emit_json(result.to_json())


@command("decide")
def decide(
    ids: list[str] = typer.Argument(
        None, help="Unit or record ids (any member of a duplicate cluster)."
    ),
    include: bool = typer.Option(False, "--include", help="Include them."),
    exclude: bool = typer.Option(
        False, "--exclude", help="Exclude them (full text: --reason is required)."
    ),
    maybe: bool = typer.Option(False, "--maybe", help="Mark them maybe."),
    not_retrieved: bool = typer.Option(
        False, "--not-retrieved", help="Full text: the report could not be obtained."
    ),
    undo: bool = typer.Option(
        False, "--undo", help="Withdraw your latest decision on them (history is kept)."
    ),
    reason: str = typer.Option("", "--reason", help="Exclusion reason code from review.toml."),
    note: str = typer.Option("", "--note", help="A note saved with each decision."),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Whose decisions these are."),
    stage: str = typer.Option("title-abstract", "--stage", help=STAGE_HELP),
    from_file: Path = typer.Option(
        None, "--from",
        help="CSV with rows id,decision,reason[,note] (header optional); decision: include, "
        "exclude, maybe, not-retrieved or undo.",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the written decisions as JSON."),
) -> None:
    """Record decisions without the screen: for scripts, or decisions made in another tool.

    Unknown ids and reason codes are all listed at once and nothing is written.

    Example: review decide 4f2k9x1qzp --exclude --reason design --reviewer alice

    Example: review decide 4f2k9x1qzp --undo --reviewer alice
    """
    from review_cli.stages import screen as screen_stage
    from review_cli.stages import team
    from review_cli.ui.console import info, warn

    project = project_here()
    st = screen_stage.parse_stage(stage)
    name = screen_stage.resolve_reviewer(project, reviewer)
    verdict = _verdict(include, exclude, maybe, not_retrieved)
    if undo:
        if verdict is not None:
            raise UsageError(
                "--undo takes back a decision: give it without "
                "--include/--exclude/--maybe/--not-retrieved"
            )
        verdict = "undo"
    wanted: list[team.Wanted] = []
    errors: list[str] = []
    if from_file is not None:
        if ids or verdict:
            raise UsageError("give either --from FILE or IDs with a decision flag, not both")
        wanted, errors = team.read_decision_csv(from_file)
    else:
        if not ids:
            raise UsageError(
                "give record ids, or --from FILE", hint="example: review decide ID --include"
            )
        if verdict is None:
            raise UsageError("choose one of --include, --exclude, --maybe, --not-retrieved, --undo")
        wanted = [team.Wanted(i, team.DECISION_WORDS[verdict], reason, note) for i in ids]
    result = team.decide(project, st, name, wanted, errors)
    for m in result.repaired:
        warn(m)
    undone = sum(1 for d in result.written if d.verdict == "undo")
    info(f"{name}: {len(result.written) - undone} decision(s) recorded"
         + (f", {undone} withdrawn" if undone else "")
         + (f", {result.unchanged} unchanged (already in force, not written again)"
            if result.unchanged else "")
         + f" at {st}.")
    if json_out:
        emit_json([d.to_json() for d in result.written])


@command("conflicts")
def conflicts(
    stage: str = typer.Option("title-abstract", "--stage", help=STAGE_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List records the reviewers decided differently that are not reconciled yet.

    Example: review conflicts --stage title-abstract --json
    """
    from review_cli.stages import screen as screen_stage
    from review_cli.stages import team
    from review_cli.ui import team_view
    from review_cli.ui.console import warn

    project = project_here()
    st = screen_stage.parse_stage(stage)
    for m in team.torn_warnings(project, st):
        warn(m)
    found = team.conflicts(project, st)
    if json_out:
        emit_json([c.to_json() for c in found])
    else:
        team_view.render_conflicts(str(st), found)


@command("reconcile")
def reconcile(
    ids: list[str] = typer.Argument(
        None, help="Records to decide with --include/--exclude/--maybe (or to limit --take)."
    ),
    take: str = typer.Option(
        None, "--take", help="Resolve conflicts with this reviewer's decisions."
    ),
    include: bool = typer.Option(False, "--include", help="Final decision for IDS: include."),
    exclude: bool = typer.Option(False, "--exclude", help="Final decision for IDS: exclude."),
    maybe: bool = typer.Option(
        False, "--maybe", help="Final decision for IDS: still unsure (not final)."
    ),
    reason: str = typer.Option("", "--reason", help="Exclusion reason code for --exclude."),
    reviewer: str = typer.Option(
        None, "--reviewer", "-r", help="Who reconciles (default as for screen)."
    ),
    stage: str = typer.Option("title-abstract", "--stage", help=STAGE_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the recorded decisions as JSON."),
) -> None:
    """Resolve disagreements: walk through them, or script it with --take or a decision flag.

    The final decision and who made it go to screen/reconciled/<stage>.jsonl.

    Example: review reconcile --take alice --reviewer carol
    """
    from review_cli.stages import screen as screen_stage
    from review_cli.stages import team
    from review_cli.ui import team_view
    from review_cli.ui.console import info, interactive, warn

    project = project_here()
    st = screen_stage.parse_stage(stage)
    name = screen_stage.resolve_reviewer(project, reviewer, strict=False)
    verdict = _verdict(include, exclude, maybe)
    if take and verdict:
        raise UsageError("give either --take NAME or a decision flag, not both")
    if verdict:
        if not ids:
            raise UsageError(f"--{verdict} needs the record ids to decide")
        written = team.reconcile(
            project, st, name,
            team.resolve_ids(project, st, ids, team.DECISION_WORDS[verdict], reason),
        )
    elif take:
        found = team.conflicts(project, st, ids or None)
        written = team.reconcile(
            project, st, name,
            team.take(found, take,
                      [*team.per_reviewer(project, st), *project.protocol.reviewers]),
        )
    else:
        if not interactive():
            raise ReviewError(
                "the walk-through needs a terminal",
                hint="script it: `review reconcile --take NAME` or "
                "`review reconcile ID... --include|--exclude`",
            )
        ask = team_view.prompt_conflict(screen_stage.reasons_for(project, st), input)
        written = team.walk(project, st, name, ask)
    parties = sum(1 for d in written if team.is_party(d))
    if parties:
        warn(f"{name} decided {parties} of these record(s) themselves and so was a party to the "
             "conflict; each reconciliation's note says so (a third reviewer usually reconciles)")
    info(f"{name}: {len(written)} final decision(s) recorded at {st}; "
         f"{len(team.conflicts(project, st))} conflict(s) left.")
    if json_out:
        emit_json([d.to_json() for d in written])


@command("agreement")
def agreement(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Agreement between reviewers per stage: raw agreement, Cohen's kappa and PABAK.

    Include and maybe count as include; not-retrieved is left out. Also shows how many records
    only one of each pair screened.

    Example: review agreement --json
    """
    from review_cli.stages import team
    from review_cli.store.decisions import torn_logs
    from review_cli.ui import team_view
    from review_cli.ui.console import warn

    project = project_here()
    rows = team.agreement(project)
    for w in torn_logs(project):
        warn(w)
    if json_out:
        emit_json([a.to_json() for a in rows])
    else:
        team_view.render_agreement(rows)
