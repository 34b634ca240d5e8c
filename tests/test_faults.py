"""Fault injection: every writing command killed at every step it takes on disk.

A SIGKILL leaves the disk as it was at that instant and runs no cleanup. The harness runs a
command in this process and counts each step that changes the review on disk (a rename, a
removal, an fsync, an append, a truncation); at step N it copies the review folder as it is
(that copy is what a kill at that moment leaves: no `finally` has run yet) and stops the
command. For every N it then checks, on the copy:

- every file parses and the next command completes a commit left half-done: the review is the
  one before the command or the one after it, never a mix (append-only logs: whole lines);
- `review status` runs and says the stage is stale or not run when its outputs are not there;
- running the command again gives, byte for byte, what an uninterrupted run gives;
- no decision that was confirmed (its append returned) before the kill is missing.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from review_cli.io.writer import is_temp
from review_cli.model import Stage
from review_cli.project import Project
from review_cli.stages import dedup, import_, include, prisma, team
from review_cli.stages import init as init_stage
from review_cli.store import clusters as clusters_store
from review_cli.store import decisions as decisions_store

from .conftest import FIXTURES, invoke, snapshot

TA = Stage.TITLE_ABSTRACT
EXPORTS = [FIXTURES / "dedup" / name for name in ("medline.ris", "embase.ris", "scopus.ris")]
PROTOCOL = """\
schema = 1
[review]
title = "Fault injection"
[[exclusion_reasons]]
code = "design"
label = "Wrong study design"
[[sources]]
name = "MEDLINE"
[[sources]]
name = "Embase"
[[sources]]
name = "Scopus"
[[reviewers]]
name = "alice"
[[reviewers]]
name = "bob"
[screening]
final = "single"
"""


class Killed(BaseException):
    """The process was killed here (a BaseException: no `except Exception` stops it)."""


@dataclass
class Injector:
    """Counts the steps that change files under `root`; at step `at` copies `root` to
    `image` as it is and raises Killed."""

    root: Path
    at: int
    image: Path
    steps: int = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps == self.at:
            shutil.copytree(self.root, self.image, symlinks=True)
            raise Killed(self.at)


@contextmanager
def counting(injector: Injector) -> Iterator[None]:
    """Every os-level step that changes what is on disk goes through `injector.step` first."""
    root = str(injector.root)
    monkeypatch = pytest.MonkeyPatch()  # its own: undone alone, leaving the test's patches

    def inside(path: object) -> bool:
        return str(path).startswith(root)

    def wrap(name: str, applies: Callable[..., bool]) -> None:
        real = getattr(os, name)

        def stepped(*args: object, **kwargs: object) -> object:
            if applies(*args):
                injector.step()
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, stepped)

    wrap("replace", lambda src, dst, *_: inside(dst))
    wrap("rename", lambda src, dst, *_: inside(dst))
    wrap("unlink", lambda path, *_: inside(path))
    wrap("rmdir", lambda path, *_: inside(path))
    wrap("fsync", lambda fd: True)
    wrap("ftruncate", lambda fd, size: True)
    wrap("write", lambda fd, data: True)  # appends to the logs (files are written by Python I/O)
    try:
        yield
    finally:
        monkeypatch.undo()


Command = Callable[[Project], object]


def fixed_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decision and pair-decision times that do not change between runs."""
    monkeypatch.setattr(decisions_store, "iso", lambda seconds: "2026-01-01T00:00:00Z")
    monkeypatch.setattr(clusters_store, "now", lambda: "2026-01-01T00:00:00Z")


def run_killed(tmp_path: Path, base: Path, command: Command,
               ) -> tuple[dict[str, bytes], dict[str, bytes], list[Path]]:
    """The review before and after an uninterrupted run, and a crash image for every step."""
    clean = tmp_path / "clean"
    shutil.copytree(base, clean)
    counter = Injector(clean, at=0, image=tmp_path / "never")
    with counting(counter):
        command(Project(clean))
    after = snapshot(clean)
    images = []
    for at in range(1, counter.steps + 1):
        work, image = tmp_path / f"run{at}", tmp_path / f"image{at}"
        shutil.copytree(base, work)
        with counting(Injector(work, at, image)), pytest.raises(Killed):
            command(Project(work))
        images.append(image)
    return snapshot(base), after, images


def check_images(before: dict[str, bytes], after: dict[str, bytes], images: list[Path],
                 command: Command, runner: object, logs_grow: bool = False,
                 rerun_completed: bool = True) -> None:
    assert len(images) >= 2, "the command took too few steps on disk to be tested"
    for image in images:
        project = Project(image)
        status = invoke(runner, project, "status", "--json")  # settles a half-done commit
        assert status.exit_code == 0, (image.name, status.output)
        # Temp files of the killed run stay until the next command that writes there.
        now = {k: v for k, v in snapshot(image).items() if not is_temp(Path(k))}
        if logs_grow:  # append-only logs: each holds whole lines, a prefix of the final ones
            for name, data in now.items():
                final = after.get(name, before.get(name))
                assert final is not None, (image.name, name)
                assert data == final or final.startswith(data), (image.name, name)
        else:
            assert now in (before, after), (image.name, sorted(
                k for k in set(now) | set(after) if now.get(k) != after.get(k)
            ))
        if now == after and not rerun_completed:
            continue  # the run had committed: running it again would be a second run
        command(project)
        assert snapshot(image) == after, image.name


def base_review(root: Path, *, imported: bool = True, deduplicated: bool = False,
                decided: bool = False) -> Path:
    init_stage.run(root)
    project = Project(root)
    project.protocol_path.write_text(PROTOCOL)
    if imported:
        for path, source in zip(EXPORTS, ("MEDLINE", "Embase", "Scopus"), strict=True):
            import_.run(project, [path], source)
    if deduplicated:
        dedup.run(project)
    if decided:
        from review_cli.store.units import stage_ids

        ids = sorted(stage_ids(project, TA))
        for reviewer, verdicts in (("alice", "ie"), ("bob", "ee")):
            wanted = [team.Wanted(uid, team.DECISION_WORDS[v], "design" if v == "e" else "")
                      for uid, v in zip(ids, verdicts * len(ids), strict=False)]
            team.decide(project, TA, reviewer, wanted)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", ["import", "import-remove", "dedup", "include", "prisma"])
def test_every_writing_stage_survives_a_kill_at_every_step(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    fixed_times(monkeypatch)
    commands: dict[str, tuple[Callable[[Path], Path], Command]] = {
        "import": (lambda root: base_review(root, imported=False),
                   lambda p: import_.run(p, EXPORTS[:2], "MEDLINE")),
        "import-remove": (lambda root: base_review(root),
                          lambda p: import_.remove(p, ["searches/embase/embase.ris"])),
        "dedup": (lambda root: base_review(root), lambda p: dedup.run(p)),
        "include": (lambda root: base_review(root, deduplicated=True, decided=True),
                    lambda p: include.run(p)),
        "prisma": (lambda root: base_review(root, deduplicated=True, decided=True),
                   lambda p: prisma.run(p, allow_pending=True)),
    }
    make, command = commands[name]
    base = make(tmp_path / "base")
    before, after, images = run_killed(tmp_path, base, command)
    if name == "import-remove":
        # the second run finds the export removed already: nothing to remove, nothing changes
        def again(p: Project) -> object:
            if (p.root / "searches/embase/embase.ris").exists():
                return command(p)
            return None
        check_images(before, after, images, again, runner)
    else:
        check_images(before, after, images, command, runner)


@pytest.mark.slow
def test_decide_killed_at_every_step_loses_no_confirmed_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    fixed_times(monkeypatch)
    base = base_review(tmp_path / "base", deduplicated=True)

    def decide(p: Project) -> None:
        from review_cli.store.units import stage_ids

        ids = sorted(stage_ids(p, TA))[:4]
        wanted = [team.Wanted(uid, team.DECISION_WORDS["include"]) for uid in ids]
        team.decide(p, TA, "alice", wanted)

    before, after, images = run_killed(tmp_path, base, decide)
    check_images(before, after, images, decide, runner, logs_grow=True)


@pytest.mark.slow
def test_screen_killed_at_every_step_loses_no_confirmed_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    from review_cli.stages.screen import Session

    fixed_times(monkeypatch)
    base = base_review(tmp_path / "base", deduplicated=True)
    confirmed: list[str] = []

    def screen(p: Project) -> None:
        confirmed.clear()
        answers = iter(["i", "e", "i", "u", "e", "q"])

        def ask(card: object) -> str:
            message = getattr(card, "message", "")
            if message.startswith(("Saved", "Undone")):  # said only once the line is on disk
                confirmed.append(message)
            return next(answers)

        Session(p, TA, "alice", clock=lambda: 0.0).run(ask)

    _, after, _ = run_killed(tmp_path / "dry", base, screen)
    final_log = after["screen/title-abstract/alice.jsonl"]
    at = 0
    while True:
        at += 1
        work, image = tmp_path / f"s{at}", tmp_path / f"simage{at}"
        shutil.copytree(base, work)
        try:
            with counting(Injector(work, at, image)):
                screen(Project(work))
        except Killed:
            pass
        else:
            break  # no step `at`: every step has been killed at
        log = Project(image).decisions_path(TA, "alice")
        data = log.read_bytes() if log.exists() else b""
        # Whole lines that start the uninterrupted log, at least one per confirmation.
        assert final_log.startswith(data[: data.rfind(b"\n") + 1]), image.name
        assert data.count(b"\n") >= len(confirmed), (image.name, confirmed)
        status = invoke(runner, Project(image), "status", "--json")
        assert status.exit_code == 0, (image.name, status.output)
        # The next session resumes: it opens, repairs a torn line if any, and screens on.
        Session(Project(image), TA, "alice").run(lambda card: "q")
    assert at > 10  # five decisions, each appended and flushed: killed before and after each


def test_a_full_disk_during_decide_is_an_error_and_nothing_is_reported_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    project = Project(base_review(tmp_path / "rev", deduplicated=True))
    from review_cli.store.units import stage_ids

    rid = sorted(stage_ids(project, TA))[0]
    real = os.write

    def short(fd: int, data: bytes) -> int:
        return real(fd, bytes(data)[: len(data) // 2])  # half of it fits, then the disk is full

    monkeypatch.setattr(os, "write", lambda fd, data: short(fd, data) if len(data) > 20 else
                        (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")))
    result = invoke(runner, project, "decide", rid, "--include", "--reviewer", "alice")
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    assert "recorded" not in result.output
    assert "alice.jsonl" in result.output and "No space left on device" in result.output
    # What did reach the disk is a torn line, reported and never counted as a decision.
    status = invoke(runner, project, "status")
    assert "incomplete last line" in status.output
    assert decisions_store.final_decisions(project, TA) == {}


def test_a_full_disk_during_screen_never_says_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_cli.stages.screen import Session

    project = Project(base_review(tmp_path / "rev", deduplicated=True))
    session = Session(project, TA, "alice")
    messages: list[str] = []
    answers = iter(["i", "e"])

    def ask(card: object) -> str:
        messages.append(getattr(card, "message", ""))
        return next(answers)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError, match="alice.jsonl"):
        session.run(ask)
    monkeypatch.undo()
    assert not any(m.startswith("Saved") for m in messages)
    assert not project.decisions_path(TA, "alice").exists() or not decisions_store.read_log(
        project.decisions_path(TA, "alice")).decisions


@pytest.mark.slow
def test_reconcile_killed_at_every_step_loses_no_confirmed_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    fixed_times(monkeypatch)
    base = base_review(tmp_path / "base", deduplicated=True, decided=True)

    def reconcile(p: Project) -> None:
        found = team.conflicts(p, TA)
        known = [*team.per_reviewer(p, TA), *p.protocol.reviewers]  # as the CLI passes them
        team.reconcile(p, TA, "carol", team.take(found, "bob", known))

    before, after, images = run_killed(tmp_path, base, reconcile)
    check_images(before, after, images, reconcile, runner, logs_grow=True)


@pytest.mark.slow
def test_search_killed_at_every_step_leaves_a_review_the_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    """A search commits as one unit (the import of what it downloaded, the dedup of the new
    records, the log line): a kill leaves the review before it or after it, and a search killed
    before its commit, run again, gives what one uninterrupted run gives."""
    import datetime as dt

    from review_cli.stages import search

    from .search_fakes import Fake, Server, works

    fixed_times(monkeypatch)
    base = base_review(tmp_path / "base", deduplicated=True)
    with Server(Fake(works(5))) as server:
        monkeypatch.setenv("REVIEW_CROSSREF_URL", server.url)
        monkeypatch.setenv("REVIEW_SEARCH_PACE", "0")

        def run(p: Project) -> None:
            search.run(p, "crossref", "carers", source="Crossref",
                       now=lambda: dt.datetime(2026, 1, 2, 10, tzinfo=dt.UTC))

        before, after, images = run_killed(tmp_path, base, run)
        check_images(before, after, images, run, runner, rerun_completed=False)


def test_a_decision_appended_while_include_runs_leaves_it_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: object
) -> None:
    """include hashes its inputs before it reads them: a decision that arrives in between is
    in neither the log nor the hashes review.lock keeps, so `review status` says it is stale."""
    from review_cli.model import Decision, Verdict
    from review_cli.store import flow, lock

    project = Project(base_review(tmp_path / "rev", deduplicated=True, decided=True))
    real = flow.read
    rid = sorted(decisions_store.final_decisions(project, TA))[0]

    def read_while_a_reviewer_decides(p: Project, cache: bool = True) -> flow.Inputs:
        decisions_store.append(p, [Decision(rid, Verdict.EXCLUDE, TA, "alice", "t", "design")])
        return real(p, cache)

    monkeypatch.setattr(flow, "read", read_while_a_reviewer_decides)
    include.run(project)
    monkeypatch.undo()
    assert [s.stage for s in lock.stale(project)] == ["include"]
    status = invoke(runner, project, "status")
    assert "include" in status.output and "changed since" in status.output


@pytest.mark.parametrize("step", ["mkstemp", "chmod", "fdopen"])
def test_a_ctrl_c_while_a_temp_file_is_made_leaves_none_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """CI once caught a Ctrl-C in the instant between the temp file's creation and the guard
    that removes it; a signal at each step of that instant must leave no file behind."""
    import signal

    from review_cli.io import writer

    module = writer.tempfile if step == "mkstemp" else writer.os
    real = getattr(module, step)

    def interrupted(*args: object, **kw: object) -> object:
        result = real(*args, **kw)  # the file exists, then the signal lands
        signal.raise_signal(signal.SIGINT)
        return result

    monkeypatch.setattr(module, step, interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.write_bytes(tmp_path / "prisma.json", b"{}\n")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


class _InterruptedImport:
    """A meta path finder that is Ctrl-C'd as it looks for one module."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == self.name:
            raise KeyboardInterrupt


def test_a_ctrl_c_while_the_command_line_is_imported_or_built_ends_quietly(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    import review_cli.cli
    from review_cli import __main__ as entry

    # While the command modules are imported ...
    monkeypatch.delitem(sys.modules, "review_cli.cli")
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport("review_cli.cli"), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == 130 and capsys.readouterr().err == "Interrupted.\n"
    monkeypatch.undo()

    # ... and while Typer builds the command line from them, before any command runs.
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(review_cli.cli, "main", interrupted)
    with pytest.raises(SystemExit) as stopped:
        entry.main()
    assert stopped.value.code == 130 and capsys.readouterr().err == "Interrupted.\n"
