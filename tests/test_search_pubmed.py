"""PubMed through a local fake of E-utilities: history paging, the 9,999 wall, errors, pacing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from review_cli.errors import ReviewError
from review_cli.progress import NULL
from review_cli.project import Project
from review_cli.search.base import Query
from review_cli.search.http import Settings
from review_cli.search.pubmed import PubMed
from review_cli.stages import search
from review_cli.store import records as records_store

from .search_fakes import Fake, Server, Work, works

FAST = Settings(timeout=0.3, retries=3, backoff=0.001, pace=0)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[Fake]:
    f = Fake(works(7))
    with Server(f) as server:
        monkeypatch.setenv("REVIEW_PUBMED_URL", server.url)
        monkeypatch.setenv("REVIEW_SEARCH_PAGE_SIZE", "3")
        yield f


def fetch(query: Query,  # type: ignore[type-arg]
          settings: Settings = FAST) -> tuple[int, bytes, dict]:
    client = PubMed()
    with client.http(settings) as http:
        count = client.count(http, query)
        dl = client.download(http, query, count, NULL)
    assert dl.received == count.total
    return count.total, dl.data, {"count": count, "download": dl, "http": http}


def pmids(data: bytes) -> list[str]:
    return re.findall(r"^PMID- (\d+)$", data.decode(), re.M)


def test_history_paging_with_faults(fake: Fake) -> None:
    # 1 count, 2 esearch with history, 3.. efetch pages of 3.
    fake.faults = {3: "429", 4: "500", 6: "timeout", 8: "malformed"}
    total, data, info = fetch(Query("carers"))
    assert total == 7 and pmids(data) == [str(34000000 + n) for n in range(1, 8)]
    assert data.startswith(b"\nPMID- 34000001\n") and b"\n\nPMID- 34000002\n" in data
    assert info["http"].retried == 4
    fetches = [p for path, p in fake.requests if path.endswith("efetch.fcgi")]
    assert [p["retstart"] for p in fetches] == ["0", "0", "0", "3", "3", "6", "6"]
    assert all(p["rettype"] == "medline" and p["retmode"] == "text" and p["query_key"] == "1"
               for p in fetches)
    assert info["count"].details["query_translation"] == "carers[All Fields]"
    assert info["count"].details["warnings"] == ["phrasesignored: the"]


def test_expired_history_session_is_searched_again(fake: Fake) -> None:
    fake.faults = {4: "expire"}  # the second efetch finds its WebEnv gone
    total, data, _ = fetch(Query("carers"))
    assert total == 7 and len(set(pmids(data))) == 7
    paths = [path.rsplit("/", 1)[-1] for path, _ in fake.requests]
    assert paths == ["esearch.fcgi", "esearch.fcgi", "efetch.fcgi", "efetch.fcgi", "esearch.fcgi",
                     "efetch.fcgi", "efetch.fcgi"]
    assert [p.get("retstart") for _, p in fake.requests if "retstart" in p] == ["0", "3", "3", "6"]


def test_long_strategies_are_posted(fake: Fake) -> None:
    term = " OR ".join(f'"carer {n}"[tiab]' for n in range(80))
    total, _, _ = fetch(Query(term))
    assert total == 7 and len(term) > 1000
    assert fake.methods[:2] == ["POST", "POST"] and set(fake.methods[2:]) == {"GET"}
    assert fake.requests[0][1]["term"] == term


def test_date_limits_are_sent_as_pdat(fake: Fake) -> None:
    fetch(Query("carers", published_from="2021-01-01", published_to="2021-12-31"))
    first = fake.requests[0][1]
    assert (first["datetype"], first["mindate"], first["maxdate"]) == (
        "pdat", "2021/01/01", "2021/12/31")
    assert first["tool"] == "review-cli" and first["db"] == "pubmed" and first["retmode"] == "json"


def test_update_uses_entrez_date_and_keeps_publication_limits(fake: Fake) -> None:
    fetch(Query("carers", published_from="2012-01-01", added_from="2021-03-01"))
    p = fake.requests[0][1]
    assert (p["datetype"], p["mindate"]) == ("edat", "2021/03/01")
    assert p["term"] == '(carers) AND ("2012/01/01"[dp] : "3000/12/31"[dp])'


def test_more_than_the_cap_is_split_by_date(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PubMed, "cap", 4)
    days = ["2019-02-01", "2019-07-01", "2020-01-15", "2020-01-16", "2020-05-01", "2021-03-01",
            "2021-03-02", "2022-08-08", "2023-01-01", "2024-12-31"]
    fake.works = [Work(i + 1, d, d) for i, d in enumerate(days)]
    total, data, info = fetch(Query("carers", published_from="2019-01-01",
                                    published_to="2024-12-31"))
    assert total == 10 and sorted(pmids(data)) == sorted(str(34000001 + i) for i in range(10))
    slices = info["download"].details["date_slices"]
    assert all(s["records"] < 4 for s in slices) and sum(s["records"] for s in slices) == 10
    for a, b in zip(slices, slices[1:], strict=False):  # contiguous, non-overlapping
        assert a["to"] < b["from"]
    assert slices[0]["from"] == "2019/01/01" and slices[-1]["to"] == "2024/12/31"


def test_one_day_over_the_cap_is_refused(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PubMed, "cap", 4)
    fake.works = works(5, published="2020-01-15")
    with pytest.raises(ReviewError, match="5 records dated 2020/01/15"):
        fetch(Query("carers", published_from="2020-01-15", published_to="2020-01-15"))


@pytest.mark.parametrize(
    "term,message",
    [("carers[xyz]", "unknown search field(s) xyz"), ("ERRORDB", "Search Backend failed")],
)
def test_error_bodies_with_http_200_are_errors(fake: Fake, term: str, message: str) -> None:
    with pytest.raises(ReviewError, match=re.escape(message)) as e:
        fetch(Query(term))
    assert "query syntax" in (e.value.hint or "")
    assert len(fake.requests) == 1  # a refused query is not retried


def test_bad_key_is_scrubbed(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NCBI_API_KEY", "bad-key")
    with pytest.raises(ReviewError) as e:
        fetch(Query("carers"))
    assert "HTTP 400" in e.value.message and "API key invalid" in e.value.message
    assert "NCBI_API_KEY" in (e.value.hint or "")
    assert "bad-key" not in e.value.message + (e.value.hint or "")
    assert fake.requests[0][1]["api_key"] == "bad-key"


def test_rate_limit_is_paced(fake: Fake, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a key NCBI allows 3 requests/s: requests leave >= 0.37 s apart (scaled by pace)."""
    import time

    import httpx

    stamps: list[float] = []
    real = httpx.Client.get

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        stamps.append(time.monotonic())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(httpx.Client, "get", spy)
    fetch(Query("carers"), Settings(timeout=1, retries=0, backoff=0.001, pace=0.2))
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(gaps) == 4 and min(gaps) >= 0.37 * 0.2
    monkeypatch.setenv("NCBI_API_KEY", "good")
    assert PubMed().http(FAST).min_interval == 0.1


def test_pubmed_search_imports_through_medline(review: Project, fake: Fake,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
    monkeypatch.setenv("REVIEW_SEARCH_BACKOFF", "0.001")
    result = search.run(review, "pubmed", "carers", source="PubMed", date_from="2021")
    assert result.entry["received"] == 7 and result.entry["imported"] == 7
    assert result.entry["details"]["query_translation"] == "carers[All Fields]"
    recs = {r.pmid: r for r in records_store.read(review)}
    assert set(recs) == {str(34000000 + n) for n in range(1, 8)}
    assert recs["34000001"].doi == "10.5555/fake.1" and recs["34000001"].pages == "101-110"
    assert result.entry["files"][0].endswith(".medline.txt")


def test_split_search_is_one_file_and_logged(review: Project, fake: Fake,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")
    monkeypatch.setattr(PubMed, "cap", 4)
    fake.works = [Work(i + 1, f"20{10 + i}-06-01", f"20{10 + i}-06-01") for i in range(10)]
    result = search.run(review, "pubmed", "carers", source="PubMed", date_from="2010",
                        date_to="2019")
    e = result.entry
    assert e["reported"] == e["received"] == e["imported"] == 10 and len(e["files"]) == 1
    assert sum(s["records"] for s in e["details"]["date_slices"]) == 10
    assert len(records_store.read(review)) == 10
