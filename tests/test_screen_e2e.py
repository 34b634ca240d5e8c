"""End to end: the real full-screen `review screen` in a pseudo-terminal, killed and restarted."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from review_cli.model import Stage

from .screen_helpers import make_project

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

HEADER = re.compile(rb"title-abstract \xc2\xb7 alice .{0,40}?(r\d{4})")


class Terminal:
    """`review screen` running in a pty of 120x40, read until a pattern appears."""

    def __init__(self, root: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "CI"}
        env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        pid, fd = pty.fork()
        if pid == 0:  # the child: the real program, as a person would start it
            os.chdir(root)
            os.execve(sys.executable,
                      [sys.executable, "-m", "review_cli", "screen", "--reviewer", "alice"], env)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.pid, self.fd, self.seen = pid, fd, b""

    def wait_for(self, pattern: bytes, timeout: float = 10.0) -> bytes:
        start = len(self.seen)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                self.seen += chunk
                if re.search(pattern, self.seen[start:], re.S):
                    return self.seen[start:]
        raise AssertionError(f"no {pattern!r} on screen; last output: {self.seen[-1500:]!r}")

    def shown(self, since: bytes) -> str:
        ids = HEADER.findall(re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", since))
        assert ids, since[-1500:]
        return ids[-1].decode()

    def press(self, key: str, expect: bytes) -> str:
        os.write(self.fd, key.encode())
        return self.shown(self.wait_for(expect))

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


@pytest.mark.slow
def test_kill_mid_session_loses_nothing_and_resumes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", n=12)
    log = project.decisions_path(Stage.TITLE_ABSTRACT, "alice")

    term = Terminal(project.root)
    first = term.shown(term.wait_for(rb"screened.*stop\?", timeout=20))
    second = term.press("i", rb"Saved: include.*stop\?")
    third = term.press("e", rb"Saved: exclude.*stop\?")
    fourth = term.press("m", rb"Saved: maybe.*stop\?")
    assert len({first, second, third, fourth}) == 4
    # a second screen for the same reviewer is refused while this one runs
    other = Terminal(project.root)
    refusal = other.wait_for(rb"already screening", timeout=20)
    assert b"another window" in refusal
    other.kill()
    term.kill()  # SIGKILL: no chance to clean up

    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [(x["record"], x["verdict"]) for x in lines] == [
        (first, "include"), (second, "exclude"), (third, "maybe")]

    again = Terminal(project.root)
    resumed = again.shown(again.wait_for(rb"3/12 screened.*stop\?", timeout=20))
    assert resumed == fourth  # exactly where the reviewer stopped
    fifth = again.press("u", rb"Undone: maybe.*stop\?")
    assert fifth == third
    os.write(again.fd, b"q")
    again.wait_for(rb"decision\(s\) this session", timeout=10)
    _, status = os.waitpid(again.pid, 0)
    assert os.WEXITSTATUS(status) == 0
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [x["verdict"] for x in lines] == ["include", "exclude", "maybe", "undo"]
