"""Text folding shared by every key: case, HTML, diacritics, Greek letters, punctuation.

Exports of one article write its title in different cases, with inline HTML (`K<inf>Ca</inf>`),
entities, diacritics or their loss, Greek letters or their names, and apostrophes or not
(`Editor's` and `Editors`); these functions fold all of that away.
"""

from __future__ import annotations

import html
import re
import unicodedata

from review_cli.io.normalise import strip_notes

# An HTML, MathML or JATS tag: a name right after `<` or `</`, then attributes (`name=...`)
# only. `<6 and ASPECTS >7` is two signs around words, not a tag to drop.
_TAG = re.compile(
    r"</?[a-z][\w:.-]*(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*/?>", re.I
)
NON_ALNUM = re.compile(r"[\W_]+")  # Unicode-aware: Cyrillic and CJK titles keep their words
_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "κ": "kappa",
    "λ": "lambda", "μ": "mu", "τ": "tau", "ω": "omega", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe",
}
_GREEK_RE = re.compile("|".join(_GREEK))
# Words that carry no identity in a title or a journal name.
STOP = frozenset(
    "a an and the of in on for to with by at from or as is are its into versus vs via de la le "
    "les des du der die das und en el y et".split()
)


def fold(text: str) -> str:
    """Lower case, no HTML, no diacritics, Greek letters spelt out, `&` as `and`."""
    if "<" in text:
        text = _TAG.sub("", text)  # `K<inf>Ca</inf>3.1` is `KCa3.1`
    if "&" in text:
        text = html.unescape(text).replace("&", " and ")
    text = text.casefold()
    if text.isascii():
        return text
    if _GREEK_RE.search(text):
        text = _GREEK_RE.sub(lambda m: _GREEK[m.group(0)], text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words; an apostrophe joins (`editor's` is `editors`, never `editor s`)."""
    text = fold(text)
    if "'" in text or "\u2019" in text:
        text = text.replace("'", "").replace("\u2019", "")
    return NON_ALNUM.sub(" ", text).split()


def title_form(title: str) -> str:
    """`[Omentoplasty in ... ].` -> `omentoplasty in ...`: a translated title's brackets go,
    and so do bracketed notes such as `[Article in German]` or `[Electronic Resource]`."""
    t = title.strip().strip('"')
    if t.startswith("[") and "]" in t:
        inner, _, rest = t[1:].partition("]")
        # `[English translation]. Original title`: the translation is what other databases show.
        t = inner if len(words(inner)) >= 3 else inner + " " + rest
    return " ".join(words(strip_notes(t)))
