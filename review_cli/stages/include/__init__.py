"""The inclusion log: every record's final status across the stages.

One line per imported record in `include/log.jsonl`, sorted by id: which screening unit (dedup
cluster) it belongs to, which PRISMA arm counts it, and where it left the flow (a duplicate of
which record, ineligible by automation and why, excluded at title/abstract or full text with the
reason, not retrieved, included, or still waiting for a decision). `review prisma` counts its
boxes from the same `Inclusion`, so the log and the diagram can never disagree.

Arms: a dedup cluster holding at least one database or register record belongs to the
"databases and registers" arm, and its records from other methods (websites, organisations,
citation searching) are counted as duplicates in the other-methods arm, which PRISMA 2020 uses
for studies not already found in the databases. A cluster of other-method records only belongs
to the other-methods arm.
"""

from __future__ import annotations

import gc
import json
import marshal
import mmap
import os
import re
import signal
import struct
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import repeat
from json.encoder import encode_basestring
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import orjson

from review_cli.errors import ParseError
from review_cli.io.mapped import MappedFile
from review_cli.io.writer import interrupts_deferred, sha256_bytes, write_bytes
from review_cli.model import Record, SourceKind, Stage, Verdict, best_value
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.store import lock
from review_cli.store.decisions import Final, final_decisions

STAGE = "include"
DBR_KINDS = (SourceKind.DATABASE, SourceKind.REGISTER)
NOT_SCREENED_WHY = "not screened: screening stopped by the stopping rule (screening.unscreened = \"automation\")"


class Arm(StrEnum):
    """Which side of the PRISMA 2020 diagram counts a unit."""

    DBR = "databases-registers"
    OTHER = "other-methods"


class Status(StrEnum):
    """Where a record left the flow (or that it has not left it yet)."""

    DUPLICATE = "duplicate"  # another record of its cluster stands for it
    INELIGIBLE = "ineligible-automation"  # the protocol's limits (or the stopping rule) removed it
    EXCLUDED_TA = "excluded-title-abstract"
    PENDING_TA = "pending-title-abstract"  # no final title/abstract decision (unscreened, maybe, conflict)
    NOT_RETRIEVED = "not-retrieved"  # sought for retrieval, full text not obtained
    EXCLUDED_FT = "excluded-full-text"
    PENDING_FT = "pending-full-text"  # included at title/abstract, no final full-text decision
    INCLUDED = "included"


PENDING = (Status.PENDING_TA, Status.PENDING_FT)
EMPTY = '""'
_VALUE: dict[Arm | Status, str] = {m: m.value for m in (*Arm, *Status)}  # enum .value is slow in a hot loop


class RecordInfo(NamedTuple):
    """The few fields of a record the flow needs (a tuple: 100,000 of them are built per run)."""

    id: str
    source: str
    kind: SourceKind
    title: str
    year: int | None
    language: str


class Unit(NamedTuple):
    """One screening unit (dedup cluster) and its final status."""

    id: str
    arm: Arm
    kept: str  # the record that stands for the unit in the flow
    members: tuple[str, ...]
    status: Status
    reason: str = ""  # exclusion reason code, or why automation removed it
    detail: str = ""  # what a pending unit waits for


@dataclass
class Inclusion:
    protocol: Protocol
    records: dict[str, RecordInfo]
    units: dict[str, Unit]
    ta: dict[str, Final]
    ft: dict[str, Final]
    orphans: dict[str, list[str]] = field(default_factory=dict)  # stage -> decided ids that are no unit
    warnings: list[str] = field(default_factory=list)
    # `log_pieces(records, statics)` as build() made them (set to None after changing records or units)
    log_pieces: list[Piece] | None = None
    pending_pieces: _Forked | None = None  # a child making `log_pieces` (see `build`)

    def unit_of(self) -> dict[str, Unit]:
        return {rid: u for u in self.units.values() for rid in u.members}

    def reason_label(self, code: str) -> str:
        labels = {r.code: r.label for r in self.protocol.reasons}
        return labels.get(code, code)

    def _entries(self) -> Iterator[tuple[str, str, RecordInfo, Unit, Status, str, str, str, str, str]]:
        """(id, unit, record, unit, status, stage, reason, label, duplicate_of, detail) per record, by id."""
        unit_of = self.unit_of()
        labels = {r.code: r.label for r in self.protocol.reasons}
        for rid in sorted(self.records):
            rec = self.records[rid]
            unit = unit_of[rid]
            if rid != unit.kept:
                kept = self.records[unit.kept]
                also = (
                    "; already identified via databases and registers"
                    if rec.kind not in DBR_KINDS and kept.kind in DBR_KINDS
                    else ""
                )
                yield rid, unit.id, rec, unit, Status.DUPLICATE, "", "", "", unit.kept, f"duplicate of {unit.kept}{also}"
            else:
                status, reason = unit.status, unit.reason
                label = labels.get(reason, reason) if reason and status in (Status.EXCLUDED_TA, Status.EXCLUDED_FT) else ""
                yield rid, unit.id, rec, unit, status, _STAGE_OF.get(status, ""), reason, label, "", unit.detail

    def rows(self) -> list[dict[str, Any]]:
        """The inclusion log, one row per record, sorted by record id."""
        return [
            {
                "id": rid, "unit": uid, "source": rec.source, "arm": str(unit.arm), "status": str(status),
                "stage": stage, "reason": reason, "reason_label": label, "duplicate_of": dup_of,
                "detail": detail, "title": rec.title,
            }
            for rid, uid, rec, unit, status, stage, reason, label, dup_of, detail in self._entries()
        ]

    def log_text(self) -> str:
        """`rows()` as JSON lines, byte-identical to `writer.dumps_line` but built directly from
        the decision-independent parts of each line (`log_pieces`): this is the hottest loop of
        `review prisma` (one line per imported record)."""
        if self.pending_pieces is not None and self.log_pieces is None:
            text = self._text(self._streamed())
            if text is not None:
                return text
        pieces = self.log_pieces
        if pieces is None or len(pieces) != len(self.records):  # records changed after build(), or the child failed
            units = self.units.values()
            pieces = log_pieces(self.records, ((u.id, _VALUE[u.arm], u.kept, u.members, None, "") for u in units))
        return self._text([pieces]) or ""

    def _streamed(self) -> Iterator[list[Piece]]:
        """The log's pieces as the child sends them (see `build`), till all have come or it fails."""
        assert self.pending_pieces is not None
        got: list[Piece] = []
        while len(got) < len(self.records):
            chunk = self.pending_pieces.result()
            if chunk is None:
                return
            got += chunk
            yield chunk
        self.pending_pieces.complete = True  # what it does next (the cache) needs no waiting for
        self.log_pieces = got

    def _text(self, chunks: Iterable[list[Piece]]) -> str | None:
        """The log from its pieces and the units' statuses; None if they are not one per record."""
        units = self.units
        labels = {r.code: r.label for r in self.protocol.reasons}
        middles: dict[tuple[Status, str, str], str] = {}  # few distinct (status, reason, detail)
        out: list[str] = []
        append = out.append
        lines = 0
        for pieces in chunks:
            lines += len(pieces)
            for head, tail, uid in pieces:
                if not tail:
                    append(head)  # a duplicate: the whole line is known without decisions
                    continue
                unit = units[uid]
                key = (unit.status, unit.reason, unit.detail)
                middle = middles.get(key)
                if middle is None:
                    middle = middles[key] = _middle(labels, *key)
                append(head)  # the long parts are joined once, not copied into a line first
                append(middle)
                append(tail)
        return "".join(out) if lines == len(self.records) else None

    def close(self) -> None:
        """Done with the child making the log's pieces: it is left to write the cache once
        `log_text` has taken them all, and stopped otherwise (the counts did not add up)."""
        if self.pending_pieces is not None:
            self.pending_pieces.close()
            self.pending_pieces = None

    def status_counts(self) -> dict[str, int]:
        counts = Counter(r["status"] for r in self.rows())
        return {str(s): counts.get(str(s), 0) for s in Status}

    def pending(self) -> list[Unit]:
        return [u for u in self.units.values() if u.status in PENDING]


_STAGE_OF = {
    Status.EXCLUDED_TA: str(Stage.TITLE_ABSTRACT),
    Status.PENDING_TA: str(Stage.TITLE_ABSTRACT),
    Status.NOT_RETRIEVED: str(Stage.FULL_TEXT),
    Status.EXCLUDED_FT: str(Stage.FULL_TEXT),
    Status.PENDING_FT: str(Stage.FULL_TEXT),
    Status.INCLUDED: str(Stage.FULL_TEXT),
}


def _middle(labels: dict[str, str], status: Status, reason: str, detail: str) -> str:
    """The decision-dependent part of a log line, between `log_pieces`' head and tail."""
    q = encode_basestring
    label = labels.get(reason, reason) if reason and status in (Status.EXCLUDED_TA, Status.EXCLUDED_FT) else ""
    return (
        f'"status":"{_VALUE[status]}","stage":"{_STAGE_OF.get(status, "")}",'
        f'"reason":{q(reason) if reason else EMPTY},"reason_label":{q(label) if label else EMPTY},'
        f'"duplicate_of":"","detail":{q(detail) if detail else EMPTY}'
    )


Piece = tuple[str, str, str]


def log_pieces(records: dict[str, RecordInfo], statics: Iterable[Static]) -> list[Piece]:
    """The inclusion log's lines without what decisions change, by record id: (line, "", "") for
    a duplicate, (head, tail, unit id) for the record that stands for a unit (its status,
    reason and detail go between). They depend on the records, the clusters and the sources'
    kinds only (`statics`: each unit's id, arm, kept record and members), so `build` caches
    them with the records."""
    return next(iter_log_pieces(records, statics, max(len(records), 1)), [])


def iter_log_pieces(records: dict[str, RecordInfo], statics: Iterable[Static], size: int) -> Iterator[list[Piece]]:
    """`log_pieces` in lists of `size` records."""
    q = encode_basestring
    unit_of: dict[str, tuple[str, str, str, str]] = {}  # record -> unit id, its JSON, arm, kept record
    for static in statics:
        uid = static[0]
        entry = (uid, q(uid), static[1], static[2])
        for rid in static[3]:
            unit_of[rid] = entry
    sources = {s: q(s) for s in {r.source for r in records.values()}}
    out: list[Piece] = []
    append = out.append
    for rid in sorted(records):
        if len(out) == size:
            yield out
            out = []
            append = out.append
        rec = records[rid]
        uid, quid, arm, kept = unit_of[rid]
        head = f'{{"id":{q(rid)},"unit":{quid},"source":{sources[rec.source]},"arm":"{arm}",'
        if rid != kept:
            also = (
                "; already identified via databases and registers"
                if rec.kind not in DBR_KINDS and records[kept].kind in DBR_KINDS
                else ""
            )
            qkept = q(kept)
            append((
                f'{head}"status":"duplicate","stage":"","reason":"","reason_label":"","duplicate_of":{qkept},'
                f'"detail":"duplicate of {qkept[1:-1]}{also}","title":{q(rec.title)}}}\n', "", ""
            ))
        else:
            append((head, f',"title":{q(rec.title)}}}\n', uid))
    if out:
        yield out


def source_kind(protocol: Protocol, name: str) -> SourceKind:
    """A source missing from review.toml counts as a database (as `review import` declares it)."""
    source = protocol.source(name)
    return source.kind if source else SourceKind.DATABASE


def _summary(line: str | bytes | memoryview) -> tuple[str, str, str, int | None, str]:
    """id, source, title, year, language of one records.jsonl line. orjson first; json for
    what orjson refuses (integers beyond 64 bits, escaped lone surrogates) and for the error."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        obj = json.loads(line if isinstance(line, str) else bytes(line))
    return str(obj["id"]), str(obj["source"]), obj.get("title") or "", obj.get("year"), obj.get("language") or ""


# `Record.to_json` writes id, source, title, authors and year first, then journal, and later
# language then type, with the abstract (most of a line) in between. A key such as `,"journal":`
# cannot occur inside a JSON string (its quotes would be escaped) nor in an array of strings (no
# `:` there), so the line's head up to it, closed with `}`, is the JSON of those five fields.
_KEY_JOURNAL, _KEY_LANGUAGE, _KEY_TYPE = b',"journal":', b',"language":', b',"type":'
_HEAD_KEYS = {"id", "source", "title", "authors", "year"}
_LANGUAGE_AT = len(_KEY_LANGUAGE)


def _summary_of_head(data: bytes | mmap.mmap, start: int, end: int) -> tuple[str, str, str, int | None, str] | None:
    """`_summary` of the line data[start:end] from its head and its language only; None if the
    line is not in `Record.to_json`'s key order (then it is decoded whole)."""
    j = data.find(_KEY_JOURNAL, start, end)
    # From the line's end: the language comes after the abstract (most of the line) and
    # before a few short fields, so this scans ~200 bytes instead of ~2,000.
    k = data.rfind(_KEY_LANGUAGE, j, end) if j > 0 else -1
    t = data.find(_KEY_TYPE, k, end) if k > 0 else -1
    if t < 0:
        return None
    try:
        head = orjson.loads(data[start:j] + b"}")
        language = orjson.loads(data[k + _LANGUAGE_AT : t])
    except orjson.JSONDecodeError:
        return None
    if type(head) is not dict or head.keys() != _HEAD_KEYS or not (language is None or type(language) is str):
        return None
    return str(head["id"]), str(head["source"]), head["title"] or "", head["year"], language or ""


Summary = tuple[str, str, str, int | None, str]


def _summaries(mapped: MappedFile) -> list[Summary]:
    """id, source, title, year, language of every line of records.jsonl (ParseError naming the
    line on a bad one)."""
    summaries: list[Summary] = []
    append = summaries.append
    data, view = mapped.data, mapped.view
    find = data.find
    pos, end = 0, len(data)
    while pos < end:
        nl = find(b"\n", pos)
        if nl < 0:
            nl = end
        if nl == pos:
            pos += 1
            continue
        try:
            append(_summary_of_head(data, pos, nl) or _summary(view[pos:nl]))
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError) as e:
            raise ParseError(mapped.path, f"not a record line ({e})", line=bytes(view[:pos]).count(b"\n") + 1,
                             hint="re-run `review import` to rewrite the records") from e
        pos = nl + 1
    return summaries


FORK_BYTES = 32 << 20  # below this, reading the records costs less than a process
PIECES_CHUNK = 8192  # records per value a child sends of the log's pieces


class _Forked:
    """`work()`, a generator, run in a forked child on the second core (otherwise idle) while
    this process goes on. Each value it yields reaches `result()`, in order: as marshal bytes
    in memory shared with the child (`room` bytes of it, mapped lazily), with a short notice
    through a pipe, so the child goes on with its next value without waiting for this process
    to read (a pipe holds 64 KB). On any error, or no room left, the child stops sending and
    `result()` is None from then on: the caller computes that value itself, and reports the
    error exactly as without a child. The code after the last `yield` runs once that value is
    sent: once the caller has marked the child `complete` (it has all it wants), `close()`
    leaves it to finish alone (see `finish_background`); a child closed before is stopped.
    Linux only: fork from a process with threads (the hash thread) is safe there for code that
    takes no lock the other thread may hold."""

    def __init__(self, work: Callable[[], Iterator[Any]], room: int) -> None:
        self._shared = mmap.mmap(-1, room)  # anonymous and MAP_SHARED: the child writes, this process reads
        read, write = os.pipe()
        self.taken = 0  # values `result()` has given
        self.complete = False
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            status = 0
            try:
                os.close(read)
                # It prints nothing, and must not hold the caller's stdout and stderr open while
                # it finishes: a parent whose output is piped would look unfinished till then.
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
                with os.fdopen(write, "wb") as out:
                    try:
                        offset = 0
                        for value in work():
                            payload = marshal.dumps(value)
                            end = offset + len(payload)
                            if end > room:
                                break
                            self._shared[offset:end] = payload
                            out.write(_NOTICE.pack(offset, end))
                            out.flush()
                            offset = end
                    except Exception:  # the parent computes what it did not get, and reports it
                        pass
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self._pipe: BinaryIO | None = os.fdopen(read, "rb")

    @classmethod
    def start(cls, work: Callable[[], Iterator[Any]], room: int) -> _Forked | None:
        if sys.platform != "linux":
            return None
        finish_background(wait=False)
        try:
            return cls(work, room)
        except OSError:
            return None

    def result(self) -> Any:
        """The next value `work()` yielded, or None if the child failed (or there is none)."""
        if self._pipe is None:
            return None
        notice = self._pipe.read(_NOTICE.size)
        try:
            start, end = _NOTICE.unpack(notice)
            value = marshal.loads(self._shared[start:end])
        except (struct.error, EOFError, ValueError, TypeError):
            value = None
        if value is None:  # the child stopped: nothing more will come
            self._pipe.close()
            self._pipe = None
        else:
            self.taken += 1
        return value

    def close(self) -> None:
        """Leave a `complete` child to finish alone (writing the cache: the command's output
        does not wait for a file only a later run reads); stop any other."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        self._shared.close()
        if self._pid:
            if self.complete:
                _BACKGROUND.append(self._pid)
            else:
                os.kill(self._pid, signal.SIGKILL)  # its work is of no use any more
                os.waitpid(self._pid, 0)
            self._pid = 0


_NOTICE = struct.Struct("<QQ")  # where a value's bytes start and end in the shared memory
_BACKGROUND: list[int] = []  # children finishing their work after the last value; reaped here or by init


def finish_background(wait: bool = True) -> None:
    """Reap the children left to finish writing the cache (`wait`: until they have)."""
    for pid in list(_BACKGROUND):
        try:
            done, _ = os.waitpid(pid, 0 if wait else os.WNOHANG)
        except ChildProcessError:  # reaped by someone else
            done = pid
        if done:
            _BACKGROUND.remove(pid)


def _fork_static(project: Project, protocol: Protocol, mapped: MappedFile, pieces: bool, cache: bool) -> _Forked | None:
    """A child that reads the record summaries (while this process reads the decisions) and,
    given `pieces`, goes on to the log's pieces (while this process decides and counts the
    units; it makes the records, clusters and units again itself: receiving them would cost
    more) and, given `cache`, then writes the cache. Started only when the records will surely
    be read: a big file, and no cache (a fresh clone) or one older than records.jsonl or
    clusters.jsonl (an import or a dedup since). The cache's key decides whether it is used;
    this only guesses, cheaply, whether a child is worth starting."""
    if len(mapped.data) < FORK_BYTES:
        return None
    path = project.prisma_cache_path
    if path.exists():
        inputs = [p.stat().st_mtime_ns for p in (project.records_path, project.clusters_path) if p.exists()]
        if path.stat().st_mtime_ns >= max(inputs, default=0):
            return None

    def work() -> Iterator[Any]:
        summaries = _summaries(mapped)
        yield summaries
        if not pieces:
            return
        clusters = project.clusters_path.read_bytes() if project.clusters_path.exists() else None
        records, statics, warnings = _static_units(project, protocol, summaries, cluster_rows(project, clusters))
        made: list[Piece] = []
        for chunk in iter_log_pieces(records, statics, PIECES_CHUNK):
            made += chunk
            yield chunk  # `log_text` joins each while the next is made
        if cache:
            hashes = {project.records_path: sha256_bytes(mapped.view)}  # (the parent's hash thread is not here)
            if clusters is not None:
                hashes[project.clusters_path] = sha256_bytes(clusters)
            _save_cache(project, _cache_key(hashes, project, protocol), records, statics, made, warnings)

    # The summaries and the pieces hold less than the records (a line has every field's key).
    return _Forked.start(work, room=2 * len(mapped.data) + (1 << 20))


def read_records(project: Project, protocol: Protocol, mapped: MappedFile | None = None,
                 forked: _Forked | None = None) -> dict[str, RecordInfo]:
    """The summary of every record. Only a line's head and its language are decoded (the
    abstract, most of a line, is skipped) when the line has the canonical key order, else the
    whole line. `mapped`: records.jsonl, already opened by the caller; `forked`: the same,
    already being read by a child process."""
    if mapped is None:
        with MappedFile(project.records_path, hashed=False) as opened:
            return read_records(project, protocol, opened)
    summaries = forked.result() if forked is not None else None
    if summaries is None:
        summaries = _summaries(mapped)
    return _records(protocol, *zip(*summaries, strict=True)) if summaries else {}


def _records(protocol: Protocol, ids: Sequence[str], sources: Sequence[str], titles: Sequence[str],
             years: Sequence[int | None], languages: Sequence[str]) -> dict[str, RecordInfo]:
    """RecordInfos from columns, by id, with each source's kind. Built by tuple.__new__ through
    map and zip: no Python-level call per record."""
    kinds = {s: source_kind(protocol, s) for s in set(sources)}
    fields = zip(ids, sources, map(kinds.__getitem__, sources), titles, years, languages, strict=True)
    return dict(zip(ids, map(tuple.__new__, repeat(RecordInfo), fields), strict=True))


def cluster_rows(project: Project, data: bytes | None = None) -> list[tuple[str, list[str]]]:
    """(cluster id, member ids) of each line of clusters.jsonl (ParseError naming a bad line).
    `data`: the file's bytes, if already read."""
    path = project.clusters_path
    raw: list[tuple[str, list[str]]] = []
    if data is None and path.exists():
        data = path.read_bytes()
    if data is not None:
        try:  # one decode call for the whole file; line by line only to name a bad line
            try:
                rows = orjson.loads(b"[" + b",".join(x for x in data.split(b"\n") if x) + b"]")
            except orjson.JSONDecodeError:  # what orjson refuses (big integers, lone surrogates)
                rows = json.loads("[" + ",".join(x for x in data.decode("utf-8").split("\n") if x) + "]")
            raw = [(str(o["id"]), o["records"]) for o in rows]
        except (json.JSONDecodeError, KeyError, TypeError):
            for number, line in enumerate(data.decode("utf-8").split("\n"), start=1):
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                    raw.append((str(obj["id"]), [str(m) for m in obj["records"]]))
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    raise ParseError(path, f"not a cluster line ({e})", line=number,
                                     hint="re-run `review dedup` to rewrite the clusters") from e
    return raw


def read_clusters(project: Project, records: dict[str, RecordInfo], warnings: list[str],
                  raw: list[tuple[str, list[str]]] | None = None) -> dict[str, tuple[str, ...]]:
    """cluster id -> member ids present in the records; unclustered records are their own unit.
    `raw`: `cluster_rows(project)`, if already read."""
    if raw is None:
        raw = cluster_rows(project)
    path = project.clusters_path
    groups: dict[str, tuple[str, ...]] = {}
    seen: set[str] = set()
    counted = sum(len(m) for _, m in raw)
    members_seen = {m for _, ms in raw for m in ms}
    if len(members_seen) == counted and records.keys() >= members_seen:
        # The usual case, each record in one cluster and still imported: the loop below, in C.
        groups = {cid: tuple(ms) if len(ms) == 1 else tuple(sorted(ms)) for cid, ms in raw if ms}
        if len(members_seen) != len(records):
            groups.update((rid, (rid,)) for rid in records if rid not in members_seen)
        return groups
    missing = twice = 0
    # Clusters are read in id order only if a record is in two (the first by id keeps it).
    ordered = sorted(raw) if len(members_seen) != counted else raw
    for cid, member_ids in ordered:
        if len(member_ids) == 1 and member_ids[0] in records and member_ids[0] not in seen:
            seen.add(member_ids[0])
            groups[cid] = (member_ids[0],)
            continue
        members = []
        for m in member_ids:
            if m in seen:
                twice += 1
            elif m in records:
                seen.add(m)
                members.append(m)
            else:
                missing += 1
        if members:
            members.sort()
            groups[cid] = tuple(members)
    if missing:
        warnings.append(f"{missing} record(s) in {project.rel(path)} are no longer imported; run `review dedup` again")
    if twice:
        warnings.append(f"{twice} record(s) are in more than one cluster in {project.rel(path)}; the first cluster (by id) counts")
    for rid in records:
        if rid not in seen:
            groups[rid] = (rid,)  # imported after the last dedup run: screened on its own
    return groups


# What `review prisma` derives from the records and clusters alone (record summaries, each
# unit's members, arm, kept record, merged year and language, and the log lines' fixed parts),
# cached in `.review/` under the sha256 of records.jsonl and clusters.jsonl (200 MB for 100,000
# records) and the sources' kinds in review.toml. Keyed by content, so a stale cache is never
# used. marshal: plain tuples and dicts, fast, and not executable.
_CACHE_VERSION = 3
_ARMS = {a.value: a for a in Arm}
Static = tuple[str, str, str, tuple[str, ...], "int | None", str]  # unit id, arm, kept, members, year, language


def _cache_key(hashes: dict[Path, str], project: Project, protocol: Protocol) -> str:
    kinds = ",".join(f"{s.name}={s.kind.value}" for s in protocol.sources)
    files = (hashes.get(p, "missing") for p in (project.records_path, project.clusters_path))
    return "\n".join([str(_CACHE_VERSION), sys.implementation.cache_tag or "", *files, kinds])


def _load_cache(project: Project, key: str) -> Any:
    try:
        with MappedFile(project.prisma_cache_path, hashed=False) as mapped:  # 45 MB: not copied first
            cached = marshal.loads(mapped.view)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return cached if isinstance(cached, tuple) and len(cached) == 5 and cached[0] == key else None


def arm_and_kept(cid: str, members: Sequence[str], from_dbr: Callable[[str], bool]) -> tuple[bool, str]:
    """Whether a cluster belongs to the databases-and-registers arm, and the record that stands
    for it: the cluster id's if it is one of the arm's records, else the arm's first by id.
    `members` sorted by id; `from_dbr(id)`: the record comes from a database or register."""
    own = [m for m in members if from_dbr(m)]
    dbr = bool(own)
    if not dbr:
        own = list(members)
    return dbr, (cid if cid in own else own[0])


def _statics(protocol: Protocol, records: dict[str, RecordInfo], groups: dict[str, tuple[str, ...]]) -> list[Static]:
    out: list[Static] = []
    append = out.append
    arm_of = {kind: _VALUE[Arm.DBR if kind in DBR_KINDS else Arm.OTHER] for kind in SourceKind}
    for cid, members in groups.items():
        if len(members) == 1:
            only = records[members[0]]
            append((cid, arm_of[only.kind], only.id, members, only.year, only.language))
            continue
        infos = [records[m] for m in members]
        dbr, kept = arm_and_kept(cid, members, lambda m: records[m].kind in DBR_KINDS)
        # The unit's year and language as `units.merge_cluster` computes them (copies mostly agree).
        years = [r.year for r in infos]
        year = years[0] if years.count(years[0]) == len(years) else best_value(years)
        languages = [r.language for r in infos]
        language = languages[0] if languages.count(languages[0]) == len(languages) else best_value(languages)
        append((cid, _VALUE[Arm.DBR if dbr else Arm.OTHER], kept, members, year, language))
    return out


def _derived(
    project: Project, protocol: Protocol, mapped: MappedFile, warnings: list[str], hashes: dict[Path, str] | None,
    forked: _Forked | None = None,
) -> tuple[dict[str, RecordInfo], list[Static], list[Piece] | None, str]:
    """records, static units, log pieces (None: not cached yet) and the cache key. `mapped`:
    records.jsonl. `hashes` receives the sha256 of records.jsonl and clusters.jsonl (review.lock
    records them too)."""
    clusters = project.clusters_path.read_bytes() if project.clusters_path.exists() else None
    if not mapped.hashed:  # nobody needs the hashes and there is no cache to look up
        hashes, key, cached = {}, "", None
    else:
        hashes = {} if hashes is None else hashes
        if mapped.exists:
            hashes[project.records_path] = mapped.sha256()
        if clusters is not None:
            hashes[project.clusters_path] = sha256_bytes(clusters)
        key = _cache_key(hashes, project, protocol)
        # With a child started (no cache, or an older one), its values are used: on a small
        # review it may even have written the cache already.
        cached = _load_cache(project, key) if forked is None else None
    if cached is not None:
        _, (ids, sources, titles, years, languages), statics, pieces, cached_warnings = cached
        records = _records(protocol, ids, sources, titles, years, languages)
        warnings.extend(cached_warnings)
        return records, statics, pieces, key
    raw = cluster_rows(project, clusters)  # before the records: a child may still be reading them
    records = read_records(project, protocol, mapped, forked)
    groups = read_clusters(project, records, warnings, raw)
    return records, _statics(protocol, records, groups), None, key


def _save_cache(project: Project, key: str, records: dict[str, RecordInfo], statics: list[Static],
                pieces: list[Piece], warnings: list[str]) -> None:
    columns = tuple(list(column) for column in zip(*records.values(), strict=True)) if records else ((),) * 6
    rows = (columns[0], columns[1], columns[3], columns[4], columns[5])  # all but the kind (an enum)
    try:
        write_bytes(project.prisma_cache_path, marshal.dumps((key, rows, statics, pieces, warnings)), sync=False)
    except OSError:
        pass  # a read-only checkout: no cache, same result


def _static_units(project: Project, protocol: Protocol, summaries: list[Summary], clusters: list[tuple[str, list[str]]],
                  ) -> tuple[dict[str, RecordInfo], list[Static], list[str]]:
    """The records, the static units and the clusters' warnings, from the record summaries and
    `cluster_rows` (for the cache, out of this process's way: a child, or `review dedup`)."""
    records = _records(protocol, *zip(*summaries, strict=True)) if summaries else {}
    warnings: list[str] = []
    return records, _statics(protocol, records, read_clusters(project, records, warnings, clusters)), warnings


def prepare_cache(project: Project, records: Sequence[Record], clusters: list[tuple[str, list[str]]],
                  hashes: dict[Path, str]) -> None:
    """Save the cache the next `review prisma` reads, from the records and clusters `review dedup`
    has in memory and has just written (`clusters`: as `cluster_rows` reads them; `hashes`: the
    sha256 of records.jsonl and clusters.jsonl). Without it the first `review prisma` after a
    dedup takes the cold path, reading records.jsonl again (~1 s more at 100,000 records).
    The same function as the cold path computes it, so the cache is the one that path writes."""
    protocol = project.protocol
    paused = gc.isenabled()
    gc.disable()  # ~1M objects, all in use until the end: see `prisma.render`
    try:
        summaries = [(str(r.id), str(r.source), r.title or "", r.year, r.language or "") for r in records]
        infos, statics, warnings = _static_units(project, protocol, summaries, clusters)
        key = _cache_key(hashes, project, protocol)
        _save_cache(project, key, infos, statics, log_pieces(infos, statics), warnings)
    finally:
        if paused:
            gc.enable()


def _pending_detail(final: Final) -> str:
    if final.conflict:
        return "conflict between " + " and ".join(final.by) + ": needs reconciliation"
    if final.verdict == Verdict.NOT_RETRIEVED:
        return "not-retrieved is a full-text verdict; decide the title/abstract"
    return "undecided (maybe, or waiting for another reviewer): " + ", ".join(final.by)


def _status(protocol: Protocol, uid: str, ta: dict[str, Final], ft: dict[str, Final]) -> tuple[Status, str, str]:
    t = ta.get(uid)
    if t is None:
        if protocol.screening.unscreened == "automation":
            return Status.INELIGIBLE, NOT_SCREENED_WHY, ""
        return Status.PENDING_TA, "", "not screened yet"
    if t.verdict == Verdict.EXCLUDE:
        return Status.EXCLUDED_TA, t.reason, ""
    if t.verdict != Verdict.INCLUDE:
        return Status.PENDING_TA, "", _pending_detail(t)
    f = ft.get(uid)
    if f is None:
        return Status.PENDING_FT, "", "full text not assessed yet"
    if f.verdict == Verdict.INCLUDE:
        return Status.INCLUDED, "", ""
    if f.verdict == Verdict.EXCLUDE:
        return Status.EXCLUDED_FT, f.reason, ""
    if f.verdict == Verdict.NOT_RETRIEVED:
        return Status.NOT_RETRIEVED, f.reason, ""
    return Status.PENDING_FT, "", _pending_detail(f)


def build(project: Project, hashes: dict[Path, str] | None = None, cache: bool = True,
          pieces_in_child: bool = False) -> Inclusion:
    """Every unit's final status, from records, clusters, limits and decisions on disk.
    `hashes` receives the sha256 of the files hashed on the way (for review.lock). `cache`:
    save what was derived from the records and clusters in `.review/` if it was not there
    (False: write nothing, as `review prisma --check` promises; CI runs it in fresh clones).
    `pieces_in_child`: the log's pieces may be made by a child process, which the caller will
    collect with `log_text()` or stop with `close()`."""
    protocol = project.protocol
    warnings: list[str] = []
    # The sha256 of records.jsonl (on another thread) is the cache's key and review.lock's
    # input hash; `review prisma --check` in a fresh clone needs neither, and skipping it leaves
    # the second core to the child below.
    hashed = hashes is not None or cache or project.prisma_cache_path.exists()
    with MappedFile(project.records_path, hashed=hashed) as mapped:
        forked = _fork_static(project, protocol, mapped, pieces_in_child, cache)
        try:
            ta = final_decisions(project, Stage.TITLE_ABSTRACT)
            ft = final_decisions(project, Stage.FULL_TEXT)
            records, statics, pieces, key = _derived(project, protocol, mapped, warnings, hashes, forked)
        except BaseException:
            if forked is not None:
                forked.close()
            raise
    # The child's next value, if it gave the summaries: the log's pieces, made while this
    # process decides the units (and `log_text` collects them).
    # (With a child, the cache was not read: see `_derived`.)
    pending = forked if forked is not None and pieces_in_child and forked.taken == 1 else None
    if forked is not None and pending is None:
        forked.complete = not pieces_in_child  # it stops after the summaries
        forked.close()
    try:
        units = _units(protocol, records, statics, ta, ft)
    except BaseException:
        if pending is not None:
            pending.close()
        raise
    if pieces is None and pending is None and cache:
        pieces = log_pieces(records, statics)
        _save_cache(project, key, records, statics, pieces, warnings)
    known = {r.code for r in protocol.reasons}
    unknown: Counter[str] = Counter()
    for (status, reason), n in Counter(map(_STATUS_REASON, units.values())).items():  # in C: 100,000s of units
        if reason and reason not in known and status in (Status.EXCLUDED_TA, Status.EXCLUDED_FT):
            unknown[reason] += n
    for code, n in sorted(unknown.items()):
        warnings.append(f"{n} exclusion(s) give the reason `{code}`, which review.toml no longer defines; "
                        "the log and the diagram show the bare code (add it back under [[exclusion_reasons]])")
    orphans = {
        str(stage): sorted(finals.keys() - units.keys())
        for stage, finals in ((Stage.TITLE_ABSTRACT, ta), (Stage.FULL_TEXT, ft))
    }
    orphans = {k: v for k, v in orphans.items() if v}
    for stage, ids in orphans.items():
        warnings.append(
            f"{len(ids)} {stage} decision(s) are on ids that are no screening unit "
            f"(e.g. {', '.join(ids[:3])}); they are not counted"
        )
    return Inclusion(protocol, records, units, ta, ft, orphans, warnings, pieces, pending)


_STATUS_REASON = itemgetter(4, 5)  # of a Unit


def _units(protocol: Protocol, records: dict[str, RecordInfo], statics: list[Static], ta: dict[str, Final],
           ft: dict[str, Final]) -> dict[str, Unit]:
    """Each unit with its final status: ineligible by the protocol's limits, else as decided."""
    limits = protocol.limits
    has_limits = limits.year_from is not None or limits.year_to is not None or bool(limits.languages)
    units: dict[str, Unit] = {}
    limit_memo: dict[tuple[int | None, str], str | None] = {}
    arms, ta_get, new = _ARMS, ta.get, tuple.__new__
    exclude, excluded_ta = Verdict.EXCLUDE, Status.EXCLUDED_TA
    for cid, arm, kept, members, year, language in statics:
        why = None
        if has_limits:
            # The limits read only the year and the language: decide each pair once.
            memo_key = (year, language)
            if memo_key not in limit_memo:
                limit_memo[memo_key] = limits.ineligible(year, language)
            why = limit_memo[memo_key]
        t = ta_get(cid)
        if why:
            status, reason, detail = Status.INELIGIBLE, why, ""
        elif t is not None and t.verdict == exclude:  # most units: `_status` without the call
            status, reason, detail = excluded_ta, t.reason, ""
        else:
            status, reason, detail = _status(protocol, cid, ta, ft)
        units[cid] = new(Unit, (cid, arms[arm], kept, members, status, reason, detail))
    return units


def inputs(project: Project) -> list[Path]:
    """Every file the flow is computed from (for review.lock)."""
    paths = [project.protocol_path, project.records_path, project.clusters_path]
    return [p for p in paths if p.exists()] + project.decision_logs()


@dataclass
class IncludeResult:
    path: str
    counts: dict[str, int]
    warnings: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "counts": self.counts, "warnings": self.warnings}


def run(project: Project) -> IncludeResult:
    """Write include/log.jsonl and record it in review.lock."""
    inc = build(project)
    text = inc.log_text().encode("utf-8")
    with interrupts_deferred():  # the log and its lock entry change together
        write_bytes(project.include_log_path, text)
        lock.record(project, STAGE, inputs(project), [project.include_log_path])
    return IncludeResult(project.rel(project.include_log_path), inc.status_counts(), inc.warnings)


# --- exports --------------------------------------------------------------------------------

LOG_COLUMNS = ("id", "unit", "source", "arm", "status", "stage", "reason", "reason_label", "duplicate_of", "detail", "title")


def log_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    return build(project).rows(), LOG_COLUMNS


def included_rows(project: Project) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The included studies, one merged record per unit, for reference managers and synthesis."""
    from review_cli.stages.export import RECORD_COLUMNS
    from review_cli.stages.import_ import load_records
    from review_cli.store.units import merge_cluster

    inc = build(project)
    chosen = [u for u in inc.units.values() if u.status == Status.INCLUDED]
    wanted = {m for u in chosen for m in u.members}
    full = {r.id: r for r in load_records(project) if r.id in wanted}
    rows = []
    for unit in sorted(chosen, key=lambda u: u.id):
        merged = merge_cluster(unit.id, [full[m] for m in unit.members])
        row = merged.to_json()
        first = merged.origins[0] if merged.origins else None
        row["origin_file"] = first.file if first else ""
        row["origin_key"] = first.key if first else ""
        row["source"] = "; ".join(sorted({inc.records[m].source for m in unit.members}))
        row["cluster"] = unit.id
        row["status"] = str(unit.status)
        row["records"] = "; ".join(unit.members)
        rows.append(row)
    return rows, (*RECORD_COLUMNS, "records")


def statuses_of(inc: Inclusion, ids: Iterable[str]) -> list[str]:
    """`id (status: detail)` for error messages."""
    out = []
    for uid in ids:
        u = inc.units[uid]
        out.append(f"{uid} ({u.detail or u.status})")
    return out


_YEAR = re.compile(r"^published \d+, ")
_LANGUAGE = re.compile(r"^language .*?, not in ")


def automation_category(why: str) -> str:
    """Group automation reasons without the record's own year or language."""
    return _LANGUAGE.sub("language not in ", _YEAR.sub("published ", why))
