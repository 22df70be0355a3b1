"""Relative times glossed with their date: "last year (2023)", "Wednesday (19 June 2024)".

Against the article's publication date: yesterday, today, weekdays (the last such day on or
before the date; the next one after it when the sentence speaks of the future: "will compete on
Sunday"), this/last/next week, month and year, a month without a year ("since September"), a day
of a month without its year ("on 15 July" → "on 15 July 2010", unless the sentences before set
their story in another year; a year told on the side, "who died in 1827", does not), "two years
ago" (2021; "a year ago": its month); against the year the sentence gave before: "three years
later", "two years earlier"; and against the article's own last year: "that year", "the same
year", "the following year" ("that year" after a sentence that gave two years is left
unresolved).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factcheck.claims.render import Edit, Unresolved
from factcheck.quantities import written_number
from factcheck.text import MONTH_NAMES, long_date

_MONTHS = MONTH_NAMES
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = "|".join(_MONTHS)
_RE_RELATIVE = re.compile(
    rf"\b(?P<phrase>(?:[Ss]ince|[Ii]n|[Uu]ntil|[Bb]y|[Ll]ast|[Tt]his|[Nn]ext) (?:{_MONTH_RE})(?![\s,]+\d)(?! (?:last|this|next) year)|"
    rf"[Tt]he (?:previous|following) (?:{_MONTH_RE})|(?:last|this|next) (?:year|month|week)|[Tt]hat year|[Tt]he same year|[Tt]he following year|"
    r"yesterday|today(?!['’]s)|(?:last |this |next |on |early |late )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    rf"(?!,?\s+(?:\d{{1,2}}\s+)?(?:{_MONTH_RE}))(?! \()",
    re.I,
)
_RE_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
#: A day of a month written without its year ("on 15 July", "May 7"), not a day-month-year date.
_RE_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH_RE})|(?P<m2>{_MONTH_RE}) (?P<d2>\d{{1,2}})(?!\d))\b(?!,? \d{{4}})(?![\d:])(?!\.\d)"
)
_FUTURE_HEADS = frozenset({"expect", "schedule", "plan", "due", "set", "intend", "aim"})


def _token_at(sent, offset: int, pos: int):
    return next((t for t in sent if t.idx - offset >= pos), None)


def _future(tok) -> bool:
    """Whether the clause of ``tok`` speaks of the future ("will compete on Sunday", "is due to
    launch next month", "would cut again in July")."""
    for a in [tok, *tok.ancestors]:
        if a.pos_ in {"VERB", "AUX"}:
            break
        if a.lemma_ in _FUTURE_HEADS:  # "elections due in May"
            return True
    verb = next((a for a in [tok, *tok.ancestors] if a.pos_ in {"VERB", "AUX"}), None)
    for _ in range(3):
        if verb is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll", "would"} for c in verb.children):
            return True
        if verb.lemma_ in _FUTURE_HEADS and any(c.dep_ == "xcomp" for c in verb.children):
            return True
        if verb.tag_ in {"VBZ", "VBP"} and any(_next_subject(c) for c in verb.children):
            return True  # "The bank's next policy meeting ends on 26 April"
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head
    return False


def _next_subject(tok) -> bool:
    """Whether ``tok`` is a subject that says it is still to come ("the next meeting", "the upcoming vote")."""
    return tok.dep_ in {"nsubj", "nsubjpass"} and any(c.lower_ in {"next", "upcoming"} for c in tok.children)


def _named_day(tok) -> bool:
    """Whether a weekday is what the clause is about rather than when it happened: its subject or
    object, or a bare day right after its verb before the verb's next noun ("declared Tuesday a
    public holiday", which the parser may read as two adverbial nouns)."""
    if tok.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
        return True
    head = tok.head
    return (
        tok.lower_ in WEEKDAYS
        and head.pos_ == "VERB"
        and tok.i == head.i + 1
        and any(c.i > tok.i and c.dep_ in {"dobj", "npadvmod", "oprd", "attr"} for c in head.children)
    )


def time_edits(
    text: str,
    published: date | None,
    years_before: list[list[str]],
    sent=None,
    offset: int = 0,
    frames_before: list[list[str]] | None = None,
) -> tuple[list[Edit], list[Unresolved]]:
    """Edits glossing the relative times of the sentence ``text``; ``years_before``: the years of
    each earlier sentence, most recent last; ``frames_before``: the years that set the time of
    each (:func:`frame_years`; ``years_before`` when not given); ``sent``: its spaCy parse (for
    the tense of the clause a weekday is in), ``offset`` the document offset of ``text``."""
    edits, unresolved = [], []
    for m in _RE_RELATIVE.finditer(text):
        phrase = m.group("phrase")
        low = phrase.lower()
        tok = _token_at(sent, offset, m.start()) if sent is not None else None
        future = (tok is not None and _future(tok)) or _will_before(text, m.start())
        if low in {"next month", "next year", "next week"} and text[: m.start()].endswith(("the ", "The ")):
            # "arrested the next month": the month after the one the sentence gave, not after the article's
            when = _after_dated(text[: m.start()], low.split()[-1])
            if when is None:
                unresolved.append(Unresolved(m.start(), m.end(), phrase))
            else:
                edits.append(_glossed(text, m.start(), m.end(), when))
            continue
        if tok is not None and low.split()[-1] in WEEKDAYS and _named_day(tok):
            continue  # "declared Tuesday a public holiday": which Tuesday the clause does not say
        if low.startswith(("the previous ", "the following ")) and low.split()[-1].capitalize() in _MONTHS:
            when = _beside(text[: m.start()], low)
        elif low in {"that year", "the same year", "the following year"}:
            here = _RE_YEAR.findall(text[: m.start()])
            year = here[-1] if here else _last_year(years_before)
            if year is None:
                unresolved.append(Unresolved(m.start(), m.end(), phrase))
                continue
            when = str(int(year) + 1) if low == "the following year" else year
        else:
            when = when_relative(low, published, future=future)
        if when:
            edits.append(_glossed(text, m.start(), m.end(), when))
    edits += _days_of_month(text, published, years_before if frames_before is None else frames_before, sent, offset)
    edits += _years_apart(text, published)
    return edits, unresolved


_RE_APART = re.compile(
    r"(?<![-\w.,])(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? (?P<dir>ago|later|earlier)\b(?! than)(?! \()",
    re.I,
)


def _years_apart(text: str, published: date | None) -> list[Edit]:
    """ "two years ago" → "two years ago (2021)" against the publication date ("a year ago": its
    month, "November 2022"); "three years later" / "two years earlier" against the one year the
    sentence gave last before it ("launched in 2013 and ... three years later": 2016); left alone
    when the sentence gave none."""
    out = []
    for m in _RE_APART.finditer(text):
        word = m.group("n").lower()
        n = 1 if word in {"a", "an"} else int(written_number(word))
        if m.group("dir").lower() == "ago":
            if published is None:
                continue
            year = published.year - n
            when = f"{_MONTHS[published.month - 1]} {year}" if n == 1 else str(year)
        else:
            here = _RE_YEAR.findall(text[: m.start()])
            if not here:
                continue  # "Two years later, ...": counted from a year of another sentence, not sure which
            base = here[-1]
            when = str(int(base) + (n if m.group("dir").lower() == "later" else -n))
        out.append(Edit(m.start(), m.end(), m.group(), f"{m.group()} ({when})", "time"))
    return out


#: Clauses that tell about someone or something on the side, not when the sentence's story is.
_ASIDES = frozenset({"relcl", "acl", "appos"})


def frame_years(sent) -> list[str]:
    """The years the spaCy sentence ``sent`` sets its story in: those outside its relative
    clauses, participles and appositions ("breaking the record set by George Canning, who died in
    office in 1827": none), so that a day without its year in the next sentence still reads in the
    article's year."""
    aside = {t.i for tok in sent if tok.dep_ in _ASIDES for t in tok.subtree}
    return [t.text for t in sent if t.i not in aside and _RE_YEAR.fullmatch(t.text)]


def _glossed(text: str, start: int, end: int, when: str) -> Edit:
    """The edit writing ``when`` after the time ``text[start:end]``, after its possessive when it
    has one ("Thursday's (4 July 2024) general election", not "Thursday (4 July 2024)'s")."""
    if text[end : end + 2] in {"'s", "’s"}:
        end += 2
    written = text[start:end]
    return Edit(start, end, written, f"{written} ({when})", "time")


def _days_of_month(text: str, published: date | None, years_before: list[list[str]], sent, offset: int) -> list[Edit]:
    """ "on 15 July" → "on 15 July 2010": the year in which that day lies nearest the publication
    date, on its side of it (after it when the clause speaks of the future, before it otherwise);
    left alone when the sentence gives a year or the sentences just before give another one."""
    if published is None or _RE_YEAR.search(text):
        return []
    out = []
    for m in _RE_DAY_MONTH.finditer(text):
        month = _MONTHS.index(m.group("m1") or m.group("m2")) + 1
        try:
            day = int(m.group("d1") or m.group("d2"))
            same_year = date(published.year, month, day)
        except ValueError:
            continue
        tok = _token_at(sent, offset, m.start()) if sent is not None else None
        future = tok is not None and _future(tok)
        year = published.year
        if future and same_year < published:
            year += 1
        elif not future and same_year > published:
            year -= 1
        context = _last_year(years_before)
        if context is not None and int(context) != year:
            continue
        written = m.group()
        full = f"{written} {year}" if m.group("d1") else f"{written}, {year}"
        out.append(Edit(m.start(), m.end(), written, full, "time"))
    return out


_RE_WILL = re.compile(r"\b(?:will|shall|'ll|is due to|are due to|is set to|are set to)\b", re.I)
_RE_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|after|before|when|because|while|since|as|that|who|which)\b", re.I)


def _will_before(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` (back to its last comma or conjunction) speaks of the
    future ("..., and he will return to the top of the rankings on Monday"), for when the parse
    hangs the day on another verb; "will become ... after his party won in Thursday's election" does not."""
    before = text[:pos]
    breaks = [m.end() for m in _RE_CLAUSE_BREAK.finditer(before)]
    return bool(_RE_WILL.search(before[breaks[-1] if breaks else 0 :]))


def _after_dated(before: str, unit: str) -> str | None:
    """The month or year after the last one ``before`` gives ("collapsed in November 2022 ... the
    next month": December 2022), or ``None``."""
    dated = re.findall(rf"\b({_MONTH_RE}) (\d{{4}})\b", before)
    if unit == "month" and dated:
        month, year = _MONTHS.index(dated[-1][0]) + 1, int(dated[-1][1])
        return f"{_MONTHS[month % 12]} {year + (month == 12)}"
    years = _RE_YEAR.findall(before)
    if unit == "year" and years:
        return str(int(years[-1]) + 1)
    return None


def _beside(before: str, phrase: str) -> str | None:
    """ "in April 2020, after ... the previous December": the year of that December."""
    dated = re.findall(rf"\b({_MONTH_RE}) (\d{{4}})\b", before)
    if not dated:
        return None
    month0, year0 = _MONTHS.index(dated[-1][0]) + 1, int(dated[-1][1])
    month = _MONTHS.index(phrase.split()[-1].capitalize()) + 1
    if phrase.startswith("the previous "):
        return str(year0 if month < month0 else year0 - 1)
    return str(year0 if month > month0 else year0 + 1)


def _last_year(years_before: list[list[str]]) -> str | None:
    for years in reversed(years_before[-3:]):
        if years:
            return years[0] if len(set(years)) == 1 else None
    return None


def when_relative(phrase: str, ref: date | None, *, future: bool = False) -> str | None:
    """The date a relative time expression names, against ``ref``."""
    if ref is None:
        return None
    simple = {
        "last year": str(ref.year - 1),
        "this year": str(ref.year),
        "next year": str(ref.year + 1),
        "this month": f"{_MONTHS[ref.month - 1]} {ref.year}",
        "yesterday": long_date(ref - timedelta(days=1)),
        "today": long_date(ref),
    }
    if phrase in simple:
        return simple[phrase]
    if phrase in {"last month", "next month"}:
        month = (ref.month - 2) % 12 if phrase == "last month" else ref.month % 12
        year = ref.year + (
            -1 if phrase == "last month" and ref.month == 1 else 1 if phrase == "next month" and ref.month == 12 else 0
        )
        return f"{_MONTHS[month]} {year}"
    if phrase in {"this week", "last week", "next week"}:
        monday = ref - timedelta(days=ref.weekday())
        shift = {"this week": 0, "last week": -7, "next week": 7}[phrase]
        return f"week of {long_date(monday + timedelta(days=shift))}"
    word = phrase.split()[-1]
    if word.capitalize() in _MONTHS:  # "since September": the last September on or before the date
        month = _MONTHS.index(word.capitalize()) + 1
        if phrase.startswith("next"):
            return str(ref.year if month > ref.month else ref.year + 1)
        if future and not phrase.startswith(("last", "since")):  # "would cut again in July"
            return str(ref.year if month >= ref.month else ref.year + 1)
        if phrase.startswith("last"):
            return str(ref.year if month < ref.month else ref.year - 1)
        return str(ref.year if (month <= ref.month or phrase.startswith("this")) else ref.year - 1)
    if word in WEEKDAYS:
        return long_date(_weekday(phrase, word, ref, future))
    return None


def _weekday(phrase: str, word: str, ref: date, future: bool) -> date:
    target = WEEKDAYS.index(word)
    if phrase.startswith("next ") or (future and not phrase.startswith("last ")):
        ahead = (target - ref.weekday()) % 7
        return ref + timedelta(days=ahead or (7 if phrase.startswith("next ") else 0))
    back = (ref.weekday() - target) % 7
    if phrase.startswith("last ") and back <= 1:
        back += 7  # on a Thursday, "last Wednesday" is the week before: the day before is "yesterday"
    return ref - timedelta(days=back)


__all__ = ["WEEKDAYS", "frame_years", "long_date", "time_edits", "when_relative"]
