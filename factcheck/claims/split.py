"""Decomposition: one fact per part, from spaCy's dependency parse of the sentence.

Clause level (:func:`decompose`):

* coordinated clauses ("Putin arrived in Pyongyang and signed a treaty"): the second clause
  becomes its own claim, taking the first clause's subject when it has none;
* non-restrictive relative clauses ("the treaty, which includes a defence clause,"): "the treaty
  includes a defence clause" (only where the relative pronoun is the clause's subject);
* appositives ("Kim Il Sung, Kim Jong Un's grandfather,"): "Kim Il Sung was Kim Jong Un's
  grandfather";
* clauses of simultaneity ("..., as Putin began his first visit in 24 years"): their own claim.

Analysis hung on a fact by a participle ("..., highlighting the enduring relationship") is cut
from the fact (:data:`ANALYSIS_PARTICIPLES`).  Each clause is then split by figure and by party
(:mod:`factcheck.claims.figures`): apposed measures, coordinated figures, lists of parties.  A
sentence with one fact stays one part.

A :class:`Part` is the list of the sentence's tokens it keeps, in order (plus any word it adds,
such as the copula of an appositive), so the resolver's edits, made once per sentence, apply to
every part (:func:`factcheck.claims.render.render`), and the part's span is the range of its
tokens in the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.claims.figures import split_figures
from factcheck.claims.lexicon import ORG_NOUNS, PERSON_NOUNS
from factcheck.claims.render import finish, render
from factcheck.claims.resolve import expletive

#: Participles that attach analysis to a fact ("..., highlighting the deep ties"); the clause
#: they open is not part of the factual claim.
ANALYSIS_PARTICIPLES = frozenset(
    """highlighting underscoring underlining signalling signaling reflecting showing suggesting
    demonstrating illustrating emphasising emphasizing symbolising symbolizing showcasing
    indicating cementing deepening marking""".split()
)
#: Markers of a subordinate clause that states a separate, simultaneous fact.
_SEPARATE_MARKERS = frozenset({"as", "while", "whereas", "although", "though", "because"})
_RELATIVE_PRONOUNS = frozenset({"which", "who"})
#: A relative clause hung on a date or a number is a misparse ("the treaty of February 2000, which ...").
_NOT_ANTECEDENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
#: Named things an appositive may describe ("Kim Il Sung, Kim Jong Un's grandfather,").
_APPOSITIVE_HEADS = frozenset({"PERSON", "ORG", "GPE", "FAC", "NORP", "LOC", "EVENT", "PRODUCT"})
#: Nouns an apposition of an untagged name may be: a post or a kind of organisation.
_HOLDER_NOUNS = PERSON_NOUNS | ORG_NOUNS
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


@dataclass(frozen=True, slots=True)
class Part:
    """One fact of a sentence: its plain text, the sentence offsets it was built from, and its
    items (the sentence's tokens it keeps, in order, or words it adds)."""

    text: str
    start: int  # offsets into the sentence text
    end: int
    items: tuple = ()


def _finite(tokens: Sequence) -> bool:
    """Whether the tokens hold a finite verb ("greeted", "has faced", "is"): a statement, not a
    fragment such as "Kim Jong Un, visibly pleased"."""
    return any(not isinstance(t, str) and t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in tokens)


def make_part(items: Sequence, offset: int, sentence_tokens: Sequence = ()) -> Part:
    tokens = [t for t in items if not isinstance(t, str)]
    while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].i != tokens[-2].i + 1:
        tokens.pop()  # a full stop after a cut: the span ends with the fact's own words
    text, _ = render(items, offset, sentence_tokens=sentence_tokens)
    start = min(t.idx for t in tokens) - offset
    end = max(t.idx + len(t.text) for t in tokens) - offset
    return Part(finish(text), start, end, tuple(items))


def _with_commas(sent, tokens: set[int]) -> set[int]:
    """``tokens`` (indices into ``sent``) plus the comma just before and the comma just after."""
    lo, hi = min(tokens), max(tokens)
    out = set(tokens)
    if lo > 0 and sent[lo - 1].text == ",":
        out.add(lo - 1)
    if hi + 1 < len(sent) and sent[hi + 1].text == ",":
        out.add(hi + 1)
    return out


def _subtree(sent, token) -> set[int]:
    start = sent.start
    return {t.i - start for t in token.subtree if sent.start <= t.i < sent.end}


def _relative(sent, tok, removed: set[int]):
    """ "X, which Y": a separate fact about X, when "which"/"who" is the clause's subject."""
    sub = _subtree(sent, tok)
    first = sent[min(sub)]
    if first.lower_ not in _RELATIVE_PRONOUNS or first.dep_ not in SUBJECTS or min(sub) == 0:
        return None
    if sent[min(sub) - 1].text != ",":
        return None  # restrictive: "the man who won" is one fact
    head_tokens = [k for k in sorted(_subtree(sent, tok.head) - sub - removed) if k < min(sub)]
    rest = [sent[k] for k in sorted(sub) if k != min(sub)]
    if rest and rest[0].text == ",":  # "which, unlike previous documents, did not ..."
        close = next((k for k in range(1, len(rest)) if rest[k].text == ","), None)
        rest = rest[close + 1 :] if close is not None else rest[1:]
    while head_tokens and sent[head_tokens[-1]].is_punct:
        head_tokens.pop()  # "Kim, who ...": the subject without its comma
    if not head_tokens or len(rest) < 2:
        return None
    return [sent[k] for k in head_tokens] + rest, True, _with_commas(sent, sub)


def _appositive(sent, tok, past: bool):
    """ "Kim Il Sung, Kim Jong Un's grandfather,": X was Y."""
    sub = _subtree(sent, tok)
    if min(sub) == 0 or sent[min(sub) - 1].text != "," or len(sub) < 2:
        return None
    head = tok.head
    if any(t.dep_ == "conj" and t.pos_ == "PROPN" for t in tok.subtree):
        return None  # names in a list ("Black Celebration, Music for the Masses, Violator, ..."), not a description
    name = [t for t in head.lefts if t.dep_ in {"compound", "flat"}] + [head]
    if any(t.i - sent.start in sub for t in name):
        return None
    copula = "was" if past else "is"
    return name + [copula] + [sent[k] for k in sorted(sub)], False, _with_commas(sent, sub)


def _untagged_holder(tok) -> bool:
    """A name the recogniser did not tag, described by a post or a kind of organisation ("Jaya
    Verma Sinha, a senior Railway Board official,"): a person or an organisation all the same."""
    return not tok.head.ent_type_ and tok.pos_ == "NOUN" and tok.lemma_.lower() in _HOLDER_NOUNS


def _known_as(sent, tok, removed: set[int]):
    """ "Sinking sand, also known as quicksand, is ...": "Sinking sand is also known as quicksand"."""
    sub = _subtree(sent, tok)
    if min(sub) == 0 or sent[min(sub) - 1].text != "," or not any(c.lower_ == "as" for c in tok.children):
        return None
    head_tokens = [k for k in sorted(_subtree(sent, tok.head) - sub - removed) if k < min(sub)]
    while head_tokens and sent[head_tokens[-1]].is_punct:
        head_tokens.pop()
    if not head_tokens:
        return None
    return [sent[k] for k in head_tokens] + ["is"] + [sent[k] for k in sorted(sub)], False, _with_commas(sent, sub)


def _adverbial(sent, tok):
    """ "..., as Putin began his first visit": a separate fact; "..., highlighting ...": analysis."""
    sub = _subtree(sent, tok)
    marker = next((c for c in tok.children if c.dep_ == "mark"), None)
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    # "as it marked ...": a pronoun subject makes the clause a reason about the main one
    separate = subject is not None and subject.pos_ != "PRON"
    if marker is not None and marker.lower_ in _SEPARATE_MARKERS and separate and len(sub) >= 4:
        rest = [sent[k] for k in sorted(sub) if k != marker.i - sent.start]
        return rest, True, _with_commas(sent, sub)
    if tok.tag_ == "VBG" and tok.lower_ in ANALYSIS_PARTICIPLES and min(sub) > 0:
        return None, False, _with_commas(sent, sub)  # analysis, not fact
    return None


def _conjunct(sent, tok, root):
    """ "Putin arrived ... and signed a treaty": the second clause."""
    sub = _subtree(sent, tok)
    if len(sub) < 3:
        return None
    cc = [c for c in root.children if c.dep_ == "cc" and c.i < tok.i]
    if not cc:
        return None  # no "and"/"but": a misparse such as "Kim, visibly pleased, greeted Putin"
    clause = [sent[k] for k in sorted(sub)]
    if not any(c.dep_ in SUBJECTS for c in tok.children):
        subj = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        if subj is None or (subj.lower_ in {"this", "that", "there"} and subj.pos_ == "PRON"):
            return None
        if subj.lower_ == "it" and expletive(subj):
            return None  # "it is likely that ... and ...": no subject to share
        clause = [sent[k] for k in sorted(_subtree(sent, subj))] + clause
    drop = set(sub) | {c.i - sent.start for c in cc if c.i - sent.start == min(sub) - 1}
    if min(drop) > 0 and sent[min(drop) - 1].text == ",":
        drop.add(min(drop) - 1)
    return clause, True, drop


def _clauses(sent, skip_removed: set[int]) -> tuple[list, list[tuple[list, bool]]]:
    """The main clause's tokens and the split-off clauses (items, needs a finite verb)."""
    removed = set(skip_removed)
    extra: list[tuple[list, bool]] = []
    root = sent.root
    past = root.tag_ in _PAST_TAGS or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})
    for tok in sent:
        if tok.i - sent.start in removed:
            continue
        found = None
        if tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.ent_type_ not in _NOT_ANTECEDENTS:
            found = _relative(sent, tok, removed)
        elif (
            tok.dep_ == "appos"
            and tok.head.pos_ == "PROPN"
            and (tok.head.ent_type_ in _APPOSITIVE_HEADS or _untagged_holder(tok))
            and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
        ):
            found = _appositive(sent, tok, past)
        elif tok.dep_ == "acl" and tok.lower_ == "known" and tok.head.pos_ in {"NOUN", "PROPN"}:
            found = _known_as(sent, tok, removed)
        elif tok.dep_ == "advcl" and tok.head == root:
            found = _adverbial(sent, tok)
        elif tok.dep_ == "conj" and tok.head == root and tok.pos_ in {"VERB", "AUX"}:
            found = _conjunct(sent, tok, root)
        if found is None:
            continue
        items, needs_verb, drop = found
        if items is not None:
            extra.append((items, needs_verb))
        removed |= drop
    main = [sent[k] for k in range(len(sent)) if k not in removed and not sent[k].is_space]
    return main, extra


def decompose(sent, offset: int, *, skip: int = 0, figures: bool = True) -> list[Part]:
    """Parts of the spaCy sentence ``sent``; ``offset`` is the document offset of the sentence text
    (so part offsets are into the sentence text) and tokens before ``skip`` (a dateline) are left
    out.  The first part is the main clause.  ``figures``: also split by figure and party."""
    tokens = list(sent)
    kept = [t for t in tokens if t.idx - offset >= skip and not t.is_space]
    if not kept:
        return []
    if len(sent) < 6:
        return [make_part(kept, offset, tokens)]
    main, extra = _clauses(sent, {t.i - sent.start for t in sent if t.idx - offset < skip})
    clauses: list[list] = []
    if main and _finite(main):
        clauses.append(main)
    for items, needs_verb in extra:
        if _finite(items) or not needs_verb:
            clauses.append(items)
    parts = []
    for items in clauses:
        for piece in split_figures(items) if figures else [items]:
            part = make_part(piece, offset, tokens)
            if len(part.text.split()) >= 4 and part.text not in {p.text for p in parts}:
                parts.append(part)
    return parts or [make_part(kept, offset, tokens)]


__all__ = ["ANALYSIS_PARTICIPLES", "Part", "decompose", "make_part"]
