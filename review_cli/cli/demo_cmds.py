"""demo: a whole example review, end to end, in one command."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command, emit_json


@command("demo")
def demo(
    folder: Path = typer.Argument(
        Path("demo-review"), help="Folder to create the example review in."
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace the folder if it already holds a review."
    ),
    seed: int = typer.Option(
        2022, "--seed", help="Seed of the generated records (same seed, same files)."
    ),
    until: str = typer.Option(
        None, "--until",
        help="Stop after this step (create, import, dedup, title-abstract, full-text, include, "
        "prisma, extract, appraise), e.g. to screen the records yourself.",
    ),
    json_out: bool = typer.Option(
        False, "--json", help="Print the steps and PRISMA counts as JSON."
    ),
) -> None:
    """Create an example review (13 sources, 2,097 records) and run the whole pipeline on it.

    The records are generated (no third-party text); two simulated reviewers screen them from
    the generator's ground truth. The folder is a real review you can keep working in.

    Example: review demo demo-review && cd demo-review && review status

    Example: review demo my-try --until dedup && cd my-try && review screen
    """
    from review_cli.stages import demo as stage
    from review_cli.ui import demo_view
    from review_cli.ui.console import RichProgress

    result = stage.run(folder, force=force, seed=seed, progress=RichProgress(), until=until)
    if json_out:
        emit_json(result.to_json())
    else:
        demo_view.render(result, folder)
