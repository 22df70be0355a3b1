from __future__ import annotations

import json

import pytest

from factcheck.config import ChunkConfig
from factcheck.corpus import chunk_document, corpus_fingerprint, documents_from_records, read_corpus
from factcheck.errors import ConfigError, CorpusError

from .conftest import SAMPLE


def test_corpus_reads_folder_of_markdown_text_and_html(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("# Title A\n\nBody of A.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Body of B.", encoding="utf-8")
    (tmp_path / "c.html").write_text("<h1>Title C</h1><script>x()</script><p>Body of C.</p>", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    result = read_corpus(tmp_path)
    docs = {d.id: d for d in result.documents}
    assert set(docs) == {"a", "sub/b", "c"}
    assert docs["a"].title == "Title A" and docs["c"].title == "Title C"
    assert "x()" not in docs["c"].text
    assert result.warnings == {"empty files": 1, "binary or non-UTF-8 files": 1, "files with other extensions": 1}


def test_corpus_reads_jsonl_csv_and_scifact_abstracts(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        json.dumps({"id": "1", "title": "T", "text": "Alpha."})
        + "\n\n"
        + json.dumps({"doc_id": 42, "title": "S", "abstract": ["First sentence.", "Second one."], "structured": False})
        + "\n",
        encoding="utf-8",
    )
    docs = read_corpus(jsonl).documents
    assert [d.id for d in docs] == ["1", "42"]
    sci = docs[1]
    assert sci.text == "First sentence. Second one."
    assert [s.of(sci.text) for s in sci.sentences] == ["First sentence.", "Second one."]
    assert sci.metadata == {"structured": False}
    csv_path = tmp_path / "c.csv"
    csv_path.write_text('id,title,text\nx,Tx,"Hello, world."\ny,,Second doc.\n', encoding="utf-8")
    assert [(d.id, d.title, d.text) for d in read_corpus(csv_path).documents] == [
        ("x", "Tx", "Hello, world."),
        ("y", None, "Second doc."),
    ]


def test_corpus_bad_json_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "text": "ok"}\n{"id": "2", "text": oops}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl:2: not valid JSON"):
        read_corpus(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "no id"}\n', "has no id"),
        ('{"id": "1", "body_text": "x"}\n', "has no text"),
        ('{"id": "1", "text": "a"}\n{"id": "1", "text": "b"}\n', "duplicate document id"),
        ('{"id": "1", "text": "   "}\n', "no usable documents"),
        ("[1, 2]\n", "expected a JSON object"),
    ],
)
def test_corpus_bad_records(tmp_path, content, message):
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_corpus(path)


def test_corpus_missing_empty_and_unknown(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no usable documents"):
        read_corpus(tmp_path / "empty")
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    with pytest.raises(CorpusError, match="cannot tell the format"):
        read_corpus(tmp_path / "x.parquet")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "1", "text": "caf\xe9"}\n')
    with pytest.raises(CorpusError, match="not valid UTF-8"):
        read_corpus(latin)


def test_corpus_records_from_a_datasets_object():
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}])
    assert [d.id for d in documents_from_records(ds).documents] == ["a", "b"]


def test_corpus_chunks_keep_offsets_and_windows():
    from factcheck.corpus import Document

    text = " ".join(f"Sentence number {i} is here." for i in range(10))
    doc = Document("d", text, "Title")
    passages = chunk_document(doc, ChunkConfig(window_sentences=3, stride=2))
    assert [p.metadata["first_sentence"] for p in passages] == [0, 2, 4, 6, 8]
    for p in passages:
        assert text[p.span.start : p.span.end] == p.text
        assert p.title == "Title" and p.id.startswith("d#")
        for start, end in p.metadata["sentences"]:
            assert p.span.start <= start < end <= p.span.end
    md = Document("m", "# Heading line\n\nFirst sentence here. Second one.\n\n## Sub heading\n\nThird.")
    sentences = [md.text[a:b] for p in chunk_document(md) for a, b in p.metadata["sentences"]]
    assert sentences == ["First sentence here.", "Second one.", "Third."]
    long_doc = Document("long", "word " * 2000)
    for p in chunk_document(long_doc, ChunkConfig(max_chars=300)):
        assert len(p.text) <= 300
    with pytest.raises(ConfigError):
        ChunkConfig(window_sentences=2, stride=3)


def test_corpus_fingerprint_ignores_order_but_not_content():
    docs = read_corpus(SAMPLE / "corpus").documents
    assert len(docs) >= 30
    assert corpus_fingerprint(docs) == corpus_fingerprint(list(reversed(docs)))
    from factcheck.corpus import Document

    changed = [*docs[:-1], Document(docs[-1].id, docs[-1].text + " More.", docs[-1].title)]
    assert corpus_fingerprint(changed) != corpus_fingerprint(docs)
