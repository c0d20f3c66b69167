"""Linking benchmarks: embedding throughput, and top-5 candidate search latency.

Run by hand (not a test):  .venv/bin/python bench/linking.py [--sizes 10000 100000 1000000]

1. Embedding: our `Embedder.encode` beside the bare sentence-transformers model, on the
   same sentences (the seed articles' claim statements, repeated), in the same run.
1b. Linking: `suggest_links` (BM25 re-ranking, measures, typing, reasons) over the seed
   claims copied into many articles, beside bare embedding of the same statements, in
   the same run: claims per second for each, and embed + link end to end.
2. Search: top-5 latency (p50, p95) over N synthetic claim vectors with pgvector's HNSW
   index (PostgreSQL from the `pgserver` package, which bundles pgvector) beside the exact
   numpy search, and the approximate search's recall@5 against the exact one.

Synthetic vectors are clustered like real claims (many paraphrases of fewer facts): unit
vectors around random centres, so nearest neighbours are meaningful, unlike pure noise.
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from claims.linking import load_embedder, top_k  # noqa: E402

DIMENSIONS = 384
K = 5


def synthetic_vectors(
    count: int, *, queries: int, seed: int = 11
) -> tuple[np.ndarray, np.ndarray]:
    """(corpus, queries): queries are new paraphrases of facts the corpus holds, as a new
    article's claims are; cosine within a fact is about 0.8, across facts about 0."""
    rng = np.random.default_rng(seed)
    facts = rng.standard_normal((max(100, count // 20), DIMENSIONS)).astype(np.float32)

    def paraphrases(n: int) -> np.ndarray:
        vectors = facts[rng.integers(0, len(facts), n)]
        vectors = vectors + 0.5 * rng.standard_normal((n, DIMENSIONS)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    return paraphrases(count), paraphrases(queries)


def bench_embedding(sentences: list[str]) -> None:
    embedder = load_embedder()
    bare = embedder._model  # the SentenceTransformer our Embedder wraps
    embedder.encode(sentences[:64])
    started = time.perf_counter()
    bare.encode(sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    bare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    embedder.encode(sentences)
    ours_seconds = time.perf_counter() - started
    print(f"embedding {len(sentences)} statements ({embedder.version}):")
    print(f"  bare SentenceTransformer.encode: {len(sentences) / bare_seconds:8.1f} sentences/s")
    print(f"  Embedder.encode:                 {len(sentences) / ours_seconds:8.1f} sentences/s")


def seed_claims(copies: int):
    """The seed articles' extracted claims, copied into ``copies`` articles each."""
    from articles.text import normalize_upload
    from claims.extraction import extract_claims_many, load_nlp
    from claims.linking import ClaimForLinking

    bodies = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        data = path.read_bytes()
        bodies.append(normalize_upload(data, filename=path.name, max_bytes=len(data) + 1).body)
    extracted = list(extract_claims_many(bodies, nlp=load_nlp()))
    claims = []
    for copy in range(copies):
        for number, article_claims in enumerate(extracted):
            for index, claim in enumerate(article_claims):
                key = f"{copy}-{number}"
                claims.append(
                    ClaimForLinking.from_mapping(
                        claim.to_dict(), id=f"{key}#{index}", article_key=key
                    )
                )
    return claims


def bench_linking(copies: int) -> None:
    from claims.linking import embed_claims, suggest_links
    from claims.linking.pair_model import load_pair_model

    embedder = load_embedder()
    claims = seed_claims(copies)
    texts = [c.text for c in claims]
    embedder.encode(texts[:64])
    started = time.perf_counter()
    embedder._model.encode(
        texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False
    )
    bare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    vectors = embed_claims(claims, embedder=embedder)
    links = suggest_links(claims, claims, vectors, new_vectors=vectors, embedder=embedder)
    total_seconds = time.perf_counter() - started
    started = time.perf_counter()
    suggest_links(claims, claims, vectors, new_vectors=vectors, embedder=embedder)
    link_seconds = time.perf_counter() - started
    started = time.perf_counter()
    suggest_links(
        claims, claims, vectors, new_vectors=vectors, embedder=embedder, pair_model=False
    )
    rules_seconds = time.perf_counter() - started
    count = len(claims)
    print(f"linking {count} claims ({copies} copies of the seeds), {len(links)} links:")
    print(f"  bare embedding:              {count / bare_seconds:8.1f} claims/s")
    print(f"  suggest_links (no embedding): {count / link_seconds:8.1f} claims/s")
    print(f"  embed + suggest_links:        {count / total_seconds:8.1f} claims/s")
    print(f"  suggest_links, rules only:    {count / rules_seconds:8.1f} claims/s")
    started = time.perf_counter()
    load_pair_model.__wrapped__()
    print(f"  pair model load:              {time.perf_counter() - started:8.4f} s")


def seed_statements(repeat: int) -> list[str]:
    from articles.text import normalize_upload
    from claims.extraction import extract_claims_many, load_nlp

    bodies = []
    for path in sorted((REPO_ROOT / "seeds").glob("*.txt")):
        data = path.read_bytes()
        bodies.append(normalize_upload(data, filename=path.name, max_bytes=len(data) + 1).body)
    statements = [
        c.statement for claims in extract_claims_many(bodies, nlp=load_nlp()) for c in claims
    ]
    return (statements * repeat)[: len(statements) * repeat]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def bench_search(sizes: list[int], *, queries: int, ef_search: int) -> None:
    import pgserver
    import psycopg

    with tempfile.TemporaryDirectory() as folder:
        server = pgserver.get_server(folder, cleanup_mode="stop")
        with psycopg.connect(server.get_uri(), autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS vector")
            connection.execute("SET maintenance_work_mem = '4GB'")
            connection.execute("SET max_parallel_maintenance_workers = 1")
            for size in sizes:
                corpus, probe = synthetic_vectors(size, queries=queries, seed=size)
                exact_ms, exact_ids = [], []
                for query in probe:
                    started = time.perf_counter()
                    indices, _ = top_k(query[None, :], corpus, K)
                    exact_ms.append((time.perf_counter() - started) * 1000)
                    exact_ids.append(set(indices[0].tolist()))

                connection.execute("DROP TABLE IF EXISTS bench_claims")
                connection.execute(
                    "CREATE TABLE bench_claims "
                    f"(id bigint PRIMARY KEY, embedding vector({DIMENSIONS}))"
                )
                started = time.perf_counter()
                with connection.cursor().copy(
                    "COPY bench_claims (id, embedding) FROM STDIN"
                ) as copy:
                    for start in range(0, size, 10_000):
                        buffer = io.StringIO()
                        for offset, vector in enumerate(corpus[start : start + 10_000]):
                            values = ",".join(f"{x:.6g}" for x in vector)
                            buffer.write(f"{start + offset}\t[{values}]\n")
                        copy.write(buffer.getvalue())
                load_seconds = time.perf_counter() - started
                started = time.perf_counter()
                connection.execute(
                    "CREATE INDEX ON bench_claims USING hnsw (embedding vector_cosine_ops)"
                )
                index_seconds = time.perf_counter() - started
                connection.execute(f"SET hnsw.ef_search = {ef_search}")
                hnsw_ms, recalls = [], []
                for query, truth in zip(probe, exact_ids, strict=True):
                    literal = "[" + ",".join(f"{x:.7g}" for x in query) + "]"
                    started = time.perf_counter()
                    rows = connection.execute(
                        "SELECT id FROM bench_claims ORDER BY embedding <=> %s::vector LIMIT %s",
                        [literal, K],
                    ).fetchall()
                    hnsw_ms.append((time.perf_counter() - started) * 1000)
                    recalls.append(len(truth & {r[0] for r in rows}) / K)
                print(
                    f"{size:>9,} claims: exact p50 {percentile(exact_ms, 50):6.2f} ms "
                    f"p95 {percentile(exact_ms, 95):6.2f} ms | pgvector HNSW p50 "
                    f"{percentile(hnsw_ms, 50):6.2f} ms p95 {percentile(hnsw_ms, 95):6.2f} ms "
                    f"recall@5 {np.mean(recalls):.3f} (load {load_seconds:.0f} s, "
                    f"index {index_seconds:.0f} s, ef_search {ef_search})",
                    flush=True,
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--ef-search", type=int, default=200)
    parser.add_argument("--statements", type=int, default=2000)
    parser.add_argument("--skip-embedding", action="store_true")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--copies", type=int, default=20, help="Seed copies for linking.")
    args = parser.parse_args()

    if not args.skip_embedding:
        statements = seed_statements(repeat=max(1, args.statements // 80))[: args.statements]
        bench_embedding(statements)
        bench_linking(args.copies)
    if not args.skip_search:
        bench_search(args.sizes, queries=args.queries, ef_search=args.ef_search)


if __name__ == "__main__":
    main()
