"""appraise: study (the default), compare, reconcile, agreement."""

from __future__ import annotations

import typer

from review_cli.cli.base import command, emit_json, group, project_here
from review_cli.errors import ReviewError, UsageError

appraise_app = group(
    "appraise",
    "Quality appraisal of the included studies with an instrument (CASP qualitative, JBI "
    "qualitative, MMAT 2018), blinded, per reviewer.\n\n"
    "`review appraise ID --reviewer NAME` steps through the instrument's questions (the same "
    "as `review appraise study ID`). Two reviewers: `compare`, `reconcile`, `agreement`.\n\n"
    "Example: review appraise 4f2k9x1qzp --reviewer alice --tool casp-qualitative",
)
TOOL_HELP = ("The instrument: casp-qualitative, jbi-qualitative, mmat-2018 or an instrument "
             "file (default: [appraisal] tool in review.toml).")


@command("study", parent=appraise_app)
def study(
    study_id: str = typer.Argument(
        None, metavar="ID", help="The study; default: every study you have not finished."),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Who is appraising."),
    tool: str = typer.Option(None, "--tool", help=TOOL_HELP),
    set_: list[str] = typer.Option(
        None, "--set", help="ITEM=ANSWER without the screen (repeat it), e.g. --set q1=yes "
        "--set overall=high."),
    comment: list[str] = typer.Option(None, "--comment", help="ITEM=TEXT, with --set."),
    json_out: bool = typer.Option(False, "--json", help="Print the recorded answers as JSON."),
) -> None:
    """Appraise a study one question at a time, single keys, every answer saved at once.

    Keys: the instrument's answers (CASP: y yes, n no, c can't tell), t comment, b back,
    Enter keeps your answer (or takes the overall level the stated rule gives), ? help,
    q quit. Run it again to resume at the first question not answered.

    Example: review appraise 4f2k9x1qzp --reviewer alice --tool casp-qualitative

    Example: review appraise 4f2k9x1qzp --reviewer alice --set q1=yes --set q2=cant-tell
    """
    from review_cli.stages import appraise as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui import appraise_view
    from review_cli.ui.console import info, interactive, warn

    project = project_here()
    name = who(project, reviewer, "appraising")
    if set_:
        if not study_id:
            raise UsageError("--set needs the study's ID")
        written = stage.set_answers(project, study_id, name, tool, stage.parse_pairs(set_, "--set"),
                                    stage.parse_pairs(comment or [], "--comment"))
        info(f"{name}: {len(written)} answer(s) recorded.")
        if json_out:
            emit_json([a.to_json() for a in written])
        return
    if comment:
        raise UsageError("--comment goes with --set")
    if not interactive():
        raise ReviewError(
            "`review appraise` needs a terminal (stdin and stdout are not a TTY, or CI is set)",
            hint="for scripts: review appraise ID --reviewer NAME --set q1=yes --set q2=no ...")
    session: list[stage.Session] = []
    appraise_view.run(lambda ask: session.append(stage.run(project, study_id, name, tool, ask)))
    result = session[0]
    for m in result.repaired:
        warn(m)
    info(f"{name}: {result.answered} answer(s) saved this session, {len(result.completed)} "
         f"stud{'y' if len(result.completed) == 1 else 'ies'} completed; "
         f"{result.remaining} left to appraise with {result.tool}."
         + (" Run `review appraise` again to resume." if result.stopped else ""))


@command("compare", parent=appraise_app)
def compare(
    tool: str = typer.Option(None, "--tool", help=TOOL_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the questions two reviewers answered differently, not reconciled yet.

    Example: review appraise compare --tool casp-qualitative
    """
    from review_cli.stages import appraise as stage
    from review_cli.ui import appraise_view
    from review_cli.ui.console import warn

    project = project_here()
    for w in stage.torn_warnings(project):
        warn(w)
    found = stage.compare(project, tool)
    if json_out:
        emit_json([d.to_json() for d in found])
    else:
        appraise_view.render_disagreements(found, stage.instrument_of(project, tool))


@command("reconcile", parent=appraise_app)
def reconcile(
    take: str = typer.Option(None, "--take", help="Settle every disagreement with this "
                             "reviewer's answers."),
    tool: str = typer.Option(None, "--tool", help=TOOL_HELP),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Who reconciles."),
    json_out: bool = typer.Option(False, "--json", help="Print the recorded answers as JSON."),
) -> None:
    """Settle disagreements: walk through them, or take one reviewer's answers with --take.

    The final answer and who decided go to appraise/<tool>/reconciled.jsonl.

    Example: review appraise reconcile --take alice --reviewer carol
    """
    from review_cli.stages import appraise as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui import appraise_view
    from review_cli.ui.console import info, interactive

    project = project_here()
    name = who(project, reviewer, "reconciling")
    if take:
        written = stage.reconcile(project, tool, name,
                                  stage.take(stage.compare(project, tool), take))
    else:
        if not interactive():
            raise ReviewError("the walk-through needs a terminal",
                              hint="script it: `review appraise reconcile --take NAME`")
        written = stage.walk(project, tool, name, appraise_view.prompt_disagreement(
            stage.instrument_of(project, tool), input))
    info(f"{name}: {len(written)} answer(s) reconciled; "
         f"{len(stage.compare(project, tool))} disagreement(s) left.")
    if json_out:
        emit_json([a.to_json() for a in written])


@command("agreement", parent=appraise_app)
def agreement(
    tool: str = typer.Option(None, "--tool", help=TOOL_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Agreement between the reviewers per question: raw agreement and Cohen's kappa.

    Example: review appraise agreement --tool casp-qualitative --json
    """
    from review_cli.stages import appraise as stage
    from review_cli.ui import appraise_view

    project = project_here()
    rows = stage.agreement(project, tool)
    if json_out:
        emit_json([r.to_json() for r in rows])
    else:
        appraise_view.render_agreement(rows, stage.instrument_of(project, tool))
