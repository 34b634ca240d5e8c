"""Extraction forms: declared in review.toml (or a form file it names), checked with errors that
name the key and its line; a study's form as text for $EDITOR, read back with problems that name
the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_cli.errors import ProtocolError
from review_cli.forms import Invalid, from_text, normal
from review_cli.project import Project
from review_cli.protocol import load_protocol
from review_cli.stages.extract import _text
from review_cli.stages.init import templates
from review_cli.stages.studies import Study, cohen_kappa, surname
from review_cli.store import extraction as store

FORM = """\
schema = 1

[review]
title = "T"

[[extraction.fields]]
name = "country"
type = "text"
required = true

[[extraction.fields]]
name = "design"
type = "choice"
choices = ["qualitative", "mixed"]

[[extraction.fields]]
name = "quotes"
type = "blocks"

[[extraction.fields.fields]]
name = "text"
type = "long-text"
required = true

[[extraction.fields.fields]]
name = "page"
type = "number"
"""
STUDY = Study("abc1234567", "Okafor 2019", "A title", ("Okafor, Nia",), 2019, "", "", ())


def _protocol(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "review.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message", "line"), [
    ('type = "choice"', 'type = "pick"', "`extraction.fields[1].type` must be one of", 13),
    ('name = "design"', 'name = "country"', "`extraction.fields[1].name` must be unique", 12),
    ('choices = ["qualitative", "mixed"]', "", "`extraction.fields[1].choices` must be a list",
     None),
    ('name = "page"\ntype = "number"', 'name = "page"\ntype = "blocks"',
     "`extraction.fields[2].fields[1].type` must be one of", 27),
    ('required = true\n\n[[extraction.fields]]\nname = "design"',
     'requird = true\n\n[[extraction.fields]]\nname = "design"',
     "unknown key `extraction.fields[0].requird`", 9),
], ids=["type", "duplicate", "no-choices", "nested-blocks", "misspelt"])
def test_a_bad_form_names_the_key_and_line(tmp_path: Path, old: str, new: str, message: str,
                                           line: int | None) -> None:
    assert old in FORM
    path = _protocol(tmp_path, FORM.replace(old, new))
    with pytest.raises(ProtocolError) as e:
        load_protocol(path)
    assert message in e.value.message
    if line is not None:
        assert e.value.message.startswith(f"review.toml:{line}:"), e.value.message


def test_a_form_file_named_by_the_protocol(tmp_path: Path) -> None:
    head, _, fields = FORM.partition("[[extraction.fields]]")
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / "qes.toml").write_text(
        "[[fields]]" + fields.replace("extraction.fields", "fields"), encoding="utf-8")
    form = load_protocol(_protocol(tmp_path, head + '[extraction]\nform = "forms/qes.toml"\n'))
    assert form.extraction is not None and form.extraction.names == ("country", "design",
                                                                     "quotes")
    assert form.extraction.source == "qes.toml"
    with pytest.raises(ProtocolError, match="does not exist"):
        load_protocol(_protocol(tmp_path, head + '[extraction]\nform = "forms/none.toml"\n'))


def test_the_templates_have_forms_and_an_instrument() -> None:
    qes = load_protocol(templates()["coproduction-integrated-care"])
    assert qes.extraction is not None and qes.appraisal.tool == "casp-qualitative"
    quotes = qes.extraction.field("quotations")
    assert quotes is not None and [f.name for f in quotes.fields] == ["text", "page",
                                                                      "participant", "order"]
    assert quotes.fields[3].options == ("first-order", "second-order")
    generic = load_protocol(templates()["generic"])
    assert generic.extraction is not None and len(generic.extraction.fields) >= 5


def test_text_round_trip_and_problems(tmp_path: Path) -> None:
    form = load_protocol(_protocol(tmp_path, FORM)).extraction
    assert form is not None
    values = {"country": "Wales", "design": "mixed",
              "quotes": [{"text": "Line one\nline two", "page": 12}, {"text": "Two"}]}
    text = _text.render(form, STUDY, "alice", values)
    assert _text.parse(form, text) == (values, [])
    assert _text.parse(form, _text.render(form, STUDY, "alice", {}))[0] == {}
    broken = text.replace("[x] mixed", "[x] mixed\n[x] qualitative").replace("12", "twelve")
    found, problems = _text.parse(form, broken)
    lines = broken.split("\n")
    assert [(p.line, p.field) for p in problems] == [
        (lines.index("[x] qualitative") + 1, "design"), (lines.index("twelve") + 1, "quotes")]
    again = _text.with_problems(broken, problems)
    shown = again.split("\n")
    assert shown[0].startswith("# ERROR: nothing was recorded")
    assert shown[1] == f"# ERROR: line {shown.index('[x] qualitative') + 1}, `design`: tick " \
        "one choice only for `design`"
    # A second round replaces the first round's errors, never stacks them.
    twice = _text.with_problems(again, problems)
    assert twice.count("# ERROR:") == 3 and _text.parse(form, twice)[1] == problems[:0] + [
        type(p)(p.line + 3 if p.line else None, p.field, p.message) for p in problems]
    assert _text.blank("# only comments\n\n")


def test_values_compare_as_reviewers_mean_them() -> None:
    qes = load_protocol(templates()["coproduction-integrated-care"]).extraction
    assert qes is not None
    aim, involved = qes.field("aim"), qes.field("involved")
    assert aim is not None and involved is not None
    assert normal(aim, "To  explore\nhow") == normal(aim, "to explore how")
    assert from_text(involved, "health staff; Service users") == ["service users", "health staff"]
    with pytest.raises(Invalid, match="not one of the choices of `involved`"):
        from_text(involved, "volunteers")
    n = qes.field("participants_n")
    assert n is not None and from_text(n, "1,024") == 1024 and from_text(n, "2.5") == 2.5
    assert surname("Okafor, Nia") == "Okafor" == surname("Okafor NA")
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None
    assert cohen_kappa([("y", "y"), ("y", "n"), ("n", "n"), ("n", "n")]) == pytest.approx(0.5)


def test_a_torn_extraction_line_is_reported_then_moved_aside(tmp_path: Path) -> None:
    from .extract_helpers import make_review

    project: Project = make_review(tmp_path / "rev")
    log = project.extraction_log_path("reviewer1")
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b'{"study":"s0001","field":"country","value":"Wales","reviewer":"reviewer1",'
                    b'"time":"2022-01-01T00:00:00Z","via":"set"}\n{"study":"s0001","fie')
    assert store.values(store.own_log(project, "reviewer1").entries) == {
        "s0001": {"country": "Wales"}}
    assert "incomplete last line" in store.torn_warnings(project)[0]
    from review_cli.stages import extract

    saved = extract.set_values(project, "s0002", "reviewer1", {"country": "Sweden"})
    assert "moved to extract/reviewer1.torn" in saved.repaired[0]
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2
    assert store.torn_warnings(project) == []


def test_stored_values_are_checked_against_the_form() -> None:
    from review_cli.forms import check, is_complete, show

    qes = load_protocol(templates()["coproduction-integrated-care"]).extraction
    assert qes is not None
    f = {name: qes.field(name) for name in ("involved", "participants_n", "quotations", "aim")}
    assert check(f["involved"], ["health staff", "service users"]) == ["service users",
                                                                       "health staff"]
    assert check(f["participants_n"], 12.0) == 12
    assert check(f["quotations"], [{"text": "x", "order": "first-order", "page": None}]) == [
        {"text": "x", "order": "first-order"}]
    for field_name, bad, message in (("involved", "staff", "a list of choices"),
                                     ("participants_n", "12", "must be text"),
                                     ("quotations", "x", "a list of blocks"),
                                     ("quotations", [{"nope": "x"}], "have no field `nope`"),
                                     ("aim", 5, "must be text")):
        field = f[field_name]
        assert field is not None
        if field_name == "participants_n":
            assert check(field, bad) == 12  # text that is a number is still a number
            continue
        with pytest.raises(Invalid, match=message):
            check(field, bad)
    assert show(f["quotations"], [{"text": "x"}]) == "1 block(s)"  # type: ignore[arg-type]
    full = {"aim": "a", "country": "c", "service": "s", "approach": "co-design",
            "involved": ["service users"], "methodology": "qualitative",
            "data_collection": ["interviews"], "key_findings": "k"}
    assert is_complete(qes, full)
    assert not is_complete(qes, {**full, "quotations": [{"page": "3"}]})  # no text, no order
    assert not is_complete(qes, {k: v for k, v in full.items() if k != "aim"})
