"""`review search citations --backward|--forward [IDS]` against a local OpenAlex: seeds found
by DOI or title, references and citing works imported as citation searching, deduplicated
against the review, logged for PRISMA-S, and counted in PRISMA's other-methods column."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.io.writer import write_text
from review_cli.model import SourceKind, Stage, Verdict
from review_cli.project import Project
from review_cli.stages import dedup, import_, include, init, prisma, search, team
from review_cli.stages.search import _report as search_report
from review_cli.store import records as records_store
from review_cli.store import units as units_store

from .conftest import invoke, snapshot
from .fulltext_fakes import FullTextFake, FullTextServer, Paper, work

PROTOCOL = """\
schema = 1

[review]
title = "Carers at discharge"

[[exclusion_reasons]]
code = "design"
label = "Wrong study design"

[[sources]]
name = "MEDLINE"
kind = "database"

[[reviewers]]
name = "alice"
"""

STUDIES = [  # (title, DOI): A and B are included, C is excluded at full text
    ("Carers' voices in discharge planning: a qualitative study", "10.1000/a"),
    ("Co-producing discharge with families: an ethnography", "10.1000/b"),
    ("Discharge letters for family carers of older people: a randomised trial", "10.1000/c"),
]


def ris(studies: list[tuple[str, str]]) -> str:
    return "".join(
        f"TY  - JOUR\nTI  - {title}\nAU  - Doe, Jane\nPY  - 2019\nDO  - {doi}\n"
        f"VL  - 3\nSP  - 1\nEP  - 9\n"
        f"AB  - Made-up abstract {n} about carers and discharge.\nER  - \n\n"
        for n, (title, doi) in enumerate(studies)
    )


def unit_of(project: Project, doi: str) -> str:
    rec = next(r for r in records_store.read(project) if r.doi == doi)
    return units_store.unit_index(project)[rec.id]


def decide(project: Project, stage: Stage, verdicts: dict[str, Verdict]) -> None:
    team.decide(project, stage, "alice", [
        team.Wanted(u, v, "design" if v == Verdict.EXCLUDE and stage == Stage.FULL_TEXT else "")
        for u, v in verdicts.items()
    ])


@pytest.fixture
def review(tmp_path: Path) -> Project:
    init.run(tmp_path / "rev")
    project = Project(tmp_path / "rev")
    write_text(project.protocol_path, PROTOCOL)
    export = tmp_path / "medline.ris"
    export.write_text(ris(STUDIES), encoding="utf-8")
    import_.run(project, [export], "MEDLINE")
    dedup.run(project)
    a, b, c = (unit_of(project, doi) for _, doi in STUDIES)
    decide(project, Stage.TITLE_ABSTRACT, {a: Verdict.INCLUDE, b: Verdict.INCLUDE,
                                           c: Verdict.INCLUDE})
    decide(project, Stage.FULL_TEXT, {a: Verdict.INCLUDE, b: Verdict.INCLUDE,
                                      c: Verdict.EXCLUDE})
    return project


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FullTextFake]:
    works = {f"W{n}": work(n) for n in (101, 102, 104, 105, 201)}
    # W103 is study C, already in the review from MEDLINE: a duplicate across the columns.
    works["W103"] = work(103, title=STUDIES[2][0], doi=STUDIES[2][1], year=2019,
                         author="Jane Doe")
    f = FullTextFake(papers=[
        Paper(doi=STUDIES[0][1], title=STUDIES[0][0], openalex="W1",
              references=["W101", "W102", "W103"], cited_by=["W201"]),
        # B's DOI is unknown to OpenAlex: found by its title (and year).
        Paper(doi="10.9999/other", title=STUDIES[1][0], year=2019, openalex="W2",
              references=["W102", "W104"]),
        # W101, once it is included, cites W105.
        Paper(doi="10.7777/c.101", title=works["W101"]["title"], openalex="W101",
              references=["W105"]),
    ], works=works)
    with FullTextServer(f) as server:
        server.point(monkeypatch)
        monkeypatch.setenv("REVIEW_EMAIL", "searcher@example.org")
        yield f


def at(day: str):  # type: ignore[no-untyped-def]
    return lambda: dt.datetime.fromisoformat(day + "T10:00:00+00:00")


def test_backward_imports_deduplicates_and_logs(review: Project, fake: FullTextFake) -> None:
    a, b, c = (unit_of(review, doi) for _, doi in STUDIES)
    result = search.citations(review, ["backward"], now=at("2024-06-01"))
    [entry] = result.entries
    # Four distinct references (W102 is cited by both seeds), fetched in batches of two.
    assert entry["received"] == 4 and entry["reported"] == 4 and entry["imported"] == 4
    assert [p["filter"] for path, p in fake.requests if path == "/openalex/works"
            and p.get("filter", "").startswith("openalex:")] == [
        "openalex:W101|W102", "openalex:W103|W104"]
    # The seeds and how they were found, the date, the method: PRISMA-S.
    assert entry["seeds"] == [
        {"unit": u, "openalex": w, "found_by": by, "records": n}
        for u, w, by, n in sorted([(a, "W1", "doi", 3), (b, "W2", "title", 2)])
    ]
    assert entry["direction"] == "backward" and entry["method"] == "citation searching"
    assert entry["time"] == "2024-06-01T10:00:00Z" and entry["source"] == "Citation searching"
    assert entry["files"][0].startswith("searches/citation-searching/openalex-backward-")
    # Declared as citation searching; W103 joined study C's cluster instead of becoming new.
    assert review.protocol.kind_of("Citation searching") == SourceKind.CITATION_SEARCHING
    assert entry["new_records"] == 4 and entry["new_units"] == 3 and entry["new_duplicates"] == 1
    w103 = next(r for r in records_store.read(review)
                if r.source == "Citation searching" and r.doi == STUDIES[2][1])
    assert units_store.unit_index(review)[w103.id] == c
    # The e-mail went to OpenAlex and nowhere into the review.
    assert all(p.get("mailto") == "searcher@example.org" for _, p in fake.requests)
    for name, data in snapshot(review).items():
        assert b"searcher@example.org" not in data and b"searcher%40example.org" not in data, name
    # The PRISMA-S report names the seeds.
    md = search_report.markdown(review)
    assert "backward citation searching: the references of 2 studies" in md
    assert f"{a} (W1)" in md and f"{b} (W2)" in md


def test_rerun_adds_nothing_and_new_inclusions_only_add_theirs(
    review: Project, fake: FullTextFake
) -> None:
    search.citations(review, ["backward"], now=at("2024-06-01"))
    before, asked = snapshot(review), len(fake.requests)
    again = search.citations(review, ["backward"], now=at("2024-06-02"))
    assert again.entries == [] and "searched backward already (last on 2024-06-01)" in \
        again.notes[0]
    assert snapshot(review) == before and len(fake.requests) == asked

    # W101 found by citation searching is screened in; only it is searched next time.
    w101 = unit_of(review, "10.7777/c.101")
    decide(review, Stage.TITLE_ABSTRACT, {w101: Verdict.INCLUDE})
    decide(review, Stage.FULL_TEXT, {w101: Verdict.INCLUDE})
    [entry] = search.citations(review, ["backward"], now=at("2024-06-03")).entries
    assert [s["unit"] for s in entry["seeds"]] == [w101]
    assert entry["received"] == 1 and entry["new_records"] == 1
    assert len(search.load_log(review)) == 2
    # `--update` is for database searches: it points citation searching to its own command.
    with pytest.raises(ReviewError, match="citation searching") as e:
        search.update(review, "Citation searching")
    assert "review search citations --backward" in (e.value.hint or "")


def test_forward_and_explicit_ids(review: Project, fake: FullTextFake, runner) -> None:  # type: ignore[no-untyped-def]
    a = unit_of(review, STUDIES[0][1])
    result = invoke(runner, review, "search", "citations", "--forward", a, "--json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)["entries"]
    assert entry["direction"] == "forward" and entry["received"] == 1
    assert [p["filter"] for path, p in fake.requests if path == "/openalex/works"] == ["cites:W1"]
    assert "Forward citation searching from 1 studies: 1 works received" in result.output
    # Given explicitly, a seed is searched again (citing works keep coming).
    again = invoke(runner, review, "search", "citations", "--forward", a, "--json")
    assert json.loads(again.stdout)["entries"][0]["new_records"] == 0


def test_prisma_other_methods_column_shows_citation_searching(
    review: Project, fake: FullTextFake
) -> None:
    search.citations(review, ["backward"])
    new = {unit_of(review, f"10.7777/c.{n}"): n for n in (101, 102, 104)}
    decide(review, Stage.TITLE_ABSTRACT, {u: Verdict.INCLUDE if n != 104 else Verdict.EXCLUDE
                                          for u, n in new.items()})
    decide(review, Stage.FULL_TEXT, {u: Verdict.INCLUDE if n == 101 else Verdict.NOT_RETRIEVED
                                     for u, n in new.items() if n != 104})
    include.run(review)
    prisma.run(review)
    data = json.loads(review.prisma_json_path.read_text(encoding="utf-8"))
    c = data["counts"]
    assert data["other_methods"] and data["sources"]["citation_searching"] == {
        "Citation searching": 4}
    assert (c["citations_results"], c["other_duplicates"], c["other_records_screened"]) == (4, 1, 3)
    assert (c["other_sought_reports"], c["other_notretrieved_reports"],
            c["other_included"]) == (2, 1, 1)
    assert c["dbr_included"] == 2 and c["new_studies"] == 3
    svg = review.prisma_svg_path.read_text(encoding="utf-8").replace("\xa0", " ")
    # The other-methods arm's box says what left it before "Reports sought" (as the template's
    # label field does), so its text runs over three lines of the SVG.
    lines = " ".join(re.findall(r">([^<>]+)</t", svg))
    assert "Citation searching (n = 4)" in lines
    assert ("Reports sought for retrieval, after 1 duplicate record removed and 1 record "
            "excluded on title and abstract (n = 2)") in lines


def test_bad_input(review: Project, fake: FullTextFake, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(review)
    for args, said in [
        (("citations",), "say which way to search"),
        (("citations", "--backward", "nosuchid"), "not in the review: nosuchid"),
        (("citations", "--backward", "--source", "MEDLINE"), "is a database in review.toml"),
        (("pubmed", "two", "words"), "the query must be one argument"),
        (("pubmed", "x", "--backward"), "go with `review search citations`"),
    ]:
        result = invoke(runner, review, "search", *args)
        assert result.exit_code in (1, 2) and said in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert snapshot(review) == before and fake.requests == []
    # No study included yet.
    init.run(tmp_path / "empty")
    empty = Project(tmp_path / "empty")
    with pytest.raises(ReviewError, match="no study is included yet"):
        search.citations(empty, ["backward"])
    # A seed OpenAlex does not know.
    fake.papers.clear()
    with pytest.raises(ReviewError, match="none of the 2 seed studies was found"):
        search.citations(review, ["backward"])
    assert snapshot(review) == before and not review.search_log_path.exists()


def test_nothing_secret_reaches_the_review_from_a_server_that_echoes_it(
    review: Project, fake: FullTextFake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OpenAlex gets the e-mail (and a key, when one is set); a server or proxy that echoes them
    in its answers must not get them into the saved pages, the search log or the records."""
    secrets = ("searcher@example.org", "searcher%40example.org", "sekret-key-123")
    monkeypatch.setenv("OPENALEX_API_KEY", secrets[2])
    fake.echo = True
    result = search.citations(review, ["backward", "forward"], now=at("2024-06-01"))
    assert [e["received"] for e in result.entries] == [4, 1]  # the echo changes nothing else
    assert any(p.get("mailto") == secrets[0] for _, p in fake.requests)
    for name, data in snapshot(review).items():
        for secret in secrets:
            assert secret.encode() not in data, (name, secret)
