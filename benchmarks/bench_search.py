"""Online search overhead: download + import + log of 5,000 records from a local fake API.

The fake (tests/search_fakes.py) answers instantly and pacing is off, so the figures are the
tool's own cost per search (HTTP handling, JSON/MEDLINE parsing, import, log), not the
services' speed or rate limits (PubMed at 3 requests/s adds ~0.37 s per 500 records).
Run: .venv/bin/python -m benchmarks.bench_search
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks._common import as_installed, machine, median_time, update_section
from review_cli.progress import NULL
from review_cli.project import Project
from review_cli.search import client
from review_cli.search.http import Settings
from review_cli.stages import init, search
from tests.search_fakes import Fake, Server, works

N = 5000
APIS = ("pubmed", "europepmc", "openalex", "crossref")


def one(api: str) -> dict:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        init.run(Path(tmp) / "r")
        project = Project(Path(tmp) / "r")
        return search.run(project, api, "carers", max_records=N).entry


def fetch_only(api: str) -> int:
    c = client(api)
    with c.http(Settings(pace=0)) as http:
        count = c.count(http, search.Query("carers"))
        return c.download(http, search.Query("carers"), count, NULL).received


def main() -> None:
    as_installed()  # time the commands as users' installed copies start
    rows = []
    with Server(Fake(works(N))) as server:
        for var in ("PUBMED", "EUROPEPMC", "OPENALEX", "CROSSREF"):
            os.environ[f"REVIEW_{var}_URL"] = server.url
        os.environ["REVIEW_SEARCH_PACE"] = "0"
        for api in APIS:
            seconds, entry = median_time(lambda api=api: one(api), runs=3)
            assert entry["received"] == N and entry["imported"] == N
            fetch_s, received = median_time(lambda api=api: fetch_only(api), runs=3)
            assert received == N
            rows.append(
                f"| {api} | {N} | {entry['requests']} | {fetch_s:.2f} | {seconds:.2f} "
                f"| {N / seconds:,.0f} |"
            )
            print(rows[-1], flush=True)
    body = "\n".join([
        "## Online search (`benchmarks/bench_search.py`)",
        "",
        f"Machine: {machine()}. Median of 3 runs. A local fake API (no network, no pacing): the",
        "tool's own cost to count, page, parse, import and log one search. Most of the time is the",
        "shared import (normalising and fingerprinting records), not the client.",
        "",
        "| source | records | requests | download only, s | search + import + log, s | records/s |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
    ])
    update_section("search", body)


if __name__ == "__main__":
    main()
