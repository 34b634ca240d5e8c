"""How `review demo` reports: each step, then the PRISMA counts and where the files are."""

from __future__ import annotations

from pathlib import Path

from review_cli.stages.demo import DemoResult
from review_cli.ui.console import err, out

_MARK = {"done": "[green]done[/]", "partial": "[yellow]partial[/]", "pending": "[yellow]pending[/]",
         "skipped": "[dim]skipped[/]"}


def render(result: DemoResult, folder: Path) -> None:
    err.print(f"Example review created in [bold]{result.root}[/]", markup=True, highlight=False)
    for step in result.steps:
        err.print(f"  {step.name:<22} {_MARK.get(step.status, step.status)}  {step.summary}", markup=True, highlight=False)
        for line in step.details:
            err.print(f"      {line}", markup=False, highlight=False)
    exp = result.expected
    if result.prisma is not None:
        out.print("PRISMA 2020 counts (prisma/prisma.json):", markup=False)
        for key, value in result.prisma.items():
            out.print(f"  {key}: {value}", markup=False)
        if result.svg is not None:
            out.print(f"PRISMA diagram: {result.svg}", markup=False)
    else:
        out.print("PRISMA diagram: not drawn yet (the prisma step is pending in this build).", markup=False)
    out.print("Expected PRISMA counts from the generator's ground truth (demo/labels.jsonl):", markup=False)
    out.print(f"  identified {exp['identified_total']:,} from {len(exp['identified'])} sources; "
              f"duplicates removed {exp['duplicates_removed']:,}; "
              f"excluded by date/language limits {sum(exp['automation_excluded'].values())}", markup=False)
    out.print(f"  screened {exp['screened']:,}; excluded at title/abstract {exp['title_abstract_excluded']:,}; "
              f"full texts sought {exp['sought']}, not retrieved {exp['not_retrieved']}, assessed {exp['assessed']}", markup=False)
    reasons = ", ".join(f"{code} {n}" for code, n in exp["full_text_excluded"].items())
    out.print(f"  excluded at full text {sum(exp['full_text_excluded'].values())} ({reasons}); included {exp['included']}",
              markup=False)
    err.print(f"Next: cd {folder} && review status", markup=False, highlight=False)
