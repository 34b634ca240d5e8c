"""Online search clients: PubMed, Europe PMC, OpenAlex, Crossref (httpx, imported lazily).

Each client counts first and downloads second, through the shared request helper in
`http.py`; the stage `review_cli.stages.search` saves, imports and logs what they return.
"""

from __future__ import annotations

from review_cli.errors import ReviewError
from review_cli.search.base import Client

NAMES = ("pubmed", "europepmc", "openalex", "crossref")


def client(name: str) -> Client:
    """A fresh client for `name`, configured from the environment."""
    key = name.strip().casefold().replace(" ", "").replace("-", "").replace("_", "")
    if key == "pubmed":
        from review_cli.search.pubmed import PubMed

        return PubMed()
    if key == "europepmc":
        from review_cli.search.europepmc import EuropePMC

        return EuropePMC()
    if key == "openalex":
        from review_cli.search.openalex import OpenAlex

        return OpenAlex()
    if key == "crossref":
        from review_cli.search.crossref import Crossref

        return Crossref()
    raise ReviewError(f"unknown online source `{name}`", hint=f"use one of: {', '.join(NAMES)}")
