"""An export file as read from disk: its bytes, its decoded text, and how it was decoded."""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, cast

from review_cli.errors import ParseError

ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Parsed:
    """One record as a format parser saw it: raw field values, before normalisation."""

    line: int  # first line (or spreadsheet row) of the record, 1-based
    key: str  # the export's own id (PMID, UT, EID, AN, ...) or "" to use the position
    fields: dict[str, Any]


@dataclass
class Skip:
    """Something in the file that looked like a record but could not be imported. `damaged`:
    the record could not be read (a truncated or broken export), so its content is lost; an
    import with such a record fails unless the user accepts the loss."""

    line: int
    reason: str
    damaged: bool = False


@dataclass
class Document:
    path: Path
    data: bytes
    text: str = ""  # empty for binary formats (XLSX)
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def is_zip(self) -> bool:
        return self.data.startswith(ZIP_MAGIC)

    def lines(self) -> list[str]:
        """Lines without their ends; splits on LF/CRLF/CR only (not U+2028 or U+0085)."""
        return self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def iter_lines(self, block: int = 1 << 20) -> Iterator[str]:
        """The same lines as `lines()`, split a block at a time so a 200 MB export never
        exists twice in memory (once as text, once as a list of a few million line strings).
        After `compact()` dropped the text, the bytes are decoded block by block instead."""
        # chain.from_iterable hands out each block's lines at C speed (a `yield from` inside
        # the block generator costs a generator step per line: 3 million of them in 240 MB).
        return chain.from_iterable(piece.split("\n") for piece in self.iter_chunks(block))

    def iter_chunks(self, block: int = 1 << 20) -> Iterator[str]:
        """The text in pieces of about `block` characters that end where a line ends, with LF
        line ends only: the pieces joined by "\n" are `"\n".join(self.lines())`."""
        if self.text or not (self.data and self.encoding in _BYTE_SAFE):
            return _split_blocks(self.text, "\r" in self.text, block, None)
        return _split_blocks(self.data, b"\r" in self.data, block, self.encoding)

    def line_count(self) -> int | None:
        """How many lines `iter_lines()` gives, at most (None for a binary format). Counted
        in the bytes when they are kept: a count over a big str is ten times slower."""
        if self.text:
            return max(self.text.count("\n"), self.text.count("\r") if "\r" in self.text else 0) + 1
        if self.data and self.encoding in _BYTE_SAFE:
            return max(
                self.data.count(b"\n"), self.data.count(b"\r") if b"\r" in self.data else 0
            ) + 1
        return None

    def compact(self) -> None:
        """Keep only the smaller of text and bytes once the format is known (for parsers that
        read `iter_lines()` only). A str holding one character beyond Latin-1 takes 2 bytes per
        character, twice the UTF-8 bytes of a mostly-ASCII export."""
        if not self.text or not self.data:
            return
        if self.encoding in _BYTE_SAFE and sys.getsizeof(self.text) > len(self.data) + 4096:
            self.text = ""
        else:
            self.data = b""


# Encodings in which a LF byte is always a line feed, so bytes can be split before decoding.
_BYTE_SAFE = frozenset({"utf-8", "utf-8-sig", "cp1252", "latin-1"})


def _split_blocks(
    source: str | bytes, has_cr: bool, block: int, encoding: str | None
) -> Iterator[str]:
    nl: Any = "\n" if isinstance(source, str) else b"\n"
    pos, size = 0, len(source)
    while True:
        end = source.find(nl, pos + block, size) if pos + block < size else -1
        raw = source[pos:size] if end == -1 else source[pos:end]
        if encoding is None:
            piece = cast(str, raw)
        else:
            piece = cast(bytes, raw).decode(
                encoding if pos == 0 or encoding != "utf-8-sig" else "utf-8"
            )
        if has_cr:
            # A CRLF pair never straddles two blocks: blocks end just before a LF.
            piece = piece.replace("\r\n", "\n")
            if end != -1 and piece.endswith("\r"):
                piece = piece[:-1]
            piece = piece.replace("\r", "\n")
        yield piece
        if end == -1:
            return
        pos = end + 1


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: every other byte of ASCII text is NUL."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    # Mostly CJK (or other non-Latin) text: fewer NULs, from the ASCII tags and digits, nearly
    # all on one side (a few characters such as U+4E00 have a NUL byte of their own), and the
    # sample reads as printable text (a CNKI or Wanfang export saved as "Unicode").
    for enc, nuls, other in (
        ("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)
    ):
        if nuls >= 8 and other < 0.1 * nuls:
            text = sample[: len(sample) // 2 * 2].decode(enc, errors="replace")
            if all(c.isprintable() or c in "\t\r\n" for c in text):
                return enc
    return None


# Bytes no text export holds (C0 controls but tab, LF, FF, CR, and ESC of old terminals).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def decode(path: Path, data: bytes) -> Document:
    """Decode an export: BOMs, UTF-16 and UTF-8 first; a legacy 8-bit file with a warning."""
    doc = Document(path=path, data=data)
    if not data.strip():
        raise ParseError(
            path, "the file is empty", hint="export the records again from the database"
        )
    if doc.is_zip:
        doc.encoding = "binary (zip)"
        return doc
    if data.startswith(b"\x1f\x8b"):
        raise ParseError(
            path, "is a gzip-compressed (binary) file",
            hint=f"decompress it first (gunzip {path.name}) and import the file inside",
        )
    if data.startswith(b"%PDF-"):
        raise ParseError(path, "is a PDF document (a binary file), not a bibliographic export",
                         hint="export the records from the database as RIS, "
                              "MEDLINE, BibTeX, CSV or XLSX")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                doc.text, doc.encoding = data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise ParseError(
                    path,
                    f"starts with a {enc} byte-order mark but is not valid {enc} ({e.reason})",
                ) from e
            return doc
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            doc.text, doc.encoding = data.decode(utf16), utf16
            return doc
        except UnicodeDecodeError:
            pass
    nuls = data.count(b"\x00")
    if nuls:
        # Many NUL bytes: a binary file. A few in a text export: damage (a bad copy, a disk
        # error) inside some records; they are taken out, and the lines named, so the records
        # around them still import.
        sample = data[:8192]
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls > max(16, len(sample) // 100) or b"\x00\x00\x00\x00" in data:
            raise ParseError(
                path,
                "is a binary file, not a bibliographic export",
                hint="export the records as RIS, MEDLINE, BibTeX, CSV or XLSX",
            )
        lines = sorted({data.count(b"\n", 0, m.start()) + 1 for m in re.finditer(b"\x00", data)})
        data = doc.data = data.replace(b"\x00", b"")
        shown = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
        doc.warnings.append(
            f"{nuls} NUL byte(s) removed (line {shown}): the export is damaged there, check "
            "those records"
        )
    try:
        doc.text, doc.encoding = data.decode("utf-8"), "utf-8"
        return doc
    except UnicodeDecodeError as e:
        bad_line = data[: e.start].count(b"\n") + 1
    mixed = _mixed_utf8(data)
    if mixed is not None:
        doc.text, lines = mixed
        # not byte-safe: the text is kept, never re-decoded
        doc.encoding = "utf-8 (some bytes cp1252)"
        more = f" and {len(lines) - 1} other line(s)" if len(lines) > 1 else ""
        doc.warnings.append(
            f"not valid UTF-8 on line {lines[0]}{more}; the rest is UTF-8, those bytes were read "
            "as Windows-1252: check accented characters there"
        )
        return doc
    # Not UTF-8: most legacy exports are Windows-1252 (a superset of Latin-1 for printable text).
    for enc in ("cp1252", "latin-1"):
        try:
            doc.text, doc.encoding = data.decode(enc), enc
        except UnicodeDecodeError:
            continue
        doc.warnings.append(
            f"not UTF-8 (first invalid byte on line {bad_line}); read as {enc}: "
            "check accented characters"
        )
        return doc
    raise ParseError(path, "could not be decoded")  # unreachable: latin-1 decodes any bytes


# a character UTF-8 decoded, not an invalid byte
_UTF8_LETTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
_INVALID = re.compile("[\udc80-\udcff]+")


def _mixed_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """A UTF-8 export with a few stray legacy bytes (records pasted from another program):
    its text with only those bytes read as Windows-1252, and the lines they are on; None when
    the file holds no UTF-8 at all (a legacy file, read whole as Windows-1252). Reading the
    whole file as Windows-1252 would turn every UTF-8 `ü` into `Ã¼`."""
    text = data.decode("utf-8", errors="surrogateescape")
    if _UTF8_LETTER.search(text) is None:
        return None
    lines: list[int] = []
    line, pos = 1, 0
    for m in _INVALID.finditer(text):
        line += text.count("\n", pos, m.start())  # counted on from the last one: linear
        pos = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)

    def legacy(m: re.Match[str]) -> str:
        raw = m.group().encode("utf-8", errors="surrogateescape")
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)

    return _INVALID.sub(legacy, text), lines


def first(tags: dict[str, list[str]], *names: str) -> str:
    """The first non-empty value among `names`, in that order, in a tagged record."""
    for n in names:
        for v in tags.get(n, ()):
            if v:
                return v
    return ""
