"""The PRISMA 2020 checklist, each item filled from the review's files where they can answer it,
else left as a prompt for the authors.

The item wording is the PRISMA 2020 checklist's, copied under its licence, CC BY 4.0: Page MJ,
McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated guideline for reporting
systematic reviews. BMJ 2021;372:n71. doi:10.1136/bmj.n71.
"""

from __future__ import annotations

from collections.abc import Callable

from review_cli.stages.report import _say as say
from review_cli.stages.report._facts import Facts
from review_cli.stages.report._sections import ref

SOURCE = ("Page MJ, McKenzie JE, Bossuyt PM, et al. The PRISMA 2020 statement: an updated "
          "guideline for reporting systematic reviews. BMJ 2021;372:n71. doi:10.1136/bmj.n71. "
          "Checklist items quoted under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")

Fill = Callable[[Facts], str]


def _qualitative(f: Facts) -> bool:
    return "qualitative" in f"{f.protocol.review_type} {f.protocol.synthesis}".casefold()


def _title(f: Facts) -> str:
    p = f.protocol
    said = "systematic review" in p.title.casefold() or "evidence synthesis" in p.title.casefold()
    return f"Title (review.toml): {p.title}" + ("" if said else " " + say.todo(
        "the title does not say it is a systematic review"))


def _objectives(f: Facts) -> str:
    p = f.protocol
    if not p.question:
        return ""
    parts = "; ".join(f"{k}: {v}" for k, v in p.question_fields.items())
    return f"{p.question}" + (f" ({p.framework}: {parts})" if parts else "")


def _eligibility(f: Facts) -> str:
    p = f.protocol
    if not p.include and not p.exclude:
        return ""
    out = []
    if p.include:
        out.append("Included: " + "; ".join(p.include) + ".")
    if p.exclude:
        out.append("Excluded: " + "; ".join(p.exclude) + ".")
    if say.limits(f):
        out.append(f"Limits: {say.limits(f)}.")
    return " ".join(out) + " " + say.todo("how studies were grouped for the syntheses")


def _sources(f: Facts) -> str:
    listed = say.sources(f)
    if not listed:
        return ""
    missing = say.undated(f)
    return ("; ".join(listed) + f" ({ref('searches')})."
            + (" " + say.todo("the dates " + say.names(missing) + " were last searched")
               if missing else ""))


def _strategies(f: Facts) -> str:
    done, missing = say.strategies(f)
    if not done:
        return ""
    text = f"Search strategies as run, with limits, for {len(done)} source(s) in {ref('searches')}"
    return text + ("; " + say.todo("the strategies of " + say.names(missing)) if missing
                   else "") + "."


def _selection(f: Facts) -> str:
    said = say.selection(f)
    auto = say.automation(f)
    return " ".join(said + ([auto + "."] if auto else []))


def _data_items(f: Facts) -> str:
    form = f.protocol.extraction
    if form is None:
        return ""
    return ("Data sought (the extraction form in review.toml): " + "; ".join(
        field.label + (f" ({field.help})" if field.help else "") for field in form.fields)
        + ". " + say.todo("assumptions about missing or unclear information"))


def _outcomes(f: Facts) -> str:
    if _qualitative(f):
        form = f.protocol.extraction
        blocks = [x.label for x in form.fields if x.type == "blocks"] if form else []
        return ("A qualitative evidence synthesis: the findings sought were the studies' "
                "themes and their first- and second-order constructs"
                + (f" (extraction fields: {say.names(blocks)})" if blocks else "") + ".")
    return ""


def _synthesis_methods(f: Facts) -> str:
    if f.synth is None:
        return ""
    method = f.protocol.synthesis or "Meta-ethnography"
    return (f"{method}. Concepts were taken from each study's quotation blocks (first- and "
            "second-order), translated into one another in a matrix of third-order concepts "
            "(reciprocal, refutational or absent in each study) and synthesised into a line "
            f"of argument ({ref('synthesis')}).")


def _tabulate(f: Facts) -> str:
    shown = [name for name, present in (
        (f"characteristics ({ref('characteristics')})", f.characteristics is not None),
        (f"appraisal ({ref('appraisal')})", f.appraisal is not None),
        (f"concepts and translation matrix ({ref('synthesis')})", "matrix" in f.tables),
        (f"Summary of Qualitative Findings and Evidence Profile ({ref('cerqual')})",
         "soqf" in f.tables)) if present]
    return ("Tables of the " + "; ".join(shown) + "; the line of argument as a diagram."
            if shown else "")


def _certainty(f: Facts) -> str:
    if "soqf" not in f.tables:
        return ""
    return ("GRADE-CERQual (Lewin et al. 2018): methodological limitations (drawing on the "
            "appraisal), coherence, adequacy and relevance, each with its level of concern, and "
            f"the overall confidence in each review finding ({ref('cerqual')}).")


def _flow(f: Facts) -> str:
    lines = say.flow_summary(f)
    return ("; ".join(lines) + f" ({ref('flow')}).") if lines else ""


def _excluded(f: Facts) -> str:
    if f.inclusion is None:
        return ""
    return (f"{say.n(len(f.excluded))} full texts excluded, each with its reason "
            f"({ref('selection')}).")


def _characteristics(f: Facts) -> str:
    if f.characteristics is None:
        return ""
    return f"{len(f.characteristics.rows)} included studies, cited and described in " \
           f"{ref('characteristics')}."


def _risk_of_bias(f: Facts) -> str:
    if f.appraisal is None:
        return ""
    return f"The appraisal of each included study: {ref('appraisal')}."


def _individual(f: Facts) -> str:
    if _qualitative(f) and "concepts" in f.tables:
        return f"The concepts of each study (first- and second-order): {ref('synthesis')}."
    return ""


def _syntheses(f: Facts) -> str:
    if "soqf" not in f.tables:
        return ""
    return ("The contributing studies of each review finding, with their appraisal: "
            f"{ref('cerqual')} (Evidence Profile).")


def _results(f: Facts) -> str:
    if f.synth is None or f.synth.matrix is None:
        return ""
    return (f"The translation of the studies and the line of argument ({ref('synthesis')}); "
            f"the review findings ({ref('cerqual')}).")


def _certainty_results(f: Facts) -> str:
    if "soqf" not in f.tables:
        return ""
    return f"The confidence in each review finding: {ref('cerqual')}."


def _materials(f: Facts) -> str:
    return ("The review's files hold the protocol and extraction form (review.toml), the search "
            "exports (searches/), every screening decision (screen/), the data extracted "
            "(extract/), the appraisal (appraise/) and the synthesis (synthesis/), in plain text. "
            + say.todo("where they are publicly available"))


def _not_applicable(why: str) -> Fill:
    return lambda f: f"Not applicable: {why}." if _qualitative(f) else ""


ITEMS: list[tuple[str, str, str, str, Fill | None, str]] = [
    # (section, topic, item, checklist text, how to fill it, the prompt when it cannot)
    ("Title", "Title", "1", "Identify the report as a systematic review.", _title, ""),
    ("Abstract", "Abstract", "2", "See the PRISMA 2020 for Abstracts checklist.", None,
     "the abstract (PRISMA 2020 for Abstracts)"),
    ("Introduction", "Rationale", "3", "Describe the rationale for the review in the context of "
     "existing knowledge.", None, "the rationale"),
    ("Introduction", "Objectives", "4", "Provide an explicit statement of the objective(s) or "
     "question(s) the review addresses.", _objectives, "the question (review.toml [question])"),
    ("Methods", "Eligibility criteria", "5", "Specify the inclusion and exclusion criteria for "
     "the review and how studies were grouped for the syntheses.", _eligibility,
     "the criteria (review.toml [criteria])"),
    ("Methods", "Information sources", "6", "Specify all databases, registers, websites, "
     "organisations, reference lists and other sources searched or consulted to identify "
     "studies. Specify the date when each source was last searched or consulted.", _sources,
     "the sources (review.toml [[sources]])"),
    ("Methods", "Search strategy", "7", "Present the full search strategies for all databases, "
     "registers and websites, including any filters and limits used.", _strategies,
     "the search strategies (`review search` logs them; else `query` in review.toml)"),
    ("Methods", "Selection process", "8", "Specify the methods used to decide whether a study met "
     "the inclusion criteria of the review, including how many reviewers screened each record "
     "and each report retrieved, whether they worked independently, and if applicable, details "
     "of automation tools used in the process.", _selection, "the selection process"),
    ("Methods", "Data collection process", "9", "Specify the methods used to collect data from "
     "reports, including how many reviewers collected data from each report, whether they "
     "worked independently, any processes for obtaining or confirming data from study "
     "investigators, and if applicable, details of automation tools used in the process.",
     lambda f: say.extraction(f) + (" " + say.todo("whether data were obtained or confirmed "
                                                   "from study investigators")
                                    if say.extraction(f) else ""), "the data collection"),
    ("Methods", "Data items", "10a", "List and define all outcomes for which data were sought. "
     "Specify whether all results that were compatible with each outcome domain in each study "
     "were sought (e.g. for all measures, time points, analyses), and if not, the methods used "
     "to decide which results to collect.", _outcomes, "the outcomes sought"),
    ("Methods", "Data items", "10b", "List and define all other variables for which data were "
     "sought (e.g. participant and intervention characteristics, funding sources). Describe any "
     "assumptions made about any missing or unclear information.", _data_items,
     "the variables sought"),
    ("Methods", "Study risk of bias assessment", "11", "Specify the methods used to assess risk "
     "of bias in the included studies, including details of the tool(s) used, how many "
     "reviewers assessed each study and whether they worked independently, and if applicable, "
     "details of automation tools used in the process.", say.appraisal,
     "the appraisal methods"),
    ("Methods", "Effect measures", "12", "Specify for each outcome the effect measure(s) (e.g. "
     "risk ratio, mean difference) used in the synthesis or presentation of results.",
     _not_applicable("a qualitative evidence synthesis has no effect measures"),
     "the effect measures"),
    ("Methods", "Synthesis methods", "13a", "Describe the processes used to decide which studies "
     "were eligible for each synthesis (e.g. tabulating the study intervention characteristics "
     "and comparing against the planned groups for each synthesis (item #5)).", None,
     "which studies were eligible for each synthesis"),
    ("Methods", "Synthesis methods", "13b", "Describe any methods required to prepare the data "
     "for presentation or synthesis, such as handling of missing summary statistics, or data "
     "conversions.", None, "how the data were prepared for the synthesis"),
    ("Methods", "Synthesis methods", "13c", "Describe any methods used to tabulate or visually "
     "display results of individual studies and syntheses.", _tabulate,
     "how the results were tabulated"),
    ("Methods", "Synthesis methods", "13d", "Describe any methods used to synthesize results and "
     "provide a rationale for the choice(s). If meta-analysis was performed, describe the "
     "model(s), method(s) to identify the presence and extent of statistical heterogeneity, and "
     "software package(s) used.", _synthesis_methods, "the synthesis methods and why"),
    ("Methods", "Synthesis methods", "13e", "Describe any methods used to explore possible causes "
     "of heterogeneity among study results (e.g. subgroup analysis, meta-regression).", None,
     "how heterogeneity was explored (for a meta-ethnography: how refutational translations "
     "were handled)"),
    ("Methods", "Synthesis methods", "13f", "Describe any sensitivity analyses conducted to "
     "assess robustness of the synthesized results.", None, "any sensitivity analyses"),
    ("Methods", "Reporting bias assessment", "14", "Describe any methods used to assess risk of "
     "bias due to missing results in a synthesis (arising from reporting biases).", None,
     "how reporting bias was assessed"),
    ("Methods", "Certainty assessment", "15", "Describe any methods used to assess certainty (or "
     "confidence) in the body of evidence for an outcome.", _certainty,
     "how certainty was assessed"),
    ("Results", "Study selection", "16a", "Describe the results of the search and selection "
     "process, from the number of records identified in the search to the number of studies "
     "included in the review, ideally using a flow diagram.", _flow, "the flow of studies"),
    ("Results", "Study selection", "16b", "Cite studies that might appear to meet the inclusion "
     "criteria, but which were excluded, and explain why they were excluded.", _excluded,
     "the studies excluded at full text and why"),
    ("Results", "Study characteristics", "17", "Cite each included study and present its "
     "characteristics.", _characteristics, "the characteristics table (`review extract`)"),
    ("Results", "Risk of bias in studies", "18", "Present assessments of risk of bias for each "
     "included study.", _risk_of_bias, "the appraisal table (`review appraise`)"),
    ("Results", "Results of individual studies", "19", "For all outcomes, present, for each "
     "study: (a) summary statistics for each group (where appropriate) and (b) an effect "
     "estimate and its precision (e.g. confidence/credible interval), ideally using structured "
     "tables or plots.", _individual, "the results of each study"),
    ("Results", "Results of syntheses", "20a", "For each synthesis, briefly summarise the "
     "characteristics and risk of bias among contributing studies.", _syntheses,
     "the contributing studies of each synthesis"),
    ("Results", "Results of syntheses", "20b", "Present results of all statistical syntheses "
     "conducted. If meta-analysis was done, present for each the summary estimate and its "
     "precision (e.g. confidence/credible interval) and measures of statistical heterogeneity. "
     "If comparing groups, describe the direction of the effect.", _results,
     "the results of the syntheses"),
    ("Results", "Results of syntheses", "20c", "Present results of all investigations of "
     "possible causes of heterogeneity among study results.", None,
     "the results of investigating heterogeneity"),
    ("Results", "Results of syntheses", "20d", "Present results of all sensitivity analyses "
     "conducted to assess the robustness of the synthesized results.", None,
     "the results of sensitivity analyses"),
    ("Results", "Reporting biases", "21", "Present assessments of risk of bias due to missing "
     "results (arising from reporting biases) for each synthesis assessed.", None,
     "the assessments of reporting bias"),
    ("Results", "Certainty of evidence", "22", "Present assessments of certainty (or confidence) "
     "in the body of evidence for each outcome assessed.", _certainty_results,
     "the certainty of the evidence"),
    ("Discussion", "Discussion", "23a", "Provide a general interpretation of the results in the "
     "context of other evidence.", None, "the interpretation"),
    ("Discussion", "Discussion", "23b", "Discuss any limitations of the evidence included in "
     "the review.", None, "the limitations of the evidence"),
    ("Discussion", "Discussion", "23c", "Discuss any limitations of the review processes used.",
     None, "the limitations of the review processes"),
    ("Discussion", "Discussion", "23d", "Discuss implications of the results for practice, "
     "policy, and future research.", None, "the implications"),
    ("Other information", "Registration and protocol", "24a", "Provide registration information "
     "for the review, including register name and registration number, or state that the "
     "review was not registered.", None, "the registration (e.g. PROSPERO number)"),
    ("Other information", "Registration and protocol", "24b", "Indicate where the review "
     "protocol can be accessed, or state that a protocol was not prepared.", None,
     "where the protocol can be accessed"),
    ("Other information", "Registration and protocol", "24c", "Describe and explain any "
     "amendments to information provided at registration or in the protocol.", None,
     "the amendments to the protocol (`git log review.toml` lists them)"),
    ("Other information", "Support", "25", "Describe sources of financial or non-financial "
     "support for the review, and the role of the funders or sponsors in the review.", None,
     "the funding"),
    ("Other information", "Competing interests", "26", "Declare any competing interests of "
     "review authors.", None, "the competing interests"),
    ("Other information", "Availability of data, code and other materials", "27", "Report which "
     "of the following are publicly available and where they can be found: template data "
     "collection forms; data extracted from included studies; data used for all analyses; "
     "analytic code; any other materials used in the review.", _materials, "what is available"),
]


def rows(facts: Facts) -> list[tuple[str, str, str, str]]:
    """(section and topic, item, checklist item, what the report says or a prompt)."""
    out = []
    for section, topic, item, text, fill, prompt in ITEMS:
        said = fill(facts).strip() if fill is not None else ""
        out.append((f"{section}: {topic}" if section != topic else section, item, text,
                    said or say.todo(prompt)))
    return out
