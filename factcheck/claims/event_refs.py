"""What a description of an event stands for: "that trip", "the visit", "the final".

* an event by its class ("that trip", "this deal", "the quakes"): the event phrase the article
  named (:mod:`factcheck.claims.events`), in the anaphor's own noun where the phrase's is a
  common noun ("the summit" for "the COP28 talks": "the COP28 summit"); "this" picks the latest
  current event, "that" and "the" the latest one, "the" only when one phrase fits;
* a part of a named event ("the landing", "the final"): the one name of the article's events of
  a class that has the noun for a part of it ("the Apollo 11 landing", "the Women's World Cup
  final"), unless the sentence names another such event before the noun.
"""

from __future__ import annotations

from factcheck.claims.discourse import Discourse
from factcheck.claims.entities import Entity
from factcheck.claims.lexicon import EVENT_ASPECTS, EVENT_CLASSES


def is_event_part(noun: str) -> bool:
    """Whether ``noun`` is a part of some class of events (:data:`EVENT_ASPECTS`)."""
    return noun in _ASPECT_NOUNS


def event_named(discourse: Discourse, det: str, cls: str, head) -> tuple[str, str] | None:
    """(replacement, entity key) for "<det> <head>" naming an event of class ``cls``, or ``None``."""
    plural = head.tag_ in {"NNS", "NNPS"}
    events = [e for e in discourse.events if e.cls == cls and (e.plural == plural or cls == "meeting")]
    if det == "this":
        events = [e for e in events if not e.past]
    if not events or (det == "the" and len({e.phrase for e in events}) > 1):
        return None  # "the visit" after two visits: which one is not sure ("that" is the latest)
    phrase = _in_own_word(events[-1], head)
    discourse.entities.setdefault(phrase, Entity(phrase, "thing"))
    return phrase, phrase


#: Each noun of :data:`EVENT_ASPECTS`, with the classes of events it is a part of.
_ASPECT_NOUNS: dict[str, frozenset[str]] = {
    noun: frozenset(c for c, nouns in EVENT_ASPECTS.items() if noun in nouns)
    for noun in set().union(*EVENT_ASPECTS.values())
}


def aspect_word(head) -> bool:
    """Whether ``head`` is an adjective the tagger gave a noun's place ("scored twice in the final"), a part of an event."""
    return head.pos_ == "ADJ" and head.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and head.lower_ in _ASPECT_NOUNS


def event_part(discourse: Discourse, head) -> tuple[str, str] | None:
    """ "the landing" → "the Apollo 11 landing": the one name of the article's events of a class
    that has the noun for a part of it (:data:`EVENT_ASPECTS`); none when the sentence itself
    names another event of such a class before the noun ("won the European Championship,
    beating Germany in the final")."""
    classes = _ASPECT_NOUNS.get(head.lower_, frozenset())
    names = {e.name for e in discourse.events if e.name and e.cls in classes}
    if len(names) != 1:
        return None
    here = [t for t in head.sent if t.i < head.i and t.tag_ == "NNP" and EVENT_CLASSES.get(t.lower_) in classes]
    if any(_name_ends(t) not in names for t in here):
        return None
    phrase = f"the {names.pop()} {head.lower_}"
    discourse.entities.setdefault(phrase, Entity(phrase, "thing"))
    return phrase, phrase


def _name_ends(tok) -> str:
    """The title that the proper noun ``tok`` ends ("Championship" → "European Championship")."""
    words = [t for t in tok.lefts if t.dep_ in {"compound", "poss", "case"} or t.tag_ == "NNP"]
    first = min((t.i for w in words for t in w.subtree), default=tok.i)
    first += tok.doc[first].lower_ == "the"
    return tok.doc[first : tok.i + 1].text


def _in_own_word(event, head) -> str:
    """The event phrase in the anaphor's noun where the phrase's noun is a common noun ("the summit"
    for "the COP28 talks" reads "the COP28 summit", "the deal" for "the agreement to ..." "the deal
    to ..."); a name ("the Paris Agreement") and a phrase with an owner ("Microsoft's takeover of
    Activision") keep their noun."""
    words = event.phrase.split()
    if not event.noun or head.tag_ != "NN" or event.noun not in words or event.noun == head.lower_:
        return event.phrase
    at = words.index(event.noun)
    return " ".join([*words[:at], head.lower_, *words[at + 1 :]])


__all__ = ["aspect_word", "event_named", "event_part", "is_event_part"]
