"""Decomposition: one fact per part, from spaCy's dependency parse of the sentence.

Clause level (:func:`decompose`):

* coordinated clauses ("Putin arrived in Pyongyang and signed a treaty"): the second clause
  becomes its own claim, taking the first clause's subject when it has none;
* non-restrictive relative clauses ("the treaty, which includes a defence clause,"): "the treaty
  includes a defence clause" (only where the relative pronoun is the clause's subject);
* "where" and "when" clauses after a named place or a date ("from Johannesburg, where he was
  attending a summit"): "he was attending a summit in Johannesburg";
* ages set off after a name ("Medvedev, 27, joked"): "Medvedev is 27 years old";
* appositives ("Kim Il Sung, Kim Jong Un's grandfather,"): "Kim Il Sung was Kim Jong Un's
  grandfather";
* clauses of simultaneity ("..., as Putin began his first visit in 24 years"): their own claim;
* participle clauses of the same subject ("Argentina won the final, beating France 4-2"):
  "Argentina beat France 4-2", the participle in the tense of the verb it hangs on;
* participles describing a name ("The Conservatives, led by Rishi Sunak,"): "The Conservatives
  were led by Rishi Sunak", or set off after any thing ("the women's record of 2:11:53, set in
  Berlin two weeks ago"): "The women's record of 2:11:53 was set in Berlin two weeks ago".

A description takes with it what the parse hung outside it before its closing comma ("the
shrine, which honours Japan's war dead, including leaders ..."), and a coordinated clause does
not repeat a description cut from it.

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
from factcheck.claims.inflect import FINITE_TAGS, copula, finite_form
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
#: Participles that open a phrase of time, scope or source rather than a second action.
_NOT_ACTIONS = frozenset(
    """including according following excluding regarding concerning considering beginning starting
    depending pending notwithstanding barring given""".split()
)
#: Participles of a result, whose doer is the event rather than the subject ("touched down ...,
#: making the country the fourth to land", "rose 6%, taking its market value above $2 trillion"):
#: such a clause stays with its sentence.
_RESULTS = frozenset("making giving leaving bringing taking pushing sending putting lifting".split())
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Participles that name or age a thing rather than tell what happened to it.
_NAMING = frozenset("call name know dub title entitle label term age".split())
_QUOTES = frozenset({'"', "“", "”"})
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


def _between_commas(sent, sub: set[int]) -> bool:
    """Whether the tokens ``sub`` (indices into ``sent``) stand between a comma and a comma."""
    lo, hi = min(sub), max(sub)
    return lo > 0 and sent[lo - 1].text == "," and hi + 1 < len(sent) and sent[hi + 1].text == ","


def _name_of(head) -> list:
    """The words of the name ``head`` ends ("Kim Il Sung"): its compounds and itself."""
    return [t for t in head.lefts if t.dep_ in {"compound", "flat"}] + [head]


def _subtree(sent, token) -> set[int]:
    start = sent.start
    return {t.i - start for t in token.subtree if sent.start <= t.i < sent.end}


def _description(sent, tok) -> set[int]:
    """The tokens of the description ``tok`` opens after a comma, with what the parser hung
    elsewhere before its closing comma: "the Yasukuni shrine, which honours Japan's war dead,
    including leaders ...", "the Serum Institute, the world's biggest vaccine maker by number of
    doses, using ..." (a phrase of the head, or of a preposition, that the parse left outside)."""
    sub = _subtree(sent, tok)
    hi = max(sub)
    if hi + 2 < len(sent) and sent[hi + 1].text == ",":
        nxt = sent[hi + 2]
        if nxt.lower_ == "including" and nxt.head == tok.head:
            return sub | {hi + 1} | _subtree(sent, nxt)
        return sub
    close = next((k for k in range(hi + 1, min(hi + 8, len(sent))) if sent[k].text == ","), None)
    if close is None or close == hi + 1:
        return sub
    gap = set(range(hi + 1, close))
    heads = [sent[k] for k in gap if sent[k].head.i - sent.start not in gap]
    if all(h.pos_ == "ADP" for h in heads) and set().union(*(_subtree(sent, h) for h in heads)) == gap:
        return sub | gap
    return sub


def _described_phrase(sent, tok, sub: set[int], removed: set[int]) -> list[int]:
    """The phrase that the clause ``tok`` (its tokens ``sub``) describes, up to the clause and
    without its comma ("Kim, who ...": "Kim"): indices into ``sent``, less those already cut."""
    head_tokens = [k for k in sorted(_subtree(sent, tok.head) - sub - removed) if k < min(sub)]
    while head_tokens and sent[head_tokens[-1]].is_punct:
        head_tokens.pop()
    return head_tokens


def _relative(sent, tok, removed: set[int]):
    """ "X, which Y": a separate fact about X, when "which"/"who" is the clause's subject."""
    sub = _description(sent, tok)
    first = sent[min(sub)]
    if first.lower_ not in _RELATIVE_PRONOUNS or first.dep_ not in SUBJECTS or min(sub) == 0:
        return None
    if sent[min(sub) - 1].text != ",":
        return None  # restrictive: "the man who won" is one fact
    head_tokens = _described_phrase(sent, tok, sub, removed)
    rest = [sent[k] for k in sorted(sub) if k != min(sub)]
    if rest and rest[0].text == ",":  # "which, unlike previous documents, did not ..."
        close = next((k for k in range(1, len(rest)) if rest[k].text == ","), None)
        rest = rest[close + 1 :] if close is not None else rest[1:]
    if not head_tokens or len(rest) < 2:
        return None
    return [sent[k] for k in head_tokens] + rest, True, _with_commas(sent, sub)


_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _where_when(sent, tok, removed: set[int]):
    """ "watched from Johannesburg, where he was attending a summit": "he was attending a summit
    in Johannesburg"; "met in 2018, when France won 4-3": "France won 4-3 in 2018". Only for a
    named place or a date: "a video call, where ..." and "from minus 0.1 percent, where it had
    stood" say no place."""
    sub = _subtree(sent, tok)
    lo = min(sub)
    first, head = sent[lo], tok.head
    if lo == 0 or sent[lo - 1].text != "," or first.dep_ != "advmod":
        return None
    if head.ent_type_ not in (_PLACE_ENTS if first.lower_ == "where" else {"DATE"}):
        return None
    phrase = [sent[k] for k in _described_phrase(sent, tok, sub, removed)]
    phrase = [t for t in phrase if t.i >= min((x.i for x in head.subtree), default=head.i)]
    rest = [sent[k] for k in sorted(sub) if k != lo]
    if not phrase or len(rest) < 2 or any(t.text in {'"', "“", "”"} for t in rest):
        return None
    prep = head.head if head.dep_ == "pobj" else None
    if first.lower_ == "where":
        link = prep.lower_ if prep is not None and prep.lower_ in {"in", "at"} else "in"
    else:
        link = prep.lower_ if prep is not None and prep.lower_ in {"in", "on", "at", "during"} else None
        if link is None and head.dep_ not in {"npadvmod", "pobj"}:
            return None
    while rest and not isinstance(rest[-1], str) and rest[-1].is_punct:
        rest.pop()
    drop = _with_commas(sent, sub)
    if (prep if prep is not None else head).i == sent.start:
        drop = sub | {lo - 1}  # "In Turkey, where ..., President Erdogan": the fronted phrase keeps its comma
    return [*rest, *([link] if link else []), *phrase], True, drop


def _appositive(sent, tok, past: bool):
    """ "Kim Il Sung, Kim Jong Un's grandfather,": X was Y."""
    sub = _description(sent, tok)
    if min(sub) == 0 or sent[min(sub) - 1].text != "," or len(sub) < 2:
        return None
    head = tok.head
    if any(t.dep_ == "conj" and t.pos_ == "PROPN" for t in tok.subtree):
        return None  # names in a list ("Black Celebration, Music for the Masses, Violator, ..."), not a description
    name = _name_of(head)
    if any(t.i - sent.start in sub for t in name):
        return None
    if min(sub) - 2 not in _subtree(sent, head):
        return None  # "The Conservatives were reduced to 121 seats, their worst result": not about them (a misparse)
    return name + [copula(False, past)] + [sent[k] for k in sorted(sub)], False, _with_commas(sent, sub)


def _age(sent, tok):
    """ "Medvedev, 27, joked ...": "Medvedev joked ..." and "Medvedev is 27 years old"; ``tok``: a
    number from 1 to 120 set off after a name ("Aldrin, now 94,": "Aldrin is now 94 years old")."""
    sub = _subtree(sent, tok)
    if not _between_commas(sent, sub) or not tok.text.isdigit() or not 1 <= int(tok.text) <= 120 or len(sub) > 2:
        return None
    words = [sent[k] for k in sorted(sub) if sent[k].lower_ != "aged"]
    if len(words) == 2 and words[0].lower_ != "now":
        return None  # "Kim, about 40,": not an age the sentence states
    return [*_name_of(tok.head), copula(False, False), *words, "years old"], False, _with_commas(sent, sub)


def _named_holder(sent, tok, past: bool):
    """ "Austria's central bank governor, Robert Holzmann, was the only ...": the name for its
    post in the sentence ("Robert Holzmann was the only ...") and "Robert Holzmann was Austria's
    central bank governor"; ``tok``: the name set off after the post that is the clause's subject."""
    head = tok.head
    name = _subtree(sent, tok)
    lo, hi = min(name), max(name)
    if lo < 2 or not _between_commas(sent, name):
        return None
    if any(sent[k].pos_ != "PROPN" and sent[k].text != "-" for k in name):
        return None  # "the minister, Kono, who ...": the name alone, nothing said of it
    post = sorted(k for k in _subtree(sent, head) - name if k < lo - 1)
    if not post or post[-1] != lo - 2 or post != list(range(post[0], lo - 1)):
        return None
    if any(sent[k].lower_ in {"its", "their"} for k in post):
        return None  # "..., its chief executive, Joseph Blount, said": whose, only the sentence says
    return (
        [sent[k] for k in sorted(name)] + [copula(False, past)] + [sent[k] for k in post],
        False,
        set(post) | {lo - 1, hi + 1},
    )


def _described(sent, tok, past: bool, removed: set[int]):
    """ "The Conservatives, led by Rishi Sunak, were ...": "The Conservatives were led by Rishi Sunak"."""
    sub = _subtree(sent, tok)
    if not _between_commas(sent, sub) or len(sub) < 3:
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens or tok.head.i - sent.start not in head_tokens:
        return None
    plural = tok.head.tag_ in {"NNS", "NNPS"}
    return (
        [sent[k] for k in head_tokens] + [copula(plural, past)] + [sent[k] for k in sorted(sub)],
        False,
        _with_commas(sent, sub),
    )


def _reduced_relative(sent, tok, past: bool, removed: set[int]):
    """A participle set off after a thing, telling a fact of its own about it ("the women's record
    of 2:11:53, set in Berlin two weeks ago": "The women's record of 2:11:53 was set in Berlin two
    weeks ago"; "The acquisition, first announced in January 2022, is ..."): in the past tense when
    the sentence or the participle's own phrase is dated.  Not a naming ("the headset, called
    Vision Pro,") nor an age.  A restrictive participle ("a deal valued at about $44 billion")
    stays: it says which thing, and alone it would name nothing."""
    sub = _subtree(sent, tok)
    lo, hi = min(sub), max(sub)
    if tok.lemma_.lower() in _NAMING or lo == 0 or len(sub) < 3 or any(sent[k].text in _QUOTES for k in sub):
        return None
    closed = hi + 1 >= len(sent) or sent[hi + 1].text == "," or (hi + 2 >= len(sent) and sent[hi + 1].is_punct)
    if sent[lo - 1].text != "," or not closed:
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens or tok.head.i - sent.start not in head_tokens or head_tokens[-1] != lo - 2:
        return None
    if sent[head_tokens[0]].pos_ in {"ADP", "CCONJ", "SCONJ"}:
        return None  # a misparse that reaches across the sentence
    plural = tok.head.tag_ in {"NNS", "NNPS"}
    dated = past or any(sent[k].ent_type_ == "DATE" or sent[k].lower_ == "ago" for k in sub)
    items = [sent[k] for k in head_tokens]
    return [*items, copula(plural, dated), *(sent[k] for k in sorted(sub))], False, _with_commas(sent, sub)


def _untagged_holder(tok) -> bool:
    """A name the recogniser did not tag, described by a post or a kind of organisation ("Jaya
    Verma Sinha, a senior Railway Board official,"): a person or an organisation all the same."""
    return not tok.head.ent_type_ and tok.pos_ == "NOUN" and tok.lemma_.lower() in _HOLDER_NOUNS


def _known_as(sent, tok, removed: set[int]):
    """ "Sinking sand, also known as quicksand, is ...": "Sinking sand is also known as quicksand"."""
    sub = _subtree(sent, tok)
    if min(sub) == 0 or sent[min(sub) - 1].text != "," or not any(c.lower_ == "as" for c in tok.children):
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens:
        return None
    return [sent[k] for k in head_tokens] + ["is"] + [sent[k] for k in sorted(sub)], False, _with_commas(sent, sub)


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
        t.tag_ == "PRP" and t.dep_ in {"dobj", "nsubj", "dative"} and tok in (t.head, t.head.head) for t in tok.subtree
    ):
        return None  # "won the vote, putting him on course to ...": it is the win that does
    if any(sent[k].text in {'"', "“", "”"} for k in sub):
        return None  # "..., saying: "...": a quotation stays with its sentence
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or (subject.pos_ == "PRON" and subject.lower_ in {"this", "that", "there", "it", "which"}):
        return None
    verb = finite_form(tok.lemma_, root.tag_)
    if verb is None:
        return None
    subj = [sent[k] for k in sorted(_subtree(sent, subject) - removed)]
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
    return [*subj, verb, *rest], False, _with_commas(sent, sub)


def _adverbial(sent, tok, removed: set[int]):
    """ "..., as Putin began his first visit": a separate fact; "..., highlighting ...": analysis;
    "..., beating France 4-2": the subject's second action."""
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
    if tok.tag_ == "VBG" and marker is None and min(sub) > 0:
        return _participle(sent, tok, sub, removed)
    return None


def _conjunct(sent, tok, root, removed: set[int]):
    """ "Putin arrived ... and signed a treaty": the second clause."""
    sub = _subtree(sent, tok)
    if len(sub) < 3:
        return None
    cc = [c for c in root.children if c.dep_ == "cc" and c.i < tok.i]
    if not cc:
        return None  # no "and"/"but": a misparse such as "Kim, visibly pleased, greeted Putin"
    clause = [sent[k] for k in sorted(sub - removed)]
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
    extra: list[tuple[int, list, bool]] = []  # (where the clause starts, items, needs a finite verb)
    root = sent.root
    past = root.tag_ in _PAST_TAGS or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})
    # descriptions first, so that a clause split off later leaves them out ("..., taking over from
    # Liz Truss, who quit after 45 days": "Rishi Sunak took over from Liz Truss", "Liz Truss quit ...")
    clauses = sorted(sent, key=lambda t: t.dep_ in {"advcl", "conj"})
    for tok in clauses:
        if tok.i - sent.start in removed:
            continue
        found = None
        if tok.dep_ == "relcl" and sent[min(_subtree(sent, tok))].lower_ in {"where", "when"}:
            found = _where_when(sent, tok, removed)
        elif tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.ent_type_ not in _NOT_ANTECEDENTS:
            found = _relative(sent, tok, removed)
        elif (
            tok.dep_ == "appos"
            and tok.head.pos_ == "PROPN"
            and (tok.head.ent_type_ in _APPOSITIVE_HEADS or _untagged_holder(tok))
            and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
        ):
            found = _appositive(sent, tok, past)
        elif (
            tok.dep_ == "appos"
            and tok.like_num
            and tok.head.pos_ == "PROPN"
            and tok.head.ent_type_ not in {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
        ):
            found = _age(sent, tok)
        elif (
            tok.dep_ == "appos"
            and tok.ent_type_ == "PERSON"
            and tok.head.pos_ == "NOUN"
            and tok.head.dep_ in SUBJECTS
            and not tok.head.ent_type_
            and tok.head.lemma_.lower() in PERSON_NOUNS
        ):
            found = _named_holder(sent, tok, past)
        elif tok.dep_ == "acl" and tok.lower_ == "known" and tok.head.pos_ in {"NOUN", "PROPN"}:
            found = _known_as(sent, tok, removed)
        elif tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ in SUBJECTS and tok.head.ent_type_:
            found = _described(sent, tok, past, removed)
        elif (
            tok.dep_ == "acl"
            and tok.tag_ == "VBN"
            and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.head.dep_ != "ROOT"
            and tok.head.ent_type_ not in _NOT_ANTECEDENTS
        ):
            found = _reduced_relative(sent, tok, past, removed)
        elif tok.dep_ == "advcl" and tok.head == root:
            found = _adverbial(sent, tok, removed)
        elif tok.dep_ == "conj" and tok.head == root and tok.pos_ in {"VERB", "AUX"}:
            found = _conjunct(sent, tok, root, removed)
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
