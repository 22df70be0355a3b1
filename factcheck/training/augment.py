"""Training pairs made by rules from real evidence and claims.

Four families, each counted under its own ``source`` in the model's ``training.json``:

``contrast-*`` (contrastive twins, the idea behind CrossAug and VitaminC)
    From a real entailment pair ``(E, C)`` whose claim and evidence share a figure, year, name or
    country: the claim with it changed (``(E, C')`` contradiction), the evidence changed the same
    way (``(E', C)`` contradiction) and both changed (``(E', C')`` entailment), so every edited
    pair has a twin whose label flips.  A negation of the claim is a contradiction; of both sides,
    an entailment.
``nei-deletion`` (NOT_ENOUGH_INFO by deletion, the idea behind SufficientFacts)
    The evidence of a real entailment or contradiction pair with the deciding part removed: the
    sentence that holds the shared figure or name when the evidence has several, otherwise the
    figure's phrase itself ("in 2000", "26,000 tonnes").
``alias-*`` (paraphrases that stay entailment)
    The claim of a real entailment pair with a fuller or shorter form of a person's name (the
    form the evidence uses), a country written as its capital or seat of government where it acts
    ("Russia signed" → "Moscow signed"), "X's president" as "the X-ian president", or a precise
    figure rounded with a hedge ("26,412" → "more than 26,000", entailment; "more than 27,000",
    contradiction).  Every name-swap contradiction is paired with such an entailment.
``synthetic-*`` (single sentences, as in v2)
    A real evidence sentence against a changed copy of itself (number, year, duration, unit, name,
    negation: contradiction), a shortened copy (entailment) or another sentence of its document
    (neutral).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from factcheck.gazetteer import countries, country_of
from factcheck.lexical import content_tokens, split_sentences
from factcheck.sources.base import NLIPair

# --------------------------------------------------------------------------- figures and names

_RE_NUMBER = re.compile(r"(?<![\w.,/:-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![.,:]?\d|[A-Za-z/:-])")
_RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-4]\d)\b")
_RE_DURATION = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(years?|months?|weeks?|days?|decades?)\b"
)
_UNIT_SWAPS = {
    "%": " percentage points", "km": "miles", "kilometres": "miles", "kilometers": "miles",
    "miles": "kilometres", "kg": "tonnes", "tonnes": "kilograms", "tons": "kilograms", "mg": "micrograms",
    "ml": "litres", "hours": "days", "days": "weeks", "weeks": "months", "months": "years", "years": "months",
    "million": "billion", "billion": "million", "thousand": "million", "percent": "times",
}  # fmt: skip
_RE_UNIT = re.compile(
    r"(?<=\d)\s?(" + "|".join(re.escape(u) for u in sorted(_UNIT_SWAPS, key=len, reverse=True)) + r")\b"
)
_NEGATIONS = (
    (re.compile(r"\b(is|are|was|were|has|have|had|can|will|did|does|do)\b (?!not\b)"), r"\1 not "),
    (re.compile(r"\bincreased\b"), "decreased"),
    (re.compile(r"\bdecreased\b"), "increased"),
    (re.compile(r"\bhigher\b"), "lower"),
    (re.compile(r"\blower\b"), "higher"),
    (re.compile(r"\bmore\b"), "fewer"),
    (re.compile(r"\bincreases\b"), "reduces"),
    (re.compile(r"\breduces\b"), "increases"),
    (re.compile(r"\bbefore\b"), "after"),
    (re.compile(r"\bafter\b"), "before"),
)
_RE_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b")
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: Words that open a sentence or a title rather than a name.
_NOT_FIRST = frozenset("The A An In On At By For From Of And But Or If When While After Before Since During".split())


def _other_number(raw: str, rng: random.Random) -> str | None:
    value = float(raw.replace(",", ""))
    if value == 0:
        return None
    factor = rng.choice((0.25, 0.4, 0.5, 2.0, 2.5, 3.0, 4.0, 10.0))
    new = value * factor
    if "." in raw:
        decimals = len(raw.split(".")[1])
        return f"{new:.{decimals}f}"
    new_int = round(new)
    if new_int == int(value):
        new_int += rng.choice((3, 7, 11))
    return f"{new_int:,}" if "," in raw else str(new_int)


def _other_year(raw: str, rng: random.Random) -> str:
    return str(int(raw) + rng.choice((-12, -7, -4, -3, -2, 2, 3, 5, 9)))


def _replace(text: str, old: str, new: str) -> str | None:
    """``text`` with every whole-word ``old`` replaced by ``new`` (``None`` if absent)."""
    rx = re.compile(r"(?<![\w.,])" + re.escape(old) + r"(?![\w]|[.,]\d)")
    out, n = rx.subn(new, text)
    return out if n else None


def _numbers(text: str) -> list[str]:
    return [m.group(1) for m in _RE_NUMBER.finditer(text)]


_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_RE_DATEISH = re.compile(r"^\d{3,4}$")


def _is_date_part(text: str, raw: str) -> bool:
    """Whether ``raw`` is a year or a day of a month in ``text`` (not a count)."""
    if _RE_YEAR.fullmatch(raw) or (_RE_DATEISH.match(raw) and 1000 <= int(raw) <= 2100):
        return True
    near = re.compile(
        _MONTHS + r",?\s+" + re.escape(raw) + r"\b|\b" + re.escape(raw) + r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS
    )
    return bool(near.search(text))


def _names(text: str) -> list[str]:
    out = []
    for m in _RE_NAME.finditer(text):
        name = m.group(1)
        first = name.split()[0]
        if first in _NOT_FIRST:
            name = " ".join(name.split()[1:])
        if len(name.split()) >= 2 and country_of(name) is None:
            out.append(name)
    return out


def _countries_in(text: str) -> list[tuple[str, str]]:
    """``(name as written, country)`` for the country names (not capitals) in ``text``."""
    found = []
    for country in countries().values():
        for name in (country.name, *(o for o in country.others if len(o) > 3 and not o.startswith("the "))):
            if re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                found.append((name, country.name))
                break
    return found


# --------------------------------------------------------------------------- single-sentence edits (v2)


def _changed_number(sentence: str, rng: random.Random) -> str | None:
    matches = [m for m in _RE_NUMBER.finditer(sentence) if not _RE_YEAR.fullmatch(m.group(1))]
    if not matches:
        return None
    m = rng.choice(matches)
    new = _other_number(m.group(1), rng)
    return None if new is None else sentence[: m.start(1)] + new + sentence[m.end(1) :]


def _changed_year(sentence: str, rng: random.Random) -> str | None:
    matches = list(_RE_YEAR.finditer(sentence))
    if not matches:
        return None
    m = rng.choice(matches)
    return sentence[: m.start(1)] + _other_year(m.group(1), rng) + sentence[m.end(1) :]


def _changed_duration(sentence: str, rng: random.Random) -> str | None:
    m = _RE_DURATION.search(sentence)
    if not m:
        return None
    raw = m.group(1)
    value = _WORDS.get(raw.lower()) or int(raw)
    new = value + rng.choice((-10, -5, -2, 3, 6, 10)) if value > 10 else value * rng.choice((2, 3)) + 1
    if new <= 0 or new == value:
        new = value + 7
    return sentence[: m.start(1)] + str(new) + sentence[m.end(1) :]


def _changed_unit(sentence: str, rng: random.Random) -> str | None:
    m = _RE_UNIT.search(sentence)
    if not m:
        return None
    new = _UNIT_SWAPS[m.group(1)]
    sep = "" if new.startswith(" ") else " "
    return sentence[: m.start()] + sep + new.strip() + sentence[m.end() :]


def _negated(sentence: str, rng: random.Random) -> str | None:
    options = [(rx, repl) for rx, repl in _NEGATIONS if rx.search(sentence)]
    if not options:
        return None
    rx, repl = rng.choice(options)
    return rx.sub(repl, sentence, count=1)


def _changed_name(sentence: str, names: Sequence[str], rng: random.Random) -> str | None:
    found = [m for m in _RE_NAME.finditer(sentence) if m.start() > 0]
    if not found or len(names) < 2:
        return None
    m = rng.choice(found)
    other = rng.choice(names)
    if other == m.group(1) or other in sentence:
        return None
    return sentence[: m.start(1)] + other + sentence[m.end(1) :]


def _deleted_clause(sentence: str, rng: random.Random) -> str | None:
    """A shorter sentence the original entails: drop a parenthesis or a trailing clause."""
    no_paren = re.sub(r"\s*\([^()]{1,120}\)", "", sentence)
    if no_paren != sentence and len(no_paren.split()) >= 6:
        return no_paren
    parts = re.split(r",\s+(?:which|who|while|and|as|with|after|when|although)\b", sentence, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= 6:
        return parts[0].rstrip(" ,;") + "."
    return None


_MUTATIONS = (
    ("number", _changed_number),
    ("year", _changed_year),
    ("duration", _changed_duration),
    ("unit", _changed_unit),
)


def _usable(sentence: str) -> bool:
    words = sentence.split()
    return 8 <= len(words) <= 60 and not sentence.isupper()


def synthetic(documents: Iterable[list[str]], rng: random.Random, *, n: int) -> list[NLIPair]:
    """Contradiction, entailment and neutral pairs made from single real evidence sentences.

    ``documents`` are lists of sentences (one list per document).  The premise is always a real
    sentence (with its neighbour, half the time, so premises look like retrieval windows); the
    hypothesis is the sentence changed, shortened, or another sentence of the same document.
    """
    docs = [[s for s in doc if _usable(s)] for doc in documents]
    docs = [d for d in docs if d]
    names = sorted({m.group(1) for d in docs for s in d for m in _RE_NAME.finditer(s)})
    rng.shuffle(docs)
    pairs: list[NLIPair] = []
    counts: Counter[str] = Counter()
    target = {"contradiction": n // 2, "entailment": n // 4, "neutral": n - n // 2 - n // 4}
    for doc in (d for _ in range(4) for d in docs):  # up to four passes, a new sentence each time
        if all(counts[k] >= v for k, v in target.items()):
            break
        i = rng.randrange(len(doc))
        sentence = doc[i]
        premise = sentence
        if len(doc) > 1 and rng.random() < 0.5:
            j = i + 1 if i + 1 < len(doc) else i - 1
            premise = " ".join((sentence, doc[j]) if j > i else (doc[j], sentence))
        key = f"synthetic:{sentence}"
        if counts["contradiction"] < target["contradiction"]:
            kinds = list(_MUTATIONS)
            rng.shuffle(kinds)
            # figures first, then names; a negation only where nothing else can change
            for kind, mutate in [*kinds, ("name", None), ("negation", _negated)]:
                changed = mutate(sentence, rng) if mutate else _changed_name(sentence, names, rng)
                if changed and changed != sentence:
                    pairs.append(NLIPair(premise, changed, "contradiction", f"synthetic-{kind}", key))
                    counts["contradiction"] += 1
                    break
        if counts["entailment"] < target["entailment"]:
            shorter = _deleted_clause(sentence, rng)
            hypothesis = shorter or (sentence if rng.random() < 0.3 else None)
            if hypothesis:
                pairs.append(NLIPair(premise, hypothesis, "entailment", "synthetic-deletion", key))
                counts["entailment"] += 1
        if counts["neutral"] < target["neutral"] and len(doc) > 2:
            far = [k for k in range(len(doc)) if abs(k - i) > 1]
            if far:
                pairs.append(NLIPair(premise, doc[rng.choice(far)], "neutral", "synthetic-topic", key))
                counts["neutral"] += 1
    return pairs


# --------------------------------------------------------------------------- contrastive twins


def _shared_edit(evidence: str, claim: str, rng: random.Random, names: Sequence[str]) -> tuple[str, str, str] | None:
    """An edit that applies to both sides: ``(kind, old, new)`` for a figure, year or name they share."""
    options: list[tuple[str, str, str]] = []
    ev_numbers = set(_numbers(evidence))
    for raw in dict.fromkeys(_numbers(claim)):
        if raw not in ev_numbers:
            continue
        if _RE_YEAR.fullmatch(raw):
            options.append(("year", raw, _other_year(raw, rng)))
        else:
            new = _other_number(raw, rng)
            if new and new != raw:
                options.append(("number", raw, new))
    ev_names = set(_names(evidence))
    for name in dict.fromkeys(_names(claim)):
        if name in ev_names and len(names) > 1:
            other = rng.choice(names)
            if other != name and other not in claim and other not in evidence:
                options.append(("name", name, other))
    ev_countries = {c for _, c in _countries_in(evidence)}
    for written, country in _countries_in(claim):
        if country in ev_countries and written in evidence:
            other = rng.choice([c for c in countries() if c != country and c not in (claim + evidence)])
            options.append(("country", written, other))
    figures = [o for o in options if o[0] in ("number", "year")]
    if figures and rng.random() < 0.75:
        return rng.choice(figures)
    return rng.choice(options) if options else None


def contrastive(
    pairs: Sequence[NLIPair], rng: random.Random, *, n: int, names: Sequence[str], persons: frozenset[str] = frozenset()
) -> list[NLIPair]:
    """Twins of real entailment pairs whose labels flip with one shared edit (module docstring)."""
    base = [p for p in pairs if p.label == "entailment" and len(p.premise) <= 1200]
    rng.shuffle(base)
    out: list[NLIPair] = []
    kinds: Counter[str] = Counter()
    for p in base:
        if len(out) >= n:
            break
        edit = _shared_edit(p.premise, p.hypothesis, rng, names)
        if edit and edit[0] in ("name", "country") and kinds[edit[0]] * 3 > n * 0.35:
            continue  # names are everywhere, figures are not: names stay at most a third
        if edit:
            kinds[edit[0]] += 1
        key = p.key or p.hypothesis
        if edit is None:
            negated = _negated(p.hypothesis, rng) if rng.random() < 0.3 else None
            if negated and negated != p.hypothesis:
                out.append(NLIPair(p.premise, negated, "contradiction", "contrast-negation", key))
            continue
        kind, old, new = edit
        claim2, evidence2 = _replace(p.hypothesis, old, new), _replace(p.premise, old, new)
        if not claim2 or not evidence2:
            continue
        out.append(NLIPair(p.premise, claim2, "contradiction", f"contrast-{kind}", key))
        out.append(NLIPair(evidence2, p.hypothesis, "contradiction", f"contrast-{kind}", key))
        out.append(NLIPair(evidence2, claim2, "entailment", f"contrast-{kind}", key))
        if kind == "name" and old in persons:  # pair the swap with a shorter form of the right name
            alias = _name_alias(p.hypothesis, old)
            if alias:
                out.append(NLIPair(p.premise, alias, "entailment", "alias-name", key))
    return out


# --------------------------------------------------------------------------- NOT_ENOUGH_INFO by deletion

_UNIT_WORDS = r"(?:\s+(?:per cent|percent|percentage points|metric tons|tonnes|tons|kilometres|kilometers|km|miles|" \
    r"people|years|months|days|weeks|hours|minutes|million|billion|thousand|dollars|euros|pounds|votes|seats|" \
    r"members|troops|soldiers|deaths|cases|points|goals|games|episodes|copies|times))?"  # fmt: skip
_PREFIX = r"(?:(?:in|since|by|during|from|of|about|around|over|nearly|almost|approximately|some|more than|" \
    r"less than|at least|up to)\s+)?"  # fmt: skip


def _without_figure(evidence: str, raw: str) -> str | None:
    rx = re.compile(r",?\s*" + _PREFIX + r"(?<![\w.,])" + re.escape(raw) + r"(?![\w]|[.,]\d)%?" + _UNIT_WORDS)
    out, n = rx.subn("", evidence, count=1)
    if not n or raw in out:
        return None
    out = re.sub(r"\s*\(\s*\)", "", out)
    out = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    return out if len(out.split()) >= 5 else None


def nei_by_deletion(pairs: Sequence[NLIPair], rng: random.Random, *, n: int) -> list[NLIPair]:
    """NOT_ENOUGH_INFO pairs: real evidence with the part that decides the claim removed."""
    base = [p for p in pairs if p.label in ("entailment", "contradiction") and len(p.premise) <= 2000]
    rng.shuffle(base)
    out: list[NLIPair] = []
    for p in base:
        if len(out) >= n:
            break
        claim_numbers = [x for x in _numbers(p.hypothesis) if x in p.premise and not _is_date_part(p.hypothesis, x)]
        sentences = split_sentences(p.premise)
        key = p.key or p.hypothesis
        if len(sentences) >= 2:
            anchors = claim_numbers or [x for x in _names(p.hypothesis) if x in p.premise]
            if not anchors:
                continue
            holding = [i for i, s in enumerate(sentences) if any(a in s for a in anchors)]
            rest = [s for i, s in enumerate(sentences) if i not in holding]
            if holding and len(" ".join(rest).split()) >= 6 and not any(a in " ".join(rest) for a in anchors):
                out.append(NLIPair(" ".join(rest), p.hypothesis, "neutral", "nei-deletion", key))
        elif claim_numbers:
            reduced = _without_figure(p.premise, rng.choice(claim_numbers))
            if reduced and not any(x in reduced for x in claim_numbers):
                out.append(NLIPair(reduced, p.hypothesis, "neutral", "nei-deletion", key))
    return out


# --------------------------------------------------------------------------- aliases that stay entailment

_ACTS = r"(?:said|says|signed|vetoed|accused|announced|agreed|rejected|denied|warned|called|approved|condemned|" \
    r"recognised|recognized|launched|imposed|sent|supplied|threatened|welcomed|demanded|expelled)"  # fmt: skip
_ROLE = r"(?:president|government|prime minister|foreign minister|leader|military|army|navy|embassy|parliament)"


def _name_alias(claim: str, name: str) -> str | None:
    """The claim with ``name`` ("Vladimir Putin") written as its surname, or the reverse."""
    parts = name.split()
    if len(parts) < 2:
        return None
    return _replace(claim, name, parts[-1])


def _fuller_name(claim: str, evidence: str, persons: frozenset[str]) -> str | None:
    """The claim with a surname written as the full name (of a person) the evidence uses."""
    for full in (n for n in _names(evidence) if n in persons):
        surname = full.split()[-1]
        if full in claim or len(surname) < 3:
            continue
        rx = re.compile(r"(?<![\w-])(?<!\w )" + re.escape(surname) + r"(?![\w-])")
        if rx.search(claim) and not re.search(r"[A-Z][a-z]+\s+" + re.escape(surname), claim):
            return rx.sub(full, claim, count=1)
    return None


def _country_alias(claim: str) -> str | None:
    table = countries()
    for written, country in _countries_in(claim):
        entry = table[country]
        acts = re.compile(r"(?<![\w-])" + re.escape(written) + r"(?= " + _ACTS + r"\b)")
        if entry.capitals and acts.search(claim):
            return acts.sub(entry.capitals[0], claim, count=1)
        role = re.compile(r"(?<![\w-])" + re.escape(written) + r"'s (" + _ROLE + r")\b")
        if entry.demonyms and role.search(claim):
            return role.sub(lambda m, d=entry.demonyms[0]: f"the {d} {m.group(1)}", claim, count=1)
    return None


_HEDGED = re.compile(
    r"\b(?:about|over|more than|nearly|almost|some|around|approximately|up to|at least|less than|fewer than|under)"
    r"\s+(?:[$£€]\s?)?\d",
    re.IGNORECASE,
)


def _rounded(raw: str) -> tuple[str, str, str] | None:
    """``(hedged true, hedged false, kind)`` for a precise figure: 26,412 → "more than 26,000"."""
    value = float(raw.replace(",", ""))
    if value < 150 or _RE_YEAR.fullmatch(raw) or "." in raw:
        return None
    magnitude = 10 ** (len(str(int(value))) - 2)
    down, up = (value // magnitude) * magnitude, (value // magnitude + 1) * magnitude
    if down == value:
        return None
    fmt = (lambda v: f"{int(v):,}") if "," in raw or value >= 10000 else (lambda v: str(int(v)))
    return f"more than {fmt(down)}", f"more than {fmt(up + magnitude)}", "round"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def aliases(
    pairs: Sequence[NLIPair], rng: random.Random, *, n: int, persons: frozenset[str] = frozenset()
) -> list[NLIPair]:
    """Entailment pairs whose claim says the same thing in other words (module docstring)."""
    base = [p for p in pairs if p.label == "entailment" and len(p.premise) <= 1500]
    rng.shuffle(base)
    out: list[NLIPair] = []
    for p in base:
        if len(out) >= n:
            break
        key = p.key or p.hypothesis
        fuller = _fuller_name(p.hypothesis, p.premise, persons)
        if fuller:
            out.append(NLIPair(p.premise, fuller, "entailment", "alias-name", key))
            continue
        country = _country_alias(p.hypothesis)
        if country:
            out.append(NLIPair(p.premise, country, "entailment", "alias-country", key))
            continue
        for raw in _numbers(p.hypothesis):
            usable = raw in p.premise and not _HEDGED.search(p.hypothesis) and not _is_date_part(p.hypothesis, raw)
            hedged = _rounded(raw) if usable else None
            if hedged:
                true, false, _ = hedged
                for hedge, label in ((true, "entailment"), (false, "contradiction")):
                    claim = _capitalised(_replace(p.hypothesis, raw, hedge) or "")
                    out.append(NLIPair(p.premise, claim, label, "alias-round", key))
                break
    return [p for p in out if p.hypothesis]


def name_pool(texts: Iterable[str]) -> list[str]:
    """Names (two or more capitalised words) found in ``texts``, sorted: swap material."""
    return sorted({name for t in texts for name in _names(t) if len(content_tokens(name)) >= 2})


def person_names(texts: Iterable[str], *, batch_size: int = 256) -> frozenset[str]:
    """Multi-word PERSON entities that spaCy finds in ``texts`` (the only names given aliases)."""
    from factcheck.text import load_spacy

    nlp = load_spacy()
    found = set()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(list(dict.fromkeys(texts)), batch_size=batch_size):
            found.update(e.text for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2)
    return frozenset(found)
