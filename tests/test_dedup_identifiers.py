"""Identifiers through the CLI: a PMID names one record; a shared DOI that a guard disputes
waits for a person, held apart, never silently left apart.

The fixtures are one PubMed export (a letter typed `Letter`, an editorial typed `Editorial`,
a trial) and one Embase export of the same letter and editorial (typed JOUR) plus a comment
on the trial that carries the trial's DOI.
"""

from __future__ import annotations

import json

from review_cli.io.writer import read_jsonl
from review_cli.project import Project
from review_cli.stages.dedup._keys import make_key
from review_cli.stages.dedup._match import cluster
from review_cli.stages.dedup._rules import Match, Verdict
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store
from review_cli.store.clusters import pair

from .conftest import FIXTURES, invoke
from .test_dedup_rules import NEJM, rec

PUBMED = FIXTURES / "dedup" / "pubmed_letters.nbib"
EMBASE = FIXTURES / "dedup" / "embase_letters.ris"


def imported(review: Project, runner) -> Project:  # type: ignore[no-untyped-def]
    for path, source in ((PUBMED, "PubMed"), (EMBASE, "Embase")):
        result = invoke(runner, review, "import", str(path), "--source", source)
        assert result.exit_code == 0, result.output
    return review


def members_by_title(project: Project) -> list[list[str]]:
    title = {r.id: r.title for r in records_store.read(project)}
    return sorted(
        sorted(title[m] for m in c["records"]) for c in clusters_store.read(project).values()
    )


def test_same_pmid_is_one_record_whatever_the_type(review: Project, runner) -> None:
    project = imported(review, runner)
    result = invoke(runner, project, "dedup", "--non-interactive", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["links_by_rule"] == {"same-pmid": 2}
    merged = [c for c in members_by_title(project) if len(c) == 2]
    assert [c[0].rstrip(".") for c in merged] == [
        "Thrombolysis beyond 4.5 hours: Which patients?", "Time is brain, still"
    ], "the PubMed letter and editorial each merged with their Embase copy"
    removed = {s: n["duplicates_removed"] for s, n in data["counts"]["by_source"].items()}
    assert sum(removed.values()) == 2


def test_same_doi_with_a_guard_waits_for_a_person(review: Project, runner) -> None:
    project = imported(review, runner)
    invoke(runner, project, "dedup", "--non-interactive")
    queue = clusters_store.read_queue(project)
    assert [q["rule"] for q in queue] == ["same-doi-but-comment-vs-article"]
    shown = invoke(runner, project, "dedup", "--review", "-r", "reviewer1", input="q\n")
    assert shown.exit_code == 0, shown.output
    assert "rule same-doi-but-comment-vs-article" in shown.stderr, "the reason is on screen"
    assert "One DOI, but one record is a letter, a reply or an editorial" in " ".join(
        shown.stderr.split()), "and what it means"

    # The person says: the comment is another item. It stays apart on every re-run.
    decided = invoke(runner, project, "dedup", "--review", "-r", "reviewer1", input="n\n")
    assert decided.exit_code == 0, decided.output
    assert read_jsonl(project.dedup_decisions_path)[-1]["verdict"] == "different"
    again = json.loads(invoke(runner, project, "dedup", "--non-interactive", "--json").stdout)
    assert again["uncertain_pairs"] == 0
    assert not any(len(c) > 2 for c in members_by_title(project))


def test_same_doi_with_a_guard_merged_by_a_person(review: Project, runner) -> None:
    project = imported(review, runner)
    invoke(runner, project, "dedup", "--non-interactive")
    result = invoke(runner, project, "dedup", "--review", "-r", "reviewer1", input="d\n")
    assert result.exit_code == 0, result.output
    trial = [c for c in members_by_title(project) if any("Tenecteplase" in t for t in c)]
    assert len(trial) == 1 and len(trial[0]) == 2


def test_held_pair_is_never_joined_through_a_third_record() -> None:
    """a~b and b~c are sure, a-c shares a DOI but a guard disputes it: a person decides, so no
    automatic cluster may hold a and c."""
    a, b, c = (make_key(rec(NEJM, year=y)) for y in ("2009", "2010", "2011"))
    keys = {k.id: k for k in (a, b, c)}
    sure = Match(Verdict.DUPLICATE, "same-title-and-source", {"title": 1.0})
    held = Match(Verdict.UNCERTAIN, "same-doi-but-year-apart", {"title": 1.0}, hold=True)
    matches = {pair(a.id, b.id): sure, pair(b.id, c.id): sure, pair(a.id, c.id): held}
    result = cluster(keys, {}, matches, (), set(), set(keys))
    assert result.cluster_of[a.id] != result.cluster_of[c.id]


IDS_IN_PMID_COLUMN = FIXTURES / "dedup" / "ids_in_pmid_column.csv"


def test_a_pmid_column_holding_other_identifiers(review: Project, runner) -> None:  # type: ignore[no-untyped-def]
    """A reference manager's CSV whose PMID column was filled from several databases: DOIs,
    Scopus EIDs, WoS and Embase accession numbers, a PMCID. The same PMID makes two records one,
    so none of them may be read as a PMID (their first digits were: `10`, `2`, `531234`,
    `200512345`); padded, labelled and linked PMIDs are PMIDs."""
    result = invoke(runner, review, "import", str(IDS_IN_PMID_COLUMN), "--source", "Library")
    assert result.exit_code == 0, result.output
    pmids = {r.pmid for r in records_store.read(review)}
    assert pmids == {"", "32251299", "32251300", "32251311"}
    data = json.loads(invoke(runner, review, "dedup", "--non-interactive", "--json").stdout)
    assert data["duplicates_removed"] == 0 and "same-pmid" not in data["links_by_rule"]


DOI_FORMS = (FIXTURES / "dedup" / "doi_forms.ris", FIXTURES / "dedup" / "doi_forms_wos.txt")


def test_doi_forms_of_one_article_from_three_exports(review: Project, runner) -> None:  # type: ignore[no-untyped-def]
    """One article from Scopus (two DOIs run together in `DO`), a reference manager (the DOI
    only in a Wiley link ending `/abstract`) and WoS (`DI`, capitals), and a SICI DOI cut at its
    `<` against WoS's whole SICI: each pair is one article. Read apart, the three DOIs of the
    first said `different-doi` to each other."""
    for path, source in zip(DOI_FORMS, ("Scopus", "WoS"), strict=True):
        result = invoke(runner, review, "import", str(path), "--source", source)
        assert result.exit_code == 0, result.output
    assert sum(r.doi == "10.1111/isj.12345" for r in records_store.read(review)) == 3
    data = json.loads(invoke(runner, review, "dedup", "--non-interactive", "--json").stdout)
    assert data["duplicates_removed"] == 3, data
    assert sorted(len(c) for c in members_by_title(review)) == [2, 3]
