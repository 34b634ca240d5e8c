"""Every real CSV/TSV, XLSX, BibTeX, EndNote XML and WoS tab-delimited export in ../shared/data
imports with the manifest's record count. Skipped when ../shared/data is absent (a fresh clone).

The RIS/MEDLINE/WoS-tagged/Ovid files are checked in test_shared_exports.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from review_cli.io import formats
from review_cli.io.document import decode
from review_cli.stages.import_ import FileReport, build_records

from .conftest import SHARED, SHARED_DATA, shared_data_or_skip

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".bib", ".xml")
EXPECTED_FORMAT = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".bib": "bibtex",
                   ".xml": "endnote-xml", ".txt": "wos-tab"}


def _entries() -> list[Any]:
    manifest = SHARED_DATA / "manifest.json"
    if not manifest.exists():
        return [pytest.param(None, id="shared-data-absent")]
    out = []
    for entry in json.loads(manifest.read_text(encoding="utf-8"))["exports"]:
        suffix = Path(entry["file"]).suffix.lower()
        if suffix in TABLE_SUFFIXES or entry["format"] == "wos_tab_delimited":
            out.append(pytest.param(entry, id=Path(entry["file"]).name))
    return out


@pytest.mark.parametrize("entry", _entries())
def test_shared_table_export_count(entry: dict[str, Any] | None) -> None:
    shared_data_or_skip()
    if entry is None:
        pytest.skip("no manifest")
    path = SHARED / entry["file"]
    doc = decode(path, path.read_bytes())
    fmt = formats.detect(doc)
    assert fmt.NAME == EXPECTED_FORMAT[path.suffix.lower()]
    report = FileReport(file=path.name, source="S", format=fmt.NAME, encoding=doc.encoding,
                        sha256="")
    records = build_records("S", path.name, fmt.parse(doc), report)
    assert report.skipped == []
    assert report.imported == len(records) == entry["records"]
    assert report.empty_titles == 0


def test_shared_spot_checks() -> None:
    data = shared_data_or_skip() / "exports"

    def first(rel: str) -> Any:
        path = data / rel
        doc = decode(path, path.read_bytes())
        report = FileReport(file=rel, source="S", format="", encoding="", sha256="")
        return build_records("S", rel, formats.detect(doc).parse(doc), report)[0]

    scopus = first("csv/scopus.csv")
    assert (scopus.origins[0].key == "2-s2.0-85189760133"
            and scopus.doi == "10.1038/s41467-024-46843-2")
    assert (scopus.year == 2024 and scopus.journal == "Nature Communications"
            and scopus.authors[0] == "Wilson L.N.")
    embase = first("xlsx/embase_elsevier.xlsx")
    assert (embase.origins[0].line == 5 and embase.pmid == "38773066"
            and embase.authors[:2] == ("Yang Z.", "Jiang B."))
    wos = first("wos_tab_delimited/biosis_wos_tab_delimited__synthesisr.txt")
    assert (wos.authors[0] == "Tingley, Morgan W." and wos.pages == "1484-1496"
            and wos.origins[0].key == "BIOSIS:PREV201800796061")
    bib = first("bibtex/scopus__bibliometrix.bib")
    assert (bib.authors[:2] == ("D'Ambrosio, A.a", "Aria, M.a") and bib.pages == "1339-1351"
            and bib.origins[0].line == 4)
    xml = first("reference_manager_exports/zotero_export_endnote_xml.xml")
    assert (xml.doi == "10.1111/jvim.16404" and xml.year == 2022
            and xml.authors[0] == "Rotter, Carina")
