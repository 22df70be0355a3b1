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

The package: :mod:`~factcheck.text.normalise` (the offset map, reading input),
:mod:`~factcheck.text.article` (dates, blocks, language), :mod:`~factcheck.text.sentences`
(spaCy, the fast splitter, parsing an article's sentences) and :mod:`~factcheck.text.webpage`
(text out of HTML).
"""

from __future__ import annotations

from factcheck.text.article import (
    ARTICLE_FORMATS,
    MONTH_NAMES,
    MONTHS,
    ParsedArticle,
    body_problem,
    is_call_to_action,
    language_warning,
    long_date,
    non_latin_share,
    parse_article,
    parse_date,
)
from factcheck.text.normalise import (
    Normalised,
    clean,
    decode_bytes,
    normalise,
    text_fingerprint,
)
from factcheck.text.sentences import (
    SPACY_PACKAGE,
    Sentence,
    article_sentences,
    load_spacy,
    parse_pieces,
    split_sentences_fast,
)
from factcheck.text.webpage import (
    html_to_text,
)

__all__ = [
    "ARTICLE_FORMATS",
    "MONTHS",
    "MONTH_NAMES",
    "SPACY_PACKAGE",
    "Normalised",
    "ParsedArticle",
    "Sentence",
    "article_sentences",
    "body_problem",
    "clean",
    "decode_bytes",
    "html_to_text",
    "is_call_to_action",
    "language_warning",
    "load_spacy",
    "long_date",
    "non_latin_share",
    "normalise",
    "parse_article",
    "parse_date",
    "parse_pieces",
    "split_sentences_fast",
    "text_fingerprint",
]
