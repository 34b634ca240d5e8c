"""`review extract`: each reviewer fills the protocol's extraction form for every included study,
in `$EDITOR` (a commented text file, as `git commit` does) or in a spreadsheet (`review extract
export` / `import`); `compare` lists the fields the reviewers disagree on, `reconcile` settles
them and records who decided, `agreement` reports agreement per field.

Every saved value goes to the reviewer's append-only log (store/extraction.py), one line per
changed field; nothing is written when the input has a problem.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from review_cli.errors import ReviewError, UsageError
from review_cli.forms import Form, Invalid, Value, check, from_text, is_complete, normal, show
from review_cli.forms import cell as cell_of
from review_cli.io import workbook
from review_cli.project import Project
from review_cli.stages.extract import _text, _xlsx
from review_cli.stages.studies import Study, cohen_kappa, find, included
from review_cli.store import extraction as store
from review_cli.store.decisions import iso
from review_cli.store.locking import reviewer_lock

TASK = "extract"
MAX_ROUNDS = 50  # editor rounds before giving up (a script that never fixes its form)
Editor = Callable[[str], str]


def form_of(project: Project) -> Form:
    form = project.protocol.extraction
    if form is None:
        raise ReviewError(
            "review.toml has no extraction form",
            hint="add [[extraction.fields]] tables (name, label, type, choices, help, required) "
            "or `[extraction] form = \"FILE\"`; the templates in protocols/ have one to copy",
        )
    return form


@dataclass(frozen=True)
class Change:
    study: str
    label: str
    field: str
    old: Value
    new: Value

    def text(self, form: Form) -> str:
        f = form.field(self.field)
        old, new = (show(f, self.old), show(f, self.new)) if f else (self.old, self.new)

        def short(x: Any) -> str:
            s = " ".join(str(x).split())
            return (s[:57] + "...") if len(s) > 60 else (s or "(empty)")

        return f"{self.label} ({self.study}) {self.field}: {short(old)} -> {short(new)}"

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study, "label": self.label, "field": self.field, "old": self.old,
                "new": self.new}


def _changes(study: Study, old: dict[str, Value], new: dict[str, Value],
             names: Sequence[str]) -> list[Change]:
    return [Change(study.id, study.label, n, old.get(n), new.get(n))
            for n in names if old.get(n) != new.get(n)]


def _entries(changes: Sequence[Change], reviewer: str, now: str, via: str) -> list[store.Entry]:
    return [store.Entry(c.study, c.field, c.new, reviewer, now, via) for c in changes]


@dataclass
class Saved:
    """What one save did: the values that changed, or why nothing was recorded."""

    study: Study | None
    changes: list[Change] = field(default_factory=list)
    outcome: str = "saved"  # saved | unchanged | empty
    repaired: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study.id if self.study else None, "outcome": self.outcome,
                "changes": [c.to_json() for c in self.changes]}


def next_study(studies: Sequence[Study], done: dict[str, dict[str, Value]], form: Form) -> Study:
    for s in studies:
        if s.id not in done or not is_complete(form, done[s.id]):
            return s
    raise ReviewError(f"you have extracted every included study ({len(studies)})",
                      hint="name a study to edit its form: review extract ID --reviewer NAME")


def _study(project: Project, studies: Sequence[Study], query: str | None, reviewer: str,
           form: Form) -> Study:
    if not studies:
        raise ReviewError("no study is included yet",
                          hint="extraction starts after the full-text decisions: `review include`")
    if query:
        return find(studies, query)
    return next_study(studies, store.values(store.own_log(project, reviewer).entries), form)


def form_as_text(form: Form, study: Study, reviewer: str, values: dict[str, Value]) -> str:
    """A study's form as the editor shows it, filled with `values`."""
    return _text.render(form, study, reviewer, values)


def form_text(project: Project, query: str | None, reviewer: str) -> str:
    """The form of a study as `$EDITOR` would show it, filled with the reviewer's values."""
    form = form_of(project)
    studies = included(project)
    study = _study(project, studies, query, reviewer, form)
    mine = store.values(store.own_log(project, reviewer).entries).get(study.id, {})
    return _text.render(form, study, reviewer, mine)


def edit(project: Project, query: str | None, reviewer: str, editor: Editor,
         clock: Callable[[], float] = time.time) -> Saved:
    """Open the study's form in `editor(text) -> text` until it is valid, empty or unchanged;
    record the changed values. Holds the reviewer's lock while the editor is open."""
    form = form_of(project)
    studies = included(project)
    with reviewer_lock(project, TASK, reviewer):
        repaired = [m for m in [store.repair(project, reviewer)] if m]
        study = _study(project, studies, query, reviewer, form)
        old = store.values(store.own_log(project, reviewer).entries).get(study.id, {})
        original = text = _text.render(form, study, reviewer, old)
        shown_problems = False
        for _ in range(MAX_ROUNDS):
            edited = editor(text)
            if _text.blank(edited):
                return Saved(study, outcome="empty", repaired=repaired)
            if edited == original:
                return Saved(study, outcome="unchanged", repaired=repaired)
            values, problems = _text.parse(form, edited)
            if not problems:
                break
            if shown_problems and edited == text:
                raise ReviewError(
                    f"the form of {study.label} ({study.id}) still has {len(problems)} "
                    "problem(s); nothing was recorded:\n  "
                    + "\n  ".join(p.text() for p in problems),
                    hint="run the command again to fix them (your text is not kept), or fill "
                    "the form from a file: review extract ID --reviewer NAME --from FILE")
            text, shown_problems = _text.with_problems(edited, problems), True
        else:
            raise ReviewError("the form was saved with problems too many times; nothing was "
                              "recorded")
        changes = _changes(study, old, values, form.names)
        store.append(project, reviewer, _entries(changes, reviewer, iso(clock()), "editor"))
    return Saved(study, changes, "saved" if changes else "unchanged", repaired)


def save_file(project: Project, query: str | None, reviewer: str, source: Path,
              clock: Callable[[], float] = time.time) -> Saved:
    """`--from FILE`: a filled form (as `--print` writes it) recorded without an editor."""
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise ReviewError(f"cannot read {source}: {e.strerror}", hint="check the path") from None
    except UnicodeDecodeError as e:
        raise ReviewError(f"{source}: not UTF-8 (byte {e.start})",
                          hint="save the form as UTF-8") from None
    form = form_of(project)
    studies = included(project)
    values, problems = _text.parse(form, text)
    if problems:
        listed = [f"{source}:{p.line}: " + (f"`{p.field}`: " if p.field else "") + p.message
                  if p.line else f"{source}: {p.text()}" for p in problems]
        raise ReviewError(f"{len(problems)} problem(s) in {source}; nothing was recorded:\n  "
                          + "\n  ".join(listed),
                          hint="fix them and run the command again")
    with reviewer_lock(project, TASK, reviewer):
        repaired = [m for m in [store.repair(project, reviewer)] if m]
        study = _study(project, studies, query, reviewer, form)
        old = store.values(store.own_log(project, reviewer).entries).get(study.id, {})
        changes = _changes(study, old, values, form.names)
        store.append(project, reviewer, _entries(changes, reviewer, iso(clock()), "file"))
    return Saved(study, changes, "saved" if changes else "unchanged", repaired)


def set_values(project: Project, query: str, reviewer: str, values: dict[str, Value],
               via: str = "set", clock: Callable[[], float] = time.time) -> Saved:
    """Record some fields of one study (scripts, the demo); values checked against the form."""
    form = form_of(project)
    study = find(included(project), query)
    checked: dict[str, Value] = {}
    for name, value in values.items():
        f = form.field(name)
        if f is None:
            raise ReviewError(f"the form has no field `{name}`",
                              hint="its fields: " + ", ".join(form.names))
        try:
            checked[name] = check(f, value)
        except Invalid as e:
            raise ReviewError(f"{study.id}: {e}", hint="nothing was recorded") from None
    with reviewer_lock(project, TASK, reviewer):
        repaired = [m for m in [store.repair(project, reviewer)] if m]
        old = store.values(store.own_log(project, reviewer).entries).get(study.id, {})
        changes = _changes(study, old, {**old, **checked}, list(checked))
        store.append(project, reviewer, _entries(changes, reviewer, iso(clock()), via))
    return Saved(study, changes, "saved" if changes else "unchanged", repaired)


# --- the spreadsheet round trip ----------------------------------------------------------------


def export_workbook(project: Project, reviewer: str | None) -> tuple[bytes, int]:
    """The extraction workbook (filled with `reviewer`'s values when given), and its rows."""
    form = form_of(project)
    studies = included(project)
    if not studies:
        raise ReviewError("no study is included yet",
                          hint="extraction starts after the full-text decisions: `review include`")
    mine = store.values(store.own_log(project, reviewer).entries) if reviewer else {}
    return workbook.write(_xlsx.sheets(form, studies, mine)), len(studies)


@dataclass
class Imported:
    changes: list[Change]
    rows: int
    written: bool
    repaired: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "written": self.written,
                "changes": [c.to_json() for c in self.changes]}


def import_workbook(project: Project, path: Path, reviewer: str, dry_run: bool = False,
                    clock: Callable[[], float] = time.time) -> Imported:
    """Read a filled extraction workbook as `reviewer`'s values: every row it has is that
    reviewer's extraction of that study. Any problem: nothing is written, every cell named."""
    form = form_of(project)
    studies = included(project)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReviewError(f"cannot read {path}: {e.strerror}", hint="check the path") from e
    got = _xlsx.read_sheets(form, studies, workbook.read(data, path))
    if got.problems:
        raise ReviewError(
            f"{path}: {len(got.problems)} problem(s); nothing was recorded:\n  "
            + "\n  ".join(got.problems),
            hint="fix those cells (the sheet `guide` lists every field's choices) and import "
            "again")
    by_id = {s.id: s for s in studies}
    with reviewer_lock(project, TASK, reviewer):
        repaired = [] if dry_run else [m for m in [store.repair(project, reviewer)] if m]
        current = store.values(store.own_log(project, reviewer).entries)
        changes: list[Change] = []
        for sid in sorted(got.values, key=lambda i: (by_id[i].label, i)):
            new = got.values[sid]
            old = current.get(sid, {})
            changes += _changes(by_id[sid], old, {**old, **new}, list(new))
        if not dry_run:
            store.append(project, reviewer, _entries(changes, reviewer, iso(clock()), "xlsx"))
    return Imported(changes, got.rows, not dry_run, repaired)


# --- two reviewers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    study: str
    label: str
    field: str
    values: dict[str, Value]  # reviewer -> their value (None: left empty)

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study, "label": self.label, "field": self.field,
                "values": dict(sorted(self.values.items()))}


def _per_reviewer(project: Project) -> dict[str, dict[str, dict[str, Value]]]:
    return {name: store.values(log.entries) for name, log in store.reviewer_logs(project).items()}


def compare(project: Project, ids: Sequence[str] | None = None) -> list[Disagreement]:
    """Every field the reviewers who extracted a study disagree on, not reconciled yet."""
    form = form_of(project)
    studies = {s.id: s for s in included(project)}
    per = _per_reviewer(project)
    finals = store.settle(form, per, store.reconciled_log(project).entries)
    wanted = {find(list(studies.values()), i).id for i in ids} if ids else None
    out = []
    for sid in sorted(finals, key=lambda i: (studies[i].label if i in studies else i, i)):
        if wanted is not None and sid not in wanted:
            continue
        for f in form.fields:
            final = finals[sid].get(f.name)
            if final is not None and final.conflict:
                label = studies[sid].label if sid in studies else sid
                out.append(Disagreement(sid, label, f.name,
                                        {n: per[n][sid].get(f.name) for n in final.by}))
    return out


@dataclass(frozen=True)
class Resolution:
    study: str
    field: str
    value: Value
    took: str = ""  # the reviewer whose value was taken ("": typed by the reconciler)


def take(found: Sequence[Disagreement], name: str) -> list[Resolution]:
    names = sorted({n for d in found for n in d.values})
    match = next((n for n in names if n.casefold() == name.casefold()), None)
    if found and match is None:
        raise ReviewError(f"`{name}` extracted none of these studies",
                          hint="take one of: " + ", ".join(names))
    if match is None:
        return []
    return [Resolution(d.study, d.field, d.values[match], match)
            for d in found if match in d.values]


def typed(project: Project, query: str, name: str, text: str) -> Resolution:
    """A value the reconciler types (`--study ID --field F --value TEXT`), checked."""
    form = form_of(project)
    f = form.field(name)
    if f is None:
        raise UsageError(f"the form has no field `{name}`", hint=", ".join(form.names))
    if f.type == "blocks":
        raise UsageError(f"`{name}` holds blocks: reconcile it with --take NAME")
    try:
        value = from_text(f, text)
    except Invalid as e:
        raise ReviewError(str(e), hint="nothing was reconciled") from None
    return Resolution(find(included(project), query).id, name, value)


def reconcile(project: Project, reconciler: str, resolutions: Sequence[Resolution],
              clock: Callable[[], float] = time.time) -> list[store.Entry]:
    """Record final values in extract/reconciled.jsonl, with who decided and how."""
    now = iso(clock())
    entries = [store.Entry(r.study, r.field, r.value, reconciler, now,
                           f"took {r.took}" if r.took else "typed") for r in resolutions]
    with reviewer_lock(project, TASK, "reconciled"):
        store.repair_reconciled(project)
        store.append_reconciled(project, entries)
    return entries


AskDisagreement = Callable[[Disagreement, int, int], "Resolution | str | None"]


def walk(project: Project, reconciler: str, ask: AskDisagreement,
         clock: Callable[[], float] = time.time) -> list[store.Entry]:
    """The interactive walk-through: `ask` returns a resolution, "skip", or None to stop;
    each resolution is recorded as soon as it is made."""
    todo = compare(project)
    written: list[store.Entry] = []
    for i, d in enumerate(todo, start=1):
        answer = ask(d, i, len(todo))
        if answer is None:
            break
        if isinstance(answer, Resolution):
            written += reconcile(project, reconciler, [answer], clock)
    return written


@dataclass(frozen=True)
class FieldAgreement:
    field: str
    label: str
    a: str
    b: str
    both: int  # studies both reviewers extracted
    agree: int
    raw: float | None
    kappa: float | None  # choice and yes-no fields only

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "label": self.label, "reviewers": [self.a, self.b],
                "both": self.both, "agree": self.agree, "raw": self.raw, "kappa": self.kappa}


def agreement(project: Project) -> list[FieldAgreement]:
    """Per field, for every pair of reviewers: on how many of the studies both extracted they
    gave the same value (as `compare` judges it), and Cohen's kappa for choices."""
    form = form_of(project)
    per = _per_reviewer(project)
    out = []
    for a, b in combinations(sorted(per), 2):
        common = sorted(set(per[a]) & set(per[b]))
        for f in form.fields:
            pairs = [(normal(f, per[a][s].get(f.name)), normal(f, per[b][s].get(f.name)))
                     for s in common]
            agree = sum(x == y for x, y in pairs)
            kappa = cohen_kappa(pairs) if f.type in ("choice", "yes-no") else None
            out.append(FieldAgreement(f.name, f.label, a, b, len(pairs), agree,
                                      agree / len(pairs) if pairs else None, kappa))
    return out


def torn_warnings(project: Project) -> list[str]:
    return store.torn_warnings(project)


__all__ = [
    "TASK", "Change", "Disagreement", "FieldAgreement", "Imported", "Resolution", "Saved",
    "agreement", "cell_of", "compare", "edit", "export_workbook", "form_as_text", "form_of",
    "form_text", "import_workbook", "reconcile", "save_file", "set_values", "take",
    "torn_warnings", "typed", "walk",
]
