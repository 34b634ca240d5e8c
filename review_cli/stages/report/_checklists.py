"""The PRISMA-S, eMERGe and GRIPP2 (short form) checklists, filled from the review's files where
they can answer, else left as prompts.

Their items are summarised here in this project's own words, with each item's number and a
short topic, and the source cited: PRISMA-S (Rethlefsen et al. 2021), eMERGe (France et al.
2019) and GRIPP2 (Staniszewska et al. 2017) are open-access articles, but the search tool used
while writing this could not confirm the licence of their checklists' text, so no sentence of
theirs is copied. Read the originals for the full wording and its explanation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from review_cli.model import SourceKind
from review_cli.stages.report import _say as say
from review_cli.stages.report._facts import Facts
from review_cli.stages.report._sections import ref
from review_cli.store.ppi import PHASES

Fill = Callable[[Facts], str]

PRISMA_S = ("Rethlefsen ML, Kirtley S, Waffenschmidt S, et al. PRISMA-S: an extension to the "
            "PRISMA Statement for Reporting Literature Searches in Systematic Reviews. Syst Rev "
            "2021;10:39. doi:10.1186/s13643-020-01542-z. Items summarised in this project's own "
            "words.")
EMERGE = ("France EF, Cunningham M, Ring N, et al. Improving reporting of meta-ethnography: the "
          "eMERGe reporting guidance. BMC Med Res Methodol 2019;19:25. "
          "doi:10.1186/s12874-018-0600-0. Criteria summarised in this project's own words.")
GRIPP2 = ("Staniszewska S, Brett J, Simera I, et al. GRIPP2 reporting checklists: tools to "
          "improve reporting of patient and public involvement in research. Res Involv Engagem "
          "2017;3:13. doi:10.1186/s40900-017-0062-2. Items summarised in this project's own "
          "words.")
CERQUAL = ("Lewin S, Booth A, Glenton C, et al. Applying GRADE-CERQual to qualitative evidence "
           "synthesis findings: introduction to the series. Implement Sci 2018;13(Suppl 1):2. "
           "doi:10.1186/s13012-017-0688-3.")
NOBLIT = "Noblit GW, Hare RD. Meta-ethnography: synthesizing qualitative studies. Sage, 1988."


def _kinds(f: Facts, *kinds: SourceKind) -> list[str]:
    return [s.name + (f" ({s.platform})" if s.platform else "") + (f": {s.notes}" if s.notes
                                                                   else "")
            for s in f.protocol.sources if s.kind in kinds]


def _platforms(f: Facts) -> str:
    per: dict[str, list[str]] = {}
    for s in f.protocol.sources:
        if s.kind == SourceKind.DATABASE and s.platform:
            per.setdefault(s.platform, []).append(s.name)
    shared = {p: names for p, names in per.items() if len(names) > 1}
    details = [row for row in f.searches for note in row.notes if "several databases" in note]
    if not shared and not details:
        return ""
    text = "; ".join(f"{p}: {say.names(n)}" for p, n in shared.items())
    return ("Databases on one platform: " + text + ". " if text else "") + say.todo(
        "whether they were searched at the same time")


def _per_source(f: Facts) -> str:
    if f.flow is None:
        return ""
    counts = [f"{name} {say.n(k)}" for group in f.flow.sources.values()
              for name, k in group.items()]
    return "Records per source: " + "; ".join(counts) + f" ({ref('searches')})."


def _dedup(f: Facts) -> str:
    c = f.counts
    if not c:
        return ""
    removed = c.get("duplicates", 0) + c.get("other_duplicates", 0)
    return (f"{say.n(removed)} duplicates removed with `review dedup`: rule-based matching on "
            "identifiers, titles, authors, year and journal, each link recorded with its rule "
            "and score (dedup/clusters.jsonl); uncertain pairs decided by a person.")


def _updates(f: Facts) -> str:
    updates = [e for e in f.log if e.get("update_of")]
    if not updates:
        return ""
    return "; ".join(f"{e['source']} re-run on {str(e['time'])[:10]} for records added since "
                     f"{str(e.get('previous_run') or '')[:10]}" for e in updates) + "."


def _limits_s(f: Facts) -> str:
    logged = [f"{r.source}: {r.limits}" for r in f.searches if r.limits not in ("", "none")
              and r.run != "not imported" and not r.limits.startswith(("see protocol",
                                                                       "not recorded"))]
    out = "; ".join(logged)
    if say.limits(f):
        out += ("; " if out else "") + f"review.toml [limits]: {say.limits(f)}, applied to every " \
            "record after import"
    return (out + ". " + say.todo("why these limits")) if out else ""


def _dates(f: Facts) -> str:
    dates = say.searched_on(f)
    if not dates:
        return ""
    missing = say.undated(f)
    return ("; ".join(f"{k} {v}" for k, v in dates.items()) + "."
            + (" " + say.todo("the dates for " + say.names(missing)) if missing else ""))


def _strategies_s(f: Facts) -> str:
    done, missing = say.strategies(f)
    if not done:
        return ""
    return (f"{len(done)} strategies as run in {ref('searches')}"
            + ("; " + say.todo("those of " + say.names(missing)) if missing else "") + ".")


PRISMA_S_ITEMS: list[tuple[str, str, str, Fill | None]] = [
    ("1", "Database name", "Each database searched, with its platform.",
     lambda f: "; ".join(_kinds(f, SourceKind.DATABASE))),
    ("2", "Multi-database searching", "Platforms on which several databases were searched at "
     "once, and which databases.", _platforms),
    ("3", "Study registries", "The registries searched.",
     lambda f: "; ".join(_kinds(f, SourceKind.REGISTER))),
    ("4", "Online resources and browsing", "Websites, tables of contents or other sources "
     "searched or browsed, and how.",
     lambda f: "; ".join(_kinds(f, SourceKind.WEBSITE, SourceKind.ORGANISATION))),
    ("5", "Citation searching", "Whether references or citing articles were checked, and how.",
     lambda f: "; ".join(_kinds(f, SourceKind.CITATION_SEARCHING))),
    ("6", "Contacts", "Whether authors, experts or others were contacted for studies or data.",
     None),
    ("7", "Other methods", "Any other sources or methods used.", None),
    ("8", "Full search strategies", "Every strategy exactly as it was run.", _strategies_s),
    ("9", "Limits and restrictions", "Any limits (dates, language, design) and why, or that "
     "there were none.", _limits_s),
    ("10", "Search filters", "Published search filters used (or adapted), cited.", None),
    ("11", "Prior work", "Strategies reused or adapted from other reviews, cited.", None),
    ("12", "Updates", "How the searches were updated.", _updates),
    ("13", "Dates of searches", "When each source was last searched.", _dates),
    ("14", "Peer review", "Whether the strategies were peer reviewed, and how.", None),
    ("15", "Total records", "Records found in each source, before deduplication.", _per_source),
    ("16", "Deduplication", "How duplicates were removed, and with what software.", _dedup),
]


def prisma_s(facts: Facts) -> list[tuple[str, str, str, str]]:
    return [(item, topic, text, (fill(facts).strip() if fill else "") or say.todo(topic.lower()))
            for item, topic, text, fill in PRISMA_S_ITEMS]


# --- eMERGe ------------------------------------------------------------------------------------


def _matrix_outcome(f: Facts) -> str:
    m = f.synth.matrix if f.synth else None
    if m is None:
        return ""
    c = Counter(x.relation for x in m.cells)
    return (f"{len(m.rows)} third-order concepts across {len(f.studies)} studies: "
            f"{c['reciprocal']} reciprocal, {c['refutational']} refutational and {c['absent']} "
            f"absent cells ({ref('synthesis')}, 7.2).")


def _translation(f: Facts) -> str:
    m = f.synth.matrix if f.synth else None
    if m is None:
        return ""
    s = f.protocol.synthesis_settings
    order = (f"the index paper ({s.index}) first, then chronologically" if s.order == "index"
             else "in chronological order")
    text = (f"Each study's concepts were translated into the others' in a matrix of third-order "
            f"concepts (rows) by studies (columns, {order}); each cell records the concepts "
            "that express the row and whether they are reciprocal or refutational (with a note "
            "on the contradiction), or absent.")
    meetings = [x for x in (f.synth.meetings if f.synth else None) or [] if x.phase == 5]
    if meetings:
        text += f" The PPI advisory group advised on the translation ({len(meetings)} meeting(s))."
    return text


def _reading(f: Facts) -> str:
    ext = say.extraction(f)
    if not ext or f.synth is None or not f.synth.concepts:
        return ext
    return (ext + " Each quotation block (verbatim text, page, participant, first- or "
            "second-order) became a concept of the synthesis (synthesis/concepts.jsonl).")


def _related(f: Facts) -> str:
    if f.synth is None or not f.synth.concepts:
        return ""
    return ("The studies' concepts were listed side by side (the concepts table) and compared "
            "for shared and contradicting meanings, which led to the third-order concepts of the "
            f"matrix ({ref('synthesis')}). " + say.todo("which aspects of the studies (context, "
                                                        "participants) were compared"))


def _argument(f: Facts) -> str:
    a = f.synth.argument if f.synth else None
    if a is None:
        return ""
    return (f"The line of argument links {len({e for x in a.links for e in (x.source, x.target)})}"
            f" third-order concepts ({len(a.links)} links, drawn as a diagram in "
            f"{ref('synthesis')}, 7.3).")


EMERGE_ITEMS: list[tuple[str, str, str, str, Fill | None]] = [
    # (phase, criterion, topic, what to report, fill)
    ("1 Getting started", "1", "Rationale and context", "The knowledge gap the meta-ethnography "
     "fills and its wider context.", None),
    ("1 Getting started", "2", "Aim", "What the meta-ethnography aims to do.",
     lambda f: f.protocol.title),
    ("1 Getting started", "3", "Focus", "The review question or objectives.",
     lambda f: f.protocol.question),
    ("1 Getting started", "4", "Why meta-ethnography", "Why this synthesis method suits the "
     "question best.", lambda f: f.protocol.synthesis and (
         f"Stated method: {f.protocol.synthesis}. " + say.todo("why it suits the question"))),
    ("2 Deciding what is relevant", "5", "Search strategy", "Why the searches were designed as "
     "they were.", lambda f: f"Sources and strategies: {ref('searches')}. "
     + say.todo("the rationale") if f.searches else ""),
    ("2 Deciding what is relevant", "6", "Search processes", "How the searching was done, and by "
     "whom.", lambda f: _dates(f) and f"Searches and dates: {_dates(f)} "
     + say.todo("who searched")),
    ("2 Deciding what is relevant", "7", "Selecting studies", "How studies were screened and "
     "selected, and by whom.", lambda f: " ".join(say.selection(f))),
    ("2 Deciding what is relevant", "8", "Outcome of study selection", "The results of the "
     "searches and screening.", lambda f: "; ".join(say.flow_summary(f))
     and "; ".join(say.flow_summary(f)) + f" ({ref('flow')})."),
    ("3 Reading the studies", "9", "Reading and data extraction", "How the studies were read "
     "and data extracted.", _reading),
    ("3 Reading the studies", "10", "Characteristics of the studies", "The characteristics of "
     "the included studies.", lambda f: f"{ref('characteristics')}; appraisal "
     f"{ref('appraisal')}." if f.characteristics is not None else ""),
    ("4 Determining how studies are related", "11", "Process of relating studies", "How the "
     "studies were compared: which aspects, and how.", _related),
    ("4 Determining how studies are related", "12", "Outcome of relating studies", "How the "
     "studies relate to one another.", _matrix_outcome),
    ("5 Translating studies into one another", "13", "Process of translation", "How the "
     "translation was done: preserving context and meaning, reciprocal and refutational "
     "translation, alternative interpretations.", _translation),
    ("5 Translating studies into one another", "14", "Outcome of translation", "The "
     "translations, with the concepts that support them.", lambda f: f"The translation matrix "
     f"and its concepts: {ref('synthesis')}, 7.1-7.2." if "matrix" in f.tables else ""),
    ("6 Synthesising translations", "15", "Synthesis process", "How the translations were "
     "synthesised (for example a line of argument).", lambda f: _argument(f) and (
         "A line-of-argument synthesis. " + _argument(f))),
    ("6 Synthesising translations", "16", "Outcome of synthesis", "The new interpretation the "
     "synthesis produced.", lambda f: f"{ref('synthesis')}, 7.3; the review findings and the "
     f"confidence in them: {ref('cerqual')}." if f.synth and f.synth.argument else ""),
    ("7 Expressing the synthesis", "17", "Summary of findings", "The main findings and how they "
     "relate to existing knowledge.", lambda f: f"Summary of Qualitative Findings: "
     f"{ref('cerqual')}. " + say.todo("relation to existing knowledge") if "soqf" in f.tables
     else ""),
    ("7 Expressing the synthesis", "18", "Strengths, limitations and reflexivity", "The "
     "strengths and limitations of the synthesis, and the reviewers' reflexivity.",
     lambda f: f"The confidence in each finding (GRADE-CERQual, {ref('cerqual')}) and the "
     f"appraisal ({ref('appraisal')}). " + say.todo("strengths, limitations, reflexivity")
     if "soqf" in f.tables else ""),
    ("7 Expressing the synthesis", "19", "Recommendations and conclusions", "What the findings "
     "mean for policy, practice and research.", None),
]


def emerge(facts: Facts) -> list[tuple[str, str, str, str, str]]:
    out = []
    for phase, item, topic, text, fill in EMERGE_ITEMS:
        said = (fill(facts) or "").strip() if fill else ""
        out.append((phase, item, topic, text, said or say.todo(topic.lower())))
    return out


# --- GRIPP2 short form ------------------------------------------------------------------------


def _methods(f: Facts) -> str:
    meetings = f.synth.meetings if f.synth else None
    if not meetings:
        return ""
    roles = Counter(w for m in meetings for w in m.who)
    phases = sorted({m.phase for m in meetings if m.phase})
    return (f"An advisory group met {len(meetings)} times ({meetings[0].date} to "
            f"{meetings[-1].date}), at phases " + ", ".join(f"{p} ({PHASES[p]})" for p in phases)
            + ". Taking part: " + "; ".join(sorted(roles)) + " (synthesis/ppi.jsonl).")


def _outcomes_ppi(f: Facts) -> str:
    meetings = f.synth.meetings if f.synth else None
    if not meetings:
        return ""
    return " ".join(f"{m.date} (phase {m.phase}): {m.changed.rstrip('.')}." for m in meetings)


GRIPP2_ITEMS: list[tuple[str, str, str, Fill | None]] = [
    ("1", "Aim", "The aim of patient and public involvement in the review.",
     lambda f: f.protocol.synthesis_settings.ppi_aim),
    ("2", "Methods", "How patients and the public were involved.", _methods),
    ("3", "Results", "What the involvement changed, good and bad.", _outcomes_ppi),
    ("4", "Discussion and conclusions", "How far the involvement shaped the review, and its "
     "effects.", None),
    ("5", "Reflections", "A critical reflection: what went well and what did not.", None),
]


def gripp2(facts: Facts) -> list[tuple[str, str, str, str]]:
    return [(item, topic, text, ((fill(facts) or "").strip() if fill else "")
             or say.todo(topic.lower() + (" ([synthesis] ppi_aim in review.toml)"
                                          if item == "1" else "")))
            for item, topic, text, fill in GRIPP2_ITEMS]
