"""Verb forms for the claims a split builds: "..., beating France 4-2" becomes "Argentina beat
France 4-2", so the participle takes the tense and person of the clause it hangs on.

A thin layer over ``lemminflect`` (English inflection tables, MIT); ``None`` where the table
has no form, so that a caller keeps the sentence as it was rather than write a wrong verb.
"""

from __future__ import annotations

from functools import lru_cache

#: Penn tags of a finite verb a participle's clause can take over.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


@lru_cache(maxsize=4096)
def finite_form(lemma: str, tag: str) -> str | None:
    """``lemma`` ("beat") in the finite form ``tag`` ("VBD" → "beat", "VBZ" → "beats")."""
    if tag not in FINITE_TAGS or not lemma.isalpha():
        return None
    from lemminflect import getInflection

    forms = getInflection(lemma.lower(), tag=tag)
    return forms[0] if forms else None


def copula(plural: bool, past: bool) -> str:
    """The copula for a subject of that number, in that tense."""
    return ("were" if plural else "was") if past else ("are" if plural else "is")


__all__ = ["FINITE_TAGS", "copula", "finite_form"]
