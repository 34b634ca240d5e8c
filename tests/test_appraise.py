"""Appraisal: instruments as data files, the one-question-at-a-time session (every answer on
disk before the next question), resuming, the overall rule, and answers given without the
screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.errors import ProtocolError, ReviewError
from review_cli.instruments import find, load, shipped
from review_cli.project import Project
from review_cli.stages import appraise
from review_cli.stages.appraise import Action, Question

from .conftest import invoke, snapshot
from .extract_helpers import make_review


@pytest.fixture
def review(tmp_path: Path) -> Project:
    return make_review(tmp_path / "rev")


def test_the_shipped_instruments_name_source_licence_and_form() -> None:
    assert set(shipped()) == {"casp-qualitative", "jbi-qualitative", "mmat-2018"}
    for tool in shipped():
        inst = find(tool)
        assert inst.source and inst.licence and inst.url.startswith("http") and inst.rule
        assert len({i.id for i in inst.items}) == len(inst.items)
    assert len(find("casp-qualitative").items) == 10 and len(find("jbi-qualitative").items) == 10
    mmat = find("mmat-2018")
    assert [i.id for i in mmat.applicable("qualitative")] == ["s1", "s2", "1.1", "1.2", "1.3",
                                                              "1.4", "1.5"]
    assert len(mmat.applicable("mixed-descriptive")) == 17
    assert mmat.questions(None) == ["design", "overall"]


def test_the_overall_rule_is_computed_as_stated() -> None:
    casp = find("casp-qualitative")
    yes = {f"q{i}": "yes" for i in range(1, 11)}
    assert casp.suggest(yes) == "high"
    assert casp.suggest({**yes, "q5": "no"}) == "high"
    assert casp.suggest({**yes, "q5": "no", "q6": "cant-tell"}) == "moderate"
    assert casp.suggest({**yes, "q5": "no", "q6": "no", "q7": "no", "q8": "no"}) == "low"
    assert casp.suggest({**yes, "q2": "cant-tell"}) == "low"  # a screening question
    assert casp.suggest({"q1": "yes"}) is None  # not every item answered yet
    mmat = find("mmat-2018")
    qual = {"design": "qualitative", "s1": "yes", "s2": "yes",
            **{f"1.{i}": "yes" for i in range(1, 6)}}
    assert mmat.suggest(qual) == "no-key-concerns"
    assert mmat.suggest({**qual, "1.3": "cant-tell"}) == "key-concerns"
    jbi = find("jbi-qualitative")
    all_yes = {f"q{i}": "yes" for i in range(1, 11)}
    assert jbi.suggest({**all_yes, "q6": "not-applicable", "q7": "unclear"}) == "include"


@pytest.mark.parametrize(("edit", "message"), [
    (('key = "c"', 'key = "b"'), "`answers[2].key` must be a single character other than"),
    (('value = "cant-tell"', 'value = "no"'), "`answers[2].value` must be unique"),
    (('critical = ["q1", "q2"]', 'critical = ["q1", "q99"]'), "`overall.critical`"),
    (('id = "casp-qualitative"', 'id = "CASP qualitative"'), "`id` must be a name"),
    (('label = "Aims clearly stated"', 'lable = "Aims clearly stated"'),
     "unknown key `items[0].lable`"),
], ids=["control-key", "repeated-value", "critical", "id", "misspelt-key"])
def test_a_broken_instrument_file_names_the_key_and_line(tmp_path: Path, edit: tuple[str, str],
                                                          message: str) -> None:
    text = shipped()["casp-qualitative"].read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "ours.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(ProtocolError) as e:
        load(path)
    assert message in e.value.message and "ours.toml" in e.value.message
    if "critical" not in edit[0] and "id =" not in edit[0]:
        lines = path.read_text(encoding="utf-8").split("\n")
        line = len(lines) - lines[::-1].index(edit[1])  # the edited line: the last one like it
        assert f"ours.toml:{line}:" in e.value.message


class Person:
    """Plays a reviewer at the screen, checking that each answer was on disk before the next
    question appeared."""

    def __init__(self, project: Project, actions: list[Action]) -> None:
        self.project, self.actions, self.seen = project, list(actions), []  # type: ignore[var-annotated]
        self.log = project.appraisal_log_path("casp-qualitative", "reviewer1")

    def __call__(self, q: Question) -> Action:
        lines = self.log.read_text(encoding="utf-8").splitlines() if self.log.exists() else []
        self.seen.append((q.question, len(lines), q.message, q.suggested))
        return self.actions.pop(0) if self.actions else Action("quit")


def test_every_answer_is_on_disk_before_the_next_question(review: Project) -> None:
    a = Action
    person = Person(review, [
        a("answer", "yes"), a("comment", "aims in the abstract only"), a("answer", "yes"),
        a("back"), a("answer", "no"), a("keep"), a("answer", "maybe-not"),
        *[a("answer", "yes")] * 8, a("keep"), a("answer", "moderate"),
    ])
    session = appraise.run(review, "s0001", "reviewer1", "casp-qualitative", person)
    assert session.completed == ["s0001"] and not session.stopped
    asked = [(q, n) for q, n, _, _ in person.seen]
    assert asked[:7] == [("q1", 0), ("q2", 1), ("q2", 1), ("q3", 2), ("q2", 2), ("q3", 3),
                         ("q3", 3)]
    assert person.seen[6][2].startswith("No answer yet")
    assert person.seen[7][2] == "Not an answer to this question."
    overall = [s for s in person.seen if s[0] == "overall"]
    assert overall[0][3] == "low" and overall[1][2].startswith("No answer yet")
    lines = [json.loads(x) for x in person.log.read_text(encoding="utf-8").splitlines()]
    assert [(x["item"], x["answer"]) for x in lines[:3]] == [
        ("q1", "yes"), ("q2", "yes"), ("q2", "no")]
    assert lines[1]["comment"] == "aims in the abstract only" == lines[2]["comment"]
    # q2 (a screening question) is no: the rule says low; the reviewer judged otherwise.
    assert lines[-1]["item"] == "overall" and lines[-1]["answer"] == "moderate"


def test_quit_and_resume_at_the_first_question_not_answered(review: Project) -> None:
    first = Person(review, [Action("answer", "yes")] * 3 + [Action("quit")])
    session = appraise.run(review, None, "reviewer1", "casp-qualitative", first)
    assert session.stopped and session.answered == 3 and session.remaining == 3
    # Without an id: the studies not finished, in order (Lindqvist 2016 first).
    assert first.seen[0][0] == "q1"
    again = Person(review, [Action("quit")])
    appraise.run(review, None, "reviewer1", "casp-qualitative", again)
    assert again.seen[0][:2] == ("q4", 3)


def test_mmat_asks_the_design_first_and_then_its_items(review: Project) -> None:
    seen: list[str] = []

    def ask(q: Question) -> Action:
        seen.append(q.question)
        if q.question == "design":
            return Action("answer", "qualitative")
        return Action("answer", q.suggested or "yes")

    appraise.run(review, "s0002", "reviewer1", "mmat-2018", ask)
    assert seen == ["design", "s1", "s2", "1.1", "1.2", "1.3", "1.4", "1.5", "overall"]


def test_answers_without_the_screen_are_checked_first(runner, review: Project) -> None:
    before = snapshot(review)
    bad = invoke(runner, review, "appraise", "s0001", "--reviewer", "reviewer1", "--set",
                 "q1=yes", "--set", "q11=yes", "--set", "q2=perhaps", "--comment", "q3=x")
    assert bad.exit_code == 1 and "3 problem(s); nothing was recorded" in bad.output
    assert "`q11` is not a question of casp-qualitative" in bad.output
    assert "`q2=perhaps`: the answers are yes, no, cant-tell" in bad.output
    assert snapshot(review) == before
    screen = invoke(runner, review, "appraise", "s0001", "--reviewer", "reviewer1")
    assert screen.exit_code == 1 and "needs a terminal" in screen.output
    no_tool = invoke(runner, review, "appraise", "compare", "--tool", "nope")
    assert no_tool.exit_code == 1 and "no appraisal instrument `nope`" in no_tool.output
    with pytest.raises(ReviewError, match="not an included study"):
        appraise.set_answers(review, "s0004", "reviewer1", None, {"q1": "yes"})
