"""Visible text of an HTML article, with every character mapped back to the markup it came from.

:func:`normalise_html` is the HTML counterpart of :func:`factcheck.text.normalise`: it returns a
:class:`~factcheck.text.Normalised` whose ``source`` is the HTML exactly as given and whose
``text`` is the visible article text, normalised by the same rules as plain text (curly quotes
become straight ones, typographic spaces plain spaces, runs of whitespace collapse, ...).
``source[starts[i]:ends[i]]`` is the markup that produced character ``i`` of the text:

* a character written as such maps to itself, one written as an entity (``&amp;``, ``&rsquo;``,
  ``&#8217;``, ``&nbsp;``) to the whole entity;
* block elements (:data:`BLOCK_TAGS`: ``p``, ``div``, ``h1``-``h6``, ``li``, ``br``, ...) become
  paragraph breaks (``"\\n\\n"``) mapped to the tag that ended the previous paragraph; table cells
  become a space mapped to the cell's tag; other (inline) tags vanish without a trace, so
  ``Pu<b>tin</b>`` reads ``Putin``; all other whitespace collapses as HTML renders it;
* headings stay headings: ``<h2>A new treaty</h2>`` becomes the block ``## A new treaty``, the
  Markdown form :func:`factcheck.text.parse_article` already classifies as a heading; the ``#``
  marks and their space map to the heading's start tag.

Dropped entirely, with everything inside them: the elements of :data:`SKIP_TAGS` (scripts, styles,
navigation, page header and footer, asides, forms, embedded frames, ...), comments, declarations,
CDATA sections and elements whose ``class`` or ``id`` names boilerplate (:data:`BOILERPLATE_WORDS`,
e.g. ``<div class="newsletter-signup">``), whose ``role`` is a page landmark that is not the
article (:data:`SKIP_ROLES`), or that carry the ``hidden`` attribute.  A ``<header>`` *inside*
``<article>`` or ``<main>`` is the article's own header (headline, byline, date) and is kept.

Parsing uses the standard library's tolerant :class:`html.parser.HTMLParser`: malformed markup
(unclosed tags, stray end tags, uppercase names, ``>`` inside quoted attribute values, CDATA, huge
inline scripts) never raises.

>>> n = normalise_html("<p>Kim&rsquo;s <b>first</b> visit.</p><script>var x;</script>")
>>> n.text
"Kim's first visit."
>>> n.source[n.starts[3] : n.ends[3]]
'&rsquo;'
>>> from factcheck.types import Span
>>> n.source_span(Span(6, 17)).of(n.source)
'first</b> visit'
"""

from __future__ import annotations

import re

from factcheck.html.builder import HtmlArticle, _Builder
from factcheck.html.tags import BLOCK_TAGS, BOILERPLATE_WORDS, SKIP_ROLES, SKIP_TAGS
from factcheck.html.tokens import _tokenise
from factcheck.text import Normalised

__all__ = [
    "BLOCK_TAGS",
    "BOILERPLATE_WORDS",
    "SKIP_ROLES",
    "SKIP_TAGS",
    "HtmlArticle",
    "extract_html",
    "looks_like_html",
    "normalise_html",
]


def normalise_html(source: str) -> Normalised:
    """The visible article text of the HTML ``source``, normalised, with its offset map into ``source``."""
    return extract_html(source).normalised


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document or fragment rather than plain text or Markdown.

    True when it starts (after whitespace and comments) with a doctype, ``<html>``, ``<head>``,
    ``<body>`` or a block element, or when block tags (``<p>``, ``<div>``, ``<h2>``, ``<br>``, ...)
    are at least half as many as its blank-line separated paragraphs, so a Markdown article with
    the odd ``<br>`` or ``<sup>`` stays Markdown.
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head):
        return True
    tags = sum(1 for _ in _BLOCK_TAG_RE.finditer(text))
    if tags < 2:
        return False
    paragraphs = sum(1 for p in re.split(r"\n\s*\n", text) if p.strip())
    return tags * 2 >= paragraphs


_HTML_START = re.compile(
    r"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|section|div|p|h[1-6]|header|nav|meta|title)\b",
    re.I | re.S,
)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|article|section|table|tr|blockquote|body)\b[^>]*>", re.I)


def extract_html(source: str) -> HtmlArticle:
    """Visible text of ``source`` (normalised, mapped) and the page title; see the module docs."""
    events = _tokenise(source)
    builder = _Builder(source)
    for index, event in enumerate(events):
        next_pos = events[index + 1][1] if index + 1 < len(events) else len(source)
        builder.feed(event, next_pos)
    return builder.finish()
