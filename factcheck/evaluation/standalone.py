"""How precisely claims are made standalone and split, on the project's own set (``data/standalone``).

Each article of the set (see ``data/standalone/README.md``) is read as an article (title, then
its paragraphs) with its publication date.  Every sentence, check-worthy or not, is decomposed
and rewritten exactly as :class:`~factcheck.claims.ClaimDetector` does; then:

* a **resolution** is a rewrite that shows in at least one claim (an edit whose mention the claim
  holds; an edit anchored to an antecedent the claim also holds changes nothing and is not one).
  It is **right** when the gold sentence lists its mention (``resolve`` or ``optional``; the gold
  mention is found in the sentence and must overlap the edited characters) and the words it adds
  match a gold referent: the content words of the replacement, less the mention's own, against
  the referent's (lower-cased, possessive "'s" and a few function words dropped) with F1 at
  least :data:`REFERENT_F1`.  Any other resolution is wrong.
* **rewrite precision** = right resolutions / resolutions; **rewrite recall** = gold ``resolve``
  mentions resolved right / gold ``resolve`` mentions, where a mention also counts as resolved
  when a claim of its sentence holds both the mention and (at least :data:`REFERENT_F1` of the
  words of) its referent, so that the reader needs nothing ("Liz Truss announced her
  resignation"; reported as ``needed_held_by_claim``); **flagged** = the share of gold mentions
  left unresolved that the claims report in ``unresolved`` (what the user sees).
* **split**: the claims of each gold sentence with gold claims are matched one to one with them
  (:func:`factcheck.evaluation.decomposition.match`, content-word F1 at least
  :data:`SPLIT_MATCH`); pooled claim precision, recall and F1, and the share of sentences cut
  into as many claims as the gold.

Reported per part of the set (``dev``, looked at while developing; ``heldout``, not) and for all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from factcheck.errors import DataError

REFERENT_F1 = 0.8
SPLIT_MATCH = 0.6
PARTS = ("dev", "heldout")
_FUNCTION = frozenset({"the", "a", "an", "of", "and", "in", "to", "on", "at", "s", "by", "for"})
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


@dataclass
class GoldSentence:
    text: str
    start: int  # offset in the article text
    claims: list[str]
    resolve: dict[str, list[str]]
    optional: dict[str, list[str]]


@dataclass
class GoldArticle:
    id: str
    part: str
    published: date
    text: str
    sentences: list[GoldSentence] = field(default_factory=list)


def _referents(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def read_own_set(folder: str | Path) -> list[GoldArticle]:
    """The articles of ``folder`` (``dev/`` and ``heldout/`` JSON files), built into article text."""
    folder = Path(folder)
    articles = []
    for part in PARTS:
        for path in sorted((folder / part).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            try:
                article = GoldArticle(raw["id"], part, date.fromisoformat(raw["published"]), "")
                text = raw["title"] + "\n\n"
                for paragraph in raw["paragraphs"]:
                    for k, s in enumerate(paragraph):
                        text += " " if k else ""
                        article.sentences.append(
                            GoldSentence(
                                s["text"],
                                len(text),
                                list(s["claims"]),
                                {m: _referents(r) for m, r in s.get("resolve", {}).items()},
                                {m: _referents(r) for m, r in s.get("optional", {}).items()},
                            )
                        )
                        text += s["text"]
                    text += "\n\n"
            except (KeyError, TypeError, ValueError) as exc:
                raise DataError(f"{path}: not an own-set article ({exc})") from exc
            article.text = text
            articles.append(article)
    if not articles:
        raise DataError(f"{folder}: no articles under dev/ or heldout/")
    return articles


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower().replace("'s", "").replace("’s", "")) if w not in _FUNCTION}


def referent_f1(replacement: str, mention: str, referent: str) -> float:
    """F1 of the words a replacement adds (its words less the mention's) against a referent's."""
    added = _words(replacement) - (_words(mention) - _words(referent))
    gold = _words(referent)
    common = len(added & gold)
    if not common:
        return 0.0
    p, r = common / len(added), common / len(gold)
    return 2 * p * r / (p + r)


def _gold_span(sentence: GoldSentence, key: str) -> tuple[int, int] | None:
    """Article offsets of the gold mention ``key`` ("he", "he@2") in its sentence."""
    mention, _, nth = key.partition("@")
    n = int(nth) if nth else 1
    for flags in (0, re.I):
        hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", sentence.text, flags)]
        if len(hits) >= n:
            start = sentence.start + hits[n - 1]
            return start, start + len(mention)
    return None


def _article_output(article: GoldArticle) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int]], list]:
    """(applied edits (start, end, mention, replacement), flagged mention spans, parts (start, text))."""
    from factcheck.claims.render import finish, render
    from factcheck.claims.resolve import resolve_sentences
    from factcheck.claims.split import decompose
    from factcheck.text import article_sentences, parse_article

    parsed = parse_article(article.text, id=article.id, published=article.published)
    sentences = article_sentences(parsed)
    offsets = [s.span.start - parsed.blocks[s.block].span.start for s in sentences]
    resolutions = resolve_sentences([(s.doc, o) for s, o in zip(sentences, offsets, strict=True)], article.published)
    applied: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    flagged: set[tuple[int, int]] = set()
    parts = []
    for sentence, offset, res in zip(sentences, offsets, resolutions, strict=True):
        base = sentence.span.start
        for part in decompose(sentence.doc, offset):
            text, unresolved = render(part.items, offset, res.edits, res.unresolved, sentence_tokens=sentence.doc)
            parts.append((base + part.start, finish(text)))
            starts = {t.idx - offset for t in part.items if not isinstance(t, str)}
            for e in res.edits:
                if e.start in starts and (e.anchor is None or not any(e.anchor[0] <= s < e.anchor[1] for s in starts)):
                    applied[(e.start + base, e.end + base)] = (e.start + base, e.end + base, e.mention, e.replacement)
            flagged |= {(u.start + base, u.end + base) for u in res.unresolved if u.mention in unresolved}
    return list(applied.values()), sorted(flagged), parts


def _owner(article: GoldArticle, pos: int) -> GoldSentence | None:
    return next((s for s in article.sentences if s.start <= pos < s.start + len(s.text)), None)


def _held(article: GoldArticle, span: tuple[int, int], key: str, refs: list[str], parts) -> bool:
    """Whether a claim of the mention's sentence holds the mention and its referent already ("Liz
    Truss announced her resignation"): the reader needs nothing resolved there."""
    sentence = _owner(article, span[0])
    mention = _words(key.partition("@")[0])
    for start, text in parts:
        if _owner(article, start) is not sentence:
            continue
        words = _words(text)
        if not mention <= words:
            continue
        for ref in refs:
            gold = _words(ref)
            if gold and len(gold & words) / len(gold) >= REFERENT_F1 and not gold <= mention:
                return True
    return False


def _score_rewrites(article: GoldArticle, applied, flagged, tally: dict, errors: list, misses: list,
                    parts=()) -> None:  # fmt: skip
    spans = {}  # gold mention span -> (needed?, referents, sentence)
    for s in article.sentences:
        for needed, table in ((True, s.resolve), (False, s.optional)):
            for key, refs in table.items():
                span = _gold_span(s, key)
                if span is None:
                    raise DataError(f"{article.id}: mention {key!r} not in sentence {s.text!r}")
                spans[span] = (needed, refs, key)
    right_spans = set()
    for start, end, mention, replacement in applied:
        hit = next((sp for sp in spans if sp[0] < end and start < sp[1]), None)
        ok = hit is not None and max(referent_f1(replacement, mention, r) for r in spans[hit][1]) >= REFERENT_F1
        tally["resolved"] += 1
        tally["resolved_right"] += ok
        if ok:
            right_spans.add(hit)
        else:
            errors.append({"article": article.id, "mention": mention, "replacement": replacement,
                           "gold": spans[hit][1] if hit else None})  # fmt: skip
    for span, (needed, refs, key) in spans.items():
        if not needed:
            continue
        tally["needed"] += 1
        if span in right_spans:
            tally["needed_right"] += 1
        elif _held(article, span, key, refs, parts):
            tally["needed_right"] += 1
            tally["held"] += 1
        else:
            seen = any(f[0] < span[1] and span[0] < f[1] for f in flagged)
            tally["missed_flagged"] += seen
            tally["missed"] += 1
            misses.append({"article": article.id, "mention": key, "gold": refs, "flagged": seen})


def _score_split(article: GoldArticle, parts, tally: dict) -> None:
    from factcheck.evaluation.decomposition import similarity

    for s in article.sentences:
        if not s.claims:
            continue
        mine = [text for start, text in parts if _owner(article, start) is s]
        pairs = sorted(
            ((similarity(p, g), i, j) for i, p in enumerate(mine) for j, g in enumerate(s.claims)), reverse=True
        )
        used_p, used_g = set(), set()
        for sim, i, j in pairs:
            if sim >= SPLIT_MATCH and i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
        tally["split_predicted"] += len(mine)
        tally["split_gold"] += len(s.claims)
        tally["split_matched"] += len(used_p)
        tally["split_sentences"] += 1
        tally["split_same_count"] += len(mine) == len(s.claims)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _summary(t: dict) -> dict:
    p, r = _ratio(t["split_matched"], t["split_predicted"]), _ratio(t["split_matched"], t["split_gold"])
    return {
        "sentences": t["sentences"],
        "resolutions": t["resolved"],
        "rewrite_precision": _ratio(t["resolved_right"], t["resolved"]),
        "needed_mentions": t["needed"],
        "rewrite_recall": _ratio(t["needed_right"], t["needed"]),
        "needed_held_by_claim": t["held"],
        "missed_flagged": _ratio(t["missed_flagged"], t["missed"]),
        "split_precision": p,
        "split_recall": r,
        "split_f1": round(2 * p * r / (p + r), 4) if p and r else 0.0,
        "split_same_count": _ratio(t["split_same_count"], t["split_sentences"]),
    }


def evaluate_standalone(folder: str | Path, *, parts: Sequence[str] = PARTS) -> dict:
    """Rewrite precision and recall and split F1 on the own set at ``folder``, per part and all."""
    keys = ("sentences resolved resolved_right needed needed_right held missed missed_flagged split_predicted "
            "split_gold split_matched split_sentences split_same_count").split()  # fmt: skip
    tallies = {p: dict.fromkeys(keys, 0) for p in (*parts, "all")}
    errors: dict[str, list] = {p: [] for p in parts}
    misses: dict[str, list] = {p: [] for p in parts}
    for article in read_own_set(folder):
        if article.part not in parts:
            continue
        applied, flagged, out_parts = _article_output(article)
        for name in (article.part, "all"):
            tallies[name]["sentences"] += len(article.sentences)
            mine = name != "all"
            _score_rewrites(article, applied, flagged, tallies[name], errors[article.part] if mine else [],
                            misses[article.part] if mine else [], out_parts)  # fmt: skip
            _score_split(article, out_parts, tallies[name])
    return {
        "referent_f1": REFERENT_F1,
        "split_match": SPLIT_MATCH,
        **{name: _summary(t) for name, t in tallies.items()},
        # what went wrong, for the part developed on only (the held-out part is reported in totals)
        "errors_dev": errors.get("dev", []),
        "misses_dev": misses.get("dev", []),
    }


__all__ = ["evaluate_standalone", "read_own_set", "referent_f1"]
