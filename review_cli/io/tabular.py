"""CSV and TSV exports: databases (Scopus, Embase, CINAHL, Cochrane, PubMed, OpenAlex, Lens, IEEE,
SpringerLink), reference managers and screening tools (Zotero, RefWorks, Rayyan, Covidence,
Abstrackr, ASReview-style datasets).

Nothing here depends on which database wrote the file, but for SpringerLink's author cell (its
names run together: `Andy SmithTom Weber`). The delimiter and the header row are found
from the content (Embase puts three preamble lines above the header, Lens a title row), and the
header's column names are mapped case-insensitively through one alias table. `records` is shared
with the XLSX reader, which hands in spreadsheet rows instead of CSV rows.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from review_cli.errors import ParseError
from review_cli.io.document import Document, Parsed, Skip
from review_cli.io.normalise import (
    article_number,
    first_own,
    linked_pmid,
    placed_by_number,
    run_together,
    with_supplement,
)

NAME = "csv"
LABEL = "CSV/TSV table"

# Field -> column names (compared case-insensitively, whitespace collapsed), best first. The first
# name present in a file's header wins for the whole file, so Scopus's "Source" column (which says
# "Scopus") is never read as the journal when "Source title" exists.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": (
        "title", "article title", "document title", "item title", "title primary", "primary title",
        "primary_title", "ti", "display_name", "titles",
    ),
    "authors": (
        "authors", "author", "author names", "author(s)", "author/s", "authors, primary", "au",
        "author full names", "af", "authorships.author.display_name", "authorships.raw_author_name",
        "first author",
    ),
    "year": (
        "year", "publication year", "publication_year", "py", "pub year", "published year",
        "publication date", "date published", "date of publication", "date", "publication_date",
        "pubyear",  # Dimensions
    ),
    "doi": (
        "doi", "item doi", "di", "ids.doi", "digital object identifier",
        "digitalobjectidentifier",  # ProQuest's XLS
    ),
    "pmid": ("pmid", "pubmed id", "pubmed_id", "medline pmid", "pm", "ids.pmid"),
    "abstract": ("abstract", "abstract note", "ab", "abstracts", "summary"),
    "journal": (
        "source title", "journal", "journal title", "journal/book", "publication title",
        "periodical full", "publication", "journal name", "secondary title", "so",
        "primary_location.source.display_name", "source", "pubtitle",  # ProQuest's XLS
    ),
    "journal_abbrev": (
        "abbreviated source title", "journal abbreviation", "periodical abbrev", "j9", "ji",
        "journal abbrev",
    ),
    "volume": ("volume", "journal volume", "vl", "biblio.volume"),
    "issue": ("issue", "issue number", "journal issue", "number", "is", "biblio.issue"),
    "pages": ("pages", "page range", "pp", "pg", "pagination"),  # Dimensions: Pagination
    "start_page": (
        "page start", "start page", "first page", "bp", "biblio.first_page", "startpage",
    ),
    "end_page": ("page end", "end page", "last page", "ep", "biblio.last_page", "other pages"),
    # Scopus's `Art. No.`: an article without pages is placed by its number (`e0250000`).
    "article_number": ("art. no.", "article number", "article no.", "art no"),
    "keywords": (
        "keywords", "author keywords", "index keywords", "manual tags", "automatic tags",
        "subjects", "mesh terms", "keywords.display_name", "subjectterms",
    ),
    "language": ("language", "language of original document", "article language", "la"),
    "type": (
        "document type", "publication type", "item type", "doctype", "reference type",
        "content type", "type", "category", "dt", "pt",
        "documenttype",  # ProQuest's XLS
        "document identifier",  # IEEE Xplore: `IEEE Journals`, `IEEE Conferences`
    ),
    "url": (
        "url", "link", "plink", "external url", "source urls", "primary_location.landing_page_url",
    ),
    "issn": ("issn", "issns", "sn", "issn/isbn", "eissn", "primary_location.source.issn_l"),
    "database": ("database name", "database", "sub file/database"),
    "citation": ("citation",),  # PubMed CSV: "Eur J Med Genet. 2020 Feb;63(2):103640. doi: ..."
    # Embase's whole source line, kept beside `Source title`: the only place of an article
    # number (`Nature Communications (2024) 15:1 Article Number: 4063. Date of Publication: ...`)
    "source_line": ("source",),
    # Zotero's Extra: `Key: value` lines, among them `PMID: 35319117` and `DOI: 10...` for
    # item types without a field of their own
    "extra": ("extra",),
    # Web of Science's Excel export (full column names): an article in early access has no
    # Publication Year yet; a meeting abstract's supplement has its own column; eISSN is the
    # ISSN of an online-only journal. Each is read only where the main column is empty.
    "early_access_date": ("early access date",),
    "supplement_column": ("supplement",),
    "online_issn": ("eissn",),
}
# The export's own id for the record (origin key), best first.
KEY_COLUMNS = (
    "eid", "ut", "accession number", "an", "embase accession id", "central id", "lens id", "key",
    "reference id", "covidence #", "(internal) id", "itemid", "item id", "storeid",
    "publication id", "record_id", "id",
)
# Fields that collect every matching column rather than the first one.
MULTI_FIELDS = ("keywords",)
# A row carrying none of these is not a bibliographic record.
CONTENT_FIELDS = ("title", "authors", "doi", "pmid", "abstract", "journal")
DELIMITERS = (",", "\t", ";", "|")
HEADER_SEARCH_ROWS = 30

_SPACE = re.compile(r"\s+")
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.S)  # CINAHL writes ="19326203" to keep leading zeros
_EMBASE_SOURCE = re.compile(
    r"^(?P<journal>.+?) \((?P<year>\d{4})\) (?P<volume>[^:\s(]+)(?::(?P<issue>[^\s(]+))?"
    r"(?: \((?P<pages>[^)]*)\)|(?= (?:\w+ )?Article Number:))"
)
_EMBASE_NUMBER = re.compile(r"\bArticle Number: (\S+?)\.?(?=\s|$)")
_EXTRA_PMID = re.compile(r"(?:^|\s)PMID:\s*(\d+)(?!\S)")
# Columns read into other fields, never kept as fields of their own.
_HELPERS = ("source_line", "extra", "early_access_date", "supplement_column", "online_issn")
_EXTRA_DOI = re.compile(r"(?:^|\s)DOI:\s*(10\.\d{4,9}/\S+)", re.I)
_PUBMED_CITATION = re.compile(
    r";(?P<volume>[^;():\s]+)(?:\((?P<issue>[^)]+)\))?:(?P<pages>[^.\s;]+)"
)



csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # abstracts and reference lists exceed 128 KiB


def header_key(name: str) -> str:
    return _SPACE.sub(" ", name.replace("\ufeff", "").strip().strip('"').casefold())


def map_columns(
    header: list[str], aliases: Mapping[str, tuple[str, ...]] = ALIASES
) -> dict[str, list[int]]:
    """Field -> column indexes (one, or several for MULTI_FIELDS) for a header row."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(header_key(name), i)
    mapping: dict[str, list[int]] = {}
    for fld, names in aliases.items():
        found = [index[n] for n in names if n in index]
        if found:
            mapping[fld] = sorted(set(found)) if fld in MULTI_FIELDS else found[:1]
    key = next((index[n] for n in KEY_COLUMNS if n in index), None)
    if key is not None:
        mapping["key"] = [key]
    return mapping


def find_header(
    rows: Iterable[tuple[int, list[str]]], aliases: Mapping[str, tuple[str, ...]] = ALIASES
) -> tuple[int, dict[str, list[int]]] | None:
    """The first row (within the first rows) that names a title column and one other field."""
    for n, (_, row) in enumerate(rows):
        if n >= HEADER_SEARCH_ROWS:
            break
        mapping = map_columns(row, aliases)
        if "title" in mapping and len(set(mapping) - {"key"}) >= 2:
            return n, mapping
    return None


def cell(value: str) -> str:
    value = value.strip()
    m = _EXCEL_TEXT.match(value)
    return m.group(1) if m else value


def split_authors(value: str) -> list[str]:
    """One author cell -> names. Separators seen: `;`, ` and `, `|`, newlines, and commas."""
    value = value.strip()
    if not value:
        return []
    for sep in (";", "|"):
        if sep in value:
            return [p.strip() for p in value.split(sep) if p.strip()]
    if re.search(r"\sand\s", value):
        return [p.strip(" ,") for p in re.split(r"\s+and\s+", value) if p.strip(" ,")]
    if "\n" in value.strip():
        return [p.strip() for p in value.splitlines() if p.strip()]
    if "," in value:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        # "Smith, John" is one person; "Griffin DK, Larkin DM" and "Liu R., Adler D.G." are two.
        if len(parts) == 2 and (" " not in parts[0] or " " not in parts[1]):
            return [value]
        if all(" " in p for p in parts):
            return parts
        # "Smith, J, Jones, K": pair them up again.
        if len(parts) % 2 == 0 and all(" " not in p for p in parts):
            return [f"{parts[i]}, {parts[i + 1]}" for i in range(0, len(parts), 2)]
        return parts
    return [value]


def _keywords(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        sep = ";" if ";" in v else "|" if "|" in v else "," if "," in v and ";" not in v else None
        parts = v.split(sep) if sep else [v]
        out.extend(p.strip() for p in parts if p.strip())
    return out


def row_fields(row: list[str], mapping: Mapping[str, list[int]]) -> dict[str, Any]:
    """Raw field values of one row, ready for `normalise.fields`."""
    def get(fld: str) -> str:
        for i in mapping.get(fld, []):
            if i < len(row):
                v = cell(row[i])
                if v:
                    return v
        return ""

    fields: dict[str, Any] = {
        f: get(f) for f in mapping
        if f not in ("key", "citation", "authors", *_HELPERS, *MULTI_FIELDS)
    }
    fields["authors"] = split_authors(get("authors"))
    fields["keywords"] = _keywords(
        [cell(row[i]) for i in mapping.get("keywords", []) if i < len(row) and cell(row[i])]
    )
    journal = fields.get("journal", "")
    m = _EMBASE_SOURCE.match(journal) if journal and not fields.get("volume") else None
    if m:  # Embase "Source": "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: ..."
        fields.update({k: v for k, v in m.groupdict().items() if v and not fields.get(k)})
        fields["journal"] = m.group("journal")
    source = get("source_line") if "source_line" in mapping else ""
    m = _EMBASE_NUMBER.search(source) if "Article Number:" in source else None
    if m and not fields.get("article_number"):
        fields["article_number"] = m.group(1)
    extra = get("extra") if "extra" in mapping else ""
    if extra:  # an explicit column wins
        m = first_own(_EXTRA_PMID, extra)
        if m and not fields.get("pmid"):
            fields["pmid"] = m.group(1)
        m = first_own(_EXTRA_DOI, extra)
        if m and not fields.get("doi"):
            fields["doi"] = m.group(1)
    for fld, helper in (("year", "early_access_date"), ("issn", "online_issn")):
        if helper in mapping and not fields.get(fld):
            fields[fld] = get(helper)
    supplement = get("supplement_column") if "supplement_column" in mapping else ""
    if supplement:
        fields["issue"] = with_supplement(fields.get("issue", ""), supplement)
    if not fields.get("pmid"):  # RefWorks lists a record's links in its URL cell
        fields["pmid"] = linked_pmid([fields.get("url", "")])
    # WoS: `UNSP e1234`
    number = article_number(fields.pop("article_number", "").removeprefix("UNSP "))
    if placed_by_number(fields.get("pages") or fields.get("start_page", ""), number):
        fields["start_page"] = number
        fields.pop("end_page", None)
        fields.pop("pages", None)
    if fields.get("pages"):
        fields.pop("start_page", None)
        fields.pop("end_page", None)
    else:
        fields.pop("pages", None)  # so that normalise reads start_page/end_page
    citation = get("citation")
    m = _PUBMED_CITATION.search(citation) if citation else None
    if m:
        fields.update({k: v for k, v in m.groupdict().items() if v and not fields.get(k)})
    return fields


def records(
    doc: Document,
    rows: list[tuple[int, list[str]]],
    label: str,
    aliases: Mapping[str, tuple[str, ...]] = ALIASES,
    broken: int = 0,
) -> Iterator[Parsed | Skip]:
    """Map numbered rows (line or spreadsheet row, cells) onto records; see the module doc.
    `broken`: the line of a quote out of place (`read_table`)."""
    found = find_header(rows, aliases)
    if found is None:
        header = next((r for _, r in rows if sum(1 for c in r if c.strip()) >= 2), [])
        columns = ", ".join(f"`{c.strip()}`" for c in header if c.strip())[:600] or "none"
        raise ParseError(
            doc.path,
            f"read as {label} but no column holds titles (columns found: {columns})",
            hint="the header row needs a title column (e.g. `Title`, `Article Title`, `TI`)",
        )
    start, mapping = found
    # SpringerLink's search export: its `Authors` cell runs the names together.
    springer = {"item title", "publication title", "content type", "authors"} <= {
        c.strip().casefold() for c in rows[start][1]
    }
    preamble = [n for n, r in rows[:start] if any(c.strip() for c in r)]
    if preamble:
        last = rows[start][0] - 1
        where = f"line {last}" if preamble[0] == last else f"lines {preamble[0]}-{last}"
        doc.warnings.append(f"{where} above the header row: export preamble, not records")
    width = len(rows[start][1])
    has_content = [f for f in CONTENT_FIELDS if f in mapping]
    content_columns = {i for f in has_content for i in mapping[f]}
    # A text export cut off in its last row (a download or a copy that stopped) leaves that row
    # with no line end and fewer cells than the header and than any row before it: it is
    # reported, never imported with half its fields. Exporters that leave out empty cells write
    # other rows that short too (Abstrackr: unlabelled rows have 8 cells under 17 headers).
    unended = bool(doc.text) and not doc.text.endswith(("\n", "\r"))
    last_line = rows[-1][0]
    widths = (
        {len(r) for _, r in rows[start + 1 : -1] if any(c.strip() for c in r)} if unended
        else set()
    )
    shifted = dict(misaligned(rows[start:], width, broken))
    if unended:
        shifted.pop(last_line, None)  # a file cut off inside a quoted cell: said so below
    if broken and not shifted:
        doc.warnings.append(
            f"line {broken}: a quote out of place (a `\"` inside a quoted cell is written "
            f"`\"\"`); the cells still line up with the header, but check that record"
        )
    for line, row in rows[start + 1 :]:
        if line in shifted:
            yield Skip(
                line,
                f"its cells do not line up with the header ({shifted[line]} of {width} "
                f"columns): a quote out of place near line {broken} (a `\"` inside a quoted "
                f"cell is written `\"\"`, and every quoted cell is closed)",
                True,
            )
            continue
        filled = [i for i, c in enumerate(row) if c.strip()]
        if not filled:
            continue  # blank line or empty spreadsheet row
        if (
            filled == [0] and len(row) < width and 0 not in content_columns
            and not row[0].strip().isdigit()
        ):
            # Abstrackr puts section lines ('citations that are not yet labeled by anyone')
            # between records: text alone in the first cell of a short row, in a column that
            # holds no bibliographic field, is not a record.
            doc.warnings.append(
                f"line {line}: section line `{row[0].strip()[:80]}` is not a record"
            )
            continue
        if unended and line == last_line and len(row) < width and len(row) not in widths:
            yield Skip(
                line,
                f"the file ends inside this row ({len(row)} of {width} columns): truncated export?",
                True,
            )
            continue
        fields = row_fields(row, mapping)
        if springer and len(fields["authors"]) == 1:
            fields["authors"] = run_together(fields["authors"][0])
        if not any(fields.get(f) for f in has_content):
            yield Skip(line, "row has no title, authors, DOI, PMID, journal or abstract")
            continue
        key = ""
        for i in mapping.get("key", []):
            if i < len(row):
                key = cell(row[i])
        yield Parsed(line=line, key=key, fields=fields)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_table(path: Any, text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], int]:
    """(first line, cells) for every row, quoted cells spanning lines; and the line of the
    first quote out of place (0 when there is none).

    Read strictly first, as every export we have seen is written. A quote out of place (a `"`
    not doubled inside a quoted cell, a quoted cell never closed) makes the strict reader
    stop; the table is then read leniently, as Excel would, and the line is returned so that
    rows that no longer line up with the header are reported, not imported with shifted
    fields (`misaligned`)."""
    lines = _lf(text)
    try:
        return _rows(lines, delimiter, strict=True), 0
    except csv.Error as e:
        broken = int(e.args[1]) if len(e.args) > 1 else 1
    try:
        return _rows(lines, delimiter, strict=False), broken
    except csv.Error as e:
        raise ParseError(path, f"broken CSV ({e.args[0]})", line=int(e.args[1])) from e


def _rows(text: str, delimiter: str, strict: bool) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, strict=strict)
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            out.append((line, row))
            line = reader.line_num + 1
    except csv.Error as e:
        raise csv.Error(str(e), reader.line_num or line) from e
    return out


def misaligned(
    rows: list[tuple[int, list[str]]], width: int, broken: int
) -> Iterator[tuple[int, int]]:
    """(line, cells) of each row, from the one holding the quote out of place at line `broken`
    on, whose cells no longer line up with the header (`rows[0]`, `width` cells): its fields
    would be shifted. Rows after it as short as a row before it are not: some exporters leave
    out empty cells."""
    if not broken:
        return
    ends = [n - 1 for n, _ in rows[1:]] + [sys.maxsize]
    before: set[int] = set()
    for (line, row), end in zip(rows[1:], ends[1:], strict=True):
        if not any(c.strip() for c in row):
            continue
        if end < broken:
            before.add(len(row))
        elif len(row) != width and (line <= broken or len(row) not in before):
            yield line, len(row)


def _head_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The first rows only, for sniffing; tolerant of a cut-off quoted cell."""
    reader = csv.reader(io.StringIO(_lf(text[:200_000]), newline="\n"), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            out.append((reader.line_num, row))
            if len(out) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    return out


def guess_delimiter(text: str) -> tuple[str, bool]:
    """(delimiter, whether a header with a title column was found with it)."""
    best: tuple[int, int, str] = (-1, -1, ",")
    for d in DELIMITERS:
        rows = _head_rows(text, d)
        found = find_header(rows)
        if found:
            score = len(found[1])
            if score > best[0]:
                best = (score, 0, d)
            continue
        widest = max((len(r) for _, r in rows), default=0)
        if best[0] < 0 and widest > best[1]:
            best = (-1, widest, d)
    return best[2], best[0] >= 0


def sniff(doc: Document) -> bool:
    if not doc.text:
        return False
    delimiter, titled = guess_delimiter(doc.text)
    if titled:
        return True
    # A table whose columns we cannot map is still claimed, so the error can name its columns.
    rows = [r for _, r in _head_rows(doc.text, delimiter) if any(c.strip() for c in r)][:10]
    if len(rows) < 2 or len(rows[0]) < 3 or any(len(c) > 100 for c in rows[0]):
        return False
    return sum(1 for r in rows[1:] if len(r) == len(rows[0])) >= max(1, (len(rows) - 1) // 2)


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    delimiter, _ = guess_delimiter(doc.text)
    rows, broken = read_table(doc.path, doc.text, delimiter)
    yield from records(doc, rows, LABEL, broken=broken)
