"""Saved API answers as import formats (sniffed from content), and the request helper's rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.errors import ParseError, ReviewError
from review_cli.io import formats
from review_cli.io.document import decode
from review_cli.io.openalex_json import rebuild_abstract
from review_cli.project import Project
from review_cli.search.http import Http, Settings, scrub
from review_cli.stages import import_
from review_cli.store import records as records_store

from .conftest import FIXTURES

EPMC = {"version": "6.9", "hitCount": 1, "resultList": {"result": [
    {"id": "PPR1", "source": "PPR", "doi": "10.1101/2021.01.01.1",
     "title": "A preprint with <i>italics</i>", "authorString": "Doe J, Roe R.", "pubYear": "2021",
     "journalTitle": "medRxiv", "abstractText": "Text &amp; more."}]}}
OPENALEX_WORK = {"id": "https://openalex.org/W42", "doi": None, "title": None,
                 "display_name": "Only a display name", "publication_year": 2020,
                 "primary_location": None, "biblio": {}, "authorships": [],
                 "abstract_inverted_index": None}
CROSSREF_ITEM = {"DOI": "10.1000/ABC", "title": ["A work"], "author": [{"family": "Doe"}],
                 "container-title": [], "published-online": {"date-parts": [[2019]]}}


def doc(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return decode(path, path.read_bytes())


@pytest.mark.parametrize(
    "text,fmt",
    [
        (json.dumps(EPMC), "europepmc-json"),
        (json.dumps(EPMC, indent=2), "europepmc-json"),
        (json.dumps({"meta": {"count": 1}, "results": [OPENALEX_WORK]}) + "\n", "openalex-json"),
        (json.dumps([OPENALEX_WORK]), "openalex-json"),
        (json.dumps({"status": "ok", "message-type": "work-list",
                     "message": {"total-results": 1, "items": [CROSSREF_ITEM]}}),
         "crossref-json"),
        (json.dumps({"status": "ok", "message-type": "work", "message": CROSSREF_ITEM}, indent=1),
         "crossref-json"),
    ],
    ids=["epmc-line", "epmc-pretty", "openalex-page", "openalex-records", "crossref-list",
         "crossref-single"],
)
def test_sniffed_and_parsed(tmp_path: Path, text: str, fmt: str) -> None:
    d = doc(tmp_path, "saved.txt", text)
    module = formats.detect(d)
    assert module.NAME == fmt
    parsed = list(module.parse(d))
    assert len(parsed) == 1


def test_ris_is_not_mistaken_for_json(tmp_path: Path) -> None:
    d = doc(tmp_path, "x.json", (FIXTURES / "exports" / "cochrane_two_spaces.ris").read_text())
    assert formats.detect(d).NAME == "ris"


def test_fields_from_each_shape(review: Project, tmp_path: Path) -> None:
    files = {
        "epmc.json": json.dumps(EPMC),
        "oa.json": json.dumps([OPENALEX_WORK]),
        "cr.json": json.dumps({"status": "ok", "message-type": "work", "message": CROSSREF_ITEM}),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        import_.run(review, [tmp_path / name], name.split(".")[0])
    recs = {r.source: r for r in records_store.read(review)}
    epmc = recs["epmc"]
    assert epmc.title == "A preprint with italics" and epmc.authors == ("Doe J", "Roe R")
    assert (epmc.journal == "medRxiv" and epmc.abstract == "Text & more."
            and epmc.database == "Europe PMC (PPR)")
    assert (epmc.origins[0].key == "PPR:PPR1"
            and epmc.url == "https://europepmc.org/article/PPR/PPR1")
    oa = recs["oa"]
    assert (oa.title == "Only a display name" and oa.abstract == "" and oa.year == 2020
            and oa.doi == "")
    cr = recs["cr"]
    assert (cr.doi == "10.1000/abc" and cr.year == 2019 and cr.authors == ("Doe",)
            and cr.origins[0].key == "10.1000/abc")


def test_cut_off_json_lines_name_the_line(tmp_path: Path) -> None:
    good = json.dumps(EPMC)
    d = doc(tmp_path, "cut.jsonl", good + "\n" + good[:40] + "\n")
    with pytest.raises(ParseError, match=r"cut.jsonl:2: not valid JSON"):
        list(formats.detect(d).parse(d))


@pytest.mark.parametrize(("given", "stored"), [
    ("Jane Doe", "Doe, Jane"),
    ("Jane Q. Doe", "Doe, Jane Q."),
    ("R. Roe", "Roe, R."),
    ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
    ("Maria de la Cruz", "de la Cruz, Maria"),
    ("John Smith Jr.", "Smith, John, Jr."),
    ("Doe, Jane", "Doe, Jane"),  # already family first
    ("Madonna", "Madonna"),
    ("World Health Organization", "World Health Organization"),
    ("ALTS Study Group", "ALTS Study Group"),
])
def test_openalex_names_are_stored_family_first(given: str, stored: str) -> None:
    from review_cli.io.openalex_json import family_first

    assert family_first(given) == stored


def test_an_openalex_record_and_a_ris_record_of_one_article_are_one_cluster(
    review: Project, tmp_path: Path
) -> None:
    """Dedup compares family names: an OpenAlex "Jane Doe" must meet the database's "Doe, J."
    without help from volume or pages."""
    from review_cli.stages import dedup
    from review_cli.store import clusters as clusters_store

    work = {**OPENALEX_WORK, "id": "https://openalex.org/W42", "doi": None, "biblio": {},
            "title": "Co-production of integrated care with carers: a qualitative study",
            "display_name": None, "publication_year": 2021,
            "authorships": [{"author": {"display_name": n}} for n in
                            ("Jane Doe", "Richard Roe", "Ana Moe")],
            "primary_location": {"source": {"display_name": "Journal of Integrated Care"}}}
    (tmp_path / "oa.json").write_text(json.dumps([work]))
    (tmp_path / "db.ris").write_text(
        "TY  - JOUR\nTI  - Co-production of integrated care with carers: a qualitative study\n"
        "AU  - Doe, J.\nAU  - Roe, R.\nAU  - Moe, A.\nPY  - 2021\n"
        "JO  - Journal of Integrated Care\nER  - \n")
    import_.run(review, [tmp_path / "db.ris"], "MEDLINE")
    import_.run(review, [tmp_path / "oa.json"], "OpenAlex")
    dedup.run(review)
    sizes = sorted(len(c["records"]) for c in clusters_store.read(review).values())
    assert sizes == [2]


def test_rebuild_abstract() -> None:
    assert rebuild_abstract({"We": [0], "tested": [1, 4], "it": [2], "and": [3]}) == (
        "We tested it and tested")
    assert rebuild_abstract(None) == "" and rebuild_abstract({}) == ""


def test_scrub_removes_keys_and_contact() -> None:
    text = ("GET https://x/esearch.fcgi?term=a&api_key=abc123&email=me%40x.org&tool=review-cli "
            "body: abc123")
    out = scrub(text, ["abc123"])
    assert "abc123" not in out and "me%40x.org" not in out and "term=a" in out
    assert scrub("see http://joe:pw@proxy.example/esearch.fcgi", []) == (
        "see http://proxy.example/esearch.fcgi")


@pytest.mark.parametrize(
    "body,expected",
    [
        ('{"error": "Invalid query parameters error.", "message": "bogus is not a valid field"}',
         "Invalid query parameters error: bogus is not a valid field"),
        ('{"status": "failed", "message-type": "validation-failure", "message": '
         '[{"type": "query", "message": "Unbalanced parenthesis"}]}',
         "Unbalanced parenthesis"),
        ('{"esearchresult": {"ERROR": "Invalid db name specified: nonsense_db"}}',
         "Invalid db name specified: nonsense_db"),
        ("<eFetchResult><ERROR>Cannot retrieve history data: OUT OF RANGE</ERROR></eFetchResult>",
         "Cannot retrieve history data: OUT OF RANGE"),
        ("<html><body><h1>414 Request-URI Too Large</h1></body></html>",
         "414 Request-URI Too Large"),
    ],
    ids=["openalex", "crossref", "ncbi-json", "ncbi-xml", "html"],
)
def test_error_messages_are_read_from_each_shape(body: str, expected: str) -> None:
    from review_cli.search.http import _error_message

    assert _error_message(body) == expected


def test_retry_after_is_honoured_and_capped() -> None:
    http = Http("X", Settings(backoff=0.01, max_backoff=2.0))
    assert 0.01 <= http._delay(0, None) < 0.012
    assert 0.08 <= http._delay(3, None) < 0.09
    assert 1.0 <= http._delay(0, "1") < 1.11
    assert 2.0 <= http._delay(0, "3600") < 2.21  # never more than the cap
    assert 2.0 <= Http("X", Settings(backoff=1, max_backoff=2.0))._delay(10, None) < 2.21


def test_announced_rate_limits_only_slow_down() -> None:
    http = Http("X", min_interval=0.34)
    http._adapt({"x-rate-limit-limit": "50", "x-rate-limit-interval": "1s"})
    assert http.min_interval == 0.34
    http._adapt({"x-rate-limit-limit": "2", "x-rate-limit-interval": "1s"})
    assert http.min_interval == 0.5
    http._adapt({"x-rate-limit-limit": "10", "x-rate-limit-interval": "60s"})
    assert http.min_interval == 6.0
    http._adapt({"x-rate-limit-limit": "junk", "x-rate-limit-interval": "1s"})
    assert http.min_interval == 6.0


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_SEARCH_TIMEOUT", "2.5")
    monkeypatch.setenv("REVIEW_SEARCH_RETRIES", "1")
    s = Settings.from_env()
    assert s.timeout == 2.5 and s.retries == 1 and s.pace == 1.0
    monkeypatch.setenv("REVIEW_SEARCH_BACKOFF", "soon")
    with pytest.raises(ReviewError, match="REVIEW_SEARCH_BACKOFF"):
        Settings.from_env()
