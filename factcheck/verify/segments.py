"""Which figure of a sentence belongs to which step of the story or to which party.

A sentence often gives several figures of one kind, each in its own segment (between commas,
semicolons and conjunctions): "Construction began on 25 April 1859, and the canal was opened on
17 November 1869"; "England voted Leave by 53.4 per cent ..., whereas Scotland backed Remain by
62.0 per cent".  A claim's figure is compared with the figure of its own segment only: the one
that shares the claim's words of what happened (:func:`clause_date`, for dates) or the one next
to the claim's party (:func:`party_figure`, for other figures); the other figures of the sentence
neither vouch for it nor contradict it.  Also here: which words of a window stand only in names
(:func:`window_names`), and whether a word belongs to another named thing (:func:`anothers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.config import VerifyRules
from factcheck.lexical import content_set
from factcheck.quantities import Agreement, compare, is_previous_event
from factcheck.types import Quantity
from factcheck.verify.events import GENERIC, same_event
from factcheck.verify.views import ClaimView, WindowView

#: Words that mark a date as that of an earlier occurrence ("last visited in 2000", "the first since 2000").
PREVIOUS_CUE = re.compile(r"\b(?:last|previous(?:ly)?|prior|earlier|since|only other|preceding|before that)\b", re.I)


@dataclass(frozen=True, slots=True)
class Comparison:
    claim_index: int  # position in the claim view's quantities
    agreement: Agreement
    evidence_quantity: Quantity  # in document offsets
    alignment: float  # coverage of the claim's words by the evidence (sentence or window)
    strict: bool = True  # False: a loose alignment, which may only confirm


#: Where a sentence's clauses and phrases part: each date belongs to the words of its own segment
#: ("construction began on 25 April 1859 | the canal was opened to shipping on 17 November 1869").
_SEGMENT_BREAK = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|when|before|after|until|then)\s", re.I)


def _segments(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the segments of ``sentence`` between the breaks of :data:`_SEGMENT_BREAK`."""
    cuts = [0, *(x for m in _SEGMENT_BREAK.finditer(sentence) for x in (m.start(), m.end())), len(sentence)]
    return [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts) - 1, 2)]


_WORDS = re.compile(r"[\w'’-]+")
#: Words of a date itself ("early", "late", "mid", month names), which say no step.
_DATE_WORDS = content_set(
    "early late mid middle "
    + " ".join("january february march april may june july august september october november december".split())
)
_CAPITALISED = re.compile(r"(?<=\S\s)[A-Z][\w'’-]*")
_NAME_WORD = re.compile(r"\b[A-Z][\w'’-]+")


def anothers(text: str, word: str, claim_names: frozenset[str]) -> bool:
    """Whether every ``word`` of ``text`` belongs to another named thing ("the Chernobyl plant" is
    not the claim's "Fukushima Daiichi plant"): a capitalised word that is none of the claim's
    names stands right before it."""
    seen = False
    for m in _WORDS.finditer(text):
        if content_set(m.group()) != {word}:
            continue
        before = re.search(r"([\w'’-]+) $", text[max(0, m.start() - 40) : m.start()])  # right before, no comma
        name = before.group(1) if before else ""
        if not (name[:1].isupper() and not content_set(name) <= claim_names):
            return False
        seen = True
    return seen


@cache
def window_names(text: str) -> frozenset[str]:
    """Words a window writes only in names ("the Fukushima Daiichi Nuclear Power Plant"): they say
    what a thing is called, not what happened ("residents within 20 km of the plant")."""
    return content_set(" ".join(_CAPITALISED.findall(text))) - lower_words(text)


@cache
def lower_words(text: str) -> frozenset[str]:
    return content_set(" ".join(w for w in _WORDS.findall(text) if w[:1].islower()))


def _steps(sentence: str, date_starts: list[int]) -> list[tuple[int, int]]:
    """The segments of ``sentence``, a segment that is only a date ("and early 1970s") joined to
    the one before it: a date range or list dates one step."""
    out: list[tuple[int, int]] = []
    for start, end in _segments(sentence):
        text = sentence[start:end]
        if out and any(start <= d < end for d in date_starts) and not _step_words(text) - _DATE_WORDS:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _step_words(text: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a segment but ``names`` and its own names (capitalised words not opening
    it: "the Telluride Film Festival" says nothing about filming) and its digits."""
    names = names | content_set(" ".join(_CAPITALISED.findall(text)))
    return frozenset(w for w in content_set(text) - names - GENERIC if not any(c.isdigit() for c in w))


def clause_date(cv: ClaimView, wv: WindowView, k: int) -> tuple[int, int] | None:
    """(claim date index, window quantity index) when sentence ``k`` dates several steps of a story
    and one step is the claim's: the claim gives one date, the sentence dates two or more segments
    (a date after "since" or "last" dates no step), and exactly one segment shares the most of the
    claim's words of what happened ("the canal opened in 1859" against "began on 25 April 1859,
    and the canal was opened on 17 November 1869": 1869 is the opening's date, 1859 another
    step's)."""
    dates = [i for i, q in enumerate(cv.quantities) if q.kind == "date"]
    if len(dates) != 1 or any(is_previous_event(q) for q in cv.quantities):
        return None
    holder = wv.sentences[k]
    sentence = holder.of(wv.norm.text)
    names = content_set(" ".join(_CAPITALISED.findall(sentence)))  # the sentence's names, wherever they stand
    words = _step_words(cv.text, names | cv.names) - _DATE_WORDS
    found = []  # (shared words, window quantity index) per dated segment
    for start, end in _steps(sentence, [q.span.start - holder.start for q in wv.quantities if q.kind == "date"]):
        inside = [j for j, q in enumerate(wv.quantities) if q.kind == "date" and q.value is not None
                  and start <= q.span.start - holder.start < end]  # fmt: skip
        if len(inside) == 1 and not PREVIOUS_CUE.search(
            sentence[start : wv.quantities[inside[0]].span.start - holder.start]
        ):
            found.append((len(words & _step_words(sentence[start:end], names)), inside[0]))
    if len(found) < 2 or len({str(wv.quantities[j].value) for _, j in found}) < 2:
        return None
    found.sort(reverse=True)
    if found[0][0] == 0 or found[0][0] == found[1][0]:
        return None
    return dates[0], found[0][1]


#: Kinds of figure a sentence lists party by party ("England ... 53.4 per cent, Scotland ... 62.0 per cent").
LISTED = frozenset({"percent", "count", "money", "measure"})


def party_figure(cv: ClaimView, wv: WindowView, k: int) -> tuple[int, int] | None:
    """(claim figure index, window quantity index) when sentence ``k`` lists one kind of figure
    party by party, a segment each, and exactly one segment names a party of the claim: the claim
    gives one figure of that kind ("In Scotland, 68 percent voted to stay" against "England voted
    Leave by 53.4 per cent and Wales by 52.5 per cent, whereas Scotland backed Remain by 62.0 per
    cent": 62.0 is Scotland's, 53.4 England's)."""
    if not cv.names:
        return None
    holder = wv.sentences[k]
    sentence = holder.of(wv.norm.text)
    for kind in LISTED:
        mine = [i for i, q in enumerate(cv.quantities) if q.kind == kind and q.value is not None]
        if len(mine) != 1:
            continue
        listed = []  # (segment names, window quantity index)
        for start, end in _segments(sentence):
            inside = [j for j, q in enumerate(wv.quantities) if q.kind == kind and q.value is not None
                      and start <= q.span.start - holder.start < end]  # fmt: skip
            names = content_set(" ".join(_NAME_WORD.findall(sentence[start:end])))
            if len(inside) == 1 and names:
                listed.append((names, inside[0]))
        if len(listed) < 2 or not _parallel(kind, [wv.quantities[j] for _, j in listed], wv.norm.text):
            continue
        hits = [j for names, j in listed if names & cv.names]
        if len(hits) == 1:
            return mine[0], hits[0]
    return None


def _parallel(kind: str, figures: list[Quantity], text: str) -> bool:
    """Whether listed figures say the same thing of each party: shares always do; other figures
    when the same word follows each ("$420 a share" and "a $20 million penalty" do not)."""
    if kind == "percent":
        return True
    after = {tuple(_WORDS.findall(text[q.span.end : q.span.end + 25].lower())[:1]) for q in figures}
    return len(after) == 1 and after != {()}


def by_party(cv: ClaimView, wv: WindowView, out: list[Comparison]) -> list[Comparison]:
    """Figures compared party by party (:func:`party_figure`): the claim's figure strictly with its
    party's figure only, and no other figure of that sentence answers it."""
    return _own_answers(cv, wv, party_figure, out, None)[0]


def by_clause(
    cv: ClaimView, wv: WindowView, out: list[Comparison], spare: list, rules: VerifyRules
) -> tuple[list[Comparison], list]:
    """Dates compared by the step they date (:func:`clause_date`): the claim's date is compared
    strictly with its own step's date only, and no other date of that sentence answers it; only in
    a window about the claim's event (:func:`factcheck.verify.events.same_event`)."""
    if not same_event(cv, wv, rules):
        return out, spare
    return _own_answers(cv, wv, clause_date, out, spare)


def _own_answers(cv: ClaimView, wv: WindowView, find, out: list[Comparison], spare: list | None):
    """For each sentence where ``find(cv, wv, k)`` gives (claim figure, window figure), that
    comparison in place of every other of the claim figure in the sentence (and of its loose ones
    in ``spare``, when given)."""
    for k in range(len(wv.sentences)):
        hit = find(cv, wv, k)
        if hit is None:
            continue
        i, j = hit
        agreement = compare(cv.quantities[i], wv.quantities[j])
        if agreement == "incomparable":
            continue
        holder = wv.sentences[k]

        def elsewhere(c: Comparison, i=i, holder=holder) -> bool:
            return c.claim_index != i or not holder.start <= norm_start(wv, c.evidence_quantity) < holder.end

        out = [c for c in out if elsewhere(c)] + [Comparison(i, agreement, wv.anchored[j], 1.0)]
        if spare is not None:
            spare = [entry for entry in spare if elsewhere(entry[2])]
    return out, spare


def norm_start(wv: WindowView, anchored: Quantity) -> int:
    """Where an anchored (document-offset) figure of the window starts in its normalised text."""
    j = next(j for j, q in enumerate(wv.anchored) if q.span == anchored.span)
    return wv.quantities[j].span.start
