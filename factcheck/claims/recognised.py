"""What a name the entity recogniser found is, whatever label it gave: a person ("Usain Bolt of
Jamaica", "Its chairman, Carl-Henric Svanberg"), a country ("Britain", not "the Kremlin"), a thing
("Activision, which makes ..."), a place ("the town of Grindavik").  Read by
:class:`~factcheck.claims.discourse.Discourse` as it takes note of each sentence."""

from __future__ import annotations

from typing import Protocol

from factcheck.claims.entities import PLACE_WORDS, clean_name
from factcheck.claims.lexicon import (
    CALENDAR_WORDS,
    COUNTRY_NOUNS,
    FEMALE_NAMES,
    MALE_NAMES,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
)
from factcheck.gazetteer import countries, country_of


class _KnowsFullNames(Protocol):
    def full_name(self, name: str) -> str | None: ...


_SEATS = frozenset({"kremlin", "whitehall", "elysee", "élysée", "quirinale", "zhongnanhai"})


def _country_name(key: str) -> bool:
    """Whether ``key`` names a country ("Britain", "the UK"), not its capital or seat of government."""
    country = country_of(key)
    if country is None:
        return False
    if key == country:
        return True
    known = countries().get(country)
    words = {w.lower() for w in key.split()}
    return bool(known) and key in known.others and not words & (PLACE_WORDS | _SEATS)


#: Words before a name that are not part of it ("Mr Sunak", "Prime Minister Narendra Modi").
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof professor saint st pope rev".split())


def _given_name_left_out(tok, ent) -> bool:
    """Whether ``tok``, right before a one-word person name, is the given name the recogniser
    left out of it: a capitalised proper noun in compound with the name, no title or honorific."""
    if tok is None or len(ent) != 1 or tok.dep_ != "compound" or tok.head.i != ent.root.i:
        return False
    word = tok.text
    low = word.lower().rstrip(".")
    return (
        tok.pos_ == "PROPN" and word[:1].isupper() and word.isalpha() and not tok.ent_type_
        and low not in PERSON_NOUNS and low not in _HONORIFICS and low not in CALENDAR_WORDS
    )  # fmt: skip


def _paired_with_person(ent, text: str) -> bool:
    """Whether a two- or three-word name is coordinated with a person's name ("Toyoaki Nakamura
    and Asahi Noguchi"): one of them too, whatever the recogniser took it for."""
    if not 2 <= len(text.split()) <= 3 or _country_name(text):
        return False
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)


def _person_of_country(ent, text: str) -> bool:
    """Whether a two- or three-word name the gazetteer does not know, the subject of its clause,
    is followed by "of" and a country ("Usain Bolt of Jamaica won the 100 metres"): a competitor
    or an official from that country, whatever the recogniser took the name for; not "the Bank of
    Jamaica" (an organisation's noun), nor "New South Wales of Australia" (a place's word)."""
    words = text.split()
    if not 2 <= len(words) <= 3 or country_of(text) is not None or not all(w[:1].isupper() for w in words):
        return False
    if any(w.lower() in ORG_NOUNS | PLACE_WORDS | PLACE_NOUNS | COUNTRY_NOUNS for w in words):
        return False
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of" or ent.root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    after = doc[ent.end + 1]
    country = next((e for e in doc.ents if e.start == after.i), None)
    return country is not None and _country_name(clean_name(country.text))


def _which(tok) -> bool:
    """Whether a relative clause says the noun is a thing: "Activision, which makes ..." """
    return any(c.dep_ == "relcl" and any(w.lower_ == "which" for w in c.children) for c in tok.children)


def _missed_name(tok) -> bool:
    """A proper noun the recogniser took for a nationality that no country has ("Pragyan")."""
    return tok.ent_type_ == "NORP" and tok.tag_ == "NNP" and country_of(tok.text) is None


def _place_noun_before(ent) -> str | None:
    """ "town" in "the town of Grindavik"."""
    if ent.start - 2 < ent.sent.start:
        return None
    noun, of = ent.doc[ent.start - 2], ent.doc[ent.start - 1]
    return noun.lower_ if of.lower_ == "of" and noun.lower_ in PLACE_NOUNS else None


def looks_like_person(text: str, discourse: _KnowsFullNames) -> bool:
    """Whether a name the recogniser tagged otherwise is a person's: a given name and a capitalised
    last word ("Novak Djokovic"), or the surname of a person named before."""
    words = text.split()
    if len(words) >= 2 and words[0].lower() in MALE_NAMES | FEMALE_NAMES and words[-1][:1].isupper():
        return True
    return len(words) == 1 and discourse.full_name(text) is not None


def _predicate_object(tok) -> bool:
    """ "was named the best goalkeeper": what the subject was made, not another person."""
    head = tok.head
    return (
        tok.dep_ == "dobj"
        and head.lemma_ in {"name", "elect", "vote", "appoint", "crown", "declare"}
        and any(c.dep_ == "auxpass" for c in head.children)
    )


def _set_off_person(ent, text: str) -> bool:
    """A name set off after a person's office ("Its chairman, Carl-Henric Svanberg, ...")."""
    words = text.split()
    return (
        ent.root.dep_ == "appos"
        and ent.root.head.lemma_.lower() in PERSON_NOUNS
        and len(words) >= 2
        and all(w[:1].isupper() for w in words)
    )


def _given_gender(name: str) -> str | None:
    first = name.split()[0].lower()
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None
