"""Vocabularies and sentence templates for the demo review, written for this project.

Everything a generated record says is composed from these lists, so the demo carries no
third-party titles or abstracts. Journal names and abbreviations are bibliographic facts.
"""

from __future__ import annotations

SURNAMES = (
    "Abbott", "Adeyemi", "Ahmed", "Andersson", "Bailey", "Bakker", "Banerjee", "Barker", "Bell",
    "Bergstrom", "Bishop", "Boateng", "Brennan", "Brooks", "Byrne", "Campbell", "Carter", "Chen",
    "Clarke", "Collins", "Connolly", "Cooper", "Dalton", "Davies", "de Vries", "Dixon", "Doherty",
    "Douglas", "Edwards", "Ellis", "Evans", "Fagerlund", "Farrell", "Fernandes", "Fisher",
    "Fleming", "Foster", "Fraser", "Gallagher", "Garcia", "Gibson", "Graham", "Grant", "Gupta",
    "Hall", "Hamilton", "Hansen", "Harris", "Hayes", "Henderson", "Hughes", "Hussain", "Jansen",
    "Jenkins", "Johansson", "Johnson", "Kaur", "Kelly", "Kennedy", "Khan", "Kowalski", "Larsen",
    "Lee", "Lindqvist", "Lloyd", "Lopez", "MacDonald", "Mahmood", "Marshall", "Martin", "McCarthy",
    "McKenzie", "Mensah", "Meyer", "Mitchell", "Moore", "Morgan", "Murphy", "Nguyen", "Nielsen",
    "Nowak", "O'Brien", "O'Connor", "Okafor", "Olsen", "Osei", "Owen", "Palmer", "Patel", "Pearson",
    "Petersen", "Phillips", "Price", "Quinn", "Rahman", "Reid", "Richards", "Roberts", "Robertson",
    "Ross", "Russell", "Santos", "Schmidt", "Scott", "Shaw", "Singh", "Smith", "Stewart",
    "Sullivan", "Svensson", "Taylor", "Thomas", "Thompson", "Turner", "van Dijk", "Visser",
    "Walker", "Wallace", "Walsh", "Ward", "Watson", "White", "Williams", "Wilson", "Wright",
    "Young", "Zhang",
)

GIVEN_NAMES = (
    "Aisha", "Alan", "Amara", "Anna", "Astrid", "Ben", "Bridget", "Carla", "Catherine", "Chidi",
    "Claire", "Daniel", "David", "Eilidh", "Elena", "Emma", "Fatima", "Fiona", "Gareth", "Grace",
    "Hannah", "Helen", "Ingrid", "Isaac", "James", "Jane", "Joanna", "John", "Jonas", "Karen",
    "Kofi", "Laura", "Lars", "Lucy", "Maria", "Mark", "Martha", "Michael", "Naomi", "Nia", "Niamh",
    "Oliver", "Paul", "Priya", "Rachel", "Rhys", "Ruth", "Sam", "Sarah", "Sean", "Sofia", "Susan",
    "Thomas", "Tom", "Una", "Victoria", "Wei", "Yusuf", "Zara",
)
INITIALS = "ABCDEFGHIJKLMNPRSTW"

# (full name, NLM abbreviation or "" if not in MEDLINE, ISSN, publisher, has article numbers)
JOURNALS = (
    ("International Journal of Integrated Care", "Int J Integr Care", "1568-4156",
     "Ubiquity Press", True),
    ("Health Expectations", "Health Expect", "1369-6513", "Wiley", False),
    ("BMC Health Services Research", "BMC Health Serv Res", "1472-6963", "BioMed Central", True),
    ("Health & Social Care in the Community", "Health Soc Care Community", "0966-0410",
     "Wiley", False),
    ("Journal of Integrated Care", "", "1476-9018", "Emerald", False),
    ("BMJ Open", "BMJ Open", "2044-6055", "BMJ Publishing Group", True),
    ("Social Science & Medicine", "Soc Sci Med", "0277-9536", "Elsevier", False),
    ("Journal of Interprofessional Care", "J Interprof Care", "1356-1820",
     "Taylor & Francis", False),
    ("Public Management Review", "", "1471-9037", "Taylor & Francis", False),
    ("British Journal of Social Work", "", "0045-3102", "Oxford University Press", False),
    ("Ageing & Society", "", "0144-686X", "Cambridge University Press", False),
    ("Journal of Advanced Nursing", "J Adv Nurs", "0309-2402", "Wiley", False),
    ("Health Policy", "Health Policy", "0168-8510", "Elsevier", False),
    ("BMJ Quality & Safety", "BMJ Qual Saf", "2044-5415", "BMJ Publishing Group", False),
    ("Journal of Health Services Research & Policy", "J Health Serv Res Policy", "1355-8196",
     "SAGE", False),
    ("Dementia", "Dementia (London)", "1471-3012", "SAGE", False),
    ("International Journal of Mental Health Nursing", "Int J Ment Health Nurs", "1445-8330",
     "Wiley", False),
    ("Research Involvement and Engagement", "Res Involv Engagem", "2056-7529",
     "BioMed Central", True),
    ("Age and Ageing", "Age Ageing", "0002-0729", "Oxford University Press", False),
    ("British Journal of General Practice", "Br J Gen Pract", "0960-1643",
     "Royal College of General Practitioners", False),
    ("Journal of Clinical Nursing", "J Clin Nurs", "0962-1067", "Wiley", False),
    ("Patient Education and Counseling", "Patient Educ Couns", "0738-3991", "Elsevier", False),
    ("Health and Social Care Delivery Research", "Health Soc Care Deliv Res", "2755-0060",
     "NIHR Journals Library", False),
    ("Scandinavian Journal of Caring Sciences", "Scand J Caring Sci", "0283-9318", "Wiley", False),
    ("Journal of Evaluation in Clinical Practice", "J Eval Clin Pract", "1356-1294",
     "Wiley", False),
    ("Diabetic Medicine", "Diabet Med", "0742-3071", "Wiley", False),
    ("European Journal of Cardiovascular Nursing", "Eur J Cardiovasc Nurs", "1474-5151",
     "Oxford University Press", False),
    ("Journal of Social Work", "", "1468-0173", "SAGE", False),
    ("Voluntas", "", "0957-8765", "Springer", False),
    ("Palliative Medicine", "Palliat Med", "0269-2163", "SAGE", False),
)

GREY_PUBLISHERS = {
    "King's Fund": ("The King's Fund", "London", "https://www.kingsfund.org.uk/publications/"),
    "Social Care Institute for Excellence": (
        "Social Care Institute for Excellence", "London", "https://www.scie.org.uk/"
    ),
    "OpenGrey": ("", "", "http://hdl.handle.net/10068/"),
}
GREY_INSTITUTIONS = (
    "University of Birmingham, Health Services Management Centre",
    "University of Kent, Personal Social Services Research Unit",
    "Nuffield Trust", "Healthwatch England", "NHS Confederation", "Think Local Act Personal",
    "Coalition for Collaborative Care", "University of Stirling", "Linkoping University",
    "Radboud University Nijmegen",
)

COUNTRIES = (
    "England", "Scotland", "Wales", "Northern Ireland", "the Netherlands", "Sweden", "Denmark",
    "Norway", "Canada", "Australia", "New Zealand", "Ireland",
)

# --- what a record is about -------------------------------------------------------------------
INTEGRATED_SERVICES = (
    "an integrated health and social care service for older people",
    "integrated hospital discharge pathways",
    "an integrated community mental health and social care service",
    "integrated care for people living with frailty",
    "a joint health and social care locality team",
    "integrated end-of-life care across hospital and community",
    "an integrated care hub for people with multiple long-term conditions",
    "integrated dementia care across primary care and social services",
    "an integrated neighbourhood team",
    "integrated intermediate care and reablement",
    "integrated services for people with learning disabilities",
    "an integrated primary and community care partnership",
)
PEOPLE = (
    "service users, unpaid carers and staff",
    "older people, family carers and practitioners",
    "people with lived experience, carers and health and social care professionals",
    "service users and frontline staff",
    "unpaid carers and professionals",
    "patients, carers and health and social care staff",
)
CO_VERBS = (
    "co-producing", "co-designing", "co-creating", "co-producing the redesign of",
    "co-designing the transformation of",
)
CO_NOUNS = ("co-production", "co-design", "experience-based co-design", "co-creation")
QUAL_METHODS = (
    "semi-structured interviews", "focus groups", "ethnographic observation", "in-depth interviews",
    "interviews and non-participant observation", "focus groups and reflective workshops",
)
ANALYSES = ("thematic analysis", "framework analysis", "interpretative phenomenological analysis",
            "a grounded theory approach", "reflexive thematic analysis", "constant comparison")
THEMES = (
    "sharing power", "building trust across organisations", "valuing lived experience",
    "the time and resources co-production needs", "professional identity and letting go of control",
    "carers as equal partners", "organisational culture and leadership",
    "keeping people involved after the design phase", "tokenism and its avoidance",
    "relationships between staff and service users",
    "accessible meetings and payment for participation", "making integration visible to families",
)
QUOTES = (
    "We were listened to, not just consulted", "It felt like our service",
    "Nothing about us without us", "Sitting at the same table", "You have to give up some control",
    "More than a tick-box exercise", "Carers know the gaps", "Building it together",
)

# Neighbouring topics that a search on co-production and integrated care also retrieves.
CLINICAL_TOPICS = (
    "type 2 diabetes", "heart failure", "chronic obstructive pulmonary disease", "stroke",
    "hip fracture", "chronic kidney disease", "depression", "frailty and falls",
    "chronic wounds", "multimorbidity", "hypertension", "cancer",
)
SINGLE_SERVICES = (
    "a hospital outpatient clinic", "a community pharmacy", "an emergency department",
    "a general practice", "a hospice inpatient unit", "a memory clinic", "a day centre",
    "a home care agency", "an acute medical unit",
)
OUTCOMES = ("hospital admissions", "length of stay", "quality of life (EQ-5D)", "costs per patient",
            "readmissions at 30 days", "patient satisfaction scores", "care home admissions")
POPULATIONS = (
    "older adults", "people aged 75 and over", "adults with multimorbidity", "working-age adults",
    "people living with dementia", "care home residents", "people in deprived areas",
    "rural populations",
)
RESEARCH_THINGS = (
    "a research agenda", "a research protocol", "outcome measures for a trial",
    "research priorities", "the governance of a research programme", "a study information leaflet",
)

# Title templates per topic; fields in braces are filled from the lists above.
TITLES = {
    "relevant": (
        "{Co_verb} {service} with {people}: a qualitative study",
        "'{quote}': experiences of {co_verb} {service} in {country}",
        "{Co_noun} of {service}: a qualitative study of {people}",
        "How {people} experience {co_verb} {service}: an ethnographic study",
        "Sharing power in {co_noun}: {people} redesigning {service}",
        "Barriers and facilitators to {co_verb} {service}: a qualitative study in {country}",
    ),
    "near_consultation": (
        "Engaging {people} in planning {service}: a qualitative evaluation",
        "Consulting service users and carers about {service} in {country}",
        "Listening events with {people} about {service}: findings from {country}",
    ),
    "near_single": (
        "{Co_verb} {single} with patients and staff: a qualitative study",
        "{Co_noun} in {single}: staff and patient experiences",
    ),
    "near_quant": (
        "{Co_noun} of {service}: a mixed-methods evaluation of outcomes",
        "Does {co_noun} improve {service}? A before-and-after study",
    ),
    "near_research": (
        "{Co_verb} {research} with {people}: reflections from an integrated care study",
        "{Co_noun} of {research} for integrated care: lessons learned",
    ),
    "near_pubtype": (
        "{Co_verb} {service} with {people}: protocol for a qualitative study",
        "{Co_noun} of {service}: a conference abstract",
        "Why {co_noun} matters for {service}",
    ),
    "near_population": (
        "Managers' views on {co_noun} of {service}: a qualitative study",
        "Commissioners and policy makers on {co_verb} {service} in {country}",
    ),
    "trial": (
        "Effectiveness of {service} for people with {clinical}: a randomised controlled trial",
        "A cluster randomised trial of integrated care for {clinical}",
        "Integrated care and {outcome} in {clinical}: a pragmatic trial",
        "A co-designed self-management intervention for {clinical}: a randomised controlled trial",
        "Effect of a co-produced care pathway for {clinical} on {outcome}: a stepped-wedge trial",
    ),
    "survey": (
        "Staff attitudes to integrated care: a cross-sectional survey in {country}",
        "Patient experience of {service}: a national survey",
        "Measuring integration: validation of a questionnaire on {service}",
        "Staff views on {co_noun} in integrated care for {population}: a survey in {country}",
        "Service user involvement in integrated care partnerships: a survey of {people}",
    ),
    "research_copro": (
        "Patient and public involvement in {research} on {clinical}: a case study",
        "{Co_verb} {research} with people with {clinical}",
        "Impact of public involvement on {research}: a qualitative study",
    ),
    "single_service": (
        "Improving {single} for people with {clinical}: a quality improvement project",
        "Nurse-led care for {clinical} in {single}: an evaluation",
        "Qualitative study of patient experiences of {single} for people with {clinical}",
        "Carers' experiences of {single} in {country}: an interview study",
        "Patient flow in {single} in {country}: a time-series analysis",
    ),
    "clinical": (
        "Self-management support for {clinical} among {population}: a systematic review",
        "Prevalence of {clinical} among {population} in {country}",
        "Medication adherence in {clinical} among {population}: a cohort study",
        "Telehealth monitoring for {clinical} among {population}: a cost-effectiveness analysis",
    ),
    "integration_quant": (
        "The effect of {service} on {outcome}: a difference-in-differences analysis",
        "Integrated care pilots in {country} and {outcome}: an observational study",
        "Costs of {service} in {country}: an economic evaluation",
    ),
    "policy": (
        "Integrated care systems in {country}: a policy analysis",
        "Governance of health and social care integration in {country}",
        "The history of integrated care policy in {country}: a documentary analysis",
        "{Co_noun} as policy: how integrated care strategies in {country} "
        "describe service users and carers",
        "Shared power or rhetoric? {Co_noun} in integrated care policy in {country}",
    ),
}

# Abstract sentences per topic; {people}, {service} ... as in TITLES.
BACKGROUNDS = {
    "copro": (
        "Co-production, in which service users, unpaid carers and staff share power to "
        "design services, is promoted in integrated care policy, but little is known "
        "about how it is experienced.",
        "Health and social care organisations are asked to co-produce the design and "
        "transformation of integrated services with the people who use and deliver them.",
        "Integrated care aims to join health and social care around people's needs, and co-design "
        "with service users and carers is proposed as a way to achieve this.",
    ),
    "trial": (
        "Integrated care models are widely implemented, but evidence of their "
        "effect on {outcome} is mixed.",
        "People with {clinical} often receive fragmented care across settings.",
    ),
    "survey": (
        "Little is known about how staff and patients perceive integration "
        "across health and social care.",
        "Valid measures of integrated care are needed for service evaluation.",
    ),
    "research": (
        "Patient and public involvement is expected in health research, yet its impact on "
        "research is rarely reported.",
        "Involving people with lived experience in research design is "
        "increasingly required by funders.",
    ),
    "clinical": (
        "{Clinical} is a leading cause of disability among older adults.",
        "The burden of {clinical} on health services is rising.",
    ),
    "policy": (
        "Governments have introduced structures to integrate health and social care.",
        "Integration of health and social care has been a policy goal for decades.",
    ),
}
AIMS = {
    "relevant": (
        "This study explored how {people} experienced {co_verb} {service}.",
        "We aimed to understand what helped and hindered {co_noun} of {service} from the "
        "perspectives of {people}.",
    ),
    "near_consultation": (
        "We explored the views of {people} gathered through engagement events about {service}.",
    ),
    "near_single": ("We explored staff and patient experiences of {co_noun} in {single}.",),
    "near_quant": ("We evaluated whether {co_noun} of {service} changed {outcome}.",),
    "near_research": (
        "We describe how {people} were involved in {co_verb} {research} within "
        "an integrated care study.",
    ),
    "near_pubtype": (
        "This paper describes a planned study of {co_noun} of {service} with {people}.",
    ),
    "near_population": (
        "We explored how managers and commissioners understood {co_noun} of {service}.",
    ),
    "trial": ("We assessed the effect of {service} on {outcome} in people with {clinical}.",),
    "survey": ("We surveyed staff and patients about {service}.",),
    "research_copro": ("We describe public involvement in {research}.",),
    "single_service": ("We describe changes to {single} for people with {clinical}.",),
    "clinical": ("We examined {clinical} in community-dwelling older adults.",),
    "integration_quant": ("We estimated the effect of {service} on {outcome}.",),
    "policy": ("We analysed policy documents on integrated care in {country}.",),
}
METHODS = {
    "qual": (
        "We conducted {method} with {n} participants, including service users, unpaid carers and "
        "staff, and used {analysis}.",
        "Data were collected through {method} with {n} participants across {k} sites in {country} "
        "and analysed using {analysis}.",
    ),
    "near_consultation": (
        "Feedback from {n} participants at consultation events and a survey "
        "was analysed descriptively.",
    ),
    "near_quant": (
        "We used routinely collected data on {outcome} before and after the co-design phase, "
        "with a short staff survey.",
    ),
    "near_pubtype": ("Data will be collected through {method} and analysed using {analysis}.",),
    "trial": (
        "{N} participants were randomised to {service} or usual care; the primary outcome "
        "was {outcome} at 12 months.",
    ),
    "survey": (
        "A cross-sectional questionnaire was completed by {N} respondents; data were analysed "
        "with logistic regression.",
    ),
    "clinical": ("We analysed data from {N} adults using multivariable regression.",),
    "integration_quant": ("We compared {outcome} in {k} pilot areas with matched control areas.",),
    "policy": ("We analysed {n} national and local policy documents.",),
    "generic": ("We reviewed records and held {k} team meetings.",),
}
FINDINGS = {
    "relevant": (
        "Participants described {theme} and {theme2} as central to {co_noun}.",
        "Three themes were identified: {theme}; {theme2}; and {theme3}.",
        "Unpaid carers and service users valued being equal partners, "
        "while staff described {theme}.",
    ),
    "near": (
        "Participants valued being asked for their views; decisions "
        "remained with the organisations.",
        "Findings highlighted {theme} and {theme2}.",
    ),
    "trial": ("There was no significant difference in {outcome} between groups "
              "(adjusted odds ratio 0.94, 95% CI 0.81 to 1.09).",
              "{Outcome} fell by 12% in the intervention group compared with usual care."),
    "survey": ("Response rate was 48%; most respondents rated integration as moderate.",),
    "clinical": ("{Clinical} was associated with age, deprivation and multimorbidity.",),
    "generic": ("The change was feasible and acceptable to staff.", "Results varied across areas."),
}
CONCLUSIONS = {
    "relevant": (
        "Co-producing integrated care requires time, shared power and support for service users "
        "and carers to take part as equals.",
        "Organisations that want to co-produce integrated services should plan for relationships, "
        "resources and power sharing from the start.",
    ),
    "other": (
        "Further research is needed.",
        "These findings can inform the planning of services.",
        "Larger studies with longer follow-up are warranted.",
    ),
}
KEYWORDS = {
    "relevant": ("Co-production", "Co-design", "Integrated care", "Qualitative research",
                 "Unpaid carers", "Service users", "Health and social care",
                 "Experience-based co-design", "Participation"),
    "other": ("Integrated care", "Health services research", "Older adults", "Primary care",
              "Evaluation", "Patient experience", "Outcomes", "Community care",
              "Public involvement"),
}

# Non-English records: the language and a stock translated-title marker MEDLINE-style.
LANGUAGES = (
    ("German", "ger"), ("Dutch", "dut"), ("Swedish", "swe"), ("Spanish", "spa"), ("French", "fre")
)
