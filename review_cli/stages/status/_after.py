"""What `review status` says about extraction and appraisal: per reviewer, how many included
studies they have finished; the disagreements not reconciled yet."""

from __future__ import annotations

from typing import Any

from review_cli.errors import ReviewError
from review_cli.forms import is_complete
from review_cli.instruments import find
from review_cli.project import Project
from review_cli.stages.studies import included_ids
from review_cli.store import appraisal as appraisal_store
from review_cli.store import extraction as extraction_store


def counts(project: Project) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """stage -> counts, and warnings; nothing before anyone extracted or appraised."""
    extracting = project.extract_dir.is_dir()
    tools = appraisal_store.tools(project)
    if not extracting and not tools:
        return {}, []
    studies = included_ids(project)
    out: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    form = project.protocol.extraction
    if extracting and form is not None:
        per = {n: extraction_store.values(log.entries)
               for n, log in extraction_store.reviewer_logs(project).items()}
        reconciled = extraction_store.reconciled_log(project).entries
        row: dict[str, Any] = {"included studies": len(studies)}
        for name, done in sorted(per.items()):
            row[f"extracted by {name}"] = sum(
                1 for s in studies if s in done and is_complete(form, done[s]))
        finals = extraction_store.settle(form, per, reconciled)
        row["disagreements"] = sum(1 for s, fields in finals.items() if s in studies
                                   for f in fields.values() if f.conflict)
        row["reconciled values"] = len(reconciled)
        out["extract"] = row
        warnings += extraction_store.torn_warnings(project)
    for tool in tools:
        try:
            inst = find(tool, project.root)
        except ReviewError:
            warnings.append(f"appraise/{tool}/: no instrument `{tool}` (name its file in "
                            "review.toml's [appraisal] tool)")
            continue
        logs = {n: appraisal_store.latest(log.answers)
                for n, log in appraisal_store.reviewer_logs(project, tool).items()}
        row = {"included studies": len(studies)}
        for name, done in sorted(logs.items()):
            row[f"appraised by {name}"] = sum(
                1 for s in studies if s in done and all(
                    q in done[s] for q in inst.questions(
                        done[s]["design"].answer if "design" in done[s] else None)))
        questions = ["design", *(i.id for i in inst.items), "overall"]
        per_answers = {n: {s: {q: a.answer for q, a in r.items()} for s, r in done.items()}
                       for n, done in logs.items()}
        reconciled_answers = appraisal_store.reconciled_log(project, tool).answers
        finals = appraisal_store.settle(per_answers, reconciled_answers, questions)
        row["disagreements"] = sum(1 for s, qs in finals.items() if s in studies
                                   for f in qs.values() if f.conflict)
        row["reconciled answers"] = len(reconciled_answers)
        out[f"appraise {tool}"] = row
    warnings += appraisal_store.torn_warnings(project)
    return out, warnings
