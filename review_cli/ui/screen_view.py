"""The full-screen screening view: rich rendering, single-key input, alternate screen.

`render(card, ...)` is a pure function from a `Card` to a rich renderable of exactly the
terminal's size (used by the live screen, the SVG capture and the benchmark). `ScreenUI.ask`
is the `ask` the screening loop calls: it draws the card, reads keys (scrolling the abstract
itself) and returns the first key that means something to the loop.
"""

from __future__ import annotations

import io
import os
import re
import select
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from review_cli.stages.rank.stopping import StopVerdict
from review_cli.stages.screen import Card

ACTION_LABELS = {
    "include": "include", "exclude": "exclude", "maybe": "maybe", "skip": "skip", "undo": "undo",
    "note": "note", "reason": "reason", "criteria": "criteria", "not_retrieved": "no report",
    "open": "open", "help": "help", "quit": "quit",
}
FULL_TEXT_ONLY = ("not_retrieved", "open")
HELP = {
    "include": "include: the record may meet the criteria; it goes forward",
    "exclude": "exclude (at full text you then pick the reason)",
    "maybe": "maybe: unsure; counted as relevant by the ranking, never final",
    "skip": "skip: decide later (comes back at the end of this session)",
    "undo": "undo your last decision (a new line is appended; history stays)",
    "note": "note: type a note saved with your decision on this record",
    "reason": "exclude with a reason from the protocol's numbered menu",
    "criteria": "show the protocol's eligibility criteria",
    "not_retrieved": "full text only: the report could not be obtained",
    "open": "full text only: open the report (fulltext/) in the system viewer",
    "help": "this help",
    "quit": "quit: every decision is already on disk; run again to resume",
}
SCROLL_KEYS = {
    "j": 1, "down": 1, "k": -1, "up": -1, " ": 10, "pgdn": 10, "pgup": -10, "home": -10**6,
    "end": 10**6,
}


def _highlight(text: Text, include: Sequence[str], exclude: Sequence[str]) -> Text:
    for terms, style in ((include, "bold green"), (exclude, "bold red")):
        for term in terms:
            if term.strip():
                text.highlight_regex(re.compile(rf"(?i)\b{re.escape(term.strip())}\w*"), style)
    return text


def _number(n: int) -> str:
    return f"{n:,}"


def pack(segments: Sequence[Text], width: int, sep: str = " · ") -> list[Text]:
    """Segments laid out over as few lines of `width` as they need, never split inside a
    segment; one longer than the width is cut at its end (its least important part)."""
    lines: list[Text] = []
    line = Text()
    for seg in segments:
        if line.cell_len and line.cell_len + len(sep) + seg.cell_len > width:
            lines.append(line)
            line = Text()
        if line.cell_len:
            line.append(sep, "dim")
        line.append_text(seg)
    if line.cell_len:
        lines.append(line)
    for text in lines:
        text.no_wrap, text.overflow = True, "ellipsis"
    return lines


RANKING = {"random": "random order until one include and one exclude",
           "protocol": "closest to the protocol first until one include and one exclude",
           "model": "model ranking", "training": "model training..."}


def rule_text(v: StopVerdict, prefix: str = "") -> Text:
    """One stopping rule: its verdict and estimate first, then why (cut first when narrow)."""
    if v.remaining_estimate is not None:
        figure = (f"≤{v.remaining_estimate:,.0f} relevant left (95 % bound)" if v.upper_bound
                  else f"~{v.remaining_estimate:,.0f} relevant left")
    elif v.needs:
        figure = f"estimate after {v.needs}"
    else:
        figure = "no estimate"
    return Text.assemble(
        (prefix, "bold"), (f"{v.rule} {'STOP' if v.stop else 'no'}",
                           "bold green" if v.stop else "bold"),
        f" · {figure}", (f" · {v.detail}", "dim"),
    )


def status_lines(card: Card, width: int = 100) -> list[Text]:
    """Progress, then the stopping rules, laid out for `width` (80 columns first: nothing is
    cut; segments move to the next line instead)."""
    s = card.status
    pace = (
        f"{s.seconds_per_record:.1f} s/record" if s.seconds_per_record is not None
        else "- s/record"
    )
    progress = [
        Text.assemble((f"{_number(s.screened)}/{_number(s.total)} screened", "bold")),
        Text.assemble((f"{s.relevant} relevant", "green"), f" ({s.maybe} maybe)"),
        Text(pace), Text(RANKING[s.ranking]), Text(f"this session {s.session}"),
    ]
    lines = pack(progress, width)
    if s.stopping:
        rules = [rule_text(v, "stop? " if i == 0 else "") for i, v in enumerate(s.stopping)]
        lines += pack(rules, width, sep="  |  ")
    else:
        lines.append(Text("stop? the rules report after the first decisions", "dim",
                          no_wrap=True, overflow="ellipsis"))
    return lines


def keys_lines(card: Card, width: int = 100) -> list[Text]:
    """Every key, always: on one line when it fits, else over two (80 columns)."""
    # The open key is shown on the report's own line, where it applies.
    shown = [a for a in ACTION_LABELS
             if a != "open" and (a not in FULL_TEXT_ONLY or card.stage == "full-text")]
    items = [Text.assemble((card.keys[a], "bold reverse"), f" {ACTION_LABELS[a]}") for a in shown]
    items.append(Text("j/k scroll", "dim"))
    return pack(items, width, sep="  ")


def where_text(card: Card) -> str:
    """Why this record is on screen: its rank, or what brought it back."""
    if card.rank is not None and card.score is not None:
        return f"rank {card.rank} · score {card.score:.2f}"
    return {
        "undo": "back after undo", "resume": "resumed where you stopped",
        "skipped": "skipped earlier", "maybe": "your maybe", "unranked": "not ranked yet",
    }.get(card.shown_because, "random order")


def body_lines(card: Card, width: int, console: Console) -> list[Text]:
    """The abstract, or the overlay the mode asks for, wrapped to `width`."""
    if card.mode == "criteria":
        text = Text("Eligibility criteria\n\n", "bold")
        text.append("Include\n", "bold green")
        for c in card.criteria_include:
            text.append(f"  + {c}\n")
        text.append("\nExclude\n", "bold red")
        for c in card.criteria_exclude:
            text.append(f"  - {c}\n")
        text.append("\nPress any key to return.", "dim")
    elif card.mode == "help":
        text = Text("Keys\n\n", "bold")
        for action, line in HELP.items():
            if action in FULL_TEXT_ONLY and card.stage != "full-text":
                continue
            text.append(f"  {card.keys[action]}  ", "reverse")
            text.append(f"  {line}\n")
        text.append("  j/k, arrows, space  scroll the abstract\n\nPress any key to return.", "dim")
    elif card.mode == "reason":
        text = Text(
            "Exclusion reason" + (" (required at full text)" if card.reason_required else "")
            + "\n\n",
            "bold",
        )
        for i, r in enumerate(card.reasons, start=1):
            text.append(f"  {i}  ", "reverse")
            text.append(f"  {r.label} ({r.code})\n")
        text.append(
            "\nType the number (Enter after it when there are more than 9); Esc cancels.", "dim"
        )
    else:
        text = _highlight(
            Text(card.record.abstract or "(no abstract)"), card.highlight_include,
            card.highlight_exclude,
        )
    return list(text.wrap(console, width))


def render(
    card: Card, width: int, height: int, scroll: int = 0, typed: str = "",
    console: Console | None = None,
) -> tuple[RenderableType, int]:
    """The whole screen for `card`, and the scroll offset actually used (clamped)."""
    console = console or Console(width=width, height=height, file=io.StringIO())
    r = card.record
    where = where_text(card)
    head = Text.assemble(
        (f" review · {card.stage} · {card.reviewer} ", "bold reverse"), "  ", (r.id, "dim"), "  ",
        (where, "dim"),
    )
    top: list[Text] = [head, Text("")]
    title = _highlight(
        Text(r.title or "(no title)", "bold"), card.highlight_include, card.highlight_exclude
    )
    top += list(title.wrap(console, width))[:3]
    authors = "; ".join(r.authors) or "(no authors)"
    top.append(Text(authors, "cyan", no_wrap=True, overflow="ellipsis"))
    top.append(Text(
        " · ".join(x for x in (str(r.year or "n.d."), r.journal) if x), "dim", no_wrap=True,
        overflow="ellipsis",
    ))
    if r.keywords:
        top.append(
            Text("Keywords: " + "; ".join(r.keywords), "dim", no_wrap=True, overflow="ellipsis")
        )
    if card.report:
        top.append(Text.assemble(("Report: ", "bold"), card.report, " ",
                                 (f"({card.keys['open']} opens it)", "dim")))
    elif card.stage == "full-text":
        top.append(Text.assemble(
            ("Report: not in fulltext/ yet", "yellow"),
            (f" ({card.fulltext})" if card.fulltext else "", "dim"),
            (" · review fulltext fetch / attach", "dim"), no_wrap=True, overflow="ellipsis"))
    elif card.fulltext:
        top.append(Text.assemble(("Full text: ", "bold"), card.fulltext))
    if card.previous is not None:
        p = card.previous
        top.append(Text(
            f"Your earlier decision: {p.verdict}{' (' + p.reason + ')' if p.reason else ''}",
            "yellow",
        ))
    if card.note:
        top.append(Text(f"Note: {card.note}", "magenta"))
    bottom: list[Text] = []
    if card.mode == "note":
        bottom.append(Text.assemble(
            ("Note: ", "bold magenta"), typed, ("█", "blink"),
            ("   Enter saves, Esc cancels", "dim"),
        ))
    else:
        bottom.append(Text(card.message, "yellow", no_wrap=True, overflow="ellipsis"))
    bottom += status_lines(card, width)
    bottom += keys_lines(card, width)
    room = max(3, height - len(top) - len(bottom) - 2)
    lines = body_lines(card, width, console)
    scroll = max(0, min(scroll, len(lines) - room))
    window = lines[scroll: scroll + room]
    label = {"criteria": "Criteria", "help": "Help", "reason": "Reason"}.get(card.mode, "Abstract")
    more = (
        f" · lines {scroll + 1}-{scroll + len(window)} of {len(lines)} (j/k)"
        if len(lines) > room else ""
    )
    filler = [Text("")] * (room - len(window))
    parts: list[RenderableType] = [*top, Rule(f"{label}{more}", align="left", style="dim"),
                                   *window, *filler, Rule(style="dim"), *bottom]
    return Group(*parts), scroll


# --- keyboard ----------------------------------------------------------------------------------

_ESCAPES = {b"[A": "up", b"[B": "down", b"[5~": "pgup", b"[6~": "pgdn", b"[H": "home", b"[F": "end",
            b"OA": "up", b"OB": "down", b"[1~": "home", b"[4~": "end"}


# Windows console: special keys arrive as a prefix ("\x00" or "\xe0") and a scan code.
_WINDOWS_KEYS = {"H": "up", "P": "down", "I": "pgup", "Q": "pgdn", "G": "home", "O": "end"}
_WINDOWS_NAMED = {
    "\r": "enter", "\x08": "backspace", "\x03": "ctrl-c", "\x1b": "esc", "\x1a": "quit-eof",
}


class Keyboard:
    """Single keys from a terminal: in cbreak mode on Linux and macOS (no echo, no line
    buffering, signals kept), through the console API on Windows."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._saved: Any = None
        self.windows = sys.platform == "win32"

    def __enter__(self) -> Keyboard:
        if not self.windows:
            import termios
            import tty

            self._saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)

    def read(self) -> str:
        return self._read_windows() if self.windows else self._read_posix()

    def _read_windows(self) -> str:
        import msvcrt

        key: str = msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]
        if key in ("\x00", "\xe0"):
            code: str = msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]
            return _WINDOWS_KEYS.get(code, "unknown")
        return _WINDOWS_NAMED.get(key, key)

    def _read_posix(self) -> str:
        first = os.read(self.fd, 1)
        if not first:
            return "quit-eof"
        if first == b"\x1b":
            seq = b""
            while select.select([self.fd], [], [], 0.02)[0] and len(seq) < 4:
                seq += os.read(self.fd, 1)
                if seq in _ESCAPES:
                    return _ESCAPES[seq]
            return "esc" if not seq else "unknown"
        if first in (b"\r", b"\n"):
            return "enter"
        if first in (b"\x7f", b"\x08"):
            return "backspace"
        if first == b"\x03":
            return "ctrl-c"
        data = first
        while True:  # a multi-byte UTF-8 character
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                if len(data) >= 4:
                    return "unknown"
                data += os.read(self.fd, 1)


@dataclass
class ScreenUI:
    """The `ask` of the screening loop on a real terminal."""

    console: Console
    read_key: Callable[[], str]
    screen: Any = None  # rich ScreenContext while active
    draws: int = 0

    def draw(self, card: Card, scroll: int, typed: str = "") -> int:
        width, height = self.console.size
        renderable, used = render(card, width, height, scroll, typed, self.console)
        if self.screen is not None:
            self.screen.update(renderable)
        else:
            self.console.print(renderable)
        self.draws += 1
        return used

    def ask(self, card: Card) -> str:
        scroll = 0
        typed = ""
        actions = set(card.keys.values())
        while True:
            scroll = self.draw(card, scroll, typed)
            key = self.read_key()
            if key in ("ctrl-c", "quit-eof"):
                return card.keys["quit"] if card.mode == "decide" else ""
            if card.mode == "note":
                if key == "enter":
                    return typed
                if key == "esc":
                    return ""
                if key == "backspace":
                    typed = typed[:-1]
                elif len(key) == 1 and key.isprintable():
                    typed += key
                continue
            if card.mode == "reason":
                if key == "esc":
                    return ""
                if key.isdigit() and len(card.reasons) <= 9:
                    return key
                if key.isdigit():
                    typed += key
                    continue
                if key == "enter":
                    return typed
                continue
            if card.mode == "decide" and key not in actions and key in SCROLL_KEYS:
                scroll += SCROLL_KEYS[key]
                continue
            return key


def run(console: Console, loop: Callable[[Callable[[Card], str]], Any]) -> Any:
    """Run `loop(ask)` full-screen on the terminal; the terminal is restored however it ends."""
    fd = sys.stdin.fileno()
    with Keyboard(fd) as keyboard, console.screen(hide_cursor=True) as screen:
        ui = ScreenUI(console, keyboard.read, screen)
        return loop(ui.ask)
