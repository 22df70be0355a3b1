"""Small lexical helpers shared by readers, retrieval and verification (no models)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB))
_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b)")
_SPACE_AFTER = re.compile(r"([(\[{]) ")


def detokenize(text: str) -> str:
    """Undo FEVER-style tokenisation ("-LRB- 2014 -RRB- ," -> "(2014),") so models read normal text."""
    text = _PTB_RE.sub(lambda m: _PTB[m.group()], text).replace("\ufffd", " ")
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text)).strip()


_RE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def split_sentences(text: str) -> list[str]:
    """A cheap sentence split for data preparation (no model needed)."""
    return [s.strip() for s in _RE_SPLIT.split(text) if s.strip()]


_WORD = re.compile(r"(?u)\b\w+\b")

#: English function words.  The project's own list, so that a change to the BM25 tokeniser
#: (``factcheck.index.bm25``) never moves verification.
STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all am an and any are aren as at be because been before being below
    between both but by can cannot could couldn did didn do does doesn doing don down during each few for from
    further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is
    isn it its itself just me more most mustn my myself no nor not now of off on once only or other ought our
    ours ourselves out over own same shan she should shouldn so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was wasn we were weren what
    when where which while who whom why will with won would wouldn you your yours yourself yourselves also
    s t d ll m re ve y""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return _WORD.findall(text.lower())


@cache
def _stemmer():
    try:
        import Stemmer
    except ImportError:  # pragma: no cover - PyStemmer is a dependency
        return None
    return Stemmer.Stemmer("english")


def _stem_words(tokens: list[str]) -> list[str]:
    s = _stemmer()
    return s.stemWords(tokens) if s is not None else tokens


def content_tokens(text: str) -> list[str]:
    """Stemmed content words of ``text``: stop words and single letters dropped, digits kept."""
    return _stem_words([w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())])


def overlap(query: set[str], tokens: set[str]) -> float:
    """Share of ``query``'s tokens found in ``tokens`` (0 when ``query`` is empty)."""
    return len(query & tokens) / len(query) if query else 0.0


def best_windows(claim: str, sentences: list[str], *, size: int = 2, k: int = 1) -> list[list[int]]:
    """The ``k`` windows of ``size`` consecutive sentences that share most content words with ``claim``.

    Returns sentence-index lists, best first; ties go to the earlier window.
    """
    if not sentences:
        return []
    query = set(content_tokens(claim))
    tokens = [set(content_tokens(s)) for s in sentences]
    scored = []
    for start in range(max(1, len(sentences) - size + 1)):
        idx = list(range(start, min(len(sentences), start + size)))
        scored.append((overlap(query, set().union(*(tokens[i] for i in idx))), -start, idx))
    scored.sort(reverse=True)
    return [idx for _, _, idx in scored[:k]]


# --------------------------------------------------------------------------- verification vocabulary

#: Words left out when measuring how much of a claim a piece of evidence covers: the stop words
#: and the reporting/function words that say nothing about what happened.
FUNCTION_WORDS: frozenset[str] = STOPWORDS | frozenset(
    """according amid among may might much must per reportedly said says since via""".split()
)


def content_set(text: str) -> frozenset[str]:
    """Stemmed content words of ``text`` for coverage measures: function words and digits dropped,
    demonyms meet their country ("Korean" ~ "Korea", "Russian" ~ "Russia")."""
    kept = [w[:-1] if w.endswith(("ean", "ian")) else w for w in words(text) if w not in FUNCTION_WORDS]
    return frozenset(t for t in _stem_words([w for w in kept if len(w) > 1 or w.isdigit()]) if not t.isdigit())


_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of|the|and|for|de|du)?\s*[A-Z][\w'-]*)+")


def acronyms(text: str) -> frozenset[str]:
    """Acronyms of the capitalised names in ``text``: "World Health Organization" -> "who",
    "Paris Saint-Germain" -> "psg", "United Kingdom" -> "uk" (so a claim's "WHO" finds them)."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        # "the United Arab Emirates and Bahrain": both the whole run and the names either side of "and"
        for run in {m.group(), *m.group().split(" and ")}:
            parts = [p for w in run.split() if w[0].isupper() for p in w.split("-") if p[:1].isupper()]
            if 2 <= len(parts) <= 6:
                out.add("".join(p[0] for p in parts).lower())
    return frozenset(out)


_NAME = re.compile(r"\b[A-Z][\w'-]*")
_MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_NOT_NAMES = (
    frozenset(
        """the a an in on at it its this that these those he she they we his her their there here after before
    during since when while if as by for from of to with and but or according following however""".split()
    )
    | _MONTH_WORDS
    | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]?\s+|[\"“(]\s*)$")


def name_tokens(text: str) -> frozenset[str]:
    """Content tokens (:func:`content_set`) of the capitalised words of ``text``: names, mostly.

    A capitalised word that opens a sentence is a name only when it is followed by another
    capitalised word ("Vladimir Putin arrived", not "Launched on an Ariane 5").
    """
    kept = []
    matches = list(_NAME.finditer(text))
    for k, m in enumerate(matches):
        if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]) and not (
            k + 1 < len(matches) and text[m.end() : matches[k + 1].start()] == " "
        ):
            continue
        kept.append(m.group().lower())
    return content_set(" ".join(w for w in kept if w.split("'")[0] not in _NOT_NAMES))


_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|denied|denies|deny)\b|n't\b", re.I)


#: Negative words that only say when: "not ... until the following morning" is "only then",
#: "no later than", "not before" (up to eight words between the two).
_TEMPORAL_NEGATION = re.compile(
    r"(?:\bnot\b|n't\b|\bnever\b)(?:\W+\w+){0,8}?\W+(?:until|till|before)\b|\bno (?:later|sooner|earlier) than\b", re.I
)


def negated(text: str) -> bool:
    """Whether ``text`` contains a negation ("not", "never", "denied", "n't", ...); one that only
    places an event in time ("was not put out until the morning") does not count."""
    return bool(_NEGATION.search(_TEMPORAL_NEGATION.sub(" ", text)))


def coverage(query: frozenset[str] | set[str], tokens: frozenset[str] | set[str]) -> float:
    """Share of ``query`` found in ``tokens`` (0 when ``query`` is empty)."""
    return len(query & tokens) / len(query) if query else 0.0


#: Words news reports use for the same happening ("stayed on board" and "remained aboard"): each
#: group reads as one word when the words of a claim and a window are compared.
SAME_HAPPENING = tuple(
    content_set(group)
    for group in (
        "stay stayed stays remain remained remains",
        "board aboard",
        "begin began begun begins start started starts",
        "end ended ends finish finished",
        "buy bought buys acquire acquired acquires purchase purchased",
        "quit quits resign resigned resigns",
        "fire fired sack sacked dismiss dismissed",
        "arrive arrived reach reached",
        "leave left depart departed",
        "build built construct constructed",
        "die died killed",
        "design designed designer",
        "crash crashed smash smashed",
        "discover discovered discovers find found finds spot spotted",
        "strike struck strikes devastate devastated devastates",
        "declare declared declares announce announced announces",
        "open opened opens inaugurate inaugurated",
    )
)
_CANONICAL = {w: min(group) for group in SAME_HAPPENING for w in group}


@lru_cache(maxsize=8192)
def canonical(words: frozenset[str]) -> frozenset[str]:
    """``words`` with each word of :data:`SAME_HAPPENING` read as its group."""
    return frozenset(_CANONICAL.get(w, w) for w in words)
