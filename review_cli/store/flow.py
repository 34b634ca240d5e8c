"""What the PRISMA flow (`review include`, `review prisma`, and the counts other commands show)
is computed from, read together: every record's summary, the screening units the clusters
make of them (which record stands for each, in which PRISMA arm), and the final decisions of
each stage. A view over several files, not a file of its own.

The units depend on records.jsonl, clusters.jsonl and the sources' kinds in review.toml only, and
deriving them decodes every record: they are cached in `.review/` under the sha256 of those
inputs, by the command that reads them (never by `--check`, which writes nothing). Keyed by
content, a stale cache is never used.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from review_cli.io.writer import sha256_bytes, sha256_file, write_bytes
from review_cli.model import DBR_KINDS, Stage, arm_and_kept, best_value
from review_cli.project import Project
from review_cli.protocol import Protocol
from review_cli.store import clusters as clusters_store
from review_cli.store import records as records_store
from review_cli.store import stopping as stopping_store
from review_cli.store.decisions import Final, final_decisions
from review_cli.store.stopping import Stop

_CACHE_VERSION = 1


class RecordInfo(NamedTuple):
    """The fields of a record the flow needs, and its source's kind (`SourceKind`'s value)."""

    id: str
    source: str
    kind: str
    title: str


class UnitShape(NamedTuple):
    """A screening unit as the clusters make it, before any decision."""

    id: str
    dbr: bool  # in the databases-and-registers arm (else other methods)
    kept: str  # the record that stands for the unit in the flow
    members: tuple[str, ...]  # sorted
    year: int | None  # the unit's merged year and language (what the limits read)
    language: str


class Units(NamedTuple):
    records: dict[str, RecordInfo]
    units: list[UnitShape]
    warnings: list[str]  # records in clusters but not imported, or in two clusters


class Inputs(NamedTuple):
    protocol: Protocol
    records: dict[str, RecordInfo]
    units: list[UnitShape]
    ta: dict[str, Final]  # final title/abstract decisions, by unit
    ft: dict[str, Final]  # final full-text decisions, by unit
    warnings: list[str]
    hashes: dict[Path, str]  # sha256 of records.jsonl and clusters.jsonl as read (for review.lock)
    stop: Stop | None = None  # the reviewers' decision to stop screening, if one is in force


def read(project: Project, cache: bool = True) -> Inputs:
    """Read everything the flow needs. `cache`: save the units for the next run (False:
    write nothing, as `review prisma --check` promises)."""
    units, hashes = read_units(project, cache)
    # Decisions on a record a dedup merged afterwards count for its unit.
    to_unit = {m: u.id for u in units.units if len(u.members) > 1 for m in u.members if m != u.id}
    return Inputs(project.protocol, units.records, units.units,
                  final_decisions(project, Stage.TITLE_ABSTRACT, to_unit),
                  final_decisions(project, Stage.FULL_TEXT, to_unit), units.warnings, hashes,
                  stopping_store.in_force(project, str(Stage.TITLE_ABSTRACT)))


def read_units(project: Project, cache: bool = True) -> tuple[Units, dict[Path, str]]:
    """The records and the units they make, and the hashes of the files they come from."""
    protocol = project.protocol
    kinds = ",".join(f"{s.name}={s.kind.value}" for s in protocol.sources)
    # records.jsonl (200 MB at 100,000 records) is hashed on another thread while the cache is
    # read: hashlib lets go of the lock Python threads share while it hashes.
    with ThreadPoolExecutor(max_workers=1) as pool:
        hashing = pool.submit(_sha256, project.records_path)
        try:
            clusters_data: bytes | None = project.clusters_path.read_bytes()
        except FileNotFoundError:
            clusters_data = None
        cached = _load(project.flow_cache_path)
        records_hash = hashing.result()
    hashes = {project.records_path: records_hash} if records_hash != "missing" else {}
    if clusters_data is not None:
        hashes[project.clusters_path] = sha256_bytes(clusters_data)
    key = "\n".join([str(_CACHE_VERSION), sys.implementation.cache_tag or "", records_hash,
                     hashes.get(project.clusters_path, "missing"), kinds])
    if cached is not None and cached[0] == key:
        return cached[1], hashes
    summaries = records_store.summaries(project)
    clusters = [
        (cid, c["records"])
        for cid, c in clusters_store.parse(project.clusters_path, clusters_data).items()
    ]
    units = shape(protocol, summaries, clusters)
    if cache:
        _save(project.flow_cache_path, key, units)
    return units, hashes


def _sha256(path: Path) -> str:
    try:
        return sha256_file(path)
    except FileNotFoundError:
        return "missing"


def shape(
    protocol: Protocol, summaries: Sequence[records_store.Summary],
    clusters: Sequence[tuple[str, list[str]]],
) -> Units:
    """The units the clusters make of the records (pure)."""
    kinds = {s: protocol.kind_of(s).value for s in {r.source for r in summaries}}
    dbr_source = {s: kind in DBR_KINDS for s, kind in kinds.items()}
    new = tuple.__new__
    records = {r.id: new(RecordInfo, (r.id, r.source, kinds[r.source], r.title)) for r in summaries}
    by_id = {r.id: r for r in summaries}
    warnings: list[str] = []
    units: list[UnitShape] = []
    append = units.append
    for cid, members in _groups(records, clusters, warnings).items():
        if len(members) == 1:  # most units
            _, source, _, year, language = only = by_id[members[0]]
            append(new(UnitShape, (cid, dbr_source[source], only.id, members, year, language)))
            continue
        infos = [by_id[m] for m in members]
        dbr, kept = arm_and_kept(cid, members, lambda m: dbr_source[by_id[m].source])
        append(UnitShape(cid, dbr, kept, members, _merged([r.year for r in infos]),
                         _merged([r.language for r in infos])))
    return Units(records, units, warnings)


def _merged(values: list[Any]) -> Any:
    """A unit's year or language as `units.merge_cluster` computes it (copies mostly agree)."""
    return values[0] if values.count(values[0]) == len(values) else best_value(values)


def _groups(records: Mapping[str, RecordInfo], clusters: Sequence[tuple[str, list[str]]],
            warnings: list[str]) -> dict[str, tuple[str, ...]]:
    """cluster id -> member ids present in the records (sorted); a record in no cluster is its
    own unit (imported after the last dedup run)."""
    members_seen = {m for _, ms in clusters for m in ms}
    counted = sum(len(ms) for _, ms in clusters)
    if len(members_seen) == counted and records.keys() >= members_seen:
        # The usual case, each record in one cluster and still imported.
        groups = {cid: tuple(sorted(ms)) for cid, ms in clusters if ms}
        if len(members_seen) != len(records):
            groups.update((rid, (rid,)) for rid in records if rid not in members_seen)
        return groups
    groups = {}
    seen: set[str] = set()
    missing = twice = 0
    # Clusters are read in id order only if a record is in two (the first by id keeps it).
    ordered = sorted(clusters) if len(members_seen) != counted else clusters
    for cid, member_ids in ordered:
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
            groups[cid] = tuple(sorted(members))
    if missing:
        warnings.append(f"{missing} record(s) in dedup/clusters.jsonl are no longer imported; "
                        "run `review dedup` again")
    if twice:
        warnings.append(f"{twice} record(s) are in more than one cluster in dedup/clusters.jsonl; "
                        "the first cluster (by id) counts")
    for rid in records:
        if rid not in seen:
            groups[rid] = (rid,)
    return groups


def _load(path: Path) -> tuple[str, Units] | None:
    """The cache's key and units, or None (missing, damaged or from another version)."""
    try:
        key, sources, kinds, ids, source_of, titles, units, warnings = marshal.loads(
            path.read_bytes()
        )
        # Built through map and zip: no Python-level call per record (100,000s of them).
        columns = zip(
            ids, map(sources.__getitem__, source_of), map(kinds.__getitem__, source_of), titles,
            strict=True,
        )
        records = dict(zip(ids, map(partial(tuple.__new__, RecordInfo), columns), strict=True))
        return key, Units(
            records, list(map(partial(tuple.__new__, UnitShape), units)), list(warnings)
        )
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        return None


def _save(path: Path, key: str, units: Units) -> None:
    # marshal: plain lists and tuples, fast, and not executable. The records as columns, each
    # source once (a few sources, 100,000s of records).
    infos = units.records.values()
    kind_of = {r.source: r.kind for r in infos}
    sources = sorted(kind_of)
    index = {s: i for i, s in enumerate(sources)}
    kinds = [kind_of[s] for s in sources]
    data = (key, sources, kinds, [r.id for r in infos], [index[r.source] for r in infos],
            [r.title for r in infos], [tuple(u) for u in units.units], units.warnings)
    try:
        write_bytes(path, marshal.dumps(data), sync=False)
    except OSError:
        pass  # a read-only checkout: no cache, same result


def files(project: Project) -> list[Path]:
    """Every file the flow is computed from (for review.lock)."""
    paths = [project.protocol_path, project.records_path, project.clusters_path,
             project.stop_log_path]
    return [p for p in paths if p.exists()] + project.decision_logs()


def hashed_files(project: Project) -> tuple[list[Path], dict[Path, str]]:
    """The flow's input files and, but for records.jsonl and clusters.jsonl (hashed as they
    are read), their sha256, taken before they are read: a decision appended while a stage
    runs then leaves its output stale, as `review status` says, never wrongly current."""
    sources = files(project)
    skip = {project.records_path, project.clusters_path}
    return sources, {p: sha256_file(p) for p in sources if p not in skip}
