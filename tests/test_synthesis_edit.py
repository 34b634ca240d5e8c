"""Starting and editing the synthesis: concepts seeded from the extraction's quotations, every
file edited as text (`$EDITOR`, `--print`/`--from`) or in the workbook, nothing saved when a
value is wrong, and the files written canonically."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.project import Project
from review_cli.stages import synthesis
from review_cli.store import matrix as matrix_store

from .conftest import invoke, snapshot
from .synthesis_helpers import appraised, extracted, make_review, write_synthesis


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("edit") / "rev"
    project = make_review(root)
    extracted(project)
    appraised(project)
    return root


@pytest.fixture
def review(base: Path, tmp_path: Path) -> Project:
    shutil.copytree(base, tmp_path / "rev")
    return Project(tmp_path / "rev")


def _lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_seed_makes_a_concept_of_every_quotation_once(review: Project, runner) -> None:
    done = invoke(runner, review, "synthesis", "seed", "--json")
    assert done.exit_code == 0, done.output
    concepts = _lines(review.concepts_path)
    assert [(c["id"], c["study"], c["order"]) for c in concepts] == [
        ("lindqvist2016-1", "s0002", "first-order"), ("mbeki2021-1", "s0003", "first-order"),
        ("okafor2019-1", "s0001", "first-order"), ("okafor2019-2", "s0001", "second-order")]
    assert concepts[2]["text"] == "We were listened to." and concepts[2]["page"] == "4"
    before = review.concepts_path.read_bytes()
    again = invoke(runner, review, "synthesis", "seed", "--json")
    assert json.loads(again.stdout)["added"] == [] and review.concepts_path.read_bytes() == before
    assert "synthesis" in json.loads(review.lock_path.read_text(encoding="utf-8"))["stages"]


def test_every_file_round_trips_through_its_text(review: Project, runner) -> None:
    write_synthesis(review)
    for kind in synthesis.KINDS:
        if kind == "line-of-argument":
            continue
        before = snapshot(review)
        text = invoke(runner, review, "synthesis", "edit", kind, "--print").stdout
        (review.root.parent / f"{kind}.txt").write_text(text, encoding="utf-8")
        done = invoke(runner, review, "synthesis", "edit", kind, "--from",
                      str(review.root.parent / f"{kind}.txt"))
        assert done.exit_code == 0, done.output
        # Saved canonically (sorted, fixed keys): what it says is unchanged.
        after = synthesis.inputs(review)
        assert after == synthesis.inputs(Project(review.root))
        assert set(snapshot(review)) == set(before)
    write_synthesis(review)
    result = synthesis.check(review)
    assert result.ok


def test_a_wrong_value_names_its_line_and_saves_nothing(review: Project, runner) -> None:
    write_synthesis(review)
    text = invoke(runner, review, "synthesis", "edit", "matrix", "--print").stdout
    bad = text.replace("relation: absent", "relation: absnt", 1)
    line = bad.split("\n").index("relation: absnt") + 1
    path = review.root.parent / "m.txt"
    path.write_text(bad, encoding="utf-8")
    before = snapshot(review)
    done = invoke(runner, review, "synthesis", "edit", "matrix", "--from", str(path))
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert f"m.txt:{line}: `relation`: `absnt` is not one of reciprocal, refutational, " \
           "absent" in done.output
    assert snapshot(review) == before


def test_the_editor_opens_again_with_the_errors_until_it_is_right(review: Project) -> None:
    write_synthesis(review)
    shown: list[str] = []

    def editor(text: str) -> str:
        shown.append(text)
        if len(shown) == 1:
            return text + "\n=== new\ndate: 1 July\nphase: 12\nwho: service user (2)\n"
        return text.replace("date: 1 July", "date: 2022-07-08").replace("phase: 12", "phase: 6")\
            + "changed: Nothing changed.\n"

    saved = synthesis.edit(review, "ppi", editor)
    assert saved.outcome == "saved" and saved.files == ["synthesis/ppi.jsonl"]
    assert shown[1].startswith("# ERROR: nothing was saved")
    assert "`date`: `1 July` is not YYYY-MM-DD" in shown[1]
    assert "`phase`: `12` is not a phase 1-7" in shown[1]
    rows = _lines(review.ppi_path)
    assert [(r["id"], r["date"], r["phase"]) for r in rows] == [("m1", "2022-07-01", 5),
                                                                ("m2", "2022-07-08", 6)]


def test_closing_the_editor_unchanged_or_empty_saves_nothing(review: Project) -> None:
    write_synthesis(review)
    before = snapshot(review)
    assert synthesis.edit(review, "cerqual", lambda t: t).outcome == "unchanged"
    assert synthesis.edit(review, "cerqual", lambda t: "# all gone\n").outcome == "empty"
    assert snapshot(review) == before


def test_a_new_concept_gets_the_next_id_of_its_study(review: Project) -> None:
    write_synthesis(review)
    text = synthesis.form_text(review, "concepts", "s0001")
    assert "okafor2019-1" in text and "lindqvist2016-1" not in text
    saved = synthesis.edit(review, "concepts", lambda t: t + (
        "\n=== new\norder: second-order\ntext:\n  The authors read it as trust.\n  Two lines.\n"),
        "s0001")
    assert saved.outcome == "saved"
    concepts = {c["id"]: c for c in _lines(review.concepts_path)}
    assert concepts["okafor2019-3"]["text"] == "The authors read it as trust.\nTwo lines."
    assert concepts["okafor2019-3"]["study"] == "s0001"
    assert "lindqvist2016-1" in concepts  # the other studies' concepts are kept


def test_a_new_matrix_row_starts_with_every_study(review: Project) -> None:
    text = synthesis.form_text(review, "matrix")
    assert "=== new" in text
    assert [line for line in text.split("\n") if line.startswith("--- ")] == [
        "--- Lindqvist 2016 (s0002)", "--- Okafor 2019 (s0001)", "--- Mbeki 2021 (s0003)"]


def test_the_line_of_argument_is_its_own_markdown(review: Project) -> None:
    write_synthesis(review)
    with pytest.raises(ReviewError, match="is not a link"):
        synthesis.edit(review, "line-of-argument",
                       lambda t: t + "t1 then t2\n" if "ERROR" not in t else t)
    saved = synthesis.edit(review, "line-of-argument", lambda t: t + "- t1 -> t2: returns to\n")
    assert saved.files == ["synthesis/line-of-argument.md"]
    assert review.line_of_argument_path.read_text(encoding="utf-8").endswith(
        "- t2 -> t1: gives weight to\n- t1 -> t2: returns to\n")


def test_the_workbook_round_trip(review: Project, runner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    write_synthesis(review)
    out = tmp_path / "synthesis.xlsx"
    assert invoke(runner, review, "synthesis", "export", "--out", str(out)).exit_code == 0
    first = invoke(runner, review, "synthesis", "import", str(out), "--json")
    # The helper's files are hand-written JSON: the first import writes them canonically.
    assert first.exit_code == 0 and len(json.loads(first.stdout)["files"]) == 4, first.output
    invoke(runner, review, "synthesis", "export", "--out", str(out))
    before = snapshot(review)
    same = invoke(runner, review, "synthesis", "import", str(out), "--json")
    assert same.exit_code == 0, same.output
    assert json.loads(same.stdout)["files"] == [] and snapshot(review) == before
    wb = load_workbook(out)
    sheet = wb["matrix"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["row", "label", "description"]
    assert header[3:] == ["Lindqvist 2016 (s0002)", "Okafor 2019 (s0001)", "Mbeki 2021 (s0003)"]
    assert sheet["E2"].value == "reciprocal: okafor2019-1"
    assert sheet["F2"].value == "refutational: mbeki2021-1\nnote: Trust never grew between " \
                                "the agencies."
    sheet["D3"].value = "reciprocal: lindqvist2016-1"
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(buf.getvalue())
    changed = invoke(runner, review, "synthesis", "import", str(out))
    assert changed.exit_code == 0, changed.output
    cell = matrix_store.read(review).cells_of("t2")["s0002"]
    assert (cell.relation, cell.concepts) == ("reciprocal", ("lindqvist2016-1",))
    assert snapshot(review).keys() == before.keys()


def test_a_bad_workbook_names_the_cells_and_saves_nothing(review: Project, runner,
                                                          tmp_path: Path) -> None:
    from openpyxl import load_workbook

    write_synthesis(review)
    out = tmp_path / "synthesis.xlsx"
    invoke(runner, review, "synthesis", "export", "--out", str(out))
    wb = load_workbook(out)
    wb["matrix"]["D3"].value = "maybe: lindqvist2016-1"
    wb["findings"]["E2"].value = "huge"
    wb["ppi"]["B2"].value = "July"
    buf = io.BytesIO()
    wb.save(buf)
    out.write_bytes(buf.getvalue())
    before = snapshot(review)
    done = invoke(runner, review, "synthesis", "import", str(out))
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert "matrix!D3: `maybe: lindqvist2016-1` does not start with a relation" in done.output
    assert "findings!E2: `limitations`: `huge` is not one of" in done.output
    assert "ppi!B2: `date`: `July` is not YYYY-MM-DD" in done.output
    assert snapshot(review) == before


def test_tables_in_every_format(review: Project, runner, tmp_path: Path) -> None:
    write_synthesis(review)
    soqf = invoke(runner, review, "synthesis", "table", "soqf")
    assert soqf.exit_code == 0, soqf.output
    assert soqf.stdout.splitlines()[2] == (
        "| f1 | Power was shared. | Okafor 2019; Lindqvist 2016; Mbeki 2021 | Moderate "
        "confidence | Moderate: minor concerns. |")
    matrix = invoke(runner, review, "synthesis", "table", "matrix")
    assert matrix.stdout.splitlines()[0] == "| Third-order concept | Lindqvist 2016 | Okafor 2019 "\
                                            "| Mbeki 2021 |"
    assert "| t1: Sharing power | reciprocal (1) | reciprocal (1) | refutational (1) |" \
           in matrix.stdout
    profile = invoke(runner, review, "synthesis", "table", "evidence-profile", "--format", "csv")
    assert "Minor concerns: methodological_limitations explained (Appraisal: High 3)" \
           in profile.stdout
    out = tmp_path / "m.xlsx"
    assert invoke(runner, review, "synthesis", "table", "matrix", "--format", "xlsx", "--out",
                  str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"PK")
    missing = invoke(runner, review, "synthesis", "table", "nothing")
    assert missing.exit_code == 2 or missing.exit_code == 1


def test_the_editor_needs_a_terminal(review: Project, runner) -> None:
    write_synthesis(review)
    done = invoke(runner, review, "synthesis", "edit", "matrix")
    assert done.exit_code == 1 and "needs a terminal" in done.output
    assert "review synthesis edit matrix --print > matrix.txt" in done.output
    wrong = invoke(runner, review, "synthesis", "edit", "themes", "--print")
    assert wrong.exit_code == 2 and "edit one of: concepts, matrix" in wrong.output


def test_a_cell_of_a_study_no_longer_included_is_named_not_dropped(review: Project,
                                                                   runner) -> None:
    write_synthesis(review)
    with review.matrix_path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"row": "t2", "study": "s0004", "relation": "absent",
                            "concepts": [], "note": ""}) + "\n")
    text = synthesis.form_text(review, "matrix")
    assert "--- s0004" in text
    path = review.root.parent / "m.txt"
    path.write_text(text, encoding="utf-8")
    done = invoke(runner, review, "synthesis", "edit", "matrix", "--from", str(path))
    assert done.exit_code == 1 and "`s0004` is not an included study" in done.output
    path.write_text(text.replace("--- s0004\nrelation: absent\nconcepts:\nnote:\n", ""),
                    encoding="utf-8")
    assert invoke(runner, review, "synthesis", "edit", "matrix", "--from",
                  str(path)).exit_code == 0
    assert "s0004" not in review.matrix_path.read_text(encoding="utf-8")
