"""Blocking and clustering: which pairs are compared, and how sure duplicates become clusters.

Blocking puts records that share a cheap key (DOI, PMID, the first or last title words, rare
title words, first author + year, year + volume + first page) into small blocks, and a sorted
neighbourhood over titles catches the rest; only pairs inside a block are compared, so the cost
grows with the number of records, not with its square.

Clustering is union-find over sure duplicates, strongest first, with one constraint checked
across the whole of both clusters before every union: no guard (and no manual "different"), and
no pair held for a person (a shared DOI a guard disputes), may hold between any record of one
and any record of the other. A chain a~b~c therefore never puts an erratum, a protocol, another
year or another issue into one cluster through a middle record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from review_cli.model import Record
from review_cli.progress import NULL, Progress
from review_cli.stages.dedup._context import annotate
from review_cli.stages.dedup._keys import Key, make_key
from review_cli.stages.dedup._rules import DISSIMILAR, Match, Verdict, compare

MAX_BLOCK = 25  # records; larger blocks are too common a key to mean anything
WINDOW = 2  # sorted-neighbourhood window over titles (a safety net: the keys find nearly all)
RULE_ORDER = {
    "manual": 0, "same-pmid": 1, "same-doi": 2, "same-title-and-source": 3,
    "same-source-similar-title": 4,
}

Pair = tuple[str, str]


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _block_keys(k: Key, rare: list[str]) -> Iterable[str]:
    if k.doi:
        yield "d" + k.doi
    if k.pmid:
        yield "p" + k.pmid
    if len(k.tokens) >= 2:
        yield "h" + " ".join(k.tokens[:4])
        yield "t" + " ".join(k.tokens[-4:])
    if len(rare) >= 2:
        yield "r" + " ".join(sorted(rare[:2]))
    for w in rare[:2]:
        yield "w" + w
    if k.surnames and k.year:
        yield f"a{k.surnames[0]}|{k.year}"
    if k.volume and k.first_page:
        yield f"v{k.year}|{k.volume}|{k.first_page}"


def candidate_pairs(keys: list[Key], new: set[str] | None = None) -> set[Pair]:
    """Pairs worth comparing; with `new`, only pairs with at least one new record."""
    if new is not None and not new:
        return set()
    df: Counter[str] = Counter()
    for k in keys:
        df.update(set(k.tokens))
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        rare = sorted({w for w in k.tokens if len(w) > 2}, key=lambda w: (df[w], w))
        for b in _block_keys(k, rare):
            blocks[b].append(k.id)
    out: set[Pair] = set()
    add = out.add
    for key, ids in blocks.items():
        if 1 < len(ids) <= (MAX_BLOCK * 5 if key[0] in "dp" else MAX_BLOCK):
            ids = sorted(set(ids))
            for i, a in enumerate(ids):
                a_new = new is None or a in new
                for b in ids[i + 1 :]:
                    if a_new or b in new:  # type: ignore[operator]  # new is None implies a_new
                        add((a, b))
    ordered = sorted((k for k in keys if k.title), key=lambda k: (k.title, k.id))
    for i, ka in enumerate(ordered):
        for kb in ordered[i + 1 : i + 1 + WINDOW]:
            if new is None or ka.id in new or kb.id in new:
                add(pair(ka.id, kb.id))
    return out


@dataclass
class Clustering:
    """Result of clustering: record -> cluster id, the links per cluster, and refused unions."""

    cluster_of: dict[str, str]
    links: dict[Pair, Match]
    blocked: dict[Pair, Match] = field(default_factory=dict)  # sure pairs a constraint refused
    compared: int = 0  # candidate pairs compared (set by dedup_records)


class _Groups:
    def __init__(
        self, keys: Mapping[str, Key], apart: set[Pair], matches: Mapping[Pair, Match]
    ) -> None:
        self.keys = keys
        self.apart = apart
        self.matches = dict(matches)
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.frozen: set[str] = set()  # roots of clusters that existed before this run

    def add(self, ids: list[str], frozen: bool = False) -> None:
        root = ids[0]
        for i in ids:
            self.parent[i] = root
        self.members[root] = list(ids)
        if frozen:
            self.frozen.add(root)

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def compatible(self, ra: str, rb: str) -> bool:
        """No pair across the two clusters is kept apart by hand, called different by the rules
        or held for a person."""
        for x in self.members[ra]:
            for y in self.members[rb]:
                p = pair(x, y)
                if p in self.apart:
                    return False
                m = self.matches.get(p)
                if m is None:
                    m = self.matches[p] = compare(self.keys[p[0]], self.keys[p[1]])
                if m.verdict is Verdict.DIFFERENT or m.hold:
                    return False
        return True

    def union(self, ra: str, rb: str) -> str:
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        for x in self.members.pop(rb):
            self.parent[x] = ra
            self.members[ra].append(x)
        if rb in self.frozen:
            self.frozen.discard(rb)
            self.frozen.add(ra)
        return ra


def cluster(
    keys: Mapping[str, Key],
    existing: Mapping[str, list[str]],
    matches: Mapping[Pair, Match],
    manual_same: Iterable[Pair],
    manual_apart: set[Pair],
    new: set[str],
) -> Clustering:
    """Union-find over sure pairs. `existing` clusters (id -> members) stay as they are: a new
    record joins at most one of them, and two existing clusters are only merged by hand."""
    groups = _Groups(keys, manual_apart, matches)
    head_of: dict[str, str] = {}  # root -> existing cluster id
    for cid, members in sorted(existing.items()):
        present = [m for m in members if m in keys]
        for part in _split(present, manual_apart):
            groups.add(part, frozen=True)
            head_of[part[0]] = cid if cid in part else min(part)
    for rid in sorted(new):
        groups.add([rid])

    links: dict[Pair, Match] = {}
    manual = Match(Verdict.DUPLICATE, "manual", {})
    for p in sorted(manual_same):
        if p[0] in groups.parent and p[1] in groups.parent:
            ra, rb = groups.find(p[0]), groups.find(p[1])
            if ra != rb:
                heads = sorted(h for h in (head_of.pop(ra, ""), head_of.pop(rb, "")) if h)
                root = groups.union(ra, rb)
                if heads:
                    head_of[root] = heads[0]
            links[p] = manual

    blocked: dict[Pair, Match] = {}
    sure = [(p, m) for p, m in matches.items() if m.verdict is Verdict.DUPLICATE]
    # Within a rule, records of one year join first: a record without venue that is sure of
    # a meeting paper of its year and of the next edition's paper of its title (held apart
    # from each other) joins the paper of its year.
    sure.sort(key=lambda pm: (
        RULE_ORDER.get(pm[1].rule, 9), _years_apart(keys, pm[0]),
        -pm[1].scores.get("title", 0), pm[0],
    ))
    torn = _torn(groups, sure) if manual_apart else set()
    for p, m in sure:
        ra, rb = groups.find(p[0]), groups.find(p[1])
        if ra == rb:
            links[p] = m
            continue
        if (
            (ra in groups.frozen and rb in groups.frozen) or p[0] in torn or p[1] in torn
            or not groups.compatible(ra, rb)
        ):
            blocked[p] = m
            continue
        heads = [h for h in (head_of.pop(ra, ""), head_of.pop(rb, "")) if h]
        root = groups.union(ra, rb)
        if heads:
            head_of[root] = heads[0]
        links[p] = m

    cluster_of: dict[str, str] = {}
    for root, ids in groups.members.items():
        cid = head_of.get(root) or min(ids)
        for rid in ids:
            cluster_of[rid] = cid
    return Clustering(cluster_of, links, blocked)


def _years_apart(keys: Mapping[str, Key], p: Pair) -> bool:
    ya, yb = keys[p[0]].year, keys[p[1]].year
    return ya is not None and yb is not None and ya != yb


def _torn(groups: _Groups, sure: list[tuple[Pair, Match]]) -> set[str]:
    """Records not in a cluster yet that are sure duplicates of two clusters a person has kept
    apart (a third record that looks like both, or the corrected re-export of one of them):
    whichever the strongest rule would pick, the person's decision is undone through it, so it
    joins neither and each pair waits for the person."""
    near: dict[str, set[str]] = defaultdict(set)
    for a, b in (p for p, _ in sure):
        near[a].add(groups.find(b))
        near[b].add(groups.find(a))
    torn: set[str] = set()
    for rid, roots in near.items():
        own = groups.find(rid)
        if own in groups.frozen:
            continue  # it is in a cluster already: it joins nothing else
        ordered = sorted(roots - {own})
        if any(
            pair(x, y) in groups.apart
            for i, ra in enumerate(ordered) for rb in ordered[i + 1 :]
            for x in groups.members[ra] for y in groups.members[rb]
        ):
            torn.add(rid)
    # A chain of new records can do what one record does: MEDLINE sure with one side (a DOI),
    # CINAHL with the other (a title), MEDLINE and CINAHL with each other (a PMID). Neither
    # record is sure with both, yet merging the chain puts one side's twin into the other's
    # cluster. So the new records that sure pairs connect, taken together, may join no two
    # clusters a person has kept apart either.
    top: dict[str, str] = {}

    def find(x: str) -> str:
        while top.get(x, x) != x:
            x = top[x]
        return x

    edges = [(groups.find(a), groups.find(b)) for (a, b), _ in sure]
    for ra, rb in edges:
        if ra != rb and ra not in groups.frozen and rb not in groups.frozen:
            ca, cb = find(ra), find(rb)
            if ca != cb:
                top[max(ca, cb)] = min(ca, cb)
    sides: dict[str, set[str]] = defaultdict(set)
    for ra, rb in edges:
        for side, rnew in ((ra, rb), (rb, ra)):
            if side in groups.frozen and rnew not in groups.frozen:
                sides[find(rnew)].add(side)
    torn_chains = {
        c for c, roots in sides.items() if len(roots) > 1 and any(
            pair(x, y) in groups.apart
            for i, ra in enumerate(sorted(roots)) for rb in sorted(roots)[i + 1 :]
            for x in groups.members[ra] for y in groups.members[rb]
        )
    }
    if torn_chains:
        torn.update(
            rid for rid in groups.parent
            if groups.find(rid) not in groups.frozen and find(groups.find(rid)) in torn_chains
        )
    return torn


def _split(members: list[str], apart: set[Pair]) -> list[list[str]]:
    """An existing cluster after manual splits: records kept apart by hand leave it."""
    if not any(pair(a, b) in apart for i, a in enumerate(members) for b in members[i + 1 :]):
        return [members] if members else []
    parts: list[list[str]] = []
    for m in members:  # greedy, in the cluster's own order, so the head stays first
        for p in parts:
            if all(pair(m, x) not in apart for x in p):
                p.append(m)
                break
        else:
            parts.append([m])
    return parts


def recheck(
    keys: Mapping[str, Key], existing: Mapping[str, list[str]],
    links: Mapping[str, list[dict[str, Any]]], same: set[Pair],
) -> tuple[dict[str, list[str]], dict[Pair, Match], set[str]]:
    """The existing clusters after their rule links are decided again with what the whole
    review says now, and the links that no longer hold.

    A verdict can depend on the other records (`_context`): two issues' columns exported alike
    merge while the review holds one year of them, and are told apart once other years show the
    title recurs; a DOI a later export puts on a second item stops naming one work. One dedup
    of all the exports would not have merged them, so a dedup after each must not keep the
    merge: a cluster whose link fails splits along its remaining links (the part holding the
    cluster id keeps it) and the pair, if uncertain, waits for a person. Links a person made
    are never decided again.

    A link to a record no longer in the review (its export taken out with `import --remove`)
    fails too: a cluster held together through that record only would stay merged where one
    dedup of the exports left merges nothing. The third value is the records of the clusters
    that split: their pairs across the parts were never compared as pairs of two clusters
    (inside one cluster they were not queued), so they are compared again."""
    out: dict[str, list[str]] = {}
    stale: dict[Pair, Match] = {}
    split: set[str] = set()
    for cid, members in existing.items():
        kept: list[Pair] = []
        failed = False
        for link in links.get(cid, ()):
            p = pair(link["a"], link["b"])
            if p[0] not in keys or p[1] not in keys:
                failed = True
                continue
            if link["rule"] != "manual" and p not in same:
                m = compare(keys[p[0]], keys[p[1]])
                if m.verdict is not Verdict.DUPLICATE or m.hold:
                    stale[p] = m
                    failed = True
                    continue
            kept.append(p)
        if not failed:
            out[cid] = members
            continue
        parts = _connected(members, kept)
        for part in parts:
            out[cid if cid in part else min(part)] = part
        if len(parts) > 1:
            split.update(members)
    return out, stale, split


def _connected(members: list[str], links: list[Pair]) -> list[list[str]]:
    """The parts of `members` that `links` connect, each in the members' order."""
    parent = {rid: rid for rid in members}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in links:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    parts: dict[str, list[str]] = {}
    for rid in members:
        parts.setdefault(find(rid), []).append(rid)
    return list(parts.values())


def decide_pairs(
    keys: Mapping[str, Key], pairs: Iterable[Pair], skip: Callable[[Pair], bool],
    progress: Progress = NULL,
) -> dict[Pair, Match]:
    """The verdict on every pair not skipped, except plainly dissimilar ones (most pairs: not
    kept, to save memory; clustering recomputes any it needs).

    One process on purpose: forking workers and pickling keys and verdicts back cost more than
    they saved on a busy 2-core machine (measured: 2x slower at 60,000 records)."""
    out: dict[Pair, Match] = {}
    for n, p in enumerate(pairs, start=1):
        if not skip(p):
            m = compare(keys[p[0]], keys[p[1]])
            if m is not DISSIMILAR:
                out[p] = m
        if n % 10000 == 0:
            progress.advance(10000)
    return out


def make_keys(records: Sequence[Record]) -> list[Key]:
    """Every record's key, with what the whole review says about it (`_context`)."""
    return keys_and_changes(records, set())[0]


def keys_and_changes(records: Sequence[Record], old: set[str]) -> tuple[list[Key], set[str]]:
    """Every record's key (as `make_keys`), and which of the `old` records the others changed
    what the review says about: a DOI now on a second item, a title now seen to recur, an issue
    field now set aside for its source. Their pairs among the old records were decided on
    what the review said before; one dedup of everything decides them on what it says now."""
    keys = [make_key(r) for r in records]
    before = [copy(k) for k in keys if k.id in old]
    annotate(keys)
    if not before or len(before) == len(keys):
        return keys, set()
    annotate(before)
    now = {k.id: k for k in keys}
    return keys, {k.id for k in before if _annotations(k) != _annotations(now[k.id])}


def _annotations(k: Key) -> tuple[str, bool, bool, bool]:
    # What `annotate` sets on a key from the whole review (the module `_context`).
    return (k.issue, k.doi_trusted, k.doi_container, k.recurring)


def dedup_records(keys: list[Key]) -> tuple[dict[Pair, Match], Clustering]:
    """Fully automatic dedup of records with nothing decided before (benchmarks, first run)."""
    by_id = {k.id: k for k in keys}
    pairs = candidate_pairs(keys)
    matches = decide_pairs(by_id, pairs, lambda p: False)
    result = cluster(by_id, {}, matches, (), set(), set(by_id))
    result.compared = len(pairs)
    return matches, result
