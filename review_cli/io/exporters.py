"""Writing records out for reference managers, spreadsheets and other tools.

What other tools read back, and so what these writers promise:

- CSV: lists (authors, keywords) are joined with `;` and no space, the separator ASReview,
  Rayyan and most importers split on (a `"; "` join left a leading space on every name but the
  first in tools that split on `;`). A cell is guarded against formula injection only when a
  spreadsheet would run it as a formula (see `is_formula`).
- BibTeX: text fields are LaTeX-escaped; `url` and `doi` are written verbatim, as biblatex
  reads them (verbatim fields) and BibTeX styles pass them to `\\url`/`\\doi`: an escaped
  `\\&` or `\\%` there breaks the link.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from review_cli.io.writer import dumps_line

EXPORT_FORMATS = ("csv", "jsonl", "ris", "bibtex", "md", "xlsx")
LIST_SEPARATOR = ";"
# What makes a cell a formula in Excel, LibreOffice and Google Sheets (OWASP CSV injection):
# `=` always; `+`, `-` or `@` only when a formula follows: a function call (`-SUM(`,
# `@HYPERLINK(`), a DDE payload (`-cmd|' /C calc'!A0`), a cell reference (`+A1`) or another
# operator (`+=`, `--`). A title such as "-Omics in care" or "+44 helplines" stays as written.
_FORMULA = re.compile(
    r"[=\t\r]|[+\-@](?:\s*[=+\-@]|\s*[A-Za-z_][\w.]*\(|[^|]*\||\$?[A-Za-z]{1,3}\$?\d+\b)"
)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would evaluate this cell (tabs and carriage returns first count:
    they hide a formula after them)."""
    return _FORMULA.match(text) is not None


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a leading apostrophe, which
    spreadsheets show as text and hide, only where `is_formula` says one would run."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    return "'" + text if is_formula(text) else text


def csv_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """The header, then one row at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    yield buf.getvalue()


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return "".join(csv_chunks(rows, columns))


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value).replace("\\", "\\\\").replace("|", "\\|").strip()
    return "<br>".join(line.strip() for line in text.split("\n"))


def to_markdown(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A pipe table (GitHub, pandoc, most Markdown renderers): `|` escaped, line breaks as
    `<br>`."""
    out = ["| " + " | ".join(_md_cell(c) for c in columns) + " |",
           "|" + "|".join("---" for _ in columns) + "|"]
    for row in rows:
        out.append("| " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |")
    return "\n".join(out) + "\n"


def jsonl_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield (dumps_line(r) + b"\n").decode("utf-8")


def to_jsonl(rows: Iterable[Mapping[str, Any]]) -> str:
    return "".join(jsonl_chunks(rows))


_RIS_TYPE = {
    "journal article": "JOUR", "article": "JOUR", "jour": "JOUR", "journalarticle": "JOUR",
    "book": "BOOK", "chapter": "CHAP", "book chapter": "CHAP", "booksection": "CHAP",
    "conference": "CONF", "conference paper": "CPAPER", "conferencepaper": "CPAPER",
    "proceedings paper": "CPAPER", "meeting abstract": "ABST", "thesis": "THES",
    "dissertation": "THES", "report": "RPRT",
}
# The RIS type codes reference managers know. Any other type (MEDLINE's `Historical Article`,
# `Comparative Study`) was cut to four letters: `HIST`, or `COMP`, which means a computer program.
_RIS_CODES = frozenset(
    "ABST ADVS AGGR ANCIENT ART BILL BLOG BOOK CASE CHAP CHART CLSWK COMP CONF CPAPER CTLG DATA "
    "DBASE DICT EBOOK ECHAP EDBOOK EJOUR ELEC ENCYC EQUA FIGURE GEN GOVDOC GRANT HEAR ICOMM INPR "
    "JFULL JOUR LEGAL MANSCPT MAP MGZN MPCT MULTI MUSIC NEWS PAMP PAT PCOMM RPRT SER SLIDE SOUND "
    "STAND STAT THES UNBILL UNPB VIDEO".split()
)


def _ris_type(value: Any) -> str:
    text = str(value or "").strip()
    if text.casefold() in _RIS_TYPE:
        return _RIS_TYPE[text.casefold()]
    return text if text in _RIS_CODES else "JOUR"  # exact codes only: `Art` is not artwork


def ris_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One record at a time, a blank line between records."""
    for i, r in enumerate(rows):
        yield ("\n" if i else "") + "\n".join(_ris_lines(r)) + "\n"


def to_ris(rows: Iterable[Mapping[str, Any]]) -> str:
    return "".join(ris_chunks(rows))


def _ris_lines(r: Mapping[str, Any]) -> list[str]:
    out = [f"TY  - {_ris_type(r.get('type'))}", f"ID  - {r['id']}"]
    for tag, key in (("TI", "title"),):
        if r.get(key):
            out.append(f"{tag}  - {r[key]}")
    for a in r.get("authors", []):
        out.append(f"AU  - {a}")
    if r.get("year"):
        out.append(f"PY  - {r['year']}")
    for tag, key in (
        ("T2", "journal"), ("J2", "journal_abbrev"), ("VL", "volume"), ("IS", "issue"),
        ("SN", "issn"), ("DO", "doi"), ("AB", "abstract"), ("LA", "language"), ("UR", "url"),
        ("DB", "database"),
    ):
        if r.get(key):
            out.append(f"{tag}  - {r[key]}")
    pages = str(r.get("pages") or "")
    if pages:
        sp, _, ep = pages.partition("-")
        out.append(f"SP  - {sp}")
        if ep:
            out.append(f"EP  - {ep}")
    if r.get("pmid"):
        # Labelled: a bare number in AN is read as a PMID only in records from PubMed.
        out.append(f"AN  - PMID: {r['pmid']}")
    for k in r.get("keywords", []):
        out.append(f"KW  - {k}")
    for key, label in (
        ("source", "Source"), ("cluster", "Cluster"), ("status", "Status"), ("reason", "Reason")
    ):
        if r.get(key):
            out.append(f"N1  - {label}: {r[key]}")
    out.append("ER  - ")
    return out


_BIB_SPECIAL = {
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "#": "\\#",
    "_": "\\_", "$": "\\$", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "-": "-{}",
}
# `~` is a tie and `--` a dash to BibTeX readers: escaped too, so text comes back as written.
_BIB_ESCAPE = re.compile(r"[\\{}&%#_$~^]|-(?=-)")


def _bib_escape(text: str) -> str:
    return _BIB_ESCAPE.sub(lambda m: _BIB_SPECIAL[m.group(0)], text)


def _bib_author(name: str) -> str:
    """One author; a name containing ` and ` (a corporate author) is braced so it stays one."""
    escaped = _bib_escape(name)
    return f"{{{escaped}}}" if re.search(r"\sand\s", name) else escaped


_VERBATIM = ("url", "doi")
# In a verbatim field only braces (which end the field) and spaces (which end a URL) matter:
# percent-encoded, the link goes to the same place.
_URL_UNSAFE = {"{": "%7B", "}": "%7D", " ": "%20"}


def _bib_value(key: str, value: Any) -> str:
    if key in ("author", "pages"):
        return str(value)  # built escaped
    text = str(value)
    if key in _VERBATIM:
        return "".join(_URL_UNSAFE.get(ch, ch) for ch in text)
    return _bib_escape(text)


def bibtex_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """One entry at a time, a blank line between entries."""
    for i, r in enumerate(rows):
        yield ("\n" if i else "") + _bib_entry(r)


def to_bibtex(rows: Iterable[Mapping[str, Any]]) -> str:
    return "".join(bibtex_chunks(rows))


def _bib_entry(r: Mapping[str, Any]) -> str:
    entry = "article" if r.get("journal") else "misc"
    fields = [
        ("title", r.get("title")),
        ("author", " and ".join(_bib_author(a) for a in r.get("authors", []))),
        ("year", r.get("year")),
        ("journal", r.get("journal")),
        ("volume", r.get("volume")),
        ("number", r.get("issue")),
        ("pages", str(r.get("pages") or "").replace("-", "--")),
        ("doi", r.get("doi")),
        ("pmid", r.get("pmid")),
        ("issn", r.get("issn")),
        ("abstract", r.get("abstract")),
        ("keywords", ", ".join(r.get("keywords", []))),
        ("language", r.get("language")),
        ("url", r.get("url")),
        ("note", f"review id {r['id']}; source {r.get('source', '')}"),
    ]
    body = ",\n".join(
        f"  {k} = {{{_bib_value(k, v)}}}" for k, v in fields if v not in (None, "")
    )
    return f"@{entry}{{{r['id']},\n{body}\n}}\n"


def render_chunks(fmt: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]
                  ) -> Iterator[str]:
    """The export as pieces of text made as they are written: a 100,000-record export is never
    held whole (it took 1.5 GB)."""
    if fmt == "csv":
        return csv_chunks(rows, columns)
    if fmt == "jsonl":
        return jsonl_chunks(rows)
    if fmt == "ris":
        return ris_chunks(rows)
    if fmt == "bibtex":
        return bibtex_chunks(rows)
    if fmt == "md":
        return iter([to_markdown(rows, columns)])
    raise ValueError(fmt)


def render(fmt: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    return "".join(render_chunks(fmt, rows, columns))
