"""extract: study (the default), export, import, compare, reconcile, agreement."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json, group, project_here, write_binary
from review_cli.errors import ReviewError, UsageError

extract_app = group(
    "extract",
    "Data extraction: fill the protocol's form for each included study, blinded, per reviewer.\n\n"
    "`review extract ID --reviewer NAME` opens the study's form in $EDITOR (the same as "
    "`review extract study ID`). A spreadsheet round trip: `export` and `import`. Two "
    "reviewers: `compare`, `reconcile`, `agreement`.\n\n"
    "Example: review extract 4f2k9x1qzp --reviewer alice",
)


@command("study", parent=extract_app)
def study(
    study_id: str = typer.Argument(
        None, metavar="ID", help="The study (unit id, a record id or a unique prefix); "
        "default: your next study not extracted yet."),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Who is extracting."),
    from_file: Path = typer.Option(
        None, "--from", help="Record a filled form from this file instead of opening $EDITOR."),
    print_form: bool = typer.Option(
        False, "--print", help="Print the form (filled with your values) and record nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print what changed as JSON."),
) -> None:
    """Fill one study's extraction form in $EDITOR, as `git commit` does.

    The form is a commented text file: answers under `== field` headings, choices ticked
    [x]. It is checked when you save; a problem opens it again with the errors at the top.
    Closing it unchanged (or emptied) records nothing.

    Example: review extract 4f2k9x1qzp --reviewer alice

    Example: review extract 4f2k9x1qzp -r alice --print > form.txt

    Example: review extract 4f2k9x1qzp -r alice --from form.txt
    """
    from review_cli.stages import extract as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui import editor, extract_view
    from review_cli.ui.console import info, interactive, warn

    project = project_here()
    name = who(project, reviewer, "extracting")
    if print_form:
        typer.echo(stage.form_text(project, study_id, name), nl=False)
        return
    if from_file is not None:
        saved = stage.save_file(project, study_id, name, from_file)
    else:
        if not interactive():
            raise ReviewError(
                "`review extract` opens $EDITOR, which needs a terminal (stdin is not a TTY, or "
                "CI is set)",
                hint="for scripts: `review extract ID --print > form.txt`, fill it, then "
                "`review extract ID --from form.txt`; or the spreadsheet: `review extract export`")
        saved = stage.edit(project, study_id, name,
                           lambda text: editor.edit(text, "review-extraction.txt"))
    for m in saved.repaired:
        warn(m)
    form = stage.form_of(project)
    label = f"{saved.study.label} ({saved.study.id})" if saved.study else ""
    if saved.outcome == "empty":
        info(f"{label}: the form was emptied; nothing was recorded.")
    elif not saved.changes:
        info(f"{label}: no answer changed; nothing was recorded.")
    else:
        extract_view.render_changes(saved.changes, form)
        info(f"{name}: {len(saved.changes)} value(s) recorded for {label}.")
    if json_out:
        emit_json(saved.to_json())


@command("export", parent=extract_app)
def export(
    out: Path = typer.Option(..., "--out", "-o", help="The workbook to write (.xlsx)."),
    fmt: str = typer.Option("xlsx", "--format", "-f", help="xlsx (the only format)."),
    reviewer: str = typer.Option(
        None, "--reviewer", "-r", help="Fill it with this reviewer's values (default: empty)."),
) -> None:
    """Write the extraction workbook: a row per included study, a column per field, drop-downs.

    One sheet per form (`extraction`, and one per repeated-blocks field such as quotations),
    and a `guide` sheet describing every field. Fill it in, then `review extract import`.

    Example: review extract export --format xlsx --reviewer bob --out extraction-bob.xlsx
    """
    from review_cli.stages import extract as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui.console import info

    if fmt != "xlsx":
        raise UsageError(f"unknown format `{fmt}`", hint="the workbook is written as xlsx")
    project = project_here()
    name = who(project, reviewer, "extracting") if reviewer else None
    data, rows = stage.export_workbook(project, name)
    write_binary(data, out)
    info(f"Wrote {out}: {rows} studies" + (f", filled with {name}'s values" if name else "") + ".")


@command("import", parent=extract_app)
def import_(
    file: Path = typer.Argument(..., help="A workbook written by `review extract export`."),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Whose extraction it is."),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would change; record nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print the changes as JSON."),
) -> None:
    """Read a filled extraction workbook back as one reviewer's values, showing what changed.

    Every row with answers is that reviewer's extraction of its study. Unknown study ids,
    values outside the choices and missing required fields are all listed with their cell
    (sheet!A1), and then nothing is recorded.

    Example: review extract import extraction-bob.xlsx --reviewer bob
    """
    from review_cli.stages import extract as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui import extract_view
    from review_cli.ui.console import info, warn

    project = project_here()
    name = who(project, reviewer, "extracting")
    result = stage.import_workbook(project, file, name, dry_run)
    for m in result.repaired:
        warn(m)
    extract_view.render_changes(result.changes, stage.form_of(project))
    verb = "would be recorded (dry run)" if dry_run else "recorded"
    info(f"{name}: {len(result.changes)} value(s) {verb} from {result.rows} row(s) of {file}.")
    if json_out:
        emit_json(result.to_json())


@command("compare", parent=extract_app)
def compare(
    ids: list[str] = typer.Argument(None, help="Only these studies."),
    json_out: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """List the fields two reviewers extracted differently, not reconciled yet.

    Text is compared ignoring case and spacing, choices as sets, blocks in any order.

    Example: review extract compare --json
    """
    from review_cli.stages import extract as stage
    from review_cli.ui import extract_view
    from review_cli.ui.console import warn

    project = project_here()
    for w in stage.torn_warnings(project):
        warn(w)
    found = stage.compare(project, ids or None)
    if json_out:
        emit_json([d.to_json() for d in found])
    else:
        extract_view.render_disagreements(found, stage.form_of(project))


@command("reconcile", parent=extract_app)
def reconcile(
    take: str = typer.Option(None, "--take", help="Settle every disagreement with this "
                             "reviewer's values (with IDS: those studies only)."),
    ids: list[str] = typer.Argument(None, help="Only these studies (with --take)."),
    study_id: str = typer.Option(None, "--study", help="With --field and --value: settle one "
                                 "field of this study with a value you give."),
    field: str = typer.Option(None, "--field", help="The field to settle (with --study)."),
    value: str = typer.Option(None, "--value", help="The final value (with --study, --field)."),
    reviewer: str = typer.Option(None, "--reviewer", "-r", help="Who reconciles."),
    json_out: bool = typer.Option(False, "--json", help="Print the recorded values as JSON."),
) -> None:
    """Settle disagreements: walk through them, or script it with --take or --study/--field.

    The final value and who decided go to extract/reconciled.jsonl.

    Example: review extract reconcile --take alice --reviewer carol
    """
    from review_cli.stages import extract as stage
    from review_cli.stages.studies import reviewer as who
    from review_cli.ui import extract_view
    from review_cli.ui.console import info, interactive

    project = project_here()
    name = who(project, reviewer, "reconciling")
    one = (study_id, field, value)
    if any(x is not None for x in one):
        if None in one or take:
            raise UsageError("give --study, --field and --value together, without --take")
        written = stage.reconcile(project, name, [stage.typed(project, study_id, field, value)])
    elif take:
        written = stage.reconcile(project, name, stage.take(stage.compare(project, ids or None),
                                                             take))
    else:
        if not interactive():
            raise ReviewError("the walk-through needs a terminal",
                              hint="script it: `review extract reconcile --take NAME` or "
                              "`--study ID --field F --value TEXT`")
        written = stage.walk(project, name,
                             extract_view.prompt_disagreement(stage.form_of(project), input))
    info(f"{name}: {len(written)} value(s) reconciled; "
         f"{len(stage.compare(project))} disagreement(s) left.")
    if json_out:
        emit_json([e.to_json() for e in written])


@command("agreement", parent=extract_app)
def agreement(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """Agreement between the reviewers per field: raw agreement, and Cohen's kappa for choices.

    Example: review extract agreement --json
    """
    from review_cli.stages import extract as stage
    from review_cli.ui import extract_view

    rows = stage.agreement(project_here())
    if json_out:
        emit_json([r.to_json() for r in rows])
    else:
        extract_view.render_agreement(rows)
