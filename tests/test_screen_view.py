"""The full-screen view rendered into memory, and its key handling with fake keys."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from review_cli.model import Stage
from review_cli.stages.screen import Card, Session
from review_cli.ui.screen_view import ScreenUI, render

from .screen_helpers import make_project


def first_card(tmp_path: Path, stage: Stage = Stage.TITLE_ABSTRACT) -> Card:
    project = make_project(tmp_path / "p", n=6)
    cards: list[Card] = []
    Session(project, stage, "alice", clock=lambda: 0.0).run(lambda c: (cards.append(c), "q")[1])
    return cards[0]


def text_of(card: Card, height: int = 30, scroll: int = 0, width: int = 100) -> tuple[str, int]:
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    renderable, used = render(card, width, height, scroll, "", console)
    console.print(renderable)
    return console.export_text(), used


def test_card_shows_record_status_and_keys(tmp_path: Path) -> None:
    card = first_card(tmp_path)
    text, _ = text_of(card)
    r = card.record
    assert (r.title in text and "Author" in text and str(r.year) in text
            and "Journal of Things" in text)
    assert "Keywords: care; discharge" in text
    assert "0/6 screened" in text and "random order" in text
    assert "i include" in text and "q quit" in text and "x no report" not in text
    assert len(text.rstrip("\n").split("\n")) == 30  # exactly the terminal's height


def test_highlight_terms_are_styled(tmp_path: Path) -> None:
    card = first_card(tmp_path)
    console = Console(width=100, height=30, file=io.StringIO(), force_terminal=True,
                      color_system="standard")
    renderable, _ = render(card, 100, 30, 0, "", console)
    console.print(renderable)
    ansi = console.file.getvalue()  # type: ignore[attr-defined]
    word = "carers" if "carers" in card.record.abstract else "mice"
    colour = "32" if word == "carers" else "31"
    assert f"\x1b[1;{colour}m{word}" in ansi


def test_long_abstract_scrolls_and_clamps(tmp_path: Path) -> None:
    card = first_card(tmp_path)
    from dataclasses import replace

    long = replace(card, record=card.record._replace(
        abstract=" ".join(f"word{i}" for i in range(600))))
    top, _ = text_of(long, height=20)
    assert "word0 " in top and "(j/k)" in top
    lower, used = text_of(long, height=20, scroll=5)
    assert used == 5 and "word0 " not in lower
    _, clamped = text_of(long, height=20, scroll=10_000)
    assert 0 < clamped < 10_000


def test_overlays(tmp_path: Path) -> None:
    card = first_card(tmp_path)
    from dataclasses import replace

    criteria, _ = text_of(replace(card, mode="criteria"))
    assert "Adult unpaid carers" in criteria and "Animal studies" in criteria
    menu, _ = text_of(replace(card, mode="reason"))
    assert ("1    Wrong population (population)" in menu
            and "2    Wrong study design (design)" in menu)
    helptext, _ = text_of(replace(card, mode="help"))
    assert "undo your last decision" in helptext


def test_ui_scrolls_itself_and_returns_action_keys(tmp_path: Path) -> None:
    card = first_card(tmp_path)
    from dataclasses import replace

    keys = iter(["j", "down", "k", "i"])
    console = Console(width=100, height=30, file=io.StringIO())
    ui = ScreenUI(console, lambda: next(keys))
    assert ui.ask(card) == "i" and ui.draws == 4
    typed = iter(["h", "i", "x", "backspace", "!", "enter"])
    ui = ScreenUI(console, lambda: next(typed))
    assert ui.ask(replace(card, mode="note")) == "hi!"
    esc = iter(["esc"])
    assert ScreenUI(console, lambda: next(esc)).ask(replace(card, mode="reason")) == ""
    digit = iter(["2"])
    assert ScreenUI(console, lambda: next(digit)).ask(replace(card, mode="reason")) == "2"
    ctrl_c = iter(["ctrl-c"])
    assert ScreenUI(console, lambda: next(ctrl_c)).ask(card) == "q"


def test_full_text_card_says_whether_the_report_is_there(tmp_path: Path) -> None:
    from dataclasses import replace

    card = replace(first_card(tmp_path), stage=Stage.FULL_TEXT, report="fulltext/r0001.pdf")
    text, _ = text_of(card)
    assert "Report: fulltext/r0001.pdf (o opens it)" in text and "x no report" in text
    card = replace(card, report="", fulltext="https://doi.org/10.1000/x")
    text, _ = text_of(card)
    assert "Report: not in fulltext/ yet (https://doi.org/10.1000/x)" in text
    help_text, _ = text_of(replace(card, mode="help"), height=40)
    assert "open the report (fulltext/) in the system viewer" in help_text
