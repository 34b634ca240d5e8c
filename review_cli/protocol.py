"""review.toml -> a frozen, validated Protocol.

Errors name the key (e.g. `sources[2].kind`) and say what is expected, because the protocol is
edited by hand and a reviewer should fix it from the message alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from review_cli.errors import ProtocolError
from review_cli.forms import Form, parse_extraction
from review_cli.model import SourceKind

SCHEMA = 1
FINAL_RULES = ("single", "both-include", "reconciled")
UNSCREENED_RULES = ("pending", "automation")
DEFAULT_KEYS = {
    "include": "i",
    "exclude": "e",
    "maybe": "m",
    "skip": "s",
    "undo": "u",
    "note": "n",
    "reason": "r",
    "criteria": "c",
    "not_retrieved": "x",  # full-text stage only: the report could not be obtained
    "open": "o",  # full-text stage only: open the report in the system viewer
    "help": "?",
    "quit": "q",
}


@dataclass(frozen=True)
class ExclusionReason:
    code: str
    label: str
    stages: tuple[str, ...] = ("title-abstract", "full-text")


@dataclass(frozen=True)
class Source:
    name: str
    kind: SourceKind = SourceKind.DATABASE
    platform: str = ""
    search_date: str = ""
    query: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Limits:
    """The date and language limits, applied as an explicit, logged automation rule.

    PRISMA 2020 counts what they remove as "records marked as ineligible by automation tools".
    A record with no year or no language is never excluded automatically: a person decides it
    at screening."""

    year_from: int | None = None
    year_to: int | None = None
    languages: tuple[str, ...] = ()  # ISO 639 codes or names, matched case-insensitively

    @property
    def active(self) -> bool:
        return self.year_from is not None or self.year_to is not None or bool(self.languages)

    def ineligible(self, year: int | None, language: str) -> str | None:
        """Why the limits exclude a record of this year and language, or None."""
        if year is not None:
            if self.year_from is not None and year < self.year_from:
                return f"published {year}, before the limit {self.year_from}"
            if self.year_to is not None and year > self.year_to:
                return f"published {year}, after the limit {self.year_to}"
        if self.languages and language:
            allowed = {language_name(x) for x in self.languages}
            spoken = {language_name(x) for x in language.replace(",", ";").split(";") if x.strip()}
            if spoken and not spoken & allowed:
                return f"language {language}, not in {', '.join(self.languages)}"
        return None


# Common spellings of languages in exports (ISO 639-1/2 codes, English and native names).
_LANGUAGE_ALIASES = {
    "en": "english", "eng": "english", "english": "english",
    "fr": "french", "fre": "french", "fra": "french", "french": "french", "francais": "french",
    "français": "french",
    "de": "german", "ger": "german", "deu": "german", "german": "german", "deutsch": "german",
    "es": "spanish", "spa": "spanish", "spanish": "spanish", "español": "spanish",
    "pt": "portuguese", "por": "portuguese", "portuguese": "portuguese",
    "it": "italian", "ita": "italian", "italian": "italian",
    "nl": "dutch", "dut": "dutch", "nld": "dutch", "dutch": "dutch",
    "zh": "chinese", "chi": "chinese", "zho": "chinese", "chinese": "chinese",
    "ja": "japanese", "jpn": "japanese", "japanese": "japanese",
    "ru": "russian", "rus": "russian", "russian": "russian",
    "sv": "swedish", "swe": "swedish", "swedish": "swedish",
    "no": "norwegian", "nor": "norwegian", "norwegian": "norwegian",
    "da": "danish", "dan": "danish", "danish": "danish",
    "pl": "polish", "pol": "polish", "polish": "polish",
    "tr": "turkish", "tur": "turkish", "turkish": "turkish",
    "ko": "korean", "kor": "korean", "korean": "korean",
}




def language_name(value: str) -> str:
    key = value.strip().casefold()
    return _LANGUAGE_ALIASES.get(key, key)


@dataclass(frozen=True)
class Screening:
    seed: int = 42
    model: str = "default"
    target_recall: float = 0.95
    confidence: float = 0.95
    final: str = "single"  # single | both-include | reconciled
    keys: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    highlight_include: tuple[str, ...] = ()
    highlight_exclude: tuple[str, ...] = ()
    # Kept so that older review.toml files still load: "automation" no longer removes the units
    # nobody screened (it did so with no record of who stopped, when or on which rule's
    # verdict); `review stop` records that decision, and `review prisma` says so.
    unscreened: str = "pending"


@dataclass(frozen=True)
class Previous:
    """An updated review: what the previous version included (PRISMA 2020 "previous studies")."""

    studies: int = 0
    reports: int = 0
    citation: str = ""


@dataclass(frozen=True)
class Appraisal:
    """`[appraisal]`: the instrument studies are appraised with by default."""

    tool: str = ""  # a shipped instrument's id (casp-qualitative...) or an instrument file's path


COMMIT_RULES = ("no", "git", "lfs")


@dataclass(frozen=True)
class FullText:
    """`[fulltext]`: the contact e-mail Unpaywall asks for, and whether the reports themselves
    are committed (their licences differ, so by default only their index is)."""

    email: str = ""
    commit: str = "no"  # no | git | lfs


@dataclass(frozen=True)
class Protocol:
    title: str
    question: str = ""
    review_type: str = ""
    framework: str = ""  # PICO, PICo, SPIDER, ... (free-form)
    question_fields: Mapping[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    reasons: tuple[ExclusionReason, ...] = ()
    sources: tuple[Source, ...] = ()
    limits: Limits = field(default_factory=Limits)
    reviewers: tuple[str, ...] = ()
    screening: Screening = field(default_factory=Screening)
    synthesis: str = ""
    previous: Previous | None = None  # set for an updated review ([previous] in review.toml)
    extraction: Form | None = None  # the extraction form ([extraction] in review.toml)
    appraisal: Appraisal = field(default_factory=Appraisal)
    fulltext: FullText = field(default_factory=FullText)

    def source(self, name: str) -> Source | None:
        """The source `name` refers to: its name in any case, else the one source whose name
        is the same ignoring punctuation, as its folder name is (`--source web-of-science` is
        the declared "Web of Science")."""
        folded = name.casefold()
        same = next((s for s in self.sources if s.name.casefold() == folded), None)
        if same is not None:
            return same
        alike = [s for s in self.sources if slug(s.name) == slug(name) != "unnamed"]
        return alike[0] if len(alike) == 1 else None

    def kind_of(self, name: str) -> SourceKind:
        """A source's kind; one missing from review.toml counts as a database (as `review
        import` declares it)."""
        source = self.source(name)
        return source.kind if source else SourceKind.DATABASE

    def reason(self, code: str) -> ExclusionReason | None:
        return next((r for r in self.reasons if r.code == code), None)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A file-name-safe form of a source or reviewer name (their folder or log file name)."""
    return _SLUG.sub("-", name.casefold()).strip("-") or "unnamed"


class _Reader:
    """Typed access to one table, with errors that name the full key."""

    def __init__(self, data: Mapping[str, Any], path: Path, prefix: str) -> None:
        self.data, self.path, self.prefix = data, path, prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def where(self, name: str) -> str:
        """`review.toml:LINE` when `name` is set (or opens a table) on exactly one line, which
        is the usual case for a misspelt key; else just the file name."""
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return self.path.name
        start, stop = 0, len(text)
        entry = re.fullmatch(r"(\w+)\[(\d+)\]\.", self.prefix)
        if entry:  # a key of the n-th [[table]]: look between its header and the next table's
            headers = [
                m.start()
                for m in re.finditer(rf"^[ \t]*\[\[[ \t]*{entry[1]}[ \t]*\]\]", text, re.MULTILINE)
            ]
            n = int(entry[2])
            if n >= len(headers):
                return self.path.name
            start = headers[n]
            line_end = text.find("\n", start)
            after = (
                re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, line_end + 1)
                if line_end != -1 else None
            )
            stop = after.start() if after else stop
        key = re.escape(name)
        pattern = re.compile(
            rf'^[ \t]*(?:"?{key}"?[ \t]*=|\[+[ \t]*(?:[\w.-]+\.)?"?{key}"?[ \t]*\]+)', re.MULTILINE
        )
        found = [m.start() for m in pattern.finditer(text, start, stop)]
        if len(found) != 1:
            return self.path.name
        return f"{self.path.name}:{text.count(chr(10), 0, found[0]) + 1}"

    def fail(self, name: str, expected: str) -> ProtocolError:
        got = self.data.get(name)
        return ProtocolError(
            f"{self.where(name)}: `{self.key(name)}` must be {expected} (got {got!r})",
            hint=f"edit {self.path} and run the command again",
        )

    def only(self, *names: str) -> None:
        """Refuse a key this table does not have: a misspelt key (`[screeening]`, `sed = 1`)
        would otherwise be ignored in silence and its setting never applied."""
        for name in self.data:
            if name not in names:
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                guess = f"did you mean `{self.key(close[0])}`? " if close else ""
                where = f"in `{self.prefix.rstrip('.')}` " if self.prefix else "at the top "
                raise ProtocolError(
                    f"{self.where(name)}: unknown key `{self.key(name)}`",
                    hint=f"{guess}the keys {where}are: {', '.join(names)}; edit {self.path}",
                )

    def text(self, name: str, default: str = "", required: bool = False) -> str:
        if name not in self.data:
            if required:
                raise ProtocolError(
                    f"{self.path.name}: `{self.key(name)}` is missing",
                    hint=f"add it to {self.path}",
                )
            return default
        value = self.data[name]
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str):
            raise self.fail(name, "a string")
        if required and not value.strip():
            raise self.fail(name, "a non-empty string")
        return value.strip()

    def texts(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    def integer(self, name: str, default: int | None = None) -> int | None:
        value = self.data.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, "an integer")
        return value

    def fraction(self, name: str, default: float) -> float:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            raise self.fail(name, "a number between 0 and 1, e.g. 0.95")
        return float(value)

    def table(self, name: str) -> _Reader:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise self.fail(name, "a table")
        return _Reader(value, self.path, f"{self.key(name)}.")

    def tables(self, name: str) -> list[_Reader]:
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, f"an array of tables ([[{name}]])")
        return [_Reader(v, self.path, f"{self.key(name)}[{i}].") for i, v in enumerate(value)]


def load_protocol(path: Path) -> Protocol:
    return parse_protocol(read_toml(path), path)


def read_toml(path: Path) -> dict[str, Any]:
    """A hand-edited TOML file (the protocol, a form or an instrument file), with errors that
    name the file and line."""
    try:
        raw = path.read_bytes()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ProtocolError(f"{path}: saved as UTF-16, not UTF-8",
                                hint="save it again as UTF-8 (TOML files are UTF-8; in Notepad: "
                                     "Save as, Encoding UTF-8)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise ProtocolError(f"{path}:{line}: not UTF-8 (byte 0x{raw[e.start]:02x})",
                                hint="save it again as UTF-8 (TOML files are UTF-8), then "
                                     "check the accented characters on that line") from None
        data = tomllib.loads(text)
    except FileNotFoundError as e:
        raise ProtocolError(f"{path} does not exist", hint="run `review init`") from e
    except tomllib.TOMLDecodeError as e:
        raise ProtocolError(
            f"{path}: not valid TOML ({e})", hint="fix the syntax at that line"
        ) from e
    return data


def parse_protocol(data: Mapping[str, Any], path: Path) -> Protocol:
    top = _Reader(data, path, "")
    top.only("schema", "review", "question", "criteria", "exclusion_reasons", "sources", "limits",
             "reviewers", "screening", "previous", "extraction", "appraisal", "fulltext")
    schema = top.integer("schema", SCHEMA)
    if schema != SCHEMA:
        raise top.fail(
            "schema", f"{SCHEMA} (this version of review reads protocol schema {SCHEMA})"
        )

    review = top.table("review")
    review.only("title", "type", "synthesis")
    question = top.table("question")  # free-form: PICO, SPIDER, ... fields
    criteria = top.table("criteria")
    criteria.only("include", "exclude")

    reasons = []
    seen: set[str] = set()
    for r in top.tables("exclusion_reasons"):
        r.only("code", "label", "stages")
        code = r.text("code", required=True)
        if code in seen:
            raise r.fail("code", f"unique; `{code}` is used twice")
        seen.add(code)
        stages = r.texts("stages") or ("title-abstract", "full-text")
        for stage in stages:
            if stage not in ("title-abstract", "full-text"):
                raise r.fail("stages", 'a list of "title-abstract" and/or "full-text"')
        reasons.append(ExclusionReason(code, r.text("label", code), tuple(stages)))

    sources = []
    names: set[str] = set()
    for s in top.tables("sources"):
        s.only("name", "kind", "platform", "search_date", "query", "notes")
        name = s.text("name", required=True)
        if name.casefold() in names:
            raise s.fail("name", f"unique; source `{name}` is listed twice")
        names.add(name.casefold())
        kind_text = s.text("kind", "database")
        try:
            kind = SourceKind(kind_text)
        except ValueError:
            allowed = ", ".join(f'"{k}"' for k in SourceKind)
            raise s.fail("kind", f"one of {allowed}") from None
        sources.append(
            Source(
                name=name,
                kind=kind,
                platform=s.text("platform"),
                search_date=s.text("search_date"),
                query=s.text("query"),
                notes=s.text("notes"),
            )
        )

    lim = top.table("limits")
    lim.only("year_from", "year_to", "languages")
    year_from, year_to = lim.integer("year_from"), lim.integer("year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise lim.fail("year_to", f"a year on or after year_from ({year_from})")
    limits = Limits(year_from, year_to, lim.texts("languages"))

    sc = top.table("screening")
    sc.only(
        "seed", "model", "target_recall", "confidence", "final", "keys", "highlight", "unscreened"
    )
    final = sc.text("final", "single")
    if final not in FINAL_RULES:
        raise sc.fail("final", "one of " + ", ".join(f'"{f}"' for f in FINAL_RULES))
    unscreened = sc.text("unscreened", "pending")
    if unscreened not in UNSCREENED_RULES:
        raise sc.fail("unscreened", "one of " + ", ".join(f'"{f}"' for f in UNSCREENED_RULES))
    keys = dict(DEFAULT_KEYS)
    key_table = sc.table("keys")
    for action in key_table.data:
        if action not in DEFAULT_KEYS:
            raise key_table.fail(action, "one of the actions " + ", ".join(DEFAULT_KEYS))
        key = key_table.text(action)
        if len(key) != 1:
            raise key_table.fail(action, "a single character")
        keys[action] = key
    clashes = {k for k in keys.values() if list(keys.values()).count(k) > 1}
    if clashes:
        raise key_table.fail(sorted(clashes)[0], "a key used by one action only")
    hl = sc.table("highlight")
    hl.only("include", "exclude")
    seed = sc.integer("seed", 42)
    screening = Screening(
        seed=seed if seed is not None else 42,
        model=sc.text("model", "default"),
        target_recall=sc.fraction("target_recall", 0.95),
        confidence=sc.fraction("confidence", 0.95),
        final=final,
        keys=keys,
        highlight_include=hl.texts("include"),
        highlight_exclude=hl.texts("exclude"),
        unscreened=unscreened,
    )

    reviewers = []
    log_names: dict[str, str] = {}
    for r in top.tables("reviewers"):
        r.only("name")
        name = r.text("name", required=True)
        if slug(name) in log_names:
            # One decision log per reviewer, named by the slug: two such reviewers would write
            # into one file and their decisions would be read as one person's.
            raise r.fail("name", f"a name of its own; `{name}` and `{log_names[slug(name)]}` "
                                 "would share one decision log "
                                 f"(screen/<stage>/{slug(name)}.jsonl: names are compared by "
                                 "their letters a-z and digits only)")
        log_names[slug(name)] = name
        reviewers.append(name)

    previous = None
    if "previous" in data:
        prev = top.table("previous")
        prev.only("studies", "reports", "citation")
        counts = {}
        for name in ("studies", "reports"):
            n = prev.integer(name, 0)
            if n is None or n < 0:
                raise prev.fail(name, "a whole number of 0 or more")
            counts[name] = n
        if counts["reports"] < counts["studies"]:
            raise prev.fail(
                "reports", f"at least `studies` ({counts['studies']}): each study has a report"
            )
        previous = Previous(counts["studies"], counts["reports"], prev.text("citation"))

    extraction = parse_extraction(
        top.table("extraction"), lambda p: _Reader(read_toml(p), p, "")
    )
    ap = top.table("appraisal")
    ap.only("tool")
    ft = top.table("fulltext")
    ft.only("email", "commit")
    commit = ft.text("commit", "no")
    if commit not in COMMIT_RULES:
        raise ft.fail("commit", "one of " + ", ".join(f'"{c}"' for c in COMMIT_RULES))
    email = ft.text("email")
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise ft.fail("email", "an e-mail address (Unpaywall asks for one), or no `email` key")

    question_fields = {
        k: question.text(k) for k in question.data if k not in ("framework", "text")
    }
    return Protocol(
        title=review.text("title", required=True),
        question=question.text("text"),
        review_type=review.text("type"),
        framework=question.text("framework"),
        question_fields=question_fields,
        include=criteria.texts("include"),
        exclude=criteria.texts("exclude"),
        reasons=tuple(reasons),
        sources=tuple(sources),
        limits=limits,
        reviewers=tuple(reviewers),
        screening=screening,
        synthesis=review.text("synthesis"),
        previous=previous,
        extraction=extraction,
        appraisal=Appraisal(ap.text("tool")),
        fulltext=FullText(email, commit),
    )
