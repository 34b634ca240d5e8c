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


def _zotero_csv(rows: list[dict[str, str]]) -> str:
    import csv
    import io

    cols = ["Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title",
            "ISSN", "DOI", "Url", "Pages", "Issue", "Volume", "Journal Abbreviation", "Extra"]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=cols, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r.get(c, "") for c in cols})
    return "\ufeff" + out.getvalue()


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
