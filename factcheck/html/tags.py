"""The HTML tables that decide what a reader reads: elements, roles and class words dropped as
page furniture, block elements that end a paragraph (see :mod:`factcheck.html`)."""

from __future__ import annotations

import re

#: Elements dropped with all their content: not part of the article a reader reads.
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "video",
        "audio",
        "map",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "textarea",
        "datalist",
        "dialog",
        "title",  # read as the page title, never as text
    }
)

#: Words that mark an element as boilerplate when they appear in its ``class`` or ``id``, as a
#: whole word of a name split at ``-``, ``_`` and camelCase humps (``newsletter-signup``,
#: ``ad-slot``, ``socialShare``, ``cookie_banner``; not ``header``, ``shadow`` or ``download``).
#: Never applied to ``html``, ``body``, ``main`` or ``article`` (a ``<article class="has-share">``
#: is still the article).
BOILERPLATE_WORDS = frozenset(
    {
        "share",
        "sharing",
        "social",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "related",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "ad",
        "ads",
        "cookie",
        "cookies",
        "comment",
        "comments",
        "breadcrumb",
        "breadcrumbs",
        "promo",
        "promos",
        "promotion",
    }
)

#: ARIA landmark roles of page furniture (navigation bars, site banner, site footer, sidebars).
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})

#: Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
# Start tags that close an open element of the same name (``<p>a<p>b``, ``<li>a<li>b``).
_SELF_CLOSING_SIBLINGS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
_NEVER_BOILERPLATE = frozenset({"html", "body", "main", "article"})
_NAME_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_ARTICLE_SCOPES = frozenset({"article", "main"})


def is_boilerplate(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if not value:
            continue
        if name == "role" and value.strip().lower() in SKIP_ROLES:
            return True
        if name in ("class", "id") and tag not in _NEVER_BOILERPLATE:
            words = {w.lower() for w in _NAME_WORDS.findall(value)}
            if words & BOILERPLATE_WORDS:
                return True
    return False
