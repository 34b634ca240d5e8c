"""synthesis: seed, edit, export, import, check, table."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import (
    _Group,
    app,
    command,
    emit_json,
    project_here,
    write_binary,
    write_or_print,
)
from review_cli.errors import ReviewError

synthesis_app = typer.Typer(
    name="synthesis", cls=_Group, no_args_is_help=True, rich_markup_mode=None,
    add_completion=False,
    help="Meta-ethnography and GRADE-CERQual: concepts, translation matrix, line of argument, "
    "CERQual findings and the PPI log, in plain files.\n\n"
    "`seed` starts the concepts from the extraction's quotations; `edit KIND` opens a file in "
    "$EDITOR; `export` / `import` round-trip a workbook; `check` lists every broken rule with "
    "its file and line; `table` writes the matrix and the CERQual tables.\n\n"
    "Example: review synthesis check",
)
app.add_typer(synthesis_app, name="synthesis")

KINDS_HELP = "concepts, matrix, line-of-argument, cerqual or ppi"


@command("seed", parent=synthesis_app)
def seed(json_out: bool = typer.Option(False, "--json", help="Print what was added as JSON."),
         ) -> None:
    """Start (or top up) synthesis/concepts.jsonl from the extraction's quotation blocks.

    Each final (reconciled) quotation becomes a first- or second-order concept of its study;
    quotations already there are left as they are, so it is safe to run again after more
    extraction.

    Example: review synthesis seed
    """
    from review_cli.stages import synthesis as stage
    from review_cli.ui.console import info, warn

    result = stage.seed(project_here())
    for w in result.warnings:
        warn(w)
    info(f"{len(result.added)} concept(s) added from the extraction's quotations; "
         f"{result.total} in synthesis/concepts.jsonl.")
    if json_out:
        emit_json(result.to_json())


@command("edit", parent=synthesis_app)
def edit(
    kind: str = typer.Argument(..., help=f"The file to edit: {KINDS_HELP}."),
    study_id: str = typer.Option(None, "--study", help="concepts: only this study's."),
    from_file: Path = typer.Option(None, "--from",
                                   help="Save this file (as --print writes it) instead of "
                                   "opening $EDITOR."),
    print_form: bool = typer.Option(False, "--print", help="Print the text and save nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print what was saved as JSON."),
) -> None:
    """Edit a synthesis file in $EDITOR, as `git commit` does; it is checked when you save.

    A problem (a relation that is not reciprocal, refutational or absent; a date that is not
    YYYY-MM-DD) opens it again with the errors at the top. Closing it unchanged, or emptied,
    saves nothing. Whether the files agree with each other is `review synthesis check`'s job.

    Example: review synthesis edit matrix

    Example: review synthesis edit concepts --study 4f2k9x1qzp

    Example: review synthesis edit ppi --print > ppi.txt && review synthesis edit ppi --from
    ppi.txt
    """
    from review_cli.stages import synthesis as stage
    from review_cli.ui import editor
    from review_cli.ui.console import info, interactive

    project = project_here()
    if print_form:
        typer.echo(stage.form_text(project, kind, study_id), nl=False)
        return
    if from_file is not None:
        saved = stage.save_file(project, kind, from_file, study_id)
    else:
        if not interactive():
            raise ReviewError(
                "`review synthesis edit` opens $EDITOR, which needs a terminal (stdin is not a "
                "TTY, or CI is set)",
                hint=f"for scripts: `review synthesis edit {kind} --print > {kind}.txt`, edit "
                f"it, then `review synthesis edit {kind} --from {kind}.txt`; or the workbook: "
                "`review synthesis export`")
        suffix = ".md" if kind == "line-of-argument" else ".txt"
        saved = stage.edit(project, kind, lambda text: editor.edit(text, f"review-{kind}"
                                                                         f"{suffix}"), study_id)
    if saved.outcome == "empty":
        info("The text was emptied; nothing was saved.")
    elif not saved.files:
        info("Nothing changed; nothing was saved.")
    else:
        info("Saved " + ", ".join(saved.files) + ": "
             + ", ".join(f"{n} {what}" for what, n in saved.counts.items()) + ".")
    if json_out:
        emit_json(saved.to_json())


@command("export", parent=synthesis_app)
def export(
    out: Path = typer.Option(..., "--out", "-o", help="The workbook to write (.xlsx)."),
) -> None:
    """Write the synthesis workbook: a sheet per file (concepts, matrix, findings, ppi).

    The matrix sheet has a row per third-order concept and a column per included study (in the
    protocol's order), each cell `relation: concept ids`. Work in it, then `review synthesis
    import`.

    Example: review synthesis export --out synthesis.xlsx
    """
    from review_cli.stages import synthesis as stage
    from review_cli.ui.console import info

    data = stage.export_workbook(project_here())
    write_binary(data, out)
    info(f"Wrote {out}.")


@command("import", parent=synthesis_app)
def import_(
    file: Path = typer.Argument(..., help="A workbook written by `review synthesis export`."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check it; save nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print what was saved as JSON."),
) -> None:
    """Read a synthesis workbook back: each sheet it has replaces its file.

    Every problem is listed with its cell (sheet!A1), and then nothing is saved.

    Example: review synthesis import synthesis.xlsx
    """
    from review_cli.stages import synthesis as stage
    from review_cli.ui.console import info

    result = stage.import_workbook(project_here(), file, dry_run)
    counted = ", ".join(f"{n} {what}" for what, n in result.counts.items())
    if dry_run:
        info(f"{file} reads without a problem ({counted}); nothing was saved (dry run).")
    elif result.files:
        info(f"Saved {', '.join(result.files)} ({counted}).")
    else:
        info(f"Nothing changed ({counted}).")
    if json_out:
        emit_json(result.to_json())


@command("check", parent=synthesis_app)
def check(json_out: bool = typer.Option(False, "--json", help="Print as JSON.")) -> None:
    """List every broken rule of the synthesis files, with the file and line; exit 1 if any.

    Rules: every concept a matrix cell uses exists and belongs to that study; every included
    study appears in every row; every third-order concept is grounded in a study; refutational
    cells carry a note; links join third-order concepts; CERQual findings rest on the matrix
    and explain every component; PPI meetings record roles, phase and what changed.

    Example: review synthesis check --json
    """
    from review_cli.stages import synthesis as stage
    from review_cli.ui.console import info, warn

    result = stage.check(project_here())
    if json_out:
        emit_json(result.to_json())
    else:
        for p in result.problems:
            typer.echo(p.text())
    for w in result.warnings:
        warn(w.text())
    if not result.ok:
        raise ReviewError(f"{len(result.problems)} problem(s) in the synthesis files",
                          hint="fix each line named (`review synthesis edit KIND`), then check "
                          "again")
    info("The synthesis files keep every rule.")


@command("table", parent=synthesis_app)
def table(
    what: str = typer.Argument(..., help="concepts, matrix, soqf (Summary of Qualitative "
                               "Findings) or evidence-profile (GRADE-CERQual)."),
    fmt: str = typer.Option("md", "--format", "-f", help="md, csv or xlsx (needs --out)."),
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Write a synthesis table: the concepts, the translation matrix or a CERQual table.

    Example: review synthesis table matrix --format xlsx --out matrix.xlsx

    Example: review synthesis table soqf
    """
    from review_cli.errors import UsageError
    from review_cli.stages import synthesis as stage
    from review_cli.ui.console import info

    if fmt == "xlsx" and out is None:
        raise UsageError("--format xlsx needs --out FILE.xlsx")
    result = stage.table(project_here(), what, fmt)
    if result.data is not None and out is not None:
        write_binary(result.data, out)
        info(f"Wrote {out}: {result.rows} rows.")
    else:
        write_or_print(result.text, out)
