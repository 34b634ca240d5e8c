"""`review search` against a local fake of each API: records, counts, log, retries, errors,
updates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_cli.io.writer import append_lines
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project
from review_cli.stages import import_, search
from review_cli.stages.search import _report as search_report
from review_cli.store import records as records_store

from .conftest import invoke, snapshot
from .search_fakes import Fake, Server, works

JSON_APIS = ("europepmc", "openalex", "crossref")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[Fake]:
    f = Fake(works(7))
    with Server(f) as server:
        for var in ("PUBMED", "EUROPEPMC", "OPENALEX", "CROSSREF"):
            monkeypatch.setenv(f"REVIEW_{var}_URL", server.url)
        monkeypatch.setenv("REVIEW_SEARCH_TIMEOUT", "0.3")
        monkeypatch.setenv("REVIEW_SEARCH_BACKOFF", "0.001")
        monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
        monkeypatch.setenv("REVIEW_SEARCH_PAGE_SIZE", "3")
        yield f


class Recorder:
    """A Progress that remembers each bar's total and how far it advanced."""

    def __init__(self) -> None:
        self.totals: dict[str, tuple[int | None, int]] = {}
        self.label = ""

    def start(self, label: str, total: int | None = None) -> None:
        self.label = label
        self.totals[label] = (total, 0)

    def advance(self, n: int = 1) -> None:
        total, done = self.totals[self.label]
        self.totals[self.label] = (total, done + n)

    def done(self) -> None:
        pass


def at(day: str):  # type: ignore[no-untyped-def]
    return lambda: dt.datetime.fromisoformat(day + "T10:00:00+00:00")


@pytest.mark.parametrize("api", JSON_APIS)
def test_search_pages_retries_and_imports(review: Project, fake: Fake, api: str) -> None:
    # Request 1 counts; 2.. are pages of 3. Faults land in the middle of the paging.
    fake.faults = {3: "429", 4: "500", 5: "malformed", 6: "timeout"}
    progress = Recorder()
    result = search.run(review, api, "carers AND integrated care", source="Online " + api,
                        progress=progress)
    label = {"europepmc": "Europe PMC", "openalex": "OpenAlex", "crossref": "Crossref"}[api]
    assert progress.totals[f"{label}: downloading"] == (7, 7)  # expected total, records advanced
    e = result.entry
    assert (e["reported"] == 7 and e["received"] == 7 and e["imported"] == 7
            and e["new_records"] == 7)
    assert e["retries"] == 4 and e["requests"] == 1 + 3 + 4
    pages = [p for _, p in fake.requests[1:]]
    # three distinct pages, retried ones repeated
    assert len({json.dumps(p, sort_keys=True) for p in pages}) == 3

    records = {r.id: r for r in records_store.read(review)}
    assert len(records) == 7 and set(result.new_records) == set(records)
    r = next(r for r in records.values() if r.doi == "10.5555/fake.2")
    assert r.title.startswith("Made-up trial number 2 of carers") and r.year == 2021
    assert (r.abstract.startswith("Background") and "<" not in r.abstract
            and "made-up text 2." in r.abstract)
    assert r.volume == "12" and r.issue == "3" and r.pages in ("101-110",)
    assert r.authors[0] in ("Doe J", "Jane Doe", "Doe, Jane")
    assert (r.origins[0].file == e["files"][0]
            and e["files"][0].startswith(f"searches/online-{api}/"))

    saved = (review.root / e["files"][0]).read_text(encoding="utf-8")
    assert len(saved.strip().split("\n")) == 3  # one JSON line per API page
    log = search.load_log(review)
    assert log == [e]
    assert (e["source"] == "Online " + api and e["api"] == api
            and e["query"] == "carers AND integrated care")
    assert e["time"].endswith("Z") and e["tool_version"] and e["update_of"] is None


def test_openalex_abstract_rebuilt_and_ids(review: Project, fake: Fake) -> None:
    search.run(review, "openalex", "carers", source="OpenAlex", date_from="2020", date_to="2022-06")
    rec = sorted(records_store.read(review), key=lambda r: r.doi)[0]
    assert rec.abstract == "Background: made-up text 1. Methods: we tested it and it worked."
    assert rec.pmid == "34000001" and rec.doi == "10.5555/fake.1" and rec.pages == "101-110"
    assert rec.origins[0].key == "W1001"
    flt = [p["filter"] for _, p in fake.requests]
    assert set(flt) == {"from_publication_date:2020-01-01,to_publication_date:2022-06-30"}
    entry = search.load_log(review)[0]
    assert entry["limits"] == {"published_from": "2020-01-01", "published_to": "2022-06-30",
                               "max": 10000}


def test_secrets_never_reach_the_review(review: Project, fake: Fake,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_EMAIL", "secret.person@example.org")
    monkeypatch.setenv("OPENALEX_API_KEY", "sk-very-secret")
    fake.faults = {2: "429"}
    search.run(review, "openalex", "carers", source="OpenAlex")
    sent = [p for _, p in fake.requests]
    assert all(p["api_key"] == "sk-very-secret" and p["mailto"] == "secret.person@example.org"
               for p in sent)
    for path in review.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"sk-very-secret" not in data and b"secret.person" not in data, path


@pytest.mark.parametrize("api", ["pubmed", *JSON_APIS])
def test_nothing_secret_reaches_a_file_even_from_a_server_that_echoes_it(
    review: Project, fake: Fake, monkeypatch: pytest.MonkeyPatch, api: str
) -> None:
    from urllib.parse import quote, quote_plus

    email, key = "secret.person+review@example.org", "sk-very/secret key"
    monkeypatch.setenv("REVIEW_EMAIL", email)
    monkeypatch.setenv({"pubmed": "NCBI_API_KEY", "openalex": "OPENALEX_API_KEY",
                        "crossref": "CROSSREF_PLUS_TOKEN"}.get(api, "UNUSED_KEY"), key)
    fake.echo = True
    search.run(review, api, "carers", source="Online")
    secrets = {s for v in (email, key) for s in (v, quote(v), quote(v, safe=""), quote_plus(v))}
    for path in review.root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            leaked = [s for s in secrets if s.encode() in data]
            assert not leaked, (path, leaked)
    entry = search.load_log(review)[0]
    assert entry["query"] == "carers"  # the query as the user typed it is kept


def test_cli_search_json_and_log(review: Project, fake: Fake, runner) -> None:
    result = invoke(runner, review, "search", "crossref", "carers", "--source", "Crossref",
                    "--json")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)
    assert entry["reported"] == 7 and entry["received"] == 7 and entry["database"] == "Crossref"
    assert entry["request"] == {"query": "carers", "rows": "0"}
    assert "7 records reported, 7 received" in result.stderr
    assert review.protocol.source("Crossref") is not None  # declared in review.toml by import


ERRORS = [
    # (api, query, extra env, fault, message part, hint part)
    ("crossref", "nothing at all", {}, {}, "found no records", "nothing was saved"),
    ("europepmc", "carers", {}, {}, "more than --max 5", "--max 7"),
    ("crossref", "(carers", {}, {}, "Unbalanced parenthesis", "query syntax"),
    ("openalex", "carers", {"OPENALEX_API_KEY": "bad-key"}, {}, "HTTP 401", "OPENALEX_API_KEY"),
    ("europepmc", "carers", {}, {n: "stub" for n in range(1, 10)}, "unreadable answer",
     "try again later"),
    ("crossref", "carers", {}, {n: "500" for n in range(1, 10)}, "HTTP 500", "try again later"),
    ("pubmed", "nothing at all", {}, {}, "PubMed said: phrasesignored: the", "nothing was saved"),
    ("pubmed", "carers[xyz]", {}, {}, "unknown search field(s) xyz", "query syntax"),
    ("pubmed", "carers", {"NCBI_API_KEY": "bad-key"}, {}, "API key invalid", "NCBI_API_KEY"),
]


@pytest.mark.parametrize("api,query,env,faults,message,hint", ERRORS,
                         ids=["zero", "max", "syntax", "key", "stub", "down", "pubmed-zero",
                              "pubmed-syntax", "pubmed-key"])
def test_errors_leave_review_unchanged(review: Project, fake: Fake, runner,
                                       monkeypatch: pytest.MonkeyPatch,
                                       api, query, env, faults, message, hint) -> None:
    search.run(review, "europepmc", "carers", source="Earlier")  # something already in the review
    before = snapshot(review)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("REVIEW_SEARCH_RETRIES", "2")
    fake.faults = {len(fake.requests) + k: v for k, v in faults.items()}
    args = (["search", api, query, "--source", "Other"]
            + (["--max", "5"] if "max" in message else []))
    result = invoke(runner, review, *args)
    assert result.exit_code == 1, result.output
    assert message in result.stderr and hint in result.stderr and "Traceback" not in result.output
    assert "bad-key" not in result.output  # keys are scrubbed from every message
    assert snapshot(review) == before


def test_max_refused_before_download(review: Project, fake: Fake) -> None:
    with pytest.raises(Exception, match="7 records for this search, more than --max 6"):
        search.run(review, "crossref", "carers", max_records=6)
    assert [p["rows"] for _, p in fake.requests] == ["0"]  # only the count was asked for


def test_no_network(review: Project, monkeypatch: pytest.MonkeyPatch, runner) -> None:
    monkeypatch.setenv("REVIEW_CROSSREF_URL", "http://127.0.0.1:9/")  # discard port: refused
    monkeypatch.setenv("REVIEW_SEARCH_BACKOFF", "0.001")
    monkeypatch.setenv("REVIEW_SEARCH_RETRIES", "1")
    monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
    before = snapshot(review)
    result = invoke(runner, review, "search", "crossref", "carers")
    assert result.exit_code == 1
    assert "could not reach Crossref" in result.stderr and "network" in result.stderr
    assert snapshot(review) == before


def test_wrong_base_url(review: Project, fake: Fake, monkeypatch: pytest.MonkeyPatch,
                        runner) -> None:
    monkeypatch.setenv("REVIEW_CROSSREF_URL", fake.url + "nowhere/")
    result = invoke(runner, review, "search", "crossref", "carers")
    assert result.exit_code == 1 and "has no such endpoint (HTTP 404)" in result.stderr
    assert "REVIEW_<SOURCE>_URL" in result.stderr and len(fake.requests) == 1


def test_usage_errors(review: Project, runner) -> None:
    for args, text in (
        (["search", "pubmed"], "give the online source and the query"),
        (["search", "bing", "x"], "unknown online source"),
        (["search", "--update", "PubMed", "crossref", "x"], "give no source"),
        (["search", "crossref", "x", "--from", "2020-13-01"], "is not a date"),
        (["search", "--update", "Nowhere"], "no online search of source `Nowhere`"),
    ):
        result = invoke(runner, review, *args)
        assert result.exit_code in (1, 2) and text in result.stderr, (args, result.output)


@pytest.mark.parametrize("api", ["europepmc", "crossref", "pubmed"])
def test_update_imports_only_new_records(review: Project, fake: Fake, api: str) -> None:
    fake.works = (works(5, published="2025-06-01", added="2026-01-05")
                  + works(1, start=6, published="2025-06-01", added="2026-01-10"))
    first = search.run(review, api, "carers", source="Online", now=at("2026-01-10"))
    assert first.entry["received"] == 6
    decisions = review.decisions_path(Stage.TITLE_ABSTRACT, "reviewer1")
    kept = sorted(first.new_records)[:2]
    for rid, verdict in zip(kept, (Verdict.INCLUDE, Verdict.EXCLUDE), strict=True):
        append_lines(decisions, [
            Decision(rid, verdict, Stage.TITLE_ABSTRACT, "reviewer1", "2026-01-11T09:00:00Z",
                     reason="design" if verdict == Verdict.EXCLUDE else "").to_json()])
    decision_bytes = decisions.read_bytes()
    before = {r.id: r for r in records_store.read(review)}

    # Two new works indexed after the first run; work 6 (indexed on the run's day) comes back too.
    fake.works += works(2, start=7, published="2025-12-01", added="2026-02-01")
    fake.requests.clear()
    result = search.update(review, "online", now=at("2026-03-01"))
    e = result.entry
    assert e["reported"] == 3 and e["received"] == 3 and e["new_records"] == 2
    assert e["update_of"] == first.entry["run"] and e["previous_run"] == "2026-01-10T10:00:00Z"
    assert e["limits"]["added_from"] == "2026-01-10" and e["query"] == "carers"
    sent = json.dumps([p for _, p in fake.requests])
    assert "2026-01-10" in sent or "2026/01/10" in sent

    after = {r.id: r for r in records_store.read(review)}
    assert set(before) <= set(after) and len(after) == 8
    new = set(after) - set(before)
    assert (new == set(result.new_records)
            and {after[i].doi for i in new} == {"10.5555/fake.7", "10.5555/fake.8"})
    for rid, rec in before.items():
        assert after[rid].to_json() | {"origins": None} == rec.to_json() | {"origins": None}
    assert decisions.read_bytes() == decision_bytes
    assert len(search.load_log(review)) == 2

    # An update with nothing new is logged, not an error.
    again = search.update(review, "Online", now=at("2026-03-02"))
    assert (again.entry["reported"] == 0 and again.entry["new_records"] == 0
            and again.entry["files"] == [])
    assert again.entry["update_of"] == e["run"]


def test_report_searches_markdown(review: Project, fake: Fake, runner, tmp_path: Path) -> None:
    search.run(review, "europepmc", "carers | integrated", source="Europe PMC", date_from="2012",
               now=at("2026-01-10"))
    search.update(review, "Europe PMC", now=at("2026-02-10"))
    result = invoke(runner, review, "report", "searches")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "| # | Source | Platform / interface | Date searched |" in md
    assert "2026-01-10 10:00:00 UTC" in md and "2026-02-10 10:00:00 UTC" in md
    assert "carers \\| integrated" in md and "published 2012-01-01 to …" in md
    assert "update (previous run 2026-01-10)" in md
    assert ("- Row 1: Europe PMC searched several databases at once; records retrieved per "
            "database: MED 7") in md
    # Protocol sources searched by hand appear with what review.toml says.
    assert "| MEDLINE | Ovid |" in md and "ClinicalTrials.gov" in md
    # A hand-made export of a source that was also searched online gets its own row.
    export = tmp_path / "epmc-by-hand.ris"
    export.write_text(RIS_WORK_7, encoding="utf-8")
    import_.run(review, [export], "Europe PMC")
    assert ("| Europe PMC | not recorded | not recorded |"
            in invoke(runner, review, "report", "searches").stdout)
    rows = json.loads(invoke(runner, review, "report", "searches", "--json").stdout)
    assert [(r["run"], r["retrieved"]) for r in rows if r["run"] == "from file"] == [
        ("from file", "1")]
    assert [r["run"] for r in rows][:2] == ["initial", "update (previous run 2026-01-10)"]
    assert [r.source for r in search_report.rows(review)][:2] == ["Europe PMC", "Europe PMC"]


RIS_WORK_7 = """TY  - JOUR
TI  - Made-up trial number 7 of carers in integrated care
AU  - Doe, Jane
AU  - Roe, R
PY  - 2025
T2  - Journal of made up medicine
VL  - 12
IS  - 3
SP  - 101
EP  - 110
DO  - 10.5555/fake.7
AB  - Background: made-up text 7. Methods: we tested it and it worked.
ER  -
"""


def test_update_dedups_new_records_against_the_review(review: Project, fake: Fake,
                                                      tmp_path: Path) -> None:
    from review_cli.stages import dedup
    from review_cli.store import units

    fake.works = works(3, published="2025-06-01", added="2026-01-05")
    search.run(review, "europepmc", "carers", source="Europe PMC", now=at("2026-01-10"))
    export = tmp_path / "medline.ris"
    export.write_text(RIS_WORK_7, encoding="utf-8")
    import_.run(review, [export], "MEDLINE")
    dedup.run(review)
    units_before = {u.id for u in units.screening_records(review)}

    fake.works += works(2, start=7, published="2025-12-01", added="2026-02-01")
    result = search.update(review, "Europe PMC", now=at("2026-03-01"))
    e = result.entry
    assert e["new_records"] == 2 and e["new_units"] == 1 and e["new_duplicates"] == 1
    units_after = {u.id for u in units.screening_records(review)}
    assert units_before < units_after and len(units_after - units_before) == 1
    assert "1 new studies to screen" in result.dedup


def test_cli_calls_one_stage_function(review: Project, runner,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, tuple, dict]] = []  # type: ignore[type-arg]
    entry = {"database": "PubMed", "reported": 1, "received": 1, "retries": 0, "details": {},
             "files": ["f"],
             "new_records": 1, "update_of": None, "previous_run": None}

    def fake_stage(name: str):  # type: ignore[no-untyped-def]
        def fn(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append((name, args[1:], {k: v for k, v in kwargs.items() if k != "progress"}))
            return search.SearchResult(entry, None, ["x"])
        return fn

    monkeypatch.setattr(search, "run", fake_stage("run"))
    monkeypatch.setattr(search, "update", fake_stage("update"))
    assert invoke(runner, review, "search", "pubmed", "a AND b", "--source", "PubMed",
                  "--from", "2012", "--max", "50").exit_code == 0
    assert invoke(runner, review, "search", "--update", "PubMed").exit_code == 0
    assert calls == [("run", ("pubmed", "a AND b", "PubMed", "2012", "", 50), {}),
                     ("update", ("PubMed",), {})]


def test_same_search_twice_keeps_one_file(review: Project, fake: Fake) -> None:
    first = search.run(review, "crossref", "carers", source="Crossref", now=at("2026-01-10"))
    records = review.records_path.read_bytes()
    second = search.run(review, "crossref", "carers", source="Crossref", now=at("2026-01-11"))
    assert second.entry["files"] == first.entry["files"] and second.entry["new_records"] == 0
    assert len(list(review.source_dir("Crossref").iterdir())) == 1
    assert review.records_path.read_bytes() == records
    assert [e["run"] for e in search.load_log(review)] == [
        "crossref-20260110T100000Z", "crossref-20260111T100000Z"]
