"""`review fulltext fetch | attach | missing` against a local fake of Unpaywall, Europe PMC,
OpenAlex and the servers hosting the reports: what is kept, what is refused, and that nothing
partial is ever left."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_cli.errors import ReviewError
from review_cli.io.writer import write_jsonl, write_text
from review_cli.model import Origin, Record, Stage, Verdict
from review_cli.project import Project
from review_cli.stages import fulltext, init, team
from review_cli.store import fulltext as store
from review_cli.store import lock

from .conftest import invoke, snapshot
from .fulltext_fakes import FullTextFake, FullTextServer, Paper, child_env, pdf_bytes

PROTOCOL = """\
schema = 1

[review]
title = "Carers at discharge"

[[exclusion_reasons]]
code = "design"
label = "Wrong study design"

[[reviewers]]
name = "alice"
"""

DOIS = {f"r{i}": f"10.1000/paper.{i}" for i in range(1, 7)}


def make_review(root: Path, include: tuple[str, ...] = tuple(DOIS)) -> Project:
    """Six records with DOIs (r1-r6, plus r7 with none), the given ones included at
    title/abstract, the rest excluded."""
    init.run(root)
    project = Project(root)
    write_text(project.protocol_path, PROTOCOL)
    ids = [*DOIS, "r7"]
    records = [
        Record(id=rid, source="MEDLINE", title=f"Made-up study {rid} of carers", year=2020,
               authors=(f"Author {rid}",), doi=DOIS.get(rid, ""),
               pmid=str(100 + n) if rid == "r5" else "",
               origins=(Origin("MEDLINE", "searches/medline/x.ris", f"#{n}", n),))
        for n, rid in enumerate(ids, start=1)
    ]
    write_jsonl(project.records_path, [r.to_json() for r in records])
    chosen = set(include) | {"r7"}
    team.decide(project, Stage.TITLE_ABSTRACT, "alice", [
        team.Wanted(rid, Verdict.INCLUDE if rid in chosen else Verdict.EXCLUDE) for rid in ids
    ])
    return project


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FullTextFake]:
    f = FullTextFake(papers=[
        Paper(doi=DOIS["r1"], unpaywall=["one.pdf"]),  # found at once
        Paper(doi=DOIS["r2"], unpaywall=["landing"], openalex_pdf=["two.pdf"]),  # HTML, then PDF
        Paper(doi=DOIS["r3"], unpaywall=["gone"], europepmc_pdf=["three.pdf"]),  # 404, then EPMC
        Paper(doi=DOIS["r4"], unpaywall=["slow"], openalex_pdf=["four-429"]),  # timeout, 429
        Paper(doi=DOIS["r5"], pmid="105", unpaywall=["cut"], pmcid="PMC555"),  # cut, then XML
        Paper(doi=DOIS["r6"], unpaywall=["landing"]),  # nothing but a landing page
    ], files={"one.pdf": "pdf", "landing": "html", "two.pdf": "octet", "gone": "404",
              "three.pdf": "pdf", "slow": "timeout", "four-429": "429", "cut": "truncated"})
    with FullTextServer(f) as server:
        server.point(monkeypatch)
        monkeypatch.setenv("REVIEW_EMAIL", "reviewer@example.org")
        yield f


def at(day: str):  # type: ignore[no-untyped-def]
    return lambda: dt.datetime.fromisoformat(day + "T10:00:00+00:00")


def temp_files(project: Project) -> list[str]:
    folder = project.fulltext_dir
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) \
        if folder.is_dir() else []


def test_fetch_keeps_only_whole_pdfs_and_says_why_for_the_rest(
    tmp_path: Path, fake: FullTextFake
) -> None:
    project = make_review(tmp_path / "rev")
    result = fulltext.fetch(project, host_interval=0, now=at("2024-05-02"))
    by = {o.unit: o for o in result.outcomes}
    assert result.counts() == {"fetched": 5, "present": 0, "not-found": 1, "no-ids": 1}

    # A found PDF, stored under the unit's id with its index line.
    assert by["r1"].status == "fetched" and by["r1"].source == "unpaywall"
    one = project.root / "fulltext" / "r1.pdf"
    assert one.read_bytes() == pdf_bytes("Report one.pdf")
    # A landing page that is HTML, not PDF: refused; OpenAlex's PDF (sent as octet-stream) kept.
    assert by["r2"].source == "openalex" and by["r2"].file == "fulltext/r2.pdf"
    assert "HTML page" in by["r2"].tried[0] and "not a pdf" in by["r2"].tried[0]
    # A 404, then Europe PMC's PDF.
    assert "HTTP 404" in by["r3"].tried[0] and by["r3"].source == "europepmc"
    # A timeout, then a 429 with Retry-After that is waited for and retried.
    assert "no answer within" in by["r4"].tried[0] and by["r4"].status == "fetched"
    assert fake.hits["four-429"] == 2
    # A truncated download is never stored as a PDF: Europe PMC's XML full text is what
    # there is.
    assert "cut off" in by["r5"].tried[0]
    assert by["r5"].kind == "xml" and (project.root / "fulltext" / "r5.xml").is_file()
    assert not (project.root / "fulltext" / "r5.pdf").exists()
    # Nothing but a landing page; and a record with no id at all.
    assert by["r6"].status == "not-found" and "HTML page" in by["r6"].tried[0]
    assert by["r7"].status == "no-ids"

    index = store.read_index(project)
    assert sorted(index) == ["r1", "r2", "r3", "r4", "r5"]
    e = index["r1"]
    assert (e.file, e.kind, e.source, e.licence, e.time) == (
        "fulltext/r1.pdf", "pdf", "unpaywall", "cc-by", "2024-05-02T10:00:00Z")
    assert e.url == fake.file_url("one.pdf") and e.size == one.stat().st_size
    assert e.sha256 == "sha256:" + __import__("hashlib").sha256(one.read_bytes()).hexdigest()
    assert temp_files(project) == []
    # The index is versioned, the reports are not (the protocol did not opt in).
    ignore = (project.fulltext_dir / ".gitignore").read_text(encoding="utf-8")
    assert "*\n!.gitignore\n!.gitattributes\n!index.jsonl\n" in ignore
    assert not (project.fulltext_dir / ".gitattributes").exists()
    assert lock.load(project)["stages"]["fulltext"]["outputs"] == {
        "fulltext/index.jsonl": "sha256:" + __import__("hashlib").sha256(
            project.fulltext_index_path.read_bytes()).hexdigest()}
    # The contact e-mail reached Unpaywall, and no review file.
    assert any(p.get("email") == "reviewer@example.org" for _, p in fake.requests)
    for name, data in snapshot(project).items():
        assert b"reviewer@example.org" not in data and b"reviewer%40example.org" not in data, name


def test_a_rerun_downloads_nothing_new(tmp_path: Path, fake: FullTextFake) -> None:
    project = make_review(tmp_path / "rev", include=("r1", "r3"))
    fulltext.fetch(project, host_interval=0)
    before, asked = snapshot(project), len(fake.requests)
    again = fulltext.fetch(project, host_interval=0)
    assert again.counts()["fetched"] == 0 and again.counts()["present"] == 2
    # r7 (no ids) is looked at again, but nothing is asked of any service for r1 and r3.
    assert len(fake.requests) == asked and snapshot(project) == before
    # A fresh clone has the index but not the (git-ignored) reports: they are fetched again.
    (project.root / "fulltext" / "r1.pdf").unlink()
    third = fulltext.fetch(project, host_interval=0)
    assert [o.unit for o in third.outcomes if o.status == "fetched"] == ["r1"]


def test_an_interrupted_download_leaves_no_partial_file(
    tmp_path: Path, fake: FullTextFake
) -> None:
    project = make_review(tmp_path / "rev", include=("r1", "r2"))
    fake.papers[1].unpaywall = ["big"]
    fake.files["big"] = "interrupt"  # the server sends half, then Ctrl-C reaches us
    with pytest.raises(KeyboardInterrupt):
        fulltext.fetch(project, host_interval=0)
    # r1 was committed before the interrupt; r2 left nothing behind, not even a temp file.
    assert sorted(store.read_index(project)) == ["r1"]
    assert sorted(p.name for p in project.fulltext_dir.iterdir()) == [
        ".gitignore", "index.jsonl", "r1.pdf"]
    # The next run picks up where it stopped.
    fake.files["big"] = "pdf"
    result = fulltext.fetch(project, host_interval=0)
    assert {o.unit: o.status for o in result.outcomes} == {
        "r1": "present", "r2": "fetched", "r7": "no-ids"}


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child there")
def test_ctrl_c_in_the_command_leaves_no_partial_file(tmp_path: Path) -> None:
    fake = FullTextFake(papers=[Paper(doi=DOIS["r1"], unpaywall=["big"])], files={"big": "stall"})
    project = make_review(tmp_path / "rev", include=("r1",))
    with FullTextServer(fake) as server:
        env = child_env(server.url) | {"REVIEW_EMAIL": "reviewer@example.org"}
        child = subprocess.Popen(
            [sys.executable, "-m", "review_cli", "fulltext", "fetch", "r1"], cwd=project.root,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
        )
        assert fake.stalled.wait(30), "the download never started"
        deadline = time.monotonic() + 10
        while not temp_files(project) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert temp_files(project), "the download is written to a temp file beside its place"
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=30)
    assert child.returncode == 130 and "Interrupted." in err and "Traceback" not in err
    assert sorted(p.name for p in project.fulltext_dir.iterdir()) == [".gitignore"]


def test_no_email_for_unpaywall_is_a_clear_error(
    tmp_path: Path, fake: FullTextFake, monkeypatch: pytest.MonkeyPatch, runner
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("REVIEW_EMAIL")
    project = make_review(tmp_path / "rev", include=("r1",))
    before = snapshot(project)
    result = invoke(runner, project, "fulltext", "fetch")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Unpaywall needs a contact e-mail" in result.output
    assert "[fulltext]" in result.output and "REVIEW_EMAIL" in result.output
    assert snapshot(project) == before and fake.requests == []
    # Without Unpaywall no e-mail is needed; with one in the protocol Unpaywall is asked.
    without = invoke(runner, project, "fulltext", "fetch", "--from", "europepmc,openalex")
    assert without.exit_code == 0 and "r1: no open-access copy found" in without.output
    assert "0 report(s) fetched, 0 already there, 2 not found" in without.output
    assert "`review fulltext missing` lists them" in without.output
    write_text(project.protocol_path, PROTOCOL + '\n[fulltext]\nemail = "me@example.org"\n')
    (project.root / "fulltext" / "r1.pdf").unlink(missing_ok=True)
    assert invoke(runner, project, "fulltext", "fetch").exit_code == 0
    assert any(p.get("email") == "me@example.org" for _, p in fake.requests)


def test_an_id_not_in_the_review_changes_nothing(
    tmp_path: Path, fake: FullTextFake, runner
) -> None:  # type: ignore[no-untyped-def]
    project = make_review(tmp_path / "rev")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(pdf_bytes("a report"))
    before = snapshot(project)
    for args in (("fetch", "r1", "nosuchid"), ("attach", "nosuchid", str(pdf))):
        result = invoke(runner, project, "fulltext", *args)
        assert result.exit_code == 1 and "not in the review: nosuchid" in result.output
        assert "Hint:" in result.output and "Traceback" not in result.output
    assert snapshot(project) == before and fake.requests == []


def test_attach_takes_a_pdf_and_refuses_anything_else(
    tmp_path: Path, runner
) -> None:  # type: ignore[no-untyped-def]
    project = make_review(tmp_path / "rev")
    before = snapshot(project)
    word = tmp_path / "report.docx"
    word.write_bytes(b"PK\x03\x04 a Word file")
    html = tmp_path / "page.pdf"  # a saved web page, named .pdf
    html.write_bytes(b"<!DOCTYPE html><html>...</html>")
    for path in (word, html, tmp_path / "nowhere.pdf", tmp_path):
        result = invoke(runner, project, "fulltext", "attach", "r2", str(path))
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert "nothing was changed" in result.output
    assert "is not a PDF" in invoke(runner, project, "fulltext", "attach", "r2", str(word)).output
    assert snapshot(project) == before

    pdf = tmp_path / "from-the-library.pdf"
    pdf.write_bytes(pdf_bytes("the report of r2"))
    result = invoke(runner, project, "fulltext", "attach", "r2", str(pdf), "--licence",
                    "all rights reserved", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["file"] == "fulltext/r2.pdf" and not data["replaced"]
    entry = store.read_index(project)["r2"]
    assert entry.source == "attached" and entry.licence == "all rights reserved"
    assert (project.root / "fulltext" / "r2.pdf").read_bytes() == pdf.read_bytes()
    # The same file again changes nothing; another one needs --replace.
    assert "nothing changed" in invoke(runner, project, "fulltext", "attach", "r2",
                                       str(pdf)).output
    other = tmp_path / "better.pdf"
    other.write_bytes(pdf_bytes("a better copy"))
    refused = invoke(runner, project, "fulltext", "attach", "r2", str(other))
    assert refused.exit_code == 1 and "--replace" in refused.output
    assert invoke(runner, project, "fulltext", "attach", "r2", str(other), "--replace"
                  ).exit_code == 0
    assert (project.root / "fulltext" / "r2.pdf").read_bytes() == other.read_bytes()


def test_missing_lists_the_ids_to_request_and_not_retrieved_stays_a_decision(
    tmp_path: Path, runner
) -> None:  # type: ignore[no-untyped-def]
    project = make_review(tmp_path / "rev", include=("r1", "r2", "r5"))
    pdf = tmp_path / "r1.pdf"
    pdf.write_bytes(pdf_bytes("r1"))
    fulltext.attach(project, "r1", pdf)
    team.decide(project, Stage.FULL_TEXT, "alice", [team.Wanted("r5", Verdict.NOT_RETRIEVED)])
    result = invoke(runner, project, "fulltext", "missing")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.strip().split("\n")]
    assert rows[0][:3] == ["unit", "doi", "pmid"]
    assert [r[:3] for r in rows[1:]] == [["r2", DOIS["r2"], ""], ["r5", DOIS["r5"], "105"],
                                         ["r7", "", ""]]
    assert rows[2][-1] == "not-retrieved"
    assert "1 of 4 reports sought are in fulltext/; 3 missing (1 already decided" in result.output
    data = json.loads(invoke(runner, project, "fulltext", "missing", "--json").stdout)
    assert data["sought"] == 4 and data["with_report"] == 1
    # PRISMA counts the reviewer's not-retrieved decision, not the missing files.
    from review_cli.stages import include, prisma

    flow = prisma.compute(include.build(project), allow_pending=True)
    assert flow.counts["dbr_sought_reports"] == 4 and flow.counts["dbr_notretrieved_reports"] == 1


def test_commit_policy_follows_the_protocol(tmp_path: Path) -> None:
    project = make_review(tmp_path / "rev", include=("r1",))
    assert "!index.jsonl" in (project.fulltext_dir / ".gitignore").read_text(encoding="utf-8")
    pdf = tmp_path / "r1.pdf"
    pdf.write_bytes(pdf_bytes("r1"))
    write_text(project.protocol_path, PROTOCOL + '\n[fulltext]\ncommit = "lfs"\n')
    fulltext.attach(Project(project.root), "r1", pdf)
    assert "\n*\n" not in (project.fulltext_dir / ".gitignore").read_text(encoding="utf-8")
    assert "*.pdf filter=lfs" in (project.fulltext_dir / ".gitattributes").read_text(
        encoding="utf-8")
    write_text(project.protocol_path, PROTOCOL + '\n[fulltext]\ncommit = "git"\n')
    fulltext.attach(Project(project.root), "r1", pdf, replace=True)
    assert not (project.fulltext_dir / ".gitattributes").exists()
    write_text(project.protocol_path, PROTOCOL + '\n[fulltext]\ncommit = "svn"\n')
    with pytest.raises(ReviewError, match="fulltext.commit"):
        Project(project.root).protocol  # noqa: B018


@pytest.mark.skipif(not __import__("shutil").which("git"), reason="git is not installed")
def test_git_ignores_the_reports_and_keeps_the_index(tmp_path: Path) -> None:
    project = make_review(tmp_path / "rev", include=("r1",))
    pdf = tmp_path / "r1.pdf"
    pdf.write_bytes(pdf_bytes("r1"))
    fulltext.attach(project, "r1", pdf)
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True, env=env)
    out = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                         cwd=project.root, check=True, env=env, capture_output=True,
                         text=True).stdout
    assert "fulltext/index.jsonl" in out and "fulltext/.gitignore" in out
    assert "r1.pdf" not in out


def test_retry_after_is_honoured_and_each_host_is_paced(fake: FullTextFake) -> None:
    from review_cli.search.download import Downloader
    from review_cli.search.http import Settings

    slept: list[float] = []
    kept: list[bytes] = []

    def write(kind: str, chunks: Iterator[bytes]) -> str:
        kept.append(b"".join(chunks))
        return kind

    settings = Settings(timeout=2, retries=2, backoff=0.001, max_backoff=5, pace=1)
    with Downloader(settings, host_interval=30, sleep=slept.append) as d:
        got = d.get(fake.file_url("four-429"), ["pdf"], write)
        assert got.kind == "pdf" and kept[0] == pdf_bytes("Report four-429")
        # Retry-After: 1 is waited for, then the host's turn (this fake clock never moves).
        assert d.retried == 1 and 1.0 <= slept[0] < 1.2 and 29 < slept[1] <= 30
        d.get(fake.file_url("one.pdf"), ["pdf"], write)  # the same host: waits its turn
        assert len(slept) == 3 and 29 < slept[2] <= 30
        d.get(fake.file_url("one.pdf").replace("127.0.0.1", "localhost"), ["pdf"], write)
        assert len(slept) == 3  # another host: no wait


def test_a_pdf_cut_short_without_a_length_is_never_kept(
    tmp_path: Path, fake: FullTextFake
) -> None:
    from review_cli.search.download import Downloader, Unavailable
    from review_cli.search.http import Settings

    fake.files["cut-no-length"] = "noeof"  # no Content-Length; the connection just closes
    project = make_review(tmp_path / "rev", include=("r1",))
    fake.papers[0].unpaywall = ["cut-no-length"]
    result = fulltext.fetch(project, host_interval=0)
    [r1] = [o for o in result.outcomes if o.unit == "r1"]
    assert r1.status == "not-found" and "no end-of-file marker" in r1.tried[0]
    assert sorted(p.name for p in project.fulltext_dir.iterdir()) == [".gitignore"]
    with Downloader(Settings(timeout=2, retries=0), host_interval=0) as d:
        with pytest.raises(Unavailable, match="cut off"):
            d.get(fake.file_url("cut-no-length"), ["pdf"], lambda kind, chunks: str(list(chunks)))


def test_status_counts_the_reports_sought_and_in_fulltext(
    tmp_path: Path, runner
) -> None:  # type: ignore[no-untyped-def]
    project = make_review(tmp_path / "rev", include=("r1", "r5"))  # and r7
    data = json.loads(invoke(runner, project, "status", "--json").stdout)
    assert data["stages"]["fulltext"] == {"reports sought": 3, "in fulltext/": 0}
    pdf = tmp_path / "r1.pdf"
    pdf.write_bytes(pdf_bytes("r1"))
    fulltext.attach(project, "r1", pdf)
    # One put there by hand counts too, as for `fulltext fetch`; a temp file does not.
    (project.fulltext_dir / "r5.html").write_text("<html>r5</html>", encoding="utf-8")
    (project.fulltext_dir / ".r7.pdf.abc.tmp").write_bytes(b"%PDF-")
    result = invoke(runner, project, "status")
    assert "fulltext: reports sought 3, in fulltext/ 2" in result.output
    assert json.loads(invoke(runner, project, "status", "--json").stdout)["stages"][
        "fulltext"] == {"reports sought": 3, "in fulltext/": 2}


def test_an_html_full_text_is_kept_only_when_no_pdf_can_be_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = FullTextFake(papers=[
        Paper(doi=DOIS["r1"], unpaywall=["landing"], europepmc_html=["article.html"]),
        Paper(doi=DOIS["r2"], europepmc_pdf=["two.pdf"], europepmc_html=["two.html"]),
    ], files={"landing": "html", "article.html": "html", "two.pdf": "pdf", "two.html": "html"})
    with FullTextServer(f) as server:
        server.point(monkeypatch)
        monkeypatch.setenv("REVIEW_EMAIL", "reviewer@example.org")
        project = make_review(tmp_path / "rev", include=("r1", "r2"))
        result = fulltext.fetch(project, host_interval=0, now=at("2024-05-02"))
    by = {o.unit: o for o in result.outcomes}
    # Unpaywall's link is a landing page, refused as a PDF; Europe PMC says its HTML is the
    # full text, so that is kept, as HTML, under the unit's id.
    assert by["r1"].status == "fetched" and by["r1"].kind == "html", by["r1"]
    assert by["r1"].source == "europepmc" and by["r1"].file == "fulltext/r1.html"
    assert (project.root / "fulltext" / "r1.html").read_bytes().startswith(b"<!DOCTYPE html>")
    # Where a PDF is there too, the PDF is the report and the HTML is not fetched.
    assert by["r2"].kind == "pdf" and by["r2"].file == "fulltext/r2.pdf"
    assert not (project.root / "fulltext" / "r2.html").exists() and "two.html" not in f.hits
    index = store.read_index(project)
    assert index["r1"].kind == "html" and index["r1"].file == "fulltext/r1.html"
    assert index["r1"].sha256.startswith("sha256:") and index["r1"].size > 0


SECRETS = ("reviewer@example.org", "reviewer%40example.org", "sekret-key-123")


def test_nothing_secret_reaches_the_review_from_a_server_that_echoes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner
) -> None:
    """Unpaywall needs the e-mail and OpenAlex may take a key; a server or proxy that echoes
    them into its answers and links must not get them into any file of the review."""
    f = FullTextFake(papers=[
        Paper(doi=DOIS["r1"], unpaywall=["one.pdf"]),
        Paper(doi=DOIS["r2"], openalex_pdf=["two.pdf"]),
        Paper(doi=DOIS["r3"], unpaywall=["gone"], europepmc_pdf=["three.pdf"]),
        Paper(doi=DOIS["r5"], pmid="105", pmcid="PMC555"),
    ], files={"one.pdf": "pdf", "two.pdf": "pdf", "three.pdf": "pdf", "gone": "404"},
        echo=True)
    with FullTextServer(f) as server:
        server.point(monkeypatch)
        monkeypatch.setenv("REVIEW_EMAIL", SECRETS[0])
        monkeypatch.setenv("OPENALEX_API_KEY", SECRETS[2])
        project = make_review(tmp_path / "rev", include=("r1", "r2", "r3", "r5"))
        done = invoke(runner, project, "fulltext", "fetch")
    assert done.exit_code == 0, done.output
    assert any(SECRETS[0] in p.get("email", "") for _, p in f.requests)  # it was sent ...
    urls = [e.url for e in store.read_index(project).values()]
    assert urls and not [u for u in urls if any(secret in u for secret in SECRETS)], urls
    for name, data in snapshot(project).items():  # ... and echoed, but kept out of every file
        for secret in SECRETS:
            assert secret.encode() not in data, (name, secret)
    for secret in SECRETS:
        assert secret not in done.output, secret
    assert len(store.read_index(project)) == 4  # every report found, the echo notwithstanding
