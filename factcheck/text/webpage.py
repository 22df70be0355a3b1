"""Text out of an HTML page: its paragraphs and its headline."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    pass

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
