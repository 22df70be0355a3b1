"""Decomposition: one fact per part, from spaCy's dependency parse of the sentence.

Clause level (:func:`decompose`):

* coordinated clauses ("Putin arrived in Pyongyang and signed a treaty"): the second clause
  becomes its own claim, taking the first clause's subject when it has none;
* asides on a thing the sentence names (:mod:`factcheck.claims.asides`): relative clauses,
  "where"/"when" clauses, ages, appositives, participles and set-off figures, each a claim of its
  own ("Kim Il Sung, Kim Jong Un's grandfather,": "Kim Il Sung was Kim Jong Un's grandfather");
* clauses of simultaneity ("..., as Putin began his first visit in 24 years"): their own claim;
* a cause before ", so" ("Radio signals needed about 20 minutes to reach Earth, so the rover had
  landed before anyone knew it"), which the parser hangs on the result as its complement: its own
  claim;
* participle clauses of the same subject ("Argentina won the final, beating France 4-2"):
  "Argentina beat France 4-2", the participle in the tense of the verb it hangs on.

Asides are found first, so that a clause split off later leaves them out ("..., taking over
from Liz Truss, who quit after 45 days"), and a coordinated clause does not repeat one cut from it.

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

from factcheck.claims.asides import QUOTES, SUBJECTS, aside, subtree, with_commas
from factcheck.claims.figures import split_figures
from factcheck.claims.inflect import FINITE_TAGS, finite_form
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
#: Participles that open a phrase of time, scope or source rather than a second action.
_NOT_ACTIONS = frozenset(
    """including according following excluding regarding concerning considering beginning starting
    depending pending notwithstanding barring given""".split()
)
#: Participles of a result, whose doer is the event rather than the subject ("touched down ...,
#: making the country the fourth to land", "rose 6%, taking its market value above $2 trillion"):
#: such a clause stays with its sentence.
_RESULTS = frozenset("making giving leaving bringing taking pushing sending putting lifting".split())
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


def _close_brackets(items: Sequence) -> list:
    """``items`` with the closing bracket of each opening one it holds whole ("... Natural Language
    Processing (EMNLP" + ")"), when a cut after it took the bracket away ("(EMNLP), which is ...")."""
    out = list(items)
    kept = {t.i for t in out if not isinstance(t, str)}
    for t in [t for t in out if not isinstance(t, str) and t.text == "("]:
        close = next((c for c in t.doc[t.i + 1 : t.sent.end] if c.text in {"(", ")"}), None)
        if close is None or close.text != ")" or close.i in kept:
            continue
        if all(k in kept for k in range(t.i + 1, close.i)) and close.i > t.i + 1:
            at = next(n for n, x in enumerate(out) if not isinstance(x, str) and x.i == close.i - 1)
            out.insert(at + 1, close)
            kept.add(close.i)
    return out


def make_part(items: Sequence, offset: int, sentence_tokens: Sequence = ()) -> Part:
    items = _close_brackets(items)
    tokens = [t for t in items if not isinstance(t, str)]
    while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].i != tokens[-2].i + 1:
        tokens.pop()  # a full stop after a cut: the span ends with the fact's own words
    text, _ = render(items, offset, sentence_tokens=sentence_tokens)
    start = min(t.idx for t in tokens) - offset
    end = max(t.idx + len(t.text) for t in tokens) - offset
    return Part(finish(text), start, end, tuple(items))


def _participle(sent, tok, sub: set[int], removed: set[int]):
    """ "Argentina won ..., beating France 4-2": "Argentina beat France 4-2", when the participle
    opens the clause after a comma and the main verb is a plain finite verb with a subject."""
    root = tok.head
    if min(sub) != tok.i - sent.start or tok.lower_ in _NOT_ACTIONS or tok.i < root.i:
        return None
    if tok.lower_ in _RESULTS and not any(c.dep_ == "prt" for c in tok.children):
        return None  # (but "taking over from Liz Truss" is the subject's doing)
    if sent[min(sub) - 1].text != "," or any(c.dep_ in {"neg", "mark"} or c.dep_ in SUBJECTS for c in tok.children):
        return None
    if (
        root.tag_ not in FINITE_TAGS
        or root.lemma_ == "be"
        or any(c.dep_ in {"aux", "auxpass", "neg"} for c in root.children)
    ):
        return None  # ("His last visit was in 2000, meeting Kim Jong Il": it is he who met him)
    if any(
        t.tag_ == "PRP"
        and t.dep_ in {"dobj", "nsubj", "dative"}
        and (t.head == tok or (t.head.head == tok and t.head.dep_ != "ccomp"))
        for t in tok.subtree
    ):
        return None  # "won the vote, putting him on course to ...": it is the win that does (not "adding that he ...")
    if any(sent[k].text in QUOTES for k in sub):
        return None  # "..., saying: "...": a quotation stays with its sentence
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or (subject.pos_ == "PRON" and subject.lower_ in {"this", "that", "there", "it", "which"}):
        return None
    verb = finite_form(tok.lemma_, root.tag_)
    if verb is None:
        return None
    subj = [sent[k] for k in sorted(subtree(sent, subject) - removed)]
    rest = []
    for k in sorted(sub - removed):
        t = sent[k]
        # a participle coordinated with it takes the same form: "killing 12 and leaving ..." → "killed 12 and left ..."
        if t.dep_ == "conj" and t.head == tok and t.tag_ == "VBG":
            form = finite_form(t.lemma_, root.tag_)
            if form is None:
                return None
            rest.append(form)
        elif t != tok:
            rest.append(t)
    while rest and not isinstance(rest[-1], str) and rest[-1].text in {",", ";", ":", "-", "—"}:
        rest.pop()
    if not subj or len(rest) < 2:
        return None
    return [*subj, verb, *rest], False, with_commas(sent, sub)


def _adverbial(sent, tok, removed: set[int]):
    """ "..., as Putin began his first visit": a separate fact; "..., highlighting ...": analysis;
    "..., beating France 4-2": the subject's second action."""
    sub = subtree(sent, tok)
    marker = next((c for c in tok.children if c.dep_ == "mark"), None)
    subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    # "as it marked ...": a pronoun subject makes the clause a reason about the main one
    separate = subject is not None and subject.pos_ != "PRON"
    if marker is not None and marker.lower_ in _SEPARATE_MARKERS and separate and len(sub) >= 4:
        rest = [sent[k] for k in sorted(sub) if k != marker.i - sent.start]
        return rest, True, with_commas(sent, sub)
    if tok.tag_ == "VBG" and tok.lower_ in ANALYSIS_PARTICIPLES and min(sub) > 0:
        return None, False, with_commas(sent, sub)  # analysis, not fact
    if tok.tag_ == "VBG" and marker is None and min(sub) > 0:
        return _participle(sent, tok, sub, removed)
    return None


def _conjunct(sent, tok, root, removed: set[int]):
    """ "Putin arrived ... and signed a treaty": the second clause."""
    sub = subtree(sent, tok)
    if len(sub) < 3:
        return None
    cc = [c for c in root.children if c.dep_ == "cc" and c.i < tok.i]
    before = sent[min(sub) - 1] if min(sub) > 0 else None
    if not cc and before is not None and before.dep_ == "cc" and any(c.dep_ in SUBJECTS for c in tok.children):
        cc = [before]  # "... is a professor at Tsinghua University and his interests include ...": the
        # parser hangs the "and" on the object, but a clause with its own subject follows it
    if not cc:
        return None  # no "and"/"but": a misparse such as "Kim, visibly pleased, greeted Putin"
    clause = [sent[k] for k in sorted(sub - removed)]
    if not any(c.dep_ in SUBJECTS for c in tok.children):
        subj = next((c for c in root.children if c.dep_ in SUBJECTS), None)
        if subj is None or (subj.lower_ in {"this", "that", "there"} and subj.pos_ == "PRON"):
            return None
        if subj.lower_ == "it" and expletive(subj):
            return None  # "it is likely that ... and ...": no subject to share
        clause = [sent[k] for k in sorted(subtree(sent, subj))] + clause
    drop = set(sub) | {c.i - sent.start for c in cc if c.i - sent.start == min(sub) - 1}
    if min(drop) > 0 and sent[min(drop) - 1].text == ",":
        drop.add(min(drop) - 1)
    return clause, True, drop


def _result_cause(sent, tok, root, removed: set[int]):
    """ "Radio signals needed about 20 minutes to reach Earth, so the rover had landed before anyone
    knew it": the parser makes the first clause a complement of the second, which "so" marks; the
    first is a fact of its own (when the parse hangs it otherwise, the sentence stays whole)."""
    if tok.i > root.i or not any(c.dep_ in SUBJECTS for c in tok.children):
        return None
    sub = subtree(sent, tok)
    so = next((c for c in root.children if c.lower_ == "so" and c.dep_ in {"mark", "advmod", "cc"}), None)
    if so is None:
        return None
    at = so.i - sent.start
    comma = at - 1  # the comma before "so", which the parse may hang on either clause
    if comma < 1 or sent[comma].text != "," or max(sub - {comma}) != comma - 1:
        return None
    clause = [sent[k] for k in sorted(sub - removed - {comma})]
    return clause, True, set(sub) | {comma, at}


def _clauses(sent, skip_removed: set[int]) -> tuple[list, list[tuple[list, bool]]]:
    """The main clause's tokens and the split-off clauses (items, needs a finite verb)."""
    removed = set(skip_removed)
    extra: list[tuple[int, list, bool]] = []  # (where the clause starts, items, needs a finite verb)
    root = sent.root
    past = root.tag_ in _PAST_TAGS or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})
    # descriptions first, so that a clause split off later leaves them out ("..., taking over from
    # Liz Truss, who quit after 45 days": "Rishi Sunak took over from Liz Truss", "Liz Truss quit ...")
    clauses = sorted(sent, key=lambda t: t.dep_ in {"advcl", "conj"})
    for tok in clauses:
        if tok.i - sent.start in removed:
            continue
        found = aside(sent, tok, past, removed)
        if found is None and tok.dep_ == "advcl" and tok.head == root:
            found = _adverbial(sent, tok, removed)
        elif found is None and tok.dep_ == "conj" and tok.head == root and tok.pos_ in {"VERB", "AUX"}:
            found = _conjunct(sent, tok, root, removed)
        elif found is None and tok.dep_ == "ccomp" and tok.head == root:
            found = _result_cause(sent, tok, root, removed)
        if found is None:
            continue
        items, needs_verb, drop = found
        if items is not None:
            extra.append((min(drop), items, needs_verb))
        removed |= drop
    main = [sent[k] for k in range(len(sent)) if k not in removed and not sent[k].is_space]
    return main, [(items, needs_verb) for _, items, needs_verb in sorted(extra, key=lambda e: e[0])]


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
