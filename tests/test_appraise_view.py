"""The appraisal screen and the extraction/appraisal tables, rendered into a string console;
the keys of the screen and the reconcile prompts, driven by injected input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from review_cli.instruments import find
from review_cli.stages import appraise, extract
from review_cli.stages.appraise import Action, Question
from review_cli.stages.studies import Study
from review_cli.store.appraisal import Answer
from review_cli.ui import appraise_view, extract_view

STUDY = Study("s0001", "Okafor 2019", "Co-designing a pathway", ("Okafor, Nia",), 2019, "", "",
              ("s0001",))


def _question(item: str = "q4", current: Answer | None = None, suggested: str | None = None
              ) -> Question:
    inst = find("casp-qualitative")
    count = len(inst.questions(None))
    position = inst.questions(None).index(item) + 1
    return Question(STUDY, inst, item, position, count, current, suggested, reviewer="alice")


def _text(renderable: object) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_the_question_screen_shows_what_a_reviewer_needs() -> None:
    shown = _text(appraise_view.render(_question("q4")))
    assert "review appraise · casp-qualitative · alice" in shown
    assert "Okafor 2019" in shown and "Question 4/11 · validity" in shown
    assert "q4  Recruitment appropriate" in shown and "y Yes" in shown and "b back" in shown
    overall = _text(appraise_view.render(_question("overall", suggested="moderate"),
                                         help_open=True))
    assert "The rule gives: Moderate   (Enter accepts)" in overall and "Rule: High:" in overall
    assert "Official form: https://casp-uk.net" in overall
    answered = Answer("s0001", "q4", "no", "alice", "t", "not described")
    again = _text(appraise_view.render(_question("q4", answered), typing="half"))
    assert "Your answer: No   comment: not described" in again and "Comment: half" in again


def _ui(keys: list[str]) -> appraise_view.AppraiseUI:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    feed = iter(keys)
    return appraise_view.AppraiseUI(console, lambda: next(feed))


@pytest.mark.parametrize(("keys", "question", "action"), [
    (["y"], "q4", Action("answer", "yes")),
    (["x", "c"], "q4", Action("answer", "cant-tell")),
    (["?", "?", "b"], "q4", Action("back")),
    (["enter"], "q4", Action("keep")),
    (["enter"], "overall", Action("answer", "moderate")),
    (["t", "o", "k", "x", "backspace", "enter"], "q4", Action("comment", "ok")),
    (["t", "a", "esc", "q"], "q4", Action("quit")),
    (["quit-eof"], "q4", Action("quit")),
    (["2"], "overall", Action("answer", "moderate")),
])
def test_keys_become_actions(keys: list[str], question: str, action: Action) -> None:
    q = _question(question, suggested="moderate" if question == "overall" else None)
    assert _ui(keys).ask(q) == action
    if keys[0] == "x":
        assert q.message == "`x` is not a key here."


def test_tables_and_reconcile_prompts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .extract_helpers import make_review

    project = make_review(tmp_path / "rev")
    inst = find("casp-qualitative")
    for name, answer in (("reviewer1", "yes"), ("reviewer2", "no")):
        appraise.set_answers(project, "s0001", name, None, {"q1": answer},
                             {"q1": "see p. 2"} if answer == "no" else None)
        extract.set_values(project, "s0001", name, {"country": "Wales" if answer == "yes"
                                                    else "England"})
    found = appraise.compare(project, None)
    appraise_view.render_disagreements(found, inst)
    appraise_view.render_agreement(appraise.agreement(project, None), inst)
    form = extract.form_of(project)
    extract_view.render_disagreements(extract.compare(project), form)
    extract_view.render_agreement(extract.agreement(project))
    shown = capsys.readouterr().out
    assert "1 disagreement(s), casp-qualitative" in shown and "No (see p. 2)" in shown
    assert "Agreement per question" in shown and "Agreement per field" in shown
    assert "Wales" in shown and "England" in shown
    replies = iter(["9", "2"])
    ask = appraise_view.prompt_disagreement(inst, lambda _p: next(replies))
    assert ask(found[0], 1, 1) == appraise.Resolution("s0001", "q1", "no", "reviewer2")
    assert appraise_view.prompt_disagreement(inst, lambda _p: "c")(found[0], 1, 1) == \
        appraise.Resolution("s0001", "q1", "cant-tell")
    assert appraise_view.prompt_disagreement(inst, lambda _p: "s")(found[0], 1, 1) == "skip"
    differ = extract.compare(project)[0]
    typed = iter(["w", "Scotland"])
    got = extract_view.prompt_disagreement(form, lambda _p: next(typed))(differ, 1, 1)
    assert got == extract.Resolution("s0001", "country", "Scotland")
    assert extract_view.prompt_disagreement(form, lambda _p: "q")(differ, 1, 1) is None
    assert extract_view.prompt_disagreement(form, lambda _p: "1")(differ, 1, 1) == \
        extract.Resolution("s0001", "country", "Wales", "reviewer1")
