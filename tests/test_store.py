"""The store layer: one reader and one writer per review file, and stage writes that commit as
a unit (store/transaction.py)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from review_cli.errors import ParseError
from review_cli.io.writer import dumps_line, sha256_file
from review_cli.model import Record
from review_cli.project import Project
from review_cli.stages import prisma
from review_cli.store import records as records_store
from review_cli.store import transaction as transaction_module
from review_cli.store.transaction import recover, transaction

from . import prisma_fixture as fx


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return fx.build(tmp_path / "rev")


def _line(**fields: object) -> bytes:
    row = Record(id="a1", source="MEDLINE", title="T", year=2020, language="English").to_json()
    row.update(fields)
    return dumps_line(row)


@pytest.mark.parametrize(("line", "said"), [
    (b'{"id": "a3", "source": ', "not a JSON line"),
    (_line(title=7), "`title` must be text, not a int"),
    (_line(year="2020"), "`year` must be a whole number or null"),
    (_line(authors="Smith"), "`authors` must be a list of text"),
    (_line(origins=[{"source": "S"}]), "an origin has no `file`"),
    (b"[1, 2]", "not a JSON object"),
    # deep nesting: an error naming the line, never a RecursionError
    (b"[" * 5000, "not a JSON line"),
])
def test_a_bad_record_line_names_its_line(line: bytes, said: str, tmp_path: Path) -> None:
    project = Project(tmp_path / "rev")
    project.records_path.parent.mkdir(parents=True)
    project.records_path.write_bytes(_line() + b"\n" + _line(id="a2") + b"\n" + line + b"\n")
    # The summaries check the fields they hold (not the authors): what every stage reads is checked.
    readers = [records_store.read] + ([records_store.summaries]
                                      if "authors" not in said and "origin" not in said else [])
    for read in readers:
        with pytest.raises(ParseError, match=rf"records.jsonl:3: .*{said}"):
            read(project)


def test_records_write_read_write_is_identical(tmp_path: Path) -> None:
    project = Project(tmp_path / "rev")
    recs = [Record(id=f"r{i}", source="S", title=f"T\u2028{i}", authors=("A, B",), year=2000 + i)
            for i in (3, 1, 2)]
    with transaction(project) as tx:
        records_store.write(tx, recs)
    first = project.records_path.read_bytes()
    with transaction(project) as tx:
        records_store.write(tx, list(reversed(records_store.read(project))))
    assert project.records_path.read_bytes() == first
    assert [r.id for r in records_store.read(project)] == ["r1", "r2", "r3"]


def test_cold_and_warm_runs_write_the_same_bytes(project: Project) -> None:
    prisma.run(project)
    warm_files = {p: p.read_bytes()
                  for p in (project.include_log_path, project.prisma_json_path, project.lock_path)}
    assert project.flow_cache_path.exists()
    shutil.rmtree(project.cache_dir)
    prisma.run(project)  # cold: no cache
    assert {p: p.read_bytes() for p in warm_files} == warm_files
    assert prisma.check(project).ok  # warm
    shutil.rmtree(project.cache_dir)
    assert prisma.check(project).ok  # cold, and writing nothing, not even the cache
    assert not project.cache_dir.exists()
    lock = json.loads(project.lock_path.read_text())["stages"]["prisma"]
    assert lock["inputs"]["import/records.jsonl"] == sha256_file(project.records_path)


def test_a_damaged_flow_cache_is_ignored_and_rewritten(project: Project) -> None:
    from review_cli.store import flow

    prisma.run(project)
    expected = project.include_log_path.read_bytes()
    project.flow_cache_path.write_bytes(b"\x00garbage")
    assert flow._load(project.flow_cache_path) is None
    prisma.run(project)
    assert project.include_log_path.read_bytes() == expected
    assert flow._load(project.flow_cache_path) is not None  # rewritten
    # and what it derives
    assert flow.read_units(project)[0] == flow.read_units(project, cache=False)[0]


def test_prisma_check_starts_without_heavy_imports(project: Project) -> None:
    prisma.run(project)
    code = (
        "import sys\n"
        "sys.argv = ['review', 'prisma', '--check']\n"
        "from review_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "heavy = {'rich', 'pydantic', 'sklearn', 'numpy', 'scipy', 'httpx', 'rispy', "
        "'rapidfuzz', 'filelock'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True,
                          text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert "PRISMA files are up to date." in done.stderr


def test_ctrl_c_while_prisma_commits_leaves_its_files_and_lock_together(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    prisma.run(project)
    # one count changes
    fx.decide(project, fx.Stage.FULL_TEXT, "alice", "K1", "exclude", "design", second=999)
    real = transaction_module._apply

    def interrupted(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the files are being replaced
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(transaction_module, "_apply", interrupted)
    with pytest.raises(KeyboardInterrupt):
        prisma.run(project)
    monkeypatch.undo()
    # Delivered once every file and review.lock were written: they agree, as after a whole run.
    assert prisma.check(project).ok
    entry = json.loads(project.lock_path.read_text())["stages"]["prisma"]
    assert entry["outputs"]["prisma/prisma.json"] == sha256_file(project.prisma_json_path)


def test_a_commit_cut_short_is_completed_by_the_next_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project(tmp_path / "rev")
    a, b = project.root / "import" / "a.json", project.root / "dedup" / "b.json"
    with transaction(project) as tx:
        tx.write_text(a, "old a")
        tx.write_text(b, "old b")

    def killed(project: Project, journal: object) -> None:
        raise SystemExit("killed after the journal was written")  # as a SIGKILL would leave it

    monkeypatch.setattr(transaction_module, "_apply", killed)
    with pytest.raises(SystemExit):
        with transaction(project) as tx:
            tx.write_text(a, "new a")
            tx.write_text(b, "new b")
    monkeypatch.undo()
    assert a.read_text() == "old a\n" and project.journal_path.exists()
    recover(project)
    assert (a.read_text(), b.read_text()) == ("new a\n", "new b\n")
    assert not project.journal_path.exists()
    assert not [p for p in project.root.rglob("*.tmp")]


def test_a_write_cut_short_before_commit_leaves_the_old_files_and_no_temp(tmp_path: Path) -> None:
    project = Project(tmp_path / "rev")
    a = project.root / "import" / "a.json"
    with transaction(project) as tx:
        tx.write_text(a, "old")
    with pytest.raises(RuntimeError):
        with transaction(project) as tx:
            tx.write_text(a, "new")
            raise RuntimeError("the stage failed")
    assert a.read_text() == "old\n"
    (a.parent / ".a.json.x1y2z3.tmp").write_text("left by a killed process")
    recover(project)
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.json"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_temp_files_a_killed_write_leaves_are_ignored_by_git(tmp_path: Path, runner) -> None:
    """Until the next writer sweeps them, a killed command's temp files (up to the size of
    records.jsonl) must not show up in `git status` or reach a commit by `git add -A`."""
    import tempfile

    from review_cli.io.writer import TEMP_SUFFIX, is_temp

    from .conftest import invoke

    assert invoke(runner, None, "init", "rev").exit_code == 0
    root = tmp_path / "rev"
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=60)
    left = []
    for folder, name in [(".", "review.lock"), ("import", "records.jsonl"),
                         ("screen/decisions", "alice.jsonl"), ("prisma", "PRISMA.csv")]:
        (root / folder).mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=root / folder)
        os.close(fd)  # named as io/writer.staged_file names them
        assert is_temp(Path(tmp))
        left.append(Path(tmp).relative_to(root).as_posix())
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, text=True, check=True, timeout=60).stdout
    assert status and not [path for path in left if path in status], status


def test_sources_appended_to_review_toml_keep_the_text_and_each_other(review: Project) -> None:
    """Appending reads what the transaction will leave, not the file on disk: two sources
    declared in one commit are both there, and the reviewers' comments stay as written."""
    from review_cli.model import SourceKind
    from review_cli.store import protocol_file

    text = review.protocol_path.read_text(encoding="utf-8")
    with transaction(review) as tx:
        first = protocol_file.append_source(tx, "Lens", "ris")
        second = protocol_file.append_source(tx, 'Carers "UK" archive', "csv",
                                             SourceKind.ORGANISATION)
        assert first.source("Lens") is not None and second.source("Lens") is not None
    after = Project(review.root)
    assert after.protocol_path.read_text(encoding="utf-8").startswith(text)  # comments kept
    assert after.protocol.kind_of("Lens") == SourceKind.DATABASE
    assert after.protocol.kind_of('Carers "UK" archive') == SourceKind.ORGANISATION
