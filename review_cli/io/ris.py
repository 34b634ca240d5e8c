"""RIS, as every database and reference manager writes it.

Dialects handled: `TAG  - value` with one or two spaces around the dash (Cochrane writes
`TY  -  JOUR`), preamble lines before the first record (Cochrane's `Record #n of N`, Ovid's
numbered `1.` lines), untagged continuation lines (Rayyan KW, EndNote AD), two AB lines (EBSCO's
second one is a copyright notice), A1/AU/A2 authors, T1/TI titles, N2/AB abstracts.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip

NAME = "ris"
LABEL = "RIS"
TEXT_ONLY = True  # reads doc.iter_lines() only, so the import may keep just the text or the bytes

TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: {1,2}(.*))?$")
_TY = re.compile(r"^\ufeff?TY\s{1,2}-", re.M)
_COPYRIGHT = re.compile(r"^(?:copyright|\(c\)|©)", re.I)

TITLE_TAGS = ("TI", "T1")
ABSTRACT_TAGS = ("AB", "N2")


_ER = re.compile(r"^ER\s{1,2}-", re.M)
_ER_ANYWHERE = re.compile(r"(?:^|[\r\n])ER\s{1,2}-")


def sniff(doc: Document) -> bool:
    head = doc.text[:200_000].replace("\r", "\n")  # CR-only files (old Mac exports) too
    return bool(_TY.search(head)) and bool(_ER.search(head) or _ER_ANYWHERE.search(doc.text))


# Every well-formed tag, and the `TAG  - ` start of a line that names it: one dict lookup on
# `line[:6]` is the fast path for the `TAG  - value` lines that make up nearly every export.
_TAGS = frozenset(
    a + b for a in string.ascii_uppercase for b in string.ascii_uppercase + string.digits
)
_HEADS = {tag + "  - ": tag for tag in _TAGS}
_LIST_CONTINUATION = frozenset({"KW", "AD"})


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    for item in tagged(doc):
        yield item if isinstance(item, Skip) else _record(item[1], item[0])


def tagged(doc: Document) -> Iterator[tuple[int, dict[str, list[str]]] | Skip]:
    """Each record as (first line, tag -> values), or a Skip for what cannot be one."""
    tags: dict[str, list[str]] = {}
    start = 0
    last: list[str] | None = None  # the value list of the last tag seen
    last_tag = ""
    heads = _HEADS
    for number, line in enumerate(doc.iter_lines(), start=1):
        tag = heads.get(line[:6])
        if tag is not None:
            value = line[6:].strip()
            if tags and tag != "TY" and tag != "ER":  # a field of the open record: most lines
                last = tags.get(tag)
                if last is None:
                    last = tags[tag] = [value]
                else:
                    last.append(value)
                last_tag = tag
                continue
        else:
            stripped = line.strip().lstrip("\ufeff")
            m = TAG_LINE.match(stripped)
            if m is None:
                if stripped and last is not None:
                    # Untagged continuation of the previous field (wrapped abstracts, KW/AD lists).
                    if last_tag in _LIST_CONTINUATION:
                        last.append(stripped)
                    else:
                        last[-1] = f"{last[-1]} {stripped}".strip()
                continue
            tag, value = m.group(1), (m.group(2) or "").strip()
        if tag == "TY":
            if tags:
                yield Skip(
                    start, "record has no `ER  -` end line; it was cut off by the next `TY`", True
                )
            last = [value]
            tags, start, last_tag = {"TY": last}, number, "TY"
        elif tag == "ER":
            if tags:
                yield start, tags
            else:
                yield Skip(number, "`ER  -` line without a record before it")
            tags, last = {}, None
        elif tags:  # tagged lines outside a record (rare preambles) are not kept
            last = tags.get(tag)
            if last is None:
                last = tags[tag] = [value]
            else:
                last.append(value)
            last_tag = tag
    if tags:
        yield Skip(
            start, "the file ends inside a record (no `ER  -` line): truncated export?", True
        )


_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s&?#]+")
_PMID_LABEL = re.compile(r"^(?:PUBMED|PMID)[:\s]*(\d+)", re.I)
# Providers whose accession number (AN) is the PMID: PubMed itself (`DP - NLM`, EndNote's
# `PubMed/MEDLINE`), MEDLINE on Ovid (`DB - Ovid MEDLINE(R) ALL <1946 to ...>`) and on EBSCOhost
# (`DB - MEDLINE Complete`, or its codes `cmedm`, `mnh`, `mdc`). Not PubMed Central, whose
# numbers are PMCIDs, nor Embase or CINAHL, whose numbers are their own.
_NLM = re.compile(
    r"(?:nlm|cmedm|mnh|mdc)$|(?:ovid\s+)?(?:pubmed|medline)\b(?!\s*central)", re.I
)


def _doi(tags: dict[str, list[str]]) -> str:
    """DO first; else a DOI that M3/L3 hold, or that a link or note names as a DOI."""
    for tag in ("DO", "DI", "M3", "L3"):
        for v in tags.get(tag, ()):
            if "10." in v:
                return v
    # EndNote keeps a PsycINFO record's DOI link in SE (`http://dx.doi.org/10.1080/...`)
    # A note also cites the item a comment or erratum is about (`Comment on: https://doi.org/..`)
    for tag in ("UR", "L1", "L2", "N1", "LK", "SE"):
        for v in tags.get(tag, ()):
            if "10." in v and "doi" in v.lower():
                m = normalise.first_own(_DOI_IN_TEXT, v.replace("%2F", "/").replace("%2f", "/"))
                if m:
                    return m.group(0)
    return ""


# Scopus writes a record's PubMed ID bare in C2 (`C2  - 38580657`), Embase (embase.com) its
# MEDLINE PMID in C5; in EndNote's own records C2 is the PMCID (`PMC4348420`) and C5 the format
# (`Print`), so only a bare number of a record from that database is read as the PMID.
_SCOPUS = re.compile(r"scopus", re.I)
_CINAHL_PMID = re.compile(r"\bPMID: NLM(\d{1,8})\b")
_EMBASE = re.compile(r"embase|medline", re.I)
_EMBASE_ID = re.compile(r"L\d{6,}")  # U2: the Embase record id (PUI), `L2029880245`


def _from_scopus(tags: dict[str, list[str]]) -> bool:
    return any(_SCOPUS.search(v) for t in ("DB", "DP") for v in tags.get(t, ())) or any(
        "scopus.com" in v for v in tags.get("UR", ())
    )


# Scopus's M3 is its document type (`Article`, `Review`, `Letter`, `Erratum`), which TY (JOUR
# for all of them) does not tell; its CSV and BibTeX exports give the same words.
_DOCUMENT_TYPE = re.compile(r"[A-Za-z][A-Za-z ]{2,40}")


def _scopus_type(tags: dict[str, list[str]]) -> str:
    value = next(iter(tags.get("M3", ())), "").strip()
    return value if _DOCUMENT_TYPE.fullmatch(value) and _from_scopus(tags) else ""


def _bare_pmid(tags: dict[str, list[str]], tag: str) -> str:
    value = next(iter(tags.get(tag, ())), "").strip()
    return normalise.pmid(value) if value.isdigit() else ""


def _pmid(tags: dict[str, list[str]]) -> str:
    """PMIDs hide in several places: `C3/AN  - PMID: 123`, AN of PubMed records converted by
    EndNote (`DP  - NLM`), Scopus's C2, Embase's C5, PubMed links in UR."""
    for tag in ("C3", "AN", "M1"):
        for v in tags.get(tag, ()):
            m = _PMID_LABEL.match(v)
            if m:
                return m.group(1)
    for v in tags.get("N1", ()):  # CINAHL's note: `... NLM UID: 101208192. PMID: NLM23803397.`
        m = _CINAHL_PMID.search(v) if "NLM" in v else None
        if m:
            return m.group(1)
    databases = [v.strip() for t in ("DP", "DB") for v in tags.get(t, ())]
    if any(_NLM.match(v) for v in databases):
        for v in tags.get("AN", ()):
            if v.isdigit():
                return v
    if "C2" in tags and _from_scopus(tags):
        pmid = _bare_pmid(tags, "C2")
        if pmid:
            return pmid
    if "C5" in tags and (
        any(_EMBASE.search(v) for v in databases)
        or any(_EMBASE_ID.fullmatch(v.strip()) for v in tags.get("U2", ()))
    ):
        pmid = _bare_pmid(tags, "C5")
        if pmid:
            return pmid
    return normalise.linked_pmid(v for tag in ("UR", "L2") for v in tags.get(tag, ()))


# Web of Science's RIS gives an early-access article's online date in C6 (`C6  - MAY 2024`);
# EndNote's C6 is the NIHMS id (`Nihms665720`), never shaped so.
_EARLY_ACCESS = re.compile(r"(?:[A-Z]{3} )?(?:\d{1,2} )?(?:19|20)\d\d")
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|2[01])\d\d(?!\d)")


def _year(tags: dict[str, list[str]], get: Callable[[str], str | None]) -> str:
    """The first date tag that holds a year (WoS writes `DA  - JUL`, a month alone, beside
    PY), WoS's early-access date when no other does; else the first date there is. Y2 is the
    date the item was looked at (Zotero's and EndNote's Access Date, `2024/03/11/09:15:02`):
    an undated report read as of then joins a later edition and leaves its own."""
    dates = [get(tag) or "" for tag in ("PY", "Y1", "DA")]
    early = (get("C6") or "").strip()
    if _EARLY_ACCESS.fullmatch(early):
        dates.append(early)
    return next((d for d in dates if _HAS_YEAR.search(d)), next(filter(None, dates), ""))


_NOT_NUMBERED = frozenset(
    ("BOOK", "EBOOK", "EDBOOK", "CHAP", "ECHAP", "RPRT", "THES", "CTLG", "MANSCPT", "PAT")
)


def _record(tags: dict[str, list[str]], line: int) -> Parsed:
    # `first(tags, NAME)` of every tag at once: its first non-empty value.
    # v is never empty
    get = {tag: v[0] or next(filter(None, v), "") for tag, v in tags.items()}.get
    abstracts = tags.get("AB", []) + tags.get("N2", [])  # ABSTRACT_TAGS
    if len(abstracts) > 1:
        # EBSCO repeats AB with the publisher's copyright notice; it is not part of the abstract.
        abstracts = [a for i, a in enumerate(abstracts) if i == 0 or not _COPYRIGHT.match(a)]
        seen: list[str] = []
        for a in abstracts:
            if a not in seen:
                seen.append(a)
        abstracts = seen
    kind = tags["TY"][0]
    # C7, the article number, places an article without pages or with its own pages from 1;
    # a book's, a chapter's, a report's or a thesis's Custom 7 is something else in EndNote, and
    # the first chapter's pages begin at 1
    number = "" if kind in _NOT_NUMBERED else normalise.article_number(get("C7") or "")
    by_number = normalise.placed_by_number(get("SP") or "", number)
    if kind != "BOOK":
        journal = (
            get("T2") or get("JO") or get("JF") or get("J2") or get("JA") or get("J1") or get("BT")
            or ""
        )
    else:
        journal = get("T2") or get("BT") or ""
    return Parsed(
        line=line,
        key=get("AN") or get("ID") or get("U1") or "",
        fields={
            "title": get("TI") or get("T1") or get("CT") or "",  # TITLE_TAGS, then CT
            "authors": tags.get("AU", []) + tags.get("A1", []),
            "year": _year(tags, get),
            "journal": journal,
            # Web of Science's RIS writes the abbreviations in its own tags, JI and J9
            "journal_abbrev": (
                get("J2") or get("JA") or get("J1") or get("JI") or get("J9") or ""
            ),
            "volume": get("VL") or "",
            "issue": get("IS") or get("CP") or "",
            "start_page": number if by_number else get("SP") or "",
            "end_page": "" if by_number else get("EP") or "",
            "doi": _doi(tags),
            "pmid": _pmid(tags),
            "issn": get("SN") or "",
            "abstract": " ".join(abstracts),
            "keywords": tags.get("KW", []),
            "language": get("LA") or "",
            "type": _scopus_type(tags) or kind,
            "url": get("UR") or get("L2") or "",
            "database": get("DB") or get("DP") or "",
        },
    )
