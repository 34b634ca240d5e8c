"""Table and markup exports: CSV/TSV, XLSX, WoS tab-delimited, BibTeX and EndNote XML.

Every fixture under tests/fixtures/exports/table_* was written for this project to reproduce one
database's or tool's layout and quirks (preamble lines, BOM, CRLF or bare CR, quoted multi-line
cells, section lines, LaTeX accents, `<style>` wrappers...). None is a copy of a real export.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_cli.errors import ParseError
from review_cli.io import bibtex, formats, normalise, tabular, xlsx
from review_cli.io.document import Parsed, Skip, decode
from review_cli.io.exporters import _bib_escape
from review_cli.project import Project
from review_cli.stages import export, import_
from review_cli.store import records as records_store

from .conftest import FIXTURES, invoke

EXPORTS = FIXTURES / "exports"


def parse(name: str, data: bytes | None = None) -> tuple[str, list[Parsed], list[Skip], list[str]]:
    path = EXPORTS / name
    doc = decode(path, path.read_bytes() if data is None else data)
    fmt = formats.detect(doc)
    items = list(fmt.parse(doc))
    return (
        fmt.NAME,
        [i for i in items if isinstance(i, Parsed)],
        [i for i in items if isinstance(i, Skip)],
        doc.warnings,
    )


def fields(item: Parsed) -> dict[str, Any]:
    return normalise.fields(item.fields)


# (fixture, detected format, records, first record's line, key and some normalised fields)
LAYOUTS = [
    pytest.param(
        "table_scopus_new.csv", "csv", 2, 2, "2-s2.0-85000000001",
        {"title": "Co-designing a discharge pathway with unpaid carers: a qualitative study",
         "authors": ("Okafor N.", "Lindqvist B.", "Hughes R."), "year": 2019,
         "doi": "10.1111/hex.12345",
         "journal": "Health Expectations", "journal_abbrev": "Health Expect.", "pages": "811-820",
         "pmid": "31000001",
         "keywords": ("co-design", "unpaid carers", "Caregivers", "Patient Discharge"),
         "abstract": ('Background: carers were rarely asked. Methods: six co-design workshops, '
                      'with "experience-based" design. Results: a shared pathway.')},
        id="scopus-new-bom-crlf-multiline",
    ),
    pytest.param(
        "table_scopus_old.csv", "csv", 1, 2, "2-s2.0-84000000001",
        {"authors": ("Craig C.", "Mazerolle M.J.", "Villard M.-A."), "year": 2016,
         "pages": "401-409",
         "journal": "BMC Health Services Research", "doi": "10.1186/s12913-016-0001-2"},
        id="scopus-old-comma-authors",
    ),
    pytest.param(
        "table_embase.csv", "csv", 2, 5, "L2011111111",
        {"title": "Co-producing integrated care with service users: a realist review",
         "authors": ("Patel S.", "O'Neill M.", "Dubois A.-C."), "year": 2021, "pmid": "33000001",
         "journal": "International Journal of Integrated Care", "pages": "14",
         "doi": "10.5334/ijic.5555",
         "abstract": "Co-production was described in 41 programmes."},
        id="embase-preamble",
    ),
    pytest.param(
        "table_cinahl.csv", "csv", 1, 2, "176404503",
        {"issn": "13561820", "year": 2024,
         "authors": ("Curry Rogers, Kristina", "Martínez, Ricardo N."),
         "journal": "Journal of Interprofessional Care", "pages": "215"},
        id="cinahl-excel-protected-cells",
    ),
    pytest.param(
        "table_cochrane.csv", "csv", 1, 2, "CN-01234567",
        {"authors": ("Bywater, T", "Hutchings, J", "Evans, C"), "journal": "Trials",
         "pmid": "21314913",
         "database": "Cochrane Central Register of Controlled Trials (CENTRAL)", "year": 2011},
        id="cochrane",
    ),
    pytest.param(
        "table_pubmed.csv", "csv", 1, 2, "",
        {"pmid": "30922926", "abstract": "", "volume": "63", "issue": "2", "pages": "103640",
         "authors": ("Griffin DK", "Larkin DM", "O'Connor RE."), "journal": "Eur J Integr Care",
         "year": 2020},
        id="pubmed-no-abstract-citation",
    ),
    pytest.param(
        "table_openalex.csv", "csv", 1, 2, "https://openalex.org/W4387881419",
        {"doi": "10.1016/j.healthpol.2023.104999",
         "authors": ("Alba Vicente", "Josep Sanjuan", "Jordi Pérez-Cano"),
         "pages": "104999-105010", "journal": "Health Policy", "year": 2024,
         "abstract": "A comprehensive compilation of policies."},
        id="openalex-pipes",
    ),
    pytest.param(
        "table_lens.csv", "csv", 1, 2, "000-463-679-101-319",
        {"authors": ("Björn A. Blomberg", "Mateen Moghbel"), "pages": "97-105",
         "doi": "10.5334/ijic.800", "pmid": "22752652"},
        id="lens",
    ),
    pytest.param(
        "table_ieee.csv", "csv", 1, 2, "",
        {"title": "A shared care record platform co-designed with carers", "journal": "Computer",
         "authors": ("J. Rottman", "E. Carmel", "M. Lacity"), "pages": "84-87", "year": 2012},
        id="ieee-document-title",
    ),
    pytest.param(
        "table_springer.csv", "csv", 1, 2, "",
        {"title": "Integrated care pathways for frail older people",
         "doi": "10.1186/s12877-017-0001-1",
         "journal": "BMC Geriatrics", "year": 2017, "authors": ("Andy Smith", "Tom Weber")},
        id="springerlink",
    ),
    pytest.param(
        "table_zotero.csv", "csv", 1, 2, "YVC6GC78",
        {"authors": ("Yang, Zixiao", "McNamara, Maria E."),
         "abstract": "Carers reported fewer readmissions.",
         "keywords": ("integrated care", "carers", "readmission"), "type": "journalArticle"},
        id="zotero-csv",
    ),
    pytest.param(
        "table_rayyan.csv", "csv", 1, 2, "rayyan-42924189",
        {"authors": ("Yang, Z.", "Jiang, B.", "Xu, J."), "pmid": "38000001", "pages": "1-12",
         "keywords": ("shared decision making", "teams")},
        id="rayyan-and-authors",
    ),
    pytest.param(
        "table_covidence.csv", "csv", 1, 2, "",
        {"authors": ("Howell, M.M.", "Gee, C.T."), "pages": "e0291058", "year": 2023,
         "journal": "PLoS ONE"},
        id="covidence",
    ),
    pytest.param(
        "table_abstrackr.csv", "csv", 3, 2, "41893415",
        {"authors": ("Longrich, N.R.", "Pereda-Suberbiola, X."),
         "title": "A carer-led redesign of respite services",
         "pmid": "", "keywords": ("co-production", "carers")},
        id="abstrackr-section-line",
    ),
    pytest.param(
        "table_refworks.tsv", "csv", 1, 2, "",
        {"authors": ("van den Hoven, Anna", "Smits, Maarten L. J."), "pages": "S105-S106",
         "journal_abbrev": "J Integr Care", "doi": "10.1108/jica-01-2014-0001"},
        id="refworks-tsv",
    ),
    pytest.param(
        "table_semicolon.csv", "csv", 1, 2, "",
        {"authors": ("García, Lucía", "Pérez, Juan"), "journal": "Gaceta Sanitaria", "year": 2020},
        id="semicolon-delimited",
    ),
    pytest.param(
        "table_asreview.csv", "csv", 2, 2, "1",
        {"title": "Co-production of a stroke pathway",
         "abstract": "Survivors and staff redesigned the pathway."},
        id="asreview-dataset",
    ),
    pytest.param(
        "table_wos_tab.txt", "wos-tab", 2, 2, "WOS:000430000000001",
        {"title": '"Nothing about us without us": co-production in integrated care',
         "authors": ("Tingley, MW", "Stillman, AN"), "year": 2018, "pages": "1484-1496",
         "pmid": "29782655",
         "journal": "JOURNAL OF INTEGRATED CARE", "doi": "10.1108/jica-02-2018-0010",
         "keywords": ("co-production", "integrated care", "SERVICES")},
        id="wos-tab-bom-cr",
    ),
    pytest.param(
        "table_embase.xlsx", "xlsx", 2, 5, "",
        {"title": "Rich text title about carers", "year": 2021, "volume": "21", "pages": "14-22",
         "pmid": "33000001", "authors": ("Patel S.", "Dubois A.-C."),
         "abstract": "Carers took part."},
        id="embase-xlsx-preamble",
    ),
    pytest.param(
        "table_lens.xlsx", "xlsx", 1, 3, "000-463-679-101-319",
        {"title": "User-led evaluation in integrated care", "pages": "97-105", "year": 2012,
         "authors": ("Björn A. Blomberg", "Mateen Moghbel")},
        id="lens-xlsx-title-row",
    ),
    pytest.param(
        "table_eppi.xlsx", "xlsx", 2, 2, "102199191",
        {"title": "Co-production with young carers", "year": 2024},
        id="eppi-reviewer-xlsx",
    ),
    pytest.param(
        "table_scopus.bib", "bibtex", 1, 4, "D'Ambrosio20171339",
        {"authors": ("D'Ambrosio, A.a", "Aria, M.a", "Iorio, C.b"), "pages": "1339-1351",
         "year": 2017,
         "journal": "Health Economics", "doi": "10.1002/hec.3500", "database": "Scopus",
         "abstract": "In the framework of integrated care, costs are modelled."},
        id="scopus-bib-header",
    ),
    pytest.param(
        "table_wos.bib", "bibtex", 1, 3, "WOS:000223334444221",
        {"title": "Co-design workshops with people living with dementia",
         "authors": ("Writerone, Julia", "Writertwo, Paul"),
         "journal": "Proceedings of the Integrated Care Conference",
         "doi": "10.1007/978-3-319-00000-0_3", "pages": "48-98"},
        id="wos-bib-space-key",
    ),
    pytest.param(
        "table_zotero.bib", "bibtex", 2, 4, "muller_coproduction_2021",
        {"title": "Co-production in München and São Paulo: Öffentliche Dienste & users",
         "authors": ("Müller, Jörg", "François, Irène", "Barnes and Noble Health Trust"),
         "journal": "International Journal of Integrated Care", "year": 2021, "volume": "21",
         "issue": "4", "pages": "5795-5813", "doi": "10.5334/ijic.5600", "pmid": "34000001",
         "url": "https://example.org/ijic/5600",
         "abstract": "Services were co-produced with users in two cities; 50% took part.",
         "keywords": ("co-production", "integrated care", "public services")},
        id="zotero-bib-latex-macros",
    ),
    pytest.param(
        "table_endnote.xml", "endnote-xml", 2, 3, "35000001",
        {"title": "Myoclonus & co-production: patients as partners",
         "authors": ("Rotter, Carina", "Whittaker, Danielle"),
         "year": 2022, "journal": "Health Expectations", "volume": "36", "issue": "3",
         "pages": "1032-1038",
         "doi": "10.1111/hex.16404", "abstract": "BACKGROUND: patients partnered staff.",
         "keywords": ("Co-production", "Patient participation"), "type": "Journal Article"},
        id="endnote-xml-style-wrappers",
    ),
]


@pytest.mark.parametrize(("name", "fmt", "count", "line", "key", "expected"), LAYOUTS)
def test_layout_spot_check(name: str, fmt: str, count: int, line: int, key: str,
                           expected: dict[str, Any]) -> None:
    detected, records, _, _ = parse(name)
    assert detected == fmt
    assert len(records) == count
    first = records[0]
    assert (first.line, first.key) == (line, key)
    got = fields(first)
    assert {k: got[k] for k in expected} == expected


SPRINGER_HEADER = (
    "Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,"
    "Authors,Publication Year,URL,Content Type\n"
)


@pytest.mark.parametrize(("cell", "names"), [
    ("Andy SmithTom Weber", ("Andy Smith", "Tom Weber")),
    ("Jan vom BrockeAlexander MaedcheMary-Anne O'Neil",
     ("Jan vom Brocke", "Alexander Maedche", "Mary-Anne O'Neil")),
    ("Ronald McDonaldLeo DeAngelis", ("Ronald McDonald", "Leo DeAngelis")),
    ("Ronald McDonald", ("Ronald McDonald",)),  # one name: `Mc` is not where a name ends
    ("Anne LeBlanc", ("Anne LeBlanc",)),
    ("José GarcíaÉmile DurandZoë Ødegård", ("José García", "Émile Durand", "Zoë Ødegård")),
    ("Ann Smith-JonesTom Weber", ("Ann Smith-Jones", "Tom Weber")),
    ("Ann FitzGerald-SmithTom Weber", ("Ann FitzGerald-Smith", "Tom Weber")),
    ("", ()),
])
def test_springerlink_authors_run_together_are_split_at_import(
    cell: str, names: tuple[str, ...]
) -> None:
    row = f'"A title","A journal","","1","2","10.1007/x","{cell}","2020","","Article"\n'
    _, records, skips, _ = parse("table_springer.csv", (SPRINGER_HEADER + row).encode())
    assert skips == [] and fields(records[0])["authors"] == names


def test_names_run_together_are_split_only_in_springerlinks_layout() -> None:
    # Another table with the same cell: a name we cannot tell is glued (a camel-case
    # organisation, a mistyped cell) stays as exported.
    data = b'Title,Authors,Year\n"A title","Andy SmithTom Weber","2020"\n'
    _, records, _, _ = parse("table_springer.csv", data)
    assert fields(records[0])["authors"] == ("Andy SmithTom Weber",)


def test_line_numbers_follow_multiline_cells_and_blank_rows() -> None:
    _, records, skips, _ = parse("table_scopus_new.csv")
    # Record 1 spans lines 2-4 (a three-line abstract), line 5 is a row of empty cells.
    assert [r.line for r in records] == [2, 6] and skips == []
    # Data is kept as exported; neutralising formulas is the CSV exporter's job.
    assert fields(records[1])["title"] == "=Integrated care boards: who decides?"


def test_rows_without_bibliographic_content_are_skips_with_their_line() -> None:
    _, records, skips, _ = parse("table_asreview.csv")
    assert [r.key for r in records] == ["1", "3"]
    assert [(s.line, "no title" in s.reason) for s in skips] == [(3, True)]


def test_abstrackr_section_line_is_counted_out_not_dropped_silently() -> None:
    _, records, skips, warnings = parse("table_abstrackr.csv")
    assert [r.line for r in records] == [2, 5, 8] and skips == []
    assert warnings == [
        "line 7: section line `citations that are not yet labeled by anyone` is not a record"]
    # a short row after the section line
    assert fields(records[2])["authors"] == ("Brownstein, C.D.",)


SCOPUS_ROWS = [
    '"Authors","Title","Year","Source title","Abstract","DOI"',
    '"Smith J.; Lee K.","Care pathways","2020","Stroke","Methods, results.","10.1000/a"',
    '"Tan W.","Integrated care boards","2021","BMJ","We asked, and found.","10.1000/b"',
    '"Ruiz A.","Co-production in practice","2022","IJIC","Three sites.","10.1000/c"',
]


@pytest.mark.parametrize(("broken", "line", "cells"), [
    # a title's closing quote lost (a hand edit): the row's cells shift left
    (SCOPUS_ROWS[2].replace('boards"', "boards", 1), 3, 5),
    # a quote not doubled inside a quoted cell, and the cell's closing quote lost
    (SCOPUS_ROWS[2].replace('"We asked', '"We "asked', 1).replace('found."', "found.", 1), 3, 7),
    # a quoted cell never closed: it takes in every row after it
    (SCOPUS_ROWS[2].replace('found."', "found.", 1).replace('"10.1000/b"', "10.1000/b", 1), 3, 10),
])
def test_quote_out_of_place_is_a_damaged_row_not_shifted_fields(
    broken: str, line: int, cells: int
) -> None:
    rows = [*SCOPUS_ROWS[:2], broken, *SCOPUS_ROWS[3:]]
    _, records, skips, _ = parse("quote.csv", ("\n".join(rows) + "\n").encode())
    assert [(s.line, s.damaged) for s in skips][:1] == [(line, True)]
    assert f"({cells} of 6 columns)" in skips[0].reason and "quote" in skips[0].reason
    # the rows before it are read as exported, and no record holds another's fields
    assert fields(records[0])["title"] == "Care pathways"
    assert all(fields(r)["doi"].startswith("10.1000/") for r in records)


def test_quote_out_of_place_in_a_row_that_still_lines_up_is_a_warning() -> None:
    rows = [*SCOPUS_ROWS[:2], SCOPUS_ROWS[2].replace("Integrated", 'The "integrated', 1),
            *SCOPUS_ROWS[3:]]
    _, records, skips, warnings = parse("quote.csv", ("\n".join(rows) + "\n").encode())
    assert skips == [] and len(records) == 3
    assert warnings == [
        "line 3: a quote out of place (a `\"` inside a quoted cell is written `\"\"`); the "
        "cells still line up with the header, but check that record"]


def test_quote_out_of_place_via_cli_names_the_line_and_changes_nothing(
    review: Project, runner, tmp_path: Path
) -> None:
    bad = tmp_path / "scopus.csv"
    rows = [*SCOPUS_ROWS[:3], SCOPUS_ROWS[3].replace('practice"', "practice", 1)]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = invoke(runner, review, "import", str(bad), "--source", "Scopus")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "line 4: its cells do not line up with the header" in result.output
    assert not review.records_path.exists()


def test_short_rows_of_an_exporter_are_not_misaligned_after_a_quote() -> None:
    # Abstrackr leaves out empty cells: a row as short as one before the quote is a record.
    rows = [(1, ["a", "b", "c", "d"]), (2, ["t", "u", "v", "w"]), (3, ["t", "u"]),
            (4, ['x "y', "u", "v", "w"]), (5, ["t", "u"]), (6, ["t"])]
    assert list(tabular.misaligned(rows, 4, 4)) == [(6, 1)]
    assert list(tabular.misaligned(rows, 4, 0)) == []


def test_spreadsheet_row_with_only_a_title_is_a_record(tmp_path: Path) -> None:
    # XLSX rows end at their last filled cell: a title alone in column A is a short row, not a
    # section line.
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Authors</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>Year</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Only a title here</t></is></c></row>'
        '</sheetData></worksheet>'
    )
    path = tmp_path / "titles.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": sheet}))
    doc = decode(path, path.read_bytes())
    [record] = list(formats.detect(doc).parse(doc))
    assert (isinstance(record, Parsed) and record.line == 2
            and record.fields["title"] == "Only a title here")
    assert doc.warnings == []


def test_preamble_is_reported() -> None:
    assert parse("table_embase.csv")[3] == [
        "lines 1-3 above the header row: export preamble, not records"]
    assert parse("table_lens.xlsx")[3] == [
        "line 1 above the header row: export preamble, not records"]


def test_excel_unicode_text_utf16_tsv(tmp_path: Path) -> None:
    """Excel's "Unicode Text" export: UTF-16 with BOM, tab-delimited, CRLF."""
    rows = (EXPORTS / "table_covidence.csv").read_text(encoding="utf-8").splitlines()
    table = ["\t".join(r) for r in csv.reader(rows)]
    path = tmp_path / "covidence.txt"
    path.write_bytes("\r\n".join(table).encode("utf-16"))
    doc = decode(path, path.read_bytes())
    fmt = formats.detect(doc)
    [record] = list(fmt.parse(doc))
    assert fmt.NAME == "csv" and doc.encoding == "utf-16"
    assert isinstance(record, Parsed) and fields(record)["authors"] == ("Howell, M.M.", "Gee, C.T.")


def test_wos_tab_strips_author_emails_and_keeps_bare_cr_lines() -> None:
    _, records, _, _ = parse("table_wos_tab.txt")
    assert records[0].fields["authors"] == ["Tingley, MW", "Stillman, AN"]
    assert [r.line for r in records] == [2, 3]


def test_scopus_article_number_places_an_article_without_pages() -> None:
    _, records, _, _ = parse("table_scopus_new.csv")
    got = {fields(r)["title"]: fields(r) for r in records}
    assert got["=Integrated care boards: who decides?"]["pages"] == "p123"
    # pages win over the article number when a row has both
    assert got["Co-designing a discharge pathway with unpaid carers: a qualitative study"][
        "pages"] == "811-820"


def test_embase_source_line_article_number() -> None:
    """Embase keeps an article number only in its Source line, beside `Source title` or as
    the journal's own column; first pages win."""
    header = "Title,Author Names,Source,Source title,Publication Year,Volume,Issue,First Page"
    rows = [
        'A,Lee A.,"Nature Communications (2024) 15:1 Article Number: 4063. Date of Publication: '
        '1 Dec 2024",Nature Communications,2024,15,1,',
        'B,Lee A.,"PLoS ONE (2024) 19:1 January Article Number: e0292318. Date of Publication: '
        '1 Jan 2024",PLoS ONE,2024,19,1,',
        'C,Lee A.,"Sci Rep (2024) 14:1 Article Number: 99. Date of Publication: 2024",Sci Rep,'
        "2024,14,1,14316",
        'D,Lee A.,"Anatomical Record (2024). Date of Publication: 2024",Anatomical Record,2024,,,',
    ]
    _, records, _, _ = parse("table_embase.csv", "\n".join([header, *rows, ""]).encode())
    got = {fields(r)["title"]: (fields(r)["journal"], fields(r)["pages"]) for r in records}
    assert got == {"A": ("Nature Communications", "4063"), "B": ("PLoS ONE", "e0292318"),
                   "C": ("Sci Rep", "14316"), "D": ("Anatomical Record", "")}
    # the older export: the Source line is the journal's column
    header = "Title,Author Names,Source,Abstract"
    row = ('E,Lee A.,"PLoS ONE (2024) 19:1 January Article Number: e0292318. Date of '
           'Publication: 1 Jan 2024",Text')
    _, records, _, _ = parse("table_embase.csv", "\n".join([header, row, ""]).encode())
    got_e = fields(records[0])
    assert (got_e["journal"], got_e["volume"], got_e["issue"], got_e["pages"], got_e["year"]) == (
        "PLoS ONE", "19", "1", "e0292318", 2024)


def test_zotero_extra_pmid_and_doi_and_openalex_issn() -> None:
    header = "Key,Item Type,Publication Year,Author,Title,DOI,Extra"
    rows = [
        'K1,journalArticle,2022,"Lee, A",A,,"Place: United States\nPMID: 35319117\n'
        'PMCID: PMC9151451"',
        'K2,journalArticle,2022,"Lee, A",B,,Place: England PMID: 516334',
        'K3,bookSection,2022,"Lee, A",C,,DOI: 10.1000/xyz.1',
        'K4,journalArticle,2022,"Lee, A",D,10.1000/abc,"DOI: 10.1000/other PMID: 123x"',
    ]
    _, records, _, _ = parse("table_zotero.csv", "\n".join([header, *rows, ""]).encode())
    got = {fields(r)["title"]: (fields(r)["pmid"], fields(r)["doi"]) for r in records}
    assert got == {"A": ("35319117", ""), "B": ("516334", ""), "C": ("", "10.1000/xyz.1"),
                   "D": ("", "10.1000/abc")}
    assert not {"extra", "source_line"} & set(records[0].fields)
    # RefWorks: a PubMed link among the links; a PMC link is no PMID; a PMID column wins
    header = "Reference Type\tTitle Primary\tPub Year\tURL\tPMID"
    rows = [
        "Journal Article\tA\t2020\thttps://www.ncbi.nlm.nih.gov/pubmed/32240769 https://x.org/1\t",
        "Journal Article\tB\t2020\thttps://www.ncbi.nlm.nih.gov/pmc/articles/PMC7999968\t",
        "Journal Article\tC\t2020\thttps://pubmed.ncbi.nlm.nih.gov/111/\t222",
    ]
    _, records, _, _ = parse("table_refworks.tsv", "\n".join([header, *rows, ""]).encode())
    assert [fields(r)["pmid"] for r in records] == ["32240769", "", "222"]
    header = "id,title,publication_year,primary_location.source.issn_l"
    _, records, _, _ = parse(
        "table_openalex.csv", f"{header}\nW1,A,2024,0195-6671\n".encode()
    )
    assert fields(records[0])["issn"] == "0195-6671"


def test_wos_excel_columns_early_access_supplement_and_eissn() -> None:
    """Web of Science's Excel export names its columns in full: an early-access article has
    no Publication Year, a meeting abstract its supplement in Supplement, an online-only
    journal only an eISSN."""
    header = ("Publication Type,Authors,Article Title,Source Title,Publication Year,"
              "Early Access Date,Volume,Issue,Supplement,Start Page,Article Number,ISSN,eISSN,"
              "UT (Unique WOS ID)")
    rows = [
        "J,\"Lee, A\",Early access,PLOS ONE,,MAY 2024,,,,,e0250001,,1932-6203,WOS:1",
        "J,\"Lee, A\",An abstract,STROKE,2020,,51,,1,,,0039-2499,1524-4628,WOS:2",
        "J,\"Lee, A\",Issue supplement,STROKE,2020,DEC 2019,51,3,2,10,,0039-2499,,WOS:3",
    ]
    data = "\n".join([header, *rows, ""]).encode("utf-8")
    _, records, _, _ = parse("table_wos.csv", data)
    got = {fields(r)["title"]: fields(r) for r in records}
    early = got["Early access"]
    assert (early["year"], early["pages"], early["issn"]) == (2024, "e0250001", "1932-6203")
    abstract = got["An abstract"]
    assert (abstract["year"], abstract["issue"], abstract["issn"]) == (2020, "Suppl 1", "0039-2499")
    assert got["Issue supplement"]["issue"] == "3 Suppl 2"
    assert got["Issue supplement"]["year"] == 2020
    assert not {"early_access_date", "supplement_column", "online_issn"} & set(records[0].fields)


def test_proquest_xls_dimensions_and_ieee_columns() -> None:
    """ProQuest's XLS names its columns as its API does (digitalObjectIdentifier, pubtitle),
    Dimensions keeps the pages in Pagination and the year in PubYear, IEEE Xplore the kind of
    item in Document Identifier."""
    proquest = ("StoreId,Title,Authors,pubtitle,year,volume,issue,pages,digitalObjectIdentifier,"
                "documentType,subjectTerms\n2214991469,A,\"Jones, Hannah\",Journal of Traumatic "
                "Stress,2019,32,3,1-9,10.1002/jts.22387,Journal Article,PTSD; Trajectories\n")
    _, records, _, _ = parse("table_proquest.csv", proquest.encode())
    got = fields(records[0])
    assert (got["journal"], got["doi"], got["type"], got["pages"], records[0].key) == (
        "Journal of Traumatic Stress", "10.1002/jts.22387", "Journal Article", "1-9",
        "2214991469")
    assert got["keywords"] == ("PTSD", "Trajectories")
    dimensions = ("Rank,Publication ID,DOI,PMID,Title,Source title,PubYear,Volume,Issue,"
                  "Pagination\n1,pub.1,10.1000/x,123,B,J X,2021,5,2,e1234\n")
    _, records, _, _ = parse("table_dimensions.csv", dimensions.encode())
    got = fields(records[0])
    assert (got["year"], got["pages"], got["pmid"], records[0].key) == (
        2021, "e1234", "123", "pub.1")
    ieee = ('"Document Title","Authors","Publication Title","Publication Year","Start Page",'
            '"End Page","DOI","Document Identifier"\n"C","J. Smith","2017 IEEE ICSAW","2017",'
            '"66","69","10.1109/x.1","IEEE Conferences"\n')
    _, records, _, _ = parse("table_ieee.csv", ieee.encode())
    got = fields(records[0])
    assert (got["type"], got["pages"]) == ("IEEE Conferences", "66-69")


def test_wos_tab_early_access_article_numbers_and_supplements() -> None:
    """An early-access article has no PY, a PLOS ONE article no BP, a meeting abstract its
    supplement in SU: each column is read as the tagged export reads its tag."""
    header = "PT\tAU\tTI\tSO\tPY\tEY\tEA\tPD\tVL\tIS\tSU\tBP\tEP\tAR\tUT"
    rows = [
        "J\tSmith, J\tEarly access\tPLOS ONE\t\t\tJAN 2023\t\t\t\t\t\t\tUNSP e0250001\tWOS:1",
        "J\tSmith, J\tEarly access year\tJ X\t\t2022\tDEC 2022\t\t\t\t\t\t\t\tWOS:2",
        "J\tLee, A\tAn abstract\tSTROKE\t2020\t\t\tFEB\t51\t\t1\t\t\t\tWOS:3",
        "J\tLee, A\tIn an issue's supplement\tSTROKE\t2020\t\t\t\t51\t3\t2\t\t\t\tWOS:4",
        "J\tLee, B\tPages and a number\tSTROKE\t2020\t\t\t\t51\t3\t\t10\t12\te9\tWOS:5",
    ]
    data = ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")
    name, records, skips, _ = parse("table_wos_tab.txt", data)
    assert name == "wos-tab" and not skips
    got = {r.fields["title"]: normalise.fields(r.fields) for r in records}
    early = got["Early access"]
    assert (early["year"], early["pages"]) == (2023, "e0250001")
    assert got["Early access year"]["year"] == 2022
    assert (got["An abstract"]["year"], got["An abstract"]["issue"]) == (2020, "Suppl 1")
    assert got["In an issue's supplement"]["issue"] == "3 Suppl 2"
    both = got["Pages and a number"]
    assert (both["pages"], both["issue"]) == ("10-12", "3")
    # the helper columns are read, never kept as fields of their own
    assert not {"early_access", "article_number", "supplement"} & set(records[0].fields)


def test_wos_tab_eissn_when_there_is_no_print_issn() -> None:
    header = "PT\tAU\tTI\tSO\tPY\tSN\tEI\tUT"
    rows = ["J\tLee, A\tOnline only\tJ X\t2020\t\t1937-2817\tWOS:1",
            "J\tLee, A\tBoth\tJ X\t2020\t0021-8790\t1365-2656\tWOS:2"]
    data = ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")
    name, records, _, _ = parse("table_wos_tab.txt", data)
    assert name == "wos-tab"
    assert [fields(r)["issn"] for r in records] == ["1937-2817", "0021-8790"]
    assert "eissn" not in records[0].fields


def test_xlsx_read_rows_cell_kinds() -> None:
    rows = xlsx.read_rows((EXPORTS / "table_embase.xlsx").read_bytes())
    assert rows[0] == ["SEARCH QUERY", "'co-production':ti"]
    assert rows[3][:3] == ["Title", "Original Title", "Author Names"]
    assert rows[4][:5] == ["Rich text title about carers", "", "Patel S., Dubois A.-C.",
                           "International Journal of Integrated Care", "2021"]
    # 2018.0 -> 2018
    assert rows[5][0] == "Inline string title on integrated teams" and rows[5][4] == "2018"
    assert rows[6] == [] and rows[7] == []  # missing row 7; row 8 has no cells with values


def _endnote(title: str, more: str) -> str:
    """One journal article of an EndNote XML export, with `more` of its fields."""
    return (f'<record><ref-type name="Journal Article">17</ref-type><titles><title>{title}'
            f"</title></titles><dates><year>2021</year></dates>{more}</record>")


def test_endnote_xml_pubmed_accession_is_the_pmid_and_custom7_the_article_number() -> None:
    text = "<xml><records>" + "".join([
        _endnote("From PubMed", "<accession-num>34000001</accession-num>"
                 "<remote-database-provider>NLM</remote-database-provider>"
                 "<custom7>e0250000</custom7>"),
        _endnote("From Embase", "<accession-num>2011234567</accession-num>"
                 "<remote-database-name>Embase</remote-database-name>"),
        _endnote("Pages win", "<pages>11-19</pages><custom7>5</custom7>"),
    ]) + "</records></xml>"
    _, records, _, _ = parse("table_endnote.xml", text.encode("utf-8"))
    got = {fields(r)["title"]: (fields(r)["pmid"], fields(r)["pages"]) for r in records}
    assert got == {"From PubMed": ("34000001", "e0250000"), "From Embase": ("", ""),
                   "Pages win": ("", "11-19")}


def test_endnote_xml_scopus_and_embase_pmids_and_a_doi_in_section() -> None:
    text = "<xml><records>" + "".join([
        _endnote("Scopus", "<custom2>15344782</custom2><remote-database-name>Scopus"
                 "</remote-database-name>"),
        _endnote("Scopus link", "<custom2>17712084</custom2><urls><related-urls><url>"
                 "https://www.scopus.com/inward/record.uri?eid=2-s2.0-1</url></related-urls></urls>"),
        _endnote("PMCID", "<custom2>PMC3319071</custom2><remote-database-name>Scopus"
                 "</remote-database-name>"),
        _endnote("Not Scopus", "<custom2>12345</custom2>"),
        _endnote("Embase", "<custom5>38773066</custom5><remote-database-name>Embase"
                 "</remote-database-name>"),
        _endnote("Section", "<section>http://dx.doi.org/10.1002/pmh.1227</section>"),
        _endnote("Section page", "<section>10</section>"),
    ]) + "</records></xml>"
    _, records, _, _ = parse("table_endnote.xml", text.encode("utf-8"))
    got = {fields(r)["title"]: (fields(r)["pmid"], fields(r)["doi"]) for r in records}
    assert got == {"Scopus": ("15344782", ""), "Scopus link": ("17712084", ""),
                   "PMCID": ("", ""), "Not Scopus": ("", ""), "Embase": ("38773066", ""),
                   "Section": ("", "10.1002/pmh.1227"), "Section page": ("", "")}


def test_endnote_xml_truncated_keeps_records_before_the_break() -> None:
    _, records, skips, _ = parse("table_endnote_truncated.xml")
    assert [fields(r)["title"] for r in records] == [
        "Myoclonus & co-production: patients as partners"]
    assert len(skips) == 1 and skips[0].line == 4 and skips[0].damaged
    assert "without its </record>" in skips[0].reason


def test_publisher_bibtex_layouts() -> None:
    """Europe PMC (space before the brace, HTML), Taylor & Francis (PMID in note, padded URL),
    Wiley (DOI as URL, URL as key), ACM (month macro, en-dash pages), EBSCO (capitalised names)."""
    _, records, skips, _ = parse("table_publishers.bib")
    assert skips == []
    got = [(r.key, fields(r)) for r in records]
    assert [(k, f["pmid"], f["doi"], f["pages"], f["year"]) for k, f in got] == [
        ("PMID:38000002", "38000002", "10.1111/s5555-333-55555-1", "", 2023),
        ("doi:10.1080/13561820.2018.1666666", "33355555", "10.1080/13561820.2018.1666666",
         "199-222", 2018),
        ("https://doi.org/10.1111/hsc.4444", "", "10.1111/hsc.4444", "1234", 2023),
        ("10.1145/3313831.3376000", "", "", "123-456", 2020),
        ("11111111111111111", "", "", "1-10", 2000),
    ]
    assert got[0][1]["title"] == "Link workers and social prescribing"
    assert got[1][1]["url"] == "https://doi.org/10.1080/13561820.2018.1666666"
    assert got[1][1]["authors"] == ("Firstname A. Lastname", "Tom Muster")
    assert got[2][1]["journal"] == "Health & Social Care in the Community"
    assert (got[3][1]["journal"] == "Proceedings of the CHI Conference"
            and got[3][1]["keywords"] == ("co-design", "care homes"))
    assert (got[4][1]["authors"] == ("Smith, Tom", "Steward, Hugo")
            and got[4][1]["abstract"] == "Abstract text")


def test_bibtex_article_numbers_place_an_article_without_pages() -> None:
    entries = [
        ("scopus", "art_number={1722034},"),
        ("acm", "articleno = {12},"),
        ("wos", "article-number = {e0250000},"),
        ("biblatex", "eid = {A21},"),
        ("pages-win", "pages = {11--19}, art_number = {5},"),
        ("scopus-record-id", "eid = {2-s2.0-85000000001},"),
    ]
    text = "\n".join(
        f"@article{{{key}, title={{{key}}}, author={{Lee, A.}}, year={{2021}}, {more}}}"
        for key, more in entries
    )
    _, records, _, _ = parse("table_zotero.bib", text.encode("utf-8"))
    assert {fields(r)["title"]: fields(r)["pages"] for r in records} == {
        "scopus": "1722034", "acm": "12", "wos": "e0250000", "biblatex": "A21",
        "pages-win": "11-19", "scopus-record-id": "",
    }


def test_bibtex_scopus_pubmed_id_abbreviation_type_and_wos_early_access() -> None:
    text = (
        "@ARTICLE{s1, title={Scopus}, author={Lee, A.}, year={2015}, journal={Expert Systems"
        " with Applications}, abbrev_source_title={Expert Sys Appl}, pubmed_id={25721275},"
        " document_type={Erratum}, source={Scopus}}\n"
        "@BOOK{s2, title={A chapter}, author={Lee, A.}, year={2015},"
        " document_type={Book Chapter}}\n"
        "@article{w1, title={Early access}, author={Lee, A.}, journal={J X},"
        " earlyaccessdate={FEB 2022}, journal-iso={J. X}, abbrev_source_title={Other}}\n"
        "@article{w2, title={Both}, author={Lee, A.}, year={2021}, earlyaccessdate={DEC 2020},"
        " pmid={1}, pubmed_id={2}}\n"
    )
    _, records, _, _ = parse("table_zotero.bib", text.encode("utf-8"))
    got = {fields(r)["title"]: fields(r) for r in records}
    scopus = got["Scopus"]
    assert (scopus["pmid"], scopus["journal_abbrev"], scopus["type"]) == (
        "25721275", "Expert Sys Appl", "Erratum")
    assert got["A chapter"]["type"] == "Book Chapter"
    assert (got["Early access"]["year"], got["Early access"]["journal_abbrev"]) == (2022, "J. X")
    assert (got["Both"]["year"], got["Both"]["pmid"], got["Both"]["type"]) == (2021, "1", "article")


def test_truncated_and_damaged_bibtex() -> None:
    _, records, skips, warnings = parse("table_truncated.bib")
    assert [r.key for r in records] == ["good1", "good2"]
    assert fields(records[0])["year"] == 2020  # the field after the damaged one is kept
    assert [s.line for s in skips] == [8, 17]
    assert "truncated" in skips[0].reason and "ends inside this entry" in skips[1].reason
    assert len(warnings) == 1 and warnings[0].startswith(
        "line 4: damaged BibTeX text skipped inside entry `good1`")


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\"o}ffentlich", "öffentlich"),
        (r"\"{u}ber", "über"),
        (r"Fran{\c c}ois", "François"),
        (r"S\~{a}o Paulo", "São Paulo"),
        (r"Ir{\`e}ne", "Irène"),
        (r"Stra{\ss}e", "Straße"),
        (r"\'{\i}ndice", "índice"),
        (r"50\% \& 10\_3 \$5 \{x\}", "50% & 10_3 $5 {x}"),
        (r"a\textbackslash{}b", "a\\b"),
        (r"1--2 and a---b", "1–2 and a—b"),
        (r"\emph{Streptococcus} {DNA}", "Streptococcus DNA"),
        (r"non~breaking", "non breaking"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Smith, John", ["Smith, John"]),
        ("Griffin DK, Larkin DM, O'Connor RE.", ["Griffin DK", "Larkin DM", "O'Connor RE."]),
        ("Smith, J, Jones, K", ["Smith, J", "Jones, K"]),
        ("Yang, Z.; Jiang, B.", ["Yang, Z.", "Jiang, B."]),
        ("Yang, Z. and Jiang, B.", ["Yang, Z.", "Jiang, B."]),
        ("A Vicente|J Sanjuan", ["A Vicente", "J Sanjuan"]),
        ("", []),
    ],
)
def test_table_author_cells(cell: str, names: list[str]) -> None:
    assert tabular.split_authors(cell) == names


def test_parsing_is_deterministic() -> None:
    for path in sorted(EXPORTS.glob("table_*")):
        first = parse(path.name)
        second = parse(path.name)
        assert ([(r.line, r.key, fields(r)) for r in first[1]]
                == [(r.line, r.key, fields(r)) for r in second[1]])


def test_no_title_column_names_file_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    data = b"Name,Email,Phone\nAnn,ann@example.org,123\nBob,bob@example.org,456\n"
    doc = decode(path, data)
    with pytest.raises(ParseError) as err:
        list(formats.detect(doc).parse(doc))
    assert "people.csv" in err.value.message
    assert "columns found: `Name`, `Email`, `Phone`" in err.value.message


def test_no_title_column_via_cli_leaves_review_unchanged(review: Project, runner,
                                                         tmp_path: Path) -> None:
    bad = tmp_path / "people.csv"
    bad.write_bytes(b"Name,Email,Phone\nAnn,ann@example.org,123\nBob,bob@example.org,456\n")
    result = invoke(runner, review, "import", str(bad), "--source", "Scopus")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "people.csv" in result.output and "`Email`" in result.output
    assert not review.records_path.exists()


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"readme.txt": "hello"}, "is a zip archive but not an Excel workbook"),
        ({"xl/workbook.xml": "<workbook"}, "workbook index is not valid XML"),
        ({"xl/workbook.xml":
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'},
         "without any worksheet"),
        ({"xl/workbook.xml": "<workbook/>",
          "xl/worksheets/sheet1.xml": "<worksheet><sheetData><row>"},
         "a damaged workbook"),
    ],
)
def test_zip_that_is_not_a_workbook(tmp_path: Path, entries: dict[str, str], message: str) -> None:
    path = tmp_path / "export.xlsx"
    doc = decode(path, _zip(entries))
    with pytest.raises(ParseError) as err:
        list(formats.detect(doc).parse(doc))
    assert str(path) in err.value.message and message in err.value.message


def test_import_stage_records_spreadsheet_rows_and_report(review: Project) -> None:
    result = import_.run(review, [EXPORTS / "table_lens.xlsx", EXPORTS / "table_truncated.bib"],
                         "Lens", accept_losses=True)  # the BibTeX file has broken entries
    by_format = {r.format: r for r in result.files}
    assert (by_format["xlsx"].read, by_format["xlsx"].imported) == (1, 1)
    bib = by_format["bibtex"]
    assert (bib.read, bib.imported, [s["line"] for s in bib.skipped]) == (4, 2, [8, 17])
    assert bib.read == bib.imported + len(bib.skipped)
    records = {r.title: r for r in records_store.read(review)}
    origin = records["User-led evaluation in integrated care"].origins[0]
    assert (origin.key, origin.line) == ("000-463-679-101-319", 3)


def test_import_in_either_order_is_byte_identical(tmp_path: Path, runner) -> None:
    files = [EXPORTS / "table_scopus_new.csv", EXPORTS / "table_zotero.bib",
             EXPORTS / "table_endnote.xml", EXPORTS / "table_embase.xlsx"]
    snaps = []
    for name, order in (("a", files), ("b", files[::-1])):
        invoke(runner, None, "init", str(tmp_path / name))
        project = Project(tmp_path / name)
        for f in order:
            import_.run(project, [f], "Mixed")
        snaps.append(project.records_path.read_bytes())
    assert snaps[0] == snaps[1] and snaps[0].count(b"\n") == 8


# Round trip: what `review export records` writes, our own parsers read back unchanged.
ROUND_TRIP = ["table_zotero.bib", "table_scopus_new.csv", "table_endnote.xml", "table_wos_tab.txt",
              "table_cochrane.csv"]


def _essentials(title: str, authors: Any, year: Any,
                doi: str) -> tuple[str, tuple[str, ...], Any, str]:
    return (title, tuple(authors), year, doi)


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csv"])
def test_export_reimport_round_trip(review: Project, tmp_path: Path, fmt: str) -> None:
    import_.run(review, [EXPORTS / n for n in ROUND_TRIP], "Mixed")
    tricky = tmp_path / "tricky.csv"
    tricky.write_text(
        "Title,Authors,Year,DOI,Journal\n"
        '"Costs ~50% lower -- {braced} $5 & #1 under_score back\\slash",'
        '"Barnes and Noble Health Trust; Ng, A",2020,10.1000/ABC_1,J\n',
        encoding="utf-8",
    )
    import_.run(review, [tricky], "Tricky")
    records = records_store.read(review)
    want = sorted(_essentials(r.title, r.authors, r.year, r.doi) for r in records)
    text = export.run(review, "records", fmt).whole()
    path = tmp_path / f"out.{fmt}"
    _, module, items = import_.parse_file(path, text.encode("utf-8"))
    assert module.NAME == fmt
    got = []
    for item in items:
        assert isinstance(item, Parsed), item
        values = normalise.fields(item.fields)
        title = values["title"]
        if fmt == "csv" and title.startswith("'="):
            # Formula neutralisation is kept: the `=...` title comes back quoted, never run.
            assert title == "'=Integrated care boards: who decides?"
            title = title[1:]
        got.append(_essentials(title, values["authors"], values["year"], values["doi"]))
    assert sorted(got) == want
    assert ("Costs ~50% lower -- {braced} $5 & #1 under_score back\\slash",
            ("Barnes and Noble Health Trust", "Ng, A"), 2020, "10.1000/abc_1") in got



# Properties: hand-written readers against the standard library's writers.
_TEXT = st.text(
    alphabet=(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="=")
              | st.sampled_from(',;"\t\n\r|{}')),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6))
def test_csv_cells_survive_quoting_newlines_and_delimiters(rows: list[tuple[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["Title", "Abstract"])
    writer.writerows(rows)
    doc = decode(Path("t.csv"), buf.getvalue().encode("utf-8"))
    assert formats.detect(doc) is tabular
    got = [(normalise.clean(p.fields.get("title")), normalise.clean(p.fields.get("abstract")))
           for p in tabular.parse(doc) if isinstance(p, Parsed)]
    want = [(normalise.clean(t), normalise.clean(a)) for t, a in rows if t.strip() or a.strip()]
    assert got == want


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_bibtex_escaping_is_undone_by_the_reader(text: str) -> None:
    # Equal up to canonical equivalence: composing LaTeX accents normalises to NFC.
    nfc = unicodedata.normalize
    assert nfc("NFC", bibtex.latex_to_text(_bib_escape(text))) == nfc("NFC", text)


def test_legacy_8bit_csv_imports_with_a_warning_naming_the_encoding(
    review: Project, runner, tmp_path: Path
) -> None:
    path = tmp_path / "cinahl_legacy.csv"
    path.write_bytes("Title,Authors,Year\nCo-production in Malmö,\"Müller, J\",2020\n"
                     .encode("cp1252"))
    result = invoke(runner, review, "import", str(path), "--source", "CINAHL", "--json")
    assert result.exit_code == 0 and "Traceback" not in result.output
    [report] = records_store.read_report(review)
    assert report["format"] == "csv" and report["encoding"] == "cp1252"
    assert any("cp1252" in w for w in report["warnings"])
    [record] = records_store.read(review)
    assert record.title == "Co-production in Malmö" and record.authors == ("Müller, J",)
