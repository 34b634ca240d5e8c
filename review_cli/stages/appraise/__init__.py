"""`review appraise`: each reviewer appraises every included study with an instrument (CASP
qualitative, JBI qualitative, MMAT 2018, or the team's own), one question at a time; `compare`,
`reconcile` and `agreement` work as for screening.

The session loop takes an injected `ask` (the terminal screen, or a test's list of actions) and
appends every answer to the reviewer's log, flushed to disk, before it asks the next question:
killing the terminal loses no confirmed answer, and the next session resumes at the first
question not answered yet.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, NamedTuple

from review_cli.errors import ReviewError, UsageError
from review_cli.instruments import DESIGN, OVERALL, Instrument, find
from review_cli.project import Project
from review_cli.stages.studies import Study, cohen_kappa, included
from review_cli.stages.studies import find as find_study
from review_cli.store import appraisal as store
from review_cli.store.decisions import iso
from review_cli.store.locking import reviewer_lock


def instrument_of(project: Project, tool: str | None) -> Instrument:
    """`--tool`, else the protocol's `[appraisal] tool`."""
    name = tool or project.protocol.appraisal.tool
    if not name:
        from review_cli.instruments import shipped

        raise UsageError("which instrument? no --tool given and review.toml has no "
                         "[appraisal] tool",
                         hint="pass --tool " + " | ".join(shipped())
                         + ", or set `tool` under [appraisal] in review.toml")
    return find(name, project.root)


def task(instrument: Instrument) -> str:
    return f"appraise-{instrument.id}"


# --- the session -------------------------------------------------------------------------------


class Action(NamedTuple):
    """What the reviewer did at a question."""

    kind: str  # answer | comment | back | keep | quit
    value: str = ""  # the answer's value, or the comment's text


@dataclass
class Question:
    """One question on screen: everything the screen draws."""

    study: Study
    instrument: Instrument
    question: str  # an item id, `design` or `overall`
    position: int  # 1-based, among this study's questions
    count: int
    current: store.Answer | None  # the reviewer's answer in force
    suggested: str | None = None  # the overall level the instrument's rule gives
    comment: str = ""  # a comment typed before answering, saved with the answer
    message: str = ""
    studies_left: int = 0
    reviewer: str = ""


Ask = Callable[[Question], Action]


@dataclass
class Session:
    reviewer: str
    tool: str
    answered: int = 0  # lines written this session
    completed: list[str] = field(default_factory=list)  # studies fully appraised this session
    stopped: bool = False
    repaired: list[str] = field(default_factory=list)
    remaining: int = 0  # studies with questions left


def _complete(inst: Instrument, answers: Mapping[str, Any]) -> bool:
    return all(q in answers for q in inst.questions(_value(answers.get(DESIGN))))


def _value(a: Any) -> str | None:
    return a.answer if isinstance(a, store.Answer) else a


def run(project: Project, query: str | None, reviewer: str, tool: str | None, ask: Ask,
        clock: Callable[[], float] = time.time) -> Session:
    """Step through the questions of one study (or of every study not appraised yet)."""
    inst = instrument_of(project, tool)
    studies = included(project)
    if not studies:
        raise ReviewError("no study is included yet",
                          hint="appraisal starts after the full-text decisions: `review include`")
    chosen = [find_study(studies, query)] if query else None
    out = Session(reviewer, inst.id)
    with reviewer_lock(project, task(inst), reviewer):
        out.repaired = [m for m in [store.repair(project, inst.id, reviewer)] if m]
        mine = store.latest(store.own_log(project, inst.id, reviewer).answers)
        todo = chosen or [s for s in studies if not _complete(inst, mine.get(s.id, {}))]
        if not todo:
            raise ReviewError(f"{reviewer} has appraised every included study ({len(studies)}) "
                              f"with {inst.id}",
                              hint="name a study to go through its answers again: "
                              "review appraise ID")
        for n, study in enumerate(todo):
            finished = _study(project, inst, study, reviewer, dict(mine.get(study.id, {})), ask,
                              clock, out, len(todo) - n - 1)
            if finished:
                out.completed.append(study.id)
            if out.stopped:
                break
        mine = store.latest(store.own_log(project, inst.id, reviewer).answers)
        out.remaining = sum(1 for s in studies if not _complete(inst, mine.get(s.id, {})))
    return out


def _study(project: Project, inst: Instrument, study: Study, reviewer: str,
           answers: dict[str, store.Answer], ask: Ask, clock: Callable[[], float],
           out: Session, left: int) -> bool:
    questions = inst.questions(_value(answers.get(DESIGN)))
    i = next((k for k, q in enumerate(questions) if q not in answers), 0)
    comment, message = "", ""
    while i < len(questions):
        q = questions[i]
        plain = {k: a.answer for k, a in answers.items()}
        shown = Question(study, inst, q, i + 1, len(questions), answers.get(q),
                         inst.suggest(plain) if q == OVERALL else None, comment, message, left,
                         reviewer)
        action = ask(shown)
        message = ""
        if action.kind == "quit":
            out.stopped = True
            return False
        if action.kind == "back":
            i, comment = max(0, i - 1), ""
            continue
        if action.kind == "keep":
            if q in answers:
                i, comment = i + 1, ""
            else:
                message = "No answer yet: press one of the answer keys."
            continue
        if action.kind == "comment":
            if q in answers:
                old = answers[q]
                answers[q] = _save(project, inst, store.Answer(
                    study.id, q, old.answer, reviewer, iso(clock()), action.value, "terminal"))
                out.answered += 1
                message = "Saved: comment"
            else:
                comment, message = action.value, "Comment kept: it is saved with your answer."
            continue
        if action.kind != "answer" or action.value not in {c.value for c in inst.choices(q)}:
            message = "Not an answer to this question."
            continue
        kept = comment or (answers[q].comment if q in answers else "")
        answers[q] = _save(project, inst, store.Answer(
            study.id, q, action.value, reviewer, iso(clock()), kept, "terminal"))
        out.answered += 1
        message = f"Saved: {inst.answer_label(q, action.value)}"
        if q == DESIGN:
            questions = inst.questions(action.value)
        i, comment = i + 1, ""
    return True


def _save(project: Project, inst: Instrument, answer: store.Answer) -> store.Answer:
    """On disk (fsynced) before the next question is asked."""
    store.append(project, inst.id, answer.reviewer, [answer])
    return answer


# --- without the screen ------------------------------------------------------------------------


def set_answers(project: Project, query: str, reviewer: str, tool: str | None,
                answers: Mapping[str, str], comments: Mapping[str, str] | None = None,
                via: str = "set", clock: Callable[[], float] = time.time) -> list[store.Answer]:
    """Record answers given on the command line (`--set q1=yes`); every problem is listed and
    nothing is written if there is one."""
    inst = instrument_of(project, tool)
    study = find_study(included(project), query)
    comments = dict(comments or {})
    problems = []
    for q, value in answers.items():
        if not inst.valid(q):
            problems.append(f"`{q}` is not a question of {inst.id} (its items: "
                            + ", ".join(i.id for i in inst.items) + ", overall)")
        elif value not in {c.value for c in inst.choices(q)}:
            problems.append(f"`{q}={value}`: the answers are "
                            + ", ".join(c.value for c in inst.choices(q)))
    for q in comments:
        if q not in answers:
            problems.append(f"a comment on `{q}` needs its answer too (--set {q}=ANSWER)")
    if problems:
        raise ReviewError(f"{len(problems)} problem(s); nothing was recorded:\n  "
                          + "\n  ".join(problems), hint=f"{inst.name}: {inst.url}")
    with reviewer_lock(project, task(inst), reviewer):
        store.repair(project, inst.id, reviewer)
        now = iso(clock())
        order = {q: n for n, q in enumerate([DESIGN, *(i.id for i in inst.items), OVERALL])}
        written = [store.Answer(study.id, q, v, reviewer, now, comments.get(q, ""), via)
                   for q, v in sorted(answers.items(), key=lambda kv: order[kv[0]])]
        store.append(project, inst.id, reviewer, written)
    return written


def parse_pairs(pairs: Sequence[str], what: str) -> dict[str, str]:
    """`ITEM=VALUE` options."""
    out = {}
    for pair in pairs:
        item, sep, value = pair.partition("=")
        if not sep or not item.strip():
            raise UsageError(f"{what} takes ITEM=VALUE, got `{pair}`", hint="e.g. --set q1=yes")
        out[item.strip()] = value.strip()
    return out


# --- two reviewers -----------------------------------------------------------------------------


def _questions(inst: Instrument) -> list[str]:
    return [*([DESIGN] if inst.designs else []), *(i.id for i in inst.items), OVERALL]


@dataclass(frozen=True)
class Disagreement:
    study: str
    label: str
    item: str
    answers: dict[str, str | None]  # reviewer -> answer (None: not answered)
    comments: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {"study": self.study, "label": self.label, "item": self.item,
                "answers": dict(sorted(self.answers.items())),
                "comments": dict(sorted(self.comments.items()))}


def compare(project: Project, tool: str | None) -> list[Disagreement]:
    """Every question the reviewers who appraised a study answered differently, not reconciled."""
    inst = instrument_of(project, tool)
    studies = {s.id: s for s in included(project)}
    logs = {n: store.latest(log.answers)
            for n, log in store.reviewer_logs(project, inst.id).items()}
    per = {n: {s: {i: a.answer for i, a in row.items()} for s, row in done.items()}
           for n, done in logs.items()}
    finals = store.settle(per, store.reconciled_log(project, inst.id).answers, _questions(inst))
    out = []
    for sid in sorted(finals, key=lambda i: (studies[i].label if i in studies else i, i)):
        for q in _questions(inst):
            final = finals[sid].get(q)
            if final is None or not final.conflict:
                continue
            out.append(Disagreement(
                sid, studies[sid].label if sid in studies else sid, q,
                {n: per[n][sid].get(q) for n in final.by},
                {n: logs[n][sid][q].comment for n in final.by
                 if q in logs[n][sid] and logs[n][sid][q].comment}))
    return out


@dataclass(frozen=True)
class Resolution:
    study: str
    item: str
    answer: str
    took: str = ""
    comment: str = ""


def take(found: Sequence[Disagreement], name: str) -> list[Resolution]:
    names = sorted({n for d in found for n in d.answers})
    match = next((n for n in names if n.casefold() == name.casefold()), None)
    if found and match is None:
        raise ReviewError(f"`{name}` appraised none of these studies",
                          hint="take one of: " + ", ".join(names))
    if match is None:
        return []
    return [Resolution(d.study, d.item, str(d.answers[match]), match)
            for d in found if d.answers.get(match) is not None]


def reconcile(project: Project, tool: str | None, reconciler: str,
              resolutions: Sequence[Resolution],
              clock: Callable[[], float] = time.time) -> list[store.Answer]:
    inst = instrument_of(project, tool)
    bad = [f"{r.study} {r.item}: `{r.answer}` is not an answer"
           for r in resolutions if r.answer not in {c.value for c in inst.choices(r.item)}]
    if bad:
        raise ReviewError("nothing was reconciled:\n  " + "\n  ".join(bad))
    now = iso(clock())
    written = [store.Answer(r.study, r.item, r.answer, reconciler, now, r.comment,
                            f"took {r.took}" if r.took else "typed") for r in resolutions]
    with reviewer_lock(project, task(inst), "reconciled"):
        store.append_reconciled(project, inst.id, written)
    return written


AskDisagreement = Callable[[Disagreement, int, int], "Resolution | str | None"]


def walk(project: Project, tool: str | None, reconciler: str, ask: AskDisagreement,
         clock: Callable[[], float] = time.time) -> list[store.Answer]:
    todo = compare(project, tool)
    written: list[store.Answer] = []
    for i, d in enumerate(todo, start=1):
        answer = ask(d, i, len(todo))
        if answer is None:
            break
        if isinstance(answer, Resolution):
            written += reconcile(project, tool, reconciler, [answer], clock)
    return written


@dataclass(frozen=True)
class ItemAgreement:
    item: str
    label: str
    a: str
    b: str
    both: int
    agree: int
    raw: float | None
    kappa: float | None

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "label": self.label, "reviewers": [self.a, self.b],
                "both": self.both, "agree": self.agree, "raw": self.raw, "kappa": self.kappa}


def agreement(project: Project, tool: str | None) -> list[ItemAgreement]:
    """Per question, for every pair of reviewers: raw agreement and Cohen's kappa over the
    studies both answered it for."""
    inst = instrument_of(project, tool)
    per = {n: store.latest(log.answers) for n, log in store.reviewer_logs(project, inst.id).items()}
    out = []
    for a, b in combinations(sorted(per), 2):
        for q in _questions(inst):
            pairs = [(per[a][s][q].answer, per[b][s][q].answer)
                     for s in sorted(set(per[a]) & set(per[b]))
                     if q in per[a][s] and q in per[b][s]]
            if not pairs:
                continue
            agree = sum(x == y for x, y in pairs)
            out.append(ItemAgreement(q, inst.label_of(q), a, b, len(pairs), agree,
                                     agree / len(pairs), cohen_kappa(pairs)))
    return out


def torn_warnings(project: Project) -> list[str]:
    return store.torn_warnings(project)


__all__ = [
    "Action", "Disagreement", "ItemAgreement", "Question", "Resolution", "Session",
    "agreement", "compare", "instrument_of", "parse_pairs", "reconcile", "run", "set_answers",
    "take", "task", "torn_warnings", "walk",
]
