"""Who said it: a quotation the claim gives to one person and the evidence to another.

A claim that quotes someone ("Willie Walsh called it "a European embarrassment and a European
mess"") can be wrong about the speaker alone, and the NLI model reads past it: the words match, so
it entails.  A *speaker swap* is a clause of an evidence window (a sentence, or a part of one
between semicolons) that gives the quotation, names another person, and does not mention the
claim's speaker.  A clause gives the quotation when it holds
``min_quote_coverage_for_speaker_swap`` of its content words, in quote marks of its own ("called
out "Touchdown confirmed""), or, for a quotation of at least ``min_quote_words_for_speaker_swap``
content words, anywhere: "Its director general, Giovanni Bisignani, ... called the episode
a European embarrassment and a European mess".  The quotation is as precise as a figure, so such a
window may refute from the relevance that lets a figure conflict refute.

The speaker is a person the entity tagger found in the claim outside the quotation; the other
person one it found in the window's clause, sharing no word with the claim.  A clause that names
the claim's speaker anywhere ("X repeated Walsh's words") is no swap, and neither is one that
names no person ("the agency said", "he said"): it may be the same speaker under a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.config import VerifyRules
from factcheck.lexical import content_set, coverage
from factcheck.types import Span
from factcheck.verify.names import NameConflict
from factcheck.verify.views import ClaimView, Name, WindowView

#: A quotation of a few words or more, in straight or curly double quotes.
_QUOTED = re.compile(r"[\"“”]([^\"“”]{6,})[\"“”]")


def quotations(text: str) -> list[Span]:
    """Spans (inside the quote marks) of the quotations of ``text``."""
    return [Span(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)]


def _outside(name: Name, text: str, quoted: list[Span]) -> bool:
    """Whether ``name`` is written in ``text`` somewhere outside the quotations."""
    start = text.find(name.text)
    while start >= 0:
        if not any(q.start <= start < q.end for q in quoted):
            return True
        start = text.find(name.text, start + 1)
    return False


def _clauses(wv: WindowView) -> Iterator[tuple[str, frozenset[str]]]:
    """The window's sentences, cut at semicolons, with their content words."""
    for sentence, tokens in zip(wv.sentences, wv.sentence_tokens, strict=True):
        said = sentence.of(wv.norm.text)
        if ";" not in said:
            yield said, tokens
            continue
        for part in said.split(";"):
            if part.strip():
                yield part, content_set(part)


def _gives(words: frozenset[str], clause: str, tokens: frozenset[str], rules: VerifyRules) -> bool:
    """Whether a clause gives the quotation of content words ``words`` (module docstring)."""
    need = rules.min_quote_coverage_for_speaker_swap
    if len(words) >= rules.min_quote_words_for_speaker_swap and coverage(words, tokens) >= need:
        return True
    return any(coverage(words, content_set(q.of(clause))) >= need for q in quotations(clause))


def speaker_swap(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> NameConflict | None:
    """The claim's speaker and the other person a clause of the window gives its quotation to, or ``None``."""
    quoted = quotations(cv.text)
    if not quoted:
        return None
    speakers = [n for n in cv.entities if n.group == "person" and _outside(n, cv.text, quoted)]
    if not speakers:
        return None
    people = [n for n in wv.entities if n.group == "person" and not n.tokens & cv.tokens]
    if not people:
        return None
    for q in quoted:
        words = content_set(q.of(cv.text))
        if len(words) < 2:
            continue
        for clause, tokens in _clauses(wv):
            if not _gives(words, clause, tokens, rules):
                continue
            if any(s.tokens & tokens for s in speakers):
                continue  # the claim's speaker is in the clause: same speaker, or quoted by another
            other = next((p for p in people if p.text in clause), None)
            if other is not None:
                return NameConflict(speakers[0], other, kind="speaker")
    return None
