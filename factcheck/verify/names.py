"""Names: whether a window mentions the claim's parties, and when it names another in their place.

A country may be written as itself, its capital, its demonym or its seat of government
("Russia", "Moscow", "Russian", "the Kremlin": :mod:`factcheck.gazetteer`): these are one party,
never a swap.  A *name conflict* is a window about the claim's event (:mod:`factcheck.verify.events`)
that lacks a name of the claim, covers most of the claim's other words, and names another party of
the same kind that the claim does not: "China vetoed the renewal of the panel" against "Russia
vetoed the renewal of the panel".

The entity tagger's labels are not always right ("Pyrenees" read as a nationality, "Utopia
Planitia" as a person), so a second test reads capitalised names as written: a *slot swap* is a
sentence of a window that says most of what the claim says (the window most of it, the sentence
at least ``min_sentence_coverage_for_slot_swap`` of it) and, where the claim has a name its
passage never mentions, has another name in the same slot, after the same words or before the
same word ("hiking in the Alps" against "hiking in the Pyrenees", "handed to Jean-Claude Juncker"
against "handed to Donald Tusk", "all Filipino nationals" against "all of them Indian nationals").  A claim name its passage does mention elsewhere still
counts when the sentence does not (the window may name it in another sentence, in another role)
and the passage never gives it in the claim name's slot ("handed to Jean-Claude Juncker" against
"handed to Donald Tusk" in a window that names Juncker as the Commission's head; not "declared at
Birmingham Town Hall" in a passage that says earlier counts were declared there).  A place is no
swap for a person or an organisation, nor one of those for a place, where the tagger names both
("with Florey and Chain in 1945" against "at St Mary's Hospital in London").

A *place swap* is a window sentence that names one of the claim's other names and gives, after
"in", "at" or "from", another place of the claim place's level where the claim puts something
("operated from ESA's control centre in Cologne" against "Rosetta was flown from ESOC in
Darmstadt"), in a passage that never names the claim's place: a country against another country
(not its capital), a town against a town (never a town against a country, which may hold it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from factcheck.config import VerifyRules
from factcheck.gazetteer import country_of, is_capital, names_of, same_party
from factcheck.lexical import canonical, content_set, coverage
from factcheck.verify.views import ClaimView, Name, WindowView

#: A name with a number: "Apollo 11", "Chandrayaan-3", "Luna-25".
_NUMBERED = re.compile(r"\b([A-Z][A-Za-z]+)[- ](\d{1,3})\b(?![,.]?\d)")


#: Words a number grades rather than names: "a Category 5 hurricane" against "a Category 3 storm"
#: is a changed figure of the same storm, "Chandrayaan-1" another mission than "Chandrayaan-3".
_GRADED = frozenset(
    """category level stage phase grade class type tier magnitude force round size step part chapter
    section article rank number no covid""".split()
)


@cache
def _numbered(text: str) -> frozenset[tuple[str, str]]:
    return frozenset(
        (m.group(1).lower(), m.group(2)) for m in _NUMBERED.finditer(text) if m.group(1).lower() not in _GRADED
    )


def renumbered(claim_text: str, window_text: str) -> bool:
    """Whether the window gives a numbered name of the claim only under other numbers (another
    mission, another edition: "Chandrayaan-1" for "Chandrayaan-3")."""
    window = _numbered(window_text)
    for stem, number in _numbered(claim_text):
        theirs = {n for s, n in window if s == stem}
        if theirs and number not in theirs:
            return True
    return False


def mentioned(name: Name, wv: WindowView, *, passage: bool = True) -> bool:
    """Whether the window (or, with ``passage``, its passage or title) mentions ``name``.

    A country counts as mentioned by any of its names; a person or organisation by any word of its
    name or its acronym ("Putin" for "Vladimir Putin", "WHO" for "World Health Organization").
    """
    if name.country and any(same_party(name.country, c) for c in wv.countries):
        return True
    tokens = wv.evidence_tokens | wv.passage.title_tokens
    if passage:
        tokens = tokens | wv.passage.tokens
    if name.country and any(alias <= tokens for alias in _alias_tokens(name.country)):
        return True
    return bool(name.tokens & tokens)


@cache
def _alias_tokens(country: str) -> tuple[frozenset[str], ...]:
    """Content tokens of each name of ``country`` ("United Arab Emirates" → {unit, arab, emir})."""
    return tuple(t for t in (content_set(n) for n in names_of(country)) if t)


@dataclass(frozen=True, slots=True)
class NameConflict:
    claim_name: Name
    window_name: Name
    #: "name": another party in the claim's place; "speaker": the claim's quotation said by another
    #: (:mod:`factcheck.verify.quotes`); "post": the claim's post held by another, "rank": a lower
    #: post (:mod:`factcheck.verify.roles`); "place": another place (:func:`place_swap`).
    kind: str = "name"


def name_conflict(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> NameConflict | None:
    """A name of the claim that the window replaces by another of the same kind, or ``None``.

    The window must contain most of the claim's other words, mention the claim's name nowhere in
    its passage (under no alias), and name a party of the same kind that the claim does not mention
    under any alias ("Neil Armstrong and Michael Collins reached the surface" against "Neil
    Armstrong and Buzz Aldrin spent two hours outside").
    """
    if not cv.entities or not wv.entities:
        return None
    claim_countries = cv.countries
    for name in cv.entities:
        if mentioned(name, wv):
            continue
        rest = cv.tokens - name.tokens
        if not rest or coverage(rest, wv.evidence_tokens) < rules.min_coverage_for_name_conflict:
            continue
        for other in wv.entities:
            if other.group != name.group or other.tokens & cv.tokens:
                continue
            if other.country and any(same_party(other.country, c) for c in {*claim_countries, name.country} if c):
                continue  # the same party under another name (Moscow, the Kremlin, the Soviet Union)
            if name.group == "place" and not _in_same_slot(name.text, cv.text, other.text, wv.norm.text):
                continue  # "on the Bay of Bengal coast" and "in Earth orbit" say different things
            if name.country and not other.country and other.group == "country":
                continue  # a town the gazetteer does not know may lie in the claim's country (Copiapó, Chile)
            if not _post_of(other.text, wv.norm.text) <= cv.tokens:
                continue  # the other in a post the claim does not speak of ("Sajid Javid as chancellor")
            return NameConflict(name, other)
    return None


#: A name as written: capitalised words, with the small words inside names ("Maurice de Sully").
_NAME = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’.-]*)(?:\s+(?:(?:de|del|da|di|van|von|der|of|la|le|al|bin)\s+)?[A-Z][\w'’.-]*)*"
)
#: Slot words too common to tell one slot from another.
_WEAK_SLOT = frozenset("the a an and or of , . ; : s".split())
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)


def names_in(text: str) -> list[tuple[int, int, str]]:
    """Capitalised names of ``text`` (start, end, text), the first word of the text excluded
    unless it is followed by another capitalised word."""
    out = []
    for m in _NAME.finditer(text):
        name = m.group().rstrip(".")
        start = m.start()
        if not text[:start].strip() and " " not in name:
            continue  # "The", "Its": a capital only because the sentence starts here
        if name.lower() in _WEAK_SLOT or name.split()[0].lower().rstrip(".") in _CALENDAR:
            continue
        out.append((start, start + len(name), name))
    return out


#: A post after a name, its words up to a preposition ("Javid as chancellor", "Georgelin as head | of ...").
_POST = re.compile(r"^[\s,]*as ((?:(?!of\b|at\b|in\b|for\b|on\b|to\b|from\b|with\b)[\w'-]+\s*){1,4})")


def post_after(text: str, end: int) -> frozenset[str]:
    """Content words of the post "as ..." that follows a name ending at ``end`` of ``text``."""
    post = _POST.match(text[end:])
    return content_set(post.group(1)) if post else frozenset()


def _post_of(name: str, text: str) -> frozenset[str]:
    """The post ``text`` gives ``name`` where it first writes it ("Javid as chancellor")."""
    at = text.find(name)
    return post_after(text, at + len(name)) if at >= 0 else frozenset()


def _slot(text: str, start: int, end: int) -> tuple[tuple[str, ...], str]:
    """The two words before a name and the one after it, lower-cased."""
    before = [w.lower() for w in _WORD.findall(text[max(0, start - 60) : start])][-2:]
    after = [w.lower() for w in _WORD.findall(text[end : end + 30])][:1]
    return tuple(before), (after[0] if after else "")


def _same_slot(a: tuple[tuple[str, ...], str], b: tuple[tuple[str, ...], str]) -> bool:
    (before_a, after_a), (before_b, after_b) = a, b
    if len(before_a) == 2 and before_a == before_b and not set(before_a) <= _WEAK_SLOT:
        return True
    if before_a[-1:] == before_b[-1:] and before_a[-1:] and before_a[-1] not in _WEAK_SLOT and before_a[-1].isalpha():
        return True
    return bool(after_a) and after_a == after_b and after_a not in _WEAK_SLOT and after_a.isalpha()


def group_of(tokens: frozenset[str], entities: Sequence[Name]) -> str | None:
    """The group of the recognised name that shares ``tokens`` (``None`` when none does)."""
    return next((n.group for n in entities if n.tokens & tokens), None)


def place_for_party(mine: str | None, theirs: str | None) -> bool:
    """Whether one recognised name is a place and the other a party (a person or organisation:
    the recogniser confuses those two, "Jean-Claude Juncker" read as an organisation)."""
    return mine is not None and theirs is not None and (mine in _PLACE_GROUPS) != (theirs in _PLACE_GROUPS)


def slot_swap(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> NameConflict | None:
    """A name of the claim that a sentence of the window replaces in the same slot (module docstring)."""
    claim_names = []
    for start, end, text in names_in(cv.text):
        tokens = content_set(text)
        slot = _slot(cv.text, start, end)
        if not tokens or tokens & wv.passage.title_tokens:
            continue
        if tokens & wv.passage.tokens and _in_slot_somewhere(text, slot, wv.passage.passage.text):
            continue  # the passage puts the claim's name in its slot too ("declared at Birmingham Town Hall")
        claim_names.append((text, tokens, slot))
    if not claim_names:
        return None
    for sentence, sentence_tokens in zip(wv.sentences, wv.sentence_tokens, strict=True):
        said = sentence.of(wv.norm.text)
        for text, tokens, slot in claim_names:
            if tokens & sentence_tokens:
                continue  # the sentence names it (the window may name it elsewhere, in another role)
            rest = cv.tokens - tokens
            rest = canonical(rest)
            if (
                not rest
                or coverage(rest, canonical(wv.evidence_tokens)) < rules.min_coverage_for_slot_swap
                or coverage(rest, canonical(sentence_tokens)) < rules.min_sentence_coverage_for_slot_swap
            ):
                continue
            for start, end, other in names_in(said):
                other_tokens = content_set(other)
                if not other_tokens or other_tokens & cv.tokens:
                    continue
                if not _same_slot(slot, _slot(said, start, end)):
                    continue
                if not post_after(said, end) <= cv.tokens:
                    continue  # the name in another post ("replaced Sajid Javid as chancellor" for "replaced Liz Truss")
                if place_for_party(group_of(tokens, cv.entities), group_of(other_tokens, wv.entities)):
                    continue  # a hospital in a person's slot ("with Florey and Chain in" / "at St Mary's Hospital in")
                mine, theirs = country_of(text), country_of(other)
                if mine and (not theirs or same_party(mine, theirs)):
                    continue  # Moscow for Russia; a town the gazetteer does not know may lie in it
                return NameConflict(Name(text, "name", tokens, mine), Name(other, "name", other_tokens, theirs))
    return None


#: A preposition that puts a place in a place's slot ("operated from Darmstadt", "in the Philippines").
_LOCATIVE = re.compile(r"\b(?:in|at|from|near|outside|inside)\s+(?:the\s+)?$", re.I)
_PLACE_GROUPS = frozenset({"country", "place"})


def _located(text: str, name: str) -> bool:
    """Whether ``text`` first gives ``name`` after a locative preposition."""
    at = text.find(name)
    return at >= 0 and bool(_LOCATIVE.search(text[max(0, at - 20) : at]))


def place_swap(cv: ClaimView, wv: WindowView) -> NameConflict | None:
    """A place the claim puts something in ("operated from ESA's control centre in Cologne") that
    a sentence of the window, naming one of the claim's other names, gives as another place of its
    level ("Rosetta was flown from ESOC in Darmstadt"), where the passage never names the claim's
    place under any alias (a capital where the claim puts something under its own name only, as a
    town: "South Africa" does not name Cape Town).  Both must be of one kind (towns and countries; or
    buildings, landmarks and regions); two countries, or a capital and a country, must differ as
    parties; a town the gazetteer does not know is compared with another such town or a capital,
    never with a country (it may lie in it)."""
    for name in cv.entities:
        if (
            name.group not in _PLACE_GROUPS
            or name.descriptor
            or mentioned(replace(name, country=None) if is_capital(name.text) else name, wv)
            or not _located(cv.text, name.text)
        ):
            continue
        others = cv.names - name.tokens
        for sentence, tokens in zip(wv.sentences, wv.sentence_tokens, strict=True):
            if not others & tokens:
                continue
            said = sentence.of(wv.norm.text)
            for other in wv.entities:
                if other.group != name.group or other.descriptor or other.tokens & cv.tokens:
                    continue  # a building or a landmark is no swap for a town ("Sunan International Airport", "Vladivostok")
                if not _located(said, other.text) or not _comparable(name, other):
                    continue
                if name.country and other.country and same_party(name.country, other.country):
                    continue
                return NameConflict(name, other, kind="place")
    return None


def _comparable(a: Name, b: Name) -> bool:
    """Whether two places are of a level where one cannot lie in the other: a town the gazetteer
    does not know may lie in a country, but not in a capital ("Cape Town" for "in Johannesburg",
    as "Moscow" for "in Sochi"); a capital and a country, or two countries, are compared as the
    parties they stand for."""
    unknown = [n for n in (a, b) if n.country is None]
    if len(unknown) != 1:
        return True
    known = b if unknown[0] is a else a
    return is_capital(known.text)


#: Last words of the names of places and buildings, which another first word makes another place.
_PLACE_TAILS = frozenset(
    """square street avenue road bridge airport station palace stadium hospital park hall tower
    building centre center arena sea ocean river lake island bay gulf strait""".split()
)


def tail_swap(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> NameConflict | None:
    """A place's name of several words that a sentence of the window gives with another first word ("at
    Birmingham Town Hall" against "at Manchester Town Hall"), where the passage never gives the
    claim's name whole (it may name Birmingham elsewhere) and the sentence says most of what the
    claim says."""
    passage = wv.passage.passage.text.lower()
    for _, _, text in names_in(cv.text):
        words = text.split()
        if len(words) < 2 or text.lower() in passage or words[-1].lower() not in _PLACE_TAILS:
            continue  # a place ("... Town Hall", "the Red Sea"), not a person ("Miley Cyrus", "Trace Cyrus")
        tail = " ".join(words[1:]).lower()
        rest = canonical(cv.tokens - content_set(words[0]))
        for sentence, sentence_tokens in zip(wv.sentences, wv.sentence_tokens, strict=True):
            if coverage(rest, canonical(sentence_tokens)) < rules.min_sentence_coverage_for_slot_swap:
                continue
            said = sentence.of(wv.norm.text)
            for _, _, other in names_in(said):
                theirs = other.split()
                if len(theirs) != len(words) or " ".join(theirs[1:]).lower() != tail:
                    continue
                if content_set(theirs[0]) & cv.tokens or theirs[0].lower() == words[0].lower():
                    continue
                mine, their = country_of(words[0]), country_of(theirs[0])
                if mine and their and same_party(mine, their):
                    continue
                return NameConflict(Name(text, "name", content_set(text)), Name(other, "name", content_set(other)))
    return None


def _in_slot_somewhere(name: str, slot: tuple[tuple[str, ...], str], text: str) -> bool:
    """Whether ``text`` gives ``name`` (or a word of it) in ``slot`` anywhere, or in a form the
    slot test cannot read (a word of the name alone, whose surroundings differ by construction)."""
    at = text.find(name)
    if at < 0:
        return True  # only some word of the name: not sure it is another use of it
    while at >= 0:
        if _same_slot(slot, _slot(text, at, at + len(name))):
            return True
        at = text.find(name, at + 1)
    return False


def _in_same_slot(name: str, text: str, other: str, other_text: str) -> bool:
    """Whether ``other`` stands in ``other_text`` where ``name`` stands in ``text`` (first mentions)."""
    a, b = text.find(name), other_text.find(other)
    if a < 0 or b < 0:
        return False
    return _same_slot(_slot(text, a, a + len(name)), _slot(other_text, b, b + len(other)))


def as_the_window_names(cv: ClaimView, wv: WindowView) -> str:
    """The claim's text with each person written as the window writes them, for the NLI model:
    "Kim Jong Un gave Vladimir Putin a pair of Pungsan dogs" read against "Kim gave Putin a pair
    of Pungsan dogs" as "Kim gave Putin ..." (the model reads a fuller name than the premise's as
    another person, and contradicts).  A name is shortened only to the one word of it the window
    writes alone, never when the window names another person with that word ("Kim Jong Il")."""
    text = cv.text
    window = wv.norm.text
    others = [n for n in wv.entities if n.group == "person"]
    for name in cv.entities:
        words = name.text.split()
        if name.group != "person" or len(words) < 2 or name.text in window:
            continue
        present = [w for w in words if re.search(rf"(?<![\w'’-]){re.escape(w)}(?![\w'’-])", window)]
        if len(present) != 1 or len(present[0]) < 3:
            continue
        word = present[0]
        if any(word in o.text.split() and o.text != word for o in others):
            continue  # "Kim Jong Il" is in the window: "Kim" may be him
        text = text.replace(name.text, word)
    return text
