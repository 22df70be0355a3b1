"""Who took over from whom: a successor or predecessor that a window gives as another person.

News reports changes at the top ("Agrawal took over from Jack Dorsey", "Georgelin ... was
replaced by his deputy, Philippe Jost"), and a wrong name in one of the two places reads, to the
NLI model, much like the right one.  Both the claim and each window sentence are read for
*successions*: a name, a verb of succession ("succeeded", "replaced", "took over from", "was
succeeded by", "was replaced by") and a name after it, with at most a few lower-case words
between the verb and the second name ("the co-founder", "his deputy,").  When the claim and a
window sentence agree on one side of a succession and name two different people on the other,
the window puts another person in the claim's place: a name conflict, which refutes only where the
window reports the claim's event (:func:`~factcheck.verify.events.same_event`, the swapped name
left out).  Only a succession between two people the claim's tagger names as people is read, and
two successions in different posts ("as chief executive" against "as chairman"), or where one
side names a post the other text never mentions, are not compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lexical import content_set
from factcheck.verify.names import NameConflict, names_in, post_after
from factcheck.verify.views import ClaimView, Name, WindowView

#: Verbs of succession: the name before is the successor (active) or the predecessor (passive).
_ACTIVE = re.compile(
    r"\b(?:(?:had|has|have|having) )?(?:succeeded|succeeds|succeeding|replaced|replaces|replacing|"
    r"took over from|takes over from|taken over from|taking over from)\b"
)
_PASSIVE = re.compile(r"\b(?:was|were|is|has been|had been|will be) (?:succeeded|replaced) by\b")
#: Words that may stand between the verb and the second name ("the co-founder", "his deputy,").
_BETWEEN = re.compile(r"^[\s,]*(?:(?:the|a|an|his|her|its|their|[a-z][\w-]*)[\s,]+){0,4}$")
#: What may stand between the first name and the verb ("Villeneuve, who", "Agrawal, 38,").
_BEFORE = re.compile(r"^[\s,]*(?:who|which|,|\d+|[a-z]+ly|also|then|later|eventually|in \d{4})*[\s,]*$")


@dataclass(frozen=True, slots=True)
class Succession:
    successor: str
    predecessor: str
    post: frozenset[str]  # content words of "as <post>" after the second name, up to a preposition


_OPENING = re.compile(r"^[A-Z][\w'-]+(?: [A-Z][\w'-]+)*")


@lru_cache(maxsize=4096)
def successions(text: str, people: frozenset[str] = frozenset()) -> tuple[Succession, ...]:
    """The successions ``text`` states (module docstring).  The first side is the name just before
    the verb, or else the person who opens the sentence (``people``: content words of the text's
    person names): "Georgelin died ... in the Pyrenees and was replaced by his deputy, Philippe Jost".
    Kept per text: a window's sentences are read for every claim that retrieved it."""
    names = names_in(text)
    opening = _OPENING.match(text)
    subject = None
    if opening and content_set(opening.group()) and content_set(opening.group()) <= people:
        subject = (0, opening.end(), opening.group())
    out = []
    passive = [m.span() for m in _PASSIVE.finditer(text)]
    for pattern, active in ((_ACTIVE, True), (_PASSIVE, False)):
        for m in pattern.finditer(text):
            if active and any(a <= m.start() < b for a, b in passive):
                continue  # the verb of "was replaced by"
            first = next(
                (n for n in reversed(names) if n[1] <= m.start() and _BEFORE.match(text[n[1] : m.start()])), subject
            )
            second = next((n for n in names if n[0] >= m.end() and _BETWEEN.match(text[m.end() : n[0]])), None)
            if first is None or second is None:
                continue
            successor, predecessor = (first[2], second[2]) if active else (second[2], first[2])
            out.append(Succession(successor, predecessor, post_after(text, second[1])))
    return tuple(out)


def _same(a: str, b: str) -> bool:
    """Whether two names are one person's: the same surname ("Agrawal", "Parag Agrawal"), not
    only the same first name ("Philippe Villeneuve", "Philippe Jost")."""
    return a.split()[-1].lower() == b.split()[-1].lower()


def succession_swap(cv: ClaimView, wv: WindowView) -> NameConflict | None:
    """The person a sentence of the window puts on the other side of a succession the claim states."""
    mine = _people(cv.entities)
    # people only: "The euro replaced the Deutsche Mark", "Apple replaced Intel's chips" are no successions
    claimed = [c for c in successions(cv.text, mine) if content_set(c.successor) | content_set(c.predecessor) <= mine]
    if not claimed:
        return None
    people = _people(wv.entities)
    for sentence in wv.sentences:
        for told in successions(sentence.of(wv.norm.text), people):
            for c in claimed:
                if not _same_post(c, told, cv, wv):
                    continue
                if _same(c.successor, told.successor) and not _same(c.predecessor, told.predecessor):
                    return _conflict(cv, c.predecessor, told.predecessor)
                if _same(c.predecessor, told.predecessor) and not _same(c.successor, told.successor):
                    return _conflict(cv, c.successor, told.successor)
    return None


def _same_post(claimed: Succession, told: Succession, cv: ClaimView, wv: WindowView) -> bool:
    """Whether two successions may be in one post: both give it and share a word of it; one gives
    it and the other side's text uses its words ("as head of the public body" against a window
    that named him "to head the public body"); or neither gives one.  "Sunak replaced Truss" is
    no answer to "Sunak replaced Javid as chancellor"."""
    if claimed.post and told.post:
        return bool(claimed.post & told.post)
    if claimed.post:
        return claimed.post <= wv.tokens
    if told.post:
        return told.post <= cv.tokens
    return True


def _people(entities) -> frozenset[str]:
    return frozenset().union(*(n.tokens for n in entities if n.group == "person")) if entities else frozenset()


def _conflict(cv: ClaimView, mine: str, theirs: str) -> NameConflict:
    """The conflict, with the claim's own name for ``mine`` where its tagger found it (the event
    test leaves exactly that party out)."""
    claimed = next((n for n in cv.entities if _same(n.text, mine)), None) or Name(mine, "person", content_set(mine))
    return NameConflict(claimed, Name(theirs, "person", content_set(theirs)))


__all__ = ["Succession", "succession_swap", "successions"]
