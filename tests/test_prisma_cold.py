"""The cold path of `review prisma`: records.jsonl read once (mapped, hashed on a thread, lines
decoded from their head), the cache rebuilt, and a start-up without heavy imports."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from review_cli.errors import ParseError, ReviewError
from review_cli.io.mapped import MappedFile
from review_cli.io.writer import dumps_line, sha256_file
from review_cli.model import Record
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.stages import include, prisma

from . import prisma_fixture as fx


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return fx.build(tmp_path / "rev")


@pytest.mark.parametrize("content", [None, b"", b"one line\n", bytes(range(256)) * 5000])
def test_mapped_file_gives_the_bytes_and_their_sha256(content: bytes | None, tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    if content is not None:
        path.write_bytes(content)
    for hashed in (True, False):
        with MappedFile(path, hashed=hashed) as mapped:
            assert mapped.exists == (content is not None)
            assert bytes(mapped.view) == (content or b"") and mapped.data[:] == (content or b"")
            expected = sha256_file(path) if content is not None else sha256_file(tmp_path / "empty")
            assert mapped.sha256() == expected == mapped.sha256()


@pytest.fixture(autouse=True)
def _empty(tmp_path: Path) -> None:
    (tmp_path / "empty").write_bytes(b"")


def _line(**fields: object) -> str:
    rec = Record(id="a1", source="MEDLINE", title="T", year=2020, language="English")
    row = rec.to_json()
    row.update(fields)
    return dumps_line(row)


HOSTILE = [
    _line(),
    _line(title='Quotes " and \\ backslash, a ,"journal": inside', abstract='Has ,"language":"xx" and ,"type":"y"'),
    _line(authors=['Smith ], J', 'x],"year":1'], year=None, language=""),
    _line(title="Unicode \u2028 \u0085 é 漢字", language='lang "q"'),
    _line(journal='J ,"language":"no"', keywords=["a", 'b"],"language":"zz'], type='t,"type":"u'),
    _line(year=2**70),  # beyond 64 bits: orjson refuses, json reads it
    _line(id=7, source=8, title=None, language=None),  # odd types: converted as a whole-line decode does
    json.dumps({"title": "Other key order", "id": "a1", "year": 1999, "source": "Embase", "language": "fre"}),
    json.dumps({"id": "a1", "source": "S", "title": "Lone \ud800 surrogate", "authors": [], "year": 1, "journal": "",
                "language": "x", "type": ""}),
    json.dumps({"id": "a1", "source": "S", "title": "No language key", "authors": [], "year": 1, "journal": ""}),
]


@pytest.mark.parametrize("line", HOSTILE)
def test_record_head_decoding_equals_whole_line_decoding(line: str, tmp_path: Path) -> None:
    obj = json.loads(line)
    expected = (str(obj["id"]), str(obj["source"]), obj.get("title") or "", obj.get("year"), obj.get("language") or "")
    assert include._summary(line) == expected
    path = tmp_path / "rev" / "import" / "records.jsonl"
    path.parent.mkdir(parents=True)
    path.write_bytes((line + "\n\n" + line.replace('"a1"', '"a0"', 1) + "\n").encode("utf-8", "surrogatepass"))
    got = include.read_records(Project(tmp_path / "rev"), Protocol(title="t"))
    assert got[expected[0]][:2] == expected[:2] and got[expected[0]][3:] == expected[2:]


def test_a_bad_record_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rev" / "import" / "records.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(_line() + "\n" + _line(id="a2") + "\n" + '{"id": "a3", "source": \n')
    with pytest.raises(ParseError, match=r"records.jsonl:3: not a record line"):
        include.read_records(Project(tmp_path / "rev"), Protocol(title="t"))


def test_cold_and_warm_runs_write_the_same_bytes(project: Project) -> None:
    prisma.run(project)
    warm_files = {p: p.read_bytes() for p in (project.include_log_path, project.prisma_json_path, project.lock_path)}
    assert project.prisma_cache_path.exists()
    shutil.rmtree(project.cache_dir)
    prisma.run(project)  # cold: no cache
    assert {p: p.read_bytes() for p in warm_files} == warm_files
    assert prisma.check(project).ok  # warm
    shutil.rmtree(project.cache_dir)
    assert prisma.check(project).ok  # cold, and writing nothing, not even the cache
    assert not project.cache_dir.exists()
    assert json.loads(project.lock_path.read_text())["stages"]["prisma"]["inputs"]["import/records.jsonl"] == sha256_file(
        project.records_path
    )


def test_prisma_check_starts_without_heavy_imports(project: Project) -> None:
    prisma.run(project)
    code = (
        "import sys\n"
        "sys.argv = ['review', 'prisma', '--check']\n"
        "from review_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "heavy = {'rich', 'pydantic', 'sklearn', 'numpy', 'scipy', 'httpx', 'rispy', 'rapidfuzz'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", code], cwd=project.root, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert "PRISMA files are up to date." in done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
def test_records_read_by_a_child_process_give_the_same_files(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    prisma.run(project)
    serial = {p: p.read_bytes() for p in (project.include_log_path, project.prisma_json_path, project.lock_path)}
    results: list[object] = []
    real_result = include._Forked.result
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    monkeypatch.setattr(include._Forked, "result", lambda self: results.append(real_result(self)) or results[-1])
    shutil.rmtree(project.cache_dir)
    prisma.run(project)
    # The cold run took the record summaries, then the log's pieces, from two children ...
    assert len(results) == 2 and all(r for r in results)
    assert {p: p.read_bytes() for p in serial} == serial
    # ... and the second one writes the cache after sending them, without the command waiting;
    # the next run reads it.
    include.finish_background()
    assert include._BACKGROUND == [] and project.prisma_cache_path.exists()
    results.clear()
    prisma.run(project)
    assert results == [] and {p: p.read_bytes() for p in serial} == serial
    shutil.rmtree(project.cache_dir)
    assert prisma.check(project).ok
    assert len(results) == 2 and all(r for r in results)
    assert not project.cache_dir.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
@pytest.mark.parametrize("fails_after", [None, 0, 2])
def test_the_log_streamed_by_a_child_in_chunks_is_the_same(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                           fails_after: int | None) -> None:
    """The child sends the log's pieces a few records at a time; if it fails after any chunk
    (or before the first), this process makes the whole log itself: same bytes."""
    prisma.run(project)
    serial = {p: p.read_bytes() for p in (project.include_log_path, project.prisma_json_path)}
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    monkeypatch.setattr(include, "PIECES_CHUNK", 3)
    parent, real = os.getpid(), include.iter_log_pieces

    def failing(*args: object) -> object:
        for n, chunk in enumerate(real(*args)):  # type: ignore[arg-type]
            if os.getpid() != parent and n == fails_after:
                raise RuntimeError("the child fails here")
            yield chunk

    monkeypatch.setattr(include, "iter_log_pieces", failing)
    results: list[object] = []
    real_result = include._Forked.result
    monkeypatch.setattr(include._Forked, "result", lambda self: results.append(real_result(self)) or results[-1])
    shutil.rmtree(project.cache_dir)
    prisma.run(project)
    assert {p: p.read_bytes() for p in serial} == serial
    records = len(project.records_path.read_text().splitlines())
    chunks = -(-records // 3)
    if fails_after is None:
        assert len(results) == 1 + chunks and all(results)
        include.finish_background()
        assert project.prisma_cache_path.exists()  # written by the child after its last chunk
    else:
        assert len(results) == 2 + fails_after and results[-1] is None and all(results[:-1])
    shutil.rmtree(project.cache_dir, ignore_errors=True)
    assert prisma.check(project).ok


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
def test_a_bad_record_line_is_reported_the_same_with_a_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    path = tmp_path / "rev" / "import" / "records.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(_line() + "\n" + _line(id="a2") + "\n" + '{"id": "a3", "source": \n')
    project = Project(tmp_path / "rev")
    with MappedFile(path) as mapped:
        forked = include._fork_static(project, Protocol(title="t"), mapped, pieces=False, cache=False)
        assert forked is not None
        with pytest.raises(ParseError, match=r"records.jsonl:3: not a record line"):
            include.read_records(project, Protocol(title="t"), mapped, forked)
        forked.close()
    with MappedFile(path) as mapped:  # a child whose result is never collected is stopped, not left behind
        forked = include._fork_static(project, Protocol(title="t"), mapped, pieces=False, cache=False)
        assert forked is not None
        pid = forked._pid
        forked.close()
        with pytest.raises(ChildProcessError):  # reaped: no longer this process's child
            os.waitpid(pid, os.WNOHANG)


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
def test_a_child_is_started_only_when_the_cache_is_missing_or_older(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    prisma.run(project)  # writes the cache, newer than the records

    def started() -> bool:
        with MappedFile(project.records_path) as mapped:
            forked = include._fork_static(project, Protocol(title="t"), mapped, pieces=False, cache=False)
            if forked is not None:
                forked.close()
            return forked is not None

    assert not started()
    later = project.prisma_cache_path.stat().st_mtime_ns + 10**9
    os.utime(project.records_path, ns=(later, later))  # an import rewrote the records since
    assert started()
    shutil.rmtree(project.cache_dir)
    assert started()


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
def test_a_child_making_the_log_is_waited_for_when_the_counts_do_not_add_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    project = fx.build(tmp_path / "rev", reconcile=False)  # a title/abstract conflict stays open
    pids: list[int] = []
    real_init = include._Forked.__init__

    def init(self: include._Forked, *args: object) -> None:
        real_init(self, *args)  # type: ignore[arg-type]
        pids.append(self._pid)

    monkeypatch.setattr(include._Forked, "__init__", init)
    with pytest.raises(ReviewError, match="do not add up"):
        prisma.run(project)
    assert len(pids) == 1  # one child: the summaries, then the log's pieces
    for pid in pids:
        with pytest.raises(ChildProcessError):  # no child left behind, running or unreaped
            os.waitpid(pid, os.WNOHANG)


def test_ctrl_c_while_prisma_writes_leaves_its_files_and_lock_together(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    prisma.run(project)
    fx.decide(project, fx.Stage.FULL_TEXT, "alice", "K1", "exclude", "design", second=999)  # one count changes
    real = prisma.write_bytes

    def interrupted(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C on the first file written
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prisma, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        prisma.run(project)
    monkeypatch.undo()
    # Delivered once every file and review.lock were written: they agree, as after a whole run.
    assert prisma.check(project).ok
    entry = json.loads(project.lock_path.read_text())["stages"]["prisma"]
    assert entry["outputs"]["prisma/prisma.json"] == sha256_file(project.prisma_json_path)


def test_dedup_leaves_the_cache_a_cold_prisma_run_writes(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from review_cli.stages import dedup

    # A record imported since the fixture's clusters: dedup clusters it (with its copy, or alone).
    first = project.records_path.read_text().splitlines()[0]
    copy = json.loads(first) | {"id": "zz-copy", "source": "Embase"}
    project.records_path.write_text(project.records_path.read_text() + dumps_line(copy) + "\n")
    dedup.run(project)
    warmed = marshal.loads(project.prisma_cache_path.read_bytes())  # (bytes differ by marshal's back-references)
    shutil.rmtree(project.cache_dir)
    prisma.run(project, allow_pending=True)  # cold: computes and writes the cache itself
    assert marshal.loads(project.prisma_cache_path.read_bytes()) == warmed

    # The first `review prisma` after a dedup reads that cache: no record line is decoded.
    copy2 = copy | {"id": "zz-copy2", "source": "CINAHL"}
    project.records_path.write_text(project.records_path.read_text() + dumps_line(copy2) + "\n")
    shutil.rmtree(project.cache_dir)
    dedup.run(project)

    def no_records(*_: object) -> None:
        raise AssertionError("records.jsonl decoded")

    with monkeypatch.context() as patched:
        patched.setattr(include, "_summaries", no_records)
        prisma.run(project, allow_pending=True)
    shutil.rmtree(project.cache_dir)
    assert prisma.check(project, allow_pending=True).ok  # the same files as a cold run
    assert '"id":"zz-copy2"' in project.include_log_path.read_text()


def test_dedup_does_not_fail_on_the_cache_when_review_toml_is_broken(project: Project) -> None:
    from review_cli.stages import dedup

    text = project.protocol_path.read_text()
    project.protocol_path.write_text(text.replace("[[sources]]", "[[sourcez]]", 1))
    result = dedup.run(Project(project.root))  # a fresh Project: the protocol is read again
    assert result.clusters > 0 and project.clusters_path.exists()
    assert not project.prisma_cache_path.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="the child process is used on Linux only")
def test_a_child_without_room_for_its_values_leaves_the_work_here(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    prisma.run(project)
    serial = {p: p.read_bytes() for p in (project.include_log_path, project.prisma_json_path)}
    monkeypatch.setattr(include, "FORK_BYTES", 0)
    real_start = include._Forked.start.__func__  # type: ignore[attr-defined]
    started: list[include._Forked] = []

    def tiny(cls: type[include._Forked], work: object, room: int) -> include._Forked | None:
        forked = real_start(cls, work, 64)  # no value fits in 64 bytes
        started.append(forked)
        return forked

    monkeypatch.setattr(include._Forked, "start", classmethod(tiny))
    shutil.rmtree(project.cache_dir)
    prisma.run(project)
    assert len(started) == 1 and started[0].taken == 0
    assert {p: p.read_bytes() for p in serial} == serial
    assert project.prisma_cache_path.exists()  # made here instead, as without a child
