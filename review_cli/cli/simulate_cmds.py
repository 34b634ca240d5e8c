"""simulate: replay a labelled dataset through the ranking engine and the stopping rules."""

from __future__ import annotations

from pathlib import Path

import typer

from review_cli.cli.base import command


@command("simulate")
def simulate(
    dataset: Path = typer.Argument(
        ...,
        help="Labelled dataset: CSV/TSV (.gz too) or RIS with title, "
        "abstract and a 0/1 label column.",
    ),
    seed: int = typer.Option(42, "--seed", help="Seed for the random start and the tie-breaks."),
    prior: list[str] = typer.Option(
        None, "--prior",
        help="Record id to start from (repeatable); default: one relevant and one "
        "irrelevant drawn with the seed.",
    ),
    model: str = typer.Option(
        "default", "--model",
        help="Ranking model: default (= fast-svm), char3 (fast-svm with character 3-grams, "
        "experimental), elas-fast, elas (ASReview elas_u4 replica), svm, logreg, nb or sgd "
        "(docs/rank.md).",
    ),
    target: float = typer.Option(
        0.95, "--target", help="Target recall of the statistical stopping rule."
    ),
    confidence: float = typer.Option(
        0.95, "--confidence", help="Confidence of the statistical stopping rule."
    ),
    json_file: Path = typer.Option(
        None, "--json",
        help="Write order, priors, seed, model, metrics, stopping and seconds to this JSON file.",
    ),
    plot: Path = typer.Option(
        None, "--plot", help="Write the recall curve (SVG) with the stopping points to this file."
    ),
) -> None:
    """Replay a labelled dataset as if a reviewer screened every record in the ranked order.

    Prints WSS@95, RRF@10 and where each stopping rule would have stopped (metrics exclude the
    prior records; WSS as in Cohen et al. 2006).

    Example: review simulate records.csv --seed 1 --json sim.json --plot sim.svg
    """
    from review_cli.stages import simulate as stage
    from review_cli.ui.console import RichProgress, info, warn

    result = stage.simulate_file(
        dataset, seed=seed, priors=prior or (), model=model, target=target, confidence=confidence,
        json_path=json_file, plot_path=plot, progress=RichProgress(),
    )
    for w in result.warnings:
        warn(f"{dataset}: {w}")
    sim = result.simulation
    m = sim.metrics

    def num(key: str, fmt: str) -> str:  # a metric a tiny dataset cannot give is None
        return "n/a" if m.get(key) is None else format(m[key], fmt)

    info(
        f"{sim.dataset}: {len(sim.order)} records, {sim.n_relevant} relevant, "
        f"priors {', '.join(sim.priors)}; "
        f"WSS@95 {num('wss@95', '.3f')}, WSS@100 {num('wss@100', '.3f')}, "
        f"RRF@10 {num('rrf@10', '.1f')}, "
        f"95% recall after {num('n_screened_at_95', '')} records ({sim.seconds:.1f} s)"
    )
    for rule, where in sim.stopping.items():
        if where["stopped_at"] is None:
            info(f"  {rule}: never stopped")
        else:
            info(
                f"  {rule}: stopped after {where['stopped_at']} records, "
                f"recall {where['recall']:.3f}, work saved {where['work_saved']:.3f}"
            )
