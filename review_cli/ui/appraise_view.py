"""The appraisal screen (one question at a time, single keys) and the appraisal tables.

`render(question)` is a pure function from a `Question` to a rich renderable; `AppraiseUI.ask`
is the `ask` the session loop calls: it draws the question, reads keys and returns the action.
Every answer is on disk before the loop asks the next question (stages/appraise).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from review_cli.instruments import CONTROL_KEYS, DESIGN, OVERALL, Instrument
from review_cli.stages.appraise import (
    Action,
    Disagreement,
    ItemAgreement,
    Question,
    Resolution,
)
from review_cli.ui.console import err, out
from review_cli.ui.screen_view import Keyboard


def _section(inst: Instrument, q: str) -> str:
    item = inst.item(q)
    return item.section if item and item.section else ""


def render(q: Question, typing: str | None = None, help_open: bool = False) -> RenderableType:
    inst = q.instrument
    head = Text.assemble(
        (f" review appraise · {inst.id} · {q.reviewer} ", "bold reverse"),
        "  ", (f"{q.studies_left} more stud{'y' if q.studies_left == 1 else 'ies'} after this"
               if q.studies_left else "", "dim"),
    )
    parts: list[RenderableType] = [
        head, Text(""), Text.assemble((q.study.label, "bold"), "  ", (q.study.id, "dim")),
        Text(q.study.title), Text(""),
        Rule(f"Question {q.position}/{q.count}"
             + (f" · {_section(inst, q.question)}" if _section(inst, q.question) else ""),
             align="left", style="dim"),
    ]
    item = inst.item(q.question)
    parts.append(Text.assemble(((q.question + "  ") if item else "", "bold cyan"),
                               (inst.label_of(q.question), "bold")))
    if item and item.help:
        parts.append(Text(item.help, "dim"))
    if q.question == OVERALL:
        parts.append(Text(f"Rule: {inst.rule}", "dim"))
        if q.suggested:
            parts.append(Text.assemble("The rule gives: ", (inst.answer_label(OVERALL, q.suggested),
                                                            "bold green"),
                                       ("   (Enter accepts)" if q.current is None else "", "dim")))
    parts.append(Text(""))
    if q.current is not None:
        label = inst.answer_label(q.question, q.current.answer)
        parts.append(Text.assemble("Your answer: ", (label, "bold yellow"),
                                   f"   comment: {q.current.comment}" if q.current.comment else "",
                                   ("   (Enter keeps it)", "dim")))
    if q.comment:
        parts.append(Text(f"Comment to save with your answer: {q.comment}", "magenta"))
    keys: list[str | tuple[str, str]] = []
    for c in inst.choices(q.question):
        keys += [(c.key, "bold reverse"), f" {c.label}   "]
    keys += ["   "]
    for key, label in CONTROL_KEYS.items():
        keys += [(key, "bold reverse"), f" {label}  "]
    keys += [("Enter", "bold reverse"), " keep"]
    parts += [Rule(style="dim"), Text.assemble(*keys)]
    if typing is not None:
        parts.append(Text.assemble(("Comment: ", "bold magenta"), typing, ("█", "blink"),
                                   ("   Enter saves, Esc cancels", "dim")))
    else:
        parts.append(Text(q.message, "yellow"))
    if help_open:
        parts += [Text(""), Text(f"{inst.name} ({inst.version}). {inst.source}", "dim"),
                  Text(f"Official form: {inst.url}", "dim"), Text(inst.licence, "dim")]
        if q.question == DESIGN:
            parts.append(Text("The design decides which items follow.", "dim"))
    return Group(*parts)


@dataclass
class AppraiseUI:
    """The `ask` of the appraisal session on a real terminal."""

    console: Console
    read_key: Callable[[], str]

    def draw(self, q: Question, typing: str | None = None, help_open: bool = False) -> None:
        self.console.clear()
        self.console.print(render(q, typing, help_open))

    def ask(self, q: Question) -> Action:
        keys = {c.key: c.value for c in q.instrument.choices(q.question)}
        help_open = False
        while True:
            self.draw(q, help_open=help_open)
            key = self.read_key()
            if key in ("q", "ctrl-c", "quit-eof"):
                return Action("quit")
            if key in keys:
                return Action("answer", keys[key])
            if key in ("b", "backspace"):
                return Action("back")
            if key == "enter":
                if q.current is None and q.suggested:
                    return Action("answer", q.suggested)
                return Action("keep")
            if key == "?":
                help_open = not help_open
                continue
            if key == "t":
                text = self._line(q)
                if text:
                    return Action("comment", text)
                continue
            q.message = f"`{key}` is not a key here."

    def _line(self, q: Question) -> str:
        typed = ""
        while True:
            self.draw(q, typing=typed)
            key = self.read_key()
            if key == "enter":
                return typed.strip()
            if key in ("esc", "ctrl-c", "quit-eof"):
                return ""
            if key == "backspace":
                typed = typed[:-1]
            elif len(key) == 1 and key.isprintable():
                typed += key


def run(loop: Callable[[Callable[[Question], Action]], object]) -> object:
    """Run `loop(ask)` on the terminal, single keys; the terminal is restored however it ends."""
    with Keyboard(sys.stdin.fileno()) as keyboard:
        ui = AppraiseUI(out, keyboard.read)
        try:
            return loop(ui.ask)
        finally:
            out.print()


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def render_disagreements(found: Sequence[Disagreement], inst: Instrument) -> None:
    if not found:
        out.print("No disagreements: every answer is agreed or reconciled.")
        return
    names = sorted({n for d in found for n in d.answers})
    table = Table("study", "question", *names, title=f"{len(found)} disagreement(s), {inst.id}")
    for d in found:
        cells = []
        for n in names:
            a = d.answers.get(n)
            text = inst.answer_label(d.item, a) if a else "(no answer)"
            cells.append(escape(text + (f" ({d.comments[n]})" if n in d.comments else "")))
        table.add_row(escape(f"{d.label} {d.study}"), escape(f"{d.item} {inst.label_of(d.item)}"),
                      *cells)
    out.print(table)


def render_agreement(rows: Sequence[ItemAgreement], inst: Instrument) -> None:
    if not rows:
        out.print(f"No study has answers from two reviewers with {inst.id} yet.")
        return
    table = Table(title=f"Agreement per question, {inst.id} (raw, Cohen's kappa)")
    for name in ("question", "reviewers"):
        table.add_column(name)
    for name in ("both", "agree", "raw", "kappa"):
        table.add_column(name, justify="right")
    for r in rows:
        table.add_row(escape(f"{r.item} {r.label}"), escape(f"{r.a} / {r.b}"), str(r.both),
                      str(r.agree), _fmt(r.raw), _fmt(r.kappa))
    out.print(table)


def prompt_disagreement(inst: Instrument, read: Callable[[str], str]
                        ) -> Callable[[Disagreement, int, int], Resolution | str | None]:
    """An `ask` for `appraise.walk`: shows one disagreement, reads a line."""

    def ask(d: Disagreement, i: int, n: int) -> Resolution | str | None:
        names = sorted(d.answers)
        err.print(f"\n[bold]Disagreement {i}/{n}[/]  {escape(d.label)} ({escape(d.study)})  "
                  f"{escape(d.item)}: {escape(inst.label_of(d.item))}", markup=True,
                  highlight=False)
        for k, name in enumerate(names, start=1):
            a = d.answers[name]
            note = f"  comment: {d.comments[name]}" if name in d.comments else ""
            err.print(f"  {k}. {name}: {inst.answer_label(d.item, a) if a else '(no answer)'}"
                      f"{note}", markup=False, highlight=False)
        choices = {c.key: c.value for c in inst.choices(d.item)}
        keys = ", ".join(f"{c.key} {c.label}" for c in inst.choices(d.item))
        while True:
            answer = read(f"Take reviewer number, or answer ({keys}), s skip, q quit: ").strip()
            if answer == "q":
                return None
            if answer == "s":
                return "skip"
            if answer.isdigit() and 1 <= int(answer) <= len(names):
                taken = d.answers[names[int(answer) - 1]]
                if taken:
                    return Resolution(d.study, d.item, taken, names[int(answer) - 1])
            if answer in choices:
                return Resolution(d.study, d.item, choices[answer])
            err.print("Not understood.", markup=False, highlight=False)

    return ask
