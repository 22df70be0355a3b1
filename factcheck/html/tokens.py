"""Tokenising: :mod:`html.parser` events with their offsets in the source (see :mod:`factcheck.html`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from html.parser import HTMLParser

# A "text" event that is really markup the parser gave up on (an unterminated tag at the end).
_BROKEN_MARKUP = re.compile(r"<[A-Za-z/!?]")

# (kind, start offset, tag or data, attrs, end offset of a start tag)
_Event = tuple[str, int, str, list[tuple[str, str | None]], int]


class _Collector(HTMLParser):
    """Records every parser event with the absolute offset where its markup starts."""

    def __init__(self, events: list[_Event], base: int, newlines: list[int]) -> None:
        super().__init__(convert_charrefs=True)
        self.events = events
        self.base = base
        self.newlines = newlines  # offsets of every "\n" in the whole source
        self.first_line = bisect_left(newlines, base)  # newlines before base

    def position(self) -> int:
        line, col = self.getpos()
        if line == 1:
            return self.base + col
        return self.newlines[self.first_line + line - 2] + 1 + col

    def handle_starttag(self, tag, attrs):
        start = self.position()
        self.events.append(("start", start, tag, attrs, start + len(self.get_starttag_text() or "")))

    def handle_startendtag(self, tag, attrs):
        start = self.position()
        self.events.append(("startend", start, tag, attrs, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag):
        self.events.append(("end", self.position(), tag, [], -1))

    def handle_data(self, data):
        self.events.append(("data", self.position(), data, [], -1))

    def _markup(self, *_args) -> None:
        self.events.append(("markup", self.position(), "", [], -1))

    handle_comment = handle_decl = handle_pi = unknown_decl = _markup


def _unterminated_tail(source: str) -> int:
    """Where the markup that no ">" ever ends begins (``len(source)`` if there is none).

    Everything from there on is inside that tag or comment.  It is not handed to
    :mod:`html.parser`, which rescans an unterminated construct from every "<" in it: a page of
    ``<a href='`` repeated would take time quadratic in its length.
    """
    match = _BROKEN_MARKUP.search(source, source.rfind(">") + 1)
    return match.start() if match else len(source)


def _tokenise(source: str) -> list[_Event]:
    events: list[_Event] = []
    newlines = [m.start() for m in re.finditer("\n", source)]
    cut = _unterminated_tail(source)
    base = 0
    while base < cut:
        parser = _Collector(events, base, newlines)
        try:
            parser.feed(source[base:cut])
            parser.close()
            break
        except AssertionError:  # html.parser raises it on some malformed declarations ("<![ x")
            failed = max(parser.position(), base)
            events.append(("markup", failed, "", [], -1))
            close = source.find(">", failed, cut)
            base = close + 1 if close >= 0 else failed + 1
    if cut < len(source):
        events.append(("data", cut, source[cut:], [], -1))  # the builder drops it (see _Builder._data)
    return events
