"""``factcheck index``: build, update or verify a corpus index."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

import factcheck.cli.shell as shell
from factcheck.cli.shell import ActorsArg, CpusArg, EngineArg, EngineOpt, GpusArg, QuietArg, VerboseArg, app


class VectorDtypeOpt(StrEnum):
    float16 = "float16"
    float32 = "float32"
    int8 = "int8"


@app.command("index")
def index_cmd(
    corpus: Annotated[
        Path | None, typer.Argument(help="Folder of .txt/.md/.html files, a .jsonl or a .csv file.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Index folder to write (replaced atomically).")
    ] = None,
    verify: Annotated[
        Path | None,
        typer.Option("--verify", help="Check every file of the index folder DIR against its checksums, and exit."),
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Reuse the index at --output: embed only new or changed documents, drop deleted ones.",
        ),
    ] = False,
    embedder: Annotated[str, typer.Option(help="Embedder: alias, local folder or hub id.")] = "minilm",
    window: Annotated[int, typer.Option(min=1, help="Sentences per passage.")] = 3,
    stride: Annotated[
        int | None, typer.Option(min=1, help="Sentences between passage starts (default: window).")
    ] = None,
    dtype: Annotated[
        VectorDtypeOpt, typer.Option(help="Vector storage: float16 (default), float32 or int8.")
    ] = VectorDtypeOpt.float16,
    ann: Annotated[
        str,
        typer.Option(help="ANN index above --ann-threshold passages: auto, hnswlib, faiss, usearch or none."),
    ] = "auto",
    ann_threshold: Annotated[
        int, typer.Option(min=1, help="Passages from which the ANN index replaces brute force.")
    ] = 100_000,  # factcheck.config.DEFAULT_ANN_THRESHOLD
    max_document_chars: Annotated[
        int, typer.Option(min=1, help="Skip (and count) documents longer than this.")
    ] = 10_000_000,
    engine: EngineArg = EngineOpt.local,
    actors: ActorsArg = None,
    cpus_per_actor: CpusArg = 1.0,  # factcheck.config.DEFAULT_RAY_CPUS_PER_ACTOR
    gpus_per_actor: GpusArg = 0.0,
    verbose: VerboseArg = False,
    quiet: QuietArg = False,
) -> None:
    """Build an on-disk index (dense vectors + BM25) of CORPUS, update it with --update, or check
    one with --verify DIR.  Builds of one folder take turns: a second waits for the first."""
    shell.set_quiet(quiet)
    shell.setup(verbose)
    with shell.errors():
        from factcheck.config import ChunkConfig
        from factcheck.corpus import read_corpus
        from factcheck.embed import Embedder
        from factcheck.errors import ConfigError
        from factcheck.index import build_index
        from factcheck.index.cache import corpus_info
        from factcheck.index.lock import index_lock

        if verify is not None:
            if corpus is not None or out is not None:
                raise ConfigError("--verify DIR checks an index; give it alone, without CORPUS or --output")
            return _verify_index(verify)
        if corpus is None or out is None:
            raise ConfigError("give CORPUS and --output DIR (or --verify DIR to check an index)")
        ray_options = shell.ray_options(engine, actors, cpus_per_actor, gpus_per_actor)
        emb = Embedder(embedder)
        if ray_options is not None:  # the same model, encoding on a Ray actor pool
            from factcheck.batch.ray_embed import RayEmbedder

            emb = RayEmbedder(emb, ray_options, verbose=verbose)
        chunking = ChunkConfig(window_sentences=window, stride=stride or window)
        # the corpus is read under the lock: no lost update
        with index_lock(out), shell.engine(ray_options, verbose), shell.progress() as progress:
            progress("reading corpus", 0, 1)
            read = read_corpus(corpus, max_document_chars=max_document_chars)
            progress("reading corpus", 1, 1)
            built = build_index(
                read.documents,
                out,
                embedder=emb,
                chunking=chunking,
                corpus_info=corpus_info(corpus, read),
                progress=progress,
                update=update,
                dtype=dtype.value,  # type: ignore[arg-type]
                ann=None if ann == "none" else ann,
                ann_threshold=ann_threshold,
            )
        skipped = f"; skipped {', '.join(read.summary())}" if read.warnings else ""
        stats = built.manifest["update"]
        done = (
            f"embedded {stats['embedded_documents']} new or changed documents, reused {stats['reused_documents']}, "
            f"removed {stats['removed_documents']}; "
            if update
            else ""
        )
        shell.stderr().print(
            f"indexed {len(read.documents)} documents as {len(built)} passages into {built.path} "
            f"({done}{built.manifest['build_seconds']:.1f}s){skipped}"
        )


def _verify_index(folder: Path) -> None:
    """`factcheck index --verify DIR`: hash every file; exit 2 naming the first damaged one."""
    import time

    from factcheck.index import read_manifest
    from factcheck.index.integrity import verify_index

    started = time.perf_counter()
    checked = verify_index(folder, read_manifest(folder), full=True)
    shell.stderr().print(
        f"index {folder} is intact: {checked['files']} files, {checked['bytes']:,} bytes hashed "
        f"({time.perf_counter() - started:.1f}s)"
    )


# ------------------------------------------------------------------------------------------------
# evaluate
# ------------------------------------------------------------------------------------------------
