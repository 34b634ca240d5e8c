"""BibTeX, as databases (Scopus, Web of Science, EBSCO, Europe PMC, ACM, Taylor & Francis, Wiley)
and reference managers (Zotero, JabRef) write it.

Dialects handled: text before the first entry (Scopus's `Scopus / EXPORT DATE` lines), keys with a
space after the brace (`@article{ WOS:0001,`), `{...}` and `"..."` values with nested braces,
`#` concatenation, `@string` macros and month names, `@comment`/`@preamble`, LaTeX accents
(`{\\"o}` -> ö) and escapes, `and`-separated authors (braces protect `{Barnes and Noble}`),
`--` page ranges, DOIs given as URLs. An entry cut off before its closing brace is a Skip with
its line, and reading resumes at the next `@` that starts a line.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator

from review_cli.io import normalise
from review_cli.io.document import Document, Parsed, Skip

NAME = "bibtex"
LABEL = "BibTeX"

_ENTRY = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t]*([{(])")
_SNIFF = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)
# Scopus writes `funding_text\xa01`
_NAME = re.compile(r"\s*([^\s=,{}\"#@()][^=,{}\"#@()\n]*?)\s*=")
# Where reading resumes inside an entry after a damaged field: the next `name =` line, the
# closing line, or (then the entry was cut off) the next entry.
_RESUME = re.compile(
    r"\n[ \t]*(?:(?P<field>[A-Za-z][\w\-.:+/]*[ \t]*=)"
    r"|(?P<close>[})][ \t,]*(?=\n|$))"
    r"|(?P<entry>@[ \t]*[A-Za-z]+[ \t]*[{(]))"
)
# Inside a value: escaped characters, braces, quotes, and a line that starts a new entry.
_SCAN = re.compile(r'\\.|[{}"]|\n[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]', re.S)
_WS = re.compile(r"\s+")
_BARE = re.compile(r"[^\s,#{}\"()=]+")
_NEXT_ENTRY = re.compile(r"^[ \t]*@", re.M)
MONTHS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
)}

# LaTeX accent commands -> Unicode combining characters.
_ACCENTS = {
    '"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}
_SYMBOLS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    "textbackslash": "\\", "textendash": "–", "textemdash": "—",
    "textquotesingle": "'", "textquotedbl": '"', "textasciitilde": "~", "textasciicircum": "^",
    "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "dag": "†",
    "copyright": "©", "textregistered": "®", "texttrademark": "™", "S": "§", "P": "¶",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "mu": "μ", "pi": "π",
    "sigma": "σ", "tau": "τ", "omega": "ω", "Delta": "Δ", "pm": "±", "times": "×", "circ": "°",
    "degree": "°", "textdegree": "°", "ldots": "…", "dots": "…", "textperiodcentered": "·",
}


class _Broken(Exception):
    """The entry is not well-formed; `pos` is where reading stopped."""

    def __init__(self, reason: str, pos: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pos = pos


def sniff(doc: Document) -> bool:
    return bool(doc.text) and bool(_SNIFF.search(doc.text[:50_000]))


_LATEX = re.compile(r"\\([A-Za-z]+) *(?:\{\})?|\\(.)|[{}~]|-{2,3}", re.S)


def latex_to_text(value: str) -> str:
    """`{\\"o}`, `\\"{o}`, `\\c{c}`, `\\&`, `--` ... -> plain Unicode text; braces dropped."""
    if "\\" not in value and "{" not in value and "--" not in value and "~" not in value:
        return value
    out: list[str] = []
    pending = ""  # a combining accent waiting for its base character

    def emit(text: str) -> None:
        nonlocal pending
        if pending and text:
            base = {"ı": "i", "ȷ": "j"}.get(text[0], text[0])  # \\'{\\i} is an accented i
            text, pending = base + pending + text[1:], ""
        out.append(text)

    last = 0
    for m in _LATEX.finditer(value):
        if m.start() > last:
            emit(value[last : m.start()])
        last = m.end()
        word, char, tok = m.group(1), m.group(2), m.group(0)
        if word is not None:
            if len(word) == 1 and word in _ACCENTS:
                pending = _ACCENTS[word]
            elif word in _SYMBOLS:
                emit(_SYMBOLS[word])
            # other commands (\\emph, \\textit, \\url ...) vanish; their {argument} stays as text
        elif char is not None:
            if char in _ACCENTS:
                pending = _ACCENTS[char]
            else:
                emit(char)  # \\{ \\} \\& \\% \\$ \\# \\_ and "\\ "
        elif tok == "~":
            emit(" ")
        elif tok.startswith("-"):
            emit("—" if tok == "---" else "–")
        # braces are dropped
    if last < len(value):
        emit(value[last:])
    return unicodedata.normalize("NFC", "".join(out))


def split_authors(raw: str) -> list[str]:
    """Split on ` and ` outside braces; old Scopus files separate with ` , ` instead."""
    parts: list[str] = []
    depth, start = 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", raw):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(raw[start : m.start()])
            start = m.end()
    parts.append(raw[start:])
    if len(parts) == 1 and " , " in raw:
        parts = raw.split(" , ")  # old Scopus: `D'Ambrosio, A.a , Aria, M.a`
    elif len(parts) == 1 and raw.count(",") >= 3:
        parts = re.split(r"(?<=\.),\s+", raw)  # old Scopus: `D'Ambrosio, A., Aria, M.`
    names = [re.sub(r"\s+", " ", latex_to_text(p)).strip(" ,") for p in parts]
    return [n for n in names if n]


class _Reader:
    """A cursor over the file text that reads one entry at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.macros: dict[str, str] = dict(MONTHS)
        self.damaged: list[tuple[int, str]] = []  # (position, text skipped) inside kept entries

    def skip_space(self, pos: int) -> int:
        m = _WS.match(self.text, pos)
        return m.end() if m else pos

    def balanced(self, pos: int, close: str) -> int:
        """Position just after the brace/quote that closes the group opened before `pos`."""
        depth = 0
        for m in _SCAN.finditer(self.text, pos):
            tok = m.group(0)
            if tok == "{":
                depth += 1
            elif tok == "}":
                if depth == 0:
                    if close == "}":
                        return m.end()
                    raise _Broken("unbalanced `}` inside a quoted value", m.start())
                depth -= 1
            elif tok == '"':
                if close == '"' and depth == 0:
                    return m.end()
            elif tok[0] == "\n":
                raise _Broken(
                    "not closed before the next entry starts: truncated record?", m.start() + 1
                )
        raise _Broken(
            "the file ends inside this entry (no closing brace): truncated export?", len(self.text)
        )

    def value(self, pos: int, close: str) -> tuple[str, int]:
        """A field value: pieces joined by `#`; returns (raw text, position after it)."""
        pieces: list[str] = []
        while True:
            pos = self.skip_space(pos)
            if pos >= len(self.text):
                raise _Broken("the file ends inside this entry: truncated export?", pos)
            ch = self.text[pos]
            if ch == "{":
                end = self.balanced(pos + 1, "}")
                pieces.append(self.text[pos + 1 : end - 1])
            elif ch == '"':
                end = self.balanced(pos + 1, '"')
                pieces.append(self.text[pos + 1 : end - 1])
            else:
                m = _BARE.match(self.text, pos)
                if not m:
                    raise _Broken(
                        f"expected a value, found `{self.text[pos:pos + 20].strip()}`", pos
                    )
                word = m.group(0)
                pieces.append(word if word.isdigit() else self.macros.get(word.casefold(), word))
                end = m.end()
            pos = self.skip_space(end)
            if pos < len(self.text) and self.text[pos] == "#":
                pos += 1
                continue
            return "".join(pieces), pos

    def fields(self, pos: int, close: str) -> tuple[dict[str, str], int]:
        out: dict[str, str] = {}
        text = self.text
        while True:
            pos = self.skip_space(pos)
            if pos >= len(text):
                raise _Broken(
                    "the file ends inside this entry (no closing brace): truncated export?", pos
                )
            if text[pos] == close:
                return out, pos + 1
            if text[pos] == ",":
                pos += 1
                continue
            m = _NAME.match(text, pos)
            if m:
                value, after = self.value(m.end(), close)
                out.setdefault(m.group(1).replace("\xa0", " ").strip().casefold(), value)
                pos = after
                continue
            # Damaged text (EBSCO pastes web-page script into Keywords): resume at the next field
            # line or the closing line; a new entry first means this one was cut off.
            resume = _RESUME.search(text, pos)
            if resume is None or resume.group("entry"):
                raise _Broken(
                    "entry not closed before the next entry starts: truncated record?",
                    resume.start() + 1 if resume else len(text),
                )
            self.damaged.append((pos, text[pos : resume.start()].strip()))
            pos = resume.start() + 1


def parse(doc: Document) -> Iterator[Parsed | Skip]:
    text = doc.text
    reader = _Reader(text)
    # A line ends at LF, CRLF or a lone CR (old Mac exports): lines are counted as every
    # reader counts them, so skipped entries are named by the line an editor shows.
    line_starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(line_starts, pos)

    pos = 0
    while True:
        m = _ENTRY.search(text, pos)
        if not m:
            return
        kind = m.group(1).casefold()
        close = "}" if m.group(2) == "{" else ")"
        start = m.start()
        body = m.end()
        if kind in ("comment", "preamble"):
            try:
                pos = reader.balanced(body, "}") if close == "}" else text.index(")", body) + 1
            except (_Broken, ValueError):
                return
            continue
        try:
            if kind == "string":
                macros, pos = reader.fields(body, close)
                reader.macros.update({k: latex_to_text(v) for k, v in macros.items()})
                continue
            comma = text.find(",", body)
            brace = text.find(close, body)
            if comma < 0 or (0 <= brace < comma):
                # An entry with no fields at all (`@misc{key}`) or no key: nothing to read.
                end = brace + 1 if brace >= 0 else len(text)
                yield Skip(line_of(start), f"@{kind} entry without fields")
                pos = end
                continue
            key = text[body:comma].strip()
            if "\n" in key or "=" in key:
                raise _Broken("entry has no citation key", body)
            raw, pos = reader.fields(comma + 1, close)
        except _Broken as e:
            yield Skip(line_of(start), f"@{kind} entry: {e.reason}", True)
            nxt = _NEXT_ENTRY.search(text, max(e.pos, body))
            if nxt is None or nxt.start() <= start:
                return
            pos = nxt.start()
            continue
        for where, skipped in reader.damaged:
            doc.warnings.append(
                f"line {line_of(where)}: damaged BibTeX text skipped inside entry `{key}`: "
                f"`{skipped[:60]}`"
            )
        reader.damaged.clear()
        yield _record(kind, key, raw, line_of(start))


_PMID_IN_NOTE = re.compile(r"PMID:?\s*(\d+)", re.I)


def _record(kind: str, key: str, raw: dict[str, str], line: int) -> Parsed:
    def get(*names: str) -> str:
        for n in names:
            v = raw.get(n, "").strip()
            if v:
                return latex_to_text(v)
        return ""

    pmid = get("pmid", "pubmed_id")  # Scopus: `pubmed_id`
    if not pmid:
        for source in (
            raw.get("note", ""),
            key,
            raw.get("eprint", "") if raw.get("eprinttype", "").casefold() == "pubmed" else "",
        ):
            # a note also cites the item a comment is about (`Comment on: PMID 123`)
            pm = normalise.first_own(_PMID_IN_NOTE, source)
            if pm:
                pmid = pm.group(1)
                break
    journal = get(
        "journal", "journaltitle", "booktitle", "series", "publisher" if kind == "misc" else ""
    )
    keywords = [
        k.strip() for k in re.split(r"[;,]", get("keywords", "keyword", "mesh")) if k.strip()
    ]
    return Parsed(
        line=line,
        key=key,
        fields={
            "title": get("title"),
            "authors": split_authors(raw.get("author", "")),
            # WoS: an article in early access has no year yet, only `earlyaccessdate`
            "year": get("year", "date", "earlyaccessdate"),
            "journal": journal,
            "journal_abbrev": get(
                "shortjournal", "journal-iso", "journalabbrev", "abbrev_source_title"
            ),
            "volume": get("volume"),
            "issue": get("number", "issue"),
            # an article without pages is placed by its number: Scopus's `art_number`, ACM's
            # `articleno`, WoS's `article-number`, biblatex's `eid`
            "pages": normalise.pages_or_number(get("pages"), normalise.article_number(
                get("art_number", "articleno", "article-number", "eid")
            )),
            "doi": get("doi"),
            "pmid": pmid,
            "issn": get("issn", "eissn"),
            "abstract": get("abstract"),
            "keywords": keywords,
            "language": get("language", "langid"),
            # Scopus's own type says what @ARTICLE does not (`Erratum`, `Letter`, `Review`, and
            # `Book Chapter` for a chapter written @BOOK), as its CSV export does
            "type": get("document_type") or kind,
            "url": get("url"),
            "database": (
                get("source")
                if raw.get("source", "").strip().casefold() in ("scopus", "web of science")
                else ""
            ),
        },
    )

