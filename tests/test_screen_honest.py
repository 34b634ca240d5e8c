"""What the screen says is so: the stopping line at 80 and 140 columns (all keys, estimates
that never exceed what is unscreened, rules that say what they need), the status of the
decision just made, maybes at the end, one session count, and why a record is shown."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from review_cli.model import Stage
from review_cli.stages.screen import Card, Outcome, Session, Settings, Snapshot, SyncEngine
from review_cli.stages.screen._engine import Engine
from review_cli.ui.screen_view import render

from .screen_helpers import make_project, relevant

SIZES = [(80, 24), (140, 40)]
KEYS = ("i include", "e exclude", "m maybe", "s skip", "u undo", "n note", "r reason",
        "c criteria", "? help", "q quit")


def screen_text(card: Card, width: int, height: int) -> str:
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    renderable, _ = render(card, width, height, 0, "", console)
    console.print(renderable)
    return console.export_text()


def run(project, answers: Callable[[list[Card]], str],
        engine: Callable[[Settings], Engine] = SyncEngine) -> tuple[list[Card], Outcome]:
    cards: list[Card] = []

    def ask(card: Card) -> str:
        cards.append(card)
        return answers(cards)

    outcome = Session(project, Stage.TITLE_ABSTRACT, "alice", engine=engine,
                      clock=lambda: 0.0).run(ask)
    return cards, outcome


class InOrder:
    """No model: the records in file order (the stopping rules do not depend on the ranker)."""

    def __init__(self, settings: Settings) -> None:
        self.n = len(settings.texts)

    def update(self, labels, in_order) -> None:  # type: ignore[no-untyped-def]
        pass

    def snapshot(self) -> Snapshot:
        return Snapshot(list(range(self.n)), [0.0] * self.n, False)

    def close(self) -> None:
        pass


def screened(n: int, includes: int = 12) -> Callable[[list[Card]], str]:
    def answer(cards: list[Card]) -> str:
        if len(cards) > n:
            return "q"
        return "i" if relevant(cards[-1].record.title) and len(cards) <= includes else "e"
    return answer


def footer(text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    return lines[-8:]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_key_and_every_rule_is_on_screen(tmp_path: Path, width: int, height: int) -> None:
    project = make_project(tmp_path / "p", n=400)
    cards, _ = run(project, screened(200), engine=InOrder)
    text = screen_text(cards[-1], width, height)
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == height and all(len(line) <= width for line in lines)
    for key in KEYS:  # at 80 columns `? help` and `q quit` were cut off
        assert key in text, (key, text)
    for rule in ("statistical", "knee", "heuristic"):
        line = next(x for x in lines if rule in x)
        # the verdict and the estimate are never what the width cuts
        assert re.search(rf"{rule} (no|STOP) · (~|≤)[\d,]+ relevant left", line), line
    if width >= 140:
        assert "…" not in "\n".join(footer(text))  # nothing cut at 140 columns


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_early_rules_say_what_they_need_and_no_estimate_exceeds_the_unscreened(
    tmp_path: Path, width: int, height: int
) -> None:
    project = make_project(tmp_path / "p", n=400)
    cards, _ = run(project, screened(6))
    text = screen_text(cards[-1], width, height)
    assert "knee no · estimate after 144 more decisions" in text  # not "~0 left"
    assert "statistical no · estimate after 94 more decisions" in text
    for card in cards:
        left = card.status.total - card.status.screened
        for v in card.status.stopping:
            assert v.remaining_estimate is None or v.remaining_estimate <= left
    for n in re.findall(r"[~≤]([\d,]+) relevant left", text):
        assert int(n.replace(",", "")) <= 400 - 6


class Behind:
    """A ranking engine whose snapshot is one decision behind, as under load."""

    def __init__(self, settings: Settings) -> None:
        self.inner = SyncEngine(settings)
        self.previous: Snapshot | None = None

    def update(self, labels, in_order) -> None:  # type: ignore[no-untyped-def]
        self.previous = self.inner.snapshot()
        self.inner.update(labels, in_order)

    def snapshot(self) -> Snapshot:
        return self.previous or self.inner.snapshot()

    def close(self) -> None:
        pass


def test_the_status_line_shows_the_decision_just_made_under_load(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=40)
    cards, _ = run(project, screened(5, includes=0), engine=Behind)
    last = cards[-1]
    heuristic = next(v for v in last.status.stopping if v.rule == "heuristic")
    assert last.status.screened == 5 and heuristic.detail.startswith("5 irrelevant in a row")
    text = screen_text(last, 80, 24)
    assert "5/40 screened" in text and "5 irrelevant in a row" in text


def test_a_maybe_as_the_last_decision_is_not_all_screened(tmp_path: Path, runner,
                                                          monkeypatch) -> None:
    from review_cli.stages import screen as stage_mod
    from review_cli.ui import console

    project = make_project(tmp_path / "p", n=3)
    answers = iter(["i", "e", "m"])
    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr("review_cli.ui.screen_view.run",
                        lambda _out, loop: loop(lambda card: next(answers, "q")))
    from .conftest import invoke

    result = invoke(runner, project, "screen", "-r", "alice")
    assert result.exit_code == 0, result.output
    assert "All records screened" not in result.stderr
    assert "1 is a maybe and waits for a final one: `review screen --maybe`" in result.stderr
    answers = iter(["e"])
    again = invoke(runner, project, "screen", "-r", "alice", "--maybe")
    assert "All your maybes are decided." in again.stderr
    assert stage_mod.ending(Outcome(finished=True)) == "All records screened."


def test_session_count_on_screen_equals_the_final_message(tmp_path: Path, runner,
                                                          monkeypatch) -> None:
    from review_cli.ui import console

    project = make_project(tmp_path / "p", n=12)
    keys = iter(["i", "e", "i", "u", "e", "u", "u", "m", "q"])
    seen: list[Card] = []

    def ask(card: Card) -> str:
        seen.append(card)
        return next(keys)

    monkeypatch.setattr(console, "interactive", lambda: True)
    monkeypatch.setattr("review_cli.ui.screen_view.run", lambda _out, loop: loop(ask))
    from .conftest import invoke

    result = invoke(runner, project, "screen", "-r", "alice")
    assert result.exit_code == 0, result.output
    on_screen = seen[-1].status.session
    assert on_screen == 2  # i, e, i, -i, e, -e, -e, m: include and maybe remain
    assert f"alice: {on_screen} decision(s) this session (3 undone)" in result.stderr
    assert f"this session {on_screen}" in screen_text(seen[-1], 80, 24)


def test_the_header_says_why_an_unranked_record_is_shown(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=40)
    answers = iter(["i", "e", "i", "e", "u", "q"])
    cards, _ = run(project, lambda c: next(answers))
    assert cards[2].rank is not None  # the model ranks after one include and one exclude
    back = cards[-1]
    assert back.rank is None and back.record.id == cards[3].record.id
    text = screen_text(back, 80, 24)
    assert "back after undo" in text and "random order" not in text
    assert back.status.ranking == "model"
    resumed, _ = run(project, lambda c: "q")
    assert "resumed where you stopped" in screen_text(resumed[0], 80, 24)


@pytest.mark.slow
@pytest.mark.skipif(__import__("sys").platform == "win32", reason="needs a POSIX pty")
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_real_screen_in_a_terminal_shows_every_key(tmp_path: Path, width: int,
                                                       height: int) -> None:
    import fcntl
    import os
    import pty
    import select
    import struct
    import sys
    import termios
    import time

    project = make_project(tmp_path / "p", n=12)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS=str(width), LINES=str(height))
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(project.root)
        os.execve(sys.executable, [sys.executable, "-m", "review_cli", "screen", "-r", "alice"],
                  env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    seen = b""

    def wait_for(pattern: bytes) -> str:
        nonlocal seen
        start, end = len(seen), time.monotonic() + 20
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                plain = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", seen[start:])
                if re.search(pattern, plain, re.S):
                    return plain.decode("utf-8", "replace")
        raise AssertionError(seen[-2000:])

    try:
        first = wait_for(rb"q quit")
        assert "? help" in first and "stop?" in first
        os.write(fd, b"i")
        wait_for(rb"Saved: include.*q quit")
        os.write(fd, b"e")
        after = wait_for(rb"Saved: exclude.*this session 2.*q quit")
        assert "heuristic" in after
        os.write(fd, b"q")
        wait_for(rb"2 decision\(s\) this session; 2/12 screened")
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


def test_the_end_message_counts_maybes_in_words_that_agree() -> None:
    from review_cli.stages.screen import Outcome, ending

    one = ending(Outcome(finished=True, maybe=1))
    two = ending(Outcome(finished=True, maybe=2))
    assert "but 1 is a maybe and waits for a final one" in one
    assert "but 2 are maybes and wait for a final one" in two
