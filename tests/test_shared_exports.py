"""Every real export in ../shared/data imports with the manifest's record count.

Skipped on a fresh clone (no ../shared/data). Each file is one test, named after its path, so a
failure names the export. Counting conventions are the manifest's: RIS = `ER  -` lines, MEDLINE =
records (PMID or, for ERIC, OWN), WoS tagged = `ER` lines, Ovid tagged = `<n. >` headers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from review_cli.project import Project
from review_cli.stages import import_
from review_cli.store import records as records_store

from .conftest import SHARED, SHARED_DATA, invoke, shared_data_or_skip


def _params() -> list[Any]:
    manifest = SHARED_DATA / "manifest.json"
    if not manifest.is_file():
        return [pytest.param(None, id="no-shared-data")]
    entries = json.loads(manifest.read_text(encoding="utf-8"))["exports"]
    params = []
    for entry in entries:
        params.append(pytest.param(entry, id=entry["file"].removeprefix("data/exports/")))
    return params


@pytest.mark.parametrize("entry", _params())
def test_shared_export_imports_with_manifest_count(entry: dict[str, Any] | None,
                                                   review: Project) -> None:
    shared_data_or_skip()
    assert entry is not None
    path = SHARED / entry["file"]
    result = import_.run(review, [path], "Shared")
    [report] = result.files
    skipped = [(s["line"], s["reason"]) for s in report.skipped]
    assert report.read == report.imported + len(report.skipped)
    assert report.imported == entry["records"], f"skipped: {skipped[:5]}"
    assert not skipped
    records = records_store.read(review)
    assert len(records) == entry["records"]
    # Every record has a title or an abstract in the right field, not only an id.
    assert all(r.title or r.abstract for r in records)


def test_shared_exports_through_the_cli_never_show_a_traceback(review: Project, runner) -> None:
    """One CLI run per text format family (misnamed files included): exit 0 and no traceback."""
    data = shared_data_or_skip()
    for rel in (
        "exports/medline_nbib/pubmed_medline_format_misnamed.ris",
        "exports/wos_tagged/web_of_science_misnamed__rispy.ris",
        "exports/ovid_tagged/embase_ovid_endnote_option.cgi",
        "exports/ris/pubmed_via_endnote__asreview.txt",
    ):
        result = invoke(runner, review, "import", str(data / rel), "--source", rel.split("/")[1])
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
