"""The article's entities and their mentions: what a name, a description or a pronoun can stand for.

:class:`Entity` is one person, organisation, place, group or thing the article named (or a
pronoun it left unresolved); :class:`Mention` one mention of it in a sentence, with its role;
:class:`EntityTable` holds them by key with an index by word.  :func:`fits` says whether a mention
of a gender ("m", "f", "n", "pl", "p", "org", "company") can be an entity.  The reading of the
article into entities is :mod:`factcheck.claims.discourse`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from factcheck.claims.lexicon import NON_COMPANY_WORDS
from factcheck.gazetteer import country_of

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_RE_DASH = re.compile(r"\s[-–—]\s|\n")
Role = str  # "subj" (main clause), "esubj" (embedded clause), "asubj" (adverbial clause), "other"

#: Last words that make a "PERSON" entity a place ("Kim Il Sung Square", "Lenin Street").
PLACE_WORDS = frozenset(
    "square street avenue road bridge airport station palace stadium university hospital park hall "
    "tower building centre center prize award cup arena".split()
)


@dataclass
class Entity:
    key: str
    kind: str  # person | org | gpe | group | norp | thing | unknown | pronoun (one left unresolved)
    gender: str | None = None  # "m" | "f"
    plural: bool = False
    nationality: str | None = None
    nouns: set[str] = field(default_factory=set)
    members: tuple[str, ...] = ()
    count: int = 0
    last: int = -1  # sentence index of the last mention
    display: str | None = None  # how a common-noun mention reads in a claim ("the ten-year-old girl")
    age: int | None = None  # as the article gave it ("Medvedev, 27,", "Coco Gauff, a 19-year-old American")


@dataclass(frozen=True, slots=True)
class Mention:
    key: str
    role: Role
    start: int  # offsets into the sentence text
    end: int


def is_person_name(name: str) -> bool:
    return bool(name) and name.split()[-1].lower() not in PLACE_WORDS


def is_dateline(text: str) -> bool:
    """ "PYONGYANG - Russia", "SEATTLE": a dateline run into the text, not a name."""
    return bool(_RE_DASH.search(text)) or (text.isupper() and len(text) > 5)


_RE_TRAILING_SCORE = re.compile(r"(?:,?\s+\(?\d{1,2}[-–]\d{1,2}\)?)+,?$")


def clean_name(text: str) -> str:
    """The name of an entity span without a possessive or a score the recogniser ran into it
    ("Daniil Medvedev 6-3")."""
    return _RE_TRAILING_SCORE.sub("", text.removesuffix("'s").removesuffix("’s").strip()).strip()


def role_of(token) -> Role:
    """A token's role: the subject of the main clause (or its possessor), of another clause, or other."""
    tok = token
    if tok.dep_ in {"compound", "flat", "appos"}:
        tok = tok.head
    if tok.dep_ == "poss" and tok.head.dep_ in _SUBJECTS:
        tok = tok.head
    if tok.dep_ == "conj" and tok.head.dep_ in _SUBJECTS:
        tok = tok.head
    if tok.dep_ in _SUBJECTS:
        if tok.head.dep_ == "ROOT":
            return "subj"
        # the subject of an adverbial clause ("a day after Suella Braverman quit") is in the
        # background; one of a reported clause ("said that Kim would visit") is not
        return "asubj" if tok.head.dep_ == "advcl" else "esubj"
    return "other"


class EntityTable(dict):
    """The article's entities by key (a ``dict``), with the keys holding each word, so that the
    lookups made for every mention (the fuller name of "Kim", the longer name of "Labour") read
    the few entities sharing a word instead of all of them: a long article names thousands.

    Keys are in insertion order, in the table and in each word's list alike.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__()
        self._by_word: dict[str, dict[str, None]] = {}
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __setitem__(self, key: str, value: Entity) -> None:
        if key not in self:
            for word in set(key.lower().split()):
                self._by_word.setdefault(word, {})[key] = None
        super().__setitem__(key, value)

    def setdefault(self, key: str, default: Entity) -> Entity:  # type: ignore[override]
        if key not in self:
            self[key] = default
        return self[key]

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        for word in set(key.lower().split()):
            self._by_word[word].pop(key, None)

    _MISSING = object()

    def pop(self, key: str, default=_MISSING):  # type: ignore[override]
        if key not in self:
            if default is EntityTable._MISSING:
                raise KeyError(key)
            return default
        value = self[key]
        del self[key]
        return value

    def update(self, *args, **kwargs) -> None:  # type: ignore[override]
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def with_word(self, word: str) -> list[str]:
        """The keys holding ``word`` as one of their words (in any case), in insertion order."""
        return list(self._by_word.get(word.lower(), ()))


def named(entity: Entity) -> bool:
    """A name the recogniser missed ("Activision", "Pragyan"), recorded as a mention."""
    return entity.key.startswith("np:") and entity.kind in {"unknown", "thing"} and entity.display is not None


@cache
def no_company(key: str) -> bool:
    """Whether the organisation ``key`` is no company ("The Wall Street Journal", "FBI")."""
    return any(re.sub(r"['’]s$", "", w.lower().strip(".,")) in NON_COMPANY_WORDS for w in key.split())


def fits(entity: Entity | None, gender: str) -> bool:
    """Whether a mention of ``gender`` (see :meth:`Discourse.antecedent`) can be ``entity``."""
    if entity is None:
        return False
    if entity.kind == "pronoun":  # a pronoun left unresolved: someone of its gender
        return gender == entity.gender or (gender == "p" and entity.gender in {"m", "f"})
    if entity.kind == "unknown":
        return gender != "pl"
    if gender in {"m", "f"}:
        return entity.kind == "person" and entity.gender in (None, gender)
    if gender == "p":
        return entity.kind == "person"
    if gender == "n":
        return entity.kind in {"org", "gpe", "thing"}
    if gender == "org":  # a name the recogniser missed may be one: it makes "the company" unsure
        return entity.kind == "org" or named(entity)
    if gender == "company":  # also a name read as a place that no gazetteer knows ("Nvidia")
        return not no_company(entity.key) and (
            entity.kind == "org"
            or named(entity)
            or (entity.kind == "gpe" and not entity.nouns and country_of(entity.key) is None)
        )
    return entity.kind == "group"


def join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


__all__ = [
    "PLACE_WORDS",
    "Entity",
    "EntityTable",
    "Mention",
    "Role",
    "clean_name",
    "fits",
    "is_dateline",
    "is_person_name",
    "join_names",
    "named",
    "no_company",
    "role_of",
]
