"""The dedup stage on small exports: files, stability, determinism, manual decisions, review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.io.writer import read_jsonl
from review_cli.project import Project
from review_cli.stages import dedup, export, import_
from review_cli.stages.dedup import PairCard
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store
from review_cli.store import units

from .conftest import FIXTURES, invoke

DEDUP = FIXTURES / "dedup"
MEDLINE, EMBASE, SCOPUS = DEDUP / "medline.ris", DEDUP / "embase.ris", DEDUP / "scopus.ris"


def imported(project: Project, *files: tuple[Path, str]) -> Project:
    for path, source in files:
        import_.run(project, [path], source)
    return project


def titles(project: Project) -> dict[str, str]:
    return {r.id: r.title for r in records_store.read(project)}


def cluster_titles(project: Project) -> list[list[str]]:
    t = titles(project)
    return sorted(sorted(t[m] for m in c["records"]) for c in clusters_store.read(project).values())


def dedup_files(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(project.dedup_dir.iterdir())}


@pytest.fixture
def two(review: Project) -> Project:
    return imported(review, (MEDLINE, "MEDLINE"), (EMBASE, "Embase"))


def test_merges_sure_duplicates_and_keeps_hard_cases_apart(two: Project) -> None:
    result = dedup.run(two)
    assert result.records == 15 and result.merged == 3
    merged = [c for c in cluster_titles(two) if len(c) > 1]
    assert len(merged) == 3
    assert any("Nature" not in t and "postrenal" in t.lower() for c in merged for t in c)
    flat = [t for c in merged for t in c]
    assert not any(t.startswith("Erratum") for t in flat), "erratum merged with its article"
    assert not any("Part" in t for t in flat), "series parts merged"
    assert not any("protocol" in t for t in flat), "protocol merged with results"
    assert not any("acute myeloid" in t for t in flat), "meeting abstract merged with the article"


def test_cluster_file_shape(two: Project) -> None:
    dedup.run(two)
    rows = read_jsonl(two.clusters_path)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    assert sum(len(r["records"]) for r in rows) == 15  # singletons included
    for r in rows:
        assert list(r) == ["id", "records", "links"]
        assert r["records"] == sorted(r["records"]) and r["id"] == min(r["records"])
        assert len(r["links"]) >= len(r["records"]) - 1
        for link in r["links"]:
            assert link["a"] < link["b"] and link["rule"] and "title" in link["scores"]
            assert all(round(v, 3) == v for v in link["scores"].values())


def test_uncertain_pairs_wait_unmerged(two: Project) -> None:
    result = dedup.run(two)
    queue = clusters_store.read_queue(two)
    assert result.uncertain == len(queue) >= 1
    t = titles(two)
    assert any("oxygen" in t[q["a"]].lower() for q in queue)
    cluster_of = {m: c["id"] for c in clusters_store.read(two).values() for m in c["records"]}
    assert all(cluster_of[q["a"]] != cluster_of[q["b"]] for q in queue)


def test_same_input_in_another_order_is_byte_identical(tmp_path: Path, runner) -> None:
    snaps = []
    for name, order in (("a", [(MEDLINE, "MEDLINE"), (EMBASE, "Embase")]),
                        ("b", [(EMBASE, "Embase"), (MEDLINE, "MEDLINE")])):
        invoke(runner, None, "init", str(tmp_path / name))
        project = imported(Project(tmp_path / name), *order)
        dedup.run(project)
        snaps.append(dedup_files(project))
    assert snaps[0] == snaps[1]


def test_rerun_changes_nothing(two: Project) -> None:
    dedup.run(two)
    before = dedup_files(two)
    again = dedup.run(two)
    assert again.new_records == 0 and again.compared == 0
    assert dedup_files(two) == before


def test_new_export_keeps_cluster_ids_and_decisions(two: Project) -> None:
    dedup.run(two)
    before = {c["id"]: c["records"] for c in clusters_store.read(two).values()}
    queue = clusters_store.read_queue(two)
    decided = queue[0]
    clusters_store.append_decision(two, decided["a"], decided["b"], "different")
    dedup.run(two)
    import_.run(two, [SCOPUS], "Scopus")
    result = dedup.run(two)
    assert result.new_records == 2
    after = {c["id"]: c["records"] for c in clusters_store.read(two).values()}
    for cid, members in before.items():
        assert cid in after and set(members) <= set(after[cid]), "an existing cluster id changed"
    postrenal = next(cid for cid, ms in after.items() if len(ms) == 3)
    assert postrenal in before, "the new Scopus copy joined the existing cluster under its id"
    assert all({q["a"], q["b"]} != {decided["a"], decided["b"]}
               for q in clusters_store.read_queue(two)), "a decided pair was re-opened"


def test_manual_merge_and_split_stick(two: Project) -> None:
    dedup.run(two)
    queue = clusters_store.read_queue(two)
    a, b = queue[0]["a"], queue[0]["b"]
    dedup.merge(two, [a, b])
    cluster_of = {m: c["id"] for c in clusters_store.read(two).values() for m in c["records"]}
    assert cluster_of[a] == cluster_of[b]
    links = next(c["links"] for c in clusters_store.read(two).values() if a in c["records"])
    assert any(link["rule"] == "manual" for link in links)
    dedup.run(two)
    import_.run(two, [SCOPUS], "Scopus")
    dedup.run(two)
    cluster_of = {m: c["id"] for c in clusters_store.read(two).values() for m in c["records"]}
    assert cluster_of[a] == cluster_of[b], "a manual merge was undone by a re-run"

    dedup.split(two, b)
    dedup.run(two)
    cluster_of = {m: c["id"] for c in clusters_store.read(two).values() for m in c["records"]}
    assert cluster_of[a] != cluster_of[b] and cluster_of[b] == b
    lines = read_jsonl(two.dedup_decisions_path)
    assert [line["source"] for line in lines] == ["merge", "split"]


def test_counts_for_prisma(two: Project) -> None:
    dedup.run(two)
    c = dedup.counts(two)
    assert c["records_before"] == 15 and c["duplicates_removed"] == 3 and c["records_after"] == 12
    assert c["current"] is True
    assert set(c["by_source"]) == {"MEDLINE", "Embase"}
    assert sum(s["records"] for s in c["by_source"].values()) == 15
    assert sum(s["duplicates_removed"] for s in c["by_source"].values()) == 3
    import_.run(two, [SCOPUS], "Scopus")
    assert dedup.counts(two)["current"] is False


def test_export_has_cluster_columns_and_units_follow_clusters(two: Project) -> None:
    dedup.run(two)
    rows, columns = export.record_rows(two)
    assert "cluster" in columns and "cluster_size" in columns
    sizes = sorted(r["cluster_size"] for r in rows)
    assert sizes.count(2) == 6 and sizes.count(1) == 9
    by_cluster = {r["cluster"] for r in rows}
    assert {u.id for u in units.screening_records(two)} == by_cluster


def answers(*keys: str):  # type: ignore[no-untyped-def]
    seen: list[PairCard] = []
    it = iter(keys)

    def ask(card: PairCard) -> str:
        seen.append(card)
        return next(it)

    return ask, seen


def test_review_loop_records_each_answer_and_resumes(review: Project) -> None:
    project = imported(review, (MEDLINE, "MEDLINE"), (EMBASE, "Embase"),
                       (DEDUP / "uncertain.ris", "CINAHL"))
    dedup.run(project)
    total = len(dedup.pending(project))
    assert total >= 3
    ask, seen = answers("s", "n", "u", "d", "q")
    result = dedup.review(project, ask)
    # skip the 1st, "different" on the 2nd, undo at the 3rd (back to the 2nd), duplicate, quit
    assert (result.decided, result.skipped, result.undone) == (2, 1, 1)
    assert [c.position for c in seen] == [1, 2, 3, 2, 3]
    verdicts = [line["verdict"] for line in read_jsonl(project.dedup_decisions_path)]
    assert verdicts == ["skip", "different", "undo", "duplicate"]
    second = seen[1]
    cluster_of = {m: c["id"] for c in clusters_store.read(project).values() for m in c["records"]}
    assert cluster_of[second.a.id] == cluster_of[second.b.id], (
        "the duplicate answer merged the pair")

    ask2, seen2 = answers("n", "q", "q", "q")
    dedup.review(project, ask2)
    assert seen2[0].b.id != second.b.id or seen2[0].a.id != second.a.id
    assert (seen2[0].a.id, seen2[0].b.id) != (seen[0].a.id, seen[0].b.id), (
        "the skipped pair comes last")


def test_review_with_nothing_waiting(two: Project) -> None:
    dedup.run(two)
    for q in clusters_store.read_queue(two):
        clusters_store.append_decision(two, q["a"], q["b"], "different")
    result = dedup.review(two, lambda card: pytest.fail("nothing should be asked"))
    assert result.finished and result.remaining == 0


def test_cli_non_interactive_json(two: Project, runner) -> None:
    result = invoke(runner, two, "dedup", "--non-interactive", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 15 and data["duplicates_removed"] == 3
    assert data["counts"]["records_after"] == 12 and data["review"] is None
    plain = invoke(runner, two, "dedup")
    assert plain.exit_code == 0 and "uncertain pairs wait" in plain.stderr


def test_cli_review_reads_keys_from_stdin(two: Project, runner) -> None:
    invoke(runner, two, "dedup", "--non-interactive")
    waiting = len(clusters_store.read_queue(two))
    result = invoke(runner, two, "dedup", "--review", "--reviewer", "reviewer1",
                    input="n\n" * waiting)
    assert result.exit_code == 0, result.output
    assert "Pair 1 of" in result.stderr and "[d] duplicate" in result.stderr
    assert dedup.counts(two)["uncertain_pairs"] == 0


def test_cli_merge_split_and_errors(two: Project, runner) -> None:
    invoke(runner, two, "dedup", "--non-interactive")
    q = clusters_store.read_queue(two)[0]
    merged = invoke(runner, two, "dedup", "--merge", q["a"], q["b"], "--json",
                    "--reviewer", "reviewer1")
    assert merged.exit_code == 0, merged.output
    split = invoke(runner, two, "dedup", "--split", q["b"], "--reviewer", "reviewer2")
    assert split.exit_code == 0, split.output
    # Every manual pair decision names who made it.
    assert [d["reviewer"] for d in clusters_store.read_decision_lines(two)] == [
        "reviewer1", "reviewer2"]
    nobody = invoke(runner, two, "dedup", "--split", q["a"])
    assert nobody.exit_code == 1 and "who decides" in nobody.output
    for args, code in ((["--merge", "x"], 2), (["--split"], 2), (["--merge", "nope1", "nope2"], 1),
                       (["--split", "nope"], 1), (["abc"], 2)):
        bad = invoke(runner, two, "dedup", *args, "--reviewer", "reviewer1")
        assert bad.exit_code == code, (args, bad.output)
        assert "Traceback" not in bad.output and "Error" in bad.output


def test_cli_without_records(review: Project, runner) -> None:
    result = invoke(runner, review, "dedup", "--non-interactive")
    assert result.exit_code == 1 and "review import" in result.output


def test_cli_help_has_example(runner) -> None:
    result = invoke(runner, None, "dedup", "--help")
    assert result.exit_code == 0 and "Example: review dedup" in result.output


def test_merged_unit_prefers_a_clean_title() -> None:
    from review_cli.model import Record

    a = Record(id="a", source="MEDLINE",
               title="Cervical neoplasia and the HIV-infected patient. [Review] [70 refs]",
               year=2003)
    b = Record(id="b", source="Embase", title="Cervical neoplasia and the HIV-infected patient",
               year=2003, doi="10.1/x")
    unit = units.merge_cluster("a", [a, b])
    assert (unit.title == "Cervical neoplasia and the HIV-infected patient" and unit.doi == "10.1/x"
            and unit.id == "a")


def test_a_cluster_of_one_is_its_record_as_the_general_merge_makes_it() -> None:
    """The one-member shortcut must give what choosing each field's best value gives."""
    from review_cli.model import Origin, Record

    o1, o2 = Origin("S", "a.ris", "#1", 1), Origin("S", "b.ris", "#2", 2)
    records = [
        Record(id="a", source="MEDLINE", title="A trial [Review] [33 refs]", year=2003,
               authors=("Doe, J", "Roe, R"), doi="10.1/x", keywords=("care",), origins=(o2, o1)),
        Record(id="b", source="Embase", title="", year=None, origins=(o1, o1)),
        Record(id="c", source="CINAHL", title="[Erratum appears in J 2004]", journal="J",
               pages="1-9", abstract="Text.", language="eng", origins=(o1,)),
        Record(id="d", source="S"),
    ]
    for rec in records:
        general = units.merge_cluster("u", [rec, rec._replace(id="other")])
        assert units.merge_cluster("u", [rec]) == general
