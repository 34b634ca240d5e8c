"""The screen's single keys, read from the Windows console as from a POSIX terminal."""

from __future__ import annotations

import sys
import types

import pytest

from review_cli.ui.screen_view import Keyboard


def test_windows_console_keys_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    typed = iter(["i", "\xe0", "P", "\x00", "I", "\r", "\x08", "\x1b", "\x03", "é", "\xe0", "Z"])
    fake = types.ModuleType("msvcrt")
    fake.getwch = lambda: next(typed)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    keyboard = Keyboard(0)
    keyboard.windows = True
    with keyboard:  # no terminal settings to change on Windows
        keys = [keyboard.read() for _ in range(9)]
    assert keys == ["i", "down", "pgup", "enter", "backspace", "esc", "ctrl-c", "é", "unknown"]
