"""Things the article introduced with words that say which one, for a later "the X" to stand for.

A news story introduces a thing once and then calls it by its bare noun: "BP's blown-out well in
the Gulf of Mexico ... the well", "a mixed-reality headset called Vision Pro ... the headset",
"the Deepwater Horizon, a rig that Transocean operated ... the rig".  :func:`things_of` reads one
sentence for such introductions, by the lemma of their noun:

* a noun with an owner, a name in front of it, or a phrase after it that holds a name ("BP's
  blown-out well", "the Colonial pipeline", "the attack on Colonial Pipeline");
* a noun that gets a name ("a headset called Vision Pro", "a rover named Pragyan") or that a
  name is set off with ("the Deepwater Horizon, a rig that ...").

Only singular common nouns count, not people, organisations, places or events, which
:mod:`factcheck.claims.descriptions` resolves by their own rules; a description is resolved to a
thing only when the article introduced exactly one thing with its noun.
"""

from __future__ import annotations

import itertools

from factcheck.claims.lexicon import EVENT_CLASSES, ORG_NOUNS, PERSON_NOUNS, PLACE_NOUNS

_NAMING_VERBS = frozenset({"call", "name", "dub", "christen", "brand"})
_PLACE_PREPS = frozenset({"of", "in", "on", "at", "off", "near", "from"})
_KEPT_LEFT = frozenset({"poss", "amod", "compound", "nummod", "det", "case", "punct", "nmod", "advmod"})
#: Nouns too general to stand for one thing ("the day", "the time", "the way").
_GENERAL = frozenset(
    "day time way thing part side end number year month week people fact case point world place".split()
)


def thing_noun(tok) -> str | None:
    """The lemma of ``tok`` when it may name a thing a later "the X" stands for, else ``None``."""
    nominal = tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and any(
        c.dep_ in {"det", "poss", "amod"} for c in tok.children
    )  # "BP's blown-out well", which the tagger may read as an adverb
    if (tok.tag_ != "NN" and not (nominal and tok.tag_ in {"RB", "JJ"})) or tok.ent_type_:
        return None
    lemma = tok.lemma_.lower()
    if lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in PLACE_NOUNS or lemma in EVENT_CLASSES:
        return None
    return None if lemma in _GENERAL else lemma


def _name_of(tok) -> str | None:
    """The proper name ``tok`` heads ("Vision Pro", "the Deepwater Horizon"), without its article."""
    if tok.pos_ != "PROPN":
        return None
    words = [t for t in tok.subtree if t.dep_ in {"compound", "flat"} or t == tok]
    words = [t for t in words if t.pos_ == "PROPN"]
    if not words or any(b.i - a.i != 1 for a, b in itertools.pairwise(words)):
        return None
    return " ".join(t.text for t in words)


_DASHES = frozenset({"-", "—", "–", "--"})


def _set_off_dash(tok) -> bool:
    """A dash standing between spaces ("PARIS — Europe's"), not the hyphen of "blown-out"."""
    return tok.text in _DASHES and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _phrase(head) -> str | None:
    """The introducing phrase of ``head`` when it says which thing: its owner, names in front of
    it, or a place phrase holding a name; relative clauses and appositions left out."""
    lefts = [t for t in head.lefts if t.dep_ in _KEPT_LEFT]
    if any(t.dep_ == "poss" and t.tag_ == "PRP$" for t in lefts):
        return None  # "its key interest rate": whose, the phrase does not say
    owner = any(t.dep_ == "poss" for t in lefts)
    named = any(t.dep_ == "compound" and t.pos_ == "PROPN" and len(t.text) > 1 and t.whitespace_ for t in lefts)
    after = next(
        (c for c in head.rights if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS and any(
            t.pos_ == "PROPN" for t in c.subtree)),
        None,
    )  # fmt: skip
    if not (owner or named or after is not None):
        return None
    first = min((t.i for left in lefts for t in left.subtree), default=head.i)
    last = max(t.i for t in after.subtree) if after is not None else head.i
    dash = max((t.i for t in head.doc[first : head.i] if _set_off_dash(t)), default=None)
    if dash is not None:  # "PARIS — Europe's Rosetta spacecraft": a dateline run into the phrase
        first = dash + 1
    words = head.doc[first : last + 1]
    if any(t.dep_ in {"relcl", "acl", "appos"} or t.text in {",", ";", "(", '"'} for t in words):
        return None
    text = words.text
    if words[0].lower_ in {"a", "an"}:
        text = "the " + text[len(words[0].text) + 1 :]
    return text


def things_of(sent) -> list[tuple[str, str]]:
    """(noun lemma, phrase) of the things the spaCy sentence ``sent`` introduces (module docstring)."""
    out = []
    for tok in sent:
        noun = thing_noun(tok)
        if noun is None:
            continue
        named = next(
            (_name_of(g) for c in tok.children if c.dep_ == "acl" and c.lemma_ in _NAMING_VERBS
             for g in c.children if g.dep_ in {"oprd", "dobj", "attr", "xcomp"}),
            None,
        )  # fmt: skip
        if named is None and tok.dep_ == "appos" and any(c.lower_ in {"a", "an"} for c in tok.lefts):
            named = _name_of(tok.head)  # "the Deepwater Horizon, a rig that ..."
        if named is not None:
            named = named.removeprefix("the ")
            out.append((noun, f"the {named}" if named.lower().endswith(tok.lower_) else f"the {named} {tok.lower_}"))
            continue
        phrase = _phrase(tok)
        if phrase is not None:
            out.append((noun, phrase))
    return out


__all__ = ["thing_noun", "things_of"]
