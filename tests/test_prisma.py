"""PRISMA 2020 counts, files, the --check gate, the inclusion log, export and audit."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.model import DBR_KINDS, SourceKind, Stage, Verdict
from review_cli.project import Project
from review_cli.stages import include, prisma

from . import prisma_fixture as fx
from .conftest import invoke

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return fx.build(tmp_path / "rev")


def prisma_files(project: Project) -> dict[str, bytes]:
    paths = [project.include_log_path, project.prisma_json_path, project.prisma_svg_path,
             project.prisma_mermaid_path, project.prisma_csv_path]
    return {project.rel(p): p.read_bytes() for p in paths}


def test_every_box_matches_the_hand_counts(project: Project) -> None:
    flow = prisma.run(project).flow
    assert flow.counts == fx.HAND_COUNTS
    assert flow.sources["databases"] == {"Embase": 6, "MEDLINE": 8}
    assert flow.sources["registers"] == {"ClinicalTrials.gov": 3}
    assert flow.sources["citation_searching"] == {"Citation searching": 4}
    assert flow.reasons["dbr"] == [
        {"code": "population", "label": "Wrong population", "n": 1},
        {"code": "design", "label": "Wrong study design", "n": 2},
        {"code": "outcome", "label": "No relevant outcome", "n": 1},
    ]
    assert flow.reasons["other"] == [{"code": "design", "label": "Wrong study design", "n": 1}]
    assert flow.automation == {"published before the limit 2010": 3}
    assert flow.other_methods and not flow.update and not flow.interim
    on_disk = json.loads(project.prisma_json_path.read_text())
    assert on_disk["counts"] == fx.HAND_COUNTS


def test_inclusion_log_gives_each_record_its_status(project: Project) -> None:
    prisma.run(project)
    rows = {r["id"]: r
            for r in map(json.loads, project.include_log_path.read_text().split("\n")[:-1])}
    assert sorted(rows) == sorted(fx.RECORDS)
    assert rows["m1"]["status"] == "duplicate" and rows["m1"]["duplicate_of"] == "e1"
    assert (rows["c1"]["arm"] == "databases-registers"
            and "already identified via databases" in rows["c1"]["detail"])
    assert rows["m8"]["status"] == "ineligible-automation" and "2005" in rows["m8"]["reason"]
    assert (rows["m3"]["status"] == "excluded-title-abstract"
            and rows["m3"]["reason_label"] == "Wrong population")
    assert (rows["e2"]["status"] == "not-retrieved" and rows["m2"]["unit"] == "K2"
            and rows["m2"]["duplicate_of"] == "e2")
    assert rows["m6"]["status"] == "excluded-full-text" and rows["m6"]["reason"] == "outcome"
    # the conflict, reconciled as include at title/abstract
    assert rows["m7"]["status"] == "excluded-full-text"
    assert {r for r, row in rows.items() if row["status"] == "included"} == {"e1", "r2", "c2"}


def test_one_changed_decision_changes_exactly_the_affected_counts(project: Project) -> None:
    prisma.run(project)
    before = json.loads(project.prisma_json_path.read_text())
    fx.decide(project, Stage.FULL_TEXT, "alice", "m5", "include",
              note="re-read: design is eligible", second=999)
    after = prisma.check(project)
    assert not after.ok
    changed = {k for k, v in after.flow.counts.items() if before["counts"][k] != v}
    assert changed == {"dbr_excluded", "dbr_included", "new_studies", "new_reports",
                       "total_studies", "total_reports"}
    assert after.flow.counts["dbr_excluded"] == 3 and after.flow.counts["new_studies"] == 4
    design = next(r for r in after.flow.reasons["dbr"] if r["code"] == "design")
    assert design["n"] == 1
    assert (after.flow.sources == before["sources"]
            and after.flow.reasons["other"] == before["excluded_reasons"]["other"])


def test_check_fails_with_a_diff_until_regenerated(project: Project, runner) -> None:
    assert invoke(runner, project, "prisma").exit_code == 0
    ok = invoke(runner, project, "prisma", "--check")
    assert ok.exit_code == 0, ok.output
    fx.decide(project, Stage.TITLE_ABSTRACT, "alice", "r2", "exclude", "design", second=998)
    fx.decide(project, Stage.TITLE_ABSTRACT, "bob", "r2", "exclude", "design", second=999)
    stale = invoke(runner, project, "prisma", "--check")
    assert stale.exit_code == 1
    assert "Traceback" not in stale.output
    assert "--- prisma/prisma.json (on disk)" in stale.output
    assert ('-    "records_excluded": 4,' in stale.output
            and '+    "records_excluded": 5,' in stale.output)
    assert "differ" in stale.output and "review prisma" in stale.output
    assert invoke(runner, project, "prisma").exit_code == 0
    assert invoke(runner, project, "prisma", "--check").exit_code == 0


def test_check_reports_missing_files(project: Project, runner) -> None:
    result = invoke(runner, project, "prisma", "--check")
    assert result.exit_code == 1 and "(missing)" in result.output


def test_unresolved_conflict_is_an_error_naming_the_record(tmp_path: Path, runner) -> None:
    project = fx.build(tmp_path / "rev", reconcile=False)
    with pytest.raises(ReviewError) as err:
        prisma.run(project)
    message = err.value.message
    assert ("Records screened (11) - Records excluded (4) = 7, but Reports sought for retrieval = 6"
            in message)
    assert "m7 (conflict between alice and bob" in message
    result = invoke(runner, project, "prisma")
    assert result.exit_code == 1 and "m7" in result.output and "--allow-pending" in result.output
    assert not project.prisma_json_path.exists()
    interim = prisma.run(project, allow_pending=True).flow
    assert (interim.interim and interim.counts["records_pending"] == 1
            and interim.counts["dbr_sought_reports"] == 6)
    assert "Awaiting a decision (n = 1)" in project.prisma_mermaid_path.read_text()


def test_unscreened_units_wait_unless_a_stop_is_recorded(tmp_path: Path, runner) -> None:
    project = fx.build(tmp_path / "rev")
    # A record nobody screened.
    from review_cli.io.writer import read_jsonl, write_jsonl
    rows = read_jsonl(project.records_path)
    rows.append({**rows[0], "id": "zz", "source": "MEDLINE", "year": 2020, "origins": []})
    write_jsonl(project.records_path, rows)
    with pytest.raises(ReviewError, match=r"zz \(not screened yet\)"):
        prisma.run(project)
    # The protocol option alone moved every unscreened record into "ineligible by automation
    # tools" with a stopping rule's name on it, while no rule had said stop. It no longer does.
    text = project.protocol_path.read_text().replace(
        'final = "single"', 'final = "single"\nunscreened = "automation"')
    project.protocol_path.write_text(text)
    result = invoke(runner, project, "prisma")
    assert result.exit_code == 1 and "zz (not screened yet)" in result.stderr
    assert "no longer removes the records nobody screened" in result.stderr
    stop = invoke(runner, project, "stop", "-r", "alice")
    assert stop.exit_code == 0, stop.output
    flow = prisma.run(Project(project.root)).flow
    assert flow.counts["excluded_other"] == 1 and flow.counts["excluded_automatic"] == 3
    assert flow.counts["records_screened"] == 11 and flow.counts["database_results"] == 15
    assert flow.stopping is not None and flow.stopping["counted_as"] == "excluded_other"


def test_full_text_pending_is_caught(project: Project) -> None:
    fx.decide(project, Stage.TITLE_ABSTRACT, "alice", "e4", "include", second=997)
    fx.decide(project, Stage.TITLE_ABSTRACT, "bob", "e4", "include", second=998)
    with pytest.raises(ReviewError, match=r"1 report\(s\) have no final full-text decision: "
                                          r"e4 \(full text not assessed yet\)"):
        prisma.run(project)


def test_updated_review_adds_previous_studies(project: Project) -> None:
    text = project.protocol_path.read_text() + "\n[previous]\nstudies = 5\nreports = 7\n"
    project.protocol_path.write_text(text)
    project = Project(project.root)
    flow = prisma.run(project).flow
    assert flow.update
    assert (flow.counts["previous_studies"], flow.counts["previous_reports"]) == (5, 7)
    assert (flow.counts["total_studies"], flow.counts["total_reports"]) == (8, 10)
    svg = project.prisma_svg_path.read_text()
    assert "Previous studies" in svg and "Total studies included in review (n\u00a0=\u00a08)" in svg


def test_previous_table_is_validated(project: Project) -> None:
    from review_cli.errors import ProtocolError
    project.protocol_path.write_text(project.protocol_path.read_text()
                                     + "\n[previous]\nstudies = -1\n")
    with pytest.raises(ProtocolError, match=r"previous\.studies"):
        _ = Project(project.root).protocol


def test_app_csv_has_the_template_columns_and_counts(project: Project) -> None:
    prisma.run(project)
    rows = list(csv.DictReader(io.StringIO(project.prisma_csv_path.read_text())))
    assert list(rows[0]) == ["data", "node", "box", "description", "boxtext", "tooltips", "url",
                             "n"]
    n = {r["data"]: r["n"] for r in rows if r["data"] != "NA"}
    assert (n["database_results"] == "14" and n["register_results"] == "3"
            and n["citations_results"] == "4")
    assert n["duplicates"] == "3" and n["records_screened"] == "11" and n["new_studies"] == "3"
    assert n["dbr_excluded"] == "Wrong population, 1; Wrong study design, 2; No relevant outcome, 1"
    assert n["other_excluded"] == "Wrong study design, 1"


def test_svg_is_valid_xml_and_escapes_hostile_text(project: Project) -> None:
    hostile = 'Evil <script>alert("x")</script> & \'Co\''
    text = project.protocol_path.read_text().replace('name = "Embase"',
                                                     'name = "Embase <&> \\"q\\""')
    text = text.replace('label = "Wrong study design"',
                        f'label = "{hostile.replace(chr(34), chr(92) + chr(34))}"')
    project.protocol_path.write_text(text)
    project = Project(project.root)
    rows = [json.loads(x) for x in project.records_path.read_text().split("\n")[:-1]]
    for r in rows:
        if r["source"] == "Embase":
            r["source"] = 'Embase <&> "q"'
    project.records_path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    prisma.run(project)
    raw = project.prisma_svg_path.read_text()
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    root = ET.fromstring(raw.encode("utf-8"))
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    assert 'Embase <&> "q"' in texts
    assert "alert" in texts and "Evil <script>" in texts
    title = root.find(f"{SVG_NS}title")
    assert title is not None and (
        'Carers & co-production: a <systematic> review of "integrated" care' in (title.text or ""))
    mermaid = project.prisma_mermaid_path.read_text()
    assert "Embase #lt;#amp;#gt; #quot;q#quot;" in mermaid and "<script>" not in mermaid


def test_regeneration_is_byte_identical(project: Project, tmp_path: Path) -> None:
    prisma.run(project)
    first = prisma_files(project)
    prisma.run(project)
    assert prisma_files(project) == first
    # The same review written in another order (records reversed, logs in another file order).
    other = fx.build(tmp_path / "again")
    rows = other.records_path.read_text().split("\n")[:-1]
    other.records_path.write_text("\n".join(reversed(rows)) + "\n")
    prisma.run(other)
    assert prisma_files(other) == first


def test_every_box_is_drawn(project: Project) -> None:
    prisma.run(project)
    root = ET.fromstring(project.prisma_svg_path.read_bytes())
    ids = {g.get("id") for g in root.iter(f"{SVG_NS}g")}
    assert ids == {
        "box-identified", "box-removed", "box-screened", "box-excluded", "box-sought",
        "box-not-retrieved", "box-assessed", "box-ft-excluded", "box-included",
        # the template's other-methods arm: no duplicates or screening boxes
        "box-o-identified", "box-o-sought", "box-o-not-retrieved", "box-o-assessed",
        "box-o-ft-excluded",
    }
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text")).replace("\u00a0", " ")
    for phrase in ("Records screened (n = 11)", "Reports not retrieved (n = 1)",
                   "Wrong study design (n = 2)", "Studies included in review (n = 3)",
                   "Identification of new studies via other methods"):
        assert phrase in texts


@pytest.mark.skipif(shutil.which("rsvg-convert") is None,
                    reason="rsvg-convert (librsvg2-bin) is not installed")
def test_svg_renders_to_png(project: Project, tmp_path: Path) -> None:
    prisma.run(project)
    png = tmp_path / "prisma.png"
    subprocess.run(["rsvg-convert", str(project.prisma_svg_path), "-o", str(png)], check=True,
                   timeout=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_other_methods_only_one_arm(tmp_path: Path) -> None:
    project = fx.build(tmp_path / "rev")
    text = project.protocol_path.read_text().replace(
        'name = "Citation searching"\nkind = "citation searching"',
        'name = "Citation searching"\nkind = "database"')
    project.protocol_path.write_text(text)
    flow = prisma.run(Project(project.root)).flow
    assert not flow.other_methods and flow.counts["database_results"] == 18
    assert "other methods" not in Project(project.root).prisma_svg_path.read_text()


def test_export_included(project: Project, runner) -> None:
    result = invoke(runner, project, "export", "included", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(r["id"] for r in rows) == ["C23", "K1", "r2"]
    k1 = next(r for r in rows if r["id"] == "K1")
    assert k1["source"] == "Embase; MEDLINE" and k1["records"] == "e1; m1"
    ris = invoke(runner, project, "export", "included", "--format", "ris").output
    assert ris.count("TY  - ") == 3 and "N1  - Status: included" in ris
    bib = invoke(runner, project, "export", "included", "--format", "bibtex").output
    assert bib.count("@") == 3
    log = invoke(runner, project, "export", "inclusion-log", "--format", "csv").output
    assert len(log.strip().split("\n")) == 1 + len(fx.RECORDS)


def test_include_command(project: Project, runner) -> None:
    result = invoke(runner, project, "include", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["included"] == 3 and data["counts"]["duplicate"] == 5
    assert data["counts"]["ineligible-automation"] == 3
    assert project.include_log_path.exists()


def test_audit_shows_the_whole_history(project: Project, runner) -> None:
    result = invoke(runner, project, "audit", "m7")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "m7  MEDLINE (database)" in out and "searches/medline/export.ris" in out
    assert "alice  include" in out and "note: carers are the population" in out
    assert "bob  exclude  reason population (Wrong population)" in out
    assert "reconciled: 2026-03-02T09:00:00Z  alice+bob  include" in out
    assert "final: include (by alice+bob)" in out
    assert "m7: excluded-full-text (Wrong study design)" in out
    data = json.loads(invoke(runner, project, "audit", "e2", "--json").stdout)
    assert data["unit"] == "K2" and [r["id"] for r in data["records"]] == ["c1", "e2", "m2"]
    assert data["cluster"]["links"][0]["rule"] == "doi"
    assert data["final"]["full-text"]["verdict"] == "not-retrieved"
    missing = invoke(runner, project, "audit", "nope")
    assert missing.exit_code == 1 and "no record or screening unit" in missing.output


def test_units_match_screening_records(project: Project) -> None:
    from review_cli.store.units import screening_records
    inc = include.build(project)
    assert sorted(inc.units) == [r.id for r in screening_records(project)]


def test_log_lines_are_canonical_json(project: Project) -> None:
    from review_cli.store.inclusion import encode
    inc = include.build(project)
    hostile = include.RecordInfo("x", 'MED"LINE\\', SourceKind.DATABASE,
                                 "Tab\there \u2028 <&> \x01 é")
    inc.records["x"] = hostile
    inc.units["x"] = include.Unit("x", include.Arm.DBR, "x", ("x",), include.Status.PENDING_TA, "",
                                  "not screened yet")
    a, b = 'q"1\\', 'q"2\u2028'
    inc.records[a] = include.RecordInfo(a, "MEDLINE", SourceKind.DATABASE, "T\u0085")
    inc.records[b] = include.RecordInfo(b, "Cites", SourceKind.CITATION_SEARCHING, "")
    inc.units["K\"9"] = include.Unit('K"9', include.Arm.DBR, a, (a, b), include.Status.EXCLUDED_FT,
                                     "weird\"code", "")
    rows = inc.rows()
    assert encode(rows) == "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
                                   for r in rows).encode()


def test_torn_and_bad_decision_lines_are_still_found(project: Project) -> None:
    from review_cli.errors import ParseError
    from review_cli.store.decisions import read_log
    path = project.decisions_path(Stage.FULL_TEXT, "alice")
    good = path.read_text()
    path.write_text(good + '{"record":"m1","verdict":"incl')
    log = read_log(path)
    assert log.torn_line == good.count("\n") + 1 and len(log.decisions) == len(fx.FULL_TEXT)
    path.write_text('{"record":"m1"}\n' + good)
    with pytest.raises(ParseError, match=":1:"):
        read_log(path)


def test_ci_docs_show_the_example_workflow() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    workflow = (docs / "github-workflow-example.yml").read_text()
    body = workflow.split("\n", 2)[2]  # after the two comment lines
    assert body.strip() in (docs / "ci.md").read_text()
    assert "review prisma --check" in workflow


def test_empty_review_draws_zeros(review: Project, runner) -> None:
    result = invoke(runner, review, "prisma", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["counts"].values()) == {0}
    # The template's MEDLINE and ClinicalTrials.gov were never searched: not drawn as (n = 0).
    assert data["sources"]["databases"] == {} and not data["other_methods"]
    assert "MEDLINE, ClinicalTrials.gov: listed in review.toml" in result.stderr
    assert "(n = 0)" not in review.prisma_svg_path.read_text().split("Records removed")[0]
    ET.fromstring(review.prisma_svg_path.read_bytes())
    assert invoke(runner, review, "prisma", "--check").exit_code == 0


@pytest.mark.parametrize("title,authors,year,language", [
    ("Plain title", ["Okafor, N"], 2019, "English"),
    ('Quoted "title" with \\ backslash', ["A"], None, "fre"),
    ("Authors with ] bracket", ["Smith ], J", 'He said "x"'], 2001, ""),
    ("Unicode \u2028 line sep é 漢字", [], -5, "日本語"),
    ("", [], None, 'lang "q"'),
])
def test_record_summaries_and_their_cache(title, authors, year, language, tmp_path: Path) -> None:
    from review_cli.io.writer import dumps_line
    from review_cli.model import Record
    from review_cli.store import records as records_store
    rec = Record(id="abc", source="MED\"LINE" if year is None else "MEDLINE", title=title,
                 authors=tuple(authors),
                 year=year, abstract='An abstract with ,"language":"xx" inside', language=language)
    project = Project(tmp_path / "rev")
    project.records_path.parent.mkdir(parents=True)
    project.protocol_path.write_text('schema = 1\n[review]\ntitle = "t"\n')
    other = Record(id="zz", source="MEDLINE", title="x", year=2000, language="en")
    project.records_path.write_bytes(dumps_line(rec.to_json()) + b"\n"
                                     + dumps_line(other.to_json()) + b"\n")
    from review_cli.store import flow
    for _ in range(2):  # decoded, then from the cache
        assert records_store.summaries(project) == [(rec.id, rec.source, title, year, language),
                                                    ("zz", "MEDLINE", "x", 2000, "en")]
        units, _ = flow.read_units(project)
        assert ([(r.id, r.source, r.title) for r in units.records.values()]
                == [s[:3] for s in records_store.summaries(project)])
        assert project.flow_cache_path.exists()


def test_final_decisions_survive_a_torn_log_line(project: Project) -> None:
    from review_cli.store.decisions import final_decisions
    before = final_decisions(project, Stage.TITLE_ABSTRACT)
    path = project.decisions_path(Stage.TITLE_ABSTRACT, "bob")
    path.write_text(path.read_text() + '{"record":"m3","verdict":"inc')
    assert final_decisions(project, Stage.TITLE_ABSTRACT) == before
    assert before["m7"].verdict == Verdict.INCLUDE and before["m7"].by == ("alice+bob",)
    assert before["m3"].reason == "population" and before["m3"].by == ("alice", "bob")


def test_clusters_with_a_record_twice_or_a_missing_record(project: Project) -> None:
    from review_cli.io.writer import read_jsonl, write_jsonl
    rows = read_jsonl(project.clusters_path)
    # m3 also a singleton "m3"; "gone" not imported
    rows.append({"id": "A0", "records": ["m3", "gone"], "links": []})
    write_jsonl(project.clusters_path, rows)
    inc = include.build(project)
    assert inc.units["A0"].members == ("m3",) and "m3" not in inc.units
    assert any("no longer imported" in w for w in inc.warnings)
    assert any("more than one cluster" in w for w in inc.warnings)


def test_undo_lines_withdraw_a_decision_in_prisma(project: Project) -> None:
    from review_cli.store.decisions import effective, latest, read_log
    # bob changes his mind on m3 (include), then undoes it: his exclude stands again.
    fx.decide(project, Stage.TITLE_ABSTRACT, "bob", "m3", "include", second=995)
    fx.decide(project, Stage.TITLE_ABSTRACT, "bob", "m3", "undo", second=996)
    # alice undoes her only decision on e4: bob's exclude alone decides it under "single".
    fx.decide(project, Stage.TITLE_ABSTRACT, "alice", "e4", "undo", second=997)
    for reviewer in ("alice", "bob"):
        path = project.decisions_path(Stage.TITLE_ABSTRACT, reviewer)
        log = read_log(path)
        assert latest(log.decisions) == {d.record: d for d in effective(log.decisions)}
    flow = prisma.run(project).flow
    assert flow.counts == fx.HAND_COUNTS


@pytest.mark.parametrize("seed", range(5))
def test_latest_is_the_last_line_in_force_on_random_logs(seed: int, tmp_path: Path) -> None:
    import random

    from review_cli.model import Decision, Verdict
    from review_cli.store.decisions import latest
    rng = random.Random(seed)
    decisions = []
    expected: dict[str, list[Decision]] = {}
    for i in range(300):
        verdict = rng.choice(["include", "exclude", "maybe", "undo", "undo"])
        d = Decision(f"r{rng.randrange(20)}", Verdict(verdict), Stage.TITLE_ABSTRACT, "ann",
                     f"t{i}", rng.choice(["", "design"]))
        decisions.append(d)
        stack = expected.setdefault(d.record, [])
        if d.verdict == Verdict.UNDO:
            if stack:
                stack.pop()
        else:
            stack.append(d)
    assert latest(decisions) == {rid: s[-1] for rid, s in expected.items() if s}


def test_record_cache_gives_the_same_files_and_follows_the_records(project: Project) -> None:
    prisma.run(project)
    assert project.flow_cache_path.exists()
    cold = prisma_files(project)
    lock_before = project.lock_path.read_bytes()
    prisma.run(project)  # from the cache
    assert prisma_files(project) == cold
    assert project.lock_path.read_bytes() == lock_before  # the reused hashes are the files' hashes
    # A corrupt cache is ignored and rewritten.
    project.flow_cache_path.write_bytes(b"\x00garbage")
    prisma.run(project)
    assert prisma_files(project) == cold
    # A changed records file is read again, never taken from the cache (also by --check).
    rows = project.records_path.read_text().split("\n")[:-1]
    first = json.loads(rows[0])
    first["title"] = "A retitled record"
    project.records_path.write_text("\n".join([json.dumps(first), *rows[1:]]) + "\n")
    checked = prisma.check(project)
    assert not checked.ok and "A retitled record" in "".join(checked.differences)
    prisma.run(project)
    log = project.include_log_path.read_text()
    assert f'"id":"{first["id"]}"' in log and "A retitled record" in log


def test_a_reason_removed_from_the_protocol_is_warned_about(project: Project) -> None:
    # A reason code used by decisions, then deleted from review.toml: the diagram can only show
    # the bare code, so the user is told which code and how many exclusions use it.
    text = project.protocol_path.read_text()
    project.protocol_path.write_text(
        text.replace('code = "outcome"\nlabel = "No relevant outcome"',
                     'code = "outcomes"\nlabel = "No relevant outcome"'))
    result = prisma.run(Project(project.root))
    assert any("1 exclusion(s) give the reason `outcome`" in w
               for w in result.warnings), result.warnings
    dbr = {r["code"]: r["label"] for r in result.flow.reasons["dbr"]}
    assert dbr["outcome"] == "outcome"
    assert not any("`population`" in w or "`design`" in w for w in result.warnings)


def test_dedup_counts_credit_the_same_sources_as_the_diagram(project: Project) -> None:
    # K2 joins MEDLINE, Embase and citation-searching records under a cluster id that is not
    # necessarily the database record: dedup's per-source counts keep the record PRISMA keeps.
    from review_cli.stages import dedup

    counts = prisma.run(project).flow.counts
    by_source = dedup.counts(project)["by_source"]
    kinds = {s.name: s.kind for s in project.protocol.sources}
    other = sum(v["duplicates_removed"] for name, v in by_source.items()
                if kinds[name] not in DBR_KINDS)
    dbr = sum(v["duplicates_removed"] for name, v in by_source.items() if kinds[name] in DBR_KINDS)
    assert (dbr, other) == (counts["duplicates"], counts["other_duplicates"])


def test_a_label_cannot_smuggle_a_mermaid_directive(project: Project) -> None:
    """Mermaid reads `%%{...}%%` anywhere as a directive: the title, a source's name and a
    reason's label all reach the diagram, and none may carry one."""
    sneaky = '%%{init: {"theme": "dark"}}%% Review'
    quoted = sneaky.replace('"', '\\"')
    text = project.protocol_path.read_text().replace('label = "Wrong study design"',
                                                     f'label = "{quoted}"')
    text = text.replace('name = "Embase"', f'name = "{quoted}"')
    text = re.sub(r'(?m)^title = .*$', f'title = "{quoted}"', text, count=1)
    project.protocol_path.write_text(text)
    project = Project(project.root)
    rows = [json.loads(x) for x in project.records_path.read_text().split("\n")[:-1]]
    for r in rows:
        if r["source"] == "Embase":
            r["source"] = sneaky
    project.records_path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    prisma.run(project)
    mermaid = project.prisma_mermaid_path.read_text()
    assert "theme" in mermaid  # the text is there, its directive is not
    assert "%%{" not in mermaid and "}%%" not in mermaid
