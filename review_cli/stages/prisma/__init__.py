"""`review prisma`: the PRISMA 2020 flow counts, checked, and the files that show them.

Counts come from the inclusion log's units (see `stages/include.py`), box by box as sets of
unit ids, and the PRISMA arithmetic is checked on them before anything is written:

    identified - duplicates - automation - other = screened
    screened - excluded = sought
    sought - not retrieved = assessed
    assessed - excluded = included

A unit still waiting for a decision breaks the second or fourth line; the error names the units
and what each one waits for. `allow_pending` draws an interim diagram with an "awaiting a
decision" count instead. Everything written is deterministic: no dates, no versions, no ids.
"""

from __future__ import annotations

import difflib
import gc
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from review_cli.errors import ReviewError
from review_cli.io import prisma_svg, prisma_text
from review_cli.io.writer import dumps_json, sha256_bytes
from review_cli.model import DBR_KINDS, SourceKind
from review_cli.project import Project
from review_cli.stages import include
from review_cli.stages.include import Arm, Inclusion, Status
from review_cli.store import flow as flow_store
from review_cli.store import inclusion as inclusion_store
from review_cli.store import lock
from review_cli.store import prisma as prisma_store
from review_cli.store.locking import locked
from review_cli.store.stopping import describe as describe_stop
from review_cli.store.transaction import transaction

STAGE = "prisma"
SCHEMA = 1
MAX_NAMED = 10  # units named in an arithmetic error
MAX_DIFF_LINES = 200  # per file, in `--check` output

SOURCE_GROUPS = {
    SourceKind.DATABASE: "databases",
    SourceKind.REGISTER: "registers",
    SourceKind.WEBSITE: "websites",
    SourceKind.ORGANISATION: "organisations",
    SourceKind.CITATION_SEARCHING: "citation_searching",
}
RESULT_KEYS = {
    SourceKind.DATABASE: "database_results",
    SourceKind.REGISTER: "register_results",
    SourceKind.WEBSITE: "website_results",
    SourceKind.ORGANISATION: "organisation_results",
    SourceKind.CITATION_SEARCHING: "citations_results",
}
# Box keys per arm: PRISMA2020-app names for the databases arm. The other arm's removal and
# screening counts are not boxes of the template (which goes from identification straight to
# "Reports sought for retrieval"): prisma.json keeps them under an `other_` prefix, and the
# diagram and PRISMA.csv state them in the label of that arm's "Reports sought" box.
ARM_KEYS = {
    Arm.DBR: {
        "duplicates": "duplicates",
        "automation": "excluded_automatic",
        "other": "excluded_other",
        "screened": "records_screened",
        "excluded": "records_excluded",
        "pending_ta": "records_pending",
        "sought": "dbr_sought_reports",
        "not_retrieved": "dbr_notretrieved_reports",
        "assessed": "dbr_assessed",
        "ft_excluded": "dbr_excluded",
        "pending_ft": "dbr_pending_reports",
        "included": "dbr_included",
    },
    Arm.OTHER: {
        "duplicates": "other_duplicates",
        "automation": "other_excluded_automatic",
        "other": "other_excluded_other",
        "screened": "other_records_screened",
        "excluded": "other_records_excluded",
        "pending_ta": "other_records_pending",
        "sought": "other_sought_reports",
        "not_retrieved": "other_notretrieved_reports",
        "assessed": "other_assessed",
        "ft_excluded": "other_excluded",
        "pending_ft": "other_pending_reports",
        "included": "other_included",
    },
}
ARM_LABEL = {Arm.DBR: "databases and registers", Arm.OTHER: "other methods"}
NO_REASON_LABEL = "Reason not recorded"


@dataclass
class Flow:
    """Every PRISMA 2020 count of one review; `to_json()` is prisma.json."""

    title: str
    counts: dict[str, int]
    sources: dict[str, dict[str, int]]
    reasons: dict[str, list[dict[str, Any]]]  # arm key -> [{code, label, n}]
    automation: dict[str, int]  # automation reason (without the record's own year) -> n
    update: bool
    other_methods: bool
    interim: bool  # drawn with units awaiting a decision
    removed_other: dict[str, int] = field(default_factory=dict)  # why -> n
    stopping: dict[str, Any] | None = None  # the reviewers' recorded stop, if any
    warnings: list[str] = field(default_factory=list)  # not written

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "title": self.title,
            "update": self.update,
            "other_methods": self.other_methods,
            "interim": self.interim,
            "counts": self.counts,
            "sources": self.sources,
            "excluded_reasons": self.reasons,
            "automation": self.automation,
            "removed_other": self.removed_other,
            "stopping": self.stopping,
        }


@dataclass
class ArmBoxes:
    """One arm's boxes, counted: identification and duplicates in records, the rest in units."""

    identified: int
    duplicates: int
    automation: int
    other: int
    screened: int
    excluded: int
    pending_ta: int  # screened, with no final title/abstract decision
    sought: int
    not_retrieved: int
    assessed: int
    ft_excluded: int
    pending_ft: int  # assessed, with no final full-text decision
    included: int


# Every unit's status puts it in the boxes of its arm below identification (see `arm_boxes`).
_SOUGHT = (Status.NOT_RETRIEVED, Status.EXCLUDED_FT, Status.PENDING_FT, Status.INCLUDED)


def arm_boxes(
    tally: Counter[tuple[Arm, Status, str]], records: dict[Arm, int]
) -> dict[Arm, ArmBoxes]:
    """Both arms' boxes from `tally`, the units per (arm, status, reason). `records`: how many
    records came from each arm's kinds of source (every record of an arm but one per unit is
    a duplicate)."""
    per: dict[Arm, Counter[Status]] = {arm: Counter() for arm in records}
    for (arm, status, _), n in tally.items():
        per[arm][status] += n
    boxes = {}
    for arm, n in records.items():
        c = per[arm]
        units = sum(c.values())
        sought = sum(c[s] for s in _SOUGHT)
        removed = c[Status.INELIGIBLE] + c[Status.REMOVED_OTHER]
        boxes[arm] = ArmBoxes(
            identified=n, duplicates=n - units, automation=c[Status.INELIGIBLE],
            other=c[Status.REMOVED_OTHER],
            screened=units - removed, excluded=c[Status.EXCLUDED_TA],
            pending_ta=c[Status.PENDING_TA],
            sought=sought, not_retrieved=c[Status.NOT_RETRIEVED],
            assessed=sought - c[Status.NOT_RETRIEVED],
            ft_excluded=c[Status.EXCLUDED_FT], pending_ft=c[Status.PENDING_FT],
            included=c[Status.INCLUDED],
        )
    return boxes


def _named(inc: Inclusion, arm: Arm, status: Status) -> str:
    """The units of an arm with a status, the first few by id with what each waits for."""
    ordered = sorted(u.id for u in inc.units.values() if u.arm == arm and u.status == status)
    shown = include.statuses_of(inc, ordered[:MAX_NAMED])
    more = (
        f" and {len(ordered) - MAX_NAMED} more (see include/log.jsonl)"
        if len(ordered) > MAX_NAMED else ""
    )
    return "; ".join(shown) + more


def check_arithmetic(inc: Inclusion, arm: Arm, b: ArmBoxes, allow_pending: bool) -> list[str]:
    """The four PRISMA identities for one arm; each violation names boxes and units."""
    where = ARM_LABEL[arm]
    problems = []
    left = b.identified - b.duplicates - b.automation - b.other
    if left != b.screened:
        problems.append(
            f"({where}) Records identified ({b.identified}) "
            f"- Duplicate records removed ({b.duplicates}) "
            f"- Records marked as ineligible by automation tools ({b.automation}) "
            f"- Records removed for other reasons ({b.other}) = {left}, "
            f"but Records screened = {b.screened}"
        )
    shown_ta = b.pending_ta if allow_pending else 0
    if b.screened - b.excluded - shown_ta != b.sought:
        problems.append(
            f"({where}) Records screened ({b.screened}) - Records excluded ({b.excluded}) = "
            f"{b.screened - b.excluded}, but Reports sought for retrieval = {b.sought}: "
            f"{b.pending_ta} record(s) have no final title/abstract decision: "
            f"{_named(inc, arm, Status.PENDING_TA)}"
        )
    if b.sought - b.not_retrieved != b.assessed:
        problems.append(
            f"({where}) Reports sought for retrieval ({b.sought}) - Reports not retrieved "
            f"({b.not_retrieved}) != Reports assessed for eligibility ({b.assessed})"
        )
    shown_ft = b.pending_ft if allow_pending else 0
    if b.assessed - b.ft_excluded - shown_ft != b.included:
        problems.append(
            f"({where}) Reports assessed for eligibility ({b.assessed}) - Reports excluded "
            f"({b.ft_excluded}) = {b.assessed - b.ft_excluded}, but Studies included = "
            f"{b.included}: {b.pending_ft} report(s) have no final full-text decision: "
            f"{_named(inc, arm, Status.PENDING_FT)}"
        )
    return problems


def _reasons(inc: Inclusion, counts: Counter[str]) -> list[dict[str, Any]]:
    """Full-text exclusions per reason code, in review.toml's order."""
    order = {r.code: i for i, r in enumerate(inc.protocol.reasons)}
    out = []
    for code in sorted(counts, key=lambda c: (c == "", order.get(c, len(order)), c)):
        label = inc.reason_label(code) if code else NO_REASON_LABEL
        out.append({"code": code, "label": label, "n": counts[code]})
    return out


def compute(inc: Inclusion, allow_pending: bool = False) -> Flow:
    """All counts of the diagram; raises ReviewError naming boxes and units if they do not add
    up."""
    protocol = inc.protocol
    warnings: list[str] = []
    # Only what the review searched is drawn: a source with records, or one the protocol gives
    # a search date (searched, with no results). A template's unused source is left out.
    sources: dict[str, dict[str, int]] = {group: {} for group in SOURCE_GROUPS.values()}
    for s in protocol.sources:
        if s.search_date:
            sources[SOURCE_GROUPS[s.kind]][s.name] = 0
    # (source, kind) -> n
    for (source, kind), n in Counter(map(itemgetter(1, 2), inc.records.values())).items():
        group = sources[SOURCE_GROUPS[kind]]
        group[source] = group.get(source, 0) + n
    drawn = {name for group in sources.values() for name in group}
    unsearched = [s.name for s in protocol.sources if s.name not in drawn]
    if unsearched:
        warnings.append(
            f"{', '.join(unsearched)}: listed in review.toml, but nothing was imported from "
            f"{'it' if len(unsearched) == 1 else 'them'} and no search_date says "
            f"{'it was' if len(unsearched) == 1 else 'they were'} searched: left out of the "
            "diagram (give a source its search_date if it was searched and found nothing)")
    sources = {
        g: dict(sorted(v.items(), key=lambda kv: kv[0].casefold())) for g, v in sources.items()
    }

    counts: dict[str, int] = {}
    prev = protocol.previous
    counts["previous_studies"] = prev.studies if prev else 0
    counts["previous_reports"] = prev.reports if prev else 0
    for kind, key in RESULT_KEYS.items():
        counts[key] = sum(sources[SOURCE_GROUPS[kind]].values())

    problems: list[str] = []
    reasons: dict[str, list[dict[str, Any]]] = {}
    # One pass over the units, in C: the few distinct (arm, status, reason) and how many of each.
    tally: Counter[tuple[Arm, Status, str]] = Counter(map(itemgetter(1, 4, 5), inc.units.values()))
    dbr_records = sum(counts[RESULT_KEYS[kind]] for kind in DBR_KINDS)
    boxes = arm_boxes(tally, {Arm.DBR: dbr_records, Arm.OTHER: len(inc.records) - dbr_records})
    for arm in Arm:
        b = boxes[arm]
        problems.extend(check_arithmetic(inc, arm, b, allow_pending))
        keys = ARM_KEYS[arm]
        for name in ("duplicates", "automation", "other", "screened", "excluded", "pending_ta",
                     "sought", "not_retrieved", "assessed", "ft_excluded", "pending_ft",
                     "included"):
            counts[keys[name]] = getattr(b, name)
        excluded: Counter[str] = Counter()
        for (a, status, reason), n in tally.items():
            if a == arm and status == Status.EXCLUDED_FT:
                excluded[reason] += n
        reasons["dbr" if arm == Arm.DBR else "other"] = _reasons(inc, excluded)
    new = counts["dbr_included"] + counts["other_included"]
    if problems:
        unscreened = any(u.detail == include.NOT_SCREENED for u in inc.units.values())
        if unscreened and protocol.screening.unscreened == "automation":
            problems.append(include.UNSCREENED_OPTION_IGNORED)
        raise ReviewError(
            "the PRISMA 2020 counts do not add up:\n  " + "\n  ".join(problems),
            hint="decide the records named (`review screen` / `review decide`), reconcile "
            "conflicts, "
            + ("record that screening stopped early (`review stop`), " if unscreened else "")
            + "or run `review prisma --allow-pending` for an interim diagram that shows them "
            "as awaiting a decision",
        )
    # One report per study: the review links no separate reports of one study yet.
    counts["new_studies"] = counts["new_reports"] = new
    counts["total_studies"] = counts["previous_studies"] + new
    counts["total_reports"] = counts["previous_reports"] + new

    automation: Counter[str] = Counter()
    removed_other: Counter[str] = Counter()
    for (_, status, why), n in tally.items():
        if status == Status.INELIGIBLE:
            # a few distinct reasons, 10,000s of units
            automation[include.automation_category(why)] += n
        elif status == Status.REMOVED_OTHER:
            removed_other[why] += n
    other_methods = any(sources[SOURCE_GROUPS[kind]] for kind in SourceKind
                        if kind not in DBR_KINDS)
    return Flow(
        title=protocol.title,
        counts=counts,
        sources=sources,
        reasons=reasons,
        automation=dict(sorted(automation.items())),
        update=prev is not None,
        other_methods=other_methods,
        interim=bool(
            counts["records_pending"] + counts["dbr_pending_reports"]
            + counts["other_records_pending"] + counts["other_pending_reports"]
        ),
        removed_other=dict(sorted(removed_other.items())),
        stopping=_stopping(inc, tally),
        warnings=warnings,
    )


def _stopping(inc: Inclusion, tally: Counter[tuple[Arm, Status, str]]) -> dict[str, Any] | None:
    """The reviewers' recorded stop, as prisma.json and the diagram state it."""
    stop = inc.stop
    if stop is None:
        return None
    why = include.Stopped.of(stop)
    per_arm = {str(arm): 0 for arm in Arm}
    for (arm, status, reason), k in tally.items():
        if status == why.status and reason == why.reason:
            per_arm[str(arm)] += k
    return {
        "reviewer": stop.reviewer, "time": stop.time, "rule": stop.rule,
        "counted_as": "excluded_automatic" if stop.rule else "excluded_other",
        # units left unscreened, per arm: the databases arm's removal box counts its own, the
        # other-methods arm states its own in its "Reports sought" label
        "not_screened": per_arm, "statement": describe_stop(stop), "note": stop.note,
        "figures": dict(stop.figures),
    }


# --- files -----------------------------------------------------------------------------------


def render(project: Project, allow_pending: bool = False, cache: bool = True
           ) -> tuple[Flow, Inclusion, dict[Path, bytes], dict[Path, str]]:
    """The flow, the bytes of every file `review prisma` writes (the inclusion log first),
    computed in memory, and the sha256 of the inputs read whole. `cache`: as `flow.read`."""
    # The flow allocates ~10 objects per record and frees none of them until the end: the
    # cyclic garbage collector would only re-scan them again and again.
    paused = gc.isenabled()
    gc.disable()
    try:
        data = flow_store.read(project, cache)
        inc = include.compute(data)
        result = compute(inc, allow_pending)
        counts = result.to_json()
        files = {project.include_log_path: inclusion_store.encode(inc.iter_rows())}
        texts = {
            "json": dumps_json(counts),
            "svg": prisma_svg.render(counts),
            "mermaid": prisma_text.mermaid(counts),
            "csv": prisma_text.app_csv(counts),
        }
        for name, path in prisma_store.paths(project).items():
            files[path] = texts[name].encode("utf-8")
    finally:
        if paused:
            gc.enable()
    return result, inc, files, data.hashes


@dataclass
class PrismaResult:
    flow: Flow
    written: list[str]
    warnings: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # `--check`: unified diffs, one per file

    @property
    def ok(self) -> bool:
        return not self.differences


@locked("prisma")
def run(project: Project, allow_pending: bool = False) -> PrismaResult:
    """Write the inclusion log and the PRISMA files, and record them in review.lock."""
    sources, known = flow_store.hashed_files(project)
    result, inc, files, read_hashes = render(project, allow_pending)
    known.update(read_hashes)
    with transaction(project) as tx:
        for path, data in files.items():
            if prisma_store.read_bytes(path) != data:  # unchanged files are not rewritten
                tx.write(path, data)
            known[path] = sha256_bytes(data)
        lock.record(tx, STAGE, sources, files, params={"allow_pending": allow_pending}, known=known)
    return PrismaResult(result, [project.rel(p) for p in files], inc.warnings + result.warnings)


def _lines(text: str) -> list[str]:
    # Split on "\n" only: titles may hold U+2028, which str.splitlines() would split on.
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def diff(project: Project, path: Path, expected: bytes) -> str:
    """A unified diff from the file on disk (the committed one, in CI) to the regenerated one
    ('' when identical)."""
    rel = project.rel(path)
    raw = prisma_store.read_bytes(path)
    if raw is None:
        return (
            f"--- {rel} (missing)\n+++ {rel} (regenerated)\n"
            "@@ the file does not exist; run `review prisma` @@\n"
        )
    if raw == expected:
        return ""
    current = raw.decode("utf-8", errors="replace")
    lines = list(difflib.unified_diff(_lines(current), _lines(expected.decode("utf-8")),
                                      f"{rel} (on disk)", f"{rel} (regenerated)", n=2))
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... {len(lines) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def check(project: Project, allow_pending: bool = False) -> PrismaResult:
    """Regenerate in memory and compare with the files on disk; writes nothing."""
    result, inc, files, _ = render(project, allow_pending, cache=False)
    differences = [d for path, data in files.items() if (d := diff(project, path, data))]
    return PrismaResult(result, [], inc.warnings + result.warnings, differences)
