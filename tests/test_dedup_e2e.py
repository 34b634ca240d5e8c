"""End to end: `review dedup` in a real pseudo-terminal asks about uncertain pairs with one key."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
import time
from pathlib import Path

import pytest

from review_cli.io.writer import read_jsonl
from review_cli.project import Project
from review_cli.stages import import_, init

from .conftest import FIXTURES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def read_until(fd: int, pattern: bytes, seen: bytearray, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
            if re.search(pattern, bytes(seen), re.S):
                return
    raise AssertionError(f"no {pattern!r} on screen: {bytes(seen)[-1500:]!r}")


@pytest.mark.slow
def test_terminal_review_one_key_per_pair(tmp_path: Path) -> None:
    init.run(tmp_path / "rev")
    project = Project(tmp_path / "rev")
    for name, source in (("medline.ris", "MEDLINE"), ("embase.ris", "Embase"),
                         ("uncertain.ris", "CINAHL")):
        import_.run(project, [FIXTURES / "dedup" / name], source)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40", HOME=str(tmp_path),
               GIT_CONFIG_NOSYSTEM="1")  # no git user to name the reviewer
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real program, as a person starts it
        os.chdir(project.root)
        os.execve(sys.executable, [sys.executable, "-m", "review_cli", "dedup"], env)
    seen = bytearray()
    # Nobody is named (no --reviewer, no git user among the protocol's two): it asks who decides.
    read_until(fd, rb"Who decides the uncertain pairs \(reviewer1, reviewer2\)\?", seen)
    os.write(fd, b"reviewer1\n")
    read_until(fd, rb"Pair 1 of \d+.*\[q\] quit", seen)
    time.sleep(0.5)  # let getchar switch the tty to raw mode first (it flushes pending input)
    os.write(fd, b"n")  # a single key, no Enter
    read_until(fd, rb"Pair 2 of \d+", seen)
    time.sleep(0.5)
    os.write(fd, b"q")
    read_until(fd, rb"uncertain pairs wait", seen)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    lines = read_jsonl(project.dedup_decisions_path)
    assert [(line["verdict"], line["reviewer"]) for line in lines] == [("different", "reviewer1")]
