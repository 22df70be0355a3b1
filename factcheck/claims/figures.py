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
* **Lists of parties and of objects**: one claim per item (:mod:`factcheck.claims.lists`).

Each function takes and returns item lists (tokens of one sentence, in order, or added words),
so every claim keeps the character range of its own tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.claims.items import FRACTION_WORDS, is_figure, is_figure_np, is_token
from factcheck.claims.lists import list_split, party_split

#: Words between the comma and an apposed figure that restate the same quantity.
_SAME = frozenset({"roughly", "about", "around", "nearly", "almost", "some", "approximately", "or", "amounting"})
_DROP = frozenset({"or", "amounting", "to", "equivalent", "equal"})
_CHANGE_VERBS = frozenset(
    """rise fall climb increase drop grow jump decline surge slip slide gain lose shrink expand
    rebound soar plunge dip edge ease""".split()
)
_BOUNDARY = frozenset({",", ".", ";", ":", "and", "but", "while", "as", "whereas", "according", '"'})
#: "two hours and 35 seconds", "three years and two months": one length of time.
_TIME_UNITS = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


def _figure_np(items: list, q: int) -> tuple[int, int]:
    """The item range [lo, hi) of the noun phrase around the figure at ``items[q]``: its bound
    words and currency sign, its noun and that noun's "of" phrase."""
    tok = items[q]
    positions = {t.i: k for k, t in enumerate(items) if is_token(t)}
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
    while k < len(items) and is_token(items[k]) and items[k].lower_ in _SAME | _DROP | {"up", "down", "from"}:
        markers.append(items[k].lower_)
        k += 1
    if k >= len(items) or not is_figure(items[k]) or len(markers) > 3 or _score(items[k]):
        return None  # (a score's sets, "6-3, 7-6 (7-5), 6-3", are one result)
    end = k
    while end < len(items) and not (
        is_token(items[end]) and (items[end].lower_ in _BOUNDARY or items[end].pos_ == "VERB")
    ):
        end += 1
        if end < len(items) and is_token(items[end]) and items[end].lower_ == "and" and _fraction_after(items, end):
            end += 1  # "nearly three and a half minutes": one figure, which the parse coordinates
    if any(is_token(t) and t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in items[k:end]):
        return None
    if end < len(items) and is_token(items[end]) and items[end].pos_ == "VERB" and items[end].head == items[end - 1]:
        return None  # the figure heads a clause of its own ("204 copper petals, one carried in by each
        # team"): it tells what each of them is, it does not restate how many
    return c + 1, k, end


def _fraction_after(items: list, k: int) -> bool:
    """Whether ``items[k]`` ("and") opens a fraction of the figure before it ("and a half")."""
    after = [t.lower_ for t in items[k + 1 : k + 3] if is_token(t)]
    if after[:1] == ["a"] or after[:1] == ["an"]:
        after = after[1:]
    return bool(after) and after[0] in FRACTION_WORDS


def _score(tok) -> bool:
    """Whether ``tok`` opens a score or a result such as "6-3" or "4-2"."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text in {"-", "–"} and doc[tok.i + 2].like_num


def _measure_split(items: list) -> list[list] | None:
    for c, comma in enumerate(items):
        if not (is_token(comma) and comma.text == ",") or c == 0:
            continue
        found = _appositive_figure(items, c)
        if found is None:
            continue
        m, k, end = found
        markers = [t.lower_ for t in items[m:k]]
        q = next((j for j in range(c - 1, -1, -1) if is_figure(items[j])), None)
        if q is None or items[q].ent_type_ == "ORDINAL":
            continue  # ("finished second, nearly three minutes behind": a place, not a measure restated)
        lo, hi = _figure_np(items, q)
        if hi > c:
            continue
        tail = end + 1 if end < len(items) and is_token(items[end]) and items[end].text == "," else end
        first = items[:c] + items[tail:]
        restated = [t for t in items[m:k] if not (is_token(t) and t.lower_ in _DROP)] + items[k:end]
        root = next((t for t in items if is_token(t) and t.dep_ == "ROOT"), None)
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
    nouns = [t for t in figure if is_token(t) and t.pos_ == "NOUN"]
    for k in range(1, len(restated) - 1):
        word, after = restated[k], restated[k + 1]
        if (
            is_token(word)
            and is_token(after)
            and word.lower_ in _COMPARATIVES
            and after.lower_ == "than"
            and is_figure(restated[k - 1])
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
        (k for k in range(start, len(items)) if is_token(items[k]) and items[k].text in {",", ";", '"'}), len(items)
    )


def _trimmed(items: list, start: int, end: int) -> int:
    """``end`` less the punctuation before it, down to ``start`` (the full stop stays with the clause)."""
    while end > start and is_token(items[end - 1]) and items[end - 1].is_punct:
        end -= 1
    return end


def _ranking_remark(items: list, c: int) -> int | None:
    """The end of a ranking set off at the comma ``items[c]`` ("the lowest since 2001", "their
    worst result in almost two centuries"): it opens with an article or an owner, ranks with a
    superlative before any verb, and runs to the clause's end or to ", according to ..."."""
    if c + 2 >= len(items) or not is_token(items[c + 1]) or items[c + 1].lower_ not in _RANKING_OPENERS:
        return None
    end = _delimiter(items, c + 1)
    if end < len(items) and not (
        end + 1 < len(items) and is_token(items[end + 1]) and items[end + 1].lower_ == "according"
    ):
        return None  # more follows that the ranking may be part of
    end = _trimmed(items, c + 1, end)
    for t in items[c + 1 : end]:
        if not is_token(t) or t.pos_ in {"VERB", "AUX"}:
            return None  # "the first time a UN summit has named ...": an event, not the figure
        if t.tag_ in {"JJS", "RBS"}:
            return end
    return None


def _ranking_split(items: list) -> list[list] | None:
    """ "Labour won 72 seats, their best result since 1988": "Labour won 72 seats" and "72 seats
    was their best result since 1988"; after a copula, the ranking takes the figure's place
    ("Turnout was about 60%, the lowest since 2001": "Turnout was the lowest since 2001")."""
    for c, comma in enumerate(items):
        if not (is_token(comma) and comma.text == ",") or c == 0:
            continue
        end = _ranking_remark(items, c)
        q = next((j for j in range(c - 1, -1, -1) if is_figure(items[j])), None) if end else None
        if q is None:
            continue
        lo, hi = _figure_np(items, q)
        if hi != c:
            continue  # the ranking is not about the figure ("pay rises of 5.28 percent in the talks, the most")
        remark = items[c + 1 : end]
        first = items[:c] + items[end:]
        head = max((t for t in items[lo:hi] if is_token(t)), key=lambda t: len(list(t.subtree)))
        if is_token(remark[0]) and remark[0].tag_ == "PRP$":
            owner = _owner(items, remark[0])
            if owner is None:
                continue  # whose best result, only a pronoun would say
            remark = owner + remark[1:]
        if head.dep_ == "attr":
            second = items[:lo] + remark + items[end:]
        else:
            past = any(is_token(t) and t.dep_ == "ROOT" and t.tag_ in {"VBD", "VBN"} for t in items)
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
    if k < len(items) and is_token(items[k]) and items[k].lower_ in _HEDGES:
        k += 1
    if k + 3 > len(items) or not all(is_token(t) for t in items[k : k + 3]):
        return None
    count, unit, link = items[k : k + 3]
    if not (count.lower_ in {"a", "an"} or count.like_num) or unit.lemma_.lower() not in _TIME_UNITS:
        return None
    if link.lower_ not in {"before", "after"}:
        return None
    end = _trimmed(items, k + 3, _delimiter(items, k + 3))
    if end == k + 3 or any(not is_token(t) or t.pos_ in {"VERB", "AUX"} for t in items[k + 3 : end]):
        return None  # "a day after Suella Braverman quit": another event's own claim, not this one's date
    return end


def _time_remark_split(items: list) -> list[list] | None:
    """ "lowered its rate on Wednesday, a day before the ECB decision": "lowered its rate on
    Wednesday" and "lowered its rate a day before the ECB decision": the span of time takes the
    place of the date it follows."""
    for c, comma in enumerate(items):
        if not (is_token(comma) and comma.text == ",") or c < 2:
            continue
        end = _time_remark(items, c)
        if end is None:
            continue
        lo = c
        while lo > 0 and is_token(items[lo - 1]) and items[lo - 1].ent_type_ in _TIME_ENTS:
            lo -= 1
        if lo == c:
            continue  # no date before the comma for the span to stand in for
        if lo > 0 and is_token(items[lo - 1]) and items[lo - 1].dep_ == "prep":
            lo -= 1  # "on Wednesday"
        if lo > 0 and is_token(items[lo - 1]) and items[lo - 1].lower_ in {"late", "early"}:
            lo -= 1
        return [items[:c] + items[end:], items[:lo] + items[c + 1 : end] + items[end:]]
    return None


def _owner(items: list, pronoun) -> list | None:
    """The clause's subject written as the owner that ``pronoun`` ("their", "its", "his", "her")
    stands for, when it agrees ("The Liberal Democrats won 72 seats, their best result":
    "the Liberal Democrats'"); ``None`` when the subject is a pronoun or does not agree."""
    root = next((t for t in items if is_token(t) and t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root else None
    if subject is None or subject.pos_ == "PRON":
        return None
    plural = subject.tag_ in {"NNS", "NNPS"}
    person = subject.ent_type_ == "PERSON"
    low = pronoun.lower_
    if (low == "their") != plural or (low in {"his", "her"}) != person:
        return None
    kept = {t.i for t in items if is_token(t)}
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
    present = {t.i for t in items if is_token(t)}
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
    positions = {t.i: k for k, t in enumerate(items) if is_token(t)}
    for tok in items:
        if not (is_token(tok) and tok.dep_ == "conj" and is_figure_np(tok) and tok.head.i in positions):
            continue
        head = tok.head
        fraction = tok.lower_ in FRACTION_WORDS or any(t.lower_ in FRACTION_WORDS and t.i < tok.i for t in tok.subtree)
        if fraction or {tok.lemma_, head.lemma_} <= _TIME_UNITS:
            continue  # "two and a half (million) hours", "two hours and 35 seconds": one length of time
        cc = next((c for c in head.children if c.dep_ == "cc" and c.i < tok.i and c.i in positions), None)
        if cc is None or any(a.lower_ in {"between", "from"} for a in head.ancestors) or head.lower_ == "between":
            continue
        sub = sorted(t.i for t in tok.subtree if t.i in positions)
        if head.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in head.children if c.i < cc.i and c.dep_ in {"dobj", "attr", "pobj"}), None)
            if obj is None or not is_figure_np(obj):
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
    return is_figure(tok) or any(c.dep_ in {"nummod", "quantmod"} and is_figure_np(c) for c in tok.children)


def split_figures(items: Sequence) -> list[list]:
    """``items`` split by apposed measure, coordinated figure and party list, recursively."""
    out: list[list] = []
    pending = [list(items)]
    steps = 0
    while pending and len(out) < 12 and steps < 48:
        steps += 1
        current = pending.pop(0)
        size = _size(current)
        for rule in (_ranking_split, _time_remark_split, _measure_split, _coordinated_split, party_split, list_split):
            pieces = rule(current)
            # every piece must say less than the clause, so the splitting ends
            if pieces and all(0 < _size(p) < size for p in pieces):
                pending = pieces + pending
                break
        else:
            out.append(current)
    return out + pending


def _size(items: Sequence) -> int:
    return sum(1 for t in items if is_token(t))


__all__ = ["split_figures"]
