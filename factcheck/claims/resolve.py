"""Resolve only when sure: the mentions of a sentence that need the article, and what they are.

For each sentence (in article order, against :class:`~factcheck.claims.discourse.Discourse`):

* **Pronouns** (he/him/his, she/her, it/its, they/them/their; never inside a quotation, never an
  expletive "it is possible to ...").  An antecedent earlier in the same sentence anchors the
  pronoun: nothing changes unless a split separates the two (the edit carries the anchor).
  Otherwise the candidates are the entities of the nearest earlier sentence (up to
  :data:`LOOK_BACK`) that fit the pronoun in number, gender and person-vs-thing, and that the
  clause allows (an object pronoun is not its clause's subject: "Kim greeted him"; a predicate
  with a nationality excludes other nationals: "made him the first Russian head of state").  The
  pronoun is replaced when exactly one candidate is left, or exactly one is the subject of that
  sentence's main clause while no other is the subject of any clause; else it stays and is
  reported unresolved.  It also stays when :class:`~factcheck.config.ResolveRules` does not
  replace its kind (by default "it" and "they" stay, bar an "it" that ranks the event just
  told), or when someone the resolver did not weigh stands between a "he"/"she" and its
  antecedent (:mod:`factcheck.claims.rivals`).
* **Definite descriptions** (:mod:`factcheck.claims.descriptions`): "the two leaders", "the
  bank", "the town", "that trip" / "this visit" (the event phrase), "the 23-year-old".
* **Surnames**: "Kim" → "Kim Jong Un" when one fuller name fits.
* **Relative times** (:mod:`factcheck.claims.times`), outside quotations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from factcheck.claims.clauses import (
    clause_subject,
    described_subject,
    fronted,
    objective,
    predicate_nationality,
    ranks,
    relative_head,
)
from factcheck.claims.descriptions import describe
from factcheck.claims.discourse import Discourse, looks_like_person
from factcheck.claims.entities import Entity, Mention, clean_name, fits, is_dateline, is_person_name, role_of
from factcheck.claims.lexicon import (
    AGENT_VERBS,
    COUNTRY_NOUNS,
    FEMALE_NAMES,
    KIND_NOUNS,
    MALE_NAMES,
    NON_COMPANY_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
)
from factcheck.claims.render import Edit, Unresolved
from factcheck.claims.rivals import rival
from factcheck.claims.times import frame_years, time_edits
from factcheck.config import ResolveRules

#: How many sentences back a pronoun looks for its antecedent.
LOOK_BACK = 3
#: pronoun -> (gender "m"/"f"/"n"/"pl", possessive)
PRONOUNS = {
    "he": ("m", False),
    "him": ("m", False),
    "his": ("m", True),
    "she": ("f", False),
    "her": ("f", None),  # object or possessive, by tag
    "it": ("n", False),
    "its": ("n", True),
    "they": ("pl", False),
    "them": ("pl", False),
    "their": ("pl", True),
}
#: The other forms of a pronoun: one referent through a sentence ("it ... its", "he ... his").
_FORMS = {"it": ("its",), "its": ("it",), "he": ("his", "him"), "his": ("he", "him"), "him": ("he", "his"),
          "she": ("her",), "her": ("she",), "they": ("their", "them"), "their": ("they", "them"),
          "them": ("they", "their")}  # fmt: skip
_RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the resolver found in one sentence (offsets into the sentence text)."""

    edits: tuple[Edit, ...]
    unresolved: tuple[Unresolved, ...]
    mentions: tuple[Mention, ...]  # resolved mentions of entities, for the discourse


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in re.finditer('"', text)]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in ranges)


def expletive(tok) -> bool:
    """Whether "it" stands for nothing ("it is possible to ...", "it seems")."""
    head = tok.head
    if tok.dep_ == "expl" or head.lemma_ in {"seem", "appear", "emerge", "happen", "matter", "rain", "snow"}:
        return True
    if head.lemma_ == "be":
        if any(c.dep_ == "attr" and c.lemma_.lower() in KIND_NOUNS for c in head.children):
            return False  # "It is only the fourth country to land on the Moon": that country
        comps = [c for c in head.children if c.dep_ in {"acomp", "xcomp", "ccomp", "advmod"}]  # "too soon to"
        return any(c.dep_ in {"xcomp", "ccomp"} for c in comps) or any(
            g.dep_ in {"xcomp", "ccomp"} for c in comps for g in c.children
        )
    return False


class Resolver:
    """Resolves the mentions of one sentence after another against a :class:`Discourse`."""

    def __init__(self, discourse: Discourse, rules: ResolveRules = ResolveRules()) -> None:
        self.discourse = discourse
        self.rules = rules
        self.years: list[list[str]] = []
        self.frames: list[list[str]] = []  # the years that set each sentence's time (times.frame_years)
        self.recent: list[tuple[object, int]] = []  # the sentences read, (spaCy sentence, offset)

    def __call__(self, sent, offset: int) -> Resolution:
        text = sent.doc.text[offset : sent.end_char]
        quotes = quoted_ranges(text)
        edits: list[Edit] = []
        unresolved: list[Unresolved] = []
        mentions: list[Mention] = []
        described = describe(self.discourse, sent, offset, text, quotes)
        local = self._local_mentions(sent, offset) + self._described(sent, offset, described[2])
        for found in (described, self._pronouns(sent, offset, quotes, local), self._surnames(sent, offset)):
            edits += found[0]
            unresolved += found[1]
            mentions += found[2]
        times, untimed = time_edits(text, self.discourse.published, self.years, sent, offset, self.frames)
        # "Today marks ...," Cook said: a quotation's day is the day it was said, not the article's
        edits += [e for e in times if not _inside(e.start, quotes)]
        unresolved += [u for u in untimed if not _inside(u.start, quotes)]
        self.years.append(_RE_YEAR.findall(text))
        self.frames.append(frame_years(sent))
        self.recent = [*self.recent[-LOOK_BACK + 1 :], (sent, offset)]
        return Resolution(*_disjoint(edits, unresolved), tuple(mentions))

    # -- pronouns -------------------------------------------------------------------------
    def _local_mentions(self, sent, offset: int) -> list[tuple[int, str, Entity, object]]:
        """(token index, key, entity, root token) of the named entities of the sentence."""
        out = []
        for ent in sent.ents:
            name = clean_name(ent.text)
            if is_dateline(name):
                continue
            kind = {"PERSON": "person", "ORG": "org", "GPE": "gpe"}.get(ent.label_)
            if kind in {"org", "gpe"} and looks_like_person(name, self.discourse):
                kind = "person"  # "Novak Djokovic" read as an organisation, as the discourse reads it
            if (
                ent.label_ in {"PERSON", "LOC", "FAC"}
                and ent.start > sent.start
                and sent.doc[ent.start - 1].lower_ == "the"
            ):
                kind, name = "thing", "the " + name  # "the Moon"
            if kind is None or (kind == "person" and not is_person_name(name)):
                continue
            if kind == "thing":
                key = name
            else:
                key = self.discourse.canonical(name) if kind == "person" else name.removeprefix("the ")
            entity = self.discourse.entities.get(key) or Entity(key, kind, gender=_name_gender(name))
            out.append((ent.start, key, entity, ent.root))
        return out

    def _described(self, sent, offset: int, mentions: list[Mention]) -> list[tuple[int, str, Entity, object]]:
        """The descriptions resolved in the sentence, as antecedents for its pronouns."""
        out = []
        for m in mentions:
            entity = self.discourse.entities.get(m.key)
            tok = next((t for t in sent if t.idx - offset >= m.start), None)
            if entity is not None and tok is not None:
                head = next((t for t in sent if m.start <= t.idx - offset < m.end and t.dep_ != "det"), tok)
                out.append((tok.i, m.key, entity, head))
        return sorted(out, key=lambda c: c[0])

    def _pronouns(self, sent, offset: int, quotes, local) -> tuple[list, list, list]:
        edits, unresolved, mentions = [], [], []
        resolved_here: list[tuple[int, str, Entity, object]] = []
        unsure: set[str] = set()  # genders of pronouns left unresolved earlier in the sentence
        for tok in sent:
            info = PRONOUNS.get(tok.lower_)
            pos = tok.idx - offset
            if info is None or tok.tag_ not in {"PRP", "PRP$"} or _inside(pos, quotes):
                continue
            gender, possessive = info
            if possessive is None:
                possessive = tok.tag_ == "PRP$"
            if tok.lower_ == "it" and expletive(tok):
                continue
            span = (pos, pos + len(tok.text))
            if gender in unsure:  # "Apple describes it as ..., and users control it": the same one
                unresolved.append(Unresolved(*span, tok.text))
                continue
            # '"Kobe was a close friend," he said': a name in a quotation is not the speaker
            heard = [c for c in local + resolved_here if not _inside(c[3].idx - offset, quotes)]
            found = self._intra(tok, gender, heard, offset)
            if isinstance(found, list):  # several fit in the sentence: flagged where none is kept
                unresolved.append(Unresolved(*span, tok.text, tuple(found)))
                unsure.add(gender)
                mentions.append(self._someone(gender, tok, span))
                continue
            if found is None and _local_noun(tok, gender):
                if gender == "n":  # "A separate inquiry is being carried out ..., and its report": not sure
                    unresolved.append(Unresolved(*span, tok.text))
                continue  # "619,000 people ..., most of them young children": the people just named
            if found is not None:
                key, anchor = found
            else:
                key, anchor = self._inter(tok, gender, possessive, local), None
            entity = self.discourse.entities.get(key) if key else None
            if entity is None and anchor is not None:  # named first in this sentence, not read yet
                entity = next((e for _, k, e, _ in local if k == key), None)
            shown = _shown(key, entity, gender)  # "She" → "the ten-year-old girl"
            if shown is None:
                if anchor is None:
                    unresolved.append(Unresolved(*span, tok.text))
                    unsure.add(gender)
                    mentions.append(self._someone(gender, tok, span))
                continue
            if gender not in self.rules.pronouns and not self._ranked_event(tok, key):  # kept, flagged
                unresolved.append(Unresolved(*span, tok.text, (anchor,) if anchor else ()))
                if entity is not None:
                    mentions.append(Mention(key, role_of(tok), *span))
                continue
            if gender in {"m", "f"} and self._rivalled(tok, gender, key, shown, anchor, offset, local, mentions):
                unresolved.append(Unresolved(*span, tok.text, (anchor,) if anchor else ()))
                unsure.add(gender)
                mentions.append(self._someone(gender, tok, span))
                continue
            if entity is not None and entity.kind == "person" and entity.gender is None and gender in {"m", "f"}:
                entity.gender = gender  # "Kim Jong Un ... his": learnt for the sentences that follow
            name = shown + "'s" if possessive else shown
            edits.append(Edit(*span, tok.text, name, "pronoun", anchor))
            if entity is not None:
                resolved_here.append((tok.i, key, entity, tok))
                mentions.append(Mention(key, role_of(tok), *span))
        return edits, unresolved, mentions

    def _ranked_event(self, tok, key: str | None) -> bool:
        """Whether ``tok`` is an "it" that ranks an event the article told ("It is the first time
        ...") and ``key`` that event's phrase, replaced when the rules say so."""
        if not self.rules.ranked_event_it or tok.lower_ != "it" or key is None or not ranks(tok):
            return False
        return any(e.phrase == key for e in self.discourse.events)

    def _rivalled(self, tok, gender: str, key: str, shown: str, anchor, offset: int, local, mentions) -> bool:
        """Whether someone the resolver did not weigh stands between the pronoun ``tok`` and its
        antecedent ``key`` (at ``anchor`` in the same sentence, or in one of the sentences before)."""
        if not self.rules.rivals:
            return False
        sent = tok.sent
        here = [Mention("", "other", e.start_char - offset, e.end_char - offset) for e in sent.ents]
        here += [Mention("", "other", t.idx - offset, t.idx - offset + len(t.text)) for _, _, _, t in local]
        here += mentions
        if anchor is not None:
            between = [t for t in sent if anchor[1] <= t.idx - offset and t.i < tok.i]
            return rival([(between, offset, here)], gender, shown) is not None
        scope = [([t for t in sent if t.i < tok.i], offset, here)]
        history = self.discourse.history
        for back in range(1, min(len(self.recent), len(history)) + 1):
            earlier, at = self.recent[-back]
            scope.append((earlier, at, [m for m in history[-back] if self._weighed(m.key)]))
            if any(m.key == key for m in history[-back]):
                break
        return rival(scope, gender, shown) is not None

    def _weighed(self, key: str) -> bool:
        """Whether a mention of ``key`` was among the people a pronoun's antecedent was chosen
        from: a name, a person described, a pronoun; not "the founder" read as a thing."""
        entity = self.discourse.entities.get(key)
        return not key.startswith("np:") or (entity is not None and entity.kind in {"person", "pronoun"})

    def _someone(self, gender: str, tok, span: tuple[int, int]) -> Mention:
        """A pronoun left unresolved stands for someone the next sentence's pronouns may mean too
        ("Kaplan ordered him to forfeit ... He ...": not sure it is Kaplan)."""
        key = "np:?" + gender
        self.discourse.entities.setdefault(key, Entity(key, "pronoun", gender=gender))
        return Mention(key, role_of(tok), *span)

    def _intra(self, tok, gender: str, local, offset: int):
        """The antecedent of ``tok`` earlier in its sentence: (key, anchor span); the spans of
        the candidates when several fit, or a noun that is not a named entity does ("landed on
        the Moon ... its surface"), so that a part holding one reads alone; ``None`` when none
        does."""

        def spans(tokens) -> list[tuple[int, int]]:
            return [(t.idx - offset, t.idx - offset + len(t.text)) for t in tokens]

        subject = clause_subject(tok)
        nominal = [a for a in tok.ancestors if a.pos_ in {"NOUN", "PROPN"}]
        before = [(i, k, e, root) for i, k, e, root in local if i < tok.i and fits(e, gender)
                  and not any(root.dep_ == "compound" and root.head == a for a in nominal)]  # fmt: skip
        # (a name that only qualifies the pronoun's own noun is not what it stands for: "the first
        # UN convoy to use it")
        head = relative_head(tok)
        if head is not None and gender != "n":  # "D'Angelo, who is the only director to keep his seat"
            owner = next((c for c in before if c[3].i == head.i), None)
            if owner is not None:
                if gender in {"m", "f"} and self._topic_rival(gender, owner[1], local):
                    return spans([owner[3]])
                return owner[1], spans([owner[3]])[0]
            if head.pos_ in {"PROPN", "NOUN"}:
                return spans([head])  # someone the recogniser did not name: not sure
        same = [c for c in before if c[3].lower_ == tok.lower_ or c[3].lower_ in _FORMS.get(tok.lower_, ())]
        if same:  # "Apple describes it as ..., and users control it": the "it" before
            return same[-1][1], spans([same[-1][3]])[0]
        if objective(tok):
            before = [c for c in before if subject is None or c[3].i not in subject]
        described = described_subject(tok) if not before and gender in {"m", "f"} else None
        if described is not None:
            # '"I'm living my dream," the champion said, thanking his parents': that champion
            return spans([described])
        if not before and tok.tag_ == "PRP$" and gender != "pl":
            # "During his remarks, Kim Jong Un ...": the subject the fronted phrase belongs to
            subj = next((c for c in local if c[3].dep_ in {"nsubj", "nsubjpass"} and c[3].head == tok.sent.root), None)
            if subj is not None and subj[0] > tok.i and fits(subj[2], gender) and fronted(tok):
                return spans([subj[3]])
        if gender == "pl":
            several = [c for c in local if c[0] < tok.i and c[2].kind != "group"]
            if len({c[1] for c in several}) >= 2:
                return spans(c[3] for c in several)
        keys = list(dict.fromkeys(k for _, k, _, _ in before))
        if not keys:
            return self._unnamed(tok, gender, local, spans)
        if len(keys) > 1:
            subjects = [k for _, k, _, root in before if role_of(root) in {"subj", "esubj", "asubj"}]
            if len(set(subjects)) != 1:
                return spans(c[3] for c in before)
            keys = subjects[:1]
        root = next(c for c in before if c[1] == keys[0])[3]
        if gender == "n":
            # "World Athletics must ratify the record before it becomes official": the record, or not
            # sure; a common noun between the name and "it" fits it as well, and so does a common
            # noun that is a clause's subject ("A separate inquiry is carried out by the Commissioner
            # of Railway Safety ..., and its report": the inquiry's, or not sure)
            nouns = [t for t in _thing_nouns(tok) if t.i != root.i and (
                t.dep_ in {"nsubj", "nsubjpass"} or (tok.tag_ == "PRP" and root.i < t.i and t.dep_ == "dobj"))]  # fmt: skip
            if nouns:
                return spans([root, *nouns])
        if gender in {"m", "f"} and _reported(tok) and self._topic_rival(gender, keys[0], local):
            return spans([root])
        start = root.idx - offset
        return keys[0], (start, start + len(root.text))

    def _topic_rival(self, gender: str, key: str, local) -> bool:
        """Whether the previous sentence's subject is another person of ``gender``, not named in
        this sentence: "Bankman-Fried took the stand ... . Kaplan, who revoked his bail, said he
        had lied": the pronoun may be either, so it is not resolved to the one named here."""
        if not self.rules.topic_rivals or not self.discourse.history:
            return False
        here = {k for _, k, _, _ in local}
        for m in self.discourse.history[-1]:
            if m.role != "subj" or m.key == key or m.key in here or m.key.startswith("np:"):
                continue
            if fits(self.discourse.entities.get(m.key), gender):
                return True
        return False

    def _unnamed(self, tok, gender: str, local, spans):
        """What earlier in the sentence ``tok`` may be when no named entity fits (see :meth:`_intra`):
        a thing the recogniser did not name ("landed on the Moon ... its"), a person it missed or
        read as an organisation ("Spain's Aitana Bonmati won ..., and her teammate"), or the
        surname of one person named before ("Truss announced her resignation")."""
        if gender == "n":
            nouns = [t for t in tok.sent if t.i < tok.i and t.tag_ in {"NN", "NNP"} and not t.ent_type_]
            nouns = [t for t in nouns if t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "attr"}]
            return spans(nouns) or None
        if gender not in {"m", "f"}:
            return None
        names = [t for t in tok.sent if t.i < tok.i and t.tag_ == "NNP" and not t.ent_type_
                 and t.dep_ in {"nsubj", "nsubjpass"}]  # fmt: skip
        names += [root for i, _, e, root in local if i < tok.i and e.kind == "org" and _person_like(e.key)]
        if len(names) == 1:
            full = self.discourse.full_name(names[0].text)
            known = self.discourse.entities.get(full) if full else None
            if known is not None and fits(known, gender):
                return known.key, spans(names)[0]
        return spans(names) or None

    def _inter(self, tok, gender: str, possessive: bool, local) -> str | None:
        nationality = predicate_nationality(tok)
        exclude: frozenset[str] = frozenset()
        if objective(tok) and (subject := clause_subject(tok)):
            bound = [(k, e) for _, k, e, root in local if root.i in subject]  # "Apple describes it"
            # ... nor what the subject was called before ("A federal judge sentenced X. Judge Lewis
            # Kaplan ordered him": not the judge)
            titles = {tok.doc[i].lower_ for i in subject}  # "Judge Lewis Kaplan": the judge
            exclude = frozenset(k for k, _ in bound) | frozenset(
                "np:" + n for n in titles | {n for _, e in bound for n in e.nouns}
            )
        # "It said ...", "It is only the fourth country to ...": an organisation or a country, not a thing
        agentive = tok.dep_ in {"nsubj", "nsubjpass"} and (
            tok.head.lemma_ in AGENT_VERBS
            or any(c.dep_ == "attr" and c.lemma_.lower() in COUNTRY_NOUNS | ORG_NOUNS for c in tok.head.children)
        )
        return self.discourse.antecedent(
            gender, nationality=nationality, look_back=LOOK_BACK, owner=possessive, exclude=exclude, agentive=agentive
        )

    # -- surnames -------------------------------------------------------------------------
    def _surnames(self, sent, offset: int) -> tuple[list, list, list]:
        edits, mentions = [], []
        quotes = quoted_ranges(sent.doc.text[offset : sent.end_char])
        for ent in sent.ents:
            name = clean_name(ent.text)
            if ent.label_ != "PERSON" or len(name.split()) != 1 or not is_person_name(name):
                continue
            if _inside(ent.start_char - offset, quotes):
                continue  # "Kobe was a close friend," he said: a quotation stays as it was said
            full = self.discourse.full_name(name)
            if full is not None and full != name and full not in sent.doc.text[offset : sent.end_char]:
                start = ent.start_char - offset
                edits.append(Edit(start, start + len(name), name, full, "name"))
        return edits, [], mentions


def resolve_sentences(
    sentences: Sequence[tuple[object, int]], published: date | None, rules: ResolveRules = ResolveRules()
) -> list[Resolution]:
    """The resolutions of an article's sentences, in order: (spaCy sentence, document offset of
    its text) each, read into one :class:`Discourse` after it is resolved."""
    discourse = Discourse(published)
    resolver = Resolver(discourse, rules)
    out = []
    for sent, offset in sentences:
        resolution = resolver(sent, offset)
        discourse.read(sent, offset, list(resolution.mentions))
        out.append(resolution)
    return out


def _shown(key: str | None, entity: Entity | None, gender: str) -> str | None:
    """How the antecedent ``key`` reads in place of a pronoun of ``gender``, or ``None``: a common
    noun by its description ("the ten-year-old girl"), a name the recogniser missed by its words
    only for "it" (whether "Activision" is a "he" is not known), any other noun not at all."""
    if key is None:
        return None
    if not key.startswith("np:"):
        return key
    if entity is None or not entity.display or (entity.kind in {"unknown", "thing"} and gender != "n"):
        return None
    return entity.display


def _reported(tok) -> bool:
    """Whether ``tok`` stands in what someone is said to have said or thought ("Kaplan said he had
    lied"), where the person talked about before may be meant; a pronoun of a clause about a place
    or a time of the sentence's own action ("Modi watched from Cape Town, where he was attending a
    summit") is that sentence's person."""
    return any(a.dep_ in {"ccomp", "parataxis"} for a in tok.ancestors)


def _name_gender(name: str) -> str | None:
    first = name.split()[0].lower()
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None


def _person_like(name: str) -> bool:
    """Whether an organisation's name may be a person's the recogniser misread: two or three
    capitalised words, none an organisation's ("Aitana Bonmati", not "Colonial Pipeline Company")."""
    words = name.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.isalpha() for w in words)
        and not any(w.lower() in ORG_NOUNS or w.lower() in NON_COMPANY_WORDS for w in words)
    )


_QUANTIFIERS = frozenset("most many some all none one each both several half few two three".split())


def _local_noun(tok, gender: str) -> bool:
    """Whether a common noun earlier in the sentence may be what the pronoun stands for: a
    partitive "most of them" after a plural noun, or "it"/"its" after a singular noun that is a
    clause's subject (the article's earlier sentences are then not where to look)."""
    if gender == "pl":
        partitive = tok.head.lower_ == "of" and tok.head.head.lower_ in _QUANTIFIERS
        return partitive and any(t.tag_ == "NNS" and not t.ent_type_ for t in tok.sent if t.i < tok.i)
    if gender == "n":
        return any(t.dep_ in {"nsubj", "nsubjpass"} for t in _thing_nouns(tok))
    return False


def _thing_nouns(tok) -> list:
    """Singular common nouns before ``tok`` in its sentence that "it"/"its" may stand for: no
    name, no person noun ("a federal judge ... its request"), not a noun ``tok`` is part of
    ("demand for its chips" is not the demand's own)."""
    above = {a.i for a in tok.ancestors}
    return [
        t for t in tok.sent
        if t.i < tok.i and t.tag_ == "NN" and not t.ent_type_ and t.i not in above
        and t.lemma_.lower() not in PERSON_NOUNS
    ]  # fmt: skip


def _disjoint(edits: list[Edit], unresolved: list[Unresolved]) -> tuple[tuple[Edit, ...], tuple[Unresolved, ...]]:
    """Edits that do not overlap (the first found wins), and unresolved mentions no edit covers."""
    kept: list[Edit] = []
    for e in edits:
        if all(e.end <= k.start or e.start >= k.end for k in kept):
            kept.append(e)
    left = [u for u in unresolved if all(u.end <= k.start or u.start >= k.end for k in kept)]
    return tuple(sorted(kept, key=lambda e: e.start)), tuple(left)


__all__ = ["LOOK_BACK", "PRONOUNS", "Resolution", "Resolver", "quoted_ranges", "resolve_sentences"]
