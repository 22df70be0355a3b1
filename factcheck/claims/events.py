"""The events a sentence names, so that "that trip" or "the quakes" can say which one.

* a possessor and an event noun: "Putin's last visit to Pyongyang (was in 2000)" → "Vladimir
  Putin's 2000 visit to Pyongyang"; "NASA's Apollo 11 mission"; "its $69 billion takeover of
  Activision Blizzard" with "its" resolved;
* an event noun with words that say which one: "the earthquakes that struck Turkey and Syria",
  "the COP28 talks" (times and dates are left out: the anaphor's own sentence dates it);
* a named event (spaCy ``EVENT``, or a title ending in an event noun that it read as an
  organisation): "the World Cup", "the Women's World Cup".

An event is *past* when its words say so ("last", "previous", "first") or its year is before the
article's; "this visit" refers to the latest event that is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from factcheck.claims.lexicon import EVENT_CLASSES, PAST_EVENT_WORDS, VERB_EVENTS

_RE_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_EVALUATIVE = frozenset({"landmark", "historic", "recent"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Event:
    cls: str  # an EVENT_CLASSES value
    phrase: str  # "Vladimir Putin's 2000 visit to Pyongyang"
    past: bool
    sentence: int
    plural: bool = False
    #: The common noun of the phrase that an anaphor's own noun may stand in for ("the COP28
    #: talks" read for "the summit" is "the COP28 summit"); empty where it may not (a name, an owner).
    noun: str = ""
    #: The name the event noun is qualified by ("Apollo 11" in "NASA's Apollo 11 mission", "COP28"
    #: in "the COP28 talks", "World Cup"), which "the landing" or "the text" may borrow.
    name: str = ""


def _name_before(noun) -> str:
    """The run of proper nouns and numbers right before ``noun`` ("Apollo 11", "COP28")."""
    run = []
    for t in reversed(list(noun.doc[noun.sent.start : noun.i])):
        if t.pos_ not in {"PROPN", "NUM"} or t.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
            break
        run.append(t.text)
    return " ".join(reversed(run)) if any(w[:1].isupper() for w in run) else ""


def _event_year(noun) -> str | None:
    """The year an event noun is dated by in its clause ("visit ... was in 2000")."""
    head = noun.head if noun.dep_ in _SUBJECTS else noun
    for t in head.subtree:
        if t.ent_type_ == "DATE" and _RE_YEAR.fullmatch(t.text):
            return t.text
    return None


def _owned(tok, poss, owner: str, published: date | None, index: int) -> Event:
    end = max(t.i for t in poss.subtree)
    mods = [t for t in tok.doc[end + 1 : tok.i] if not t.is_punct]
    past = any(t.lower_ in PAST_EVENT_WORDS for t in mods)
    mods = [t for t in mods if t.lower_ not in PAST_EVENT_WORDS | _EVALUATIVE]
    year = _event_year(tok)
    words = ([year] if year and not any(t.text == year for t in mods) else []) + [t.text for t in mods]
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"to", "of", "in"}), None)
    where = " ".join(t.text for t in prep.subtree) if prep is not None and len(list(prep.subtree)) <= 6 else ""
    phrase = " ".join([f"{owner}'s", *words, tok.text, where]).strip()
    if year and published and int(year) < published.year:
        past = True
    cls = EVENT_CLASSES[tok.lemma_.lower()]
    return Event(cls, re.sub(r"\s+", " ", phrase), past, index, tok.tag_ == "NNS", name=_name_before(tok))


def _identified(tok, index: int) -> Event | None:
    """ "the earthquakes that struck Turkey and Syria (on Monday)", "the COP28 talks"."""
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in {"the", "a", "an"}:
        return None
    lefts = [t for t in tok.lefts if t.i > det.i]
    named_left = any(t.pos_ == "PROPN" for t in lefts)
    relcl = next((c for c in tok.rights if c.dep_ in {"relcl", "acl"}), None)
    if relcl is None and (not named_left or det.lower_ != "the"):
        return None  # "the first time a UN climate summit has named ...": any summit
    if any(t.lower_ in PAST_EVENT_WORDS or t.pos_ == "NUM" for t in lefts):
        return None  # "the first quake", "two earthquakes": not one identified event
    words = [t for t in tok.subtree if t.i >= det.i and (relcl is None or t.i <= max(x.i for x in relcl.subtree))]
    cut = next((k for k, t in enumerate(words) if k and (t.ent_type_ in _TIME_ENTS or t.is_punct)), len(words))
    if cut and words[cut - 1].dep_ == "prep":
        cut -= 1  # "... struck Turkey and Syria on Monday": the date goes, and its "on"
    if cut > 12 or cut < 3:
        return None  # too long to repeat, or only "the acquisition" (its clause set off by a comma)
    phrase = " ".join(["the", *(t.text for t in words[1:cut])])
    noun = tok.text if tok.text.islower() else ""
    return Event(EVENT_CLASSES[tok.lemma_.lower()], phrase, False, index, tok.tag_ == "NNS", noun, _name_before(tok))


def _done(verb, index: int) -> Event | None:
    """The event a verb reports, named by its noun: "Iceland evacuated the town of Grindavik" →
    "the evacuation of the town of Grindavik"; "200 countries agreed to transition away from
    fossil fuels" → "the agreement to transition away from fossil fuels"."""
    noun = VERB_EVENTS.get(verb.lemma_.lower())
    if noun is None or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "xcomp"}), None)
    if obj is None or (obj.dep_ == "xcomp" and not any(c.lower_ == "to" for c in obj.children)):
        return None
    words = list(obj.subtree)
    cut = next((k for k, t in enumerate(words) if k and (t.ent_type_ in _TIME_ENTS or t.is_punct)), len(words))
    if cut and words[cut - 1].dep_ in {"prep", "cc"}:
        cut -= 1
    if not 1 <= cut <= 8:
        return None
    link = "to" if obj.dep_ == "xcomp" else "of"
    body = " ".join(t.text for t in words[:cut] if not (link == "to" and t.i == words[0].i and t.lower_ == "to"))
    return Event(EVENT_CLASSES[noun], f"the {noun} {link} {body}", False, index, False, noun)


def _quoted(sent) -> set[int]:
    """Indices of the tokens inside quotation marks that open and close in the sentence (a quote
    left open runs on into the next sentence, where nothing says what it holds)."""
    marks = [t.i for t in sent if t.text in {'"', "“", "”"}]
    if len(marks) % 2:
        return set()
    return {i for a, b in zip(marks[::2], marks[1::2], strict=True) for i in range(a + 1, b)}


def _titled(tok, index: int) -> Event | None:
    """ "the Treaty on Comprehensive Strategic Partnership": an event noun that opens a title the
    recogniser did not tag."""
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or det.i != tok.i - 1:
        return None
    words = [t for t in tok.subtree if t.i >= tok.i]
    cut = next((k for k, t in enumerate(words) if t.is_punct or t.ent_type_ in _TIME_ENTS), len(words))
    title = words[:cut]
    if not 2 <= len(title) <= 8 or not title[-1].text[:1].isupper():
        return None
    phrase = "the " + " ".join(t.text for t in title)
    return Event(EVENT_CLASSES[tok.lower_], phrase, False, index, name=phrase.removeprefix("the "))


def events_of(
    sent, offset: int, owners: dict[int, str], canonical: Callable[[str], str], published: date | None, index: int
) -> list[Event]:
    """The events the spaCy sentence ``sent`` names; ``owners``: resolved possessive pronouns by
    sentence offset ("its" → "Microsoft"); ``canonical``: the full name of a person."""
    out = []
    quoted = _quoted(sent)
    for tok in sent:
        if tok.i in quoted:
            continue  # "the strongest treaty" in a quotation names no event of its own
        if tok.pos_ == "VERB":
            event = _done(tok, index)
            if event is not None:
                out.append(event)
            continue
        if tok.pos_ == "PROPN" and tok.lower_ in EVENT_CLASSES:
            event = _titled(tok, index)
            if event is not None:
                out.append(event)
            continue
        if tok.lemma_.lower() not in EVENT_CLASSES or tok.pos_ != "NOUN":
            continue
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            event = _identified(tok, index)
            if event is not None:
                out.append(event)
            continue
        owner = owners.get(poss.idx - offset)
        if owner is None:
            ent = next((e for e in sent.ents if e.start <= poss.i < e.end), None)
            if ent is None or ent.label_ not in {"PERSON", "ORG", "GPE", "NORP"}:
                continue
            owner = canonical(ent.text.removesuffix("'s").removesuffix("’s").strip())
        out.append(_owned(tok, poss, owner, published, index))
    for ent in sent.ents:
        if any(t.i in quoted for t in ent):
            continue
        cls = EVENT_CLASSES.get(ent.text.split()[-1].lower()) if _named_event(ent) else None
        if cls is not None:
            phrase = ent.text if ent.text.lower().startswith("the ") else "the " + ent.text
            out.append(Event(cls, phrase, False, index, name=phrase.removeprefix("the ").removeprefix("The ")))
    return out


def _named_event(ent) -> bool:
    """Whether the entity ``ent`` names an event: tagged so, or a title ending in an event noun
    that the recogniser read as an organisation ("the Women's World Cup", "the Chicago Marathon")."""
    if ent.label_ == "EVENT":
        return True
    return ent.label_ in {"ORG", "FAC", "WORK_OF_ART"} and ent[-1].tag_ == "NNP" and ent[-1].text[:1].isupper()


__all__ = ["Event", "events_of"]
