"""The registry of import formats and content sniffing.

A format is a module with NAME, LABEL, `sniff(doc) -> bool` and `parse(doc)` yielding `Parsed`
and `Skip`. Detection looks at the content only, never the file name: real exports are misnamed
(MEDLINE saved as .ris, WoS tagged as .ris, RIS as .txt). Order matters: the most specific
formats are tried first. To add a format, write the module and list it in FORMATS.
"""

from __future__ import annotations

from types import ModuleType

from review_cli.errors import ParseError, UsageError
from review_cli.io import (
    bibtex,
    crossref_json,
    endnote_xml,
    europepmc_json,
    medline,
    openalex_json,
    ovid,
    review_jsonl,
    ris,
    tabular,
    wos,
    wos_tab,
    xlsx,
)
from review_cli.io.document import Document

# Specific before general: workbooks (zip magic) and markup first; WoS tagged and MEDLINE files
# are often saved as .ris, and their sniffers never match a file with RIS `TY  -` lines, so they
# come before RIS; WoS tab-delimited before the generic CSV/TSV reader, which claims any table.
# Saved online-search answers (`review search`) are JSON starting with `{` or `[`, told apart by
# their envelopes; they go early so the table reader never claims their commas, as do the JSON
# lines `review` exports itself.
FORMATS: tuple[ModuleType, ...] = (
    xlsx,
    crossref_json,
    openalex_json,
    europepmc_json,
    review_jsonl,
    endnote_xml,
    bibtex,
    wos,
    ovid,
    medline,
    ris,
    wos_tab,
    tabular,
)


def by_name(name: str) -> ModuleType:
    """The format named `name` (any case); an unknown name is bad usage (exit 2)."""
    wanted = name.strip().casefold()
    for fmt in FORMATS:
        if fmt.NAME == wanted:
            return fmt
    known = ", ".join(f.NAME for f in FORMATS)
    raise UsageError(f"--format: unknown format `{name}`", hint=f"use one of: {known}")


def forced(doc: Document, name: str) -> ModuleType:
    """The format `--format` names, unless the content is plainly another format: a RIS file
    read as MEDLINE keeps its titles and authors and silently loses year, journal and pages."""
    fmt = by_name(name)
    if not fmt.sniff(doc):
        other = next((f for f in FORMATS if f.sniff(doc)), None)
        if other is not None and other is not fmt:
            raise ParseError(
                doc.path,
                f"is {other.LABEL}, not {fmt.LABEL} as --format {fmt.NAME} says",
                hint=f"drop --format (the content is detected), or use --format {other.NAME}",
            )
    return fmt


def detect(doc: Document) -> ModuleType:
    for fmt in FORMATS:
        if fmt.sniff(doc):
            return fmt
    tried = ", ".join(f.LABEL for f in FORMATS)
    raise ParseError(
        doc.path,
        f"is not a bibliographic export this tool can read (tried {tried})",
        hint="export the records again as RIS, MEDLINE, BibTeX, CSV or XLSX, "
        "or force one with --format",
    )
