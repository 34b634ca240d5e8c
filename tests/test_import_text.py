"""Tagged text exports: RIS dialects, MEDLINE/nbib, Web of Science tagged, Ovid tagged.

Each fixture in tests/fixtures/exports/ reproduces one quirk seen in real exports (written for
the project, not copied). Spot checks assert which field each value lands in.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import pytest

from review_cli.errors import ParseError
from review_cli.io import formats, normalise
from review_cli.io.document import Document, decode
from review_cli.io.writer import sha256_file
from review_cli.model import Record
from review_cli.project import Project
from review_cli.stages import import_
from review_cli.store import lock
from review_cli.store import records as records_store

from .conftest import FIXTURES, invoke, snapshot

EXPORTS = FIXTURES / "exports"


def records_of(project: Project) -> dict[str, Record]:
    return {r.title: r for r in records_store.read(project)}


def import_one(project: Project, path: Path, source: str = "Test",
               accept_losses: bool = False) -> import_.FileReport:
    [report] = import_.run(project, [path], source, accept_losses=accept_losses).files
    assert report.read == report.imported + len(report.skipped)
    return report


SPOT_CHECKS: list[tuple[str, str, dict[str, Any]]] = [
    (
        "ebsco_two_abstracts.ris",
        "ris",
        {
            "title": "Peer workers in integrated mental health teams: a realist evaluation",
            "authors": ("Haddad, Leila M.", "Ó Briain, Ciarán"),
            "year": 2021,
            "journal": "Journal of Integrated Care",
            "pages": "245-259",
            "doi": "10.1108/jica-01-2021-0004",  # in L3, as EBSCO writes it
            # no copyright AB
            "abstract": "Peer support workers were embedded in three integrated teams.",
            "issn": "14769018",
        },
    ),
    (
        "ovid_numbered.ris",
        "ris",
        {
            "title": "Carers as co-designers of a hospital discharge service",
            "authors": ("Nakamura, Yui", "Petrov, Alexei S"),  # A1
            "year": 2020,  # Y1
            "journal": "Health & Social Care in the Community",  # JF
            "volume": "28",
            "pages": "1502-1511",
            "doi": "10.1111/hsc.12981",  # only inside the SFX link
            # N2 + wrapped
            "abstract": "We describe how unpaid carers co-designed a discharge service with ward "
            "staff.",
            "database": "APA PsycInfo",
        },
    ),
    (
        "endnote_pubmed_continuations.txt",
        "ris",
        {
            "title": "Family carers and the transition from hospital to home: a qualitative study",
            "authors": ("Dlamini, S.",),
            "journal": "BMC health services research",
            "doi": "10.1186/s12913-019-4000-1",
            "pmid": "31234567",  # AN of a PubMed record converted by EndNote (DP NLM)
            # untagged KW lines
            "keywords": ("Aged", "Caregivers/*psychology", "Patient Discharge"),
        },
    ),
    (
        "pubmed_misnamed.ris",
        "medline",
        {
            "title": "Integrated care for older people with frailty: a mixed-methods evaluation "
            "of a community multidisciplinary team.",
            "authors": ("Eriksson, Maja", "Okonkwo, Chidi A"),  # FAU, not the short AU
            "year": 2019,
            "journal": "BMC health services research",
            "journal_abbrev": "BMC Health Serv Res",
            "volume": "19",
            "issue": "1",
            "pages": "385",
            "doi": "10.1186/s12913-019-4199-6",
            "pmid": "31111111",
            "issn": "1472-6963",
            "abstract": "BACKGROUND: Community multidisciplinary teams aim to keep older people "
            "at home. METHODS: We interviewed patients, carers and staff.",
        },
    ),
    (
        "eric.nbib",
        "medline",
        {
            "title": "Teachers and Parents Co-Designing Inclusion Plans",
            "authors": ("Gallagher, Niamh",),
            "year": 2018,
            "journal": "Journal of Special Education Practice",
            "pages": "45-60",
            "doi": "10.1234/jsep.2018.12.2.45",  # AID holds a dx.doi.org URL
            "abstract": "Describes a co-design process.",  # the ISSN line after it is not glued on
            "url": "http://eric.ed.gov/?id=EJ1180000",
            "database": "ERIC",
        },
    ),
    (
        "wos_misnamed.ris",
        "wos",
        {
            "title": "Co-production of integrated care pathways with service users: a "
            "systematic review",
            "authors": ("Fernandes, AB", "Kowalski, J"),  # 3-space continuation lines
            "year": 2022,
            "journal": "INTERNATIONAL JOURNAL OF INTEGRATED CARE",
            "pages": "14-27",
            "doi": "10.5334/ijic.5999",
            "pmid": "35611111",
            "abstract": "Co-production is widely promoted. We reviewed 42 studies.",
            "keywords": ("co-production", "integrated care", "PARTICIPATION", "HEALTH"),
        },
    ),
    (
        "ovid_tagged.cgi",
        "ovid",
        {
            "title": "Service user involvement in redesigning a memory clinic.",
            "authors": ("Novak P.", "Adeyemi T.O."),
            "year": 2020,
            "journal": "Journal of Dementia Care",  # split out of SO
            "volume": "14",
            "issue": "3",
            "pages": "112-120",
            "doi": "10.1000/jdc.2020.003",
            "abstract": "Background: Memory clinics were redesigned with service users. "
            "Method(s): Workshops with 24 people with dementia. "
            "Conclusion(s): Co-design changed the referral pathway.",  # unindented wrapped lines
            "database": "Embase",
        },
    ),
    (
        "ovid_labelled.ovd",
        "ovid",
        {
            "title": "Carers' experiences of integrated discharge teams.",
            "authors": ("Brennan, Siobhan", "Kaur, Harpreet"),
            "year": 2019,
            "journal": "Age & Ageing",
            "volume": "48",
            "issue": "5",
            "pages": "700-707",
            "doi": "10.1093/ageing/afz099",
            "abstract": "Unpaid carers were interviewed about discharge from hospital.",
        },
    ),
]


@pytest.mark.parametrize(("name", "fmt", "expected"), SPOT_CHECKS, ids=[c[0] for c in SPOT_CHECKS])
def test_fields_land_in_the_right_place(review: Project, name: str, fmt: str,
                                        expected: dict[str, Any]) -> None:
    report = import_one(review, EXPORTS / name)
    assert report.format == fmt
    assert not report.skipped
    record = records_of(review)[expected["title"]]
    for field_name, value in expected.items():
        assert getattr(record, field_name) == value, field_name


@pytest.mark.parametrize(
    ("name", "count", "keys"),
    [
        ("ovid_numbered.ris", 2, ["2019-55555-002", "2020-12345-001"]),
        ("pubmed_misnamed.ris", 2, ["31111111", "32222222"]),
        ("eric.nbib", 1, ["EJ1180000"]),
        ("wos_misnamed.ris", 2, ["WOS:000700000000002", "WOS:000800000000001"]),
        ("ovid_tagged.cgi", 2, ["630000001", "630000002"]),
        ("ovid_labelled.ovd", 2, ["31500000", "31500001"]),
    ],
)
def test_record_counts_and_export_keys(review: Project, name: str, count: int,
                                       keys: list[str]) -> None:
    report = import_one(review, EXPORTS / name)
    assert report.imported == count
    assert sorted(o.key for r in records_store.read(review) for o in r.origins) == keys


def test_wos_article_number_when_there_are_no_pages(review: Project) -> None:
    import_one(review, EXPORTS / "wos_misnamed.ris")
    assert records_of(review)["Article numbers instead of pages"].pages == "e0250000"


def _ris(items: list[tuple[str, str]], head: str = "AU  - Lee, A.\nPY  - 2021\nT2  - J X\n") -> str:
    """One RIS record per (title, more tags), each with `head`'s tags."""
    return "".join(f"TY  - JOUR\nTI  - {title}\n{head}{more}ER  - \n\n" for title, more in items)


def _by_title(text: str, name: str) -> dict[str, dict[str, Any]]:
    """Each record's normalised fields by its title, as the format detected in `text` reads it."""
    doc = doc_of(text, name)
    return {p.fields["title"]: normalise.fields(p.fields) for p in formats.detect(doc).parse(doc)}


def test_ris_article_number_when_there_are_no_pages() -> None:
    text = _ris([
        ("Number only", "C7  - e0250000\n"),
        ("Pages and number", "SP  - 11\nEP  - 19\nC7  - 1234\n"),
        ("Another use of the tag", "C7  - Custom note written by a library\n"),
    ], head="AU  - Lee, A.\nPY  - 2021\nT2  - PLoS ONE\n")
    got = {t: f["pages"] for t, f in _by_title(text, "scopus.ris").items()}
    assert got == {"Number only": "e0250000", "Pages and number": "11-19",
                   "Another use of the tag": ""}


def test_ris_pmids_of_scopus_and_embase_and_a_doi_in_endnotes_section() -> None:
    """Scopus writes the PubMed ID bare in C2, Embase its MEDLINE PMID in C5, EndNote a
    PsycINFO record's DOI link in SE; C2 is EndNote's PMCID and C5 its format elsewhere."""
    text = _ris([
        ("Scopus", "C2  - 38580657\nDB  - Scopus\n"),
        ("Scopus by its link", "C2  - 38580658\nUR  - https://www.scopus.com/inward/x\n"),
        ("EndNote PMCID", "C2  - PMC4348420\nDB  - Scopus\n"),
        ("Not Scopus", "C2  - 12345\nDB  - CINAHL\n"),
        ("Embase", "C5  - 38773066\nDB  - Embase\n"),
        ("Embase by its id", "C5  - 38773067\nU2  - L2029880245\n"),
        ("EndNote format", "C5  - Print\nDB  - Embase\n"),
        ("PMID label wins", "C3  - PMID: 111\nC2  - 222\nDB  - Scopus\n"),
        ("Section DOI", "SE  - http://dx.doi.org/10.1080/17439760.2014.994223\n"),
        ("Section", "SE  - 10.5\n"),
        ("DO wins", "DO  - 10.1000/a\nSE  - http://dx.doi.org/10.1000/b\n"),
    ])
    got = {t: (f["pmid"], f["doi"]) for t, f in _by_title(text, "mixed.ris").items()}
    assert got == {
        "Scopus": ("38580657", ""), "Scopus by its link": ("38580658", ""),
        "EndNote PMCID": ("", ""), "Not Scopus": ("", ""), "Embase": ("38773066", ""),
        "Embase by its id": ("38773067", ""), "EndNote format": ("", ""),
        "PMID label wins": ("111", ""), "Section DOI": ("", "10.1080/17439760.2014.994223"),
        "Section": ("", ""), "DO wins": ("", "10.1000/a"),
    }


def test_ris_scopus_document_type_in_m3() -> None:
    text = _ris([
        ("Scopus letter", "M3  - Letter\nDB  - Scopus\n"),
        ("Scopus by its link", "M3  - Erratum\nUR  - https://www.scopus.com/inward/x\n"),
        ("Scopus DOI in M3", "M3  - 10.1126/science.1074069\nDB  - Scopus\n"),
        ("EndNote type of work", "M3  - journal article\nDB  - PubMed\n"),
    ])
    got = {t: f["type"] for t, f in _by_title(text, "scopus.ris").items()}
    assert got == {"Scopus letter": "Letter", "Scopus by its link": "Erratum",
                   "Scopus DOI in M3": "JOUR", "EndNote type of work": "JOUR"}


def test_ris_journal_abbreviation_of_web_of_science() -> None:
    text = (
        "TY  - JOUR\nTI  - A\nT2  - PLOS ONE\nJ9  - PLOS ONE\nJI  - PLoS One\nER  - \n\n"
        "TY  - JOUR\nTI  - B\nT2  - PLOS ONE\nJ2  - PLoS ONE\nJI  - PLoS One\nER  - \n\n"
    )
    doc = doc_of(text, "wos.ris")
    got = [p.fields["journal_abbrev"] for p in formats.detect(doc).parse(doc)]
    assert got == ["PLoS One", "PLoS ONE"]


def test_medline_article_number_in_lid_and_erics_issn_tag() -> None:
    def record(pmid: str, more: str) -> str:
        return (f"PMID- {pmid}\nOWN - NLM\nSTAT- MEDLINE\nTI  - Title {pmid}\nDP  - 2022 Nov 29\n"
                f"JT  - eLife\nVI  - 11\n{more}\n")

    text = "".join([
        record("1", "LID - 10.7554/eLife.80092 [doi]\nLID - e80092\n"),
        record("2", "PG  - 10-19\nLID - 10.7554/eLife.1 [doi]\nLID - e1\n"),
        record("3", "LID - S0140-6736(20)30211-7 [pii]\nLID - 10.1016/x [doi]\n"),
        record("4", "LID - e0226897 [pii]\n"),
    ])
    doc = doc_of(text, "pubmed.nbib")
    got = {p.fields["pmid"]: normalise.fields(p.fields)["pages"]
           for p in formats.detect(doc).parse(doc)}
    assert got == {"1": "e80092", "2": "10-19", "3": "", "4": ""}
    eric = ("OWN - ERIC\nOID - EJ1131633\nTI  - Paper title\nDP  - 2000\nJT  - Journal Name\n"
            "ISSN- ISSN-1234-4567\nPG  - 1-9\n\n")
    doc = doc_of(eric, "eric.nbib")
    [parsed] = formats.detect(doc).parse(doc)
    assert normalise.fields(parsed.fields)["issn"] == "1234-4567"


def test_placeholder_pages_psycinfo_no_pagination_and_wos_unknown_end() -> None:
    text = "".join(
        f"TY  - JOUR\nT1  - {title}\nA1  - Lee, A.\nY1  - 2019//\nJF  - J X\n{more}ER  - \n\n"
        for title, more in [
            ("Ovid", "SP  - No\nEP  - Specified\n"),
            ("EndNote", "SP  - No-Specified\n"),
            ("Spelled out", "SP  - No Pagination Specified\n"),
            ("Pages", "SP  - N12\nEP  - N19\n"),
            ("Roman", "SP  - xi\nEP  - xv\n"),
            ("WoS end page unknown", "SP  - 95\nEP  - +\n"),
            ("WoS end page unknown, one field", "SP  - 872-&\n"),
        ]
    )
    got = {t: f["pages"] for t, f in _by_title(text, "psycinfo.ris").items()}
    assert got == {"Ovid": "", "EndNote": "", "Spelled out": "", "Pages": "N12-N19",
                   "Roman": "xi-xv", "WoS end page unknown": "95",
                   "WoS end page unknown, one field": "872"}


def test_ris_early_access_year_and_cinahls_pmid_note() -> None:
    text = _ris([
        ("Early access", "DA  - JUL\nC6  - MAY 2024\n"),
        ("Month and year", "DA  - JUL\nY2  - 2023/07/01\n"),
        ("Published", "PY  - 2024\nDA  - JUL\nC6  - DEC 2023\n"),
        ("NIHMS id", "C6  - Nihms665720\n"),
        ("CINAHL", "N1  - Peer Reviewed. NLM UID: 101208192. PMID: NLM23803397.\n"),
        ("Another note", "N1  - Comment in: Nature. 2023. PMID: 37081273\n"),
    ], head="AU  - Lee, A.\nT2  - J X\n")
    got = {t: (f["year"], f["pmid"]) for t, f in _by_title(text, "mixed.ris").items()}
    # Y2 is the access date (round 13b), not the work's
    assert got == {"Early access": (2024, ""), "Month and year": (None, ""),
                   "Published": (2024, ""), "NIHMS id": (None, ""),
                   "CINAHL": (None, "23803397"), "Another note": (None, "")}


def test_ovid_psycinfo_source_volume_pages_and_artid() -> None:
    def record(n: int, source: str, more: str = "") -> str:
        return (f"<{n}>\nVN  - Ovid Technologies\nDB  - APA PsycInfo\nAN  - 2021-{n}\n"
                f"TI  - Title {n}\nAU  - Lee, Amy\nSO  - {source}\n{more}YR  - 2021\n\n")

    text = "".join([
        record(1, "Journal of Neurodevelopmental Disorders. Vol.13(1), 2021, ArtID 1."),
        record(2, "Frontiers in Psychology. Vol.11 2020, ArtID 2210."),
        record(3, "Journal of Child Psychology. Vol.57(3), Mar 2016, pp. 123-135."),
        record(4, "Journal of X. Vol.5(2), 2016, pp. 12-19.", "PG  - 12-20\n"),
        record(5, "Journal of X. 12(3):123-9, 2018 Mar."),
    ])
    doc = doc_of(text, "psycinfo.ovd")
    got = [tuple(normalise.fields(p.fields)[k] for k in ("journal", "volume", "issue", "pages"))
           for p in formats.detect(doc).parse(doc)]
    assert got == [
        ("Journal of Neurodevelopmental Disorders", "13", "1", "1"),
        ("Frontiers in Psychology", "11", "", "2210"),
        ("Journal of Child Psychology", "57", "3", "123-135"),
        ("Journal of X", "5", "2", "12-20"),
        ("Journal of X", "12", "3", "123-129"),
    ]


def test_wos_supplement_and_early_access_year() -> None:
    text = (
        "FN Clarivate Analytics Web of Science\nVR 1.0\n"
        "PT J\nAU Lee, A\nTI A meeting abstract\nSO STROKE\nPY 2020\nVL 51\nSU 1\nER\n\n"
        "PT J\nAU Lee, A\nTI In an issue's supplement\nSO STROKE\nPY 2020\nVL 51\nIS 3\n"
        "SU S\nER\n\n"
        "PT J\nAU Kim, B\nTI Early access\nSO PLOS ONE\nEY 2022\nEA DEC 2022\nER\nEF\n"
    )
    doc = doc_of(text)
    fmt = formats.detect(doc)
    got = {p.fields["title"]: normalise.fields(p.fields) for p in fmt.parse(doc)}
    assert got["A meeting abstract"]["issue"] == "Suppl 1"
    assert got["In an issue's supplement"]["issue"] == "3 Suppl"
    assert got["Early access"]["year"] == 2022


def test_ovid_conference_abstract_without_pagination(review: Project) -> None:
    import_one(review, EXPORTS / "ovid_tagged.cgi")
    record = records_of(review)["A conference abstract without pages."]
    assert (record.journal, record.volume, record.issue, record.pages, record.year) == (
        "BMC Proceedings", "13", "Supplement 2", "", 2019)


def doc_of(text: str, name: str = "export.txt") -> Document:
    return decode(Path(name), text.encode("utf-8"))


def test_sniffing_reads_content_not_the_extension(tmp_path: Path) -> None:
    cases = {
        "pubmed_misnamed.ris": "medline",
        "wos_misnamed.ris": "wos",
        "eric.nbib": "medline",
        "ovid_tagged.cgi": "ovid",
        "ovid_labelled.ovd": "ovid",
        "endnote_pubmed_continuations.txt": "ris",
        "ovid_numbered.ris": "ris",
        "cochrane_two_spaces.ris": "ris",
    }
    for name, fmt in cases.items():
        data = (EXPORTS / name).read_bytes()
        for ext in (".ris", ".txt", ".nbib", ".ciw", ".csv"):
            assert formats.detect(decode(tmp_path / f"x{ext}", data)).NAME == fmt, (name, ext)


def test_very_long_author_list_is_kept_whole(review: Project, tmp_path: Path) -> None:
    names = [f"Author{n:04d}, A." for n in range(2500)]
    path = tmp_path / "consortium.ris"
    path.write_text("TY  - JOUR\nTI  - A consortium paper\n"
                    + "".join(f"AU  - {n}\n" for n in names) + "PY  - 2021\nER  - \n")
    import_one(review, path)
    assert records_of(review)["A consortium paper"].authors == tuple(names)


# --- encodings ---------------------------------------------------------------------------------

RIS_TEXT = ("TY  - JOUR\nTI  - Café society and Łódź carers\nAU  - Müller, Jürgen\nPY  - 2020\n"
            "ER  - \n")


@pytest.mark.parametrize(
    ("label", "data", "encoding"),
    [
        ("utf-8", RIS_TEXT.encode("utf-8"), "utf-8"),
        ("utf-8 BOM", codecs.BOM_UTF8 + RIS_TEXT.encode("utf-8"), "utf-8-sig"),
        ("utf-8 BOM CRLF", codecs.BOM_UTF8 + RIS_TEXT.replace("\n", "\r\n").encode("utf-8"),
         "utf-8-sig"),
        ("utf-16 BOM", RIS_TEXT.encode("utf-16"), "utf-16"),
        ("utf-16-le no BOM", RIS_TEXT.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be no BOM", RIS_TEXT.encode("utf-16-be"), "utf-16-be"),
        ("CR only", RIS_TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings_and_line_ends(review: Project, tmp_path: Path, label: str, data: bytes,
                                         encoding: str) -> None:
    path = tmp_path / "export.ris"
    path.write_bytes(data)
    report = import_one(review, path)
    assert report.encoding == encoding and report.warnings == []
    record = records_of(review)["Café society and Łódź carers"]
    assert record.authors == ("Müller, Jürgen",) and record.year == 2020


def test_legacy_8bit_file_is_read_with_a_warning_naming_the_encoding(
    review: Project, runner, tmp_path: Path
) -> None:
    path = tmp_path / "legacy.ris"
    path.write_bytes(RIS_TEXT.replace("Łódź", "Lodz").replace("\n", "\r\n").encode("cp1252"))
    result = invoke(runner, review, "import", str(path), "--source", "Old")
    assert result.exit_code == 0, result.output
    assert "cp1252" in result.output and "not UTF-8" in result.output
    record = records_of(review)["Café society and Lodz carers"]
    assert record.authors == ("Müller, Jürgen",)


def test_block_wise_decoding_gives_the_same_lines(tmp_path: Path) -> None:
    text = "".join(f"TY  - JOUR\r\nTI  - Łódź record {n} é\r\nER  - \r\n" for n in range(500))
    for enc in ("utf-8", "utf-8-sig"):
        data = (codecs.BOM_UTF8 if enc == "utf-8-sig" else b"") + text.encode("utf-8")
        doc = decode(tmp_path / "x.ris", data)
        expected = doc.lines()
        doc.compact()
        assert doc.text == "" and doc.data  # the bytes are the smaller copy here
        assert list(doc.iter_lines(block=97)) == expected


# --- bad inputs --------------------------------------------------------------------------------


def test_truncated_records_are_skipped_with_line_and_reason(review: Project, runner) -> None:
    before = snapshot(review)
    refused = invoke(runner, review, "import", str(EXPORTS / "truncated.ris"), "--source", "Test")
    assert refused.exit_code == 1 and "2 record(s) could not be read" in refused.output
    assert "line 7:" in refused.output and "--accept-losses" in refused.output
    assert snapshot(review) == before
    result = invoke(runner, review, "import", str(EXPORTS / "truncated.ris"), "--source", "Test",
                    "--accept-losses")
    assert result.exit_code == 0, result.output
    [report] = records_store.read_report(review)
    assert (report["read"], report["imported"]) == (4, 2)
    assert [(s["line"], "ER" in s["reason"]) for s in report["skipped"]] == [(7, True), (16, True)]
    assert ("truncated.ris:7: skipped" in result.output
            and "truncated.ris:16: skipped" in result.output)
    assert "truncated export" in result.output


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nER\n\nPT J\nTI Cut off\n",
         7),
        ("PT J\nTI One\nER\nPT J\nTI Cut\nPT J\nTI Three\nER\nEF\n", 4),
    ],
)
def test_truncated_wos_record_is_skipped(review: Project, tmp_path: Path, text: str,
                                         line: int) -> None:
    path = tmp_path / "wos.txt"
    path.write_text(text)
    report = import_one(review, path, accept_losses=True)
    assert [s["line"] for s in report.skipped] == [line] and report.skipped[0]["damaged"]
    assert report.imported == report.read - 1


def test_bad_inputs_give_one_clear_error_and_change_nothing(review: Project, runner,
                                                            tmp_path: Path) -> None:
    import_one(review, EXPORTS / "pubmed_misnamed.ris", "MEDLINE")
    before = snapshot(review)
    cases = {
        "empty.ris": (b"  \n\n", "is empty"),
        "scan.pdf": (b"%PDF-1.4\n\x00\x01\x02\x03binary\x00stream", "binary file"),
        "notes.txt": (b"Search strategy\n1. carers.mp\n2. exp Caregivers/\n", "tried"),
        "bad-bom.ris": (codecs.BOM_UTF8 + b"TY  - JOUR\nTI  - caf\xe9\nER  - \n",
                        "not valid utf-8-sig"),
        "only-preamble.ris": (b"TY  - JOUR\nER  - \n", "no bibliographic content"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = invoke(runner, review, "import", str(path), "--source", "MEDLINE")
        if name == "only-preamble.ris":  # read 1, skipped 1: reported, not an error
            assert (result.exit_code == 0 and "skipped 1" in result.output
                    and message in result.output)
            continue
        assert result.exit_code == 1, (name, result.output)
        assert "Traceback" not in result.output
        assert name in result.output and message in result.output, (name, result.output)
        assert snapshot(review) == before, name


def test_unknown_format_error_names_the_file_and_every_format_tried(tmp_path: Path) -> None:
    path = tmp_path / "mystery.dat"
    path.write_bytes(b"hello world\nthis is not an export\n")
    with pytest.raises(ParseError) as err:
        import_.read_file(path, path.read_bytes())
    message = str(err.value)
    assert "mystery.dat" in message and "\n" not in message
    for fmt in formats.FORMATS:
        assert fmt.LABEL in message


def test_progress_advances_per_chunk_of_records(review: Project, tmp_path: Path) -> None:
    path = tmp_path / "many.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Record {n}\nPY  - 2020\nER  - \n\n"
                            for n in range(5000)))

    class Spy:
        def __init__(self) -> None:
            self.calls: list[tuple[str, Any]] = []

        def start(self, label: str, total: int | None = None) -> None:
            self.calls.append(("start", (label, total)))

        def advance(self, n: int = 1) -> None:
            self.calls.append(("advance", n))

        def done(self) -> None:
            self.calls.append(("done", None))

    spy = Spy()
    import_.run(review, [path], "Test", progress=spy)
    starts = [c[1] for c in spy.calls if c[0] == "start"]
    assert starts[0] == ("Importing many.ris (lines)", 25001)
    advances = [c[1] for c in spy.calls if c[0] == "advance"]
    assert len(advances) >= 2 and sum(advances) <= 25001


# --- repeated records, CRLF, a truncated record: ranks and the lock ---------------------------


@pytest.mark.parametrize("fmt", ["ris", "medline", "wos", "ovid"])
def test_repeated_records_get_ranks_and_the_lock_matches(tmp_path: Path, runner, fmt: str) -> None:
    record = {
        "ris": ("TY  - JOUR\r\nTI  - Title {n}\r\nAU  - Smith, J\r\nPY  - 2020\r\n"
                "AB  - Same abstract\r\nER  - \r\n\r\n"),
        "medline": "PMID- {n}\nTI  - Title {n}\n      wrapped\nFAU - Smith, J\nDP  - 2020\n\n",
        "wos": "PT J\nAU Smith, J\n   Jones, K\nTI Title {n}\nPY 2020\nER\n\n",
        "ovid": "<{n}. >\nDB  - Embase\nTI  - Title {n}\nAU  - Smith J.\nYR  - 2020\n\n",
    }[fmt]
    body = "".join(record.format(n=n % 40) for n in range(400))  # each record ten times: ranks 0..9
    if fmt == "ris":
        body += "TY  - JOUR\r\nTI  - cut off\r\n"  # a truncated record at the end
    path = tmp_path / f"big.{fmt}"
    path.write_text(("FN Clarivate Analytics Web of Science\nVR 1.0\n" if fmt == "wos" else "")
                    + body + ("EF\n" if fmt == "wos" else ""))
    project_dir = tmp_path / "review"
    assert invoke(runner, None, "init", str(project_dir)).exit_code == 0
    result = invoke(runner, Project(project_dir), "import", str(path), "--source", "S",
                    "--accept-losses")  # the RIS file ends inside a record
    assert result.exit_code == 0, result.output
    project = Project(project_dir)
    records = records_store.read(project)
    assert len(records) == len({r.id for r in records}) == 400
    assert lock.stale(project) == []  # the hashes the import recorded are the files'
    hashes = lock.load(project)["stages"]["import"]
    assert hashes["outputs"]["import/records.jsonl"] == sha256_file(project.records_path)


def test_ris_ids_found_where_databases_hide_them(review: Project, tmp_path: Path) -> None:
    path = tmp_path / "ids.ris"
    path.write_text(
        "TY  - JOUR\nTI  - PMID in C3\nC3  - PMID: 30000001\nM3  - 10.1000/m3.doi\nER  - \n\n"
        "TY  - JOUR\nTI  - PubMed link\nUR  - https://pubmed.ncbi.nlm.nih.gov/30000002/\n"
        "N1  - see doi: 10.1000/N1.DOI for the publisher version\nER  - \n\n"
        "TY  - JOUR\nTI  - Lens link\nL2  - http://www.ncbi.nlm.nih.gov/pubmed/30000003\n"
        "UR  - https://doi.org/10.1000/UR.DOI\nER  - \n\n"
        "TY  - JOUR\nTI  - Scopus accession is not a PMID\nAN  - 85012345678\nDB  - Scopus\n"
        "N1  - Funding: grant 10.5 million\nER  - \n"
    )
    import_one(review, path)
    got = {t: (r.pmid, r.doi) for t, r in records_of(review).items()}
    assert got == {
        "PMID in C3": ("30000001", "10.1000/m3.doi"),
        "PubMed link": ("30000002", "10.1000/n1.doi"),
        "Lens link": ("30000003", "10.1000/ur.doi"),
        "Scopus accession is not a PMID": ("", ""),
    }




@pytest.mark.parametrize(("provider", "pmid"), [
    ("DP  - NLM", "30000004"),  # EndNote's conversion of a PubMed file
    ("DB  - Ovid MEDLINE(R) ALL <1946 to July 05, 2024>", "30000004"),
    ("DB  - Ovid MEDLINE(R) and Epub Ahead of Print, In-Process & Other Non-Indexed Citations",
     "30000004"),
    ("DB  - MEDLINE Complete\nDP  - EBSCOhost", "30000004"),
    ("DB  - cmedm\nDP  - EBSCOhost", "30000004"),  # EBSCOhost's code for MEDLINE
    ("DB  - mnh\nDP  - EBSCOhost", "30000004"),  # MEDLINE with Full Text
    # Their accession numbers are their own, not PMIDs:
    ("DB  - PubMed Central", ""),
    ("DB  - Embase <1974 to 2024 July 05>", ""),
    ("DB  - CINAHL Complete\nDP  - EBSCOhost", ""),
    ("DB  - 8gh\nDP  - EBSCOhost", ""),
])
def test_ris_accession_number_is_the_pmid_only_for_medline_providers(
    review: Project, tmp_path: Path, provider: str, pmid: str
) -> None:
    path = tmp_path / "an.ris"
    path.write_text(f"TY  - JOUR\nTI  - An article\nAN  - 30000004\n{provider}\nER  - \n")
    import_one(review, path)
    assert [r.pmid for r in records_of(review).values()] == [pmid]


@pytest.mark.parametrize(("value", "doi"), [
    ("https://doi.org/10.1016/S0025-7753%2817%2930123-4", "10.1016/s0025-7753(17)30123-4"),
    ("http://dx.doi.org/10.1002%2F%28SICI%291097-0258", "10.1002/(sici)1097-0258"),
    ("10.1002/1097-4679%2528199407%252950%3a4", "10.1002/1097-4679(199407)50:4"),  # twice
    ("doi:10.1111/hsc.12981.", "10.1111/hsc.12981"),
    ("https://onlinelibrary.wiley.com/doi/10.1111/hsc.12981/abstract", "10.1111/hsc.12981"),
    ("10.1000/a; 10.1000/b", "10.1000/a"),
    ("no DOI here, 10 % of it", ""),
])
def test_a_doi_is_stored_as_a_resolver_reads_it(value: str, doi: str) -> None:
    assert normalise.doi(value) == doi
