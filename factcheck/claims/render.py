"""A claim's text from the tokens of its sentence, with the sentence's rewrites applied.

Decomposition (:mod:`factcheck.claims.split`) says which tokens of a sentence make a part (and
which words it adds, such as the copula of "Kim Il Sung was ..."); the resolver
(:mod:`factcheck.claims.resolve`) says, once per sentence, which mentions to replace
(:class:`Edit`) and which it could not resolve (:class:`Unresolved`), as character ranges of the
sentence.  :func:`render` writes a part with the edits whose mention it holds, so the sentence is
parsed once and every part of it gets the same resolutions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

EditKind = str  # "pronoun", "name", "description", "group", "event", "place", "time"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the sentence's characters ``[start, end)`` (``mention``) by ``replacement``.

    ``anchor``: the range of an antecedent in the same sentence; the edit is then applied only to
    a part that does not hold the antecedent ("Putin arrived, and he signed ..." → the second
    part reads "Vladimir Putin signed ...", the whole sentence keeps "he")."""

    start: int
    end: int
    mention: str
    replacement: str
    kind: EditKind
    anchor: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A mention the reader needs resolved that the resolver could not resolve for sure.

    ``anchors``: candidate antecedents in the same sentence; a part holding one of them reads
    without the article, so the mention is flagged only in parts that hold none."""

    start: int
    end: int
    mention: str
    anchors: tuple[tuple[int, int], ...] = ()


Item = object  # a spaCy Token of the sentence, or a str the part adds


def _covered(starts: set[int], lo: int, hi: int, tokens_at: dict[int, int]) -> bool:
    """Whether every token starting in ``[lo, hi)`` is in the part."""
    return all(s in starts for s in tokens_at if lo <= s < hi)


def _applies(edit: Edit, starts: set[int], tokens_at: dict[int, int]) -> bool:
    if not _covered(starts, edit.start, edit.end, tokens_at):
        return False
    return edit.anchor is None or not any(edit.anchor[0] <= s < edit.anchor[1] for s in starts)


def render(
    items: Sequence[Item],
    offset: int,
    edits: Sequence[Edit] = (),
    unresolved: Sequence[Unresolved] = (),
    *,
    sentence_tokens: Sequence = (),
) -> tuple[str, tuple[str, ...]]:
    """The text of a part (its tokens in order, the edits that apply substituted) and the
    unresolved mentions it holds.  ``offset``: the document offset of the sentence text;
    ``sentence_tokens``: every token of the sentence (to tell a mention whole in the part)."""
    starts = {t.idx - offset for t in items if not isinstance(t, str)}
    tokens_at = {t.idx - offset: t.i for t in sentence_tokens} or dict.fromkeys(starts, 0)
    live = sorted((e for e in edits if _applies(e, starts, tokens_at)), key=lambda e: e.start)
    pieces: list[str] = []
    first = sentence_tokens[0].i if sentence_tokens else None  # the sentence's first word, lower-cased inside a part
    at = {e.start: e for e in live}  # by where it starts: a part may hold its tokens out of order
    skip = (-1, -1)
    for n, item in enumerate(items):
        nxt = items[n + 1] if n + 1 < len(items) else None
        if isinstance(item, str):
            pieces.append(item)
            pieces.append(" ")
            continue
        pos = item.idx - offset
        if skip[0] < pos < skip[1]:
            continue  # inside the mention just replaced
        edit = at.get(pos)
        if edit is not None:
            pieces.append(edit.replacement)
            skip = (edit.start, edit.end)
            item = max((t for t in items if not isinstance(t, str) and edit.start <= t.idx - offset < edit.end),
                       key=lambda t: t.i)  # fmt: skip
            nxt = next((t for t in items[n + 1 :] if isinstance(t, str) or not skip[0] <= t.idx - offset < skip[1]),
                       None)  # fmt: skip  # the item after the mention ("Spain" then "'s", not "Spain 's")
        elif item.i == first and pieces and item.pos_ != "PROPN" and not item.ent_type_ and item.text != "I":
            pieces.append(item.text[:1].lower() + item.text[1:])  # "... was the company's chief executive"
        else:
            pieces.append(item.text)
        if nxt is not None and (item.whitespace_ or isinstance(nxt, str) or (nxt.i != item.i + 1 and not nxt.is_punct)):
            pieces.append(" ")
    text = clean_join("".join(pieces))
    flagged = tuple(
        u.mention
        for u in unresolved
        if _covered(starts, u.start, u.end, tokens_at)
        and u.start in starts
        and not any(a[0] <= s < a[1] for a in u.anchors for s in starts)
    )
    return text, flagged


def clean_join(text: str) -> str:
    """Spacing and stray commas of text stitched from pieces of a sentence."""
    out = text.strip()
    out = re.sub(r"\s+", " ", out)
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    out = re.sub(r",\s*,", ",", out)
    out = re.sub(r"^[,;:\s]+|[,;:\s]+$", "", out)
    return out


def finish(text: str) -> str:
    """Capitalised, with a full stop when it has no closing punctuation."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\"'”’":
        text += "."
    return text


__all__ = ["Edit", "Unresolved", "clean_join", "finish", "render"]
