"""Lists of parties and of objects: one claim per item of a list.

* **Lists of parties**: "Saudi Arabia, Iraq and Russia had resisted ..." becomes one claim per
  named country or organisation (the verb made singular), unless the predicate is joint
  ("together", "each other", "signed a treaty"); in a clause split off the sentence too ("...,
  and the European Union, Britain and the United States have sent search teams").
* **Lists of objects**: "will be held in the United States, Canada and Mexico", "caused by
  factors such as diet, stress or toxins": one claim per item, unless the predicate is joint
  ("between X and Y", "together", a verb such as "meet" or "sign").

Each function takes and returns item lists (:mod:`factcheck.claims.items`), so every claim keeps
the character range of its own tokens.
"""

from __future__ import annotations

from factcheck.claims.inflect import finite_form
from factcheck.claims.items import FRACTION_WORDS, is_figure_np, is_token
from factcheck.gazetteer import country_of

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


def _clause_root(items: list, present: set[int]):
    """The verb the clause hangs on: the sentence's root, or, in a clause split off it ("..., and
    the European Union, Britain and the United States have sent teams"), the verb whose head the
    clause does not hold."""
    root = next((t for t in items if is_token(t) and t.dep_ == "ROOT"), None)
    if root is not None:
        return root
    return next((t for t in items if is_token(t) and t.pos_ in {"VERB", "AUX"} and t.head.i not in present), None)


def party_split(items: list) -> list[list] | None:
    """One part per named party of a coordinated subject, the verb made singular; ``None`` when
    the subject lists none or the predicate is joint."""
    present = {t.i for t in items if is_token(t)}
    root = _clause_root(items, present)
    if root is None or root.lemma_ in _SYMMETRIC_VERBS:
        return None
    if any(is_token(t) and t.lower_ in _JOINT for t in items) or any(
        is_token(t) and t.lower_ == "other" for t in items
    ):
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i in present), None)
    if subject is None:
        return None
    members = [subject] + [t for t in subject.subtree if t.dep_ == "conj" and t.i in present]
    if len(members) < 2 or any(m.ent_type_ not in _PARTY_ENTS for m in members) or _ampersand(subject):
        return None
    groups = _by_name(members)
    if len(groups) < 2:
        return None  # "Bosnia and Herzegovina has ...": one country
    subj_ids = {t.i for t in subject.subtree}
    lo = next(k for k, t in enumerate(items) if is_token(t) and t.i in subj_ids)
    hi = max(k for k, t in enumerate(items) if is_token(t) and t.i in subj_ids) + 1
    out = []
    for group in groups:
        own = _stretch(group)
        core = [t for t in items[lo:hi] if is_token(t) and t.i in own]
        rest = [_singular(t, root) for t in items[hi:]]
        out.append(items[:lo] + core + rest)
    return out


def list_split(items: list) -> list[list] | None:
    """One part per item of a list of the clause's own objects; ``None`` when there is none to split."""
    present = {t.i for t in items if is_token(t)}
    root = next((t for t in items if is_token(t) and t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ in _SYMMETRIC_VERBS or any(is_token(t) and t.lower_ in _JOINT for t in items):
        return None
    for tok in items:
        if not is_token(tok) or tok.dep_ not in {"pobj", "dobj"} or tok.head.lower_ in {"between", "among", "of"}:
            continue
        members = [tok]
        for m in members:  # the conjunct chain of tok ("the United States, Canada and Mexico")
            members += [c for c in m.children if c.dep_ == "conj" and c.i in present and c.pos_ == tok.pos_]
        cc = [t for t in tok.subtree if t.dep_ == "cc" and t.i in present and t.lower_ in {"and", "or"}]
        if not (2 <= len(members) <= 6) or not cc or any(is_figure_np(m) for m in members):
            continue
        if _ampersand(tok):
            continue  # "Speak & Spell", "Procter & Gamble": one name, which the parser coordinates
        groups = _by_name(members)
        if len(groups) < 2:
            continue  # "Minister for Food, Agriculture and Fisheries": one name
        if any(m.lower_ in FRACTION_WORDS for m in members[1:]):
            continue  # "for a year and a half": one length of time
        verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is None or verb.tag_ == "VBG" or not (verb == root or (verb.dep_ == "conj" and verb.head == root)):
            continue  # only the clause's own objects: not a participle's ("waving flags and bouquets")
        if not _objects_of(tok, verb):
            continue  # a list inside an apposition ("Music for the Masses, Violator, ..."): not the verb's
        span = sorted(t.i for t in tok.subtree if t.i in present)
        if any(t.text in {'"', "“", "”"} for t in tok.doc[span[0] : span[-1] + 1]) or _quoted(tok):
            continue  # a quotation is quoted whole
        lo = next(k for k, t in enumerate(items) if is_token(t) and t.i == span[0])
        hi = next(k for k, t in enumerate(items) if is_token(t) and t.i == span[-1]) + 1
        out = []
        for group in groups:
            own = _stretch(group)
            core = [t for t in items[lo:hi] if is_token(t) and t.i in own]
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


def _by_name(members: list) -> list[list]:
    """The list's items, those that one named entity holds together ("the Department for
    Environment, Food and Rural Affairs") or that together spell a country's name ("Bosnia and
    Herzegovina", "Trinidad and Tobago") as one item."""
    groups: list[list] = []
    seen = None
    for m in members:
        ent = next((e for e in m.doc.ents if e.start <= m.i < e.end), None)
        if groups and ((ent is not None and ent == seen) or _country_name(groups[-1] + [m])):
            groups[-1].append(m)
        else:
            groups.append([m])
        seen = ent
    return groups


def _country_name(group: list) -> bool:
    """Whether the words from the group's first member to its last are a country's own name."""
    doc = group[0].doc
    text = doc[group[0].i : group[-1].i + 1].text
    return (country_of(text) or "").lower() == text.lower()


def _stretch(group: list) -> set[int]:
    """Indices of the words of one item: each member's subtree but the members coordinated with
    it, and for a name of several members ("Bosnia and Herzegovina") the words between them."""
    own: set[int] = set()
    for m in group:
        own |= {t.i for t in m.subtree} - {
            t.i for c in m.children if c.dep_ in {"conj", "cc", "punct", "preconj"} for t in c.subtree
        }
    return own | set(range(min(own), max(own) + 1)) if len(group) > 1 else own


def _ampersand(tok) -> bool:
    """Whether an "&" joins two words of ``tok``'s phrase: part of a name, not a list."""
    return any(t.dep_ == "cc" and t.text == "&" for t in tok.subtree)


def _quoted(tok) -> bool:
    """Whether ``tok`` stands inside quotation marks in its sentence."""
    marks = [t for t in tok.sent if t.text in {'"', "“", "”"} and t.i < tok.i]
    return len(marks) % 2 == 1


def _singular(t, root):
    """The verb of a plural subject made singular ("have" → "has") when it is the clause's."""
    if not is_token(t) or t.tag_ != "VBP" or not (t == root or (t.head == root and t.dep_ in {"aux", "auxpass"})):
        return t
    low = t.lower_
    if low in _SINGULAR:
        return _SINGULAR[low]
    return finite_form(low, "VBZ") or low + "s"


__all__ = ["list_split", "party_split"]
