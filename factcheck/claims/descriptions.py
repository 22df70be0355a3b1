"""Definite descriptions and demonstratives that point back: what "the bank", "the two leaders",
"that trip" or "the 23-year-old" stand for, when exactly one thing the article named fits.

* groups ("the two leaders", "both countries", "the three astronauts"): the ``n`` people (or
  countries, or organisations) the article named most often, when the ``n``-th is named more
  often than the next one (countries also count by capital and demonym: "Pyongyang", "Russian");
* a person by office or age ("the president", "the 23-year-old"): the one person described
  so, or the one person of the nearest earlier sentence;
* an organisation by kind ("the bank", "the agency"): the one organisation whose name says so
  ("European Central Bank"), else the one organisation of the previous sentence;
* a place by kind ("the town", "the country", "the square"): the one place the article called so
  ("the town of Grindavik", a country of the gazetteer), else the one such place of the nearest
  earlier sentence;
* an event ("that trip", "the visit", "this deal", "the final"): the event phrase the article
  named ("Vladimir Putin's 2000 visit to Pyongyang"), by :mod:`factcheck.claims.event_refs`.

A description with its own identifying words ("the town of Grindavik", "the treaty signed in
2000", "the next summit") is not anaphoric and is left alone.  A demonstrative ("this support",
"those rights") that nothing fits is reported unresolved.
"""

from __future__ import annotations

import re
from collections import Counter

from factcheck.claims.discourse import Discourse
from factcheck.claims.entities import Entity, Mention, clean_name, join_names, no_company, role_of
from factcheck.claims.event_refs import aspect_word, event_named, event_part, is_event_part
from factcheck.claims.lexicon import (
    COMPANY_NOUNS,
    COUNTRY_NOUNS,
    EVENT_CLASSES,
    GENERIC_ORG_NOUNS,
    GROUP_COUNTRY_NOUNS,
    GROUP_ORG_NOUNS,
    GROUP_PERSON_NOUNS,
    NON_ANAPHORIC_DEMONSTRATIVE,
    NUMBER_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    SETTLEMENT_NOUNS,
)
from factcheck.claims.render import Edit, Unresolved
from factcheck.claims.things import thing_noun
from factcheck.gazetteer import countries, country_of

_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "both"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
#: Adjectives that leave a description pointing back at the same thing ("this landmark visit").
_NEUTRAL_ADJECTIVES = frozenset(
    {"landmark", "historic", "latest", "recent", "official", "whole", "entire", "main", "governing"}
)
_RE_AGE = re.compile(r"\b[Tt]he (?:\d{1,3}|[a-z]+)-year-old(?: (?:[A-Z][a-z]+(?:man|woman)|[A-Z][a-z]+))?\b")


def _inside(pos: int, ranges) -> bool:
    return any(a < pos < b for a, b in ranges)


def describe(discourse: Discourse, sent, offset: int, text: str, quotes) -> tuple[list, list, list]:
    """(edits, unresolved, mentions) of the descriptions of the sentence ``sent``."""
    edits: list[Edit] = []
    unresolved: list[Unresolved] = []
    mentions: list[Mention] = []
    for m in _RE_AGE.finditer(text):
        if _inside(m.start(), quotes):
            continue
        key = _of_age(discourse, m.group())
        if key is None:
            unresolved.append(Unresolved(m.start(), m.end(), m.group()))
            continue
        edits.append(Edit(m.start(), m.end(), m.group(), key, "description"))
        tok = next((t for t in sent if t.idx - offset >= m.start()), sent.root)
        mentions.append(Mention(key, role_of(tok), m.start(), m.end()))
    for det in sent:
        low = det.lower_
        head = det.head
        if low not in _DETERMINERS or det.dep_ not in {"det", "predet", "nummod", "preconj"} or head.i <= det.i:
            continue
        if (
            (head.pos_ not in {"NOUN", "PROPN"} and not aspect_word(head))
            or _inside(det.idx - offset, quotes)
            or head.ent_type_ in {"DATE", "TIME"}
            or (head.tag_ == "NNS" and any(c.dep_ == "case" for c in head.children))
        ):
            continue  # "both the men's and women's World Cups": a kind, not people the article named
        compound = det.doc[det.i + 1] if det.i + 1 < head.i else None
        if compound is not None and compound.dep_ == "compound" and compound.lemma_.lower() in ORG_NOUNS:
            head = compound  # "the party leadership": the party
        start, end = det.idx - offset, head.idx + len(head.text) - offset
        mention = text[start:end]
        found = _referent(discourse, det, head)
        if found is None:
            if low in _DEMONSTRATIVES and head.lower_ not in NON_ANAPHORIC_DEMONSTRATIVE and not _restrictive(head):
                unresolved.append(Unresolved(start, end, mention))
                continue
            if low == "the" and _points_back(discourse, head):  # "the company": kept, and flagged
                unresolved.append(Unresolved(start, end, mention))
            if head.dep_ in {"nsubj", "nsubjpass"} and head.tag_ == "NN" and head.ent_type_ == "":
                key = "np:" + mention.lower()
                discourse.entities.setdefault(key, Entity(key, "thing"))
                mentions.append(Mention(key, role_of(head), start, end))
            continue
        replacement, key = found
        edits.append(Edit(start, end, mention, replacement, "description"))
        mentions.append(Mention(key, role_of(head), start, end))
    return edits, unresolved, mentions


#: Adjectives that say which one a noun is without the article ("the federal government").
_WHICH = frozenset("federal national first second third last next previous former current".split())


def _points_back(discourse: Discourse, head) -> bool:
    """Whether an unresolved "the X" stands for something the article named before, so that a
    reader of the claim alone cannot tell which: an organisation or a person by its kind ("the
    company", "the agency", "the chairman"), or a thing the article introduced with this noun
    ("a new headset ... the headset"); not a noun whose own words say which ("the town of
    Grindavik") nor one the sentence introduces itself."""
    if head.tag_ != "NN" or head.ent_type_ or _restrictive(head):
        return False
    if any(t.pos_ in {"PROPN", "NUM"} or t.ent_type_ or (t.tag_ == "JJ" and t.lower_ in _WHICH)
           for t in head.lefts):  # fmt: skip
        return False  # "the US government", "the Gavi vaccine alliance", "the 2022 winner", "the fifth"
    if any(c.dep_ == "prep" and any(g.ent_type_ or g.pos_ == "PROPN" for g in c.children) for c in head.rights):
        return False  # "the war in Ukraine", "the court in Delaware"
    lemma = head.lemma_.lower()
    if lemma in ORG_NOUNS or lemma in GENERIC_ORG_NOUNS or lemma in PERSON_NOUNS:
        return True
    noun = thing_noun(head)
    return bool(noun and discourse.things.get(noun))


def _of_age(discourse: Discourse, mention: str) -> str | None:
    """ "the 27-year-old": the one person the article gave that age, else the person of the nearest
    earlier sentence when the article gave that person no other age."""
    digits = re.search(r"\d{1,3}", mention)
    age = int(digits.group()) if digits else None
    if age is not None:
        aged = [e.key for e in discourse.people() if e.age == age]
        if len(aged) == 1:
            return aged[0]
    key = discourse.antecedent("p")
    known = discourse.entities[key].age if key is not None and key in discourse.entities else None
    return key if known is None or known == age else None


def _restrictive(head) -> bool:
    """Whether the noun has words of its own that say which one ("the town of Grindavik"); a
    clause set off by a comma says more about it, not which ("The acquisition, first announced
    in January 2022, ...")."""
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            return True
        if c.dep_ == "appos" or (c.dep_ in {"relcl", "acl"} and not _set_off(c)):
            return True
    return False


def _set_off(clause) -> bool:
    """Whether a clause follows its noun after a comma."""
    first = min(t.i for t in clause.subtree)
    return first > 0 and clause.doc[first - 1].text == "," and clause.doc[first - 1].i > clause.head.i


def _referent(discourse: Discourse, det, head) -> tuple[str, str] | None:
    """(replacement, entity key) of the description ``det ... head``, or ``None``."""
    if head.dep_ == "appos":
        return None  # "Taro Kono, the minister in charge of ...": says who the name is, needs nothing
    mods = [t for t in head.lefts if t.i > det.i]
    number = next((NUMBER_WORDS[t.lower_] for t in [det, *mods] if t.lower_ in NUMBER_WORDS), None)
    noun = head.lower_
    if number and head.tag_ in {"NNS", "NNPS"}:
        return _group(discourse, number, noun, det)
    if _restrictive(head) or any(t.pos_ in {"PROPN", "NUM"} or t.ent_type_ for t in mods):
        return None
    if any(t.dep_ == "amod" and t.lower_ not in _NEUTRAL_ADJECTIVES for t in mods):
        return None  # "the new agreement", "the French publisher": not sure it is the same one
    if any(t.dep_ == "compound" and t.pos_ == "NOUN" and t.lower_ not in _NEUTRAL_ADJECTIVES for t in mods):
        return None  # "the canal bank" is no bank the article named
    lemma = head.lemma_.lower()
    if lemma in EVENT_CLASSES:
        found = event_named(discourse, det.lower_, EVENT_CLASSES[lemma], head)
        known = any(e.cls == EVENT_CLASSES[lemma] for e in discourse.events)
        return found if found or known or det.lower_ != "the" else event_part(discourse, head)
    if det.lower_ == "the" and (head.tag_ == "NN" or aspect_word(head)) and is_event_part(head.lower_):
        return event_part(discourse, head)
    if head.tag_ in {"NNS", "NNPS"}:
        return None
    if lemma in PERSON_NOUNS:
        recent = {m.key for ms in discourse.history[-3:] for m in ms}
        people = [e for e in discourse.people() if lemma in e.nouns and e.key in recent]
        return (people[0].key, people[0].key) if len(people) == 1 else None
    if lemma in ORG_NOUNS:
        return _org(discourse, lemma, det)
    if lemma in PLACE_NOUNS or lemma in COUNTRY_NOUNS:
        return _place(discourse, lemma, det)
    return _thing(discourse, head)


def _thing(discourse: Discourse, head) -> tuple[str, str] | None:
    """ "the well" → "BP's blown-out well in the Gulf of Mexico": the one thing the article
    introduced with this noun and words that say which (:mod:`factcheck.claims.things`)."""
    noun = thing_noun(head)
    known = discourse.things.get(noun, []) if noun else []
    if len(known) != 1 or known[0].lower() in head.sent.text.lower():
        return None
    phrase = known[0]
    discourse.entities.setdefault(phrase, Entity(phrase, "thing"))
    return phrase, phrase


def _ranked(counts: Counter[str], n: int) -> list[str] | None:
    """The ``n`` most counted, when the ``n``-th is counted more often than the next one."""
    ranked = counts.most_common()
    if len(ranked) < n:
        return None
    if len(ranked) > n and ranked[n - 1][1] <= ranked[n][1]:
        return None
    return [k for k, _ in ranked[:n]]


def _group(discourse: Discourse, n: int, noun: str, det) -> tuple[str, str] | None:
    if any(t.lower_ == "other" for t in det.head.lefts):
        return None  # "the other two firms": which ones the count alone does not say
    here = [e for e in det.sent.ents if e.end <= det.i]
    if noun in GROUP_PERSON_NOUNS:
        return _people_group(discourse, n, here)
    elif noun in GROUP_COUNTRY_NOUNS:
        counts = _country_counts(discourse)
        counts.update(c for c in (country_of(e.text) for e in here if e.label_ in {"GPE", "NORP"}) if c)
    elif noun in GROUP_ORG_NOUNS:
        companies = noun in {"companies", "firms", "carriers"}
        counts = Counter({e.key: e.count for e in discourse.entities.values()
                          if e.kind == "org" and e.count and not (companies and no_company(e.key))})  # fmt: skip
    else:
        return None
    names = _ranked(counts, n)
    if names is None:
        return None
    key = join_names(names)
    discourse.entities.setdefault(key, Entity(key, "group", plural=True, members=tuple(names)))
    return key, key


def _people_group(discourse: Discourse, n: int, here) -> tuple[str, str] | None:
    """ "the two men" → the two people of the last two sentences and of this one before the
    description, when they name exactly ``n`` (how often the article names each says nothing
    about which of them are "the four candidates")."""
    recent = [m.key for ms in discourse.history[-2:] for m in ms]
    recent += [discourse.canonical(e.text) for e in here if e.label_ == "PERSON"]
    people = {e.key for e in discourse.people()}
    names = list(dict.fromkeys(k for k in recent if k in people and not k.startswith("np:")))
    if len(names) != n:
        return None
    key = join_names(names)
    discourse.entities.setdefault(key, Entity(key, "group", plural=True, members=tuple(names)))
    return key, key


def _country_counts(discourse: Discourse) -> Counter[str]:
    """Mentions per country, counting its capital and demonyms ("Pyongyang", "North Korean")."""
    counts: Counter[str] = Counter()
    for e in discourse.entities.values():
        if e.kind == "gpe" and e.count:
            country = country_of(e.key)
            if country:
                counts[country] += e.count
    for demonym, k in discourse.demonyms.items():
        country = country_of(demonym)
        if country:
            counts[country] += k
    return counts


def _org(discourse: Discourse, noun: str, det) -> tuple[str, str] | None:
    if noun == "government":
        return _government(discourse, det)
    company = noun in COMPANY_NOUNS
    here = [e for e in det.sent.ents if e.label_ in {"ORG", "NORP"} and e.end <= det.i]
    if company:  # "Blount told The Wall Street Journal that the company ...": not the newspaper
        here = [e for e in here if not no_company(clean_name(e.text))]
    if here:  # "Microsoft president Brad Smith said the company had ...": that company, if it is one
        return _named_here(discourse, here, noun, det)
    recent = {m.key for ms in discourse.history[-3:] for m in ms}
    called = [e for e in discourse.entities.values() if e.kind == "org" and noun in e.nouns]
    if company:
        called = [e for e in called if not no_company(e.key)]
    named = [e for e in called if e.key in recent]
    if len(named) == 1:
        return _with_article(named[0]), named[0].key
    if named:
        return None
    if len(called) == 1 and not any(_kind(discourse, k) == "org" for k in recent):
        # "He took over the party leadership" with no organisation in sight: the one party named so far
        return _with_article(called[0]), called[0].key
    if not company and noun not in GENERIC_ORG_NOUNS:
        return None  # "the court", "the board": an organisation of the article only when its name says so
    key = discourse.antecedent("company" if company else "org")
    if key is not None and company and _nearer_non_company(discourse, key):
        return None
    if key is None and company:
        key = _main_company(discourse, recent)
    if key is None or key.startswith("np:"):
        return None  # a name the recogniser missed is not known to be an organisation
    if not company and not _acting(discourse, key):
        return None  # "... supplying it under the name Covishield ... according to the agency": not an actor
    return _with_article(discourse.entities[key]), key


def _acting(discourse: Discourse, key: str) -> bool:
    """Whether the organisation ``key`` was, where last named, the subject of a clause: a generic
    "the agency" or "the body" takes up an organisation that acted, not one named in passing."""
    for mentions in reversed(discourse.history):
        roles = {m.role for m in mentions if m.key == key}
        if roles:
            return bool(roles & {"subj", "esubj"})
    return False


def _nearer_non_company(discourse: Discourse, key: str) -> bool:
    """Whether the sentence before "the company" has for its subject an organisation that is no
    company, and does not name ``key`` ("Oxford had not been consulted ... The Serum Institute
    said ... The company": not sure the institute is not meant)."""
    if not discourse.history or key in {m.key for m in discourse.history[-1]}:
        return False
    return any(
        m.role in {"subj", "esubj"} and _kind(discourse, m.key) == "org" and no_company(m.key)
        for m in discourse.history[-1]
    )


def _main_company(discourse: Discourse, recent: set[str]) -> str | None:
    """The company the article is about: named at least twice, twice as often as any other
    organisation that may be a company, and in the last sentences."""
    ranked = sorted(
        (e for e in discourse.entities.values() if e.kind == "org" and e.count and not no_company(e.key)),
        key=lambda e: -e.count,
    )
    if not ranked or ranked[0].count < 2 or ranked[0].key not in recent:
        return None
    return ranked[0].key if len(ranked) == 1 or ranked[0].count >= 2 * ranked[1].count else None


def _named_here(discourse: Discourse, ents, noun: str, det) -> tuple[str, str] | None:
    """The one organisation named earlier in the description's sentence (a nationality or two
    organisations: not sure which), in another clause than the description ("Google faces a
    lawsuit from the department" is not Google), and, for a noun other than "company" and its
    kin, called by that noun ("the Justice Department ... the department")."""
    if len(ents) != 1 or ents[0].label_ != "ORG":
        return None
    titled = ents[0].root.dep_ in {"compound", "poss"} and ents[0].root.head.ent_type_ in {"", "PERSON"}
    if not titled and ents[0].text not in discourse.entities:
        return None  # only "Samsung president ... said the company" or an organisation named before
    if not titled and _clause_verb(ents[0].root) is _clause_verb(det.head):
        return None
    if noun not in COMPANY_NOUNS and noun not in GENERIC_ORG_NOUNS and noun not in ents[0].text.lower():
        return None
    name = clean_name(ents[0].text).removeprefix("the ").removeprefix("The ")
    last = name.split()[-1].lower() if name else ""
    if last in ORG_NOUNS and last != noun:
        return None  # "the Suez Canal Authority ... the bank": an authority is not a bank
    entity = discourse.entities.get(name) or Entity(name, "org")
    return (_with_article(entity), name) if entity.kind == "org" else None


def _clause_verb(tok):
    """The verb of the clause ``tok`` stands in (itself when it is one)."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head is not tok:
        tok = tok.head
    return tok


def _government(discourse: Discourse, det) -> tuple[str, str] | None:
    """ "the government" → "the Argentine government": the one country named earlier in the
    sentence, else in the nearest earlier sentence that names one."""
    here = {country_of(e.text) for e in det.sent.ents if e.end <= det.i and e.label_ in {"GPE", "NORP"}} - {None}
    candidates = [here] + [
        {country_of(m.key) for m in ms if _kind(discourse, m.key) == "gpe"} - {None}
        for ms in reversed(discourse.history[-2:])
    ]
    found = next((c for c in candidates if c), set())
    if len(found) != 1:
        return None
    country = found.pop()
    demonyms = countries()[country].demonyms if country in countries() else ()
    adjective = _GOVERNMENT_ADJECTIVES.get(country) or (demonyms[0] if demonyms else None)
    if adjective is None:
        return None
    return f"the {adjective} government", country


#: How news names a government where its demonym is not the usual word ("the US government").
_GOVERNMENT_ADJECTIVES = {"United States": "US"}


def _with_article(entity: Entity) -> str:
    words = entity.key.split()
    common = sum(w[:1].islower() for w in words)
    if len(words) >= 2 and any(w.lower() in ORG_NOUNS for w in words) and not entity.key.isupper() and common == 0:
        return "the " + entity.key  # "the European Central Bank"; "NASA", "Nvidia" take none
    return entity.key


def _kind(discourse: Discourse, key: str) -> str | None:
    e = discourse.entities.get(key)
    return e.kind if e else None


def _place(discourse: Discourse, noun: str, det) -> tuple[str, str] | None:
    if noun == "square":
        place = next((p for p in reversed(discourse.places) if p.split()[-1].lower() == noun), None)
        return (place, place) if place else None
    places = [e for e in discourse.entities.values() if e.kind == "gpe" and e.count]
    if noun in COUNTRY_NOUNS:
        countries = [e for e in places if "country" in e.nouns]
        if len(countries) == 1:
            return countries[0].key, countries[0].key
        # several: the one country named earlier in the description's own sentence ("Spain could
        # have doubled their lead, but Earps saved a penalty from Hermoso, the country's top scorer")
        here = {clean_name(e.text) for e in det.sent.ents if e.end <= det.i and e.label_ == "GPE"}
        here_countries = {e.key for e in countries if e.key in here}
        if here_countries:
            return (here_countries.pop(),) * 2 if len(here_countries) == 1 else None
        # else the one country the previous sentence is about ("Spain won ... The country ...")
        last = discourse.history[-1] if discourse.history else []
        subjects = {m.key for m in last if m.role == "subj" and "country" in discourse.entities[m.key].nouns}
        return (next(iter(subjects)),) * 2 if len(subjects) == 1 else None
    if noun in SETTLEMENT_NOUNS:  # the one such place of the nearest earlier sentence
        for mentions in reversed(discourse.history[-2:]):
            local = {m.key for m in mentions if _kind(discourse, m.key) == "gpe"}
            local = {k for k in local if "country" not in discourse.entities[k].nouns}
            local = {
                k for k in local if not (discourse.entities[k].nouns - {noun})
            }  # not "the town of X" for "the city"
            if local:
                return (next(iter(local)),) * 2 if len(local) == 1 else None
    named = [e for e in places if noun in e.nouns]
    return (named[0].key, named[0].key) if len(named) == 1 else None


__all__ = ["describe"]
