"""Building the text: parser events to visible text with a per-character map into the HTML
(see :mod:`factcheck.html`)."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.entities import html5

from factcheck.html.tags import (
    _ARTICLE_SCOPES,
    _CELL_TAGS,
    _HEADINGS,
    _SELF_CLOSING_SIBLINGS,
    _VOID_TAGS,
    BLOCK_TAGS,
    SKIP_TAGS,
    is_boilerplate,
)
from factcheck.html.tokens import _BROKEN_MARKUP, _Event
from factcheck.text import Normalised, clean, normalise
from factcheck.text.normalise import _NEWLINE_CHARS

# The regular expression html.unescape() uses: an entity is decoded exactly as it decodes it.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_HTML_WHITESPACE = " \t\n\r\f" + _NEWLINE_CHARS

# Kinds of characters in the intermediate text: which one a collapsed whitespace run maps to.
_TEXT, _SPACE, _BREAK = 0, 1, 2


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """The visible text of an HTML page and its title.

    ``title`` is the text of the first ``<h1>`` (the block ``# ...`` of ``normalised.text``), or,
    when there is none, of the ``<title>`` element; ``None`` when the page has neither.
    ``has_h1`` says which.
    """

    normalised: Normalised
    title: str | None
    has_h1: bool


class _Builder:
    """Turns parser events into an intermediate text with a per-character source map, then
    normalises it with :func:`factcheck.text.normalise` and composes the two maps."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.chars: list[str] = []
        self.kinds = bytearray()
        self.starts = array("l")
        self.ends = array("l")
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, dropped with its content)
        # how many of each tag are open: questions about the stack stay O(1) however deep it gets
        # (a page of 100,000 unclosed <div>s must not make parsing quadratic)
        self.open: Counter[str] = Counter()
        self.skipping = 0  # dropped elements on the stack
        self.heading: tuple[int, int, int] | None = None  # (level, tag start, tag end) awaiting text
        self.h1_depth: int | None = None  # stack depth of the first <h1> while it is open
        self.h1_parts: list[str] = []
        self.has_h1 = False
        self.title_parts: list[str] | None = None
        self.page_title: str | None = None
        self.unterminated = False  # the rest of the page is inside a tag that never ends
        self.last_gt = source.rfind(">")

    # -- output ---------------------------------------------------------------------------------
    def _emit(self, text: str, kind: int, start: int, end: int) -> None:
        self.chars.append(text)
        self.kinds.extend([kind] * len(text))
        self.starts.extend([start] * len(text))
        self.ends.extend([end] * len(text))

    def _break(self, start: int, end: int) -> None:
        if self.kinds and self.kinds[-1] == _BREAK:
            return  # one break per run of block tags
        self._emit("\n\n", _BREAK, start, end)

    def _block(self, tag: str, start: int, end: int) -> None:
        """A block tag: a paragraph break, or a space inside a heading (``<h1>A<br>B</h1>``)."""
        if tag not in _HEADINGS and any(self.open[h] for h in _HEADINGS):
            self._emit(" ", _SPACE, start, end)
        else:
            self._break(start, end)

    # -- events ---------------------------------------------------------------------------------
    def feed(self, event: _Event, next_pos: int) -> None:
        kind, pos, name, attrs, tag_end = event
        if kind == "start":
            self._start(name, attrs, pos, tag_end, void=name in _VOID_TAGS)
        elif kind == "startend":
            self._start(name, attrs, pos, tag_end, void=True)
        elif kind == "end":
            close = self.source.find(">", pos, next_pos)
            self._end(name, pos, close + 1 if close >= 0 else next_pos)
        elif kind == "data":
            self._data(name, pos, next_pos)

    def _in_article(self) -> bool:
        return any(self.open[tag] for tag in _ARTICLE_SCOPES)

    def _start(self, tag: str, attrs, start: int, end: int, *, void: bool) -> None:
        if tag in _SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1][0] == tag:
            self._pop_to(len(self.stack) - 1, start, end)
        if void:
            if not self.skipping and tag in BLOCK_TAGS:
                self._block(tag, start, end)
            return
        drop = (tag in SKIP_TAGS and not (tag == "header" and self._in_article())) or is_boilerplate(tag, attrs)
        if tag == "title" and self.title_parts is None and not self.skipping and self.page_title is None:
            self.title_parts = []
        self.stack.append((tag, drop))
        self.open[tag] += 1
        if drop:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in BLOCK_TAGS:
            self._block(tag, start, end)
        elif tag in _CELL_TAGS:
            self._emit(" ", _SPACE, start, end)
        level = _HEADINGS.get(tag)
        if level is not None:
            self.heading = (level, start, end)
            if level == 1 and not self.has_h1 and self.h1_depth is None:
                self.h1_depth = len(self.stack)

    def _end(self, tag: str, start: int, end: int) -> None:
        # the scan stops at the innermost open element of this tag, and everything it passes over
        # is closed: each element is scanned once in all
        for depth in range(len(self.stack) - 1, -1, -1) if self.open[tag] else ():
            if self.stack[depth][0] == tag:
                self._pop_to(depth, start, end)
                return
        if tag == "br" and not self.skipping:  # </br> is read as <br>
            self._block(tag, start, end)
        # any other stray end tag is ignored

    def _pop_to(self, depth: int, start: int, end: int) -> None:
        """Close the elements ``stack[depth:]``; the innermost's end tag is ``source[start:end]``."""
        while len(self.stack) > depth:
            tag, drop = self.stack.pop()
            self.open[tag] -= 1
            if drop:
                self.skipping -= 1
            if tag == "title" and self.title_parts is not None:
                self.page_title = " ".join("".join(self.title_parts).split()) or None
                self.title_parts = None
            if self.skipping:
                continue
            if self.h1_depth is not None and len(self.stack) < self.h1_depth:
                self.h1_depth = None
                self.has_h1 = self.has_h1 or bool("".join(self.h1_parts).strip())
            if tag in _HEADINGS:
                self.heading = None
            if tag in BLOCK_TAGS:
                self._block(tag, start, end)

    def _data(self, data: str, start: int, next_pos: int) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
        if self.skipping or not data:
            return
        if self.unterminated:
            return
        if _BROKEN_MARKUP.match(self.source, start):
            # an unterminated tag or comment the parser passed on as text; with no ">" left in the
            # page (``<div class="a`` at the very end) everything after it is inside that tag
            self.unterminated = start > self.last_gt
            return
        pieces = _decode(self.source, start, next_pos, data)
        if self.heading is not None and data.strip():
            level, tag_start, tag_end = self.heading
            self.heading = None
            self._break(tag_start, tag_end)
            self._emit("#" * level + " ", _TEXT, tag_start, tag_end)
        if self.h1_depth is not None:
            self.h1_parts.append(data)
        for text, a, b in pieces:
            if len(text) == 1 and text in _HTML_WHITESPACE:
                self._emit(" ", _SPACE, a, b)
            else:
                self._emit(text, _TEXT, a, b)

    # -- result ---------------------------------------------------------------------------------
    def finish(self) -> HtmlArticle:
        if self.h1_depth is not None:  # an <h1> left open at the end of the page
            self.has_h1 = self.has_h1 or bool("".join(self.h1_parts).strip())
        mid = "".join(self.chars)
        norm = normalise(mid)
        starts, ends = array("l"), array("l")
        kinds = self.kinds
        for i, char in enumerate(norm.text):
            s = norm.starts[i] if norm.starts is not None else i
            e = norm.ends[i] if norm.ends is not None else i + 1
            if e - s > 1 and char in " \n":
                # a collapsed run of whitespace maps to one of its parts: the block tag that broke
                # the paragraph if there is one, else its first space (never to the text between)
                s = next((j for j in range(s, e) if kinds[j] == _BREAK), s)
                e = s + 1
            starts.append(self.starts[s])
            ends.append(self.ends[e - 1])
        normalised = Normalised(norm.text, self.source, starts, ends)
        title: str | None = None
        if self.has_h1:
            title = next((p[2:].strip() for p in norm.text.split("\n\n") if p.startswith("# ") and p[2:].strip()), None)
        if title is None and self.page_title:
            title = clean(self.page_title) or None
        return HtmlArticle(normalised, title, title is not None and self.has_h1)


def _decode(source: str, start: int, next_pos: int, data: str) -> list[tuple[str, int, int]]:
    """The characters of the text event ``data`` (already decoded by the parser) that starts at
    ``source[start]``, each with the source interval it was written as."""
    pieces: list[tuple[str, int, int]] = []
    produced = 0
    pos = start
    for match in _CHARREF.finditer(source, start, next_pos):
        pos = _literal(source, pos, match.start(), pieces)
        pieces.extend(_entity(match))
        pos = match.end()
    _literal(source, pos, next_pos, pieces)
    out: list[tuple[str, int, int]] = []
    for piece in pieces:
        if produced >= len(data):
            break
        out.append(piece)
        produced += len(piece[0])
    if "".join(p[0] for p in out) == data:
        return out
    # Text the parser produced from somewhere else (e.g. a CDATA section): map it as a whole.
    end = max(next_pos, start + 1)
    return [(char, start, end) for char in data]


def _literal(source: str, a: int, b: int, pieces: list[tuple[str, int, int]]) -> int:
    pieces.extend((source[i], i, i + 1) for i in range(a, b))
    return b


def _entity(match: re.Match[str]) -> list[tuple[str, int, int]]:
    """A character reference decoded as :func:`html.unescape` decodes it, with exact intervals."""
    a, b = match.span()
    name = match.group(1)
    if name[0] == "#":
        return [(unescape(match.group()), a, b)]
    if name in html5:
        return [(html5[name], a, b)]
    for x in range(len(name) - 1, 1, -1):  # the longest known prefix (&notit; is "¬it;")
        if name[:x] in html5:
            rest = [(c, a + 1 + i, a + 2 + i) for i, c in enumerate(name[x:], x)]
            return [(html5[name[:x]], a, a + 1 + x), *rest]
    return [(c, a + i, a + i + 1) for i, c in enumerate(match.group())]
