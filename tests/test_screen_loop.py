"""The screening loop driven through an injected `ask`: no terminal involved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.model import Decision, Stage, Verdict
from review_cli.project import Project
from review_cli.stages.screen import Card, Session
from review_cli.stages.screen._engine import BackgroundEngine, Settings
from review_cli.store import decisions as dec
from review_cli.store.locking import reviewer_lock

from .screen_helpers import make_project, relevant

TA = Stage.TITLE_ABSTRACT


class Script:
    """An `ask` that answers from a list and keeps every card it was shown."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.cards: list[Card] = []

    def __call__(self, card: Card) -> str:
        self.cards.append(card)
        return self.answers.pop(0) if self.answers else "q"


class Clock:
    def __init__(self) -> None:
        self.t = 1_800_000_000.0

    def __call__(self) -> float:
        self.t += 5.0
        return self.t


def session(project: Project, reviewer: str = "alice",  # type: ignore[no-untyped-def]
            stage: Stage = TA, **kw) -> Session:
    return Session(project, stage, reviewer, clock=Clock(), **kw)


def lines(project: Project, reviewer: str = "alice", stage: Stage = TA) -> list[dict]:
    path = project.decisions_path(stage, reviewer)
    return [json.loads(x) for x in path.read_text().splitlines()]


def test_decisions_are_written_in_order_with_rank_and_time(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ask = Script("i", "e", "m", "q")
    outcome = session(project).run(ask)
    assert outcome.decided == 3 and not outcome.finished
    written = lines(project)
    assert [w["verdict"] for w in written] == ["include", "exclude", "maybe"]
    assert [w["record"] for w in written] == [c.record.id for c in ask.cards[:3]]
    assert all(w["reviewer"] == "alice" and w["stage"] == "title-abstract" for w in written)
    assert written[0]["time"] == "2027-01-15T08:00:10Z"
    # the status line counts what is in force
    assert ask.cards[3].status.screened == 3 and ask.cards[3].status.relevant == 1
    assert ask.cards[3].status.maybe == 1 and ask.cards[3].status.total == 12
    assert ask.cards[3].status.seconds_per_record == pytest.approx(5.0)
    # the protocol has a question: the records closest to it come first, not a model rank
    assert ask.cards[0].status.ranking == "protocol" and ask.cards[0].rank is None


def test_model_ranks_once_both_classes_are_labelled(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=40)
    # include what is relevant, exclude the rest, for 10 records (the first is excluded: the
    # protocol-started order puts only relevant records first here)
    cards: list[Card] = []

    def ask(card: Card) -> str:
        cards.append(card)
        if len(cards) > 10:
            return "q"
        if len(cards) == 1:
            assert card.status.ranking == "protocol" and relevant(card.record.title)
            return "e"
        return "i" if relevant(card.record.title) else "e"

    session(project).run(ask)
    last = cards[-1]
    assert last.status.ranking == "model" and last.rank == 1 and last.score is not None
    assert relevant(last.record.title)  # the model puts a relevant record first
    assert [v.rule for v in last.status.stopping] == ["statistical", "knee", "heuristic"]
    written = lines(project)
    ranked = [w for w in written if w["rank"] is not None]
    assert ranked and all(isinstance(w["score"], float) for w in ranked)


def test_undo_appends_a_line_and_shows_the_record_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ask = Script("i", "e", "u", "m", "q")
    session(project).run(ask)
    first, second, _third, again, after = ask.cards
    assert again.record.id == second.record.id
    assert again.previous is not None and again.previous.verdict == Verdict.EXCLUDE
    assert "Undone" in again.message
    assert after.record.id == _third.record.id  # the record on screen before undo comes back next
    written = lines(project)
    assert [w["verdict"] for w in written] == ["include", "exclude", "undo", "maybe"]
    assert written[2]["record"] == second.record.id
    latest = dec.latest(dec.read_log(project.decisions_path(TA, "alice")).decisions)
    assert latest[second.record.id].verdict == Verdict.MAYBE
    assert latest[first.record.id].verdict == Verdict.INCLUDE


def test_undo_twice_walks_back_and_nothing_to_undo(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ask = Script("i", "u", "u", "q")
    session(project).run(ask)
    assert ask.cards[2].record.id == ask.cards[0].record.id
    assert ask.cards[3].message == "Nothing to undo."
    assert dec.latest(dec.read_log(project.decisions_path(TA, "alice")).decisions) == {}


def test_reason_menu_note_skip_criteria_help(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ask = Script("n", "too small a sample", "r", "2", "s", "c", "x", "?", "z", "i", "q")
    session(project).run(ask)
    c = ask.cards
    assert c[1].mode == "note" and c[2].note == "too small a sample"
    assert c[3].mode == "reason" and [r.code for r in c[3].reasons] == ["population", "design"]
    assert c[4].message == "Saved: exclude (design)."
    skipped = c[4].record.id
    assert c[5].record.id != skipped and c[5].message.startswith("Skipped")
    assert (c[6].mode == "criteria"
            and c[6].criteria_include == ("Adult unpaid carers", "Hospital discharge"))
    assert c[7].mode == "decide"  # any key closes the overlay without acting
    assert c[8].mode == "help" and c[9].mode == "decide"
    written = lines(project)
    assert written[0]["verdict"] == "exclude" and written[0]["reason"] == "design"
    assert written[0]["note"] == "too small a sample"
    assert len(written) == 2
    assert written[1]["verdict"] == "include"


def test_skipped_record_comes_back_at_the_end(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=3)
    ask = Script("s", "i", "i", "e")
    outcome = session(project).run(ask)
    assert ask.cards[3].record.id == ask.cards[0].record.id
    assert outcome.finished and outcome.decided == 3


def test_records_outside_the_limits_are_never_shown(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=8, old=3)
    ask = Script(*["i"] * 10)
    outcome = session(project).run(ask)
    assert outcome.finished and outcome.decided == 5
    assert all(c.record.year and c.record.year >= 2000 for c in ask.cards)


def test_resume_shows_the_record_that_was_on_screen(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    first = Script("i", "e", "s")  # quits (no answers left) on the 4th card
    session(project).run(first)
    on_screen = first.cards[-1].record.id
    second = Script("q")
    session(project).run(second)
    assert second.cards[0].record.id == on_screen
    assert second.cards[0].status.screened == 2


def test_blinded_each_reviewer_sees_only_their_own_log(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", reviewers=("alice", "bob"))
    session(project, "alice").run(Script("i", "i", "i", "q"))
    bob = Script("q")
    session(project, "bob").run(bob)
    assert bob.cards[0].status.screened == 0 and bob.cards[0].previous is None
    assert not project.decisions_path(TA, "bob").exists()


def test_torn_last_line_is_reported_moved_aside_and_the_log_continues(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    session(project).run(Script("i", "q"))
    path = project.decisions_path(TA, "alice")
    path.write_bytes(path.read_bytes() + b'{"record":"r0003","verd')
    ask = Script("e", "q")
    s = session(project)
    outcome = s.run(ask)
    assert "screen/title-abstract/alice.jsonl:2: incomplete last line" in outcome.messages[0]
    assert "alice.jsonl:2" in ask.cards[0].message
    assert project.torn_path(TA, "alice").read_bytes() == b'{"record":"r0003","verd\n'
    assert [w["verdict"] for w in lines(project)] == ["include", "exclude"]


def test_second_session_for_the_same_reviewer_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    with reviewer_lock(project, TA, "alice"):
        with pytest.raises(ReviewError, match="already screening"):
            with reviewer_lock(project, TA, "alice"):
                pass
        with reviewer_lock(project, TA, "bob"):  # another reviewer is fine
            pass
    with reviewer_lock(project, TA, "alice"):  # released on exit
        pass


def test_full_text_requires_a_reason_and_offers_not_retrieved(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=4)
    for rid in ("r0000", "r0001"):
        dec.append(project, [Decision(rid, Verdict.INCLUDE, TA, "alice", "2026-01-01T00:00:00Z")])
    dec.append(project, [Decision("r0002", Verdict.EXCLUDE, TA, "alice", "2026-01-01T00:00:00Z")])
    project.fulltext_dir.mkdir(exist_ok=True)
    (project.fulltext_dir / "r0001.pdf").write_bytes(b"%PDF")
    ask = Script("e", "1", "x")
    outcome = session(project, stage=Stage.FULL_TEXT).run(ask)
    assert outcome.finished
    assert {c.record.id for c in ask.cards} == {"r0000", "r0001"}
    assert ask.cards[1].mode == "reason" and [r.code for r in ask.cards[1].reasons] == [
        "population", "design", "outcome"]
    by_id = {c.record.id: c for c in ask.cards}
    assert by_id["r0001"].fulltext == "fulltext/r0001.pdf"
    written = lines(project, stage=Stage.FULL_TEXT)
    assert [w["verdict"] for w in written] == ["exclude", "not-retrieved"]
    assert written[0]["reason"] == "population"


def test_the_open_key_opens_the_report_without_deciding(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=4)
    for rid in ("r0000", "r0001"):
        dec.append(project, [Decision(rid, Verdict.INCLUDE, TA, "alice", "2026-01-01T00:00:00Z")])
    (project.fulltext_dir / "r0001.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    opened: list[Path] = []

    def opener(path: Path) -> str:
        opened.append(path)
        return f"Opened {path.name}."

    ask = Script("o", "i", "o", "i")
    session(project, stage=Stage.FULL_TEXT, opener=opener).run(ask)
    first, second = ask.cards[0].record.id, ask.cards[2].record.id
    by_id = {c.record.id: c for c in ask.cards}
    assert by_id["r0001"].report == "fulltext/r0001.pdf" and by_id["r0000"].report == ""
    # `o` decides nothing: the same record comes back with what happened.
    assert ask.cards[1].record.id == first and ask.cards[3].record.id == second
    opened_card = ask.cards[1] if first == "r0001" else ask.cards[3]
    missing_card = ask.cards[3] if first == "r0001" else ask.cards[1]
    assert opened_card.message == "Opened r0001.pdf." and opened == [
        project.fulltext_dir / "r0001.pdf"]
    assert "review fulltext fetch" in missing_card.message
    assert [w["verdict"] for w in lines(project, stage=Stage.FULL_TEXT)] == ["include"] * 2
    # At title/abstract the key opens nothing.
    ask = Script("o", "q")
    session(project, opener=opener).run(ask)
    assert "full-text stage" in ask.cards[1].message and len(opened) == 1


def test_not_retrieved_is_refused_at_title_abstract(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ask = Script("x", "q")
    session(project).run(ask)
    assert ask.cards[1].message.startswith("'Not retrieved' is a full-text decision")
    assert not project.decisions_path(TA, "alice").exists()


def test_keys_come_from_the_protocol(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    text = (project.protocol_path.read_text()
            + '\n[screening.keys]\ninclude = "y"\nexclude = "N"\nnote = "t"\n')
    project.protocol_path.write_text(text)
    project = Project(project.root)
    ask = Script("y", "N", "i", "q")
    session(project).run(ask)
    assert [w["verdict"] for w in lines(project)] == ["include", "exclude"]
    assert "Unknown key 'i'" in ask.cards[3].message


def test_background_engine_gives_the_same_decisions_on_disk(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=30)

    def ask(card: Card) -> str:
        return "i" if relevant(card.record.title) else "e"

    outcome = session(project, engine=lambda s: BackgroundEngine(s, wait=1.0)).run(ask)
    assert outcome.finished and outcome.decided == 30
    latest = dec.latest(dec.read_log(project.decisions_path(TA, "alice")).decisions)
    assert len(latest) == 30
    assert sum(d.verdict == Verdict.INCLUDE for d in latest.values()) == 15


def test_engine_settings_are_the_protocols(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    seen: list[Settings] = []

    class Spy:
        def __init__(self, s: Settings) -> None:
            seen.append(s)
            from review_cli.stages.screen._engine import SyncEngine

            self.inner = SyncEngine(s)
            self.update, self.snapshot, self.close = (self.inner.update, self.inner.snapshot,
                                                      self.inner.close)

    session(project, engine=Spy).run(Script("q"))
    assert seen[0].seed == 7 and len(seen[0].texts) == 12


def test_background_engine_ranks_in_another_process(tmp_path: Path) -> None:
    import time

    project = make_project(tmp_path / "p", n=20)
    texts = [f"{t}" for t in ("carers discharge", "mice liver", "carers caregiver",
                              "quantum dots")] * 5
    engine = BackgroundEngine(Settings(texts, 7, "default", project=project), wait=0.0)
    try:
        first = engine.snapshot()
        assert first.training and sorted(first.order) == list(range(20))  # usable at once
        engine.update({0: 1, 1: 0}, [1, 0])
        deadline = time.monotonic() + 30
        while engine.snapshot().labels != 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        snap = engine.snapshot()
        assert not snap.random and not snap.training and snap.labels == 2
        assert (texts[snap.order[0]] == "carers caregiver"
                or texts[snap.order[0]] == "carers discharge")
        assert [v.rule for v in snap.stopping] == ["statistical", "knee", "heuristic"]
    finally:
        engine.close()
    assert not engine._proc.is_alive()


def test_maybe_mode_shows_only_your_maybes_again(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    first = Script("m", "i", "m", "e", "q")
    session(project).run(first)
    maybes = [first.cards[0].record.id, first.cards[2].record.id]
    again = Script("e", "s", "i")
    outcome = session(project, only_maybe=True).run(again)
    assert [c.record.id for c in again.cards] == [maybes[0], maybes[1], maybes[1]]
    assert again.cards[0].previous is not None and again.cards[0].previous.verdict == Verdict.MAYBE
    assert outcome.finished and outcome.decided == 2
    latest = dec.latest(dec.read_log(project.decisions_path(TA, "alice")).decisions)
    assert (latest[maybes[0]].verdict == Verdict.EXCLUDE
            and latest[maybes[1]].verdict == Verdict.INCLUDE)


def test_undo_lines_pop_the_latest_line_for_their_record() -> None:
    def d(rid: str, v: Verdict) -> Decision:
        return Decision(rid, v, TA, "alice", "2026-01-01T00:00:00Z")

    lines = [d("a", Verdict.INCLUDE), d("b", Verdict.EXCLUDE), d("a", Verdict.EXCLUDE),
             d("a", Verdict.UNDO), d("b", Verdict.UNDO), d("c", Verdict.MAYBE)]
    assert [(x.record, x.verdict) for x in dec.effective(lines)] == [
        ("a", Verdict.INCLUDE), ("c", Verdict.MAYBE)]
    assert {k: v.verdict for k, v in dec.latest(lines).items()} == {
        "a": Verdict.INCLUDE, "c": Verdict.MAYBE}
    assert dec.latest([d("x", Verdict.UNDO)]) == {}  # an undo with nothing to withdraw is harmless
