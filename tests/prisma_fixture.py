"""A small review whose PRISMA 2020 counts are known by hand.

Sources: MEDLINE and Embase (databases), ClinicalTrials.gov (register), citation searching.
Limits: published 2010 or later. Two reviewers (alice, bob) screen titles/abstracts; they disagree
on one record, which is reconciled. Full text: three exclusion reasons, one report not retrieved.

Hand counts (databases and registers arm):
  identified: MEDLINE 8, Embase 6 (databases 14), ClinicalTrials.gov 3 (registers 3)    = 17
  duplicates: m1~e1, m2~e2 (~c1 from citation searching), e3~r1                          = 3
  ineligible by automation (before 2010): m8 (2005), e6 (2008), r3 (2001)                = 3
  screened 11; excluded at title/abstract 4 (m3, m4, e4, e5); sought 7
  not retrieved 1 (K2); assessed 6; excluded 4 (population 1, design 2, outcome 1); included 2
Other methods arm (citation searching, 4 records):
  duplicates 2 (c1 already found in the databases, c3 duplicate of c2); screened 2; sought 2;
  assessed 2; excluded 1 (design); included 1
Studies included: 3.
"""

from __future__ import annotations

from pathlib import Path

from review_cli.io.writer import append_lines, write_jsonl
from review_cli.model import Decision, Origin, Record, Stage, Verdict
from review_cli.project import Project

PROTOCOL = """\
schema = 1

[review]
title = "Carers & co-production: a <systematic> review of \\"integrated\\" care"

[[exclusion_reasons]]
code = "population"
label = "Wrong population"

[[exclusion_reasons]]
code = "design"
label = "Wrong study design"

[[exclusion_reasons]]
code = "outcome"
label = "No relevant outcome"
stages = ["full-text"]

[[sources]]
name = "MEDLINE"
kind = "database"

[[sources]]
name = "Embase"
kind = "database"

[[sources]]
name = "ClinicalTrials.gov"
kind = "register"

[[sources]]
name = "Citation searching"
kind = "citation searching"

[limits]
year_from = 2010

[[reviewers]]
name = "alice"

[[reviewers]]
name = "bob"

[screening]
final = "single"
"""

# id -> (source, year)
RECORDS = {
    **{f"m{i}": ("MEDLINE", 2015 + i) for i in range(1, 8)},
    "m8": ("MEDLINE", 2005),
    **{f"e{i}": ("Embase", 2015 + i) for i in range(1, 6)},
    "e6": ("Embase", 2008),
    "r1": ("ClinicalTrials.gov", 2018),
    "r2": ("ClinicalTrials.gov", 2019),
    "r3": ("ClinicalTrials.gov", 2001),
    **{f"c{i}": ("Citation searching", 2012 + i) for i in range(1, 5)},
}
CLUSTERS = {"K1": ["m1", "e1"], "K2": ["m2", "e2", "c1"], "K4": ["e3", "r1"], "C23": ["c2", "c3"]}
TA_BOTH = {  # unit -> (alice, bob) verdict, reason
    "K1": "include", "K2": "include", "K4": "include", "m5": "include", "m6": "include",
    "r2": "include",
    "m3": ("exclude", "population"), "m4": ("exclude", "design"), "e4": ("exclude", "population"),
    "e5": ("exclude", "design"), "C23": "include", "c4": "include",
}
FULL_TEXT = {  # unit -> verdict, reason (alice alone)
    "K1": ("include", ""), "K2": ("not-retrieved", ""), "K4": ("exclude", "population"),
    "m5": ("exclude", "design"), "m6": ("exclude", "outcome"), "m7": ("exclude", "design"),
    "r2": ("include", ""), "C23": ("include", ""), "c4": ("exclude", "design"),
}

HAND_COUNTS = {
    "database_results": 14, "register_results": 3, "website_results": 0, "organisation_results": 0,
    "citations_results": 4, "duplicates": 3, "excluded_automatic": 3, "excluded_other": 0,
    "records_screened": 11, "records_excluded": 4, "records_pending": 0, "dbr_sought_reports": 7,
    "dbr_notretrieved_reports": 1, "dbr_assessed": 6, "dbr_excluded": 4, "dbr_pending_reports": 0,
    "dbr_included": 2, "other_duplicates": 2, "other_excluded_automatic": 0,
    "other_excluded_other": 0,
    "other_records_screened": 2, "other_records_excluded": 0, "other_records_pending": 0,
    "other_sought_reports": 2, "other_notretrieved_reports": 0, "other_assessed": 2,
    "other_excluded": 1,
    "other_pending_reports": 0, "other_included": 1, "previous_studies": 0, "previous_reports": 0,
    "new_studies": 3, "new_reports": 3, "total_studies": 3, "total_reports": 3,
}


def unit_id(record: str) -> str:
    return next((cid for cid, members in CLUSTERS.items() if record in members), record)


def decide(project: Project, stage: Stage, reviewer: str, unit: str, verdict: str, reason: str = "",
           note: str = "", second: int = 0) -> None:
    d = Decision(unit, Verdict(verdict), stage, reviewer,
                 f"2026-03-01T10:{second // 60:02d}:{second % 60:02d}Z", reason, note)
    append_lines(project.decisions_path(stage, reviewer), [d.to_json()])


def build(root: Path, reconcile: bool = True) -> Project:
    root.mkdir(parents=True, exist_ok=True)
    (root / "review.toml").write_text(PROTOCOL, encoding="utf-8")
    project = Project(root)
    records = []
    for n, (rid, (source, year)) in enumerate(sorted(RECORDS.items())):
        records.append(
            Record(
                id=rid, source=source, title=f"Study {rid}: co-production in integrated care",
                year=year,
                origins=(Origin(source, f"searches/{source.lower()}/export.ris", f"#{n + 1}",
                                10 * n + 1),),
            ).to_json()
        )
    write_jsonl(project.records_path, records)
    clusters = [{"id": cid, "records": members,
                 "links": [{"a": members[0], "b": m, "rule": "doi", "score": 1.0}
                           for m in members[1:]]}
                for cid, members in CLUSTERS.items()]
    clustered = {m for ms in CLUSTERS.values() for m in ms}
    clusters += [{"id": rid, "records": [rid], "links": []}
                 for rid in RECORDS if rid not in clustered]
    write_jsonl(project.clusters_path, clusters)

    second = 0
    for unit, value in sorted(TA_BOTH.items()):
        verdict, reason = (value, "") if isinstance(value, str) else value
        for reviewer in ("alice", "bob"):
            second += 1
            decide(project, Stage.TITLE_ABSTRACT, reviewer, unit, verdict, reason, second=second)
    # The conflict: alice includes m7, bob excludes it; reconciled as include.
    decide(project, Stage.TITLE_ABSTRACT, "alice", "m7", "include",
           note="carers are the population", second=200)
    decide(project, Stage.TITLE_ABSTRACT, "bob", "m7", "exclude", "population", second=201)
    if reconcile:
        d = Decision("m7", Verdict.INCLUDE, Stage.TITLE_ABSTRACT, "alice+bob",
                     "2026-03-02T09:00:00Z", note="agreed at meeting")
        append_lines(project.reconciled_path(Stage.TITLE_ABSTRACT), [d.to_json()])
    for unit, (verdict, reason) in sorted(FULL_TEXT.items()):
        second += 1
        decide(project, Stage.FULL_TEXT, "alice", unit, verdict, reason, second=300 + second)
    return project
