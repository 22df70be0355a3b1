"""What verification reads of a claim and of an evidence window, computed once per check.

A :class:`ClaimView` and a :class:`WindowView` hold the normalised text the models read, its
content words, names, countries, negation and figures, each in its own text's coordinates.  A
window's view is built once per check and shared by every claim that retrieved it; nothing
downstream normalises or parses the same text again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.gazetteer import countries, country_of
from factcheck.lexical import acronyms, content_set, name_tokens, negated
from factcheck.quantities import anchor, is_unit_word, parse_quantities
from factcheck.text import Normalised, normalise, split_sentences_fast
from factcheck.types import Claim, Passage, Quantity, Span

#: spaCy entity labels that name a party or a thing a claim can get wrong, by what may stand in
#: for what (a person for a person, a country for a country).
NAME_GROUPS = {
    "PERSON": "person",
    "GPE": "country",
    "NORP": "country",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "PRODUCT": "work",
}


@dataclass(frozen=True, slots=True)
class Name:
    """A typed name (an entity): its text, group, content tokens and the country it stands for."""

    text: str
    group: str
    tokens: frozenset[str]
    country: str | None = None
    #: Written as a demonym or adjective ("Russian President ..."): describes, is not a party itself.
    descriptor: bool = False


def make_names(entities: Iterable[tuple[str, str]]) -> tuple[Name, ...]:
    """:class:`Name` objects from ``(text, spaCy label)`` pairs (figures and unit words dropped).

    A name that the gazetteer knows as a country, capital, demonym or seat of government ("Moscow",
    "the Kremlin", "Russian") is a country, whatever label the tagger gave it.
    """
    out: dict[str, Name] = {}
    for text, label in entities:
        text = text.removesuffix("'s").removesuffix("’s").strip()
        group = NAME_GROUPS.get(label)
        tokens = content_set(text)
        if not group or not tokens or is_unit_word(text) or any(ch.isdigit() for ch in text):
            continue
        country = country_of(text)
        if country is not None:
            group = "country"
        elif group == "country" and label == "NORP":
            continue  # a demonym the table does not know ("Catholic"): not a party
        out.setdefault(text, Name(text, group, tokens, country, descriptor=label == "NORP"))
    return tuple(out.values())


#: Verbs that change a thing's value, by their stems ("widened the zone to", "raised the budget
#: to"; not "grew to", "rose to", which say what a figure reached, as "reached" does).
_CHANGE = (
    r"(?:widen|broaden|narrow|rais|increas|lift|boost|hik|doubl|tripl|halv|cut|reduc|lower|trim|slash|"
    r"expand|extend|enlarg|shorten|lengthen|revis|upgrad|downgrad|adjust|chang)\w*(?!-)"
)
_CHANGED_TO = re.compile(rf"\b{_CHANGE}\b[^.;]{{0,80}}\bto\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){{0,2}}$", re.I)
_CHANGE_WORD = re.compile(rf"\b{_CHANGE}\b", re.I)


def changed_to(before: str) -> bool:
    """Whether the figure after ``before`` is the value something was changed to: "widened its
    landing zone to an area | 4 km long", "raised the budget to | £9.3 billion"."""
    return bool(_CHANGED_TO.search(before[-120:]))


_JOINED = re.compile(r"\s*(?:[\w-]+\s+)?(?:and|by|x|×|,)\s*", re.I)


def _targets(sentence: str, offset: int, quantities: Sequence[Quantity]) -> tuple[bool, ...]:
    """Per figure, whether it is a value something was changed to; a figure joined to one ("to an
    area 4 km long and 2.4 km wide") is one too."""
    out: list[bool] = []
    for k, q in enumerate(quantities):
        start = max(0, q.span.start - offset)
        joined = k > 0 and out[-1] and _JOINED.fullmatch(sentence[quantities[k - 1].span.end - offset : start])
        out.append(bool(joined) or changed_to(sentence[:start]))
    return tuple(out)


def tells_a_change(text: str) -> bool:
    """Whether ``text`` uses a verb of change."""
    return bool(_CHANGE_WORD.search(text))


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim as verification reads it."""

    claim: Claim
    text: str  # the normalised standalone text (what the models read)
    tokens: frozenset[str]
    names: frozenset[str]  # content tokens of its capitalised words
    entities: tuple[Name, ...]
    #: the figures compared (ordinals without a noun dropped)
    quantities: tuple[Quantity, ...]
    #: content tokens around each figure, read in the sentence the figure's span indexes
    contexts: tuple[frozenset[str], ...]
    negated: bool
    #: per figure: whether it is the value something was changed to ("widened the zone to 4 km")
    targets: tuple[bool, ...] = ()
    #: the demonyms it writes ("the British government"), the tagger's and those it did not tag: a
    #: rewrite adds words the article's entities do not hold
    demonyms: tuple[Name, ...] = ()

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(n.country for n in self.entities if n.country)


def claim_view(claim: Claim, entities: Sequence[tuple[str, str]]) -> ClaimView:
    """The view of ``claim``; ``entities`` are its ``(text, label)`` names (from extraction, or NER)."""
    text = normalise(claim.text).text
    quantities = tuple(q for q in claim.quantities if q.kind != "ordinal" or q.unit is not None)
    offset = claim.sentence_span.start
    contexts = tuple(
        content_set(claim.sentence[max(0, q.span.start - offset - 40) : max(0, q.span.end - offset + 40)])
        for q in quantities
    )
    targets = _targets(claim.sentence, offset, quantities)
    names = make_names(entities)
    return ClaimView(
        claim=claim,
        text=text,
        tokens=content_set(text),
        names=name_tokens(text),
        entities=names,
        quantities=quantities,
        contexts=contexts,
        negated=negated(text),
        targets=targets,
        demonyms=_demonyms(text, names),
    )


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def _demonyms(text: str, entities: Sequence[Name]) -> tuple[Name, ...]:
    """The demonyms among ``entities`` and the capitalised words of ``text`` that are a country's
    demonym ("British", "Russian")."""
    out = {n.text: n for n in entities if n.descriptor and n.country}
    for word in _CAPITALISED.findall(text):
        country = country_of(word)
        if country is not None and word in countries()[country].demonyms:
            out.setdefault(word, Name(word, "country", content_set(word), country, descriptor=True))
    return tuple(out.values())


@dataclass(frozen=True, slots=True)
class PassageView:
    """Content tokens of a whole passage and its document title (name coverage is read here)."""

    passage: Passage
    tokens: frozenset[str]  # passage text: content tokens and acronyms
    title_tokens: frozenset[str]


def passage_view(passage: Passage) -> PassageView:
    return PassageView(passage, content_set(passage.text) | acronyms(passage.text), content_set(passage.title or ""))


@dataclass(frozen=True, slots=True)
class WindowView:
    """One evidence window: a run of whole sentences of a passage, read once."""

    passage: PassageView
    span: Span  # document offsets
    text: str  # the source slice of the document
    norm: Normalised  # normalised text (what the models read) with its map back to ``text``
    sentences: tuple[Span, ...]  # in ``norm.text`` coordinates
    sentence_tokens: tuple[frozenset[str], ...]
    #: figures in ``norm.text`` coordinates, and the same anchored to document offsets
    quantities: tuple[Quantity, ...]
    anchored: tuple[Quantity, ...]
    tokens: frozenset[str]
    evidence_tokens: frozenset[str]  # tokens and the acronyms of its names
    negated: bool
    entities: tuple[Name, ...]

    @property
    def model_text(self) -> str:
        return self.norm.text

    def sentence_of(self, position: int) -> int:
        """Index of the sentence holding ``position`` (of ``norm.text``)."""
        return next((k for k, s in enumerate(self.sentences) if s.start <= position < s.end), 0)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(n.country for n in self.entities if n.country)


def window_view(
    passage: PassageView, span: Span, text: str, norm: Normalised, entities: Sequence[tuple[str, str]]
) -> WindowView:
    """The view of a window (``norm``: its normalised text; ``entities``: its NER names)."""
    sentences = tuple(split_sentences_fast(norm.text)) or (Span(0, len(norm.text)),)
    quantities = tuple(parse_quantities(norm.text))
    tokens = content_set(norm.text)
    return WindowView(
        passage=passage,
        span=span,
        text=text,
        norm=norm,
        sentences=sentences,
        sentence_tokens=tuple(content_set(s.of(norm.text)) for s in sentences),
        quantities=quantities,
        anchored=tuple(anchor(q, norm, offset=span.start) for q in quantities),
        tokens=tokens,
        evidence_tokens=tokens | acronyms(norm.text),
        negated=negated(norm.text),
        entities=make_names(entities),
    )


def entities_of(texts: Sequence[str], *, batch_size: int = 64) -> list[list[tuple[str, str]]]:
    """``(text, label)`` named entities of each text: one spaCy pass, the tagger's NER only."""
    if not texts:
        return []
    from factcheck.text import load_spacy

    nlp = load_spacy()
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names]):
        return [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=batch_size)]
