"""What `review fulltext fetch` and `review fulltext missing` print."""

from __future__ import annotations

from review_cli.stages.fulltext import FetchResult, MissingResult

STATUS_LABEL = {
    "fetched": "fetched", "present": "already there", "not-found": "no open-access copy found",
    "no-ids": "no DOI, PMID or OpenAlex id to look it up by",
}


def fetch_summary(result: FetchResult) -> list[str]:
    """Lines for stderr: one per unit fetched or not found, then the totals."""
    lines = []
    for o in result.outcomes:
        if o.status == "fetched":
            lines.append(f"{o.unit}: {o.file} from {o.source}"
                         + (f" ({o.licence})" if o.licence else ""))
        elif o.status in ("not-found", "no-ids"):
            lines.append(f"{o.unit}: {STATUS_LABEL[o.status]}")
            lines += [f"    tried {t}" for t in o.tried]
    c = result.counts()
    lines.append(
        f"{c['fetched']} report(s) fetched, {c['present']} already there, "
        f"{c['not-found'] + c['no-ids']} not found"
        + (f" ({result.retries} retried requests)" if result.retries else "")
    )
    if c["not-found"] + c["no-ids"]:
        lines.append("Next: `review fulltext missing` lists them with the ids to request; "
                     "`review fulltext attach ID FILE` adds one you obtained.")
    return lines


def missing_lines(result: MissingResult) -> list[str]:
    """Lines for stdout: one per report still missing, tab-separated (spreadsheet-ready)."""
    lines = ["unit\tdoi\tpmid\tfirst_author\tyear\ttitle\tfull_text_decision"]
    for m in result.missing:
        decision = m.decision or ("fetched before, not in this checkout" if m.indexed else "")
        lines.append("\t".join(
            [m.unit, m.doi, m.pmid, m.first_author, str(m.year or ""), " ".join(m.title.split()),
             decision]))
    return lines


def missing_summary(result: MissingResult) -> str:
    decided = sum(1 for m in result.missing if m.decision == "not-retrieved")
    text = (f"{result.with_report} of {result.sought} reports sought are in fulltext/; "
            f"{len(result.missing)} missing")
    if result.missing:
        text += (f" ({decided} already decided not retrieved). Request them by DOI/PMID, "
                 "then `review fulltext attach ID FILE`; one that cannot be had: "
                 "`review decide ID --not-retrieved --stage full-text`.")
    return text + ("" if result.missing else ".")
