"""The items a split works on: the tokens of one sentence, in order, and the words a split adds
(plain strings); which of them are figures."""

from __future__ import annotations

#: spaCy entity labels of a figure.
QUANTITY_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})
#: "a year and a half", "an hour and a quarter": the fraction belongs to the first item.
FRACTION_WORDS = frozenset({"half", "quarter", "third"})


def is_token(x) -> bool:
    """Whether an item is a token of the sentence, not a word a split added."""
    return not isinstance(x, str)


def _figure_word(t) -> bool:
    return t.ent_type_ in QUANTITY_ENTS or (t.like_num and t.ent_type_ != "DATE")


def is_figure(t) -> bool:
    return is_token(t) and _figure_word(t)


def is_figure_np(tok) -> bool:
    """Whether a figure stands anywhere in ``tok``'s phrase."""
    return any(_figure_word(t) for t in tok.subtree)


__all__ = ["FRACTION_WORDS", "QUANTITY_ENTS", "is_figure", "is_figure_np", "is_token"]
