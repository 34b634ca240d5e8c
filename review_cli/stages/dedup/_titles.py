"""What a title says beyond its words: its main title, whether it is a translation, and
whether it names a work at all or only a kind of item that every issue carries.

- `main_title`: the title before its subtitle (`Title: Subtitle`, `Title - Subtitle`,
  `Title? Subtitle`, `Title. Subtitle`). One export often drops the subtitle.
- `foreign`: signs that a title is in another language than its other records' (MEDLINE's
  bracketed translations, a language note, a non-English language field, the function words of
  another language). A translated title may share few words with the original.
- `generic`: titles made only of words that label a recurring item (`Editor's Comments`,
  `In this issue`, `Reply`, `Erratum`, `Message from the Program Chairs`, `Front matter`):
  such a title names nothing, so title, authors and year never make those records one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from review_cli.stages.dedup._text import STOP, words

# A subtitle starts after `:`, a spaced dash, `?` or a sentence stop followed by a capital.
_SUBTITLE = re.compile(r"\s*(?::|\s[-\u2013\u2014]+\s|\s?--\s?|\?\s|\.\s+(?=[A-Z0-9\"'(\[]))\s*")


@lru_cache(maxsize=4096)
def main_title(raw: str) -> str:
    """The folded title before its subtitle, or '' when there is no subtitle or the part before
    it is under two significant words (`Introduction: ...` names nothing on its own)."""
    if not _SUBTITLE_HINT.search(raw):
        return ""  # most titles: no separator at all
    t = raw.strip().strip('"')
    if t.startswith("[") and "]" in t:
        t = t[1:].partition("]")[0]
    m = _SUBTITLE.search(t)
    if not m or m.start() == 0:
        return ""
    head = words(t[: m.start()])
    if sum(1 for w in head if w not in STOP) < 2:
        return ""
    return " ".join(head)


_SUBTITLE_HINT = re.compile(r"[:?\u2013\u2014]| -|\. ")


_LANGUAGE_NOTE = re.compile(
    r"\[(?:article in |in )?(?:spanish|french|german|italian|japanese|chinese|russian|portuguese"
    r"|polish|dutch|czech|hungarian|turkish|korean|danish|swedish|norwegian|finnish|hebrew"
    r"|croatian|serbian|slovak|slovenian|romanian|greek|persian|arabic|ukrainian|bulgarian"
    r"|lithuanian|estonian|latvian|icelandic|afrikaans)\b",
    re.I,
)
# Function words of other languages (never English words): two in a title mark it as foreign.
_FOREIGN = frozenset(
    "der die das und mit bei zur zum von fur uber einer eines nach durch les la le du des et "
    "dans pour sur avec une aux au el los las del y con para por una sobre como entre di della "
    "delle degli nel nella nei per il gli dei och av pa med hos het een voor bij naar ook na ze "
    "dla oraz przy jako nas pri pro jejich".split()
)


def foreign(raw: str, title: str, language: str, has_alternatives: bool) -> bool:
    """Signs that this record's title (`raw`, folded as `title`) is a translation or in
    another language."""
    if has_alternatives:
        return True
    if "[" in raw and (raw.lstrip(' "').startswith("[") or _LANGUAGE_NOTE.search(raw)):
        return True  # MEDLINE brackets a title it translated; Embase notes the language
    if language:
        lang = language.strip().casefold()
        if lang and not lang.startswith(("en", "eng")):
            return True
    found = _FOREIGN.intersection(title.split())
    return len(found) >= 2


# Words that label a recurring item rather than name a work. A title made only of these (and
# numbers, ordinals, roman numerals) is the same in every issue.
_GENERIC = frozenset("""
editor editors editorial editorials comment comments commentary commentaries remark remarks
note notes notice notices message messages letter letters introduction introductions
introductory preface foreword prologue epilogue welcome issue issues this volume special section
sections reply replies response responses rejoinder erratum errata correction corrections
corrigendum corrigenda retraction retractions addendum addenda front back matter frontmatter
backmatter cover covers table contents content index indexes indices information masthead board
reviewer reviewers referee referees acknowledgement acknowledgements acknowledgment
acknowledgments thanks thank you call calls papers paper announcement announcements news update
updates book books review reviews reviewed received keynote keynotes address addresses panel
panels discussion discussions program programme programs programmes committee committees chair
chairs chairman chairperson cochairs president presidents presidential proceedings conference
conferences symposium workshop workshops meeting meetings annual abstracts abstract poster
posters session sessions obituary obituaries memoriam tribute correspondence invited guest
year years new our inside highlights digest summary summaries overview list miscellaneous
general organizing organising organizers organisers officers sponsors author authors subject
research forum column columns desk corner viewpoint opinion opinions perspective perspectives
report reports journal society association members member readers reader dear colleagues
editorship masthead team staff more about what whats next last first second third one two
incoming outgoing farewell retiring welcome message preface reflections thoughts our my we us
""".split())
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$|^[ivxlc]+$")


def generic(tokens: tuple[str, ...]) -> bool:
    """True for a title that names a kind of item, not a work: only words that label recurring
    items (`Editorial`, `Reply`, `Editor's Comments`, `Remarks from the Editor - Editor's
    Comments`, `Message from the Program Chairs`), or no words at all."""
    return all(t in _GENERIC or _ORDINAL.match(t) is not None for t in tokens)
