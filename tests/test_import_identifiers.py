"""Identifiers the import reads from places that also hold other things, through the commands.

A PMID decides alone (same PMID: always one record) and a DOI nearly so: a value the reader
takes from a note, an Extra field or a list of links must be the record's own, not the PMID or
DOI of the article a comment, reply or erratum is about. Each export below is written as the
reference manager or database writes it; each attack has a twin, the same article from that
export, which must still merge with its PubMed record.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.project import Project
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store

from .conftest import invoke

ARTICLE = (
    "Early mobilisation after hip fracture surgery in older adults: a randomised controlled trial"
)
PMID, DOI = "34500001", "10.1093/ageing/afab001"

PUBMED = f"""PMID- {PMID}
OWN - NLM
STAT- MEDLINE
VI  - 50
IP  - 4
DP  - 2021 Jul
TI  - {ARTICLE}.
PG  - 1180-1187
LID - {DOI} [doi]
FAU - Lindqvist, Karin
AU  - Lindqvist K
FAU - Oduya, Peter
AU  - Oduya P
LA  - eng
PT  - Journal Article
PT  - Randomized Controlled Trial
TA  - Age Ageing
JT  - Age and ageing

"""


def _csv(cols: list[str], rows: list[dict[str, str]]) -> str:
    """A table export as the databases write it: every cell quoted, a BOM first."""
    import csv
    import io

    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=cols, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in cols})
    return "\ufeff" + out.getvalue()


def _zotero_csv(rows: list[dict[str, str]]) -> str:
    return _csv(["Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title",
                 "ISSN", "DOI", "Url", "Pages", "Issue", "Volume", "Journal Abbreviation",
                 "Extra"], rows)


def _refworks_tsv(rows: list[dict[str, str]]) -> str:
    cols = ["Reference Type", "Reference Id", "Authors, Primary", "Title Primary",
            "Periodical Full", "Pub Year", "Volume", "Issue", "Start Page", "Other Pages",
            "Links", "URL", "DOI", "PMID"]
    lines = ["\t".join(cols)]
    lines += ["\t".join(r.get(c, " ") for c in cols) for r in rows]
    return "\n".join(lines) + "\n"


def run(review: Project, runner, tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    """Import PubMed's record of the article and each export; dedup; title -> cluster titles."""
    files = {"pubmed.nbib": PUBMED, **files}
    for i, (name, text) in enumerate(files.items()):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = invoke(runner, review, "import", str(path), "--source", f"s{i}")
        assert result.exit_code == 0, result.output
    result = invoke(runner, review, "dedup", "--non-interactive", "--json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    title = {r.id: r.title.rstrip(".") for r in records_store.read(review)}
    together: dict[str, set[str]] = {}
    for c in clusters_store.read(review).values():
        members = {title[m] for m in c["records"]}
        for m in c["records"]:
            together.setdefault(title[m], set()).update(members)
    queued = {
        frozenset((title.get(q["a"], q["a"]), title.get(q["b"], q["b"])))
        for q in clusters_store.read_queue(review)
    }
    return together, queued


TWIN = "Early mobilisation after hip fracture surgery in older adults"


def identifiers(review: Project) -> dict[str, tuple[str, str]]:
    """Title -> (DOI, PMID) as imported: a DOI misread from a note may be kept apart by the
    dedup's guards here, yet it is exported, and decides against any other record."""
    return {r.title.rstrip("."): (r.doi, r.pmid) for r in records_store.read(review)}


def merged_with_article(together: dict[str, set[str]], t: str) -> bool:
    return ARTICLE in together.get(t, set()) and t != ARTICLE


def queued_with_article(queued: set[frozenset[str]], t: str) -> bool:
    """A comment given its article's DOI by the reader waits for a person: a decision spent on
    a pair no reader of the two records would hold for one work."""
    return any(t in pair and any(m.startswith(ARTICLE[:40]) for m in pair) for pair in queued)


# --- Zotero CSV: Extra holds `Key: value` lines (flattened to one line by some exports). ---

def test_zotero_extra_pmid_of_another_item(review: Project, runner, tmp_path: Path) -> None:
    comments = {
        "r12b-zotero-original-pmid": (
            "Getting older patients up sooner: what the trial does not tell us",
            f"Original PMID: {PMID}"),
        "r12b-zotero-comment-on-pmid": (
            "Mobilisation trials in hip fracture need longer follow-up",
            f"Type: Comment\nComment on: PMID: {PMID}"),
        "r12b-zotero-erratum-for-pmid": (
            "Correction to: early mobilisation in older adults",
            f"Place: England Erratum for: PMID: {PMID}"),
        "r12b-zotero-comment-on-citation-pmid": (
            "Rehabilitation pathways after hip fracture: a commentary",
            f"Comment on: Age Ageing. 2021 Jul;50(4):1180-1187. PMID: {PMID}"),
        "r12b-zotero-original-doi": (
            "Early mobilisation is not for every patient: a reply",
            f"Original DOI: {DOI}"),
    }
    rows = [
        {"Key": f"K{i}", "Item Type": "journalArticle", "Publication Year": "2021",
         "Author": f"Moreau{i}, Jean", "Title": t, "Publication Title": "Age and Ageing",
         "Pages": f"{2001 + 2 * i}-{2002 + 2 * i}", "Issue": "6", "Volume": "50", "Extra": e}
        for i, (t, e) in enumerate(comments.values())
    ]
    # the twin: the article itself, its PMID in Extra as Zotero writes it
    rows.append({"Key": "KA", "Item Type": "journalArticle", "Publication Year": "2021",
                 "Author": "Lindqvist, Karin; Oduya, Peter",
                 "Title": "Early mobilization after hip fracture surgery in older adults",
                 "Publication Title": "Age and Ageing", "Pages": "1180-1187", "Issue": "4",
                 "Volume": "50", "Extra": f"Place: England PMID: {PMID}  PMCID: PMC8212345"})
    # the twin in another export's form: its own PMID first, then the erratum it has
    rows.append({"Key": "KB", "Item Type": "journalArticle", "Publication Year": "2021",
                 "Author": "Lindqvist, K.; Oduya, P.",
                 "Title": "Early mobilisation following hip fracture surgery in older adults",
                 "Publication Title": "Age Ageing", "Pages": "1180-7", "Issue": "4",
                 "Volume": "50",
                 "Extra": f"PMID: {PMID}\nErratum in: Age Ageing. 2021;50(6):2033. PMID: 34999999"})
    together, queued = run(review, runner, tmp_path, {"zotero.csv": _zotero_csv(rows)})
    failed = [
        case for case, (t, _e) in comments.items()
        if merged_with_article(together, t) or queued_with_article(queued, t)
        or identifiers(review)[t] != ("", "")
    ]
    if not merged_with_article(
        together, "Early mobilization after hip fracture surgery in older adults"
    ):
        failed.append("r12b-zotero-extra-pmid-twin")
    if not merged_with_article(
        together, "Early mobilisation following hip fracture surgery in older adults"
    ):
        failed.append("r12b-zotero-extra-pmid-then-erratum-twin")
    assert failed == []


# --- BibTeX (Zotero writes Extra as `note`) ---

BIB = """@article{{moreau_2021,
\ttitle = {{Hip fracture rehabilitation: a comment on timing}},
\tvolume = {{50}},
\tnumber = {{6}},
\tpages = {{2011--2012}},
\tjournal = {{Age and Ageing}},
\tauthor = {{Moreau, Jean}},
\tyear = {{2021}},
\tnote = {{Comment on: PMID {pmid}}},
}}

@article{{nakata_2021,
\ttitle = {{Erratum: hip fracture mobilisation}},
\tvolume = {{50}},
\tnumber = {{6}},
\tpages = {{2013}},
\tjournal = {{Age and Ageing}},
\tauthor = {{Nakata, Yui}},
\tyear = {{2021}},
\tnote = {{Erratum for: PMID: {pmid}}},
}}

@article{{lindqvist_2021,
\ttitle = {{Early mobilisation after hip fracture surgery in older adults}},
\tvolume = {{50}},
\tnumber = {{4}},
\tpages = {{1180--1187}},
\tjournal = {{Age and Ageing}},
\tauthor = {{Lindqvist, Karin and Oduya, Peter}},
\tyear = {{2021}},
\tnote = {{PMID: {pmid}}},
}}
"""


def test_bibtex_note_pmid_of_another_item(review: Project, runner, tmp_path: Path) -> None:
    failed: list[str] = []
    together, _ = run(review, runner, tmp_path, {"zotero.bib": BIB.format(pmid=PMID)})
    if merged_with_article(together, "Hip fracture rehabilitation: a comment on timing"):
        failed.append("r12b-bibtex-note-comment-on-pmid")
    if merged_with_article(together, "Erratum: hip fracture mobilisation"):
        failed.append("r12b-bibtex-note-erratum-for-pmid")
    if not merged_with_article(together, TWIN):
        failed.append("r12b-bibtex-note-pmid-twin")
    assert failed == []


# --- RefWorks: the URL cell lists a record's links, a comment's with its article's ---

def test_refworks_url_cell_with_another_items_link(review: Project, runner, tmp_path: Path) -> None:
    rows = [
        {"Reference Type": "Journal Article", "Reference Id": "101",
         "Authors, Primary": "Moreau,Jean", "Title Primary": "Reply: mobilising older patients",
         "Periodical Full": "Age and Ageing", "Pub Year": "2021", "Volume": "50", "Issue": "6",
         "Start Page": "2021", "Other Pages": "2022",
         "URL": f"https://www.ncbi.nlm.nih.gov/pubmed/{PMID} "
                "https://www.ncbi.nlm.nih.gov/pubmed/34600777 "
                "https://academic.oup.com/ageing/article/50/6/2021/6300001"},
        {"Reference Type": "Journal Article", "Reference Id": "102",
         "Authors, Primary": "Lindqvist,Karin;Oduya,Peter",
         "Title Primary": "Early mobilisation after hip fracture surgery in older adults",
         "Periodical Full": "Age and Ageing", "Pub Year": "2021", "Volume": "50", "Issue": "4",
         "Start Page": "1180", "Other Pages": "1187",
         "URL": f"https://www.ncbi.nlm.nih.gov/pubmed/{PMID} "
                "https://academic.oup.com/ageing/article/50/4/1180/6200001"},
    ]
    failed: list[str] = []
    together, _ = run(review, runner, tmp_path, {"refworks.tsv": _refworks_tsv(rows)})
    if merged_with_article(together, "Reply: mobilising older patients"):
        failed.append("r12b-refworks-url-two-pubmed-links")
    if not merged_with_article(together, TWIN):
        failed.append("r12b-refworks-url-one-pubmed-link-twin")
    assert failed == []


# --- RIS written by EndNote: N1 notes, SE, C2 (PMCID), C5 (format), C6 (NIHMS id) ---

RIS = f"""TY  - JOUR
AU  - Moreau, Jean
TI  - Timing of mobilisation after hip fracture: a comment
T2  - Age and Ageing
PY  - 2021
VL  - 50
IS  - 6
SP  - 2031
EP  - 2032
N1  - Comment on: https://doi.org/{DOI}
ER  -

TY  - JOUR
AU  - Brandt, Olga
TI  - Correction: mobilisation after hip fracture
T2  - Age and Ageing
PY  - 2021
VL  - 50
IS  - 6
SP  - 2033
N1  - Erratum for doi: {DOI}
ER  -

TY  - JOUR
AU  - Sato, Hana
TI  - Mobilisation after hip fracture: the authors reply
T2  - Age and Ageing
PY  - 2021
VL  - 50
IS  - 6
SP  - 2035
UR  - https://www.ncbi.nlm.nih.gov/pubmed/{PMID}
UR  - https://www.ncbi.nlm.nih.gov/pubmed/34600888
ER  -

TY  - JOUR
AU  - Lindqvist, K.
AU  - Oduya, P.
TI  - Early mobilisation after hip fracture surgery in older adults
T2  - Age Ageing
PY  - 2021
VL  - 50
IS  - 4
SP  - 1180-7
SE  - http://dx.doi.org/{DOI}
C2  - PMC8212345
C5  - Print-Electronic
C6  - NIHMS1700001
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85100000001
ER  -
"""


def test_endnote_ris_notes_of_another_item(review: Project, runner, tmp_path: Path) -> None:
    failed: list[str] = []
    together, queued = run(review, runner, tmp_path, {"endnote.ris": RIS})
    for case, t in (
        ("r12b-ris-n1-comment-on-doi", "Timing of mobilisation after hip fracture: a comment"),
        ("r12b-ris-n1-erratum-for-doi", "Correction: mobilisation after hip fracture"),
        ("r12b-ris-ur-two-pubmed-links", "Mobilisation after hip fracture: the authors reply"),
    ):
        if (
            merged_with_article(together, t) or queued_with_article(queued, t)
            or identifiers(review)[t] != ("", "")
        ):
            failed.append(case)
    if not merged_with_article(together, TWIN):
        failed.append("r12b-ris-se-doi-twin")
    assert failed == []


# --- The one-work side: the same article from several of those exports, its PMID read where
# each keeps it, the titles as each database rewrites them, is one record. ---

SCOPUS_RIS = f"""TY  - JOUR
AU  - Lindqvist, K.
AU  - Oduya, P.
TI  - Early mobilization after surgery for hip fracture in older people: A randomized trial
T2  - Age and Ageing
PY  - 2021
VL  - 50
IS  - 4
SP  - 1180
EP  - 1187
C2  - {PMID}
M3  - Article
DB  - Scopus
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85110000001&partnerID=40
ER  -
"""

ENDNOTE_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<xml><records><record><database name="My EndNote Library.enl">My EndNote Library.enl</database>\
<source-app name="EndNote" version="20.6">EndNote</source-app><rec-number>12</rec-number>\
<ref-type name="Journal Article">17</ref-type><contributors><authors><author>Lindqvist, K.</author>\
<author>Oduya, P.</author></authors></contributors><titles><title>Early mobilisation after \
hip-fracture surgery in older adults</title><secondary-title>Age Ageing\
</secondary-title></titles><pages>1180-1187</pages><volume>50</volume><number>4</number>\
<dates><year>2021</year></dates><custom2>PMC8212345</custom2><custom5>Print</custom5>\
<custom6>NIHMS1700001</custom6><accession-num>{PMID}</accession-num>\
<remote-database-provider>NLM</remote-database-provider></record></records></xml>
"""


def test_one_article_from_several_exports_is_one_record(
    review: Project, runner, tmp_path: Path
) -> None:
    rows = [{"Key": "KA", "Item Type": "journalArticle", "Publication Year": "2021",
             "Author": "Lindqvist, Karin; Oduya, Peter",
             "Title": "Mobilising older adults early after hip fracture surgery (randomised)",
             "Publication Title": "Age and Ageing", "Pages": "1180-1187", "Issue": "4",
             "Volume": "50", "Extra": f"Place: England PMID: {PMID}  PMCID: PMC8212345"}]
    together, _ = run(review, runner, tmp_path, {
        "scopus.ris": SCOPUS_RIS, "endnote.xml": ENDNOTE_XML, "zotero.csv": _zotero_csv(rows),
    })
    assert together.get(ARTICLE, set()) >= {
        "Early mobilization after surgery for hip fracture in older people: A randomized trial",
        "Mobilising older adults early after hip fracture surgery (randomised)",
        "Early mobilisation after hip-fracture surgery in older adults",
    }, "r12b-one-work-scopus-c2-zotero-extra-endnote-xml"


# === Round 13b: the place, type, year and abbreviation the readers take since round 11d, through
# the commands. Each two-work attack has a one-work twin from the same export. ===

def together_with(together: dict[str, set[str]], a: str, b: str) -> bool:
    return b in together.get(a, set()) and a != b


def _scopus_csv(rows: list[dict[str, str]]) -> str:
    return _csv(["Authors", "Author full names", "Title", "Year", "Source title", "Volume",
                 "Issue", "Art. No.", "Page start", "Page end", "Page count", "Cited by", "DOI",
                 "Link", "Abbreviated Source Title", "Document Type", "PubMed ID", "Source",
                 "EID"], rows)


# --- the place: an article number beside pages that only count the article's own pages ---

BMC_TITLE = "Frailty screening in primary care: a cluster randomised trial"
BMC_PUBMED = """PMID- 34611111
OWN - NLM
STAT- MEDLINE
VI  - 22
IP  - 1
DP  - 2021 Oct 6
TI  - Frailty screening in primary care: a cluster randomised trial.
PG  - 612
LID - 612
LID - 10.1186/s12877-021-02555-1 [doi]
FAU - Ekwueme, Chidi
AU  - Ekwueme C
FAU - Rasmussen, Lene
AU  - Rasmussen L
PT  - Journal Article
PT  - Randomized Controlled Trial
TA  - BMC Geriatr
JT  - BMC geriatrics

"""


_BMC_ROWS = [
    {"Authors": "Ekwueme C.; Rasmussen L.", "Title": "Frailty screening in primary care: "
     "A cluster randomized trial", "Year": "2021", "Source title": "BMC Geriatrics",
     "Volume": "22", "Issue": "1", "Art. No.": "612", "Page start": "1", "Page end": "11",
     "Page count": "11", "Abbreviated Source Title": "BMC Geriatr.",
     "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-85116000001"},
    {"Authors": "Okafor N.; Berg J.", "Title": "Deprescribing in care homes: a process "
     "evaluation", "Year": "2021", "Source title": "BMC Geriatrics", "Volume": "22",
     "Issue": "1", "Art. No.": "640", "Page start": "1", "Page end": "11",
     "Page count": "11", "Document Type": "Article", "Source": "Scopus",
     "EID": "2-s2.0-85116000002"},
    {"Authors": "Okafor N.; Berg J.", "Title": "Deprescribing in care homes: a process "
     "evaluation of a pilot", "Year": "2021", "Source title": "BMC Geriatrics",
     "Volume": "22", "Issue": "1", "Art. No.": "702", "Page start": "1", "Page end": "9",
     "Page count": "9", "Document Type": "Article", "Source": "Scopus",
     "EID": "2-s2.0-85116000003"},
]


def _scopus_ris_rows(rows: list[dict[str, str]]) -> str:
    out = []
    for r in rows:
        aus = "".join(f"AU  - {a.strip()}\n" for a in r["Authors"].split(";"))
        out.append(
            f"TY  - JOUR\n{aus}TI  - {r['Title']}\nT2  - {r['Source title']}\nPY  - {r['Year']}"
            f"\nVL  - {r['Volume']}\nIS  - {r['Issue']}\nC7  - {r['Art. No.']}\n"
            f"SP  - {r['Page start']}\nEP  - {r['Page end']}\nM3  - Article\nDB  - Scopus\n"
            f"UR  - https://www.scopus.com/inward/record.uri?eid={r['EID']}&partnerID=40\nER  -\n\n"
        )
    return "".join(out)


def _scopus_bib_rows(rows: list[dict[str, str]]) -> str:
    out = ["Scopus\nEXPORT DATE: 08 December 2026\n\n"]
    for i, r in enumerate(rows):
        authors = " and ".join(a.strip().replace(" ", ", ", 1) for a in r["Authors"].split(";"))
        out.append(
            f"@ARTICLE{{S{i},\n\tauthor={{{authors}}},\n\ttitle={{{r['Title']}}},\n"
            f"\tjournal={{{r['Source title']}}},\n\tyear={{{r['Year']}}},\n"
            f"\tvolume={{{r['Volume']}}},\n\tnumber={{{r['Issue']}}},\n"
            f"\tpages={{{r['Page start']}-{r['Page end']}}},\n\tart_number={{{r['Art. No.']}}},\n"
            "\tdocument_type={Article},\n\tsource={Scopus},\n}\n\n"
        )
    return "".join(out)


@pytest.mark.parametrize("fmt", ["csv", "ris", "bib"])
def test_scopus_art_no_beside_pages_counted_from_one(
    review: Project, runner, tmp_path: Path, fmt: str
) -> None:
    """Scopus lists an article of a journal that numbers its articles with both its number and
    its own pages from 1 (`Art. No. 612`, `Page start 1`, `Page end 11`; RIS `C7`, BibTeX
    `art_number` beside `pages={1-11}`); PubMed places it by the number alone. Two other
    articles of the volume, by one team, pages 1-11 and 1-9, are two works."""
    text = {"csv": _scopus_csv, "ris": _scopus_ris_rows, "bib": _scopus_bib_rows}[fmt](_BMC_ROWS)
    together, _ = run(review, runner, tmp_path, {"bmc.nbib": BMC_PUBMED, f"scopus.{fmt}": text})
    failed = []
    if not together_with(together, BMC_TITLE,
                         "Frailty screening in primary care: A cluster randomized trial"):
        failed.append(f"r13b-scopus-{fmt}-art-no-pages-from-one-twin")
    if together_with(together, "Deprescribing in care homes: a process evaluation",
                     "Deprescribing in care homes: a process evaluation of a pilot"):
        failed.append(f"r13b-scopus-{fmt}-art-no-two-articles-pages-from-one")
    assert failed == []


# --- the type: Scopus's document type (RIS M3, BibTeX document_type) read against PubMed's ---

SCOPUS_TYPED = f"""TY  - JOUR
AU  - Lindqvist, K.
AU  - Oduya, P.
TI  - {ARTICLE}
T2  - Age and Ageing
PY  - 2021
VL  - 50
IS  - 6
SP  - 2040
M3  - Erratum
DB  - Scopus
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-85120000009&partnerID=40
ER  -

"""

PUBMED_KINDS = """PMID- 34700001
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Why geriatric wards need night-time mobility teams.
PG  - 201-202
FAU - Achebe, Ngozi
AU  - Achebe N
PT  - Editorial
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

PMID- 34700002
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Falls after discharge from orthogeriatric units: a systematic review.
PG  - 203-215
FAU - Varga, Ilona
AU  - Varga I
FAU - Chen, Bo
AU  - Chen B
PT  - Journal Article
PT  - Review
PT  - Systematic Review
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

PMID- 34700003
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Hip protector adherence in nursing homes: an open dataset.
PG  - 216-219
FAU - Moss, Dana
AU  - Moss D
PT  - Journal Article
PT  - Dataset
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

PMID- 34700004
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Vitamin D and falls in older men: a cohort study.
PG  - 220-228
FAU - Ruiz, Pablo
AU  - Ruiz P
PT  - Journal Article
PT  - Retracted Publication
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

PMID- 34700005
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Delirium after hip fracture: who should screen?
PG  - 229-230
FAU - Laine, Aino
AU  - Laine A
PT  - Letter
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

PMID- 34700006
OWN - NLM
VI  - 12
IP  - 3
DP  - 2022 Mar
TI  - Frailty is not a diagnosis.
PG  - 231-232
FAU - Okoro, Emeka
AU  - Okoro E
PT  - Journal Article
PT  - Comment
TA  - Geriatr Nurs Rev
JT  - Geriatric nursing review

"""

KIND_TITLES = {
    "Editorial": "Why geriatric wards need night-time mobility teams",
    "Short Survey": "Falls after discharge from orthogeriatric units: a systematic review",
    "Data Paper": "Hip protector adherence in nursing homes: an open dataset",
    "Retracted": "Vitamin D and falls in older men: a cohort study",
    "Letter": "Delirium after hip fracture: who should screen?",
    "Note": "Frailty is not a diagnosis",
}
_PAGES = {"Editorial": "201-202", "Short Survey": "203-215", "Data Paper": "216-219",
          "Retracted": "220-228", "Letter": "229-230", "Note": "231-232"}
_AUTHORS = {"Editorial": "Achebe, N.", "Short Survey": "Varga, I.", "Data Paper": "Moss, D.",
            "Retracted": "Ruiz, P.", "Letter": "Laine, A.", "Note": "Okoro, E."}


def _scopus_ris_typed(kind: str, title: str) -> str:
    first, last = _PAGES[kind].split("-")
    return (f"TY  - JOUR\nAU  - {_AUTHORS[kind]}\nTI  - {title}\nT2  - Geriatric Nursing Review"
            f"\nPY  - 2022\nVL  - 12\nIS  - 3\nSP  - {first}\nEP  - {last}\nM3  - {kind}\n"
            "DB  - Scopus\nUR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-8512"
            f"{sorted(_PAGES).index(kind):07d}\nER  -\n\n")


def test_scopus_document_types_against_pubmed(review: Project, runner, tmp_path: Path) -> None:
    """Scopus types its records in words of its own (`Short Survey`, `Data Paper`, `Note`,
    `Retracted` for the article retracted); each is the one work PubMed types otherwise. Its
    erratum keeps the article's title and must stay apart from it."""
    ris = SCOPUS_TYPED + "".join(
        _scopus_ris_typed(k, t.replace("systematic review", "Systematic review"))
        for k, t in KIND_TITLES.items()
    )
    run(review, runner, tmp_path, {"kinds.nbib": PUBMED_KINDS,
                                                       "scopus.ris": ris})
    failed = []
    # the Scopus erratum carries the article's title: it must not join the article
    records = records_store.read(review)
    erratum = next(r for r in records if r.type == "Erratum")
    article = next(r for r in records if r.pmid == PMID)
    for c in clusters_store.read(review).values():
        if erratum.id in c["records"] and article.id in c["records"]:
            failed.append("r13b-scopus-m3-erratum-titled-as-article")
    for kind, t in KIND_TITLES.items():
        t2 = t.replace("systematic review", "Systematic review")
        ids = [r.id for r in records if r.title.rstrip(".") in (t, t2)]
        if not any(set(ids) <= set(c["records"]) for c in clusters_store.read(review).values()):
            failed.append(f"r13b-scopus-m3-{kind.lower().replace(' ', '-')}-twin")
    assert failed == []



# --- the year and the last page: Web of Science's early-access date and its `+` ---

EARLY_TITLE = "Night-time mobility teams on geriatric wards: a stepped-wedge trial"
EARLY_PUBMED = f"""PMID- 34800001
OWN - NLM
VI  - 70
IP  - 2
DP  - 2022 Feb
TI  - {EARLY_TITLE}.
PG  - 455-463
FAU - Kowalczyk, Anna
AU  - Kowalczyk A
FAU - Byrne, Sean
AU  - Byrne S
PT  - Journal Article
TA  - J Am Geriatr Soc
JT  - Journal of the American Geriatrics Society

"""

WOS_EARLY_RIS = """TY  - JOUR
AU  - Kowalczyk, A
AU  - Byrne, S
TI  - Night-time mobility teams on geriatric wards: A stepped-wedge trial
T2  - JOURNAL OF THE AMERICAN GERIATRICS SOCIETY
J9  - J AM GERIATR SOC
JI  - J. Am. Geriatr. Soc.
DA  - NOV
C6  - NOV 2021
AN  - WOS:000712345600001
ER  -

TY  - JOUR
AU  - Kowalczyk, A
AU  - Byrne, S
TI  - Night-time mobility teams on geriatric wards: a process evaluation
T2  - JOURNAL OF THE AMERICAN GERIATRICS SOCIETY
J9  - J AM GERIATR SOC
PY  - 2022
VL  - 70
IS  - 2
SP  - 464
EP  - +
AN  - WOS:000712345600002
ER  -

"""

WOS_EARLY_BIB = """@article{ WOS:000712345600003,
Author = {Kowalczyk, Anna and Byrne, Sean},
Title = {{Night-time mobility teams on geriatric wards: a stepped wedge trial}},
Journal = {{JOURNAL OF THE AMERICAN GERIATRICS SOCIETY}},
Journal-ISO = {{J. Am. Geriatr. Soc.}},
EarlyAccessDate = {{NOV 2021}},
Unique-ID = {{WOS:000712345600003}},
}
"""


def test_wos_early_access_year_and_open_last_page(
    review: Project, runner, tmp_path: Path
) -> None:
    """An article in early access (no PY, `C6 NOV 2021`, BibTeX `EarlyAccessDate`), printed in
    2022, is PubMed's 2022 record; the team's process evaluation, the next article of the issue
    (`EP +`), is another work."""
    together, queued = run(review, runner, tmp_path, {
        "jags.nbib": EARLY_PUBMED, "wos.ris": WOS_EARLY_RIS, "wos.bib": WOS_EARLY_BIB})
    failed = []
    for fmt, t in (("ris", "Night-time mobility teams on geriatric wards: A stepped-wedge trial"),
                   ("bib", "Night-time mobility teams on geriatric wards: a stepped wedge trial")):
        if not together_with(together, EARLY_TITLE, t) and {EARLY_TITLE, t} not in queued:
            failed.append(f"r13b-wos-{fmt}-early-access-twin")
    if together_with(together, EARLY_TITLE,
                     "Night-time mobility teams on geriatric wards: a process evaluation"):
        failed.append("r13b-wos-open-last-page-next-article")
    assert failed == []


# --- the year: RIS's Y2 is the date the item was looked at (Zotero's and EndNote's Access Date),
# not a date of the work ---

GUIDELINE = "Integrated care for older people: guidelines on community-level interventions"
GUIDELINE_RIS = f"""TY  - RPRT
TI  - {GUIDELINE}
AU  - World Health Organization
PB  - World Health Organization
CY  - Geneva
UR  - https://www.who.int/publications/i/item/icope-community
Y2  - 2024/03/11/09:15:02
ER  -

TY  - RPRT
TI  - {GUIDELINE}
AU  - World Health Organization
PB  - World Health Organization
CY  - Geneva
PY  - 2024
DA  - 2024///
UR  - https://www.who.int/publications/i/item/icope-community-2024
ER  -

"""
GUIDELINE_2019_CSV = [{"Key": "G19", "Item Type": "report", "Publication Year": "2019",
                       "Author": "World Health Organization", "Title": GUIDELINE}]


def test_ris_access_date_is_not_the_year(review: Project, runner, tmp_path: Path) -> None:
    """An undated report (the 2019 edition, looked at in 2024) read as of 2024 is queued with
    the 2024 edition and left apart from its own; its year unknown, it waits beside its own
    edition for a person."""
    run(review, runner, tmp_path, {
        "zotero.ris": GUIDELINE_RIS, "zotero.csv": _zotero_csv(GUIDELINE_2019_CSV)})
    records = records_store.read(review)
    undated = next(r for r in records if r.title == GUIDELINE and not r.url.endswith("2024")
                   and r.type != "report")
    edition = next(r for r in records if r.url.endswith("2024"))
    failed = []
    if any({undated.id, edition.id} <= set(c["records"])
           for c in clusters_store.read(review).values()):
        failed.append("r13b-ris-y2-access-date-joins-other-edition")
    if undated.year:
        failed.append("r13b-ris-y2-access-date-read-as-year")
    dated = next(r for r in records if r.type == "report")
    queue = {frozenset((q["a"], q["b"])) for q in clusters_store.read_queue(review)}
    if frozenset((undated.id, dated.id)) not in queue and not any(
        {undated.id, dated.id} <= set(c["records"]) for c in clusters_store.read(review).values()
    ):
        failed.append("r13b-ris-y2-undated-edition-twin-queued")
    assert failed == []


# --- the place: EndNote's Custom 7 (RIS C7) is an article's number only; a chapter's is not ---

CHAPTER = "Orthogeriatric co-management: models and outcomes"
CHAPTER_RIS = f"""TY  - CHAP
AU  - Ferreira, Lucia
AU  - Novak, Pavel
TI  - {CHAPTER}
T2  - Fragility Fracture Care: A Handbook
A2  - Moreau, Jean
PY  - 2020
SP  - 1
EP  - 24
CY  - Cham
PB  - Springer International Publishing
SN  - 978-3-030-48125-5
C7  - 3
ER  -

"""
CHAPTER_BIB = f"""@incollection{{ferreira_2020,
\taddress = {{Cham}},
\ttitle = {{{CHAPTER}}},
\tbooktitle = {{Fragility fracture care: a handbook}},
\tpublisher = {{Springer International Publishing}},
\tauthor = {{Ferreira, Lucia and Novak, Pavel}},
\teditor = {{Moreau, Jean}},
\tyear = {{2020}},
\tpages = {{1--24}},
}}
"""


def test_endnote_chapter_custom7_is_not_its_place(review: Project, runner, tmp_path: Path) -> None:
    together, queued = run(review, runner, tmp_path, {
        "endnote.ris": CHAPTER_RIS, "zotero.bib": CHAPTER_BIB})
    records = records_store.read(review)
    ids = [r.id for r in records if r.title == CHAPTER]
    assert len(ids) == 2
    assert any(set(ids) <= set(c["records"]) for c in clusters_store.read(review).values()), (
        "r13b-endnote-chap-c7-twin")
