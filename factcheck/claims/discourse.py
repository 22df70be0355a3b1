"""What the article has said so far: the people, organisations, places, groups and events it
named, sentence by sentence, with what each mention tells about them.

:class:`Discourse` reads each sentence after the resolver has resolved it
(:mod:`factcheck.claims.resolve`), so "He ..." resolved to Vladimir Putin counts as a mention of
Vladimir Putin (as the subject, when it is one) for the sentences that follow.  For every entity
it keeps its full name, kind, gender when a name, an honorific, a gendered noun or an earlier
resolved pronoun says it, nationality ("Russian President ..."), the nouns that describe it
("president", "leader", "bank", "town") and its mentions; for every sentence, which entities it
mentions and in which role (main-clause subject, embedded subject, other).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from factcheck.claims.entities import (
    _SUBJECTS,
    Entity,
    EntityTable,
    Mention,
    clean_name,
    fits,
    is_dateline,
    is_person_name,
    join_names,
    named,
    role_of,
)
from factcheck.claims.events import Event, events_of
from factcheck.claims.lexicon import (
    CALENDAR_WORDS,
    COUNTRY_NOUNS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    MALE_NAMES,
    MALE_WORDS,
    MEASURE_PLURALS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
)
from factcheck.claims.recognised import (
    _country_name,
    _given_gender,
    _given_name_left_out,
    _missed_name,
    _paired_with_person,
    _person_of_country,
    _place_noun_before,
    _predicate_object,
    _set_off_person,
    _which,
    looks_like_person,
)
from factcheck.claims.things import things_of
from factcheck.gazetteer import country_of

_RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_RE_GIVEN_AGE = re.compile(
    r"(?P<name>\b[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*), (?:(?P<age>\d{1,3}),|an? (?P<age2>\d{1,3})-year-old\b)"
)
#: Where a proper noun the recogniser missed is taken as a mention: subjects and objects.
_NAME_DEPS = _SUBJECTS | {"dobj", "pobj"}


@dataclass
class Discourse:
    """The entities, events and years of the article up to the current sentence."""

    published: date | None = None
    entities: EntityTable = field(default_factory=EntityTable)
    history: list[list[Mention]] = field(default_factory=list)  # per sentence read
    events: list[Event] = field(default_factory=list)
    demonyms: Counter[str] = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)  # multi-word named places, in order
    things: dict[str, list[str]] = field(default_factory=dict)  # noun lemma -> introducing phrases
    last_year: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.entities, EntityTable):
            self.entities = EntityTable(self.entities)

    @property
    def index(self) -> int:
        """The index of the sentence about to be read."""
        return len(self.history)

    # -- lookups --------------------------------------------------------------------------
    def people(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == "person"]

    def full_name(self, name: str) -> str | None:
        """The one fuller person name containing ``name``'s words ("Kim" → "Kim Jong Un"); when
        several fit, the one named at least twice as often as any other, else ``None``."""
        words = name.lower().split()  # "Al-Jaber" opening a sentence is "Sultan al-Jaber"
        near = [self.entities[k] for k in self.entities.with_word(words[0])] if words else self.people()
        fuller = [
            e
            for e in near
            if e.kind == "person" and len(e.key.split()) > len(words) and all(w in e.key.lower().split() for w in words)
        ]
        if len(fuller) == 1:
            return fuller[0].key
        if len(fuller) > 1:
            ranked = sorted(fuller, key=lambda e: -e.count)
            if ranked[0].count >= 2 * ranked[1].count and ranked[0].count >= 3:
                return ranked[0].key
        return None

    def canonical(self, name: str) -> str:
        return self.full_name(name) or name

    def antecedent(
        self,
        gender: str,
        *,
        nationality: str | None = None,
        look_back: int = 3,
        owner: bool = False,
        exclude: frozenset[str] = frozenset(),
        agentive: bool = False,
    ) -> str | None:
        """The one entity of the nearest earlier sentence (up to ``look_back``) that a mention of
        ``gender`` ("m", "f", "n" for a thing, "pl", "p" for a person of either gender) can
        refer to: the only one that fits, or the only main-clause subject among them when no
        other is the subject of a clause.  ``nationality``: the predicate asks for it;
        ``owner``: a possessive ("its agencies"), which an organisation or a country fits better
        than an event or a thing, unless a thing is the subject ("The headset runs on ... Its
        screens": not sure); ``exclude``: what the mention cannot be ("Apple describes it": not
        Apple); ``agentive``: "it" is the subject of a verb of acting or speaking ("it said"), which
        an organisation or a country fits; otherwise a thing the sentence had for its object
        makes an organisation unsure ("Apple unveiled a headset. It costs ...")."""
        for back in range(1, min(look_back, len(self.history)) + 1):
            cands = [m for m in self.history[-back] if fits(self.entities.get(m.key), gender) and m.key not in exclude]
            if gender == "n":  # a common noun counts as its clause's subject; a name the recogniser missed always
                objects = [m for m in cands if m.key.startswith("np:") and m.role == "other"
                           and self.entities[m.key].kind == "thing" and not named(self.entities[m.key])]  # fmt: skip
                cands = [
                    m for m in cands if not m.key.startswith("np:") or m.role == "subj" or named(self.entities[m.key])
                ]
                if (
                    objects
                    and not agentive
                    and not owner
                    and any(m.role == "subj" and self.entities[m.key].kind in {"org", "gpe"} for m in cands)
                ):
                    return None
            if not cands:
                continue
            if owner and gender == "n":
                owners = [
                    m for m in cands if self.entities[m.key].kind in {"org", "gpe"} or named(self.entities[m.key])
                ]
                if owners and any(m.role == "subj" and m not in owners for m in cands):
                    return None
                cands = owners or cands
            if nationality:
                known = {m.key for m in cands if self.entities[m.key].nationality == nationality}
                if len(known) == 1:
                    return known.pop()
                cands = [m for m in cands if self.entities[m.key].nationality in (None, nationality)]
            keys = list(dict.fromkeys(m.key for m in cands))
            if len(keys) == 1:
                return keys[0]
            if any(self.entities[k].kind == "pronoun" for k in keys):
                return None  # that sentence left one of this gender unresolved: not sure who is who
            main = {m.key for m in cands if m.role == "subj"}
            embedded = {m.key for m in cands if m.role == "esubj"} - main
            return next(iter(main)) if len(main) == 1 and not embedded else None
        return None

    def _owner_text(self, key: str) -> str | None:
        """How an event's owner reads in its phrase: a name as itself, a described noun by its
        description ("the ten-year-old girl"), someone left unresolved not at all (its key,
        "np:?n", is no words of the article)."""
        if not key.startswith("np:"):
            return key
        entity = self.entities.get(key)
        return entity.display if entity is not None and entity.display else None

    # -- reading --------------------------------------------------------------------------
    def read(self, sent, offset: int, resolved: list[Mention]) -> None:
        """Take note of the spaCy sentence ``sent`` (document offset of its text ``offset``) and of
        the mentions the resolver resolved in it."""
        mentions: list[Mention] = []
        for ent in sent.ents:
            mention = self._entity(ent, offset)
            if mention is not None:
                mentions.append(mention)
        mentions += self._groups(sent, mentions, offset)
        mentions += self._subject_nouns(sent, mentions + resolved, offset)
        mentions += resolved
        for m in resolved:
            self.entities.setdefault(m.key, Entity(m.key, "thing"))
        for m in mentions:
            e = self.entities.get(m.key)
            if e is not None:
                e.count += 1
                e.last = self.index
        self._ages(sent.text)
        owners = {m.start: owner for m in resolved if (owner := self._owner_text(m.key)) is not None}
        self.events += events_of(sent, offset, owners, self.canonical, self.published, self.index)
        for noun, phrase in things_of(sent):
            known = self.things.setdefault(noun, [])
            if phrase not in known:
                known.append(phrase)
        years = _RE_YEAR.findall(sent.text)
        if years:
            self.last_year = years[-1]
        self.history.append(sorted(mentions, key=lambda m: m.start))

    def _entity(self, ent, offset: int) -> Mention | None:
        text = clean_name(ent.text)
        if not text or is_dateline(text):
            return None
        start, end = ent.start_char - offset, ent.start_char - offset + len(text)
        label = ent.label_
        before = ent.doc[ent.start - 1] if ent.start > ent.sent.start else None
        if label == "PERSON" and _given_name_left_out(before, ent):
            text, start = f"{before.text} {text}", start - len(before.text) - 1  # "Pradeep Jena", tagged "Jena"
            before = ent.doc[ent.start - 2] if ent.start - 1 > ent.sent.start else None
        if label in {"PERSON", "LOC", "FAC"} and before is not None and before.lower_ == "the":
            key = "the " + text  # "the Moon": people take no article; a thing "it" may be
            self.entities.setdefault(key, Entity(key, "thing"))
            return Mention(key, role_of(ent.root), start - 4, end)
        if label in {"ORG", "GPE", "NORP", "PRODUCT", "FAC"} and (
            looks_like_person(text, self)
            or _set_off_person(ent, text)
            or _paired_with_person(ent, text)
            or _person_of_country(ent, text)
        ):
            label = "PERSON"  # "Kylian Mbappe" read as an organisation; "Starmer" after "Keir Starmer"
        if label == "PERSON" and _which(ent.root):
            label = "ORG"  # "Activision, which makes Call of Duty": not a person
        if label == "PERSON" and not is_person_name(text):
            self.places.append(text)
            return None
        if label in {"FAC", "LOC"} and len(text.split()) >= 2:
            self.places.append(text)
        if label == "NORP":
            self.demonyms[text] += 1
            return None
        if label in {"ORG", "PRODUCT"} and ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN":
            return None  # "Blackwell chips", "the Apollo programme": a name on a thing, not a party
        kind = {"PERSON": "person", "ORG": "org", "GPE": "gpe"}.get(label)
        called = _place_noun_before(ent)
        if called is not None or (kind == "org" and _country_name(text)):
            kind = "gpe"  # "the town of Grindavik", "Burkina Faso", whatever the recogniser took it for
        if kind is None:
            return None
        key = (
            self.canonical(text) if kind == "person" else self._org_key(text.removeprefix("the ").removeprefix("The "))
        )
        entity = self.entities.get(key) or Entity(key, kind)
        if kind == "org" and entity.kind == "gpe" and not entity.nouns and not _country_name(key):
            entity.kind = "org"  # "Nvidia" read once as a place, once as an organisation
        if called is not None:
            entity.kind = "gpe"
            entity.nouns.add(called)
        self.entities[key] = entity
        self._describe(entity, ent)
        return Mention(key, role_of(ent.root), start, end)

    def _ages(self, text: str) -> None:
        """Ages the sentence gives its people: "Medvedev, 27,", "Coco Gauff, a 19-year-old American"."""
        for m in _RE_GIVEN_AGE.finditer(text):
            entity = self.entities.get(self.canonical(m.group("name")))
            if entity is not None and entity.kind == "person":
                entity.age = int(m.group("age") or m.group("age2"))

    def _org_key(self, name: str) -> str:
        """ "Labour" and "Labour Party" are one organisation: the longer name is the key."""
        words = name.split()
        # a key that starts with the name, or that the name starts with, shares its first word
        near = self.entities.with_word(words[0]) if words else list(self.entities)
        for key in near:
            e = self.entities[key]
            if e.kind in {"org", "gpe"} and key != name and (key.startswith(name + " ") or name.startswith(key + " ")):
                words = (key if len(key) > len(name) else name).split()
                if words[-1].lower() in ORG_NOUNS:
                    if len(name) > len(key):
                        self.entities[name] = self.entities.pop(key)
                        self.entities[name].key = name
                        return name
                    return key
        return name

    def _describe(self, entity: Entity, ent) -> None:
        """Gender, nationality and describing nouns from the entity and the words before it."""
        first = ent.text.split()[0].lower()
        if entity.kind == "person":
            if first in MALE_NAMES:
                entity.gender = entity.gender or "m"
            elif first in FEMALE_NAMES:
                entity.gender = entity.gender or "f"
        before = [t for t in ent.doc[max(ent.sent.start, ent.start - 4) : ent.start]]
        for t in before:
            low = t.lower_.rstrip(".")
            if entity.kind == "person" and low in MALE_WORDS:
                entity.gender = "m"
            elif entity.kind == "person" and low in FEMALE_WORDS:
                entity.gender = "f"
            if t.ent_type_ in {"NORP", "GPE"} and entity.kind == "person":
                entity.nationality = country_of(t.text) or entity.nationality
            if entity.kind == "person" and low in PERSON_NOUNS:
                entity.nouns.add(low)
        words = [w.lower() for w in ent.text.split()]
        if entity.kind == "org":
            entity.nouns |= {w for w in words if w in ORG_NOUNS}
        if entity.kind == "gpe" and _country_name(entity.key):
            entity.nouns |= COUNTRY_NOUNS
        for t in ent.root.children:  # "Robert Holzmann, Austria's central bank governor"
            if t.dep_ == "appos" and t.lower_ in PERSON_NOUNS | ORG_NOUNS | PLACE_NOUNS:
                entity.nouns.add(t.lower_)

    def _subject_nouns(self, sent, known: list[Mention], offset: int) -> list[Mention]:
        """Mentions a pronoun may refer to that are not named entities, recorded so that a
        pronoun with two candidates stays unresolved: subjects that are common nouns ("Putin's
        last visit", "the rover"), nouns for a person ("a ten-year-old girl", "the official"),
        proper-noun subjects the entity recogniser missed (a surname of a known person counts
        as that person)."""
        taken = [(m.start, m.end) for m in known]
        out = []
        for tok in sent:
            pos = tok.idx - offset
            if (
                tok.dep_ in _SUBJECTS
                and tok.ent_type_ == "NORP"
                and not _missed_name(tok)
                and any(c.lower_ == "the" for c in tok.children)
            ):
                # "The American is the first teenager ...": a person, who a "she" may be; never shown
                key = "np:" + tok.lower_
                self.entities.setdefault(key, Entity(key, "person"))
                out.append(Mention(key, role_of(tok), pos, pos + len(tok.text)))
                continue
            if any(a <= pos < b for a, b in taken) or (tok.ent_type_ and not _missed_name(tok)):
                continue
            if tok.lower_ in CALENDAR_WORDS or is_dateline(tok.text):
                continue  # "Saturday" the recogniser missed is a day, not a name
            low = tok.lemma_.lower()
            if tok.tag_ == "NNP" and tok.dep_ in _NAME_DEPS:
                lefts = [t.text for t in tok.lefts if t.dep_ == "compound" and t.tag_ == "NNP" and t.text.istitle()]
                name = " ".join([*lefts, tok.text])
                full = (
                    None if _which(tok) else self.full_name(name) or (name if looks_like_person(name, self) else None)
                )
                if full is not None:
                    person = self.entities.setdefault(full, Entity(full, "person", gender=_given_gender(full)))
                    out.append(Mention(person.key, role_of(tok), pos, pos + len(tok.text)))
                    continue
                # a name the recogniser missed ("Activision", "the rover Pragyan"): "it" may be it
                kind = "thing" if _which(tok) else "unknown"  # "Activision, which ...": not a person
                key, entity = "np:" + tok.lower_, Entity("np:" + tok.lower_, kind, display=name)
            elif (
                tok.tag_ == "NN"
                and (low in MALE_WORDS or low in FEMALE_WORDS or low in PERSON_NOUNS)
                and tok.head.ent_type_ != "PERSON"
                and tok.dep_ not in {"appos", "compound", "attr", "oprd"}
                and not _predicate_object(tok)
                and not any(c.ent_type_ == "PERSON" or c.dep_ == "appos" for c in tok.children)
            ):  # "a ten-year-old girl"; not the title of a name ("North Korean leader Kim Jong Un")
                gender = "m" if low in MALE_WORDS else "f" if low in FEMALE_WORDS else None
                key = "np:" + tok.lower_
                entity = Entity(key, "person", gender=gender, display=_definite(tok))
            elif tok.tag_ == "NN" and tok.dep_ in _SUBJECTS | {"dobj"}:
                key, entity = "np:" + tok.lower_, Entity("np:" + tok.lower_, "thing")
            elif tok.tag_ == "NNS" and tok.dep_ in _SUBJECTS | {"dobj"} and tok.lower_ not in MEASURE_PLURALS:
                # "the jurors", "rescuers": a "they" may be them, so a group of names is not sure
                key, entity = "np:" + tok.lower_, Entity("np:" + tok.lower_, "group", plural=True)
            else:
                continue
            self.entities.setdefault(key, entity)
            out.append(Mention(key, role_of(tok), pos, pos + len(tok.text)))
        return out

    def _groups(self, sent, mentions: list[Mention], offset: int) -> list[Mention]:
        """ "Armstrong and Aldrin spent ...": a group of the coordinated named entities."""
        by_start = {m.start: m for m in mentions}
        out = []
        for tok in sent:
            if tok.dep_ not in _SUBJECTS:
                continue
            conj = [tok] + [t for t in tok.subtree if t.dep_ == "conj" and t.head.i >= tok.i]
            keys = []
            for t in conj:
                ent = next((e for e in sent.ents if e.start <= t.i < e.end), None)
                m = by_start.get(ent.start_char - offset) if ent is not None else None
                if m is None:
                    break
                keys.append(m.key)
            if len(keys) >= 2 and len(set(keys)) == len(keys):
                kinds = {self.entities[k].kind for k in keys if k in self.entities}
                key = join_names(keys)
                self.entities.setdefault(key, Entity(key, "group", plural=True, members=tuple(keys)))
                if kinds == {"person"}:
                    self.entities[key].nouns.add("people")
                lo = min(t.idx for t in tok.subtree) - offset
                out.append(Mention(key, role_of(tok), lo, lo + 1))
        return out


def _definite(noun) -> str | None:
    """ "a ten-year-old girl" → "the ten-year-old girl": a common-noun person named again."""
    words = [t for t in noun.subtree if t.i <= noun.i]
    if not words or words[0].lower_ not in {"a", "an", "the"} or any(t.pos_ == "PRON" for t in words):
        return None
    return " ".join(["the", *[t.text for t in words[1:]]]).replace(" - ", "-")


__all__ = ["Discourse", "Event", "looks_like_person"]
