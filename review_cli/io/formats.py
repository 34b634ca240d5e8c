"""The registry of import formats and content sniffing.

A format is a module with NAME, LABEL, `sniff(doc) -> bool` and `parse(doc)` yielding `Parsed`
and `Skip`. Detection looks at the content only, never the file name: real exports are misnamed
(MEDLINE saved as .ris, WoS tagged as .ris, RIS as .txt). Order matters: the most specific
formats are tried first. To add a format, write the module and list it in FORMATS.
"""

from __future__ import annotations

from types import ModuleType

from review_cli.errors import ParseError
from review_cli.io import crossref_json, europepmc_json, openalex_json, ris
from review_cli.io.document import Document

FORMATS: tuple[ModuleType, ...] = (
    ris,
    # Saved online-search answers (`review search`); JSON, told apart by their envelopes.
    crossref_json,
    openalex_json,
    europepmc_json,
)


def by_name(name: str) -> ModuleType:
    for fmt in FORMATS:
        if fmt.NAME == name:
            return fmt
    known = ", ".join(f.NAME for f in FORMATS)
    raise ParseError("--format", f"unknown format `{name}`", hint=f"use one of: {known}")


def detect(doc: Document) -> ModuleType:
    for fmt in FORMATS:
        if fmt.sniff(doc):
            return fmt
    tried = ", ".join(f.LABEL for f in FORMATS)
    raise ParseError(
        doc.path,
        f"is not a bibliographic export this tool can read (tried {tried})",
        hint="export the records again as RIS, MEDLINE, BibTeX, CSV or XLSX, or force one with --format",
    )
