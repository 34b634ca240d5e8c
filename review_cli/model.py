"""The review's data: records, their origins, decisions, and how ids are derived.

No I/O and no third-party imports here, so every stage can share these types cheaply.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from operator import itemgetter
from typing import Any, NamedTuple

_new_tuple = tuple.__new__  # builds a NamedTuple from its values without a Python-level call
_DECISION_KEYS = itemgetter("record", "verdict", "stage", "reviewer", "time")
ID_LENGTH = 10  # base32 chars: 50 bits, collision-free in practice for millions of records


class SourceKind(StrEnum):
    """Where records came from; decides which PRISMA 2020 box counts them."""

    DATABASE = "database"
    REGISTER = "register"
    WEBSITE = "website"
    ORGANISATION = "organisation"
    CITATION_SEARCHING = "citation searching"


# The sources of PRISMA 2020's "databases and registers" arm; the other kinds are "other methods".
DBR_KINDS = (SourceKind.DATABASE, SourceKind.REGISTER)


def arm_and_kept(
    cid: str, members: Sequence[str], from_dbr: Callable[[str], bool]
) -> tuple[bool, str]:
    """Whether a cluster belongs to the databases-and-registers arm, and the record that stands
    for it: the cluster id's if it is one of the arm's records, else the arm's first by id.
    `members` sorted by id; `from_dbr(id)`: the record comes from a database or register.
    PRISMA's flow and dedup's per-source counts both keep this record, so they credit the same
    sources."""
    own = [m for m in members if from_dbr(m)]
    dbr = bool(own)
    if not dbr:
        own = list(members)
    return dbr, (cid if cid in own else own[0])


class Stage(StrEnum):
    """A screening stage."""

    TITLE_ABSTRACT = "title-abstract"
    FULL_TEXT = "full-text"


class Verdict(StrEnum):
    """One reviewer's decision on one record at one stage."""

    INCLUDE = "include"
    EXCLUDE = "exclude"
    MAYBE = "maybe"
    NOT_RETRIEVED = "not-retrieved"  # full text only: the report could not be obtained
    # Not a decision: withdraws the same reviewer's previous line for this record (the `undo`
    # key). History is never deleted; `decisions.latest` pops the record's previous line.
    UNDO = "undo"


# Value -> member lookups: calling the enum is slow when reading 100,000s of decision lines.
_STAGES = {s.value: s for s in Stage}
_VERDICTS = {v.value: v for v in Verdict}


class Origin(NamedTuple):
    """Where one record was read: the source, the export file and the record's key in it.
    Ordered by those fields, in that order."""

    source: str
    file: str  # path relative to the review root, POSIX separators
    key: str  # the export's own id (PMID, UT, EID, AN...) or "#<position>" (1-based)
    line: int = 0  # first line of the record in the file (row for spreadsheets), 0 if unknown

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "file": self.file, "key": self.key, "line": self.line}

    @classmethod
    def from_json(cls, data: Any) -> Origin:
        """Raises ValueError saying what is wrong when `data` is not an origin (a hand edit)."""
        if type(data) is not dict:
            raise ValueError(f"an origin must be an object, not {type(data).__name__}")
        try:
            source, file, key, line = data["source"], data["file"], data["key"], data.get("line", 0)
        except KeyError as e:
            raise ValueError(f"an origin has no `{e.args[0]}`") from None
        if (
            type(source) is not str or type(file) is not str or type(key) is not str
            or type(line) is not int
        ):
            raise ValueError("an origin's source, file and key must be text and its line a number")
        return _new_tuple(cls, (source, file, key, line))


# The normalised bibliographic fields, in the order they are written.
TEXT_FIELDS = (
    "title",
    "journal",
    "journal_abbrev",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "issn",
    "abstract",
    "language",
    "type",
    "url",
    "database",
)
LIST_FIELDS = ("authors", "keywords")
_STR_FIELDS = ("id", "source", *TEXT_FIELDS)


def _kind(value: Any) -> str:
    return "null" if value is None else f"a {type(value).__name__}"


class Record(NamedTuple):
    """One record as read from one source, normalised (a tuple: 100,000s are read per run).

    `id` is derived from the source and the content (see `record_id`), so re-importing the
    same export gives the same ids and importing another never renames existing records.
    Two records are equal when everything but where they were read (`origins`) is.
    """

    id: str
    source: str
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    journal: str = ""
    journal_abbrev: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    issn: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    language: str = ""
    type: str = ""
    url: str = ""
    database: str = ""  # the database named inside the export (e.g. "MEDLINE" in an Ovid file)
    origins: tuple[Origin, ...] = ()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self[:-1] == other[:-1]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:-1])

    def to_json(self) -> dict[str, Any]:
        """Fixed key order; empty values kept so every line has the same shape."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "journal": self.journal,
            "journal_abbrev": self.journal_abbrev,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "doi": self.doi,
            "pmid": self.pmid,
            "issn": self.issn,
            "abstract": self.abstract,
            "keywords": list(self.keywords),
            "language": self.language,
            "type": self.type,
            "url": self.url,
            "database": self.database,
            "origins": [o.to_json() for o in self.origins],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Record:
        """The record a line of records.jsonl holds. Raises ValueError naming the field when a
        value has the wrong type (a hand edit), so no stage meets a number where text belongs."""
        get = data.get
        for name in _STR_FIELDS:
            value = get(name, "")
            if type(value) is not str:
                raise ValueError(f"`{name}` must be text, not {_kind(value)}")
        year = get("year")
        if year is not None and type(year) is not int:
            raise ValueError(f"`year` must be a whole number or null, not {_kind(year)}")
        lists = []
        for name in LIST_FIELDS:
            value = get(name, ())
            if type(value) not in (list, tuple) or any(type(v) is not str for v in value):
                raise ValueError(f"`{name}` must be a list of text")
            lists.append(tuple(value))
        origins = get("origins", ())
        if type(origins) not in (list, tuple):
            raise ValueError(f"`origins` must be a list, not {_kind(origins)}")
        if "id" not in data or "source" not in data:
            raise ValueError("a record needs an `id` and a `source`")
        return _new_tuple(cls, (
            data["id"], data["source"], get("title", ""), lists[0], year, get("journal", ""),
            get("journal_abbrev", ""), get("volume", ""), get("issue", ""), get("pages", ""),
            get("doi", ""), get("pmid", ""), get("issn", ""), get("abstract", ""), lists[1],
            get("language", ""), get("type", ""), get("url", ""), get("database", ""),
            tuple(map(Origin.from_json, origins)),
        ))


_COMBINING: tuple[re.Pattern[str], re.Pattern[str]] | None = None
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _class(codes: list[int]) -> re.Pattern[str]:
    ranges: list[list[int]] = []
    for c in codes:  # as ranges: a class of single characters is scanned linearly
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    body = "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges
    )
    return re.compile(f"[{body}]")


def _combining() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Character classes of every code point with a non-zero combining class (built once):
    those of the Basic Multilingual Plane, and those above it.

    Two classes, because a class reaching beyond U+FFFF compiles to a list of a few hundred
    ranges tried one by one for every character, while a BMP-only class compiles to a bitmap
    (one lookup): four times faster on accented author lists, the same characters removed."""
    global _COMBINING
    if _COMBINING is None:
        # Combining marks (canonical class > 0) all lie below U+20000 (the last is U+1E94A):
        # the planes above hold CJK ideographs, tags and variation selectors, all of class 0.
        marks = [c for c in range(0x300, 0x20000) if unicodedata.combining(chr(c))]
        _COMBINING = (
            _class([c for c in marks if c <= 0xFFFF]), _class([c for c in marks if c > 0xFFFF])
        )
    return _COMBINING


def _drop_combining(text: str) -> str:
    bmp, astral = _combining()
    text = bmp.sub("", text)
    return astral.sub("", text) if _ASTRAL.search(text) else text



def best_value(values: Sequence[Any]) -> Any:
    """The best value of one field across copies of a record: the longest, ties broken by value.

    Symmetric in its input, so merging copies in any order gives the same record.
    """
    present = [v for v in values if v not in (None, "", ())]
    if not present:
        return values[0] if values else None
    return max(present, key=lambda v: (len(v) if isinstance(v, str | tuple) else 1, repr(v)))

def fold(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form used for fingerprints.

    Same result as dropping every `unicodedata.combining` character after NFKD, done at C
    speed: ASCII text (most fields) has nothing to decompose, the rest goes through one regex.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        if not text.isascii():
            text = _drop_combining(text)
    text = text.casefold()
    # squash(), inlined: fold runs ten times per record.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(text.split())


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and strip: `" ".join(text.split())`.

    Most field values have nothing to collapse; `isprintable()` is False for every whitespace
    character except the space, so one C-speed check skips the split of a long abstract.
    """
    if text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(text.split())


_FINGERPRINT_FIELDS = (
    "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract"
)


def fingerprint(fields_: Mapping[str, Any], squashed: bool = False) -> str:
    """The content a record id is derived from: every bibliographic field, folded.

    `squashed=True` promises that every text value is already squashed (as
    `normalise.fields` makes them): an ASCII value then folds to its casefold, with no scan
    for whitespace to collapse (the same string: tests/test_import_hotpaths.py)."""
    parts = []
    get = fields_.get
    for name in _FINGERPRINT_FIELDS:
        value = get(name)
        if value is None or value == "":
            parts.append("")
            continue
        if isinstance(value, list | tuple):
            try:
                value = "; ".join(value)  # names are str: no str() of each needed
            except TypeError:
                value = "; ".join(str(v) for v in value)
        elif type(value) is not str:
            value = str(value)
        if value.isascii():  # fold(), inlined: nothing to decompose, casefold is lower()
            value = value.casefold()
            if squashed or (value.isprintable() and "  " not in value):
                parts.append(value if squashed else value.strip())
            else:
                parts.append(" ".join(value.split()))
        else:
            parts.append(fold(value))
    return "\x1f".join(parts)


_B32 = "abcdefghijklmnopqrstuvwxyz234567"  # RFC 4648 base32, lower-cased
_B32_PAIRS = [a + b for a in _B32 for b in _B32]


def short_hash(*parts: str, length: int = ID_LENGTH) -> str:
    digest = hashlib.sha256("\x1e".join(parts).encode("utf-8")).digest()
    # The first `length` characters of the lower-cased base32 of the digest: base32 spells the
    # bits five at a time from the first byte, so they are the digest's first 5 * length bits
    # (base64.b32encode is pure Python and was a tenth of computing a record id).
    bits = length * 5
    if bits > 256:
        return base64.b32encode(digest).decode("ascii").lower()[:length]
    size = -(-bits // 8)
    n = int.from_bytes(digest[:size], "big") >> (size * 8 - bits)
    if length % 2 == 0:  # two characters (ten bits) at a time
        return "".join([_B32_PAIRS[(n >> shift) & 1023] for shift in range(bits - 10, -10, -10)])
    return "".join([_B32[(n >> shift) & 31] for shift in range(bits - 5, -5, -5)])


def record_id(source: str, fingerprint_: str, occurrence: int = 0) -> str:
    """Id of a record: source + content, plus its rank among identical records of one file.

    Identical records in one file stay distinct (occurrence 0, 1, ...), so nothing collapses
    silently; the same record in two files of one source (an export split in parts) gets the
    same id and keeps both origins.
    """
    return short_hash(fold(source), fingerprint_, str(occurrence))


class Decision(NamedTuple):
    """One line of a reviewer's append-only decision log (a tuple: logs hold 100,000s)."""

    record: str  # the record (or cluster) id decided on
    verdict: Verdict
    stage: Stage
    reviewer: str
    time: str  # ISO 8601 UTC, seconds precision
    reason: str = ""  # exclusion reason code from the protocol
    note: str = ""
    rank: int | None = None  # position the ranking engine gave when shown
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "record": self.record,
            "verdict": str(self.verdict),
            "stage": str(self.stage),
            "reviewer": self.reviewer,
            "time": self.time,
            "reason": self.reason,
            "note": self.note,
            "rank": self.rank,
            "score": self.score,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Decision:
        """Raises KeyError, ValueError or TypeError on a line that is not a decision."""
        record, verdict, stage, reviewer, time = _DECISION_KEYS(data)  # in C: logs are long
        get = data.get
        reason, note = get("reason") or "", get("note") or ""
        if not (type(record) is type(reviewer) is type(time) is type(reason) is type(note) is str):
            record, reviewer, time, reason, note = map(str, (record, reviewer, time, reason, note))
        return _new_tuple(cls, (
            record,
            _VERDICTS.get(verdict) or Verdict(verdict),
            _STAGES.get(stage) or Stage(stage),
            reviewer,
            time,
            reason,
            note,
            get("rank"),
            get("score"),
        ))

