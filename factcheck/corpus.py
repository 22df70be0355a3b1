"""Reference corpora: readers and chunking into passages.

Accepted corpora (``read_corpus(path)`` recognises each):

* a folder of ``.txt``, ``.md``/``.markdown`` and ``.html``/``.htm`` files, read recursively; the
  document id is the path relative to the folder without its suffix;
* a JSONL file, one document per line: ``id`` (or ``_id``/``doc_id``), ``text`` (or ``contents``,
  or SciFact's ``abstract`` as a list of sentences), optional ``title``; other fields become
  metadata;
* a CSV (or TSV) file with a header naming the same columns;
* a 🤗 ``datasets.Dataset`` passed to :func:`documents_from_records` in Python.

Problems that make the corpus unusable (no documents, a line that is not JSON, a record without
an id or text or with a field of the wrong type, duplicate ids, a file that is not UTF-8 text)
raise :class:`CorpusError` naming the file and line.  Problems that only lose a document (an
empty file, a binary file, one in another encoding than UTF-8 or that cannot be read in a folder,
a document over ``max_document_chars``) are counted in :attr:`CorpusReadResult.warnings` and
logged.  Reading never fails on the text of a document: any text is a document.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from factcheck.config import DEFAULT_MAX_DOCUMENT_CHARS, ChunkConfig
from factcheck.errors import CorpusError, DataError, InputError
from factcheck.jsonl import iter_records
from factcheck.text import decode_bytes, html_to_text, split_sentences_fast, text_fingerprint
from factcheck.types import Passage, Span

logger = logging.getLogger(__name__)

CorpusFormat = Literal["auto", "folder", "jsonl", "csv"]
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_ID_FIELDS = ("id", "_id", "doc_id", "docid")
_TEXT_FIELDS = ("text", "contents", "content", "abstract", "body")


@dataclass(frozen=True, slots=True)
class Document:
    """A reference document.  ``sentences``, when the source gives them, are spans into ``text``."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    sentences: tuple[Span, ...] | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return text_fingerprint(self.id, self.title or "", self.text)


@dataclass(slots=True)
class CorpusReadResult:
    documents: list[Document]
    warnings: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def warn(self, kind: str, example: str) -> None:
        self.warnings[kind] += 1
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 3:
            self.examples[kind].append(example)

    def summary(self) -> list[str]:
        return [f"{n} {kind} (e.g. {', '.join(self.examples.get(kind, []))})" for kind, n in self.warnings.items()]


def detect_format(path: Path) -> CorpusFormat:
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".json", ".ndjson"}:
        return "jsonl"
    if suffix in {".csv", ".tsv"}:
        return "csv"
    raise CorpusError(
        f"cannot tell the format of corpus {path}: expected a folder of .txt/.md/.html files, "
        "a .jsonl file or a .csv file"
    )


def read_corpus(
    path: str | os.PathLike[str], *, fmt: CorpusFormat = "auto", max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS
) -> CorpusReadResult:
    """Read every document of a corpus (see the module docstring for the accepted forms).

    Documents longer than ``max_document_chars`` are skipped and counted in the warnings (a
    50 MB "document" is usually a dump that should be split into documents).
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise CorpusError(f"corpus path {p} does not exist; pass a folder, a .jsonl or a .csv file")
    kind = detect_format(p) if fmt == "auto" else fmt
    if kind == "folder":
        if not p.is_dir():
            raise CorpusError(f"corpus {p} is not a folder")
        result = _read_folder(p)
    elif kind == "jsonl":
        result = _read_jsonl(p)
    elif kind == "csv":
        result = _read_csv(p)
    else:  # pragma: no cover - Literal guards this
        raise CorpusError(f"unknown corpus format {fmt!r}; use auto, folder, jsonl or csv")
    _check_ids(result.documents, p)
    _drop_oversized(result, max_document_chars)
    if not result.documents:
        extra = f" ({'; '.join(result.summary())})" if result.warnings else ""
        raise CorpusError(
            f"corpus {p} has no usable documents{extra}; add .txt/.md/.html files or JSONL records with text"
        )
    for line in result.summary():
        logger.warning("corpus %s: skipped %s", p, line)
    return result


def _drop_oversized(result: CorpusReadResult, limit: int) -> None:
    kept = []
    for d in result.documents:
        if len(d.text) > limit:
            result.warn(
                f"documents over {limit:,} characters (split them, or raise the limit with --max-document-chars)",
                f"{d.id} ({len(d.text):,} chars)",
            )
        else:
            kept.append(d)
    result.documents[:] = kept


def _check_ids(docs: Sequence[Document], where: Path) -> None:
    counts = Counter(d.id for d in docs)
    dupes = [doc_id for doc_id, n in counts.items() if n > 1]
    if dupes:
        shown = ", ".join(repr(d) for d in dupes[:5])
        raise CorpusError(
            f"corpus {where} has {len(dupes)} duplicate document id(s): {shown}; every document needs a unique id"
        )


def _title_of(text: str, suffix: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if suffix in {".md", ".markdown"} and stripped.startswith("#"):
            return stripped.lstrip("#").strip() or None
        return None
    return None


def _read_folder(folder: Path) -> CorpusReadResult:
    result = CorpusReadResult([])
    files = sorted(
        f
        for f in folder.rglob("*")
        if f.is_file() and not any(part.startswith(".") for part in f.relative_to(folder).parts)
    )
    for file in files:
        suffix = file.suffix.lower()
        rel = file.relative_to(folder).as_posix()
        if suffix not in TEXT_SUFFIXES:
            result.warn("files with other extensions", rel)
            continue
        try:
            text = decode_bytes(file.read_bytes(), name=str(file))
        except InputError as exc:
            kind = "empty files" if "empty" in str(exc) else "binary or non-UTF-8 files"
            result.warn(kind, rel)
            continue
        except OSError as exc:  # permission denied, a file removed while reading, an I/O error
            result.warn("files that cannot be read", f"{rel}: {exc.strerror or exc}")
            continue
        title = _title_of(text, suffix)
        if suffix in {".html", ".htm"}:
            text, title = html_to_text(text)
            if not text.strip():
                result.warn("empty files", rel)
                continue
        doc_id = rel[: -len(file.suffix)] if file.suffix else rel
        result.documents.append(Document(doc_id, text, title, source=rel))
    return result


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean", float: "a number", int: "a number"}.get(
        type(value), type(value).__name__
    )


def _check_types(row: Mapping[str, Any], id_field: str, text_field: str, where: str) -> None:
    """Refuse a record whose id, text or title has the wrong type (naming the record's line)."""
    doc_id = row[id_field]
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise CorpusError(f"{where}: field {id_field!r} must be a string or an integer, got {_type_name(doc_id)}")
    raw = row[text_field]
    if not (raw is None or isinstance(raw, str) or (isinstance(raw, list) and all(isinstance(s, str) for s in raw))):
        raise CorpusError(
            f"{where}: field {text_field!r} of record {doc_id!r} must be a string or a list of strings, "
            f"got {_type_name(raw)}"
        )
    title = row.get("title")
    if title is not None and not isinstance(title, str):
        raise CorpusError(f"{where}: field 'title' of record {doc_id!r} must be a string, got {_type_name(title)}")


def _record_to_document(row: Mapping[str, Any], *, where: str) -> Document | None:
    id_field = next((k for k in _ID_FIELDS if k in row and row[k] not in (None, "")), None)
    if id_field is None:
        raise CorpusError(f"{where}: record has no id (expected one of {', '.join(_ID_FIELDS)}); fields: {sorted(row)}")
    doc_id = row[id_field]
    field_name = next((k for k in _TEXT_FIELDS if k in row), None)
    if field_name is None:
        raise CorpusError(f"{where}: record {doc_id!r} has no text (expected one of {', '.join(_TEXT_FIELDS)})")
    _check_types(row, id_field, field_name, where)
    raw = row[field_name]
    sentences: tuple[Span, ...] | None = None
    if isinstance(raw, list):  # SciFact-style abstract: a list of sentences
        parts = [s.strip() for s in raw]
        spans: list[Span] = []
        pos = 0
        for part in parts:
            spans.append(Span(pos, pos + len(part)))
            pos += len(part) + 1
        text = " ".join(parts)
        sentences = tuple(spans)
    elif raw is None:
        text = ""
    else:
        text = str(raw)
    if not text.strip():
        return None
    title = row.get("title")
    metadata = {k: v for k, v in row.items() if k not in (*_ID_FIELDS, field_name, "title")}
    return Document(
        str(doc_id),
        text,
        str(title) if title else None,
        source=where.rsplit(":", 1)[0],
        sentences=sentences,
        metadata=metadata,
    )


def _read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read corpus {path}: {exc.strerror or exc}") from None
    try:
        return decode_bytes(data, name=str(path))
    except InputError as exc:
        raise CorpusError(str(exc)) from None


def _read_jsonl(path: Path) -> CorpusReadResult:
    result = CorpusReadResult([])
    for where, row in iter_records(path, error=CorpusError):
        doc = _record_to_document(row, where=where)
        if doc is None:
            result.warn("empty documents", f"line {where.rsplit(':', 1)[1]}")
        else:
            result.documents.append(doc)
    return result


def csv_records(text: str, path: Path, *, error: type[DataError] = CorpusError) -> Iterator[tuple[int, dict]]:
    """``(line, record)`` for each row of a CSV/TSV text with a header; fields may hold newlines
    and be as long as the text.  A malformed row raises ``error`` naming the file and line."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if reader.fieldnames is None:
            raise error(f"{path}: empty CSV; expected a header line naming the columns")
        for row in reader:
            if None in row:
                raise error(
                    f"{path}:{reader.line_num}: more fields than the header has ({len(reader.fieldnames)}); "
                    "quote fields that contain the delimiter"
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise error(f"{path}:{reader.line_num}: not valid CSV ({exc}); fix the quoting of that line") from None


def _read_csv(path: Path) -> CorpusReadResult:
    result = CorpusReadResult([])
    for lineno, row in csv_records(_read_text_file(path), path):
        doc = _record_to_document(row, where=f"{path}:{lineno}")
        if doc is None:
            result.warn("empty documents", f"line {lineno}")
        else:
            result.documents.append(doc)
    return result


def documents_from_records(records: Iterable[Mapping[str, Any]], *, name: str = "records") -> CorpusReadResult:
    """Documents from in-memory records, e.g. a 🤗 ``datasets.Dataset`` (iterates as dicts)."""
    result = CorpusReadResult([])
    for i, row in enumerate(records):
        doc = _record_to_document(dict(row), where=f"{name}:{i}")
        if doc is None:
            result.warn("empty documents", f"record {i}")
        else:
            result.documents.append(doc)
    if not result.documents:
        raise CorpusError(f"{name} has no usable documents")
    _check_ids(result.documents, Path(name))
    return result


def corpus_fingerprint(docs: Iterable[Document]) -> str:
    """Order-independent fingerprint of a corpus's content (ids, titles and texts)."""
    return text_fingerprint(*sorted(d.fingerprint for d in docs))


# ------------------------------------------------------------------------------------------------
# Chunking
# ------------------------------------------------------------------------------------------------


_MD_HEADING = re.compile(r"#{1,6}\s")


def _split_long(span: Span, text: str, max_chars: int) -> Iterator[Span]:
    """Cut an over-long sentence at whitespace into pieces of at most ``max_chars``."""
    start = span.start
    while span.end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        yield Span(start, cut)
        start = cut
        while start < span.end and text[start].isspace():
            start += 1
    if start < span.end:
        yield Span(start, span.end)


def chunk_document(doc: Document, config: ChunkConfig = ChunkConfig()) -> list[Passage]:
    """Cut a document into passages of ``window_sentences`` sentences every ``stride`` sentences.

    Passages never exceed ``max_chars`` (long sentences are cut at whitespace); each passage's span
    indexes ``doc.text`` and its text is that slice.  The sentence spans inside each passage are
    kept in ``metadata["sentences"]`` (document offsets) for evidence windows.
    """
    raw_sentences = list(doc.sentences) if doc.sentences is not None else split_sentences_fast(doc.text)
    # Markdown heading lines are not sentences; the document title is carried separately.
    raw_sentences = [s for s in raw_sentences if not _MD_HEADING.match(s.of(doc.text))]
    sentences = [piece for s in raw_sentences for piece in _split_long(s, doc.text, config.max_chars)]
    passages: list[Passage] = []
    i = 0
    while i < len(sentences):
        group = [sentences[i]]
        j = i + 1
        while j < len(sentences) and len(group) < config.window_sentences:
            if sentences[j].end - group[0].start > config.max_chars:
                break
            group.append(sentences[j])
            j += 1
        span = Span(group[0].start, group[-1].end)
        passages.append(
            Passage(
                id=f"{doc.id}#{len(passages)}",
                doc_id=doc.id,
                text=span.of(doc.text),
                span=span,
                title=doc.title,
                metadata={"source": doc.source, "sentences": [s.to_list() for s in group], "first_sentence": i},
            )
        )
        if j >= len(sentences):
            break
        i += min(config.stride, len(group))
    return passages


def chunk_documents(docs: Iterable[Document], config: ChunkConfig = ChunkConfig()) -> list[Passage]:
    return [p for doc in docs for p in chunk_document(doc, config)]
