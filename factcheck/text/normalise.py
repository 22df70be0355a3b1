"""Normalisation with an offset map back to the source, and reading input bytes."""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.errors import InputError
from factcheck.types import Span

if TYPE_CHECKING:  # pragma: no cover
    pass

# ------------------------------------------------------------------------------------------------
# Normalisation
# ------------------------------------------------------------------------------------------------

_CHAR_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u2039": "'",
    "\u203a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
}
_SPACE_CHARS = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\f\v"
_NEWLINE_CHARS = "\n\r\u2028\u2029\u0085"
_WS_CLASS = re.escape(_SPACE_CHARS + _NEWLINE_CHARS)
_SPECIAL_CLASS = re.escape("".join(_CHAR_MAP))
_PIECE = re.compile(rf"[{_WS_CLASS}]+|[{_SPECIAL_CLASS}]|[^{_WS_CLASS}{_SPECIAL_CLASS}]+")
# Text that normalisation leaves unchanged: no special characters, no tabs/odd spaces, no double
# spaces, no CR, no runs of three or more newlines, no leading/trailing whitespace.
_NEEDS_WORK = re.compile(
    rf"[{_SPECIAL_CLASS}\t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2028\u2029\u0085]"
    r"|  | \n|\n | \Z|\A[ \n]|\n\n\n|\n\Z"
)


@dataclass(frozen=True, slots=True, eq=False)
class Normalised:
    """A normalised text and the map back to the text it came from.

    ``starts[i]``/``ends[i]`` is the interval of ``source`` that produced character ``i`` of
    ``text``.  When normalisation changed nothing both are ``None`` and the map is the identity.
    """

    text: str
    source: str
    starts: array | None = None
    ends: array | None = None

    @property
    def is_identity(self) -> bool:
        return self.starts is None

    def source_offset(self, index: int) -> int:
        """Source offset of the normalised position ``index`` (a boundary, ``0..len(text)``)."""
        if self.starts is None:
            return index
        if index >= len(self.text):
            return len(self.source.rstrip()) if self.text else 0
        return self.starts[index]

    def source_span(self, span: Span) -> Span:
        """Map a span of ``text`` to the smallest span of ``source`` that produced it."""
        if span.end > len(self.text):
            raise ValueError(f"span {span} runs past the normalised text (length {len(self.text)})")
        if self.starts is None or self.ends is None:
            return span
        if span.start == span.end:
            pos = self.source_offset(span.start)
            return Span(pos, pos)
        return Span(self.starts[span.start], self.ends[span.end - 1])


def normalise(source: str) -> Normalised:
    """Normalise ``source`` for the models and keep the offset map back to it.

    Never raises and runs in linear time.  Normalising twice changes nothing more than once
    (characters that disappear, such as zero-width spaces, never leave two spaces side by side or
    a space at either end).
    """
    if not _NEEDS_WORK.search(source):
        return Normalised(source, source)
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    gap: list[int] | None = None  # pending whitespace: [start, end, newlines]

    def emit(text: str, a: int, b: int) -> None:
        out.append(text)
        starts.extend([a] * len(text))
        ends.extend([b] * len(text))

    for match in _PIECE.finditer(source):
        piece = match.group()
        a, b = match.span()
        first = piece[0]
        if first in _SPACE_CHARS or first in _NEWLINE_CHARS:
            newlines = piece.count("\n") + piece.count("\u2028") + piece.count("\u2029") + piece.count("\u0085")
            newlines += piece.count("\r") - piece.count("\r\n")
            gap = [a, b, newlines] if gap is None else [gap[0], b, gap[2] + newlines]
            continue
        repl = _CHAR_MAP[first] if first in _CHAR_MAP and len(piece) == 1 else None
        if repl == "":
            continue  # a zero-width character: gone, and it does not end a run of whitespace
        if gap is not None:
            if out:  # leading whitespace disappears; a run between two words becomes one separator
                emit("\n\n" if gap[2] >= 2 else "\n" if gap[2] == 1 else " ", gap[0], gap[1])
            gap = None
        if repl is not None:
            emit(repl, a, b)
        else:
            out.append(piece)
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
    return Normalised("".join(out), source, starts, ends)  # trailing whitespace (a pending gap) disappears


def clean(text: str) -> str:
    """The normalised text alone (no offset map)."""
    return normalise(text).text


# ------------------------------------------------------------------------------------------------
# Reading input
# ------------------------------------------------------------------------------------------------


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode an article or document; binary data and text that is not UTF-8 are errors."""
    if not data.strip():
        raise InputError(f"{name} is empty; give an article with some text")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name} looks like a binary file, not text; give a UTF-8 .txt, .md or .html article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "re-save it as UTF-8, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    return text


def text_fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()
