"""Placeholder reports for the demo's full-text stage: a one-page PDF per study, made here.

The page says it is a placeholder and shows the study's citation, so a reviewer who opens one
from the full-text screen sees which study it stands for. The bytes depend on the text only
(no dates, no ids of the PDF's own), so the demo stays byte-identical run after run.
"""

from __future__ import annotations

import textwrap
import unicodedata

from review_cli.model import Record

PAGE = (595, 842)  # A4, in points


def _ascii(text: str) -> str:
    """The text in the PDF's standard font's safe range, with `(`, `)` and `\\` escaped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = "".join(c if c.isprintable() else " " for c in folded)
    return folded.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def placeholder_pdf(text: str, heading: str = "Placeholder report (review demo)") -> bytes:
    """A small, valid PDF 1.4: one page with `heading` and `text` wrapped under it."""
    lines = [heading, ""]
    for para in text.split("\n"):
        lines += textwrap.wrap(para, 80) or [""]
    ops = ["BT", "/F1 11 Tf", "14 TL", f"56 {PAGE[1] - 72} Td"]
    for i, line in enumerate(lines[:50]):
        ops.append(f"({_ascii(line)}) {'Tj' if i == 0 else chr(39)}")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE[0]} {PAGE[1]}] "
         "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>").encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref
    )
    return bytes(out)


def citation_text(record: Record) -> str:
    """What a placeholder shows: the study's reference, and that it stands in for the report."""
    who = "; ".join(record.authors[:6]) + (" et al." if len(record.authors) > 6 else "")
    where = ". ".join(x for x in (record.journal, str(record.year or "n.d.")) if x)
    lines = [who or "(no authors)", "", record.title or "(no title)", "", where]
    if record.doi:
        lines.append(f"doi:{record.doi}")
    lines += ["", f"Study {record.id} of the generated demo review: the study is made up, and "
              "this page stands in for its full-text report."]
    return "\n".join(lines)
