"""Appraisal instruments: the checklists studies are appraised with, as data files.

The instruments shipped with review live in `protocols/instruments/<id>.toml` (CASP qualitative,
JBI qualitative, MMAT 2018); a team may write its own in the same format and name its path in
review.toml (`[appraisal] tool = "instruments/ours.toml"`). Each file names its source and its
licence. Where a checklist's licence does not allow its text to be copied into an MIT-licensed
program, the file holds item ids and short labels written for review, and points to the official
form, which reviewers keep open beside the terminal.

An instrument has answers (each with a key and whether it counts as a concern), items (each in
a section), optionally designs (MMAT: the study's design decides which sections apply) and an
overall judgement with its rule stated, which review suggests from the answers and the reviewer
confirms or overrides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from review_cli.errors import ProtocolError
from review_cli.forms import fail, key_line, only
from review_cli.protocol import _Reader, read_toml, slug

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "protocols" / "instruments"
DESIGN, OVERALL = "design", "overall"  # the two questions that are not items
# Keys of the appraisal screen that an answer may not take.
CONTROL_KEYS = {"b": "back", "q": "quit", "t": "type a comment", "?": "help"}


@dataclass(frozen=True)
class Choice:
    """An answer to an item, a level of the overall judgement or a design."""

    key: str
    value: str
    label: str
    concern: bool = False  # answers: counts against the study in the overall rule
    max_concerns: int | None = None  # levels: the most concerns this level allows
    sections: tuple[str, ...] = ()  # designs: the sections of items that apply


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    section: str = ""
    help: str = ""


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    version: str
    source: str
    licence: str
    url: str  # the official form
    answers: tuple[Choice, ...]
    items: tuple[Item, ...]
    overall_label: str
    levels: tuple[Choice, ...]
    rule: str
    critical: tuple[str, ...] = ()
    designs: tuple[Choice, ...] = ()
    path: str = ""

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def design(self, value: str | None) -> Choice | None:
        return next((d for d in self.designs if d.value == value), None)

    def applicable(self, design: str | None) -> tuple[Item, ...]:
        """The items a study of this design is appraised on (all of them without designs)."""
        if not self.designs:
            return self.items
        chosen = self.design(design)
        if chosen is None:
            return ()
        return tuple(i for i in self.items if i.section in chosen.sections)

    def questions(self, design: str | None) -> list[str]:
        """The ids asked in order: the design (if any), the applicable items, the overall."""
        head = [DESIGN] if self.designs else []
        return [*head, *(i.id for i in self.applicable(design)), OVERALL]

    def choices(self, question: str) -> tuple[Choice, ...]:
        if question == DESIGN:
            return self.designs
        if question == OVERALL:
            return self.levels
        return self.answers

    def label_of(self, question: str) -> str:
        if question == DESIGN:
            return "Study design (decides which items apply)"
        if question == OVERALL:
            return self.overall_label
        item = self.item(question)
        return item.label if item else question

    def answer_label(self, question: str, value: str) -> str:
        found = next((c for c in self.choices(question) if c.value == value), None)
        return found.label if found else value

    def valid(self, question: str) -> bool:
        return question in (DESIGN, OVERALL) or self.item(question) is not None

    def suggest(self, answers: Mapping[str, str]) -> str | None:
        """The overall level the stated rule gives for these answers; None until every
        applicable item is answered. A concern on a critical item gives the lowest level."""
        items = self.applicable(answers.get(DESIGN))
        if not items or any(i.id not in answers for i in items):
            return None
        concern = {a.value for a in self.answers if a.concern}
        concerns = [i.id for i in items if answers[i.id] in concern]
        if any(c in self.critical for c in concerns):
            return self.levels[-1].value
        for level in self.levels:
            if level.max_concerns is None or len(concerns) <= level.max_concerns:
                return level.value
        return self.levels[-1].value


def shipped() -> dict[str, Path]:
    """The instruments that come with review, by id."""
    return {p.stem: p for p in sorted(INSTRUMENTS_DIR.glob("*.toml"))}


def find(tool: str, root: Path | None = None) -> Instrument:
    """A shipped instrument by id, else an instrument file by path (relative to the current
    folder or the review's root)."""
    known = shipped()
    if tool in known:
        return load(known[tool])
    for base in (Path.cwd(), root):
        if base is not None and (base / tool).is_file():
            return load(base / tool)
    raise ProtocolError(
        f"no appraisal instrument `{tool}`",
        hint="use one of " + ", ".join(known) + ", or the path of an instrument file",
    )


def _choices(entries: list[_Reader], what: str, keys_taken: Mapping[str, str]) -> list[Choice]:
    out: list[Choice] = []
    for r in entries:
        only(r, "key", "value", "label", "concern", "max_concerns", "sections")
        key = r.text("key", required=True)
        value = r.text("value", required=True)
        if len(key) != 1 or key in keys_taken or key.isspace():
            taken = ", ".join(f"{k} ({v})" for k, v in keys_taken.items())
            raise fail(r, "key", f"a single character other than {taken}")
        if any(c.key == key for c in out):
            raise fail(r, "key", f"unique among the {what}; `{key}` is used twice")
        if any(c.value == value for c in out):
            raise fail(r, "value", f"unique among the {what}; `{value}` is used twice")
        concern = r.data.get("concern", False)
        if not isinstance(concern, bool):
            raise fail(r, "concern", "true or false")
        most = r.integer("max_concerns")
        out.append(Choice(key, value, r.text("label", value), concern, most, r.texts("sections")))
    if not out:
        raise ProtocolError(f"{entries[0].path.name if entries else 'instrument'}: no {what}",
                            hint=f"add the {what} as [[...]] tables")
    return out


def load(path: Path) -> Instrument:
    """An instrument file, checked: errors name the file, the key and its line."""
    top = _Reader(read_toml(path), path, "")
    only(top, "id", "name", "version", "source", "licence", "url", "answers", "items", "overall",
         "designs")
    tool = top.text("id", required=True)
    if slug(tool) != tool or tool == "reconciled":
        raise fail(top, "id", "a name of lower-case letters, digits and - (not `reconciled`)")
    answers = _choices(top.tables("answers"), "answers", CONTROL_KEYS)
    designs = _choices(top.tables("designs"), "designs", CONTROL_KEYS) \
        if "designs" in top.data else []
    items: list[Item] = []
    for r in top.tables("items"):
        only(r, "id", "label", "section", "help")
        item_id = r.text("id", required=True)
        if item_id in (DESIGN, OVERALL):
            raise fail(r, "id", f"not `{item_id}` (review asks that question itself)")
        twice = next((i for i in items if i.id == item_id), None)
        if twice is not None:
            raise ProtocolError(
                f"{key_line(r, 'id')}: duplicate question id `{item_id}` in `{r.key('id')}`",
                hint=f"give every item of {path.name} its own id",
            )
        items.append(Item(item_id, r.text("label", required=True), r.text("section"),
                          " ".join(r.text("help").split())))
    if not items:
        raise ProtocolError(f"{path.name}: no [[items]]", hint="list the instrument's items")
    sections = {i.section for i in items}
    for d, r in zip(designs, top.tables("designs"), strict=True):
        unknown = [s for s in d.sections if s not in sections]
        if not d.sections or unknown:
            raise fail(r, "sections", "a list of item sections: " + ", ".join(sorted(sections)))
    overall = top.table("overall")
    only(overall, "label", "rule", "critical", "levels")
    levels = _choices(overall.tables("levels"), "overall levels", CONTROL_KEYS)
    critical = overall.texts("critical")
    for c in critical:
        if not any(i.id == c for i in items):
            raise fail(overall, "critical", "a list of item ids of this instrument")
    return Instrument(
        id=tool, name=top.text("name", required=True), version=top.text("version"),
        source=top.text("source", required=True), licence=top.text("licence", required=True),
        url=top.text("url"), answers=tuple(answers), items=tuple(items),
        overall_label=overall.text("label", "Overall judgement"), levels=tuple(levels),
        rule=" ".join(overall.text("rule", required=True).split()), critical=critical,
        designs=tuple(designs), path=str(path),
    )
