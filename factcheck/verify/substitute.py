"""Figure alignment by substitution: is the window's figure the value of the claim's?

The lexical alignment of :mod:`factcheck.verify.align` compares two figures when their sentences
share enough words.  A paraphrase shares too few ("Agrawal had held the top job for just over two
years" against "Agrawal had been in charge for roughly eleven months"), the wrong figure is never
compared, and the NLI model reads past it.  Here the model itself is asked: the claim is rewritten
with the window's figure in place of its own ("... held the top job for roughly eleven months"),
and when the window entails the rewrite far more than the claim as written, the window gives that
figure for what the claim's figure measures — a strict conflict.  A figure of another event in the
same window leaves the rewrite as unsupported as the claim ("trace back to 1994" is no more
entailed by "Kim Il Sung ruled until his death in 1994"), so it never refutes.

Only claim figures of the checked kinds (dates, durations, sums, rates, measures; not counts,
whose unit words name kinds within kinds: "29 gold medals" of "67 medals") that no window aligns
strictly and none confirms are probed, against figures whose own sentence names the claim's
parties (or, for a claim that names none, says what happened in two of its words), in windows
relevant enough for a figure conflict to refute, that name the claim's names and do not give the
claim's own figure elsewhere; each probe costs one NLI pair, all of a check in one batch.  Names are not probed so: the model reads a rewritten name too loosely ("Usain Bolt
of China won the 100 metres" entailed at 0.79 by a sentence about Bolt of Jamaica).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.config import VerifyConfig, VerifyRules
from factcheck.lexical import content_set, coverage
from factcheck.nli import CONTRADICTION, ENTAILMENT
from factcheck.quantities import CHECKED_KINDS, compare, is_previous_event
from factcheck.types import Quantity
from factcheck.verify.align import attested, distinctive, names_present
from factcheck.verify.events import event_words
from factcheck.verify.names import as_the_window_names
from factcheck.verify.segments import Comparison
from factcheck.verify.views import ClaimView, WindowView
from factcheck.verify.windows import Candidate


@dataclass(frozen=True, slots=True)
class Probe:
    """One rewrite of a claim to ask the NLI model about: window ``window`` (index among the
    claim's kept windows) read against the claim with figure ``claim_index`` replaced by
    ``evidence`` (anchored to document offsets)."""

    window: int
    claim_index: int
    evidence: Quantity
    hypothesis: str


#: Words before a figure that its text leaves out ("just over two years"), replaced with it.
_HEDGE = r"(?:just|only|barely|a little|some) "


def _replace_once(text: str, old: str, new: str) -> str | None:
    """``text`` with its one standalone occurrence of ``old`` replaced, or ``None``."""
    found = [m.span() for m in re.finditer(rf"(?<![\w.,])(?:{_HEDGE})?{re.escape(old)}(?![\w])", text)]
    if len(found) != 1:
        return None
    return text[: found[0][0]] + new + text[found[0][1] :]


def probes(
    cv: ClaimView, kept: Sequence[Candidate], comparisons: Sequence[Sequence[Comparison]], confirmed: set[int],
    cfg: VerifyConfig,
) -> list[Probe]:  # fmt: skip
    """The rewrites worth asking about for one claim (module docstring), the most relevant windows
    first, at most ``rules.max_substitution_probes`` per claim figure."""
    rules = cfg.rules
    if not rules.substitution_alignment:
        return []
    aligned = {c.claim_index for comps in comparisons for c in comps if c.strict}
    order = sorted(range(len(kept)), key=lambda w: -kept[w].relevance)
    about = _Subject.of(cv)
    out: list[Probe] = []
    for i, cq in enumerate(cv.quantities):
        if i in confirmed or i in aligned or is_previous_event(cq) or cq.kind not in CHECKED_KINDS:
            continue
        mine: list[Probe] = []
        for w in order:
            c = kept[w]
            if len(mine) >= rules.max_substitution_probes or c.relevance < cfg.min_relevance:
                break
            mine.extend(_window_probes(cv, about, i, w, c, rules)[: rules.max_substitution_probes - len(mine)])
        out.extend(mine)
    return out


def _window_probes(cv: ClaimView, about: _Subject, i: int, w: int, c: Candidate, rules: VerifyRules) -> list[Probe]:
    """Rewrites of claim figure ``i`` with each figure of its kind in window ``w``, when none of
    them agrees with it, the window does not give it elsewhere, and the figure's own sentence is
    about the claim (:func:`_about_claim`)."""
    view = c.view
    assert view is not None
    cq = cv.quantities[i]
    if not names_present(cv, view, rules) or attested(cq, view):
        return []
    agreements = [compare(cq, eq) for eq in view.anchored]
    if "consistent" in agreements:
        return []
    theirs = [(q, eq) for q, eq, a in zip(view.quantities, view.anchored, agreements, strict=True) if a == "conflict"]
    written = as_the_window_names(cv, view)
    out = []
    for q, eq in theirs:
        if not _about_claim(cv, about, i, view, view.sentence_of(q.span.start), rules):
            continue
        hypothesis = _replace_once(written, cq.text, q.text)
        if hypothesis is not None:
            out.append(Probe(w, i, eq, hypothesis))
    return out


@dataclass(frozen=True, slots=True)
class _Subject:
    """What a window sentence must share to be about the claim, read once per claim: its parties
    (names and named entities, not descriptors), or, for a claim that names none, its words of what
    happened (not names, generic words or figures)."""

    parties: frozenset[str]
    happened: frozenset[str]

    @classmethod
    def of(cls, cv: ClaimView) -> _Subject:
        parties = cv.names | frozenset().union(*(n.tokens for n in cv.entities if not n.descriptor))
        figures = frozenset().union(*(content_set(q.text) for q in cv.quantities))
        return cls(parties, frozenset() if parties else event_words(cv) - figures)


def _about_claim(cv: ClaimView, about: _Subject, i: int, view: WindowView, k: int, rules: VerifyRules) -> bool:
    """Whether sentence ``k`` of the window is about the claim: it names at least
    ``min_name_coverage_window`` of the claim's parties (for a claim that names none — its subject
    stays unresolved: "Its main eruption began beneath the ice on 12 April" — at least
    ``min_event_words_without_names`` of its words of what happened), or it gives another of the
    claim's figures, a precise one ("In March 2007 the government announced a package of £9.3
    billion" for "raised the budget to £9.3 billion in 2009").  Not so, the figure may be anyone's
    ("Agrawal had been in charge for eleven months" is no answer to "the rebrand comes nine months
    after Musk took control")."""
    tokens = view.sentence_tokens[k]
    if not about.parties:
        return len(about.happened & tokens) >= rules.min_event_words_without_names
    if coverage(about.parties, tokens) >= rules.min_name_coverage_window:
        return True
    sentence = view.sentences[k]
    return any(
        j != i
        and distinctive(other)
        and sentence.start <= q.span.start < sentence.end
        and compare(other, eq) == "consistent"
        for j, other in enumerate(cv.quantities)
        for q, eq in zip(view.quantities, view.anchored, strict=True)
    )


def accepted(probe: Probe, as_written: np.ndarray, rewritten: np.ndarray, rules: VerifyRules) -> Comparison | None:
    """The strict conflict a probe shows, or ``None``: the window entails the rewrite at least
    ``min_substituted_entailment``, by ``min_substitution_gain`` more than the claim as written
    (``as_written``: that pair's NLI row), and more than it contradicts it."""
    entailed = float(rewritten[ENTAILMENT])
    if (
        entailed >= rules.min_substituted_entailment
        and entailed - float(as_written[ENTAILMENT]) >= rules.min_substitution_gain
        and entailed > float(rewritten[CONTRADICTION])
    ):
        return Comparison(probe.claim_index, "conflict", probe.evidence, entailed, strict=True)
    return None


def answers(
    asked: Sequence[tuple[int, Probe]], as_written: Sequence[np.ndarray], rewritten: np.ndarray, rules: VerifyRules
) -> list[tuple[tuple[int, int], Comparison]]:
    """The strict conflicts the probes of a check show, by ``(claim, window)``: ``asked`` holds
    ``(claim index, probe)``, with the NLI rows of each window against the claim as written and
    against the rewrite.  A window where two figures of its own fit the same claim figure does not
    say which is the claim's ("(April 8, 1974 - February 2, 2014)" for a date of death): the
    alignment is unsure, and it answers nothing."""
    fits: dict[tuple[int, int, int], list[Comparison]] = {}
    for (ci, probe), before, after in zip(asked, as_written, rewritten, strict=True):
        conflict = accepted(probe, before, after, rules)
        if conflict is not None:
            fits.setdefault((ci, probe.window, probe.claim_index), []).append(conflict)
    return [((ci, w), found[0]) for (ci, w, _), found in fits.items() if len(found) == 1]
