"""Asides: what a sentence says on the side of a thing it names, as a fact of its own.

Each finder takes a spaCy sentence and the token that opens the aside, and returns ``(items,
needs a finite verb, indices to drop from the main clause)`` or ``None``:

* non-restrictive relative clauses ("the treaty, which includes a defence clause,"): "the treaty
  includes a defence clause" (only where the relative pronoun is the clause's subject);
* "where" and "when" clauses after a named place or a date ("from Johannesburg, where he was
  attending a summit"): "he was attending a summit in Johannesburg";
* ages set off after a name ("Medvedev, 27, joked"): "Medvedev is 27 years old";
* appositives ("Kim Il Sung, Kim Jong Un's grandfather,"): "Kim Il Sung was Kim Jong Un's
  grandfather", and a post before a name ("Austria's central bank governor, Robert Holzmann, was ...");
* participles describing a name ("The Conservatives, led by Rishi Sunak,"): "The Conservatives
  were led by Rishi Sunak", or set off after any thing ("the women's record of 2:11:53, set in
  Berlin two weeks ago"): "The women's record of 2:11:53 was set in Berlin two weeks ago";
* a figure set off in an adjective ("The plan, worth about £45 billion,"): "The plan was worth
  about £45 billion"; "known as" set off by commas.

An aside takes with it what the parse hung outside it before its closing comma ("the shrine,
which honours Japan's war dead, including leaders ..."). Token positions are indices into the
sentence (``token.i - sent.start``).
"""

from __future__ import annotations

from factcheck.claims.inflect import copula
from factcheck.claims.items import QUANTITY_ENTS
from factcheck.claims.lexicon import ORG_NOUNS, PERSON_NOUNS
from factcheck.claims.times import WEEKDAYS
from factcheck.text import MONTH_NAMES

_RELATIVE_PRONOUNS = frozenset({"which", "who"})
#: A relative clause hung on a date or a number is a misparse ("the treaty of February 2000, which ...").
_NOT_ANTECEDENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
#: Named things an appositive may describe ("Kim Il Sung, Kim Jong Un's grandfather,").
_APPOSITIVE_HEADS = frozenset({"PERSON", "ORG", "GPE", "FAC", "NORP", "LOC", "EVENT", "PRODUCT"})
#: Nouns an apposition of an untagged name may be: a post or a kind of organisation.
_HOLDER_NOUNS = PERSON_NOUNS | ORG_NOUNS
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
#: Participles that name or age a thing rather than tell what happened to it.
_NAMING = frozenset("call name know dub title entitle label term age".split())
QUOTES = frozenset({'"', "“", "”"})
#: Entities a "where" clause may follow.
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def with_commas(sent, tokens: set[int]) -> set[int]:
    """``tokens`` (indices into ``sent``) plus the comma just before and the comma just after."""
    lo, hi = min(tokens), max(tokens)
    out = set(tokens)
    if lo > 0 and sent[lo - 1].text == ",":
        out.add(lo - 1)
    if hi + 1 < len(sent) and sent[hi + 1].text == ",":
        out.add(hi + 1)
    return out


def between_commas(sent, sub: set[int]) -> bool:
    """Whether the tokens ``sub`` (indices into ``sent``) stand between a comma and a comma."""
    lo, hi = min(sub), max(sub)
    return lo > 0 and sent[lo - 1].text == "," and hi + 1 < len(sent) and sent[hi + 1].text == ","


def name_of(head) -> list:
    """The words of the name ``head`` ends ("Kim Il Sung", "General Jean-Claude Gallet"): its
    compounds (with theirs) and itself."""
    words = sorted({t for c in head.lefts if c.dep_ in {"compound", "flat"} for t in c.subtree}, key=lambda t: t.i)
    return [*words, head]


def subtree(sent, token) -> set[int]:
    start = sent.start
    return {t.i - start for t in token.subtree if sent.start <= t.i < sent.end}


def _description(sent, tok) -> set[int]:
    """The tokens of the description ``tok`` opens after a comma, with what the parser hung
    elsewhere before its closing comma: "the Yasukuni shrine, which honours Japan's war dead,
    including leaders ...", "the Serum Institute, the world's biggest vaccine maker by number of
    doses, using ..." (a phrase of the head, or of a preposition, that the parse left outside)."""
    sub = subtree(sent, tok)
    hi = max(sub)
    if hi + 2 < len(sent) and sent[hi + 1].text == ",":
        nxt = sent[hi + 2]
        if nxt.lower_ == "including" and nxt.head == tok.head:
            return sub | {hi + 1} | subtree(sent, nxt)
        return sub
    close = next((k for k in range(hi + 1, min(hi + 8, len(sent))) if sent[k].text == ","), None)
    if close is None or close == hi + 1:
        return sub
    gap = set(range(hi + 1, close))
    heads = [sent[k] for k in gap if sent[k].head.i - sent.start not in gap]
    if all(h.pos_ == "ADP" for h in heads) and set().union(*(subtree(sent, h) for h in heads)) == gap:
        return sub | gap
    return sub


def _described_phrase(sent, tok, sub: set[int], removed: set[int]) -> list[int]:
    """The phrase that the clause ``tok`` (its tokens ``sub``) describes, up to the clause and
    without its comma ("Kim, who ...": "Kim"): indices into ``sent``, less those already cut."""
    head_tokens = [k for k in sorted(subtree(sent, tok.head) - sub - removed) if k < min(sub)]
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
    return [sent[k] for k in head_tokens] + rest, True, with_commas(sent, sub)


def _where_when(sent, tok, removed: set[int]):
    """ "watched from Johannesburg, where he was attending a summit": "he was attending a summit
    in Johannesburg"; "met in 2018, when France won 4-3": "France won 4-3 in 2018". Only for a
    named place or a date: "a video call, where ..." and "from minus 0.1 percent, where it had
    stood" say no place."""
    sub = subtree(sent, tok)
    lo = min(sub)
    first, head = sent[lo], tok.head
    if lo == 0 or sent[lo - 1].text != "," or first.dep_ != "advmod":
        return None
    if head.ent_type_ not in (_PLACE_ENTS if first.lower_ == "where" else {"DATE"}):
        return None
    phrase = [sent[k] for k in _described_phrase(sent, tok, sub, removed)]
    phrase = [t for t in phrase if t.i >= min((x.i for x in head.subtree), default=head.i)]
    rest = [sent[k] for k in sorted(sub) if k != lo]
    if not phrase or len(rest) < 2 or any(t.text in QUOTES for t in rest):
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
    drop = with_commas(sent, sub)
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
    name = name_of(head)
    if any(t.i - sent.start in sub for t in name):
        return None
    if min(sub) - 2 not in subtree(sent, head):
        return None  # "The Conservatives were reduced to 121 seats, their worst result": not about them (a misparse)
    return name + [copula(False, past)] + [sent[k] for k in sorted(sub)], False, with_commas(sent, sub)


def _age(sent, tok):
    """ "Medvedev, 27, joked ...": "Medvedev joked ..." and "Medvedev is 27 years old"; ``tok``: a
    number from 1 to 120 set off after a name ("Aldrin, now 94,": "Aldrin is now 94 years old")."""
    sub = subtree(sent, tok)
    if not between_commas(sent, sub) or not tok.text.isdigit() or not 1 <= int(tok.text) <= 120 or len(sub) > 2:
        return None
    words = [sent[k] for k in sorted(sub) if sent[k].lower_ != "aged"]
    if len(words) == 2 and words[0].lower_ != "now":
        return None  # "Kim, about 40,": not an age the sentence states
    return [*name_of(tok.head), copula(False, False), *words, "years old"], False, with_commas(sent, sub)


def _named_holder(sent, tok, past: bool):
    """ "Austria's central bank governor, Robert Holzmann, was the only ...": the name for its
    post in the sentence ("Robert Holzmann was the only ...") and "Robert Holzmann was Austria's
    central bank governor"; ``tok``: the name set off after the post that is the clause's subject."""
    head = tok.head
    name = subtree(sent, tok)
    lo, hi = min(name), max(name)
    if lo < 2 or not between_commas(sent, name):
        return None
    if any(sent[k].pos_ != "PROPN" and sent[k].text != "-" for k in name):
        return None  # "the minister, Kono, who ...": the name alone, nothing said of it
    post = sorted(k for k in subtree(sent, head) - name if k < lo - 1)
    if not post or post[-1] != lo - 2 or post != list(range(post[0], lo - 1)):
        return None
    if any(sent[k].lower_ in {"its", "their"} for k in post):
        return None  # "..., its chief executive, Joseph Blount, said": whose, only the sentence says
    return (
        [sent[k] for k in sorted(name)] + [copula(False, past)] + [sent[k] for k in post],
        False,
        set(post) | {lo - 1, hi + 1},
    )


def _is_what(sent, tok, sub: set[int], head_tokens: list[int], past: bool):
    """ "<the phrase> was <the aside>": the claim a description makes of the phrase it follows,
    with the copula of the phrase's number in the tense given, and the aside's tokens to drop."""
    plural = tok.head.tag_ in {"NNS", "NNPS"}
    items = [*(sent[k] for k in head_tokens), copula(plural, past), *(sent[k] for k in sorted(sub))]
    return items, False, with_commas(sent, sub)


def _described(sent, tok, past: bool, removed: set[int]):
    """ "The Conservatives, led by Rishi Sunak, were ...": "The Conservatives were led by Rishi Sunak"."""
    sub = subtree(sent, tok)
    if not between_commas(sent, sub) or len(sub) < 3:
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens or tok.head.i - sent.start not in head_tokens:
        return None
    return _is_what(sent, tok, sub, head_tokens, past)


def _reduced_relative(sent, tok, past: bool, removed: set[int]):
    """A participle set off after a thing, telling a fact of its own about it ("the women's record
    of 2:11:53, set in Berlin two weeks ago": "The women's record of 2:11:53 was set in Berlin two
    weeks ago"; "The acquisition, first announced in January 2022, is ..."): in the past tense when
    the sentence or the participle's own phrase is dated.  Not a naming ("the headset, called
    Vision Pro,") nor an age.  A restrictive participle ("a deal valued at about $44 billion")
    stays: it says which thing, and alone it would name nothing."""
    sub = subtree(sent, tok)
    lo, hi = min(sub), max(sub)
    if tok.lemma_.lower() in _NAMING or lo == 0 or len(sub) < 3 or any(sent[k].text in QUOTES for k in sub):
        return None
    closed = hi + 1 >= len(sent) or sent[hi + 1].text == "," or (hi + 2 >= len(sent) and sent[hi + 1].is_punct)
    if sent[lo - 1].text != "," or not closed:
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens or tok.head.i - sent.start not in head_tokens or head_tokens[-1] != lo - 2:
        return None
    if sent[head_tokens[0]].pos_ in {"ADP", "CCONJ", "SCONJ"}:
        return None  # a misparse that reaches across the sentence
    dated = past or any(sent[k].ent_type_ == "DATE" or sent[k].lower_ == "ago" for k in sub)
    return _is_what(sent, tok, sub, head_tokens, dated)


def _set_off_measure(sent, tok, past: bool, removed: set[int]):
    """ "The plan, worth about £45 billion, sent ...": "The plan was worth about £45 billion"; an
    adjective set off after a thing, with a figure ("The spire, 96 metres tall,")."""
    sub = subtree(sent, tok)
    if not between_commas(sent, sub) or not any(sent[k].like_num or sent[k].ent_type_ in QUANTITY_ENTS for k in sub):
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens or tok.head.i - sent.start not in head_tokens or head_tokens[-1] != min(sub) - 2:
        return None
    return _is_what(sent, tok, sub, head_tokens, past)


def _untagged_holder(tok) -> bool:
    """A name the recogniser did not tag, described by a post or a kind of organisation ("Jaya
    Verma Sinha, a senior Railway Board official,"): a person or an organisation all the same."""
    return not tok.head.ent_type_ and tok.pos_ == "NOUN" and tok.lemma_.lower() in _HOLDER_NOUNS


def _known_as(sent, tok, removed: set[int]):
    """ "Sinking sand, also known as quicksand, is ...": "Sinking sand is also known as quicksand"."""
    sub = subtree(sent, tok)
    if min(sub) == 0 or sent[min(sub) - 1].text != "," or not any(c.lower_ == "as" for c in tok.children):
        return None
    head_tokens = _described_phrase(sent, tok, sub, removed)
    if not head_tokens:
        return None
    return [sent[k] for k in head_tokens] + ["is"] + [sent[k] for k in sorted(sub)], False, with_commas(sent, sub)


def _date_like(head) -> bool:
    """A date or a figure as the head of a relative clause (a misparse: "the treaty of February
    2000, which ..."); not a name the recogniser ran into a date ("In early April 2022, Musk, who
    ...")."""
    if head.ent_type_ not in _NOT_ANTECEDENTS:
        return False
    return head.pos_ != "PROPN" or head.text in MONTH_NAMES or head.lower_ in WEEKDAYS


def aside(sent, tok, past: bool, removed: set[int]):
    """The aside ``tok`` opens, if it is one (module docstring); ``past``: the sentence's tense,
    ``removed``: the indices already cut from the sentence."""
    if tok.dep_ == "relcl" and sent[min(subtree(sent, tok))].lower_ in {"where", "when"}:
        return _where_when(sent, tok, removed)
    if tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"} and not _date_like(tok.head):
        return _relative(sent, tok, removed)
    if tok.dep_ == "appos":
        return _apposition(sent, tok, past)
    if tok.dep_ == "acl":
        return _participle_aside(sent, tok, past, removed)
    if tok.dep_ == "amod" and tok.pos_ == "ADJ" and tok.i > tok.head.i and tok.head.pos_ in {"NOUN", "PROPN"}:
        return _set_off_measure(sent, tok, past, removed)
    return None


def _apposition(sent, tok, past: bool):
    """An appositive, an age or a name after its post."""
    head = tok.head
    if (
        head.pos_ == "PROPN"
        and (head.ent_type_ in _APPOSITIVE_HEADS or _untagged_holder(tok))
        and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
    ):
        return _appositive(sent, tok, past)
    if (
        tok.like_num
        and head.pos_ == "PROPN"
        and head.ent_type_ not in {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
    ):
        return _age(sent, tok)
    if (
        tok.ent_type_ == "PERSON"
        and head.pos_ == "NOUN"
        and head.dep_ in SUBJECTS
        and not head.ent_type_
        and head.lemma_.lower() in PERSON_NOUNS
    ):
        return _named_holder(sent, tok, past)
    return None


def _participle_aside(sent, tok, past: bool, removed: set[int]):
    """ "known as", a participle describing a named subject, or one set off after a thing."""
    head = tok.head
    if tok.lower_ == "known" and head.pos_ in {"NOUN", "PROPN"}:
        return _known_as(sent, tok, removed)
    if tok.tag_ != "VBN":
        return None
    if head.dep_ in SUBJECTS and head.ent_type_:
        return _described(sent, tok, past, removed)
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ != "ROOT" and head.ent_type_ not in _NOT_ANTECEDENTS:
        return _reduced_relative(sent, tok, past, removed)
    return None


__all__ = ["QUOTES", "SUBJECTS", "aside", "between_commas", "name_of", "subtree", "with_commas"]
