"""Writes the demo's studies as each database really exports them.

One writer per export dialect. Each returns the file's text and, per record in file order, the
key the export itself carries for it (PMID, accession number, UT, EID), or "" when it has none
(importers then key it by position). Duplicates differ the way real ones do: capitalisation,
journal abbreviations, author name forms, page styles and missing DOIs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from review_cli.stages.demo import _vocab as vocab
from review_cli.stages.demo._studies import Study

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"
}


@dataclass(frozen=True)
class Export:
    source: str
    file: str  # file name inside the source's folder under searches/
    format: str  # a short label for docs and reports
    writer: Callable[[list[Study], random.Random], tuple[str, list[str]]]


# --- small formatting helpers ----------------------------------------------------------------
def sentence(title: str) -> str:
    return title if title.endswith((".", "?", "!")) else title + "."


def title_case(title: str) -> str:
    words = title.split(" ")
    return " ".join(
        w if (i and w.lower() in SMALL_WORDS) or w[:1].isupper() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def initials(a: tuple[str, str, str]) -> str:
    return a[1][0] + a[2]


def full_name(a: tuple[str, str, str], dot: bool = True) -> str:
    return f"{a[0]}, {a[1]}" + (f" {a[2]}{'.' if dot else ''}" if a[2] else "")


def dotted(a: tuple[str, str, str]) -> str:
    return f"{a[0]} {'.'.join(initials(a))}."


def journal(study: Study) -> tuple[str, str, str, str, bool]:
    if study.journal < 0:
        raise ValueError(f"{study.uid} is grey literature: no journal")
    return vocab.JOURNALS[study.journal]


def dotted_abbrev(study: Study) -> str:
    """`Int J Integr Care` -> `Int. J. Integr. Care` (Scopus and WoS JI style)."""
    name, abbrev, *_ = journal(study)
    if not abbrev:
        return name
    full_words = set(name.replace("&", " ").split())
    return " ".join(w if w in full_words or w.startswith("(") else f"{w}." for w in abbrev.split())


def nlm_title(name: str) -> str:
    """NLM's JT form: sentence case, acronyms kept (`BMC health services research`)."""
    words = name.split()
    return " ".join(w if i == 0 or w.isupper() else w.lower() for i, w in enumerate(words))


def compressed_pages(first: str, last: str) -> str:
    """MEDLINE's page style: 811-820 -> 811-20."""
    if not last:
        return first
    i = 0
    while i < min(len(first), len(last)) - 1 and len(first) == len(last) and first[i] == last[i]:
        i += 1
    return f"{first}-{last[i:]}"


def pages(study: Study) -> str:
    if study.article_no:
        return study.article_no
    return f"{study.first_page}-{study.last_page}" if study.last_page else study.first_page


def keep_doi(rng: random.Random, study: Study, missing: float) -> str:
    return study.doi if study.doi and rng.random() >= missing else ""


def wrap(tag: str, text: str, width: int = 80, indent: str = "      ") -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=tag, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [tag.rstrip()]


def ris_lines(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{tag}  - {value}".rstrip() if tag != "ER" else "ER  - " for tag, value in pairs]


# --- MEDLINE tagged (the NLM format Ovid and PubMed both write) --------------------------------
def medline(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    lines: list[str] = []
    keys: list[str] = []
    for s in studies:
        name, abbrev, issn, _pub, _art = journal(s)
        doi = keep_doi(rng, s, 0.05)
        title = f"[{sentence(s.title)}]" if s.language != "English" else sentence(s.title)
        out = [f"PMID- {s.pmid}", "OWN - NLM", "STAT- MEDLINE",
               f"DCOM- {s.year + 1}0{rng.randint(1, 9)}1{rng.randint(0, 9)}",
               f"IS  - {issn} (Linking)"]
        if s.volume:
            out.append(f"VI  - {s.volume}")
        if s.issue:
            out.append(f"IP  - {s.issue}")
        out.append(f"DP  - {s.year} {MONTHS[s.month - 1]}")
        out += wrap("TI  - ", title)
        pg = compressed_pages(s.first_page, s.last_page) if s.first_page else s.article_no
        if pg:
            out.append(f"PG  - {pg}")
        if doi:
            out.append(f"LID - {doi} [doi]")
        out += wrap("AB  - ", s.structured_abstract.replace("Background: ", "BACKGROUND: ")
                    .replace(" Aim: ", " AIM: ").replace(" Methods: ", " METHODS: ")
                    .replace(" Findings: ", " FINDINGS: ").replace(" Results: ", " RESULTS: ")
                    .replace(" Conclusions: ", " CONCLUSIONS: "))
        for a in s.authors:
            out.append(f"FAU - {full_name(a, dot=False)}")
            out.append(f"AU  - {a[0]} {initials(a)}")
        out.append(f"LA  - {s.language_code}")
        out.append("PT  - Journal Article")
        out.append(f"TA  - {abbrev or name}")
        out.append(f"JT  - {nlm_title(name)}")
        out.append("SB  - IM")
        out.append("OTO - NOTNLM")
        out += [f"OT  - {k}" for k in s.keywords]
        out.append(f"EDAT- {s.year}/{s.month:02d}/{rng.randint(1, 28):02d} 06:00")
        if doi:
            out.append(f"AID - {doi} [doi]")
        out.append("PST - ppublish")
        so = f"{abbrev or name}. {s.year} {MONTHS[s.month - 1]}"
        so += f";{s.volume}" + (f"({s.issue})" if s.issue else "") + (f":{pg}" if pg else "") + "."
        if doi:
            so += f" doi: {doi}."
        out += wrap("SO  - ", so)
        lines += out + [""]
        keys.append(s.pmid)
    return "\n".join(lines), keys


# --- Ovid RIS (Embase, PsycINFO, Social Policy and Practice, HMIC) ----------------------------
OVID = {
    "Embase": ("Embase <1974 to 2022 March 11>", "emexb", 0.08),
    "PsycINFO": ("APA PsycInfo <1806 to March Week 1 2022>", "psyh", 0.05),
    "Social Policy and Practice": ("Social Policy and Practice <202201>", "sppp", 0.45),
    "HMIC": ("HMIC Health Management Information Consortium <1979 to January 2022>", "hmic", 0.55),
}


def ovid_ris(source: str) -> Callable[[list[Study], random.Random], tuple[str, list[str]]]:
    db, code, missing = OVID[source]

    def write(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
        lines: list[str] = []
        keys: list[str] = []
        for n, s in enumerate(studies, start=1):
            if source == "PsycINFO":
                key = f"{s.year}-{rng.randint(10000, 99999)}-{rng.randint(1, 20):03d}"
            elif source == "Embase":
                key = str(rng.randint(2_010_000_000, 2_019_999_999))
            else:
                key = str(rng.randint(1_000_000, 9_999_999))
            doi = keep_doi(rng, s, missing)
            ty = {"report": "RPRT", "thesis": "THES", "conference": "CONF"}.get(s.kind, "JOUR")
            pairs = [("TY", ty), ("DB", db), ("ID", key)]
            if doi:
                pairs.append(("DO", f"https://dx.doi.org/{doi}"))
            pairs.append(("T1", sentence(s.title)))
            for a in s.authors:
                pairs.append(
                    ("A1", dotted(a) if source in ("Embase", "HMIC") else full_name(a, dot=False))
                )
            pairs.append(("Y1", f"{s.year}//"))
            pairs.append(("N2", s.structured_abstract if source == "Embase" else s.abstract))
            pairs += [
                ("KW", f"*{k}" if i == 0 and source == "PsycINFO" else k)
                for i, k in enumerate(s.keywords)
            ]
            if s.kind == "conference":
                pairs.append(("M3", "Conference Abstract"))
            if s.journal >= 0:
                name, abbrev, issn, publisher, _art = journal(s)
                pairs += [
                    ("JF", name),
                    ("JA", dotted_abbrev(s) if source == "Embase" else (abbrev or name)),
                ]
                if s.volume:
                    pairs.append(("VL", s.volume))
                if s.issue:
                    pairs.append(("IS", s.issue))
                if s.first_page:
                    pairs += [("SP", s.first_page), ("EP", s.last_page)]
                elif s.article_no:
                    pairs.append(("SP", s.article_no))
                pairs += [("CY", "United Kingdom"), ("PB", publisher), ("SN", issn)]
            else:
                pairs += [("PB", s.publisher)] + ([("CY", s.place)] if s.place else [])
            pairs.append(("LA", s.language))
            pairs.append(("UR", "http://ovidsp.ovid.com/ovidweb.cgi"
                                f"?T=JS&PAGE=reference&D={code}&NEWS=N&AN={key}"))
            pairs.append(("ER", ""))
            lines += [f"{n}. "] + ris_lines(pairs)
            lines += [
                "",
                "Link to the Ovid Full Text or citation: http://ovidsp.ovid.com/ovidweb.cgi"
                f"?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D={code}&AN={key}",
                "",
            ]
            keys.append(key)
        return "\n".join(lines), keys

    return write


# --- CINAHL via EBSCOhost RIS (second AB line is the copyright notice) -------------------------
CINAHL_HEADINGS = {
    "Co-production": "Cooperative Behavior", "Co-design": "Cooperative Behavior",
    "Integrated care": "Health Care Delivery, Integrated",
    "Qualitative research": "Qualitative Studies", "Unpaid carers": "Caregivers",
    "Service users": "Consumer Participation", "Health and social care": "Social Work Service",
    "Experience-based co-design": "Cooperative Behavior", "Participation": "Consumer Participation",
    "Health services research": "Health Services Research", "Older adults": "Aged",
    "Primary care": "Primary Health Care", "Evaluation": "Program Evaluation",
    "Patient experience": "Patient Attitudes", "Outcomes": "Outcomes (Health Care)",
    "Community care": "Community Health Services", "Public involvement": "Consumer Participation",
}


def cinahl(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    lines: list[str] = []
    for s in studies:
        name, _abbrev, issn, publisher, _art = journal(s)
        an = rng.randint(100_000_000, 159_999_999)
        pairs = [("TY", "JOUR")]
        pairs += [("AU", full_name(a)) for a in s.authors]
        pairs += [
            ("T1", sentence(s.title)), ("JO", name), ("JF", name),
            ("Y1", f"{s.year}/{s.month:02d}//"),
        ]
        if s.volume:
            pairs.append(("VL", s.volume))
        if s.issue:
            pairs.append(("IS", s.issue))
        pairs.append(("M3", "Article"))
        if s.first_page:
            pairs += [("SP", s.first_page), ("EP", s.last_page)]
        elif s.article_no:
            pairs += [("SP", s.article_no), ("EP", s.article_no)]
        pairs += [("PB", publisher), ("SN", issn.replace("-", ""))]
        pairs.append(("AB", s.abstract))
        pairs.append(("AB", f"Copyright of {name} is the property of {publisher} and its "
                            "content may not be copied or emailed to multiple sites or posted to "
                            "a listserv without the copyright holder's express written "
                            "permission."))
        pairs += [("KW", CINAHL_HEADINGS.get(k, k)) for k in s.keywords]
        pairs.append(("LA", s.language))
        pairs.append(("N1", f"Accession Number: {an}. Language: {s.language}. "
                            f"Entry Date: {s.year}{s.month:02d}01. "
                            "Publication Type: Article. Journal Subset: Core Nursing."))
        doi = keep_doi(rng, s, 0.25)
        if doi:
            pairs.append(("L3", doi))
        pairs += [("UR", "https://search.ebscohost.com/login.aspx"
                         f"?direct=true&db=ccm&AN={an}&site=ehost-live"),
                  ("DP", "EBSCOhost"), ("DB", "ccm"), ("ER", "")]
        lines += ris_lines(pairs) + [""]
    return "\n".join(lines), ["" for _ in studies]


# --- ASSIA via ProQuest RIS --------------------------------------------------------------------
def assia(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    lines: list[str] = []
    keys: list[str] = []
    for s in studies:
        name, _abbrev, issn, _pub, _art = journal(s)
        an = str(rng.randint(1_100_000_000, 2_699_999_999))
        title = title_case(s.title) if rng.random() < 0.15 else s.title
        pairs = [("TY", "JOUR"), ("T1", title), ("AN", an), ("AB", s.abstract),
                 ("JF", name.replace("&", "and") if rng.random() < 0.3 else name)]
        pairs += [("AU", full_name(a, dot=False)) for a in s.authors]
        pairs.append(("PY", str(s.year)))
        if s.volume:
            pairs.append(("VL", s.volume))
        if s.issue:
            pairs.append(("IS", s.issue))
        if s.first_page:
            pairs += [("SP", s.first_page), ("EP", s.last_page)]
        pairs.append(("SN", f"{issn}, {issn}"))
        pairs += [("KW", k) for k in s.keywords]
        pairs.append(
            ("UR", f"https://www.proquest.com/scholarly-journals/docview/{an}/se-2?accountid=14772")
        )
        pairs += [("LA", s.language), ("DB", "Applied Social Sciences Index & Abstracts (ASSIA)"),
                  ("N1", f"Date revised - {s.year + 1}-{s.month:02d}-02"),
                  ("N1", f"Last updated - {s.year + 1}-{s.month:02d}-02")]
        doi = keep_doi(rng, s, 0.4)
        if doi:
            pairs.append(("DO", f"http://dx.doi.org/{doi}"))
        pairs.append(("ER", ""))
        lines += ris_lines(pairs) + ["", "", ""]
        keys.append(an)
    return "\n".join(lines), keys


# --- Web of Science plain-text tagged ----------------------------------------------------------
WOS_CATEGORIES = ("Health Care Sciences & Services", "Health Policy & Services", "Social Work",
                  "Public, Environmental & Occupational Health", "Nursing", "Gerontology")


def _wos_field(tag: str, values: list[str]) -> list[str]:
    out: list[str] = []
    for i, v in enumerate(values):
        out += wrap(f"{tag} " if i == 0 else "   ", v, width=72, indent="   ")
    return out


def wos(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    keys: list[str] = []
    for s in studies:
        name, _abbrev, issn, publisher, _art = journal(s)
        ut = f"WOS:000{rng.randint(300_000_000, 899_999_999)}{rng.randint(1, 999):03d}"
        title = title_case(s.title) if rng.random() < 0.1 else s.title
        out = ["PT J"]
        out += _wos_field("AU", [f"{a[0]}, {initials(a)}" for a in s.authors])
        out += _wos_field("AF", [full_name(a) for a in s.authors])
        out += _wos_field("TI", [title])
        out += _wos_field("SO", [name.upper()])
        out.append(f"LA {s.language}")
        out.append("DT " + ("Meeting Abstract" if s.kind == "conference" else "Article"))
        out += _wos_field("DE", ["; ".join(s.keywords)])
        out += _wos_field("AB", [s.abstract])
        out.append(f"SN {issn}")
        out.append(f"J9 {(_abbrev or name).upper()}")
        out.append(f"JI {dotted_abbrev(s)}")
        out.append(f"PD {MONTHS[s.month - 1].upper()}")
        out.append(f"PY {s.year}")
        if s.volume:
            out.append(f"VL {s.volume}")
        if s.issue:
            out.append(f"IS {s.issue}")
        if s.first_page:
            out += [f"BP {s.first_page}", f"EP {s.last_page}"]
        elif s.article_no:
            out.append(f"AR {s.article_no}")
        doi = keep_doi(rng, s, 0.05)
        if doi:
            out.append(f"DI {doi}")
        out.append(f"PU {publisher.upper()}")
        out.append(f"WC {'; '.join(rng.sample(WOS_CATEGORIES, 2))}")
        out.append(f"UT {ut}")
        if s.pmid:
            out.append(f"PM {s.pmid}")
        out.append("DA 2022-03-14")
        out.append("ER")
        lines += out + [""]
        keys.append(ut)
    lines.append("EF")
    return "\n".join(lines), keys


# --- Scopus CSV (the layout with "Author full names", 2023 on) ----------------------------------
SCOPUS_COLUMNS = (
    "Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume",
    "Issue", "Art. No.", "Page start", "Page end", "Page count", "Cited by", "DOI", "Link",
    "Affiliations", "Authors with affiliations", "Abstract", "Author Keywords", "Index Keywords",
    "Molecular Sequence Numbers", "Chemicals/CAS", "Tradenames", "Manufacturers", "Funding Details",
    "Funding Texts", "References", "Correspondence Address", "Editors", "Publisher", "Sponsors",
    "Conference name", "Conference date", "Conference location", "Conference code", "ISSN", "ISBN",
    "CODEN", "PubMed ID", "Language of Original Document", "Abbreviated Source Title",
    "Document Type", "Publication Stage", "Open Access", "Source", "EID",
)


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()


def scopus(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    rows: list[dict[str, str]] = []
    keys: list[str] = []
    for s in studies:
        name, _abbrev, issn, publisher, _art = journal(s)
        ids = [str(rng.randint(55_000_000_000, 58_999_999_999)) for _ in s.authors]
        eid = f"2-s2.0-85{rng.randint(0, 999_999_999):09d}"
        doi = keep_doi(rng, s, 0.03)
        link = f"https://www.scopus.com/inward/record.uri?eid={eid}" + (
            f"&doi={doi.replace('/', '%2f')}" if doi else ""
        )
        link += f"&partnerID=40&md5={hashlib.md5(eid.encode()).hexdigest()}"
        rows.append({
            "Authors": "; ".join(dotted(a) for a in s.authors),
            "Author full names": "; ".join(
                f"{full_name(a)} ({i})" for a, i in zip(s.authors, ids, strict=True)
            ),
            "Author(s) ID": "; ".join(ids),
            "Title": s.title,
            "Year": str(s.year),
            "Source title": name,
            "Volume": s.volume,
            "Issue": s.issue,
            "Art. No.": s.article_no,
            "Page start": s.first_page,
            "Page end": s.last_page,
            "Page count": str(int(s.last_page) - int(s.first_page) + 1) if s.last_page else "",
            "Cited by": str(rng.randint(0, 80)) if rng.random() < 0.8 else "",
            "DOI": doi,
            "Link": link,
            "Abstract": f"{s.abstract} © {s.year} The Author(s). Published by {publisher}.",
            "Author Keywords": "; ".join(s.keywords),
            "Index Keywords": "; ".join(k.lower() for k in s.keywords[:2]),
            "Publisher": publisher,
            "ISSN": issn.replace("-", ""),
            "PubMed ID": s.pmid,
            "Language of Original Document": s.language,
            "Abbreviated Source Title": dotted_abbrev(s),
            "Document Type": "Conference Paper" if s.kind == "conference" else "Article",
            "Publication Stage": "Final",
            "Open Access": "All Open Access; Gold Open Access" if rng.random() < 0.4 else "",
            "Source": "Scopus",
            "EID": eid,
        })
        keys.append(eid)
    return _csv(SCOPUS_COLUMNS, [{c: r.get(c, "") for c in SCOPUS_COLUMNS} for r in rows]), keys


# --- Grey literature: reference-manager exports (Zotero RIS and CSV) ---------------------------
def zotero_ris(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    lines: list[str] = []
    for s in studies:
        ty = {"report": "RPRT", "thesis": "THES"}.get(s.kind, "JOUR")
        pairs = [("TY", ty), ("TI", s.title)]
        pairs += [("AU", full_name(a, dot=False)) for a in s.authors]
        if s.journal >= 0:
            name, abbrev, issn, _pub, _art = journal(s)
            pairs += [
                ("T2", name), ("J2", abbrev), ("SN", issn), ("VL", s.volume), ("IS", s.issue),
                ("SP", pages(s)),
            ]
            if s.doi:
                pairs.append(("DO", s.doi))
        else:
            if s.place:
                pairs.append(("CY", s.place))
            pairs.append(("PB", s.publisher))
            pairs.append(("SP", s.first_page))
        pairs += [("DA", f"{s.year}/{s.month:02d}//"), ("PY", str(s.year))]
        pairs.append(("AB", s.abstract))
        pairs.append(("LA", "en"))
        pairs.append(("UR", _grey_url(s, rng)))
        pairs += [("KW", k) for k in s.keywords]
        pairs.append(("ER", ""))
        lines += ris_lines([(t, v) for t, v in pairs if v or t == "ER"]) + [""]
    return "\n".join(lines), ["" for _ in studies]


def _grey_url(s: Study, rng: random.Random) -> str:
    if s.journal >= 0:
        return f"https://doi.org/{s.doi}" if s.doi else ""
    base = vocab.GREY_PUBLISHERS.get(s.home, ("", "", "https://example.org/"))[2]
    if s.home == "OpenGrey":
        return f"{base}{rng.randint(10000, 99999)}"
    slug = "-".join(w.strip(":,'?").lower() for w in s.title.split()[:6])
    return f"{base}{slug}"


ZOTERO_COLUMNS = (
    "Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title", "ISBN", "ISSN",
    "DOI", "Url", "Abstract Note", "Date", "Date Added", "Date Modified", "Access Date", "Pages",
    "Num Pages", "Issue", "Volume", "Number Of Volumes", "Journal Abbreviation", "Short Title",
    "Series", "Series Number", "Series Text", "Series Title", "Publisher", "Place", "Language",
    "Rights", "Type", "Archive", "Archive Location", "Library Catalog", "Call Number", "Extra",
    "Notes", "File Attachments", "Link Attachments", "Manual Tags", "Automatic Tags", "Editor",
    "Series Editor", "Translator", "Contributor", "Attorney Agent", "Book Author", "Cast Member",
    "Commenter", "Composer", "Cosponsor", "Counsel", "Interviewer", "Producer", "Recipient",
    "Reviewed Author", "Scriptwriter", "Words By", "Guest", "Number", "Edition", "Running Time",
    "Scale", "Medium", "Artwork Size", "Filing Date", "Application Number", "Assignee",
    "Issuing Authority", "Country", "Meeting Name", "Conference Name", "Court", "References",
    "Reporter", "Legal Status", "Priority Numbers", "Programming Language", "Version", "System",
    "Code", "Code Number", "Section", "Session", "Committee", "History", "Legislative Body",
)
_KEY_CHARS = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"


def zotero_csv(studies: list[Study], rng: random.Random) -> tuple[str, list[str]]:
    rows: list[dict[str, str]] = []
    keys: list[str] = []
    for s in studies:
        key = "".join(rng.choice(_KEY_CHARS) for _ in range(8))
        added = (
            f"2022-03-{rng.randint(14, 25):02d} "
            f"{rng.randint(9, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        )
        row = {
            "Key": key,
            "Item Type": {"report": "report", "thesis": "thesis"}.get(s.kind, "journalArticle"),
            "Publication Year": str(s.year),
            "Author": "; ".join(full_name(a, dot=False) for a in s.authors),
            "Title": s.title,
            "Url": _grey_url(s, rng),
            "Abstract Note": s.abstract,
            "Date": f"{s.year}-{s.month:02d}",
            "Date Added": added,
            "Date Modified": added,
            "Language": "en",
            "Manual Tags": "; ".join(s.keywords),
        }
        if s.journal >= 0:
            name, abbrev, issn, _pub, _art = journal(s)
            row.update({"Publication Title": name, "ISSN": issn, "DOI": s.doi, "Pages": pages(s),
                        "Issue": s.issue, "Volume": s.volume, "Journal Abbreviation": abbrev})
        else:
            row.update({"Publisher": s.publisher, "Place": s.place, "Num Pages": s.first_page})
        rows.append({c: row.get(c, "") for c in ZOTERO_COLUMNS})
        keys.append(key)
    return _csv(ZOTERO_COLUMNS, rows), keys


# Every source of the protocol, the file it is saved as, and how it is written.
EXPORTS = (
    Export("MEDLINE", "ovid-medline.txt", "MEDLINE tagged", medline),
    Export("Embase", "embase-ovid.ris", "Ovid RIS", ovid_ris("Embase")),
    Export("PsycINFO", "psycinfo-ovid.ris", "Ovid RIS", ovid_ris("PsycINFO")),
    Export("CINAHL", "cinahl-ebsco.ris", "EBSCOhost RIS", cinahl),
    Export("Social Policy and Practice", "spp-ovid.ris", "Ovid RIS",
           ovid_ris("Social Policy and Practice")),
    Export("ASSIA", "assia-proquest.ris", "ProQuest RIS", assia),
    Export("Web of Science Core Collection", "savedrecs.txt", "Web of Science plain text", wos),
    Export("Scopus", "scopus.csv", "Scopus CSV", scopus),
    Export("HMIC", "hmic-ovid.ris", "Ovid RIS", ovid_ris("HMIC")),
    Export("King's Fund", "kings-fund-zotero.ris", "Zotero RIS", zotero_ris),
    Export("Social Care Institute for Excellence", "scie-zotero.csv", "Zotero CSV", zotero_csv),
    Export("OpenGrey", "opengrey.ris", "Zotero RIS", zotero_ris),
    Export("Citation searching", "citation-searching-zotero.csv", "Zotero CSV", zotero_csv),
)
