"""Who held the post: a claim that puts one person in a post the evidence gives to another.

Claim extraction turns an apposition into a claim of its own ("Willie Walsh, the association's
director general, called ..." gives "Willie Walsh was the association's director general"); a
claim of that form (a person, a copula, a post: :func:`claimed_post`) is wrong when the post was
someone else's, and the NLI model rarely sees it: the sentence that names the holder is about the
post, not about the claim's person.  (A title before a name inside a longer claim, "said Chief
Cabinet Secretary Yoshihiko Noda", is not read as the claim's post.)

A *role swap* is a window sentence that gives the claim's post to another person, written as a
title ("chairman S. Somanath", "Its director general, Giovanni Bisignani"), an apposition
("Swati Mohan, the guidance, navigation and controls operations lead") or a copula ("Andrea
Accomazzo was its flight director").  The post is the same when its last word (the head: chairman,
director, secretary, lead) is the same and the evidence's words for it hold all the claim's
("flight director" is not answered by "director"; "guidance and controls operations lead" is by
"guidance, navigation and controls operations lead").  Never a swap:

* a post the claim gives indefinitely ("a director of the company"): there are several;
* a post qualified on one side only ("deputy", "former", "acting", "vice", "co-"): another post;
* a post whose owner the claim names (capitalised) and the window's passage does not ("ESA's
  flight director" against a passage about another agency; "the agency's chairman" names none);
* a post the passage also gives to the claim's person, in any sentence: it may have changed
  hands, and the claim's time is not known ("K. Sivan, ISRO's chairman from 2018 to 2022").

A *rank* conflict is a window sentence that gives the claim's own person the claimed post with a
lower rank ("Thomas Zurbuchen, NASA's associate administrator" for "Thomas Zurbuchen was the NASA
administrator"; deputy, vice, associate, assistant), under the same conditions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.lexical import STOPWORDS, content_set
from factcheck.verify.names import NameConflict
from factcheck.verify.views import ClaimView, Name, WindowView

#: Last words of posts that one person holds at a time in an organisation.
ROLE_HEADS = frozenset(
    """chairman chairwoman chair chairperson president director general secretary head chief leader lead
    commander governor mayor ceo executive founder captain coach manager minister premier chancellor
    ambassador editor administrator architect scientist speaker principal superintendent""".split()
)
#: Words that make a post a lower one than the same post without them.
RANKS = frozenset("deputy vice associate assistant".split())
#: Words that make a post another post when only one side has them.
QUALIFIERS = frozenset("deputy vice former acting interim assistant associate co ex outgoing incoming".split())
_DETERMINERS = frozenset("the its his her their our this".split())
#: Words a post's phrase may open with that are not part of the post ("then the chief secretary").
_LEADING = _DETERMINERS | {"then", "now", "also", "currently"}
_OWNER_TAIL = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(.+?)['’]s\s+(.+)$")
#: Verbs that give a person a post ("was its flight director", "served as chairman").
_COPULAS = r"was|is|had been|has been|became|served as|serves as"
_COPULA = re.compile(rf"\s+(?:{_COPULAS}|becomes)\s+")  # "then", "now": dropped by post_of
_WORD = re.compile(r"[\w-]+")
_TIME_TAIL = re.compile(r"\s+(?:from|since|until|till|between|during|in|when)\b", re.IGNORECASE)
#: Up to six words right before a name ("Chief Cabinet Secretary ").
_TITLE = re.compile(r"([\w'’-]+(?:\s+[\w'’-]+){0,5})\s+$")
#: What links a name to the post after it: an apposition's comma or a copula.
_LINK = re.compile(rf"\s*(?:,|\s(?:{_COPULAS}))\s+")


@dataclass(frozen=True, slots=True)
class Post:
    """A post as written: its words (lower-cased, the head last) and its owner's content words."""

    words: tuple[str, ...]
    owner: frozenset[str]

    @property
    def head(self) -> str:
        return self.words[-1]


def post_of(phrase: str) -> Post | None:
    """The post a noun phrase names ("the association's director general", "chairman of the
    Suez Canal Authority", "Rosetta's flight director"), or ``None`` (indefinite, or no post)."""
    phrase = _TIME_TAIL.split(phrase.strip().rstrip(".,;:"), maxsplit=1)[0]  # "chairman from 2018 to 2022"
    owner = ""
    if m := _OWNER_TAIL.search(phrase):
        phrase, owner = phrase[: m.start()], m.group(1)
    if m := _POSSESSIVE.match(phrase):
        owner, phrase = f"{owner} {m.group(1)}", m.group(2)
    written = _WORD.findall(phrase)
    acronyms = [w for w in written if len(w) >= 2 and w.isupper() and w.isalpha() and w.lower() not in ROLE_HEADS]
    owner = " ".join([owner, *acronyms])
    words = [w.lower() for w in written if w not in acronyms]
    while words and words[0] in _LEADING:
        words = words[1:]
    if not words or words[-1] not in ROLE_HEADS or len(words) > 8:
        return None
    if words[0] == "one" or any(w in STOPWORDS and w != "and" for w in words):
        return None  # "a director" (one of several), "Accomazzo was its flight director" (a clause)
    named = " ".join(w for w in _WORD.findall(owner) if w[:1].isupper() and w.lower() not in _DETERMINERS)
    return Post(tuple(w for w in words if w != "and"), content_set(named))


def same_post(claim: Post, evidence: Post) -> bool:
    """Whether the evidence's words name the claim's post (module docstring)."""
    if claim.head != evidence.head:
        return False
    mine, theirs = set(claim.words), set(evidence.words)
    if (mine ^ theirs) & QUALIFIERS:
        return False
    return mine <= theirs


def _outranks(claim: Post, evidence: Post) -> bool:
    """Whether the claim's post is the evidence's without the evidence's lower rank ("administrator"
    for "associate administrator", "chairman" for "deputy chairman"); "former" is a time, not a rank."""
    if claim.head != evidence.head:
        return False
    mine, theirs = set(claim.words), set(evidence.words)
    return mine <= theirs and bool((theirs - mine) & RANKS) and not mine & RANKS


def claimed_post(cv: ClaimView) -> tuple[Name, Post] | None:
    """The person and post of a claim "P was (the) POST" (an apposition made a claim)."""
    people = [n for n in cv.entities if n.group == "person"]
    text = cv.text.strip()
    for person in people:
        if not text.startswith(person.text):
            continue
        rest = text[len(person.text) :]
        if m := _COPULA.match(rest):
            post = post_of(rest[m.end() :])
            if post is not None:
                return person, post
    return None


@lru_cache(maxsize=4096)
def _posts_near(sentence: str, name: str) -> tuple[Post, ...]:
    """Posts the sentence gives to ``name``: a title before it, an apposition or a copula after it
    (kept: every window of a claim reads its passage for the claim's person)."""
    out = []
    at = sentence.find(name)
    while at >= 0:
        before, after = sentence[:at], sentence[at + len(name) :]
        if before.rstrip().endswith(","):  # "Its director general, Giovanni Bisignani": the whole segment
            segment = re.split(r"[,;:()]", before.rstrip()[:-1])[-1]
            if (post := post_of(segment)) is not None:
                out.append(post)
        elif title := _TITLE.search(before):  # "Chief Cabinet Secretary Yukio Edano"
            words = title.group(1).split()
            cut = max((k + 1 for k, w in enumerate(words) if w.lower() in STOPWORDS), default=0)
            if words[cut:] and (post := post_of(" ".join(words[cut:]))) is not None:
                out.append(post)
        if link := _LINK.match(after):
            chunks = re.split(r"[;.()]", after[link.end() : link.end() + 120])[0].split(",")
            post = next((p for k in range(1, 5) if (p := post_of(" ".join(chunks[:k]))) is not None), None)
            if post is not None:
                out.append(post)
        at = sentence.find(name, at + 1)
    return tuple(out)


def role_swap(cv: ClaimView, wv: WindowView) -> NameConflict | None:
    """The claim's person and the other person a sentence of the window gives the claim's post to, or ``None``."""
    found = claimed_post(cv)
    if found is None:
        return None
    person, post = found
    passage = wv.passage.passage.text
    if post.owner and not post.owner <= (wv.passage.tokens | wv.passage.title_tokens):
        return None  # the window's passage is about another organisation
    if any(same_post(post, p) for n in _written_names(person, passage) for p in _posts_near(passage, n)):
        return None  # the passage gives the post to the claim's person too
    for sentence in wv.sentences:
        said = sentence.of(wv.norm.text)
        lower = next(
            (p for n in _written_names(person, said) for p in _posts_near(said, n) if _outranks(post, p)), None
        )
        if lower is not None:  # "Thomas Zurbuchen, NASA's associate administrator" for "the NASA administrator"
            return NameConflict(person, Name(" ".join(lower.words), "post", frozenset(lower.words)), kind="rank")
        for other in wv.entities:
            if other.group != "person" or other.tokens & cv.tokens or other.text not in said:
                continue
            if any(same_post(post, p) for p in _posts_near(said, other.text)):
                return NameConflict(person, other, kind="post")
    return None


def _written_names(person: Name, text: str) -> list[str]:
    """The ways ``text`` writes the person: whole, or by a word of the name ("Sivan")."""
    out = [person.text] if person.text in text else []
    out += [w for w in person.text.split() if len(w) > 2 and w[0].isupper() and w in text and w not in out]
    return out
