"""Sentences the report states from the facts: the sources and when each was searched, who
screened, extracted and appraised and how well they agreed, the limits applied. Each returns ""
when the files do not say, so the caller leaves a prompt for the authors instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from review_cli.model import SourceKind, Stage
from review_cli.stages.report._facts import Facts, Pair

TODO = "[to write]"
STAGE_WORDS = {Stage.TITLE_ABSTRACT: "Titles and abstracts", Stage.FULL_TEXT: "Full texts"}
FINAL_RULES = {
    "single": "a record's final decision is its one reviewer's decision",
    "both-include": "a record goes forward when both reviewers include it",
    "reconciled": "a record's final decision is the reviewers' common decision, or, where they "
                  "disagreed, the reconciled one",
}
KIND_WORDS = {SourceKind.DATABASE: "database", SourceKind.REGISTER: "register",
              SourceKind.WEBSITE: "website", SourceKind.ORGANISATION: "organisation",
              SourceKind.CITATION_SEARCHING: "citation searching"}


def todo(hint: str) -> str:
    return f"{TODO} {hint}"


def n(value: int) -> str:
    return f"{value:,}"


def names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def number_word(k: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[k] if 0 <= k < len(words) else n(k)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def kappa(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.2f}"


def searched_on(facts: Facts) -> dict[str, str]:
    """source -> the date it was last searched: the search log's last run, else review.toml's
    `search_date`."""
    out = {s.name: s.search_date for s in facts.protocol.sources if s.search_date}
    for e in facts.log:
        out[str(e["source"])] = str(e["time"])[:10]
    return out


def sources(facts: Facts) -> list[str]:
    """`MEDLINE (database, Ovid), last searched 2022-03-01` for every source."""
    dates = searched_on(facts)
    out = []
    listed = {s.name for s in facts.protocol.sources}
    for s in facts.protocol.sources:
        where = ", ".join(x for x in (KIND_WORDS[s.kind], s.platform) if x)
        when = f"last searched {dates[s.name]}" if s.name in dates else \
            "date last searched not recorded"
        out.append(f"{s.name} ({where}), {when}")
    for e in facts.log:
        if e["source"] not in listed:
            listed.add(str(e["source"]))
            out.append(f"{e['source']} ({e['platform']}), last searched {dates[e['source']]}")
    return out


def undated(facts: Facts) -> list[str]:
    dates = searched_on(facts)
    return [s.name for s in facts.protocol.sources if s.name not in dates]


def strategies(facts: Facts) -> tuple[list[str], list[str]]:
    """(`Source: strategy as run` for the sources whose strategy is recorded, the names of
    those whose strategy is not)."""
    done, missing = [], []
    for row in facts.searches:
        if row.strategy.startswith("not recorded"):
            if row.run != "not imported" or row.source not in missing:
                missing.append(row.source)
        else:
            done.append(f"{row.source} ({row.date}): {row.strategy}")
    return done, sorted(set(missing), key=missing.index)


def limits(facts: Facts) -> str:
    lim = facts.protocol.limits
    parts = []
    if lim.year_from or lim.year_to:
        parts.append(f"published {lim.year_from or '...'} to {lim.year_to or '...'}")
    if lim.languages:
        parts.append("in " + names(list(lim.languages)))
    return "; ".join(parts)


def automation(facts: Facts) -> str:
    """What removed records without a person: the limits, and a stopping rule."""
    c = facts.counts
    removed = c.get("excluded_automatic", 0) + c.get("other_excluded_automatic", 0)
    if not removed or facts.flow is None:
        return ""
    why = "; ".join(f"{reason} {n(k)}" for reason, k in facts.flow.automation.items())
    return (f"{n(removed)} records were marked as ineligible by automation tools before "
            f"screening: the protocol's limits ({limits(facts) or 'review.toml [limits]'}), "
            "applied by review to each record's year and language, and a stopping rule where "
            f"screening stopped on one; each is recorded in include/log.jsonl ({why})")


def agreement_words(facts: Facts, stage: Stage) -> str:
    rows = [a for a in facts.agreement if a.stage == str(stage)]
    out = []
    for a in rows:
        out.append(f"{a.a} and {a.b} both screened {n(a.both)} records and agreed on "
                   f"{n(a.agree)} ({pct(a.agree, a.both)}; Cohen's kappa {kappa(a.kappa)}, "
                   f"PABAK {kappa(a.pabak)})")
    return "; ".join(out)


def selection(facts: Facts) -> list[str]:
    """One sentence per screening stage: how many reviewers, independently, agreement,
    reconciliation."""
    out = []
    for stage, s in facts.screening.items():
        who = len(s.reviewers)
        each = ", ".join(f"{name} {n(k)}" for name, k in sorted(s.reviewers.items()))
        text = (f"{STAGE_WORDS[stage]}: {number_word(who)} reviewer{'s' if who != 1 else ''} "
                f"({each} records)")
        if who > 1:
            text += (", each in their own decision log (screen/" + str(stage) + "/<reviewer>"
                     ".jsonl) without seeing the other's decisions")
        if s.first:
            text += f", {s.first} to {s.last}"
        agreement = agreement_words(facts, stage)
        if agreement:
            text += f"; {agreement}"
        if s.reconciled:
            text += (f"; {n(s.reconciled)} disagreements were reconciled by "
                     f"{names(s.reconcilers)}")
        out.append(text + ".")
    if out:
        rule = FINAL_RULES.get(facts.protocol.screening.final, facts.protocol.screening.final)
        out.append(f"Rule for the final decision (review.toml `screening.final = "
                   f"\"{facts.protocol.screening.final}\"`): {rule}.")
        stop = facts.flow.stopping if facts.flow else None
        if stop:
            said = str(stop.get("statement") or "").rstrip(".")
            out.append(f"Stopping (`review stop`): {said[:1].upper()}{said[1:]}"
                       + (f" (note: {stop['note']})" if stop.get("note") else "") + ".")
        if any(s.ranked for s in facts.screening.values()):
            out.append("Records were screened in the terminal one at a time, the most likely "
                       "relevant first: a classifier (review's `" + facts.protocol.screening.model
                       + "` model) re-ranked the records after every decision; every record was "
                       "decided by a person.")
    return out


def _pairs_text(pairs: Sequence[Pair], what: str) -> str:
    return "; ".join(f"{p.a} and {p.b} agreed on {n(p.agree)} of {n(p.both)} {what} "
                     f"({pct(p.agree, p.both)})" for p in pairs if p.both)


def extraction(facts: Facts) -> str:
    who = facts.extraction_reviewers
    if not who:
        return ""
    text = (f"{number_word(len(who)).capitalize()} reviewer{'s' if len(who) != 1 else ''} "
            f"({names(who)}) extracted the data of each included study with the protocol's "
            "extraction form")
    if len(who) > 1:
        text += (", each in their own file (extract/<reviewer>.jsonl), blinded to the other's; "
                 + _pairs_text(facts.extraction, "field values")
                 + "; disagreements were reconciled (extract/reconciled.jsonl)")
    return text + "."


def appraisal(facts: Facts) -> str:
    inst, who = facts.instrument, facts.appraisal_reviewers
    if inst is None or not who:
        return ""
    text = (f"Quality was appraised with the {inst.name} ({inst.version}; {inst.source}) by "
            f"{number_word(len(who))} reviewer{'s' if len(who) != 1 else ''} ({names(who)})")
    if len(who) > 1:
        text += (", independently, each in their own file; "
                 + _pairs_text(facts.appraisal_pairs, "answers")
                 + "; disagreements were reconciled")
    return text + f". The overall judgement: {inst.rule}"


def arms(facts: Facts) -> str:
    c = facts.counts
    dbr = c.get("database_results", 0) + c.get("register_results", 0)
    other = facts.identified() - dbr
    return f"{n(dbr)} from databases and registers" + (
        f" and {n(other)} from other methods" if other else "")


def flow_summary(facts: Facts) -> list[str]:
    """The flow in words, from the identified records to the included studies."""
    c = facts.counts
    if not c:
        return []

    def both(key: str, other: str) -> int:
        return c.get(key, 0) + c.get(other, 0)

    reasons: dict[str, int] = {}
    for arm in ("dbr", "other"):
        for r in facts.flow.reasons.get(arm, []) if facts.flow else []:
            reasons[r["label"]] = reasons.get(r["label"], 0) + int(r["n"])
    per_reason = [f"{label} {k}" for label, k in reasons.items()]
    sources_n = len([s for g in (facts.flow.sources.values() if facts.flow else []) for s in g])
    other = both("excluded_other", "other_excluded_other")
    removed = [f"Records removed for other reasons: {n(other)}" + (
        " (" + "; ".join(f"{why} (n = {k})" for why, k in facts.flow.removed_other.items()) + ")"
        if facts.flow and facts.flow.removed_other else "")] if other else []
    return [
        f"Records identified: {n(facts.identified())} ({arms(facts)}), from {sources_n} "
        f"source{'s' if sources_n != 1 else ''}",
        f"Duplicate records removed: {n(both('duplicates', 'other_duplicates'))}",
        f"Records marked as ineligible by automation tools: "
        f"{n(both('excluded_automatic', 'other_excluded_automatic'))}",
        *removed,
        f"Records screened: {n(both('records_screened', 'other_records_screened'))}; "
        f"excluded: {n(both('records_excluded', 'other_records_excluded'))}",
        f"Reports sought for retrieval: {n(both('dbr_sought_reports', 'other_sought_reports'))}"
        f"; not retrieved: {n(both('dbr_notretrieved_reports', 'other_notretrieved_reports'))}",
        f"Reports assessed for eligibility: {n(both('dbr_assessed', 'other_assessed'))}; "
        f"excluded with reasons: {n(both('dbr_excluded', 'other_excluded'))}"
        + (f" ({'; '.join(per_reason)})" if per_reason else ""),
        f"Studies included: {n(c.get('total_studies', 0))} (reports: "
        f"{n(c.get('total_reports', 0))})",
    ]

