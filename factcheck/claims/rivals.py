"""People a personal pronoun may stand for that the article's entities do not hold.

The resolver picks a pronoun's antecedent among the people the recogniser named and the
descriptions it resolved.  The person a "he" means is often one it missed: a surname it did not
tag ("Djokovic, who missed the US Open because he ..."), a hyphenated name ("Bankman-Fried"), or a
description no rule resolved ("the 32-year-old told the court", "the champion said").  When such a
rival stands in a subject-like place between the antecedent and the pronoun, the pronoun is not
resolved for sure (:func:`rival`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factcheck.claims.entities import Mention
from factcheck.claims.lexicon import (
    CALENDAR_WORDS,
    FEMALE_NAMES,
    FEMALE_WORDS,
    MALE_NAMES,
    MALE_WORDS,
    PERSON_NOUNS,
)
from factcheck.gazetteer import country_of

#: Dependency roles in which a rival can be what a later pronoun refers back to.
RIVAL_ROLES = frozenset({"nsubj", "nsubjpass", "appos", "attr", "poss"})


def rival(scope: Iterable[tuple[Sequence, int, Sequence[Mention]]], gender: str, antecedent: str) -> object | None:
    """The first token of ``scope`` that may be a person other than ``antecedent`` whom a
    pronoun of ``gender`` ("m"/"f") could mean, or ``None``.

    ``scope``: (tokens, offset of their sentence's text, the mentions read in that sentence, in
    sentence coordinates) for each stretch of text between the antecedent and the pronoun.  A
    token inside a mention is one the resolver already weighed; a rival is an untagged proper
    noun or an unresolved person noun ("the judge", "the 32-year-old") in a subject-like role.
    """
    words = {w.lower() for w in antecedent.replace("-", " ").split()}
    for tokens, offset, mentions in scope:
        for tok in tokens:
            pos = tok.idx - offset
            if tok.dep_ not in RIVAL_ROLES or any(m.start <= pos < m.end for m in mentions):
                continue
            if _person_word(tok, gender, words):
                return tok
    return None


def _person_word(tok, gender: str, antecedent_words: set[str]) -> bool:
    low = tok.lower_
    if low in antecedent_words:
        return False  # "Kaplan" for "Lewis Kaplan"
    if tok.tag_ == "NNP" and not tok.ent_type_:
        return _untagged_name(tok, gender, antecedent_words)
    if tok.ent_type_ or tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ in {"appos", "attr"}:
        return False  # "Kono, the minister": says who the one named is
    if any(c.dep_ == "appos" and (c.ent_type_ or c.tag_ == "NNP") for c in tok.children):
        return False  # "The company's chief executive, Tony Hayward,": named
    lemma = tok.lemma_.lower()
    other = FEMALE_WORDS if gender == "m" else MALE_WORDS
    if lemma in other:
        return False  # "the woman" is no rival for "he"
    aged = low == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "year"  # "the 32-year-old"
    return aged or lemma in PERSON_NOUNS or lemma in MALE_WORDS | FEMALE_WORDS


def _untagged_name(tok, gender: str, antecedent_words: set[str]) -> bool:
    """Whether a proper noun no entity holds may be a person's name ("Djokovic", "Sutskever")."""
    text = tok.text
    if not text[:1].isupper() or text.isupper() or len(text) < 3 or not text.replace("-", "").isalpha():
        return False  # "FTX", "BP": an organisation's letters
    low = tok.lower_
    if low in CALENDAR_WORDS or country_of(text) is not None:
        return False
    if (gender == "m" and low in FEMALE_NAMES) or (gender == "f" and low in MALE_NAMES):
        return False
    # the last word of a name split by a hyphen ("Bankman-Fried") is the antecedent's when its first is
    parts = [t.lower_ for t in tok.subtree if t.tag_ == "NNP"]
    return not any(p in antecedent_words for p in parts)


__all__ = ["RIVAL_ROLES", "rival"]
