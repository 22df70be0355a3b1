"""Defaults in one place.  Every index manifest and report records the config it was made with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError

#: Format of the on-disk index; bump when the layout changes (3: file checksums in the manifest).
INDEX_FORMAT_VERSION = 3

DEFAULT_EMBEDDER = "minilm"
DEFAULT_NLI_MODEL = "factcheck-nli"

# Claims.  ``None``: the threshold stored with the trained check-worthiness head (the highest
# whose out-of-fold recall on ClaimBuster train reaches 0.90; see factcheck/training/checkworthy.py).
DEFAULT_CHECKWORTHINESS_THRESHOLD: float | None = None
#: A body sentence that states a date, a duration, a sum, a rate, a measure or a count of something
#: named is kept as a claim below the check-worthiness threshold: the head learnt what is worth
#: checking from debate transcripts, and a news sentence that gives a figure can always be checked.
DEFAULT_KEEP_FIGURES = True
#: ... and so is one that reports what a named party did or is, with no opinion, first or second
#: person or modal verb ("London won the Games at a meeting of the IOC in Copenhagen").
DEFAULT_KEEP_NAMED = True
#: Threshold of the rule-only scorer (``ClaimDetector(head="rules")``).
DEFAULT_RULE_THRESHOLD = 0.45
#: Precision of the sentence embedder the check-worthiness head reads (``int8``: dynamically
#: quantised linear layers on CPU; the head's scores and the figures it reaches are in
#: evaluation/RESULTS.md, issue 13).
DEFAULT_CHECKWORTHINESS_PRECISION = "int8"
#: Sentences per forward pass of that embedder.  The int8 twin quantises a batch's activations
#: together, so a sentence's score moves a little with the batch it is in; the head's threshold and
#: figures were measured with batches of 64.  (8 is about 0.07 s faster per 1,000 words, but moves
#: borderline sentences across the threshold: evaluation/RESULTS.md, 2026-12-08.)
DEFAULT_CHECKWORTHINESS_BATCH_SIZE = 64

# Chunking: passages are windows of whole sentences.
DEFAULT_WINDOW_SENTENCES = 3
DEFAULT_WINDOW_STRIDE = 3
DEFAULT_MAX_PASSAGE_CHARS = 1200

# Index storage: vectors as float16 halve the memory of float32 for the same ranking (int8 quarters
# it); see evaluation/RESULTS.md.  At DEFAULT_ANN_THRESHOLD passages and above, an approximate-
# nearest-neighbour index is built when its library is installed (factcheck.index.ann): exact
# search over 100,000 float16 vectors already takes ~0.3 s per single query on 2 CPU cores, an
# HNSW query well under 1 ms (evaluation/RESULTS.md, "ANN libraries").
DEFAULT_VECTOR_DTYPE = "float16"
DEFAULT_ANN_THRESHOLD = 100_000
#: Documents longer than this many characters are skipped with a counted warning.
DEFAULT_MAX_DOCUMENT_CHARS = 10_000_000

# Input limits.  Parsers never raise on any text and run in linear time; these bound the work.
#: Numbers written with more digits than this are not read as quantities (no figure in news has
#: 30 significant digits; a 5,000-digit run is noise, and its float would overflow).
MAX_NUMBER_DIGITS = 30
#: Articles longer than this many characters are refused, saying how much was read (the time to
#: extract claims grows linearly with the length: evaluation/RESULTS.md, "long articles").
DEFAULT_MAX_ARTICLE_CHARS = 5_000_000
#: Blocks longer than this are parsed in pieces cut between sentences (spaCy refuses texts over
#: 1,000,000 characters, and a sentence's entities are looked up among those of its whole piece,
#: so small pieces keep that lookup cheap); ordinary paragraphs are far shorter.
DEFAULT_PARSE_CHUNK_CHARS = 10_000
#: Articles whose blocks to parse hold at least this many characters are parsed by spaCy in
#: worker processes (spaCy runs on one core; a 1 MB article spends half its extraction there).
#: Starting the workers costs about a second, so ordinary articles stay in the calling process.
DEFAULT_PARALLEL_PARSE_CHARS = 200_000
#: How many spaCy worker processes a long article gets (at most the machine's cores; 1: none).
DEFAULT_PARSE_PROCESSES = 2
#: How long a build or update waits for another process writing the same index folder before
#: giving up with a message naming it (seconds).
DEFAULT_INDEX_LOCK_TIMEOUT = 600.0
#: On open, index files up to this size are hashed; larger ones have their size checked (all of
#: them are hashed by `factcheck index --verify DIR`).
DEFAULT_QUICK_VERIFY_BYTES = 4 * 2**20

# Retrieval
DEFAULT_TOP_K = 5
DEFAULT_CANDIDATES = 100  # per retriever, before fusion
#: Fusion of the dense and BM25 rankings: "rrf" (reciprocal rank) or "weighted" (min-max normalised
#: scores, dense weight DEFAULT_DENSE_WEIGHT).  Weighted 0.6 had the best nDCG@10 on the tuning three
#: quarters of SciFact train (0.885 against 0.871 for RRF k=60), but on the held-out quarter the two
#: are within noise (0.892 / 0.888), and on the bundled sample article weighted fusion brings in a
#: passage the NLI model wrongly reads as a contradiction, so that a claim refuted by its figures is
#: reported as refuted for the wrong reason (tests/test_end_to_end.py).  RRF stays the default until
#: the verifier prefers a figure conflict over such a contradiction; see evaluation/RESULTS.md.
DEFAULT_FUSION = "rrf"
DEFAULT_DENSE_WEIGHT = 0.6
DEFAULT_RRF_K = 60
#: Passages the optional reranker rescores (the fused top ``DEFAULT_RERANK_DEPTH``).
DEFAULT_RERANK_DEPTH = 20
#: Share of the reranker's relevance in the reranked score (the rest is the fused score).
DEFAULT_RERANK_WEIGHT = 0.5
#: Texts per forward pass of the embedder on a CPU.  Small batches are faster there: a batch of
#: 64 passages of 256 tokens holds 64 x 12 x 256 x 256 attention scores per layer (about 200 MB),
#: far outside the caches; 8 passages encode about 1.5x faster on 2 cores (RESULTS.md, 2026-12-08).
DEFAULT_EMBED_BATCH_SIZE = 8
#: The same on an accelerator, where large batches keep it busy.
DEFAULT_EMBED_BATCH_SIZE_ACCELERATOR = 64
#: Evidence sentences whose embeddings a verifier keeps between checks (about 1.5 KB each with
#: MiniLM): a corpus's sentences come back with every article checked against it.
DEFAULT_SENTENCE_MEMO = 20_000

# NLI
#: Pairs per forward pass of the NLI model on a CPU (smaller batches are faster there, as for the
#: embedder: the seed article's 192 pairs score in 0.82x the time of batches of 32, identical
#: probabilities; evaluation/RESULTS.md, 2026-12-08), and on an accelerator.
DEFAULT_NLI_BATCH_SIZE = 8
DEFAULT_NLI_BATCH_SIZE_ACCELERATOR = 32
#: The int8 scorer quantises a batch's activations together (its probabilities move a little with
#: the batch), and its figures in evaluation/RESULTS.md were measured with batches of 32.
DEFAULT_NLI_BATCH_SIZE_INT8 = 32
DEFAULT_NLI_MAX_LENGTH = 256

# Verdict rule (see factcheck.verify).  The support and refute thresholds were chosen for the
# shipped NLI model on its calibration dev split (best macro-F1 on a 0.15-0.95 grid; recorded in
# factcheck/weights/nli-minilm-l6/calibration.json by `factcheck calibrate`); the relevance gates
# on the development three quarters of SciFact train.  See evaluation/RESULTS.md.
DEFAULT_SUPPORT_THRESHOLD = 0.5
DEFAULT_REFUTE_THRESHOLD = 0.35
# `factcheck calibrate` chooses the thresholds only among those that call at most this share of the
# dev pairs that are not contradictions REFUTED: a false alarm costs a fact-checker more than an
# abstention.  5 % is the rate issue 12 allows for true claims of articles.
DEFAULT_MAX_FALSE_ALARMS = 0.05
DEFAULT_MIN_RELEVANCE = 0.45  # windows less similar than this cannot refute at all
DEFAULT_CONTRADICTION_RELEVANCE = 0.65  # ... and need this much to refute by NLI contradiction alone


@dataclass(frozen=True, slots=True)
class ChunkConfig:
    window_sentences: int = DEFAULT_WINDOW_SENTENCES
    stride: int = DEFAULT_WINDOW_STRIDE
    max_chars: int = DEFAULT_MAX_PASSAGE_CHARS

    def __post_init__(self) -> None:
        if self.window_sentences < 1:
            raise ConfigError(f"window_sentences must be >= 1, got {self.window_sentences}")
        if not 1 <= self.stride <= self.window_sentences:
            raise ConfigError(
                f"stride must be between 1 and window_sentences ({self.window_sentences}), got {self.stride}"
            )
        if self.max_chars < 100:
            raise ConfigError(f"max_chars must be >= 100, got {self.max_chars}")


#: Genders of the pronouns that claim extraction may replace by their antecedent (see ResolveRules).
PRONOUN_GENDERS = ("m", "f", "n", "pl")


@dataclass(frozen=True, slots=True)
class ResolveRules:
    """What decontextualisation (:mod:`factcheck.claims.resolve`) may rewrite.  Stamped into every
    report's config.

    A mention it may not rewrite keeps the article's wording and is listed in the claim's
    ``unresolved``.  On articles the resolver was not tuned on, "it"/"its" and "they"/"their"
    named the wrong antecedent more often than the right one (an organisation's board, product or
    newspaper is an "it" too; evaluation/RESULTS.md, issue 13), so by default they stay as written.
    """

    #: Pronouns replaced, by gender: "m" he/him/his, "f" she/her, "n" it/its, "pl" they/them/their.
    pronouns: tuple[str, ...] = ("m", "f")
    #: ... and "it" that ranks the event just told among others ("It is the first time Kim has
    #: hosted a world leader since the pandemic", "It was his second visit"), by that event's
    #: phrase, whatever ``pronouns`` says.
    ranked_event_it: bool = True
    #: A person pronoun stays as written when someone the resolver did not weigh (an untagged
    #: surname, an unresolved "the judge") stands between it and its antecedent
    #: (:mod:`factcheck.claims.rivals`).
    rivals: bool = True
    #: ... and when the previous sentence's subject is another person of its gender whom this
    #: sentence does not name, it is not resolved to someone named earlier in this sentence
    #: (:meth:`factcheck.claims.resolve.Resolver._topic_rival`).
    topic_rivals: bool = True

    def __post_init__(self) -> None:
        unknown = [g for g in self.pronouns if g not in PRONOUN_GENDERS]
        if unknown:
            raise ConfigError(f"pronoun genders must be among {PRONOUN_GENDERS}, got {unknown}")


@dataclass(frozen=True, slots=True)
class VerifyRules:
    """Every threshold of the verification stage (:mod:`factcheck.verify`), typed, in one place.

    The relevance and coverage gates decide which windows and figures are compared at all; the
    scores are the strength of the rule signals that the decision (learned, or the fallback rule of
    :mod:`factcheck.verify.decide`) reads as features.  Stamped into every report's config.
    """

    #: Windows less similar than this to the claim are not sent to the NLI model.
    min_scored_relevance: float = 0.2
    #: At most this many windows per claim are scored (the most relevant) ...
    max_windows_per_claim: int = 5
    #: ... and up to this many when one of them refutes the claim: before an alarm, the claim is
    #: read against its wider evidence (a window that confirms the figure, or supports, may stand
    #: against the refutation).  Every REFUTED verdict is thus decided on as many windows as
    #: before 2026-12-07 (8), and most claims cost 3/8 fewer NLI pairs (evaluation/RESULTS.md).
    max_windows_before_refuting: int = 8
    #: Share of the content words of the sentence holding an evidence figure that the claim must
    #: contain for the figure to be compared (dates, durations, percentages).
    min_quantity_coverage: float = 0.5
    #: ... or the share of the claim's own words (its figures left out) that the sentence holding
    #: the evidence figure contains, for a long evidence sentence that says all the claim says
    #: ("began formally on 29 March 2017, when ... invoked Article 50 of the Treaty on European
    #: Union" for "triggered Article 50 of the Treaty on European Union on 29 April 2017"); the
    #: claim must keep at least ``min_claim_words_for_sentence_alignment`` words.
    min_claim_coverage_by_sentence: float = 0.6
    min_claim_words_for_sentence_alignment: int = 3
    #: ... or, when that sentence names this share of the claim's names, this lower share of its
    #: words ("Its first stone was laid in 1163 ... at the initiative of Bishop Maurice de Sully"
    #: for "Work on the cathedral began in 1183 under Bishop Maurice de Sully").
    min_name_coverage_by_sentence: float = 0.75
    min_claim_coverage_with_names: float = 0.45
    max_claim_words_with_names: int = 10
    #: Share the whole window must contain when both figures carry the same unit noun.
    min_quantity_coverage_with_unit: float = 0.25
    #: Shares of the claim's names that the window and its whole passage (each with the document
    #: title) must contain for their figures to be compared.
    min_name_coverage_window: float = 0.5
    min_name_coverage_passage: float = 0.8
    #: A window about the claim (this share of its content words, or this embedding similarity)
    #: may confirm a figure of the claim's dimension that no narrower rule aligned.
    min_window_coverage_any_figure: float = 0.5
    min_relevance_any_figure: float = 0.7
    #: Refutation strength of a figure conflict, of a swapped name; support from figures that all agree.
    quantity_conflict_score: float = 0.9
    name_conflict_score: float = 0.75
    quantity_support_score: float = 0.6
    max_contradiction_for_figure_support: float = 0.9
    #: Ceiling on support from a window whose figures or names conflict with the claim.
    support_under_conflict: float = 0.2
    #: A window that gives only other values of the kind of one of the claim's figures that no
    #: window confirms (another date, another sum) supports it at most ``support_under_conflict``:
    #: the model's entailment reads past figures ("arrived on 6 August" for "on 6 September").
    unconfirmed_figure_caps_support: bool = True
    #: Share of the claim's other content words a window must contain before a name it lacks is
    #: read as swapped for one it has; and for any window to count as about the claim's event.
    min_coverage_for_name_conflict: float = 0.5
    #: Shares of the claim's other words the window, and the sentence with the other name in the
    #: claim name's slot, must hold for the name to count as swapped
    #: (:func:`factcheck.verify.names.slot_swap`).
    min_coverage_for_slot_swap: float = 0.6
    min_sentence_coverage_for_slot_swap: float = 0.4
    min_event_coverage: float = 0.5
    #: A quotation of at least this many content words, this share of which a clause of a window
    #: holds with another person named and the claim's speaker not, was said by that other person
    #: (:func:`factcheck.verify.quotes.speaker_swap`).
    min_quote_words_for_speaker_swap: int = 3
    min_quote_coverage_for_speaker_swap: float = 0.8
    #: Figure alignment by substitution (:mod:`factcheck.verify.substitute`): a claim figure no
    #: window aligns is replaced by a window figure of its kind, and the window gives that figure
    #: for it when the model entails the rewrite at least ``min_substituted_entailment`` and by
    #: ``min_substitution_gain`` more than the claim as written; at most
    #: ``max_substitution_probes`` rewrites per claim figure.
    substitution_alignment: bool = True
    min_substituted_entailment: float = 0.5
    min_substitution_gain: float = 0.2
    max_substitution_probes: int = 3
    #: ... and, for a claim that names no one, this many of its words of what happened in the
    #: sentence of the window's figure.
    min_event_words_without_names: int = 2
    #: Claim durations checked against the time between two dates must be at least this many years.
    min_elapsed_years: float = 1.0
    #: How far before an evidence date a cue of an earlier occurrence may stand ("last visited in").
    previous_cue_window: int = 60
    #: Evidence windows kept in a verdict (best per passage).
    max_evidence: int = 5


@dataclass(frozen=True, slots=True)
class VerifyConfig:
    top_k: int = DEFAULT_TOP_K
    #: Thresholds of the fallback rule; ``None``: those chosen for the NLI model by ``factcheck
    #: calibrate`` (in its ``calibration.json``), else DEFAULT_SUPPORT/REFUTE_THRESHOLD.
    support_threshold: float | None = None
    refute_threshold: float | None = None
    min_relevance: float = DEFAULT_MIN_RELEVANCE
    contradiction_relevance: float = DEFAULT_CONTRADICTION_RELEVANCE
    window_sentences: int = 2
    #: Pairs per NLI forward pass when the checker builds the NLI model from its name; ``None``:
    #: the model's default for its device and precision (``factcheck.nli.default_batch_size``).
    nli_batch_size: int | None = None
    rules: VerifyRules = VerifyRules()
    #: ``"learned"``: the decision model stored with the NLI model (``decision.json``) when it has
    #: one, else the rule; ``"rule"``: always the rule (thresholds above).
    decision: str = "learned"

    def __post_init__(self) -> None:
        if self.top_k < 1:
            raise ConfigError(f"top_k must be >= 1, got {self.top_k}")
        for name in ("support_threshold", "refute_threshold", "min_relevance", "contradiction_relevance"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be in [0, 1], got {value}")
        if self.window_sentences < 1:
            raise ConfigError(f"window_sentences must be >= 1, got {self.window_sentences}")
        if self.decision not in ("learned", "rule"):
            raise ConfigError(f"decision must be 'learned' or 'rule', got {self.decision!r}")
        if self.nli_batch_size is not None and self.nli_batch_size < 1:
            raise ConfigError(f"nli_batch_size must be >= 1, got {self.nli_batch_size}")


def as_dict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


# Batch checking (factcheck.batch).  Articles are parsed and their claims extracted a group at a
# time; the claims of a whole group go through retrieval and verification together, at most
# DEFAULT_BATCH_CLAIMS per call (windows deduplicated across them, NLI pairs batched together),
# and each finished group is written to the output before the next starts.  A group is also the
# unit a Ray actor takes: both engines form the same groups, so their verdicts are the same.
DEFAULT_BATCH_ARTICLES = 16
DEFAULT_BATCH_CLAIMS = 64
#: The Ray engine hands Ray Data at most this many articles per dataset, so the driver holds a
#: bounded amount of text (each window starts the actor pool anew: one model load per actor).
DEFAULT_RAY_WINDOW = 10_000
#: CPUs reserved per Ray actor (its torch threads); the actor count defaults to what the cluster holds.
DEFAULT_RAY_CPUS_PER_ACTOR = 1.0
#: Passages per Ray Data batch when embedding an index on Ray: small enough that a few thousand
#: passages keep every actor busy to the end, large enough that Ray's per-batch cost is noise.
DEFAULT_RAY_EMBED_BATCH = 128
#: Passages handed to Ray Data per dataset when embedding an index on Ray (bounds the driver's memory).
DEFAULT_RAY_EMBED_WINDOW = 200_000
