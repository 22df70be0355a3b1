"""One figure, one party per claim: splits of a clause that states several figures or parties.

* **Apposed measures**: "X, roughly Y", "X, or Y tonnes", "X, amounting to Y" restate one
  quantity: one claim keeps X, the other says Y in X's place ("The mission cost about 6.15
  billion rupees." / "The mission cost roughly $75 million.").  "X, up from Y" gives an earlier
  value: after a verb of change ("rose to 2.6% in May, up from 2.4% in April") it becomes
  "<subject> was 2.4% in April"; "X, up 18% from a year earlier" after a copula becomes
  "<subject> was up 18% from a year earlier".  Never a claim the clause did not make: "up 262%"
  after "reported revenue of $26 billion" stays in its claim (whose figure rose is not said).
* **A ranking of a figure**: "won 72 seats, their best result since 1988" gives "72 seats was
  their best result since 1988"; after a copula the ranking takes the figure's place ("Turnout
  was about 60%, the lowest since 2001": "Turnout was the lowest since 2001").
* **A span of time after a date**: "lowered its rate on Wednesday, a day before the ECB decision"
  gives "... on Wednesday" and "... a day before the ECB decision"; a span counted from an event
  the sentence tells with a verb ("a day after Braverman quit") stays with its sentence.
* **Coordinated figures**: "won five seats and about 14% of the vote", "expects inflation to
  average 2.5% in 2024 and 2.2% in 2025": one claim per coordinated figure, each with the rest
  of the clause; ranges ("between 5.25% and 5.5%") and fractions ("two and a half million
  tonnes") stay whole.  A place ("finished second, nearly three minutes behind") is no figure
  an apposed measure restates.
* **Lists of parties**: "Saudi Arabia, Iraq and Russia had resisted ..." becomes one claim per
  named country or organisation (the verb made singular), unless the predicate is joint
  ("together", "each other", "signed a treaty"); in a clause split off the sentence too ("...,
  and the European Union, Britain and the United States have sent search teams").
* **Lists of objects**: "will be held in the United States, Canada and Mexico", "caused by
  factors such as diet, stress or toxins": one claim per item, unless the predicate is joint
  ("between X and Y", "together", a verb such as "meet" or "sign").

Each function takes and returns item lists (tokens of one sentence, in order, or added words),
so every claim keeps the character range of its own tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.claims.inflect import finite_form

QUANTITY_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL"})
#: Words between the comma and an apposed figure that restate the same quantity.
_SAME = frozenset({"roughly", "about", "around", "nearly", "almost", "some", "approximately", "or", "amounting"})
_DROP = frozenset({"or", "amounting", "to", "equivalent", "equal"})
_CHANGE_VERBS = frozenset(
    """rise fall climb increase drop grow jump decline surge slip slide gain lose shrink expand
    rebound soar plunge dip edge ease""".split()
)
_BOUNDARY = frozenset({",", ".", ";", ":", "and", "but", "while", "as", "whereas", "according", '"'})
#: "a year and a half", "an hour and a quarter": the fraction belongs to the first item.
_FRACTION_WORDS = frozenset({"half", "quarter", "third"})
#: "two hours and 35 seconds", "three years and two months": one length of time.
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})
_JOINT = frozenset(
    """together jointly between each one combined respectively both collectively mutual bilateral
    among""".split()
)
_SYMMETRIC_VERBS = frozenset(
    """meet agree sign share negotiate compete differ merge tie draw clash fight trade play face
    unite ally partner cooperate join marry talk split divide""".split()
)
_PARTY_ENTS = frozenset({"GPE", "ORG", "NORP"})
#: Forms the inflection table does not give from the word as written (contractions, "are", "were").
_SINGULAR = {"have": "has", "are": "is", "were": "was", "do": "does", "'re": "'s", "'ve": "'s"}


def _tok(x) -> bool:
    return not isinstance(x, str)


def _is_figure(t) -> bool:
    return _tok(t) and (t.ent_type_ in QUANTITY_ENTS or (t.like_num and t.ent_type_ != "DATE"))


def _figure_np(items: list, q: int) -> tuple[int, int]:
    """The item range [lo, hi) of the noun phrase around the figure at ``items[q]``: its bound
    words and currency sign, its noun and that noun's "of" phrase."""
    tok = items[q]
    positions = {t.i: k for k, t in enumerate(items) if _tok(t)}
    head = tok
    while head.dep_ in {"nummod", "quantmod", "compound", "advmod", "amod"} and head.head.i in positions:
        if head.head.i < tok.i:
            break
        head = head.head
    span = [t.i for t in head.subtree if t.i in positions]
    keep = {t.i for t in head.subtree}
    for child in head.rights:
        if child.dep_ in {"prep", "relcl", "acl", "appos", "punct", "cc", "conj"} and child.lower_ != "of":
            keep -= {t.i for t in child.subtree}
    span = sorted(i for i in span if i in keep)
    lo, hi = positions[span[0]], positions[span[-1]] + 1
    return lo, hi


def _appositive_figure(items: list, c: int) -> tuple[int, int, int] | None:
    """After the comma at ``items[c]``: (first marker item, first figure-phrase item, end)."""
    k = c + 1
    markers = []
    while k < len(items) and _tok(items[k]) and items[k].lower_ in _SAME | _DROP | {"up", "down", "from"}:
        markers.append(items[k].lower_)
        k += 1
    if k >= len(items) or not _is_figure(items[k]) or len(markers) > 3 or _score(items[k]):
        return None  # (a score's sets, "6-3, 7-6 (7-5), 6-3", are one result)
    end = k
    while end < len(items) and not (_tok(items[end]) and (items[end].lower_ in _BOUNDARY or items[end].pos_ == "VERB")):
        end += 1
        if end < len(items) and _tok(items[end]) and items[end].lower_ == "and" and _fraction_after(items, end):
            end += 1  # "nearly three and a half minutes": one figure, which the parse coordinates
    if any(_tok(t) and t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in items[k:end]):
        return None
    return c + 1, k, end


def _fraction_after(items: list, k: int) -> bool:
    """Whether ``items[k]`` ("and") opens a fraction of the figure before it ("and a half")."""
    after = [t.lower_ for t in items[k + 1 : k + 3] if _tok(t)]
    if after[:1] == ["a"] or after[:1] == ["an"]:
        after = after[1:]
    return bool(after) and after[0] in _FRACTION_WORDS


def _score(tok) -> bool:
    """Whether ``tok`` opens a score or a result such as "6-3" or "4-2"."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text in {"-", "–"} and doc[tok.i + 2].like_num


def _measure_split(items: list) -> list[list] | None:
    for c, comma in enumerate(items):
        if not (_tok(comma) and comma.text == ",") or c == 0:
            continue
        found = _appositive_figure(items, c)
        if found is None:
            continue
        m, k, end = found
        markers = [t.lower_ for t in items[m:k]]
        q = next((j for j in range(c - 1, -1, -1) if _is_figure(items[j])), None)
        if q is None or items[q].ent_type_ == "ORDINAL":
            continue  # ("finished second, nearly three minutes behind": a place, not a measure restated)
        lo, hi = _figure_np(items, q)
        if hi > c:
            continue
        tail = end + 1 if end < len(items) and _tok(items[end]) and items[end].text == "," else end
        first = items[:c] + items[tail:]
        restated = [t for t in items[m:k] if not (_tok(t) and t.lower_ in _DROP)] + items[k:end]
        root = next((t for t in items if _tok(t) and t.dep_ == "ROOT"), None)
        if "from" in markers or markers[:1] in (["up"], ["down"]):
            second = _earlier_value(items, root, markers, items[m:end])
        else:
            second = items[:lo] + _with_unit(restated, items[lo:hi]) + items[hi:c] + items[tail:]
        if not second:
            continue  # no claim can say whose earlier value it is: the clause keeps it, so it is still checked
        return [first, second]
    return None


def _with_unit(restated: list, figure: list) -> list:
    """A difference apposed to a figure counts the figure's things: "46 golds, eight more than
    China" gives "eight more golds than China", not "eight more than China"."""
    nouns = [t for t in figure if _tok(t) and t.pos_ == "NOUN"]
    for k in range(1, len(restated) - 1):
        word, after = restated[k], restated[k + 1]
        if (
            _tok(word)
            and _tok(after)
            and word.lower_ in _COMPARATIVES
            and after.lower_ == "than"
            and _is_figure(restated[k - 1])
            and nouns
        ):
            noun = nouns[-1]
            one = restated[k - 1].lower_ in {"one", "1"} and noun.tag_ == "NNS"
            return [*restated[: k + 1], noun.lemma_ if one else noun.text, *restated[k + 1 :]]
    return restated


_COMPARATIVES = frozenset({"more", "fewer", "less"})
_RANKING_OPENERS = frozenset({"the", "their", "its", "his", "her"})


def _delimiter(items: list, start: int) -> int:
    """Where the remark from ``items[start]`` stops: its next comma, semicolon or quotation mark, or the end."""
    return next(
        (k for k in range(start, len(items)) if _tok(items[k]) and items[k].text in {",", ";", '"'}), len(items)
    )


def _trimmed(items: list, start: int, end: int) -> int:
    """``end`` less the punctuation before it, down to ``start`` (the full stop stays with the clause)."""
    while end > start and _tok(items[end - 1]) and items[end - 1].is_punct:
        end -= 1
    return end


def _ranking_remark(items: list, c: int) -> int | None:
    """The end of a ranking set off at the comma ``items[c]`` ("the lowest since 2001", "their
    worst result in almost two centuries"): it opens with an article or an owner, ranks with a
    superlative before any verb, and runs to the clause's end or to ", according to ..."."""
    if c + 2 >= len(items) or not _tok(items[c + 1]) or items[c + 1].lower_ not in _RANKING_OPENERS:
        return None
    end = _delimiter(items, c + 1)
    if end < len(items) and not (
        end + 1 < len(items) and _tok(items[end + 1]) and items[end + 1].lower_ == "according"
    ):
        return None  # more follows that the ranking may be part of
    end = _trimmed(items, c + 1, end)
    for t in items[c + 1 : end]:
        if not _tok(t) or t.pos_ in {"VERB", "AUX"}:
            return None  # "the first time a UN summit has named ...": an event, not the figure
        if t.tag_ in {"JJS", "RBS"}:
            return end
    return None


def _ranking_split(items: list) -> list[list] | None:
    """ "Labour won 72 seats, their best result since 1988": "Labour won 72 seats" and "72 seats
    was their best result since 1988"; after a copula, the ranking takes the figure's place
    ("Turnout was about 60%, the lowest since 2001": "Turnout was the lowest since 2001")."""
    for c, comma in enumerate(items):
        if not (_tok(comma) and comma.text == ",") or c == 0:
            continue
        end = _ranking_remark(items, c)
        q = next((j for j in range(c - 1, -1, -1) if _is_figure(items[j])), None) if end else None
        if q is None:
            continue
        lo, hi = _figure_np(items, q)
        if hi != c:
            continue  # the ranking is not about the figure ("pay rises of 5.28 percent in the talks, the most")
        remark = items[c + 1 : end]
        first = items[:c] + items[end:]
        head = max((t for t in items[lo:hi] if _tok(t)), key=lambda t: len(list(t.subtree)))
        if _tok(remark[0]) and remark[0].tag_ == "PRP$":
            owner = _owner(items, remark[0])
            if owner is None:
                continue  # whose best result, only a pronoun would say
            remark = owner + remark[1:]
        if head.dep_ == "attr":
            second = items[:lo] + remark + items[end:]
        else:
            past = any(_tok(t) and t.dep_ == "ROOT" and t.tag_ in {"VBD", "VBN"} for t in items)
            second = [*items[lo:hi], "was" if past else "is", *remark]
        return [first, second]
    return None


_HEDGES = frozenset({"about", "nearly", "almost", "some", "just", "only", "roughly", "around"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def _time_remark(items: list, c: int) -> int | None:
    """The end of a span of time set off at the comma ``items[c]`` that dates the clause by
    another event ("a day before the ECB decision", "about 51 hours after the crash"): a hedge,
    a count, a unit of time, "before" or "after" and a noun phrase without a verb, up to the next
    comma or the clause's end."""
    k = c + 1
    if k < len(items) and _tok(items[k]) and items[k].lower_ in _HEDGES:
        k += 1
    if k + 3 > len(items) or not all(_tok(t) for t in items[k : k + 3]):
        return None
    count, unit, link = items[k : k + 3]
    if not (count.lower_ in {"a", "an"} or count.like_num) or unit.lemma_.lower() not in _TIME_UNITS:
        return None
    if link.lower_ not in {"before", "after"}:
        return None
    end = _trimmed(items, k + 3, _delimiter(items, k + 3))
    if end == k + 3 or any(not _tok(t) or t.pos_ in {"VERB", "AUX"} for t in items[k + 3 : end]):
        return None  # "a day after Suella Braverman quit": another event's own claim, not this one's date
    return end


def _time_remark_split(items: list) -> list[list] | None:
    """ "lowered its rate on Wednesday, a day before the ECB decision": "lowered its rate on
    Wednesday" and "lowered its rate a day before the ECB decision": the span of time takes the
    place of the date it follows."""
    for c, comma in enumerate(items):
        if not (_tok(comma) and comma.text == ",") or c < 2:
            continue
        end = _time_remark(items, c)
        if end is None:
            continue
        lo = c
        while lo > 0 and _tok(items[lo - 1]) and items[lo - 1].ent_type_ in _TIME_ENTS:
            lo -= 1
        if lo == c:
            continue  # no date before the comma for the span to stand in for
        if lo > 0 and _tok(items[lo - 1]) and items[lo - 1].dep_ == "prep":
            lo -= 1  # "on Wednesday"
        if lo > 0 and _tok(items[lo - 1]) and items[lo - 1].lower_ in {"late", "early"}:
            lo -= 1
        return [items[:c] + items[end:], items[:lo] + items[c + 1 : end] + items[end:]]
    return None


def _owner(items: list, pronoun) -> list | None:
    """The clause's subject written as the owner that ``pronoun`` ("their", "its", "his", "her")
    stands for, when it agrees ("The Liberal Democrats won 72 seats, their best result":
    "the Liberal Democrats'"); ``None`` when the subject is a pronoun or does not agree."""
    root = next((t for t in items if _tok(t) and t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root else None
    if subject is None or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in {"NNS", "NNPS"}
    person = subject.ent_type_ == "PERSON"
    low = pronoun.lower_
    if (low == "their") != plural or (low in {"his", "her"}) != person:
        return None
    kept = {t.i for t in items if _tok(t)}
    # the subject's words up to its noun ("The Conservatives, led by Rishi Sunak,": "The Conservatives")
    words = [t for t in subject.subtree if t.i <= subject.i]
    if any(t.i not in kept or t.text == "," for t in words) or words[-1].i - words[0].i != len(words) - 1:
        return None
    if any(c.dep_ in {"prep", "compound"} and c.i > subject.i for c in subject.children):
        return None  # "The leader of the party": whose result, the possessive would not say
    last = words[-1].text
    return [*words[:-1], last + ("'" if last.endswith("s") else "'s")]


def _earlier_value(items: list, root, markers: list[str], appositive: list) -> list | None:
    """ "<subject> was 2.4% in April" from "rose to 2.6%, up from 2.4% in April", or "<subject>
    was up 18% from ..." after a copula; ``None`` where the clause does not say whose figure."""
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    present = {t.i for t in items if _tok(t)}
    subj = [t for t in subject.subtree if t.i in present]
    if not subj or (subject.pos_ == "PRON" and subject.lower_ != "it"):
        return None
    copula = "were" if subject.tag_ in {"NNS", "NNPS"} else "was"
    if root.lemma_ in _CHANGE_VERBS and markers[:2] in (["up", "from"], ["down", "from"]):
        return [*subj, copula, *appositive[2:]]
    if root.lemma_ == "be" and markers[:1] in (["up"], ["down"]) and markers[1:2] != ["from"]:
        return [*subj, copula, *appositive]
    return None  # "won 411 seats, up from 202": the earlier value needs a verb phrase of its own


def _coordinated_split(items: list) -> list[list] | None:
    positions = {t.i: k for k, t in enumerate(items) if _tok(t)}
    for tok in items:
        if not (_tok(tok) and tok.dep_ == "conj" and _is_figure_np(tok) and tok.head.i in positions):
            continue
        head = tok.head
        fraction = tok.lower_ in _FRACTION_WORDS or any(
            t.lower_ in _FRACTION_WORDS and t.i < tok.i for t in tok.subtree
        )
        if fraction or {tok.lemma_, head.lemma_} <= _TIME_UNITS:
            continue  # "two and a half (million) hours", "two hours and 35 seconds": one length of time
        cc = next((c for c in head.children if c.dep_ == "cc" and c.i < tok.i and c.i in positions), None)
        if cc is None or any(a.lower_ in {"between", "from"} for a in head.ancestors) or head.lower_ == "between":
            continue
        sub = sorted(t.i for t in tok.subtree if t.i in positions)
        if head.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in head.children if c.i < cc.i and c.dep_ in {"dobj", "attr", "pobj"}), None)
            if obj is None or not _is_figure_np(obj):
                continue
            left = sorted(t.i for t in obj.subtree if t.i in positions)
            start = positions[left[0]]
        elif _counted(head):
            start = positions[min(t.i for t in head.subtree if t.i in positions)]
        else:
            continue
        cut_lo = positions[cc.i] - (1 if items[positions[cc.i] - 1].text == "," else 0)
        cut_hi = positions[sub[-1]] + 1
        first = items[:cut_lo] + items[cut_hi:]
        second = items[:start] + items[positions[sub[0]] : cut_hi] + items[cut_hi:]
        return [first, second]
    return None


def _counted(tok) -> bool:
    """Whether ``tok`` is itself a figure or what a figure counts ("203 days"), not a noun with a
    figure somewhere below it ("the end of a voyage of 203 days")."""
    return _is_figure(tok) or any(c.dep_ in {"nummod", "quantmod"} and _is_figure_np(c) for c in tok.children)


def _is_figure_np(tok) -> bool:
    return any(t.ent_type_ in QUANTITY_ENTS or (t.like_num and t.ent_type_ != "DATE") for t in tok.subtree)


def _clause_root(items: list, present: set[int]):
    """The verb the clause hangs on: the sentence's root, or, in a clause split off it ("..., and
    the European Union, Britain and the United States have sent teams"), the verb whose head the
    clause does not hold."""
    root = next((t for t in items if _tok(t) and t.dep_ == "ROOT"), None)
    if root is not None:
        return root
    return next((t for t in items if _tok(t) and t.pos_ in {"VERB", "AUX"} and t.head.i not in present), None)


def _party_split(items: list) -> list[list] | None:
    present = {t.i for t in items if _tok(t)}
    root = _clause_root(items, present)
    if root is None or root.lemma_ in _SYMMETRIC_VERBS:
        return None
    if any(_tok(t) and t.lower_ in _JOINT for t in items) or any(_tok(t) and t.lower_ == "other" for t in items):
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in present), None)
    if subject is None:
        return None
    members = [subject] + [t for t in subject.subtree if t.dep_ == "conj" and t.i in present]
    if len(members) < 2 or any(m.ent_type_ not in _PARTY_ENTS for m in members) or _ampersand(subject):
        return None
    subj_ids = {t.i for t in subject.subtree}
    lo = next(k for k, t in enumerate(items) if _tok(t) and t.i in subj_ids)
    hi = max(k for k, t in enumerate(items) if _tok(t) and t.i in subj_ids) + 1
    out = []
    for m in members:
        own = {t.i for t in m.subtree} - {
            t.i for c in m.children if c.dep_ in {"conj", "cc", "punct"} for t in c.subtree
        }
        core = [t for t in items[lo:hi] if _tok(t) and t.i in own]
        rest = [_singular(t, root) for t in items[hi:]]
        out.append(items[:lo] + core + rest)
    return out


def _list_split(items: list) -> list[list] | None:
    present = {t.i for t in items if _tok(t)}
    root = next((t for t in items if _tok(t) and t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ in _SYMMETRIC_VERBS or any(_tok(t) and t.lower_ in _JOINT for t in items):
        return None
    for tok in items:
        if not _tok(tok) or tok.dep_ not in {"pobj", "dobj"} or tok.head.lower_ in {"between", "among", "of"}:
            continue
        members = [tok]
        for m in members:  # the conjunct chain of tok ("the United States, Canada and Mexico")
            members += [c for c in m.children if c.dep_ == "conj" and c.i in present and c.pos_ == tok.pos_]
        cc = [t for t in tok.subtree if t.dep_ == "cc" and t.i in present and t.lower_ in {"and", "or"}]
        if not (2 <= len(members) <= 6) or not cc or any(_is_figure_np(m) for m in members):
            continue
        if _ampersand(tok):
            continue  # "Speak & Spell", "Procter & Gamble": one name, which the parser coordinates
        if any(m.lower_ in _FRACTION_WORDS for m in members[1:]):
            continue  # "for a year and a half": one length of time
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None or verb.tag_ == "VBG" or not (verb == root or (verb.dep_ == "conj" and verb.head == root)):
            continue  # only the clause's own objects: not a participle's ("waving flags and bouquets")
        if not _objects_of(tok, verb):
            continue  # a list inside an apposition ("Music for the Masses, Violator, ..."): not the verb's
        span = sorted(t.i for t in tok.subtree if t.i in present)
        if any(t.text in {'"', "“", "”"} for t in tok.doc[span[0] : span[-1] + 1]) or _quoted(tok):
            continue  # a quotation is quoted whole
        lo = next(k for k, t in enumerate(items) if _tok(t) and t.i == span[0])
        hi = next(k for k, t in enumerate(items) if _tok(t) and t.i == span[-1]) + 1
        out = []
        for m in members:
            drop = {t.i for c in m.children if c.dep_ in {"conj", "cc", "punct", "preconj"} for t in c.subtree}
            core = [t for t in items[lo:hi] if _tok(t) and t.i in {x.i for x in m.subtree} - drop]
            if not core or core[-1].i - core[0].i + 1 != len(core):
                break  # an item that is not one stretch of words: a misparse, left whole
            out.append(items[:lo] + core + items[hi:])
        else:
            return out
    return None


def _objects_of(tok, verb) -> bool:
    """Whether ``tok`` hangs on ``verb`` without an apposition between ("gave him a title after
    his wins at the Australian Open"; not "Black Celebration, Music for the Masses, Violator")."""
    node = tok
    while node != verb and node.head != node:
        if node.dep_ in {"appos", "dep"}:
            return False
        node = node.head
    return True


def _ampersand(tok) -> bool:
    """Whether an "&" joins two words of ``tok``'s phrase: part of a name, not a list."""
    return any(t.dep_ == "cc" and t.text == "&" for t in tok.subtree)


def _quoted(tok) -> bool:
    """Whether ``tok`` stands inside quotation marks in its sentence."""
    marks = [t for t in tok.sent if t.text in {'"', "“", "”"} and t.i < tok.i]
    return len(marks) % 2 == 1


def _singular(t, root):
    """The verb of a plural subject made singular ("have" → "has") when it is the clause's."""
    if not _tok(t) or t.tag_ != "VBP" or not (t == root or (t.head == root and t.dep_ in {"aux", "auxpass"})):
        return t
    low = t.lower_
    if low in _SINGULAR:
        return _SINGULAR[low]
    return finite_form(low, "VBZ") or low + "s"


def split_figures(items: Sequence) -> list[list]:
    """``items`` split by apposed measure, coordinated figure and party list, recursively."""
    out: list[list] = []
    pending = [list(items)]
    steps = 0
    while pending and len(out) < 12 and steps < 48:
        steps += 1
        current = pending.pop(0)
        size = _size(current)
        for rule in (_ranking_split, _time_remark_split, _measure_split, _coordinated_split, _party_split, _list_split):
            pieces = rule(current)
            # every piece must say less than the clause, so the splitting ends
            if pieces and all(0 < _size(p) < size for p in pieces):
                pending = pieces + pending
                break
        else:
            out.append(current)
    return out + pending


def _size(items: Sequence) -> int:
    return sum(1 for t in items if _tok(t))


__all__ = ["QUANTITY_ENTS", "split_figures"]
