"""How `review demo` reports: each step, then the PRISMA counts and where the files are."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from rich.markup import escape

from review_cli.stages.demo import DemoResult
from review_cli.ui.console import err, out

_MARK = {"done": "[green]done[/]", "partial": "[yellow]partial[/]", "skipped": "[dim]skipped[/]"}


# (label, databases-and-registers keys, other-methods keys) of prisma.json's counts.
PRISMA_ROWS = (
    ("records identified", ("database_results", "register_results"),
     ("website_results", "organisation_results", "citations_results")),
    ("duplicates removed", ("duplicates",), ("other_duplicates",)),
    ("ineligible by automation (limits)", ("excluded_automatic",), ("other_excluded_automatic",)),
    ("removed for other reasons", ("excluded_other",), ("other_excluded_other",)),
    ("records screened", ("records_screened",), ("other_records_screened",)),
    ("records excluded", ("records_excluded",), ("other_records_excluded",)),
    ("reports sought for retrieval", ("dbr_sought_reports",), ("other_sought_reports",)),
    ("reports not retrieved", ("dbr_notretrieved_reports",), ("other_notretrieved_reports",)),
    ("reports assessed for eligibility", ("dbr_assessed",), ("other_assessed",)),
    ("reports excluded, with reasons", ("dbr_excluded",), ("other_excluded",)),
)


def render_prisma(counts: dict[str, int]) -> None:
    out.print(
        f"{'PRISMA 2020 counts (prisma/prisma.json)':<40} {'databases':>10} {'other':>8}",
        markup=False,
    )
    for label, dbr, other in PRISMA_ROWS:
        a = sum(int(counts.get(k, 0)) for k in dbr)
        b = sum(int(counts.get(k, 0)) for k in other)
        out.print(f"  {label:<38} {a:>10,} {b:>8,}", markup=False)
    out.print(
        f"  {'studies included in the review':<38} {int(counts.get('total_studies', 0)):>10,}",
        markup=False,
    )


def render(result: DemoResult, folder: Path) -> None:
    if result.existing:
        err.print(escape(result.steps[0].summary), markup=True, highlight=False)
        if result.prisma is not None and result.svg is not None:
            out.print(f"PRISMA diagram: {_shown(result.svg)}", markup=False)
        err.print(f"Next: cd {folder} && {_review_command(result.root)} status", markup=False,
                  highlight=False)
        return
    err.print(
        f"Example review created in [bold]{escape(str(result.root))}[/]", markup=True,
        highlight=False,
    )
    for step in result.steps:
        err.print(
            f"  {step.name:<22} {_MARK.get(step.status, step.status)}  {escape(step.summary)}",
            markup=True, highlight=False,
        )
        for line in step.details:
            err.print(f"      {line}", markup=False, highlight=False)
    if result.prisma is not None:
        render_prisma(result.prisma.get("counts", {}))
        if result.svg is not None:
            out.print(f"PRISMA diagram: {_shown(result.svg)}", markup=False)
    elif (prisma := next((s for s in result.steps if s.name == "prisma"), None)) is not None:
        out.print(
            f"PRISMA diagram: not drawn (prisma step {prisma.status}: {prisma.summary}).",
            markup=False,
        )
    else:
        out.print(
            f"PRISMA diagram: not drawn (the demo stopped after {result.steps[-1].name}).",
            markup=False,
        )
    if result.prisma is not None and not result.differences:
        out.print(
            "These are exactly the counts the generator's ground truth implies "
            "(demo/labels.jsonl).",
            markup=False,
        )
    else:
        for line in result.differences:
            out.print(f"  differs from the ground truth: {line}", markup=False)
        _render_expected(result)
    screened = any(s.name == "title-abstract" and s.status == "done" for s in result.steps)
    nxt = "review status" if screened else "review status, then review screen"
    review = _review_command(result.root)
    err.print(
        f"Next: cd {folder} && {nxt.replace('review', review)}", markup=False, highlight=False
    )


def _shown(path: Path) -> str:
    """A path relative to the current folder when it is below it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _render_expected(result: DemoResult) -> None:
    exp = result.expected
    out.print(
        "Expected PRISMA counts from the generator's ground truth (demo/labels.jsonl):",
        markup=False,
    )
    out.print(f"  identified {exp['identified_total']:,} from {len(exp['identified'])} sources; "
              f"duplicates removed {exp['duplicates_removed']:,}; "
              f"excluded by date/language limits {sum(exp['automation_excluded'].values())}",
              markup=False)
    out.print(f"  screened {exp['screened']:,}; "
              f"excluded at title/abstract {exp['title_abstract_excluded']:,}; "
              f"full texts sought {exp['sought']}, not retrieved {exp['not_retrieved']}, "
              f"assessed {exp['assessed']}", markup=False)
    reasons = ", ".join(f"{code} {n}" for code, n in exp["full_text_excluded"].items())
    out.print(f"  excluded at full text {sum(exp['full_text_excluded'].values())} ({reasons}); "
              f"included {exp['included']}",
              markup=False)


def _review_command(root: Path) -> str:
    """`review` when it is on PATH, else the path to it from the demo folder (`make demo`)."""
    if shutil.which("review") or not sys.argv or not sys.argv[0].endswith("review"):
        return "review"
    return os.path.relpath(os.path.abspath(sys.argv[0]), root)
