"""End to end: the real `review appraise` in a pseudo-terminal, killed with SIGKILL mid-study and
started again: no confirmed answer is lost, and it resumes at the next question."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

from .extract_helpers import make_review

if sys.platform != "win32":  # the pty helpers import termios and fcntl
    from .test_screen_e2e import Terminal
else:  # pragma: no cover
    Terminal = object

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

COMMAND = ["appraise", "s0001", "--reviewer", "reviewer1", "--tool", "casp-qualitative"]


class Appraisal(Terminal):
    def __init__(self, root: Path) -> None:
        # Terminal runs `review screen`: the same pty, with the appraisal command instead.
        import pty

        env = {k: v for k, v in os.environ.items() if k != "CI"}
        env.update(TERM="xterm-256color", COLUMNS="100", LINES="40")
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(root)
            os.execve(sys.executable, [sys.executable, "-m", "review_cli", *COMMAND], env)
        self.pid, self.fd, self.seen = pid, fd, b""

    def key(self, key: str, expect: bytes) -> None:
        os.write(self.fd, key.encode())
        self.wait_for(expect)


@pytest.mark.slow
def test_sigkill_loses_no_confirmed_answer_and_resumes(tmp_path: Path) -> None:
    project = make_review(tmp_path / "rev")
    log = project.appraisal_log_path("casp-qualitative", "reviewer1")
    term = Appraisal(project.root)
    term.wait_for(rb"Question 1/11.*Aims clearly stated", timeout=30)
    term.key("y", rb"Saved: Yes.*Question 2/11|Question 2/11.*Saved: Yes")
    term.key("t", rb"Comment: ")
    for ch in "not justified":
        os.write(term.fd, ch.encode())
    term.key("\r", rb"Comment to save with your answer: not justified")
    term.key("c", rb"Question 3/11")
    term.key("n", rb"Question 4/11")
    term.kill()  # SIGKILL: no chance to clean up

    lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    assert [(x["item"], x["answer"], x["comment"]) for x in lines] == [
        ("q1", "yes", ""), ("q2", "cant-tell", "not justified"), ("q3", "no", "")]

    again = Appraisal(project.root)
    again.wait_for(rb"Question 4/11.*Recruitment appropriate", timeout=30)
    again.key("b", rb"Question 3/11.*Your answer: \S*No")
    again.key("q", rb"answer\(s\) saved this session")
    _, status = os.waitpid(again.pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert re.search(rb"0 answer\(s\) saved this session", again.seen)
    os.close(again.fd)
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3
