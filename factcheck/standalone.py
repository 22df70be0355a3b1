"""Claims a reader can check without the article: decomposition and decontextualisation.

**Decomposition** (:func:`decompose`) splits a sentence that states several facts into parts,
one fact each, from spaCy's dependency parse:

* coordinated clauses ("Putin arrived in Pyongyang and signed a treaty"): the second clause
  becomes its own claim, taking the first clause's subject when it has none;
* non-restrictive relative clauses ("the treaty, which includes a defence clause,"): "the treaty
  includes a defence clause" (only where the relative pronoun is the clause's subject);
* appositives ("Kim Il Sung, Kim Jong Un's grandfather,"): "Kim Il Sung was Kim Jong Un's
  grandfather";
* clauses of simultaneity ("..., as Putin began his first visit in 24 years"): their own claim.

Analysis hung on a fact by a participle ("..., highlighting the enduring relationship") is cut
from the fact (:data:`ANALYSIS_PARTICIPLES`).  A sentence with one fact stays one part.  Every
part keeps the character ranges of the sentence it was built from.

**Decontextualisation** (:class:`Context`) rewrites a part so it stands alone, keeping the
original words where it can:

* a personal pronoun with no name before it in the part ("he participated") becomes the person
  the article last named ("Vladimir Putin participated"); a bare surname becomes the full name
  the article gave earlier ("Kim" -> "Kim Jong Un");
* "the two leaders" / "the two countries" become the two people / countries the article has named
  most often so far; "the square" becomes the named place it abbreviates ("Kim Il Sung Square");
* relative times get their date in brackets against the article's date: "last year (2023)",
  "Wednesday (19 June 2024)", and "that year (2000)" from the last year the article gave.

All rules are deterministic and cheap (one spaCy parse per sentence, which claim detection
already has).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

#: Participles that attach analysis to a fact ("..., highlighting the deep ties"); the clause
#: they open is not part of the factual claim.
ANALYSIS_PARTICIPLES = frozenset(
    """highlighting underscoring underlining signalling signaling reflecting showing suggesting
    demonstrating illustrating emphasising emphasizing symbolising symbolizing showcasing
    indicating cementing deepening""".split()
)
#: Markers of a subordinate clause that states a separate, simultaneous fact.
_SEPARATE_MARKERS = frozenset({"as", "while", "whereas", "although", "though"})
_RELATIVE_PRONOUNS = frozenset({"which", "who"})
#: A relative clause hung on a date or a number is a misparse ("the treaty of February 2000, which ...").
_NOT_ANTECEDENTS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
#: Named things an appositive may describe ("Kim Il Sung, Kim Jong Un's grandfather,").
_APPOSITIVE_HEADS = frozenset({"PERSON", "ORG", "GPE", "FAC", "NORP", "LOC", "EVENT", "PRODUCT"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_PAST_TAGS = frozenset({"VBD", "VBN"})


@dataclass(frozen=True, slots=True)
class Part:
    """One fact of a sentence: its text and the sentence offsets it was built from."""

    text: str
    start: int  # offsets into the sentence text
    end: int


def _tokens_text(tokens: Sequence) -> str:
    pieces = []
    for k, t in enumerate(tokens):
        pieces.append(t.text)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and (t.whitespace_ or (nxt.i != t.i + 1 and not nxt.is_punct)):
            pieces.append(" ")  # a space where the text had one, or where tokens were cut out
    out = "".join(pieces).strip()
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    out = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", out)
    return out


def _finish(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"'”’":
        text += "."
    return text


def _finite(tokens: Sequence) -> bool:
    """Whether the tokens hold a finite verb ("greeted", "has faced", "is"): a statement, not a
    fragment such as "Kim Jong Un, visibly pleased"."""
    return any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in tokens)


def _span_of(tokens: Sequence, offset: int) -> tuple[int, int]:
    return min(t.idx for t in tokens) - offset, max(t.idx + len(t.text) for t in tokens) - offset


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


def decompose(sent, offset: int, *, skip: int = 0) -> list[Part]:
    """Parts of the spaCy sentence ``sent``; ``offset`` is the document offset of the sentence text
    (so part offsets are into the sentence text) and tokens before ``skip`` (a dateline) are left
    out.  The first part is the main clause."""
    n = len(sent)
    kept = [t for t in sent if t.idx - offset >= skip and not t.is_space]
    if not kept:
        return []
    if n < 6:
        return [Part(_tokens_text(kept), *_span_of(kept, offset))]
    removed: set[int] = {t.i - sent.start for t in sent if t.idx - offset < skip}
    extra: list[tuple[str, list, bool]] = []  # (text, tokens it came from, needs a finite verb)
    root = sent.root
    past = root.tag_ in _PAST_TAGS or any(c.tag_ == "VBD" for c in root.children if c.dep_ in {"aux", "auxpass"})
    for tok in sent:
        j = tok.i - sent.start
        if j in removed:
            continue
        # "X, which Y": a separate fact about X, when "which"/"who" is the clause's subject
        if tok.dep_ == "relcl" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.ent_type_ not in _NOT_ANTECEDENTS:
            sub = _subtree(sent, tok)
            first = sent[min(sub)]
            if first.lower_ in _RELATIVE_PRONOUNS and first.dep_ in _SUBJECTS and min(sub) > 0:
                if sent[min(sub) - 1].text != ",":
                    continue  # restrictive: "the man who won" is one fact
                head_tokens = sorted(_subtree(sent, tok.head) - sub - removed)
                head_tokens = [k for k in head_tokens if k < min(sub)]
                rest = [sent[k] for k in sorted(sub) if k != min(sub)]
                if rest and rest[0].text == ",":  # "which, unlike previous documents, did not ..."
                    close = next((k for k in range(1, len(rest)) if rest[k].text == ","), None)
                    rest = rest[close + 1 :] if close is not None else rest[1:]
                if head_tokens and len(rest) >= 2:
                    subject = _tokens_text([sent[k] for k in head_tokens])
                    extra.append((f"{subject} {_tokens_text(rest)}", [sent[k] for k in head_tokens] + rest, True))
                    removed |= _with_commas(sent, sub)
        # "Kim Il Sung, Kim Jong Un's grandfather,": X was Y
        elif (
            tok.dep_ == "appos"
            and tok.head.pos_ == "PROPN"
            and tok.head.ent_type_ in _APPOSITIVE_HEADS
            and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL"}
        ):
            sub = _subtree(sent, tok)
            if min(sub) == 0 or sent[min(sub) - 1].text != "," or len(sub) < 2:
                continue
            head = tok.head
            name = [t for t in head.lefts if t.dep_ in {"compound", "flat"}] + [head]
            name_idx = [t.i - sent.start for t in name]
            if any(k in sub for k in name_idx):
                continue
            copula = "was" if past else "is"
            text = f"{_tokens_text(name)} {copula} {_tokens_text([sent[k] for k in sorted(sub)])}"
            extra.append((text, name + [sent[k] for k in sorted(sub)], False))  # the copula is ours
            removed |= _with_commas(sent, sub)
        # "..., as Putin began his first visit": a separate fact
        elif tok.dep_ == "advcl" and tok.head == root:
            sub = _subtree(sent, tok)
            marker = next((c for c in tok.children if c.dep_ == "mark"), None)
            subject = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
            # "as it marked ...": a pronoun subject makes the clause a reason about the main one
            separate = subject is not None and subject.pos_ != "PRON"
            if marker is not None and marker.lower_ in _SEPARATE_MARKERS and separate and len(sub) >= 4:
                rest = [sent[k] for k in sorted(sub) if k != marker.i - sent.start]
                extra.append((_tokens_text(rest), rest, True))
                removed |= _with_commas(sent, sub)
            elif tok.tag_ == "VBG" and tok.lower_ in ANALYSIS_PARTICIPLES and min(sub) > 0:
                removed |= _with_commas(sent, sub)  # analysis, not fact
        # "Putin arrived ... and signed a treaty": the second clause
        elif tok.dep_ == "conj" and tok.head == root and tok.pos_ in {"VERB", "AUX"}:
            sub = _subtree(sent, tok)
            if len(sub) < 3:
                continue
            cc = [c for c in root.children if c.dep_ == "cc" and c.i < tok.i]
            if not cc:
                continue  # no "and"/"but": a misparse such as "Kim, visibly pleased, greeted Putin"
            own_subject = any(c.dep_ in _SUBJECTS for c in tok.children)
            clause = [sent[k] for k in sorted(sub)]
            tokens = list(clause)
            if not own_subject:
                subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
                if subj is None or (subj.lower_ in {"it", "this", "that", "there"} and subj.pos_ == "PRON"):
                    continue
                subj_tokens = [sent[k] for k in sorted(_subtree(sent, subj))]
                text = f"{_tokens_text(subj_tokens)} {_tokens_text(clause)}"
                tokens = subj_tokens + clause
            else:
                text = _tokens_text(clause)
            extra.append((text, tokens, True))
            drop = set(sub) | {c.i - sent.start for c in cc if c.i - sent.start == min(sub) - 1}
            if min(drop) > 0 and sent[min(drop) - 1].text == ",":
                drop.add(min(drop) - 1)
            removed |= drop
    main_tokens = [sent[k] for k in range(n) if k not in removed and not sent[k].is_space]
    parts = []
    if main_tokens and _finite(main_tokens):
        parts.append(Part(_finish(_tokens_text(main_tokens)), *_span_of(main_tokens, offset)))
    for text, tokens, needs_verb in extra:
        text = _finish(text)
        if len(text.split()) >= 4 and (_finite(tokens) or not needs_verb):
            parts.append(Part(text, *_span_of(tokens, offset)))
    return parts or [Part(_tokens_text(kept), *_span_of(kept, offset))]


# ------------------------------------------------------------------------------------------------
# Decontextualisation
# ------------------------------------------------------------------------------------------------

_PRONOUNS = {"he": "subj", "she": "subj", "him": "obj", "his": "poss", "her": "poss_or_obj"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RE_TWO = re.compile(r"\b(?P<det>[Tt]he|[Bb]oth) two (?P<noun>leaders|men|women|presidents|heads of state)\b")
_RE_TWO_COUNTRIES = re.compile(
    r"\b(?P<det>[Tt]he|[Bb]oth) two (?P<noun>countries|nations|states|neighbours|neighbors)\b"
)
_RE_RELATIVE = re.compile(
    r"\b(?P<phrase>(?:[Ss]ince|[Ii]n|[Uu]ntil|[Bb]y|[Ll]ast|[Tt]his) (?:January|February|March|April|June|July|August|September|October|November|December)(?![\s,]+\d)|(?:last|this|next) (?:year|month|week)|that year|the same year|the following year|"
    r"yesterday|today|(?:last |this |on |early |late )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    r"(?!,?\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December))",
    re.I,
)
_RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_RE_DASH = re.compile(r"\s[-–—]\s|\n")
_RE_NAMED_EVENT = re.compile(
    r"\b(?P<who>[A-Z][\w-]+(?: [A-Z][\w-]+){0,3})['’]s (?:first |landmark |historic |state )?"
    r"(?P<noun>visit|trip|tour) to (?P<where>[A-Z][\w-]+(?: [A-Z][\w-]+){0,2})"
)
_RE_THIS_EVENT = re.compile(r"^(?:This|The) (?:(?:landmark|historic|latest|recent) )?(?P<noun>visit|trip|tour)\b")
_RE_THAT_EVENT = re.compile(
    r"\b[Tt]hat (?:visit|trip|meeting|summit|election|agreement|treaty|war|attack|deal|vote)\b(?! \()"
)
_MONTH_NAMES = "January February March April May June July August September October November December".split()


def _long_date(d: date) -> str:
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


#: Last words that make a "PERSON" entity a place ("Kim Il Sung Square", "Lenin Street").
_PLACE_WORDS = frozenset(
    "square street avenue road bridge airport station palace stadium university hospital park hall "
    "tower building centre center prize award cup".split()
)


def _demonym_of(demonym: str, country: str) -> bool:
    """ "Russian" of "Russia", "North Korean" of "North Korea" (not "Pyongyang")."""
    return demonym.startswith(country) and len(demonym) - len(country) <= 2


def _is_person(name: str) -> bool:
    return name.split()[-1].lower() not in _PLACE_WORDS


def _most_named(counts: Counter[str], order: list[str], k: int = 2) -> list[str]:
    """The ``k`` names mentioned most often, ties going to the most recently mentioned."""
    recency = {name: i for i, name in enumerate(order)}
    return sorted(counts, key=lambda name: (-counts[name], -recency.get(name, -1)))[:k]


@dataclass
class Context:
    """What the article has said so far: people, places and years, in order of mention."""

    published: date | None = None
    people: list[str] = field(default_factory=list)  # full names, each mention appended
    person_counts: Counter[str] = field(default_factory=Counter)
    subjects: list[str] = field(default_factory=list)  # people named as a clause subject
    countries: Counter[str] = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)
    last_year: str | None = None
    #: the last "<person>'s visit to <place>" the article named, per event noun
    events: dict[str, str] = field(default_factory=dict)
    demonyms: Counter[str] = field(default_factory=Counter)  # "Russian", "North Korean", ...

    def snapshot(self) -> Context:
        """A copy that later reading does not change."""
        return Context(
            self.published,
            list(self.people),
            Counter(self.person_counts),
            list(self.subjects),
            Counter(self.countries),
            list(self.places),
            self.last_year,
            dict(self.events),
            Counter(self.demonyms),
        )

    # -- reading --------------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        """The fuller earlier name containing ``name``'s words, the most often named first
        ("Kim" -> "Kim Jong Un" in an article about him, although it also names Kim Jong Il)."""
        words = name.split()
        fuller = [
            k for k in dict.fromkeys(self.people) if len(k.split()) > len(words) and all(w in k.split() for w in words)
        ]
        if not fuller:
            return name
        last = {p: i for i, p in enumerate(self.people)}
        return max(fuller, key=lambda k: (self.person_counts[k], last[k]))

    def read(self, sent) -> None:
        """Take note of the names and years of the spaCy sentence ``sent``."""
        for ent in sent.ents:
            text = ent.text.removesuffix("'s").removesuffix("’s").strip()
            if _RE_DASH.search(text) or text.isupper():
                continue  # "PYONGYANG - Russia": a dateline run into the text
            if ent.label_ == "PERSON" and not _is_person(text):
                self.places.append(text)  # "Kim Il Sung Square"
            elif ent.label_ == "PERSON" and text:
                full = self.full_name(text)
                self.people.append(full)
                self.person_counts[full] += 1
                if ent.root.dep_ in _SUBJECTS:
                    self.subjects.append(full)
            elif ent.label_ == "GPE":
                self.countries[text] += 1
            elif ent.label_ == "NORP":
                self.demonyms[text] += 1  # "Russian": matched to "Russia" when pairs are resolved
            if ent.label_ in {"FAC", "LOC", "GPE", "ORG"} and len(text.split()) >= 2:
                self.places.append(text)
        years = _RE_YEAR.findall(sent.text)
        if years:
            self.last_year = years[-1]
        for m in _RE_NAMED_EVENT.finditer(sent.text):
            who = self.full_name(m.group("who"))
            if who in self.person_counts:
                self.events[m.group("noun").lower()] = f"{who}'s {m.group('noun').lower()} to {m.group('where')}"

    # -- rewriting ------------------------------------------------------------------------
    def rewrite(self, text: str, doc=None) -> str:
        """``text`` made standalone (see the module docstring); ``doc`` is its spaCy parse if known
        (a ``Doc`` of exactly ``text``, or a sentence ``Span`` whose text is ``text``)."""
        if doc is not None:
            edits = self._pronoun(doc) + self._surnames(doc)
            for start, end, repl in sorted(edits, reverse=True):
                text = text[:start] + repl + text[end:]
        text = self._pairs(text)
        text = self._definite_places(text)
        text = self._demonstratives(text)
        return self._times(text)

    def _antecedent(self) -> str | None:
        if self.subjects:
            return self.subjects[-1]
        return self.people[-1] if self.people else None

    def _pronoun(self, doc) -> list[tuple[int, int, str]]:
        """The first personal pronoun with no person named before it -> the person last named."""
        base = getattr(doc, "start_char", 0)  # a sentence Span: offsets are into its Doc
        persons = [e for e in doc.ents if e.label_ == "PERSON" and _is_person(e.text)]
        for tok in doc:
            low = tok.lower_
            if low not in _PRONOUNS or (tok.pos_ != "PRON" and tok.tag_ not in {"PRP", "PRP$"}):
                continue
            possessive = tok.tag_ == "PRP$" or low == "his"
            named = {self.full_name(e.text.removesuffix("'s")) for e in persons}
            if low in {"him", "her"} and not possessive and tok.dep_ in {"dobj", "pobj", "dative"} and named:
                # "Kim Jong Un greeted him": someone other than the people the part names
                name = next((p for p in reversed(self.people) if p not in named), None)
                if name is None:
                    return []
                return [(tok.idx - base, tok.idx - base + len(tok.text), name)]
            if any(e.start < tok.i for e in persons) or (possessive and persons):
                return []  # about a person the part names ("During his remarks, Kim Jong Un ...")
            name = self._antecedent()
            if name is None:
                return []
            return [(tok.idx - base, tok.idx - base + len(tok.text), f"{name}'s" if possessive else name)]
        return []

    def _surnames(self, doc) -> list[tuple[int, int, str]]:
        base = getattr(doc, "start_char", 0)
        edits = []
        text = doc.text
        for ent in doc.ents:
            name = ent.text.removesuffix("'s").removesuffix("’s")
            if ent.label_ == "PERSON" and len(name.split()) == 1:
                full = self.full_name(name)
                if full != name and full not in text:
                    edits.append((ent.start_char - base, ent.start_char - base + len(name), full))
        return edits

    def _pairs(self, text: str) -> str:
        people = _most_named(self.person_counts, self.people)
        if len(people) == 2:
            text = _RE_TWO.sub(lambda m: f"{people[0]} and {people[1]}", text, count=1)
        # countries whose people the article also names ("Russian", "North Korean") before cities
        # ("Russian" names Russia even before the article writes "Russia")
        candidates = set(self.countries) | {d[:-1] for d in self.demonyms if d.endswith(("ian", "ean"))}
        by_people = {c: sum(n for d, n in self.demonyms.items() if _demonym_of(d, c)) for c in candidates}
        countries = sorted(candidates, key=lambda c: (-by_people[c], -self.countries[c], c))[:2]
        if len(countries) == 2:
            text = _RE_TWO_COUNTRIES.sub(lambda m: f"{countries[0]} and {countries[1]}", text, count=1)
        return text

    def _definite_places(self, text: str) -> str:
        for place in reversed(self.places):
            noun = place.split()[-1]
            if not noun[:1].isupper() or len(noun) < 4:
                continue
            pattern = re.compile(rf"\b([Tt])he {re.escape(noun.lower())}\b")
            bare = place[4:] if place.startswith(("The ", "the ")) else place
            found = pattern.search(text)
            if found and bare not in text:
                # "the council" -> "the Marlow City Council"; a place without an article takes none
                repl = f"{found.group(1)}he {bare}" if bare != place else place
                return text[: found.start()] + repl + text[found.end() :]
        return text

    def _demonstratives(self, text: str) -> str:
        """ "That visit" -> "That visit (2000)" when the article last gave a year; "This (landmark)
        visit" at the start of a claim -> "Vladimir Putin's visit to North Korea" when the article
        named that visit."""
        m = _RE_THIS_EVENT.match(text)
        if m and m.group("noun").lower() in self.events:
            return self.events[m.group("noun").lower()] + text[m.end() :]
        if not self.last_year:
            return text
        return _RE_THAT_EVENT.sub(lambda m: f"{m.group()} ({self.last_year})", text, count=1)

    def _times(self, text: str) -> str:
        def resolve(m: re.Match) -> str:
            phrase = m.group("phrase")
            low = phrase.lower()
            when = self._when(low)
            return f"{phrase} ({when})" if when else phrase

        return _RE_RELATIVE.sub(resolve, text)

    def _when(self, phrase: str) -> str | None:
        ref = self.published
        if phrase in {"that year", "the same year"}:
            return self.last_year
        if phrase == "the following year":
            return str(int(self.last_year) + 1) if self.last_year else None
        if ref is None:
            return None
        if phrase == "last year":
            return str(ref.year - 1)
        if phrase == "this year":
            return str(ref.year)
        if phrase == "next year":
            return str(ref.year + 1)
        if phrase == "last month":
            prev = ref.replace(day=1) - timedelta(days=1)
            return f"{_MONTH_NAMES[prev.month - 1]} {prev.year}"
        if phrase == "this month":
            return f"{_MONTH_NAMES[ref.month - 1]} {ref.year}"
        if phrase in {"this week", "last week", "next week"}:
            monday = ref - timedelta(days=ref.weekday())
            shift = {"this week": 0, "last week": -7, "next week": 7}[phrase]
            return f"week of {_long_date(monday + timedelta(days=shift))}"
        if phrase == "yesterday":
            return _long_date(ref - timedelta(days=1))
        if phrase == "today":
            return _long_date(ref)
        day = phrase.split()[-1]
        if day.capitalize() in _MONTH_NAMES:  # "since September": the last September on or before the date
            month = _MONTH_NAMES.index(day.capitalize()) + 1
            year = ref.year if (month <= ref.month or phrase.startswith("this")) else ref.year - 1
            return str(year)
        if day in _WEEKDAYS:
            back = (ref.weekday() - _WEEKDAYS.index(day)) % 7
            if phrase.startswith("last ") and back == 0:
                back = 7
            return _long_date(ref - timedelta(days=back))
        return None
