"""Articles: publication dates in bylines and datelines, blocks (title, byline, paragraphs), language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from factcheck.config import (
    DEFAULT_MAX_ARTICLE_CHARS,
)
from factcheck.errors import ConfigError, InputError
from factcheck.text.normalise import Normalised, normalise, text_fingerprint
from factcheck.types import Article, Block, BlockKind, Span

if TYPE_CHECKING:  # pragma: no cover
    pass

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
#: Month names as written in English, January first.
MONTH_NAMES = tuple(name.capitalize() for name in list(MONTHS)[:12])


def long_date(d: date) -> str:
    """A date as a reader writes it: "2 February 2014"."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


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
