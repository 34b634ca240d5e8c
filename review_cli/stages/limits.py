"""The protocol's date and language limits, applied as an explicit, logged automation rule.

PRISMA 2020 counts these as "records marked as ineligible by automation tools". A record with
no year or no language is never excluded automatically: a person decides it at screening.
"""

from __future__ import annotations

from review_cli.model import Record
from review_cli.protocol import Protocol

# Common spellings of languages in exports (ISO 639-1/2 codes, English and native names).
_LANGUAGE_ALIASES = {
    "en": "english", "eng": "english", "english": "english",
    "fr": "french", "fre": "french", "fra": "french", "french": "french", "francais": "french", "français": "french",
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


def ineligible(protocol: Protocol, record: Record) -> str | None:
    """Why the limits exclude this record, or None when they do not."""
    lim = protocol.limits
    if record.year is not None:
        if lim.year_from is not None and record.year < lim.year_from:
            return f"published {record.year}, before the limit {lim.year_from}"
        if lim.year_to is not None and record.year > lim.year_to:
            return f"published {record.year}, after the limit {lim.year_to}"
    if lim.languages and record.language:
        allowed = {language_name(x) for x in lim.languages}
        spoken = {language_name(x) for x in record.language.replace(",", ";").split(";") if x.strip()}
        if spoken and not spoken & allowed:
            return f"language {record.language}, not in {', '.join(lim.languages)}"
    return None
