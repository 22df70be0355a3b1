"""Where a pronoun stands in its sentence: the clause facts the resolver weighs.

Whether a pronoun is an object, what the subject of its clause is, which noun a relative clause
is about, whether a possessive is fronted, what nationality its predicate asks for, whether "it"
ranks an event.  Each reads the spaCy parse of one sentence and nothing else.
"""

from __future__ import annotations

from factcheck.claims.lexicon import PERSON_NOUNS
from factcheck.gazetteer import country_of

_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "obj"})


_ORDINALS = frozenset("first second third fourth fifth last latest only".split())


def relative_head(tok):
    """The noun a relative clause holding ``tok`` is about ("Sutskever, who wrote that he ..."), or ``None``."""
    for a in tok.ancestors:
        if a.dep_ == "relcl" and any(c.tag_ in {"WP", "WP$"} for c in a.children):
            return a.head
    return None


def described_subject(tok):
    """The subject of ``tok``'s sentence when it is a person described, not named, and stands
    before ``tok`` ("the champion said, thanking his parents"), else ``None``."""
    subj = next((c for c in tok.sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.i > tok.i or subj.ent_type_ == "PERSON":
        return None
    if (
        subj.lemma_.lower() in PERSON_NOUNS
        or subj.ent_type_ == "NORP"
        or (subj.tag_ == "NNP" and any(c.lower_ == "the" for c in subj.children))
    ):
        return subj
    return None


def objective(tok) -> bool:
    """Whether a personal pronoun is an object: by its case ("him", "them", "her" not owning) or
    its place ("Kim greeted it"); "making him prime minister" is one though the parse calls it a subject."""
    if tok.tag_ != "PRP":
        return False
    return tok.lower_ in {"him", "them", "her"} or tok.dep_ in _OBJECT_DEPS


def clause_subject(tok) -> set[int] | None:
    """The tokens of the subject of ``tok``'s clause; for a clause without its own ("King Charles
    appointed him, making him prime minister"), the subject of the clause it hangs on."""
    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    for _ in range(3):
        if verb is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return {t.i for t in subj.subtree}
        if verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.tag_ not in {"VBG", "VBN", "VB", "VBD", "VBZ", "VBP"}:
            return None
        verb = verb.head
    return None


def fronted(tok) -> bool:
    """Whether ``tok`` sits in a phrase before its sentence's main subject ("During his remarks, ...")."""
    root = tok.sent.root
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subj is not None and tok.i < subj.i and all(a.i < subj.i or a == root for a in tok.ancestors)


def predicate_nationality(tok) -> str | None:
    """ "made him the first Russian head of state": the country the predicate asks of ``tok``."""
    verb = tok.head
    for c in verb.children:
        if c.dep_ in {"oprd", "attr", "xcomp", "ccomp"} or (c.dep_ == "dobj" and c.i > tok.i):
            for t in c.subtree:
                if t.ent_type_ == "NORP":
                    return country_of(t.text)
    return None


def ranks(tok) -> bool:
    """ "It is the first time ...", "It was his second visit": the subject of a "be" whose
    attribute carries an ordinal."""
    head = tok.head
    if tok.dep_ != "nsubj" or head.lemma_ != "be":
        return False
    attrs = [c for c in head.children if c.dep_ == "attr"]
    return any(t.lower_ in _ORDINALS or t.ent_type_ == "ORDINAL" for a in attrs for t in a.lefts)


__all__ = [
    "clause_subject",
    "described_subject",
    "fronted",
    "objective",
    "predicate_nationality",
    "ranks",
    "relative_head",
]
