"""After inclusion, through the command line: two reviewers extract (one in $EDITOR driven by a
stand-in editor script, one through the XLSX round trip), compare, reconcile, appraise with
CASP, agreement, tables; and bad input that names the file and the field, cell or line and
changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from review_cli.io import xlsx as stdlib_xlsx
from review_cli.project import Project

from .conftest import invoke, snapshot
from .extract_helpers import make_review, stand_in_editor

AIM_HELP = "# The study's aim or research question, close to the authors' words.\n"
FINDINGS_HELP = "# The authors' main findings (themes), in brief.\n"
SERVICE_HELP = ("# The integrated care service or pathway that was designed, redesigned or "
                "transformed.\n")
COUNTRY = "== country | Country | text, one line, required\n"
NUMBER = "== participants_n | Number of participants | number\n"
QUOTE = "-- text | Verbatim text | long text, required\n"

FIRST_ROUND = {  # what reviewer1 types in the editor, with one mistake
    AIM_HELP: AIM_HELP + "To explore how carers co-designed a discharge pathway.",
    COUNTRY: COUNTRY + "England",
    SERVICE_HELP: SERVICE_HELP + "An integrated discharge pathway",
    "[ ] co-design": "[x] co-design",
    "[ ] unpaid carers": "[x] unpaid carers",
    "[ ] health staff": "[x] health staff",
    NUMBER: NUMBER + "many",
    "[ ] qualitative": "[x] qualitative",
    "[ ] interviews": "[x] interviews",
    FINDINGS_HELP: FINDINGS_HELP + "Carers valued being equal partners.",
    QUOTE: QUOTE + "We were listened to, not just consulted.",
    "[ ] first-order": "[x] first-order",
}


@pytest.fixture
def review(tmp_path: Path) -> Project:
    return make_review(tmp_path / "rev")


def _lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _editor(monkeypatch: pytest.MonkeyPatch, folder: Path, rounds: list[dict[str, str]]) -> None:
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv("EDITOR", stand_in_editor(folder, rounds))
    monkeypatch.delenv("VISUAL", raising=False)
    # CliRunner's stdin is no terminal: say a person is there, as in a real terminal.
    monkeypatch.setattr("review_cli.ui.console.interactive", lambda: True)


def _fill(data: bytes, rows: dict[str, dict[str, object]], quotes: list[list[object]]) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb["extraction"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        for name, value in rows.get(str(row[0].value), {}).items():
            row[header.index(name)].value = value
    for q in quotes:
        wb["quotations"].append(q)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_whole_workflow_through_the_cli(runner, review: Project, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke(runner, review, "prisma").exit_code == 0
    # --- reviewer1 in $EDITOR: a mistake, the form opens again with the error, then fixed ---
    _editor(monkeypatch, tmp_path / "ed1", [FIRST_ROUND, {"\nmany\n": "\n24\n"}])
    done = invoke(runner, review, "extract", "s0001", "--reviewer", "reviewer1", "--json")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "ed1" / "editor-round").read_text() == "2"  # opened twice
    saved = json.loads(done.stdout)
    assert saved["outcome"] == "saved" and len(saved["changes"]) == 10
    log = _lines(review.extraction_log_path("reviewer1"))
    values = {x["field"]: x["value"] for x in log}
    assert values["participants_n"] == 24 and values["involved"] == ["unpaid carers",
                                                                     "health staff"]
    assert values["quotations"] == [{"text": "We were listened to, not just consulted.",
                                     "order": "first-order"}]
    assert {x["via"] for x in log} == {"editor"} and {x["reviewer"] for x in log} == {"reviewer1"}
    # Closing the editor without a change records nothing.
    _editor(monkeypatch, tmp_path / "ed2", [{}])
    again = invoke(runner, review, "extract", "s0001", "--reviewer", "reviewer1")
    assert again.exit_code == 0 and "nothing was recorded" in again.output
    assert len(_lines(review.extraction_log_path("reviewer1"))) == len(log)

    # --- reviewer2 through the spreadsheet ---
    book = tmp_path / "bob.xlsx"
    out = invoke(runner, review, "extract", "export", "--format", "xlsx", "--reviewer",
                 "reviewer2", "--out", str(book))
    assert out.exit_code == 0, out.output
    rows = {"s0001": {"aim": "To explore how carers co-designed a discharge pathway.",
                      "country": "Scotland", "service": "An integrated discharge pathway",
                      "approach": "co-design", "involved": "unpaid carers; health staff",
                      "participants_n": 24, "methodology": "qualitative",
                      "data_collection": "interviews", "key_findings": "Carers valued being "
                      "equal partners."},
            "s0002": {"aim": "To understand co-design.", "country": "Sweden",
                      "service": "A neighbourhood team", "approach": "experience-based co-design",
                      "involved": "service users", "methodology": "qualitative",
                      "data_collection": "focus groups; interviews", "key_findings": "Trust."}}
    quotes = [["s0001", "", "We were listened to, not just consulted.", "4", "unpaid carer",
               "first-order"]]
    book.write_bytes(_fill(book.read_bytes(), rows, quotes))
    imported = invoke(runner, review, "extract", "import", str(book), "--reviewer", "reviewer2")
    assert imported.exit_code == 0, imported.output
    assert "country: (empty) -> Scotland" in imported.output
    bob = {(x["study"], x["field"]): x["value"]
           for x in _lines(review.extraction_log_path("reviewer2"))}
    assert bob[("s0002", "data_collection")] == ["interviews", "focus groups"]  # form's order
    assert {x["via"] for x in _lines(review.extraction_log_path("reviewer2"))} == {"xlsx"}
    # Importing the same workbook again changes nothing.
    same = invoke(runner, review, "extract", "import", str(book), "--reviewer", "reviewer2")
    assert "0 value(s) recorded" in same.output

    # --- compare, reconcile, agreement ---
    found = json.loads(invoke(runner, review, "extract", "compare", "--json").stdout)
    assert {(d["study"], d["field"]) for d in found} == {("s0001", "country"),
                                                         ("s0001", "quotations")}
    typed = invoke(runner, review, "extract", "reconcile", "--study", "s0001", "--field",
                   "country", "--value", "England", "--reviewer", "reviewer1")
    assert typed.exit_code == 0, typed.output
    took = invoke(runner, review, "extract", "reconcile", "--take", "reviewer2", "--reviewer",
                  "reviewer1", "--json")
    assert took.exit_code == 0 and "0 disagreement(s) left" in took.output
    settled = _lines(review.extraction_reconciled_path)
    assert [(x["field"], x["via"], x["reviewer"]) for x in settled] == [
        ("country", "typed", "reviewer1"), ("quotations", "took reviewer2", "reviewer1")]
    agree = json.loads(invoke(runner, review, "extract", "agreement", "--json").stdout)
    country = next(a for a in agree if a["field"] == "country")
    assert (country["both"], country["agree"]) == (1, 0)
    assert next(a for a in agree if a["field"] == "approach")["agree"] == 1

    # --- appraisal with CASP, without the screen ---
    answers = [f"q{i}=yes" for i in range(1, 11)]
    for reviewer, q4 in (("reviewer1", "yes"), ("reviewer2", "cant-tell")):
        sets = [a for a in answers if not a.startswith("q4=")] + [f"q4={q4}", "overall=high"]
        done = invoke(runner, review, "appraise", "s0001", "--reviewer", reviewer,
                      *[x for a in sets for x in ("--set", a)],
                      "--comment", "q4=recruitment not described" if q4 != "yes" else "q1=ok")
        assert done.exit_code == 0, done.output
    diff = json.loads(invoke(runner, review, "appraise", "compare", "--json").stdout)
    assert [(d["item"], d["answers"]) for d in diff] == [
        ("q4", {"reviewer1": "yes", "reviewer2": "cant-tell"})]
    assert invoke(runner, review, "appraise", "reconcile", "--take", "reviewer2",
                  "--reviewer", "reviewer1").exit_code == 0
    kappa = json.loads(invoke(runner, review, "appraise", "agreement", "--json").stdout)
    assert next(k for k in kappa if k["item"] == "q4")["agree"] == 0

    # --- the tables ---
    md = invoke(runner, review, "export", "characteristics", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| Okafor 2019 | s0001 | To explore how carers" in md.stdout
    assert "| Lindqvist 2016 | s0002 |" in md.stdout and "Sweden" in md.stdout
    assert "not extracted yet: Mbeki 2021" in md.output  # a warning on stderr
    csv_out = invoke(runner, review, "export", "characteristics", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("Study,Study id,Aim,Country")
    table = invoke(runner, review, "export", "appraisal", "--format", "md")
    assert "| Okafor 2019 | s0001 | Yes | Yes | Yes | Can't tell |" in table.stdout
    assert "Overall quality: High:" in table.stdout
    for what in ("characteristics", "appraisal"):
        path = tmp_path / f"{what}.xlsx"
        assert invoke(runner, review, "export", what, "--format", "xlsx", "--out",
                      str(path)).exit_code == 0
        first = stdlib_xlsx.read_rows(path.read_bytes())  # another reader than openpyxl
        assert first[0][:2] == ["Study", "Study id"] and first[1][0] == "Lindqvist 2016"

    # --- status, audit; prisma unaffected ---
    status = json.loads(invoke(runner, review, "status", "--json").stdout)
    assert status["stages"]["extract"]["extracted by reviewer1"] == 1
    assert status["stages"]["extract"]["disagreements"] == 0
    assert status["stages"]["appraise casp-qualitative"]["appraised by reviewer2"] == 1
    audit = invoke(runner, review, "audit", "s0001")
    assert "reviewer2  country = \"Scotland\"  (xlsx)" in audit.stdout
    assert "casp-qualitative q4 = cant-tell  comment: recruitment not described" in audit.stdout
    assert invoke(runner, review, "prisma", "--check").exit_code == 0


def test_the_workbook_has_drop_downs_readers_see(runner, review: Project, tmp_path: Path) -> None:
    book = tmp_path / "x.xlsx"
    assert invoke(runner, review, "extract", "export", "--out", str(book)).exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(book)
    assert wb.sheetnames == ["extraction", "quotations", "guide", "lists"]
    assert wb["lists"].sheet_state == "hidden"
    ws = wb["extraction"]
    header = [c.value for c in ws[1]]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    approach = header.index("approach")
    col = "ABCDEFGHIJKLMNOP"[approach]
    dv = rules[f"{col}2:{col}1000"]
    assert dv.type == "list" and dv.formula1.startswith("lists!$")
    listed = [c.value for c in wb["lists"][dv.formula1.split("!")[1].replace("$", "")
                                           .split(":")[0][0]] if c.value]
    assert "experience-based co-design" in listed
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == ["s0002", "s0003", "s0001"]
    # The drop-downs are in the file itself (read without openpyxl).
    with zipfile.ZipFile(book) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<dataValidation ") >= 5 and 'type="list"' in sheet


def test_bad_workbooks_name_the_cell_and_change_nothing(runner, review: Project,
                                                      tmp_path: Path) -> None:
    book = tmp_path / "x.xlsx"
    invoke(runner, review, "extract", "export", "--out", str(book))
    blank = book.read_bytes()
    full = {"aim": "A", "country": "C", "service": "S", "approach": "co-design",
            "involved": "service users", "methodology": "qualitative",
            "data_collection": "interviews", "key_findings": "K"}
    before = snapshot(review)
    cases = [
        ({"s0001": {**full, "approach": "co-dezign"}}, [],
         "extraction!H4: `co-dezign` is not one of the choices of `approach`"),
        ({"s0001": {**full, "country": None}}, [], "extraction!E4: `country` is required"),
        ({"s0001": {**full, "participants_n": "lots"}}, [],
         "extraction!K4: `lots` is not a number"),
        ({}, [["zzzz999999", "", "Words", "1", "staff", "first-order"]],
         "quotations!A2: unknown study id `zzzz999999`"),
        ({}, [["s0001", "", "Words", "1", "staff", "third-order"]],
         "quotations!F2: `third-order` is not one of the choices"),
    ]
    for rows, quotes, message in cases:
        book.write_bytes(_fill(blank, rows, quotes))
        bad = invoke(runner, review, "extract", "import", str(book), "--reviewer", "reviewer1")
        assert bad.exit_code == 1 and "Traceback" not in bad.output, bad.output
        assert message in bad.output and "nothing was recorded" in bad.output, bad.output
        assert str(book) in bad.output
    # An unknown study id in the main sheet, and a workbook that is no workbook.
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(_fill(blank, {"s0001": full}, [])))
    wb["extraction"]["A4"] = "nope"
    wb.save(book)
    bad = invoke(runner, review, "extract", "import", str(book), "--reviewer", "reviewer1")
    assert "extraction!A4: unknown study id `nope` (not an included study)" in bad.output
    book.write_text("study,aim\n", encoding="utf-8")
    bad = invoke(runner, review, "extract", "import", str(book), "--reviewer", "reviewer1")
    assert bad.exit_code == 1 and "is not an .xlsx workbook" in bad.output
    assert snapshot(review) == before


def test_a_form_edited_into_invalid_syntax_names_the_line_and_changes_nothing(
        runner, review: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    form = invoke(runner, review, "extract", "s0002", "--reviewer", "reviewer1", "--print")
    assert form.exit_code == 0 and form.stdout.startswith("# Extraction form: Lindqvist 2016")
    text = form.stdout.replace(COUNTRY, "== countyr | Country\nSweden\n")
    text = text.replace("[ ] co-design", "[x] co-design").replace("[ ] co-creation",
                                                                  "[x] co-creation")
    path = tmp_path / "form.txt"
    path.write_text("stray words\n" + text, encoding="utf-8")
    before = snapshot(review)
    bad = invoke(runner, review, "extract", "s0002", "--reviewer", "reviewer1", "--from",
                 str(path))
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    lines = path.read_text(encoding="utf-8").split("\n")
    heading = lines.index("== countyr | Country") + 1
    tick = lines.index("[x] co-creation") + 1
    assert f"{path}:1: text outside any field" in bad.output
    assert f"{path}:{heading}: unknown field `countyr` (did you mean `country`?)" in bad.output
    assert f"{path}:{tick}: `approach`: tick one choice only" in bad.output
    assert "`aim`: required" in bad.output
    # In the editor: the errors come back at the top of the file; saving it unchanged gives up.
    _editor(monkeypatch, tmp_path / "ed", [{COUNTRY: COUNTRY + "Sweden\nNorway"}, {}])
    gave_up = invoke(runner, review, "extract", "s0002", "--reviewer", "reviewer1")
    assert gave_up.exit_code == 1 and "still has" in gave_up.output
    assert "`country`: `country` takes one line" in gave_up.output
    assert snapshot(review) == before


def test_an_instrument_with_a_duplicate_question_id_is_refused(runner, review: Project,
                                                             tmp_path: Path) -> None:
    from review_cli.instruments import shipped

    text = shipped()["casp-qualitative"].read_text(encoding="utf-8")
    bad = tmp_path / "ours.toml"
    bad.write_text(text.replace('id = "q7"', 'id = "q6"'), encoding="utf-8")
    line = bad.read_text(encoding="utf-8").split("\n").index('id = "q6"', text.split(
        "\n").index('id = "q6"') + 1) + 1
    before = snapshot(review)
    out = invoke(runner, review, "appraise", "s0001", "--reviewer", "reviewer1", "--tool",
                 str(bad), "--set", "q1=yes")
    assert out.exit_code == 1 and "Traceback" not in out.output
    assert f"ours.toml:{line}: duplicate question id `q6` in `items[6].id`" in out.output
    assert snapshot(review) == before
